// Maps a row's (column, value) cells onto job fields: well-known columns of
// fields.h become typed fields, any other column an extra field. Pure: the
// plugin applies the result to a job, the tests inspect it.
#ifndef AJ_PLUGINS_IMPORT_FIELD_MAPPING_HPP
#define AJ_PLUGINS_IMPORT_FIELD_MAPPING_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "autojobagent/plugin.h"
#include "jobspy_reader.hpp"

namespace aj::import {

enum class FieldType { STR, I64, F64, BOOL, LIST };

struct FieldInfo {
  aj_field field;
  std::string_view column;
  FieldType type;
  bool read_only;
};

/// The well-known field named `column` (case-insensitive), or nullptr.
const FieldInfo* find_field(std::string_view column);

using Value = std::variant<std::string, std::int64_t, double, bool, std::vector<std::string>>;

struct MappedRow {
  std::vector<std::pair<aj_field, Value>> fields;               ///< in column order, derived ones last
  std::vector<std::pair<std::string, std::string>> extras;      ///< columns fields.h does not know
  std::vector<std::string> problems;                             ///< "column X: ..." for each cell left out
  std::vector<std::string> read_only_columns;                    ///< host-owned columns, left out
};

/// Empty cells set nothing. Typed cells that do not parse are reported in
/// `problems` and left out; the rest of the row still maps. When the row has no
/// site, `default_site` is used. When it has a location and none of
/// city/state/country, they come from split_location.
MappedRow map_row(const Row& row, std::string_view default_site);

/// "85000", "85000.0", "1.5e5"; nothing else (no thousands separators, no NaN).
std::optional<double> parse_f64(std::string_view text);
/// "12" or a number with no fractional part ("12.0").
std::optional<std::int64_t> parse_i64(std::string_view text);
/// true/false, 1/0, yes/no, any case.
std::optional<bool> parse_bool(std::string_view text);
/// "a@x.com, b@y.com" -> {"a@x.com", "b@y.com"}; blanks dropped.
std::vector<std::string> split_list(std::string_view text);

struct Place {
  std::string city, state, country;
};
/// Deliberately simple: "City, ST, Country" (3 parts) or "City, ST" (2 parts);
/// any other shape ("Canada", "Remote", four parts) or an empty part gives nothing.
std::optional<Place> split_location(std::string_view location);

}  // namespace aj::import

#endif
