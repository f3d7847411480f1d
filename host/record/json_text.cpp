#include "record/json_text.hpp"

#include <autojobagent/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace aj::host {

// One escaper for the host and the plugins: sdk/include/autojobagent/json.hpp.
void append_json_string(std::string& out, std::string_view s) { aj::append_json_string(out, s); }

std::string json_string(std::string_view s) { return aj::json_string(s); }

std::string json_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  return out + "]";
}

std::string valid_utf8(std::string_view s) {
  // Nearly all text is valid already: find the first bad byte before copying piece by piece.
  std::size_t good = 0;
  while (good < s.size()) {
    if (static_cast<unsigned char>(s[good]) < 0x80) {
      ++good;
      continue;
    }
    std::size_t n = aj::detail::utf8_length(s, good);
    if (n == 0) break;
    good += n;
  }
  if (good == s.size()) return std::string(s);
  std::string out(s.substr(0, good));
  out.reserve(s.size() + 8);
  for (std::size_t i = good; i < s.size();) {
    std::size_t n = aj::detail::utf8_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string format_number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  // Plain digits for people and for JSON alike: 100000, not the shorter 1e+05.
  auto [end, ec] = std::fabs(v) < 1e15 ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                                        : std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return "null";
  return std::string(buf, end);
}

}  // namespace aj::host
