// Turning an HTTP answer into a source outcome: a query never fails silently.
#pragma once

#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <string>
#include <string_view>

namespace ajsrc {

/// Throws aj::SourceError (or aj::Error) unless `r` is a 2xx answer a plugin can read:
///  - cancelled run                       -> aj::Error(AJ_CANCELLED)
///  - no answer (network, circuit, proxy, not in the --replay recording) -> network error
///  - robots.txt forbids the URL          -> blocked
///  - 401, 403, 407, 429, 999 (LinkedIn)  -> blocked
///  - a final URL on a sign-in or CAPTCHA wall (/login, /signup, /authwall,
///    /checkpoint, /captcha, /challenge) or a CAPTCHA page -> blocked
///  - 5xx                                 -> network error (after the host's retries)
///  - other statuses                      -> error, naming the URL
/// `what` names the request for the message ("LinkedIn search page 3").
void expect_ok(const aj::HttpResponse& r, std::string_view what);

/// True when a body looks like a bot check rather than content (reCAPTCHA,
/// hCaptcha, Cloudflare's challenge, "are you a robot").
bool looks_like_captcha(std::string_view body);

/// True when a URL's path is a sign-in or challenge wall.
bool is_wall_url(std::string_view url);

}  // namespace ajsrc
