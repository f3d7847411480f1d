// dedup: the enricher that puts each posting in its cross-site group (see
// dedup.hpp for the rules, README.md for the settings). This file reads the
// settings and the job's fields, runs the core on the host's storage service,
// and writes duplicate_group and the duplicate_* extras.
#include <atomic>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include "autojobagent/plugin.hpp"
#include "autojobagent/storage.hpp"
#include "dedup.hpp"
#include "job_key.hpp"

namespace {

namespace dd = aj::dedup;

// The host's storage as the core's KeyValue, bound to the call being served.
class StorageKeyValue final : public dd::KeyValue {
 public:
  explicit StorageKeyValue(aj::Host host) : storage_(host) {}
  void bind(aj::Context* ctx) { ctx_ = ctx; }
  std::optional<std::string> get(std::string_view key) override { return storage_.get(*ctx_, key); }
  void put(std::string_view key, std::string_view value) override { storage_.put(*ctx_, key, value); }

 private:
  aj::Storage storage_;
  aj::Context* ctx_ = nullptr;
};

// Instances do not share memory, but they do share the plugin's records: with
// several workers they take turns, and each counts how many exist to warn.
std::mutex& store_mutex() {
  static std::mutex m;
  return m;
}
std::atomic<int>& live_instances() {
  static std::atomic<int> n{0};
  return n;
}

std::string field(const aj::Job& job, aj::Field f) {
  auto v = job.str(f);
  return v ? std::string(*v) : std::string();
}

class Dedup final : public aj::Enricher {
 public:
  static constexpr const char* name = "dedup";
  static constexpr const char* version = "0.1.0";
  static constexpr const char* summary =
      "Groups the same job found on several sites (apply URL, requisition id, company+title+place, then "
      "near-identical descriptions) and marks re-posts; run it with workers: 1";
  static constexpr aj_config_key config[] = {
      aj::key("threshold", AJ_CFG_FLOAT, "0.7", false,
              "description similarity (estimated Jaccard of 5-word shingles, 0-1) from which two postings of the "
              "same company, level and place are one job"),
      aj::key("use_descriptions", AJ_CFG_BOOL, "true", false,
              "match near-identical descriptions; false: exact keys only"),
      aj::key("shingle_size", AJ_CFG_INT, "5", false, "words per shingle of the description"),
      aj::key("num_hashes", AJ_CFG_INT, "64", false, "MinHash values per description (8-1024)"),
      aj::key("bands", AJ_CFG_INT, "16", false, "LSH bands (divides num_hashes); more bands find lower similarities"),
      aj::key("min_words", AJ_CFG_INT, "40", false, "descriptions with fewer words are not compared"),
      aj::key("repost_days", AJ_CFG_INT, "14", false,
              "a copy posted this many days after its group's first posting is a re-post"),
  };

  Dedup(aj::Host host, const aj::Config& cfg) : host_(host) {
    dd::Settings s;
    s.threshold = cfg.f64("threshold").value_or(s.threshold);
    s.use_descriptions = cfg.boolean("use_descriptions").value_or(s.use_descriptions);
    s.minhash.shingle_size = static_cast<int>(cfg.i64("shingle_size").value_or(s.minhash.shingle_size));
    s.minhash.num_hashes = static_cast<int>(cfg.i64("num_hashes").value_or(s.minhash.num_hashes));
    s.minhash.bands = static_cast<int>(cfg.i64("bands").value_or(s.minhash.bands));
    s.minhash.min_words = static_cast<int>(cfg.i64("min_words").value_or(s.minhash.min_words));
    s.repost_days = static_cast<int>(cfg.i64("repost_days").value_or(s.repost_days));
    try {
      stored_.emplace(host);
    } catch (const aj::Error& e) {
      host.warn(std::string("dedup: ") + e.what() +
                "; groups are kept in memory for this run only and will not join postings of earlier runs");
    }
    try {
      core_.emplace(stored_ ? static_cast<dd::KeyValue&>(*stored_) : memory_, s);
    } catch (const std::invalid_argument& e) {
      throw aj::ConfigError(e.what());
    }
    if (live_instances().fetch_add(1) + 1 == 2)
      host.warn("dedup: more than one worker; instances share no memory and take turns on the stored groups. "
                "Set `workers: 1` for the dedup enricher in the pipeline");
  }

  ~Dedup() override {
    live_instances().fetch_sub(1);
    if (postings_ == 0) return;
    host_.info("dedup: " + totals());
  }

  std::string totals() const {
    return std::to_string(postings_) + " postings, " + std::to_string(joined_) + " joined a group (apply URL " +
           std::to_string(by_[1]) + ", requisition id " + std::to_string(by_[2]) + ", company+title+place " +
           std::to_string(by_[3]) + ", description " + std::to_string(by_[4]) + "), " + std::to_string(reposts_) +
           " re-posts, " + std::to_string(seen_) + " seen in an earlier run";
  }

  void process(aj::Context& ctx, aj::Batch& batch) override {
    std::lock_guard lock(store_mutex());
    if (stored_) stored_->bind(&ctx);
    aj::Enricher::process(ctx, batch);
    if (stored_) stored_->bind(nullptr);
    ctx.report("summary", totals());  // the run summary prints this worker's totals
  }

  void enrich(aj::Context&, aj::Job& job) override {
    dd::Posting p;
    p.site = field(job, AJ_F_SITE);
    p.title = field(job, AJ_F_TITLE);
    p.company = field(job, AJ_F_COMPANY);
    p.location = field(job, AJ_F_LOCATION);
    p.city = field(job, AJ_F_CITY);
    p.state = field(job, AJ_F_STATE);
    p.country = field(job, AJ_F_COUNTRY);
    p.job_url = field(job, AJ_F_JOB_URL);
    p.job_url_direct = field(job, AJ_F_JOB_URL_DIRECT);
    p.requisition_id = field(job, AJ_F_REQUISITION_ID);
    if (p.requisition_id.empty())  // sources that predate the field keep it as an extra
      if (auto extra = job.extra("requisition_id")) p.requisition_id = std::string(*extra);
    p.date_posted = field(job, AJ_F_DATE_POSTED);
    p.description = field(job, AJ_F_DESCRIPTION);
    p.is_remote = job.boolean(AJ_F_IS_REMOTE).value_or(false);
    p.key = dd::job_key(p.site, field(job, AJ_F_ID), p.job_url, p.job_url_direct, p.company, p.title, p.location);

    const dd::Outcome o = core_->add(p);
    ++postings_;
    if (o.seen_before) ++seen_;
    if (o.joined && !o.seen_before) {
      ++joined_;
      ++by_[static_cast<int>(o.via)];
    }
    if (!o.repost_of.empty() && !o.seen_before) ++reposts_;

    job.set(AJ_F_DUPLICATE_GROUP, o.group);
    if (o.joined) {
      job.set_extra("duplicate_of", o.group);
      job.set_extra("duplicate_reason", o.reason);
    }
    if (!o.repost_of.empty()) job.set_extra("repost_of", o.repost_of);
  }

 private:
  aj::Host host_;
  std::optional<StorageKeyValue> stored_;
  dd::MemoryKeyValue memory_;  // when the host has no storage service
  std::optional<dd::Deduplicator> core_;
  uint64_t postings_ = 0, joined_ = 0, reposts_ = 0, seen_ = 0;
  uint64_t by_[5] = {};  // by dd::Via
};

}  // namespace

AJ_PLUGIN(Dedup)
