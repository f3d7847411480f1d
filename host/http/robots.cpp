#include "http/robots.hpp"

#include "http/message.hpp"

#include <charconv>
#include <cmath>

namespace aj::http {
namespace {

bool is_ws(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

bool is_alpha(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_unreserved(unsigned char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
bool is_reserved(unsigned char c) {
  static constexpr std::string_view kReserved = ":/?#[]@!$&'()*+,;=";
  return kReserved.find(static_cast<char>(c)) != std::string_view::npos;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

void append_encoded(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

// The form RFC 9309 2.2.2 compares in: %XX of an unreserved character is
// decoded, other %XX stay encoded (upper-case hex), and octets that may not
// appear literally in a URI (non-ASCII, controls, space, ...) get encoded. A
// literal '*' or '$' in a path is encoded as well, so that the patterns
// "%2A" and "%24" match it (2.2.3); in a pattern, '*' stays the wildcard.
std::string normalise(std::string_view s, bool pattern) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      auto v = static_cast<unsigned char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      if (is_unreserved(v))
        out += static_cast<char>(v);
      else
        append_encoded(out, v);
      i += 2;
    } else if (c == '*' && pattern) {
      out += '*';
    } else if (c == '*' || c == '$' || (!is_unreserved(c) && !is_reserved(c))) {
      append_encoded(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Whether `pattern` ('*' = any run of octets) matches a prefix of `path`, or
// all of it when anchored. Backtracks to the last '*' only: linear in
// practice, O(path x pattern) at worst.
bool matches(std::string_view path, std::string_view pattern, bool anchored) {
  size_t t = 0, p = 0, star = std::string_view::npos, mark = 0;
  while (t < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == path[t]) {
      ++p;
      ++t;
    } else if (p == pattern.size() && !anchored) {
      return true;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// The product token of a user-agent value or of our own name: the leading
// run of letters, '-' and '_' ("AutoJobAgent/1.0" -> "AutoJobAgent").
std::string_view product_token(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && (is_alpha(static_cast<unsigned char>(s[n])) || s[n] == '-' || s[n] == '_')) ++n;
  return s.substr(0, n);
}

std::optional<double> parse_delay(std::string_view v) {
  double d = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d) || d < 0) return std::nullopt;
  return d;
}

// The text within the size limit, without a line the limit cuts in two (a
// cut rule could be broader or narrower than the one written).
std::string_view within_limit(std::string_view text) {
  if (text.size() <= RobotsRules::kMaxSize) return text;
  char next = text[RobotsRules::kMaxSize];
  text = text.substr(0, RobotsRules::kMaxSize);
  if (next == '\n' || next == '\r') return text;
  size_t eol = text.find_last_of("\r\n");
  return eol == std::string_view::npos ? std::string_view() : text.substr(0, eol);
}

}  // namespace

RobotsRules RobotsRules::parse(std::string_view robots_txt, std::string_view our_agent) {
  std::string_view text = within_limit(robots_txt);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::string_view ours = product_token(our_agent);

  // Rules and delays of the groups naming us and of the "*" groups; which
  // set applies is known only at the end (2.2.1).
  struct Collected {
    bool seen = false;
    std::vector<Rule> rules;
    std::optional<double> delay;
  } mine, star;
  bool group_is_mine = false, group_is_star = false;
  bool in_group = false;        // a user-agent line has been seen
  bool reading_agents = false;  // the last record was a user-agent line

  auto add_to_group = [&](auto&& add) {
    reading_agents = false;
    if (group_is_mine) add(mine);
    if (group_is_star) add(star);
  };

  while (!text.empty()) {
    size_t eol = text.find_first_of("\r\n");
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);

    line = line.substr(0, line.find('#'));
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));

    if (iequals(key, "user-agent")) {
      if (!reading_agents) group_is_mine = group_is_star = false;
      reading_agents = in_group = true;
      if (value.starts_with('*') && trim(value.substr(1)).empty()) {
        group_is_star = star.seen = true;
      } else {
        std::string_view token = product_token(value);
        if (!token.empty() && iequals(token, ours)) group_is_mine = mine.seen = true;
      }
    } else if (iequals(key, "allow") || iequals(key, "disallow")) {
      if (!in_group) continue;
      Rule rule;
      rule.allow = iequals(key, "allow");
      std::string_view pattern = value;
      if (pattern.ends_with('$')) {
        rule.anchored = true;
        pattern.remove_suffix(1);
      }
      rule.pattern = normalise(pattern, true);
      rule.length = rule.pattern.size() + (rule.anchored ? 1 : 0);
      // An empty Disallow (or Allow) says nothing; it still ends the agent lines.
      add_to_group([&](Collected& c) {
        if (rule.length > 0) c.rules.push_back(rule);
      });
    } else if (iequals(key, "crawl-delay")) {
      if (!in_group) continue;
      std::optional<double> delay = parse_delay(value);
      add_to_group([&](Collected& c) {
        if (delay && (!c.delay || *delay > *c.delay)) c.delay = delay;
      });
    }
    // Other keys (sitemap, host, typos) are neither rules nor group boundaries.
  }

  RobotsRules out;
  const Collected* chosen = mine.seen ? &mine : star.seen ? &star : nullptr;
  if (chosen) {
    out.rules_ = chosen->rules;
    out.crawl_delay_ = chosen->delay;
  }
  return out;
}

RobotsRules RobotsRules::allow_all() { return RobotsRules(); }

RobotsRules RobotsRules::disallow_all() {
  RobotsRules out;
  out.rules_.push_back(Rule{"/", false, false, 1});
  return out;
}

bool RobotsRules::allowed(std::string_view path_and_query) const {
  if (path_and_query.empty()) path_and_query = "/";
  if (path_and_query.substr(0, path_and_query.find('?')) == "/robots.txt") return true;
  if (rules_.empty()) return true;

  const std::string path = normalise(path_and_query, false);
  const Rule* best = nullptr;
  for (const Rule& r : rules_) {
    if (best && (r.length < best->length || (r.length == best->length && !r.allow))) continue;
    if (matches(path, r.pattern, r.anchored)) best = &r;
  }
  return !best || best->allow;
}

}  // namespace aj::http
