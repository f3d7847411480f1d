// The search parameters of one source query (plugin.h lists the keys).
#pragma once

#include <autojobagent/plugin.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace ajsrc {

struct Search {
  std::string term, location, job_type, country;  // job_type: fulltime | parttime | contract | internship | temporary
  std::optional<double> distance_km;
  bool remote_only = false;
  int64_t hours_old = 0;       // 0: any age
  int64_t results_wanted = 0;  // 0: no limit but the run's (emit says when to stop)
  int64_t offset = 0;

  static Search from(const aj::Config& query);
  /// The distance in whole miles, rounded up (0 when unset).
  int64_t distance_miles() const;
};

}  // namespace ajsrc
