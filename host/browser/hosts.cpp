#include "browser/hosts.hpp"

#include <algorithm>
#include <cctype>

namespace aj::browser {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// scheme, host and port ("" when absent) of an absolute URL.
bool split(std::string_view url, std::string& scheme, std::string& host, std::string& port) {
  auto colon = url.find("://");
  if (colon == std::string_view::npos) return false;
  scheme = lower(url.substr(0, colon));
  auto rest = url.substr(colon + 3);
  auto end = rest.find_first_of("/?#");
  auto authority = rest.substr(0, end);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
  if (!authority.empty() && authority.front() == '[') {  // [v6]:port
    auto close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = lower(authority.substr(0, close + 1));
    if (close + 1 < authority.size() && authority[close + 1] == ':') port = std::string(authority.substr(close + 2));
  } else {
    auto c = authority.rfind(':');
    host = lower(authority.substr(0, c));
    if (c != std::string_view::npos) port = std::string(authority.substr(c + 1));
  }
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (port.empty()) port = scheme == "https" ? "443" : "80";
  return !host.empty();
}

bool matches(const std::string& pattern, const std::string& host, const std::string& port) {
  std::string p = lower(pattern);
  std::string want_port;
  if (!p.empty() && p.front() == '[') {  // [v6] or [v6]:port
    auto close = p.find(']');
    if (close != std::string::npos && close + 1 < p.size() && p[close + 1] == ':') {
      want_port = p.substr(close + 2);
      p.resize(close + 1);
    }
  } else if (std::count(p.begin(), p.end(), ':') == 1) {
    auto c = p.find(':');
    want_port = p.substr(c + 1);
    p.resize(c);
  }
  if (!want_port.empty() && want_port != port) return false;
  if (p.rfind("*.", 0) == 0) {
    std::string base = p.substr(2);
    return host == base || (host.size() > base.size() && host.compare(host.size() - base.size(), base.size(), base) == 0 &&
                            host[host.size() - base.size() - 1] == '.');
  }
  return host == p;
}

}  // namespace

std::string url_host(std::string_view url) {
  std::string scheme, host, port;
  return split(url, scheme, host, port) ? host : "";
}

std::string refusal(std::string_view url, const std::vector<std::string>& allowed) {
  if (url == "about:blank") return "";
  std::string scheme, host, port;
  if (!split(url, scheme, host, port) || (scheme != "http" && scheme != "https"))
    return "only http:// and https:// pages may be opened, not " + std::string(url.substr(0, 80));
  if (allowed.empty()) return "";
  if (std::any_of(allowed.begin(), allowed.end(), [&](const std::string& p) { return matches(p, host, port); }))
    return "";
  return "the host " + host + " is not among this component's browser.allowed_hosts; add it there to allow it";
}

}  // namespace aj::browser
