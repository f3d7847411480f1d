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
