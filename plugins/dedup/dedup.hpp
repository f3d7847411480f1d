// Cross-site de-duplication: puts each posting in a group with the postings
// that are the same job elsewhere (LinkedIn, Indeed, Glassdoor, the employer's
// ATS), and says when it is a re-post. Pure C++ over an abstract key-value
// store: the tests run it in memory, the dedup plugin on the host's storage
// service, so groups persist across runs.
//
// A posting joins a group, in this order, by
//   1. the same apply URL (its job_url or job_url_direct, normalised),
//   2. the same requisition id at the same company,
//   3. the same normalised company, title and place,
//   4. a near-identical description (MinHash, LSH lookup), when the companies
//      agree (or one is unknown), the level words of the titles are the same,
//      the places do not differ, the titles share half their words and do not
//      each have a word the other lacks, and no two requisition ids differ.
// Otherwise it starts a group of its own, named by its job key.
#ifndef AJ_PLUGINS_DEDUP_DEDUP_HPP
#define AJ_PLUGINS_DEDUP_DEDUP_HPP

#include "minhash.hpp"
#include "records.hpp"

#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aj::dedup {

/// Where groups are kept between postings and between runs.
struct KeyValue {
  virtual ~KeyValue() = default;
  virtual std::optional<std::string> get(std::string_view key) = 0;
  virtual void put(std::string_view key, std::string_view value) = 0;
};

/// A KeyValue in memory: the tests', and the plugin's when the host has no storage.
class MemoryKeyValue final : public KeyValue {
 public:
  std::optional<std::string> get(std::string_view key) override {
    auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  void put(std::string_view key, std::string_view value) override { map_[std::string(key)] = value; }
  std::size_t size() const { return map_.size(); }
  const std::map<std::string, std::string, std::less<>>& map() const { return map_; }

 private:
  std::map<std::string, std::string, std::less<>> map_;
};

struct Settings {
  double threshold = 0.7;        ///< near-duplicate when the description similarity is at least this
  bool use_descriptions = true;  ///< false: exact keys only
  MinHashParams minhash;
  int repost_days = 14;          ///< a member this many days newer than its group's first date is a re-post
  std::size_t bucket_limit = 64; ///< keys kept per LSH bucket (a boilerplate bucket stops growing)
};

/// A posting's fields as de-duplication reads them ("" when absent).
struct Posting {
  std::string key;  ///< the job key, as job_key() forms it
  std::string site, title, company, location, city, state, country;
  std::string job_url, job_url_direct, requisition_id;
  std::string date_posted;  ///< YYYY-MM-DD
  std::string description;
  bool is_remote = false;
};

enum class Via { none, apply_url, requisition_id, company_title_place, description };

struct Outcome {
  std::string group;       ///< the group id: the job key of its first member (this posting's own when alone)
  bool joined = false;     ///< it joined a group that had other members
  bool seen_before = false;///< this job key was processed before (a re-run): nothing was added
  Via via = Via::none;
  std::string reason;      ///< "same apply URL", ..., "near-identical description (0.93)"; "" when it did not join
  double similarity = 0;   ///< of the description, when via == description
  std::string repost_of;   ///< the key of the earlier posting this one re-posts, or ""
  std::size_t members = 1;        ///< in the group so far
};

class Deduplicator {
 public:
  /// Throws std::invalid_argument on settings out of range (the message names the setting).
  Deduplicator(KeyValue& store, Settings settings = {});

  /// Puts the posting in its group and records it. The same job key a second
  /// time (a re-run) gives back the same group and adds nothing twice; URLs
  /// and a description it did not have before are added.
  Outcome add(const Posting& p);

  const Settings& settings() const { return s_; }

 private:
  struct Prepared;
  Prepared prepare(const Posting& p) const;
  std::optional<GroupRecord> group(const std::string& id);
  Outcome seen_again(const Posting& p, MemberRecord rec, Prepared& x);
  void claim_keys(const Prepared& x, const std::string& group_id);
  void read_buckets(Prepared& x);
  void add_to_buckets(Prepared& x, const std::string& key);
  std::string bucket_key(std::size_t band, uint64_t hash) const;
  /// The member record of `key`, read through a cache: the postings of a full
  /// LSH bucket are every later candidate's, read again and again.
  /// Valid until the next call (the cache may be emptied).
  const MemberRecord* member(const std::string& key);
  void put_member(const std::string& key, const MemberRecord& rec);
  void remember(const std::string& key, const MemberRecord& rec);

  KeyValue& kv_;
  Settings s_;
  MinHasher hasher_;
  std::string bucket_prefix_;
  std::unordered_map<std::string, MemberRecord> members_;  // this instance writes its records alone
};

/// Whole days from a to b (YYYY-MM-DD each); nullopt when either is not a date.
std::optional<long> days_between(std::string_view a, std::string_view b);

}  // namespace aj::dedup

#endif
