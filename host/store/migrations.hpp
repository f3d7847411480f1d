// Versioned schema migrations; version N is applied when PRAGMA user_version < N.
#pragma once

#include <string_view>
#include <vector>

namespace aj::host {

/// Append-only: migrations[i] brings the schema from version i to i + 1.
const std::vector<std::string_view>& migrations();

}  // namespace aj::host
