// How long to wait before trying a request again: what a server demands in
// Retry-After, and our own backoff when it demands nothing.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace aj::http {

/// The longest wait a Retry-After can demand; larger values are cut to this,
/// so a hostile or broken server cannot park a run (or overflow a duration).
inline constexpr std::chrono::milliseconds kMaxRetryAfter = std::chrono::hours(24);

/// The delay a Retry-After value demands: delta-seconds ("120") or an
/// HTTP-date (IMF-fixdate, RFC 850 or asctime) relative to `now`. A date in
/// the past gives 0; nullopt for anything else (including "-5").
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

/// Exponential backoff with jitter: min(cap, base * 2^attempt) scaled by a
/// factor in [0.5, 1.0] picked by `unit`, a random draw in [0, 1) passed in
/// so that tests are deterministic. Attempt 0 is the first retry.
std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                        double unit);

}  // namespace aj::http
