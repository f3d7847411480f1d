// Netstring encoding of the stored records (see records.hpp). Each record
// starts with a version field, "1", so a later layout can tell old records.
#include "records.hpp"

#include <charconv>

namespace aj::dedup {
namespace {

void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ',';
}
void put(std::string& out, uint64_t n) { put(out, std::to_string(n)); }

class Reader {
 public:
  explicit Reader(std::string_view text) : rest_(text) {}
  std::optional<std::string_view> next() {
    std::size_t colon = rest_.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 10) return std::nullopt;
    std::size_t len = 0;
    auto [p, ec] = std::from_chars(rest_.data(), rest_.data() + colon, len);
    if (ec != std::errc() || p != rest_.data() + colon) return std::nullopt;
    if (rest_.size() < colon + 1 + len + 1 || rest_[colon + 1 + len] != ',') return std::nullopt;
    std::string_view field = rest_.substr(colon + 1, len);
    rest_.remove_prefix(colon + 1 + len + 1);
    return field;
  }
  bool str(std::string& out) {
    auto f = next();
    if (!f) return false;
    out.assign(*f);
    return true;
  }
  template <class N>
  bool num(N& out) {
    auto f = next();
    if (!f) return false;
    auto [p, ec] = std::from_chars(f->data(), f->data() + f->size(), out);
    return ec == std::errc() && p == f->data() + f->size();
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

constexpr std::string_view kVersion = "2";  // 2: groups keep no URLs (the store has them)

}  // namespace

std::string encode(const MemberRecord& r) {
  std::string out;
  put(out, kVersion);
  for (const std::string* f : {&r.group, &r.reason, &r.repost_of, &r.site, &r.date, &r.company, &r.place,
                               &r.levels, &r.title, &r.requisition})
    put(out, *f);
  put(out, r.shingle_size);
  put(out, r.shingles);
  std::string sig(r.signature.size() * 4, '\0');  // little-endian 32-bit values
  for (std::size_t i = 0; i < r.signature.size(); ++i)
    for (int b = 0; b < 4; ++b) sig[i * 4 + b] = static_cast<char>((r.signature[i] >> (8 * b)) & 0xFF);
  put(out, sig);
  return out;
}

std::optional<MemberRecord> decode_member(std::string_view text) {
  Reader in(text);
  MemberRecord r;
  std::string version, sig;
  if (!in.str(version) || version != kVersion) return std::nullopt;
  for (std::string* f : {&r.group, &r.reason, &r.repost_of, &r.site, &r.date, &r.company, &r.place, &r.levels,
                         &r.title, &r.requisition})
    if (!in.str(*f)) return std::nullopt;
  if (!in.num(r.shingle_size) || !in.num(r.shingles) || !in.str(sig) || sig.size() % 4 != 0 || !in.done())
    return std::nullopt;
  r.signature.resize(sig.size() / 4);
  for (std::size_t i = 0; i < r.signature.size(); ++i)
    for (int b = 0; b < 4; ++b)
      r.signature[i] |= static_cast<uint32_t>(static_cast<unsigned char>(sig[i * 4 + b])) << (8 * b);
  if (r.group.empty()) return std::nullopt;
  return r;
}

std::string encode(const GroupRecord& r) {
  std::string out;
  put(out, kVersion);
  put(out, r.first_date);
  put(out, r.company);
  put(out, r.members.size());
  for (const GroupMember& m : r.members) {
    put(out, m.key);
    put(out, m.site);
    put(out, m.date);
  }
  return out;
}

std::optional<GroupRecord> decode_group(std::string_view text) {
  Reader in(text);
  GroupRecord r;
  std::string version;
  std::size_t n = 0;
  if (!in.str(version) || version != kVersion || !in.str(r.first_date) || !in.str(r.company) || !in.num(n))
    return std::nullopt;
  for (std::size_t i = 0; i < n; ++i) {
    GroupMember m;
    if (!in.str(m.key) || !in.str(m.site) || !in.str(m.date)) return std::nullopt;
    r.members.push_back(std::move(m));
  }
  if (!in.done()) return std::nullopt;
  return r;
}

std::string encode_keys(const std::vector<std::string>& keys) {
  std::string out;
  for (const std::string& k : keys) put(out, k);
  return out;
}

std::vector<std::string> decode_keys(std::string_view text) {
  Reader in(text);
  std::vector<std::string> out;
  std::string k;
  while (!in.done() && in.str(k)) out.push_back(k);
  return out;
}

}  // namespace aj::dedup
