#include "record/job_record.hpp"

#include "record/json_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace aj::host {
namespace {

const FieldValue kEmpty{};

bool type_matches(FieldType t, const FieldValue& v) {
  switch (t) {
    case FieldType::Str: return std::holds_alternative<std::string>(v);
    case FieldType::I64: return std::holds_alternative<int64_t>(v);
    case FieldType::F64: return std::holds_alternative<double>(v);
    case FieldType::Bool: return std::holds_alternative<bool>(v);
    case FieldType::List: return std::holds_alternative<std::vector<std::string>>(v);
  }
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// 64-bit FNV-1a: a stable fallback key, not a security measure.
uint64_t fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

bool tracking_param(std::string_view name) {
  std::string n = lower(name);
  return n.starts_with("utm_") || n == "trackingid" || n == "refid" || n == "trk" || n == "fbclid" || n == "gclid";
}

}  // namespace

const FieldValue& JobRecord::get(aj_field id) const {
  if (!field_info(id)) return kEmpty;
  return values_[id - 1];
}

bool JobRecord::has(aj_field id) const { return !std::holds_alternative<std::monostate>(get(id)); }

bool JobRecord::set(aj_field id, FieldValue value) {
  const FieldInfo* info = field_info(id);
  if (!info) return false;
  if (std::holds_alternative<std::monostate>(value)) {
    values_[id - 1] = std::monostate{};
    return true;
  }
  if (!type_matches(info->type, value)) return false;
  values_[id - 1] = std::move(value);
  return true;
}

void JobRecord::clear(aj_field id) {
  if (field_info(id)) values_[id - 1] = std::monostate{};
}

const std::string* JobRecord::str(aj_field id) const { return std::get_if<std::string>(&get(id)); }

std::string JobRecord::str_or_empty(aj_field id) const {
  const std::string* s = str(id);
  return s ? *s : std::string();
}

const std::string* JobRecord::extra(std::string_view key) const {
  for (const auto& [k, v] : extras_)
    if (k == key) return &v;
  return nullptr;
}

void JobRecord::set_extra(std::string_view key, std::string_view value) {
  for (auto& [k, v] : extras_) {
    if (k == key) {
      v.assign(value);
      return;
    }
  }
  extras_.emplace_back(std::string(key), std::string(value));
}

std::string JobRecord::extras_json() const {
  if (extras_.empty()) return {};
  std::string out = "{";
  for (const auto& [k, v] : extras_) {
    if (out.size() > 1) out += ',';
    append_json_string(out, k);
    out += ':';
    append_json_string(out, v);
  }
  return out + "}";
}

bool JobRecord::append(aj_field id, std::string value) {
  const FieldInfo* info = field_info(id);
  if (!info || info->type != FieldType::List) return false;
  FieldValue& slot = values_[id - 1];
  if (!std::holds_alternative<std::vector<std::string>>(slot)) slot = std::vector<std::string>{};
  std::get<std::vector<std::string>>(slot).push_back(std::move(value));
  return true;
}

std::string JobRecord::key() const {
  std::string site = lower(str_or_empty(AJ_F_SITE));
  if (site.empty()) site = "unknown";
  if (const std::string* id = str(AJ_F_ID); id && !id->empty()) return site + ":" + *id;
  for (aj_field f : {AJ_F_JOB_URL, AJ_F_JOB_URL_DIRECT})
    if (const std::string* url = str(f); url && !url->empty()) return "url:" + canonical_url(*url);
  std::string basis = lower(str_or_empty(AJ_F_COMPANY)) + "\x1f" + lower(str_or_empty(AJ_F_TITLE)) + "\x1f" +
                      lower(str_or_empty(AJ_F_LOCATION));
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(basis)));
  return site + ":h" + buf;
}

std::string canonical_url(std::string_view url) {
  std::string_view rest = url;
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  std::string out;
  auto scheme_end = rest.find("://");
  std::string_view path_and_query = rest;
  if (scheme_end != std::string_view::npos) {
    auto host_end = rest.find_first_of("/?", scheme_end + 3);
    std::string_view authority = rest.substr(0, host_end);
    out = lower(authority);
    path_and_query = host_end == std::string_view::npos ? std::string_view() : rest.substr(host_end);
  }
  std::string_view path = path_and_query, query;
  if (auto q = path_and_query.find('?'); q != std::string_view::npos) {
    path = path_and_query.substr(0, q);
    query = path_and_query.substr(q + 1);
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);  // "host/" and "host" are one page
  out.append(path);
  std::string kept;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view param = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (param.empty() || tracking_param(param.substr(0, param.find('=')))) continue;
    kept += kept.empty() ? "?" : "&";
    kept.append(param);
  }
  return out + kept;
}

}  // namespace aj::host
