// One job record as the host holds it: the well-known fields plus free-form extras.
#pragma once

#include "record/fields.hpp"

#include <array>
#include <deque>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace aj::host {

using FieldValue = std::variant<std::monostate, std::string, int64_t, double, bool, std::vector<std::string>>;

class JobRecord {
 public:
  const FieldValue& get(aj_field id) const;
  bool has(aj_field id) const;
  /// Type-checked set; false when the field is unknown or of another type.
  bool set(aj_field id, FieldValue value);
  void clear(aj_field id);

  const std::string* str(aj_field id) const;
  std::string str_or_empty(aj_field id) const;

  /// A deque: adding a key never moves the others, so views a plugin holds of
  /// other extras stay valid (plugin.h promises that).
  using Extras = std::deque<std::pair<std::string, std::string>>;
  Extras& extras() { return extras_; }
  const Extras& extras() const { return extras_; }
  const std::string* extra(std::string_view key) const;
  void set_extra(std::string_view key, std::string_view value);
  /// The extras as a JSON object, or "" when there are none.
  std::string extras_json() const;
  /// Appends to a list field in place; false for a field that is not a list.
  bool append(aj_field id, std::string value);

  /// The stable identity of this posting across runs: "site:site-id", else the
  /// canonical URL, else a hash of company, title and location.
  std::string key() const;

  /// Which pipeline component produced it (for `inputs:`); not stored.
  std::string origin;

 private:
  std::array<FieldValue, kFieldCount> values_{};
  Extras extras_;
};

/// Lower-cased scheme and host, no fragment, no tracking parameters (utm_*,
/// trackingId, refId), no trailing slash on the path.
std::string canonical_url(std::string_view url);

}  // namespace aj::host
