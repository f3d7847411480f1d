// Filter honesty: a source says which search keys the site applied itself
// ("server_filters"); ajhost applies the query's other filters to each job the
// source emits, and the run summary says who applied what.
#pragma once

#include "config/node.hpp"
#include "record/job_record.hpp"

#include <cstdint>
#include <ctime>
#include <set>
#include <string>
#include <vector>

namespace aj::host {

/// The search keys that filter postings, in the order the summary lists them.
/// results_wanted is not one: the engine caps every query at it.
const std::vector<std::string>& filter_keys();

/// Who applied a filter key of a query.
enum class AppliedBy { site, ajhost, nobody };

/// The filters of one query as ajhost applies them after fetching.
class SearchFilter {
 public:
  /// `query` is the source's query; `by_site` the keys the source reported;
  /// `now` the run's clock (for hours_old).
  SearchFilter(const Node& query, const std::set<std::string>& by_site, std::time_t now);

  /// The keys this query sets (a filter in effect), each with who applies it.
  const std::vector<std::pair<std::string, AppliedBy>>& keys() const { return keys_; }

  /// Why a job fails: the key that drops it, or "" when it passes. A job that
  /// lacks the field a filter needs passes; `unknown` gets that key.
  std::string check(const JobRecord& job, std::vector<std::string>* unknown = nullptr) const;

  int64_t results_wanted() const { return results_wanted_; }

 private:
  std::vector<std::pair<std::string, AppliedBy>> keys_;
  std::vector<std::string> term_words_;
  std::string place_, country_, job_type_;
  bool remote_only_ = false;
  std::string min_date_;  // YYYY-MM-DD: hours_old as a date (the day is the finest a posting date has)
  int64_t results_wanted_ = 0;
  bool by_ajhost(const std::string& key) const;
};

/// "fulltime" for "Full-time", "FULL_TIME", "full time"; "" for "".
std::string normalise_job_type(std::string_view text);
/// "ca" for "Canada", "CA", "CAN"; the lower-cased text otherwise.
std::string normalise_country(std::string_view text);

}  // namespace aj::host
