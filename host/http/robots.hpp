// robots.txt rules for one user agent, as RFC 9309 defines them: which paths
// of a site the host may fetch, and how long to wait between requests.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aj::http {

class RobotsRules {
 public:
  /// The rules `robots_txt` sets for `product_token` (e.g. "AutoJobAgent";
  /// anything after the token, such as "/1.0", is ignored).
  static RobotsRules parse(std::string_view robots_txt, std::string_view product_token);
  /// For a 4xx answer to /robots.txt (RFC 9309 2.3.1.3).
  static RobotsRules allow_all();
  /// For a 5xx answer or an unreachable server (RFC 9309 2.3.1.4).
  static RobotsRules disallow_all();

  /// Whether `path_and_query` (e.g. "/jobs?page=2") may be fetched.
  bool allowed(std::string_view path_and_query) const;
  /// The non-standard Crawl-delay of the matched groups in seconds (the
  /// largest when several groups give one), if any.
  std::optional<double> crawl_delay() const { return crawl_delay_; }

  /// Only the first 500 KiB of a robots.txt are read (RFC 9309 2.5).
  static constexpr std::size_t kMaxSize = 500 * 1024;

 private:
  struct Rule {
    std::string pattern;  // normalised; '*' is the wildcard (a literal '*' is %2A)
    bool anchored = false;  // the pattern ended in '$'
    bool allow = false;
    std::size_t length = 0;  // octets of the normalised pattern, for longest match
  };

  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
};

}  // namespace aj::http
