// Which addresses a component's tabs may load: http(s) only (and
// about:blank), and when the component lists allowed hosts, only those.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aj::browser {

/// The host of an http(s) URL, lower-cased, without port or user ("" if none).
std::string url_host(std::string_view url);

/// Why `url` may not be loaded under `allowed` (patterns "example.com",
/// "*.example.com" for it and its subdomains, "host:port"); "" when it may.
std::string refusal(std::string_view url, const std::vector<std::string>& allowed);

}  // namespace aj::browser
