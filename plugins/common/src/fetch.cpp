#include "ajsrc/fetch.hpp"

#include "ajsrc/text.hpp"

#include <array>
#include <cstring>

namespace ajsrc {
namespace {

std::string where(const aj::HttpResponse& r, std::string_view what) {
  std::string s(what);
  if (!r.url().empty()) s += " (" + std::string(r.url()) + ")";
  return s;
}

}  // namespace

bool is_wall_url(std::string_view url) {
  std::string u = lower(url);
  auto scheme = u.find("://");
  auto slash = u.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  std::string path = slash == std::string::npos ? "" : u.substr(slash);
  static constexpr std::array<std::string_view, 8> walls = {"/login", "/signin", "/sign-in", "/signup", "/authwall",
                                                            "/checkpoint", "/captcha", "/challenge"};
  for (auto w : walls) {
    auto i = path.find(w);
    if (i != std::string::npos && (i + w.size() == path.size() || std::string_view("/?._-").find(path[i + w.size()]) != std::string_view::npos))
      return true;
  }
  return false;
}

bool looks_like_captcha(std::string_view body) {
  const std::string head = lower(body.substr(0, 64 * 1024));
  // memmem: a plain find stops at every first letter of each mark.
  for (std::string_view m : {"g-recaptcha", "hcaptcha.com", "challenges.cloudflare.com", "cf-chl-",
                             "<title>just a moment", "are you a robot", "unusual traffic from your computer"})
    if (memmem(head.data(), head.size(), m.data(), m.size())) return true;
  return false;
}

void expect_ok(const aj::HttpResponse& r, std::string_view what) {
  using aj::Outcome;
  if (!r.ok()) {
    std::string err(r.error());
    switch (r.failure()) {
      case AJ_HTTP_FAIL_CANCELLED: throw aj::Error(std::string(what) + ": cancelled", AJ_CANCELLED);
      case AJ_HTTP_FAIL_ROBOTS:
        throw aj::SourceError(Outcome::blocked, where(r, what) + ": " + err +
                                                    " (robots.txt; switch the source off, or set `http: { robots: false }` "
                                                    "on it only where you are allowed to)");
      case AJ_HTTP_FAIL_INVALID: throw aj::Error(where(r, what) + ": " + err);
      default: throw aj::SourceError(Outcome::network_error, where(r, what) + ": " + err, r.result() == AJ_OK ? AJ_ERROR : r.result());
    }
  }
  int code = r.status();
  std::string at = where(r, what);
  if (code == 401 || code == 403 || code == 407 || code == 429 || code == 999)
    throw aj::SourceError(Outcome::blocked, at + ": HTTP " + std::to_string(code) +
                                                (code == 429 ? " (rate limited; try later or raise http.delay_ms)"
                                                             : " (the site refuses this client; try later, or a proxy)"));
  if (is_wall_url(r.url()))
    throw aj::SourceError(Outcome::blocked, std::string(what) + ": redirected to a sign-in wall (" + std::string(r.url()) + ")");
  if (code >= 500) throw aj::SourceError(Outcome::network_error, at + ": HTTP " + std::to_string(code) + " after the retries");
  if (code < 200 || code >= 300) throw aj::Error(at + ": HTTP " + std::to_string(code));
  if (looks_like_captcha(r.body()))
    throw aj::SourceError(Outcome::blocked, at + ": the site answered with a bot check (CAPTCHA)");
}

}  // namespace ajsrc
