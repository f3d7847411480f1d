// Reading JSON answers (Boost.JSON, compiled once into ajsrc).
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ajsrc {

/// Parses `body`; throws aj::SourceError(layout_changed) naming `what` when it is not JSON.
boost::json::value parse_json(std::string_view body, std::string_view what);

/// The value at a dotted path ("compensation.tiers.0.min"; numbers index arrays), or nullptr.
const boost::json::value* at(const boost::json::value& v, std::string_view path);
/// Text of a string value (numbers and bools as text); "" for null or absent.
std::string str(const boost::json::value* v);
std::string str(const boost::json::value& v, std::string_view path);
std::optional<double> num(const boost::json::value* v);  // finite numbers, and numeric strings
std::optional<double> num(const boost::json::value& v, std::string_view path);
std::optional<bool> boolean(const boost::json::value* v);
/// A number as int64_t, cut toward zero; nullopt when there is none or it is outside
/// int64_t's range (where a cast would be undefined: 1e300 is valid JSON).
std::optional<int64_t> to_int64(std::optional<double> d);
const boost::json::array* array(const boost::json::value& v, std::string_view path);

/// `text` as a JSON string literal, quotes included.
std::string quote(std::string_view text);

}  // namespace ajsrc
