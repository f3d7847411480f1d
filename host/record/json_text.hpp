// Writing JSON text by hand where a DOM would only slow the hot path down.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aj::host {

/// Appends `s` as a quoted JSON string. Invalid UTF-8 bytes become U+FFFD.
void append_json_string(std::string& out, std::string_view s);
std::string json_string(std::string_view s);
std::string json_array(const std::vector<std::string>& items);
/// `s` with each byte that is not part of well-formed UTF-8 replaced by U+FFFD
/// (a page or an API answer in Latin-1, a sequence cut short).
std::string valid_utf8(std::string_view s);
/// Formats a double the shortest way that reads back the same ("85000", "72.5").
std::string format_number(double v);

}  // namespace aj::host
