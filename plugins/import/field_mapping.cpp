#include "field_mapping.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace aj::import {
namespace {

#define AJ_IMPORT_FIELD_(num, name, column, type, access) \
  FieldInfo{AJ_F_##name, column, FieldType::type, std::string_view(#access) == "RO"},
constexpr std::array kFields{AJ_FIELD_LIST(AJ_IMPORT_FIELD_)};
#undef AJ_IMPORT_FIELD_

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    std::string_view t = trim(item);
    if (t.empty()) continue;
    if (!out.empty()) out += ", ";
    out += t;
  }
  return out;
}

// The value as the message shows it: quoted, and cut when long.
std::string quoted(std::string_view text) {
  constexpr std::size_t kMax = 40;
  if (text.size() <= kMax) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, kMax)) + "...'";
}

}  // namespace

const FieldInfo* find_field(std::string_view column) {
  column = trim(column);
  for (const FieldInfo& f : kFields)
    if (iequals(f.column, column)) return &f;
  return nullptr;
}

std::optional<double> parse_f64(std::string_view text) {
  text = trim(text);
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> parse_i64(std::string_view text) {
  text = trim(text);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc() && end == text.data() + text.size()) return v;
  // pandas writes an integer column with gaps as floats: "12.0".
  std::optional<double> d = parse_f64(text);
  if (!d || std::trunc(*d) != *d || std::fabs(*d) > 9.0e15) return std::nullopt;
  return static_cast<std::int64_t>(*d);
}

std::optional<bool> parse_bool(std::string_view text) {
  text = trim(text);
  for (std::string_view t : {"true", "1", "yes"})
    if (iequals(text, t)) return true;
  for (std::string_view f : {"false", "0", "no"})
    if (iequals(text, f)) return false;
  return std::nullopt;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  while (true) {
    std::size_t comma = text.find(',');
    std::string_view item = trim(text.substr(0, comma));
    if (!item.empty()) items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

std::optional<Place> split_location(std::string_view location) {
  std::vector<std::string_view> parts;
  while (true) {
    std::size_t comma = location.find(',');
    parts.push_back(trim(location.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    location.remove_prefix(comma + 1);
  }
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  for (std::string_view p : parts)
    if (p.empty()) return std::nullopt;
  Place place{std::string(parts[0]), std::string(parts[1]), parts.size() == 3 ? std::string(parts[2]) : ""};
  return place;
}

MappedRow map_row(const Row& row, std::string_view default_site) {
  MappedRow out;
  bool has_site = false, has_place = false;
  std::string location;

  for (const Cell& cell : row.cells) {
    const FieldInfo* f = find_field(cell.column);
    const std::string text = cell.is_list ? join(cell.items) : std::string(trim(cell.text));
    if (text.empty()) continue;
    if (!f) {
      out.extras.emplace_back(std::string(trim(cell.column)), text);
      continue;
    }
    if (f->read_only) {
      out.read_only_columns.emplace_back(f->column);
      continue;
    }
    const std::string column(f->column);
    switch (f->type) {
      case FieldType::STR:
        out.fields.emplace_back(f->field, text);
        break;
      case FieldType::LIST:
        if (cell.is_list) {
          std::vector<std::string> items;
          for (const std::string& item : cell.items)
            if (!trim(item).empty()) items.emplace_back(trim(item));
          out.fields.emplace_back(f->field, std::move(items));
        } else {
          out.fields.emplace_back(f->field, split_list(text));
        }
        break;
      case FieldType::F64:
        if (auto v = cell.is_list ? std::nullopt : parse_f64(text))
          out.fields.emplace_back(f->field, *v);
        else
          out.problems.push_back("column " + column + ": " + quoted(text) + " is not a number");
        break;
      case FieldType::I64:
        if (auto v = cell.is_list ? std::nullopt : parse_i64(text))
          out.fields.emplace_back(f->field, *v);
        else
          out.problems.push_back("column " + column + ": " + quoted(text) + " is not a whole number");
        break;
      case FieldType::BOOL:
        if (auto v = cell.is_list ? std::nullopt : parse_bool(text))
          out.fields.emplace_back(f->field, *v);
        else
          out.problems.push_back("column " + column + ": " + quoted(text) + " is not true or false");
        break;
    }
    if (f->field == AJ_F_SITE) has_site = true;
    if (f->field == AJ_F_CITY || f->field == AJ_F_STATE || f->field == AJ_F_COUNTRY) has_place = true;
    if (f->field == AJ_F_LOCATION) location = text;
  }

  if (!has_site && !default_site.empty()) out.fields.emplace_back(AJ_F_SITE, std::string(default_site));
  if (!location.empty() && !has_place) {
    if (std::optional<Place> place = split_location(location)) {
      out.fields.emplace_back(AJ_F_CITY, std::move(place->city));
      out.fields.emplace_back(AJ_F_STATE, std::move(place->state));
      if (!place->country.empty()) out.fields.emplace_back(AJ_F_COUNTRY, std::move(place->country));
    }
  }
  return out;
}

}  // namespace aj::import
