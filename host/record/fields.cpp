#include "record/fields.hpp"

#include <algorithm>
#include <array>

namespace aj::host {
namespace {

constexpr FieldType type_of_STR = FieldType::Str;
constexpr FieldType type_of_I64 = FieldType::I64;
constexpr FieldType type_of_F64 = FieldType::F64;
constexpr FieldType type_of_BOOL = FieldType::Bool;
constexpr FieldType type_of_LIST = FieldType::List;
constexpr bool writable_RW = true;
constexpr bool writable_RO = false;

#define AJ_FIELD_INFO_(num, name, column, type, access) FieldInfo{num, column, type_of_##type, writable_##access},
constexpr std::array kFields{AJ_FIELD_LIST(AJ_FIELD_INFO_)};
#undef AJ_FIELD_INFO_

static_assert(kFields.size() == kFieldCount, "field numbers must be 1..N without gaps");
constexpr bool numbered_in_order() {
  for (std::size_t i = 0; i < kFields.size(); ++i)
    if (kFields[i].id != i + 1) return false;
  return true;
}
static_assert(numbered_in_order(), "fields.h must list fields in number order without gaps");

}  // namespace

std::span<const FieldInfo> all_fields() { return kFields; }

const FieldInfo* field_info(aj_field id) {
  if (id < 1 || id > kFields.size()) return nullptr;
  return &kFields[id - 1];
}

std::optional<aj_field> field_by_column(std::string_view column) {
  auto it = std::find_if(kFields.begin(), kFields.end(), [&](const FieldInfo& f) { return f.column == column; });
  if (it == kFields.end()) return std::nullopt;
  return it->id;
}

}  // namespace aj::host
