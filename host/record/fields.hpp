// The host's view of the well-known job fields (sdk/include/autojobagent/fields.h).
#pragma once

#include <autojobagent/plugin.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace aj::host {

enum class FieldType { Str, I64, F64, Bool, List };

struct FieldInfo {
  aj_field id;
  std::string_view column;  // python-jobspy's name where it has one
  FieldType type;
  bool writable;            // false: host-owned, plugins only read it
};

/// All fields, in id order (fields[i].id == i + 1).
std::span<const FieldInfo> all_fields();
/// nullptr for an id this host does not know (a newer plugin's field).
const FieldInfo* field_info(aj_field id);
std::optional<aj_field> field_by_column(std::string_view column);

constexpr std::size_t kFieldCount = AJ_F_END_ - 1;

}  // namespace aj::host
