// Stage 2's part of the score breakdown (the contract between scorers and the
// host, docs/scoring.md): one "skills" factor appended to what stage 1 wrote,
// the matched and missing skill lists, method "hybrid", and points, max,
// total and decision recomputed over every factor.
#ifndef AJ_PLUGINS_TEXT_SCORER_BREAKDOWN_HPP
#define AJ_PLUGINS_TEXT_SCORER_BREAKDOWN_HPP

#include "text_matching.hpp"

#include <string>
#include <string_view>

namespace aj::text_matching {

struct Thresholds {
  double apply = 70, review = 45;
};

struct Scored {
  std::string breakdown;  // JSON object
  double total = 0;       // 0-100
  std::string decision;   // apply | review | skip
};

/// Adds the factor of `m` (worth `weight` points) to `breakdown`, the JSON a
/// scorer before wrote. When that is empty or not a JSON object, starts a
/// fresh breakdown with `fallback` thresholds; otherwise keeps everything in it
/// (its thresholds decide) and replaces a "skills" factor an earlier run of
/// stage 2 left. A posting with a hard filter stays at 0, "skip".
Scored merge(std::string_view breakdown, const Match& m, double weight, const Thresholds& fallback);

}  // namespace aj::text_matching

#endif
