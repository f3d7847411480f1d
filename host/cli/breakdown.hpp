// The score breakdown a scorer wrote (docs/scoring.md), as `jobs show` prints it:
// the decision and why, a row per factor with a bar, hard filters, and the
// posting's must-have and nice-to-have skills the person has and lacks.
#pragma once

#include <string>

namespace aj::host {

/// `breakdown` is the score_breakdown JSON; text that is not such an object is printed as it is.
std::string render_breakdown(const std::string& score, const std::string& decision, const std::string& breakdown);

}  // namespace aj::host
