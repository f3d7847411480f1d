// What de-duplication keeps in the key-value store, and how it is written.
//
// Keys (one namespace per plugin, so short prefixes suffice):
//   m/<job key>                 Member: the posting's group and what near-duplicate matching compares
//   g/<group id>                Group: members (key, site, date), source URLs, first date, company
//   x/url/<apply URL key>       -> group id   (exact keys: the first group to claim a key keeps it)
//   x/req/<company>|<req id>    -> group id
//   x/ctp/<company>|<title>|<place> -> group id
//   b/<NxBsK>/<band>/<hash>     Bucket: job keys whose signature has this band (LSH)
//
// Values are netstrings ("5:hello,"): any bytes, a job key with a tab or a
// newline included, and still readable when debugging. A record that does not
// decode reads as absent (the posting is then handled as new).
#ifndef AJ_PLUGINS_DEDUP_RECORDS_HPP
#define AJ_PLUGINS_DEDUP_RECORDS_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aj::dedup {

struct MemberRecord {
  std::string group;
  std::string reason;     ///< why it joined its group ("" for the group's first member)
  std::string repost_of;  ///< the key of the posting it re-posts, or ""
  std::string site, date;
  std::string company;    ///< company_key
  std::string place;      ///< place_key
  std::string levels;     ///< TitleKey::levels
  std::string title;      ///< TitleKey::key
  std::string requisition;  ///< requisition_key, or ""
  uint32_t shingle_size = 0;
  uint32_t shingles = 0;
  std::vector<uint32_t> signature;  ///< empty: none
};

struct GroupMember {
  std::string key, site, date;
};

struct GroupRecord {
  std::string first_date;  ///< the earliest date_posted of its members ("" when none had one)
  std::string company;     ///< the first company_key seen among its members
  std::vector<GroupMember> members;  ///< in the order they joined (the store keeps each one's URLs)
};

std::string encode(const MemberRecord& r);
std::optional<MemberRecord> decode_member(std::string_view text);
std::string encode(const GroupRecord& r);
std::optional<GroupRecord> decode_group(std::string_view text);
std::string encode_keys(const std::vector<std::string>& keys);
std::vector<std::string> decode_keys(std::string_view text);

}  // namespace aj::dedup

#endif
