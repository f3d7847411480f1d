#include "ajsrc/search.hpp"

#include <cmath>

namespace ajsrc {

Search Search::from(const aj::Config& q) {
  Search s;
  s.term = q.str_or("term", "");
  s.location = q.str_or("location", "");
  s.job_type = q.str_or("job_type", "");
  s.country = q.str_or("country", "");
  s.distance_km = q.f64("distance_km");
  if (!s.distance_km) {
    if (auto i = q.i64("distance_km")) s.distance_km = static_cast<double>(*i);
  }
  s.remote_only = q.boolean("remote_only").value_or(false);
  s.hours_old = q.i64("hours_old").value_or(0);
  s.results_wanted = q.i64("results_wanted").value_or(0);
  s.offset = q.i64("offset").value_or(0);
  return s;
}

int64_t Search::distance_miles() const {
  if (!distance_km || *distance_km <= 0) return 0;
  return static_cast<int64_t>(std::ceil(*distance_km / 1.609344 - 1e-9));
}

}  // namespace ajsrc
