#include "http/retry_after.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <string>

namespace aj::http {

using std::chrono::milliseconds;

std::optional<milliseconds> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;

  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    // Saturating: a run of digits too long for any integer type is still "very long".
    const auto max_seconds = std::chrono::duration_cast<std::chrono::seconds>(kMaxRetryAfter).count();
    long long seconds = 0;
    for (char c : value) {
      seconds = seconds * 10 + (c - '0');
      if (seconds >= max_seconds) return kMaxRetryAfter;
    }
    return std::chrono::seconds(seconds);
  }

  // curl_getdate knows all three HTTP-date formats (RFC 9110 5.6.7).
  const std::string text(value);
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  // In seconds first: far-future dates do not fit system_clock's nanoseconds.
  const std::chrono::seconds date(when);
  const auto since_epoch = now.time_since_epoch();
  if (date - std::chrono::floor<std::chrono::seconds>(since_epoch) > kMaxRetryAfter) return kMaxRetryAfter;
  const auto delay = date - std::chrono::floor<milliseconds>(since_epoch);  // rounds the wait up
  return std::clamp<milliseconds>(delay, milliseconds(0), kMaxRetryAfter);
}

milliseconds backoff_delay(int attempt, milliseconds base, milliseconds cap, double unit) {
  if (base <= milliseconds(0) || cap <= milliseconds(0)) return milliseconds(0);
  // Doubling stops at the cap, so no attempt number can overflow.
  milliseconds full = std::min(base, cap);
  for (int i = 0; i < attempt && full < cap; ++i) full = full > cap / 2 ? cap : full * 2;
  // Half of it for sure, plus `unit` of the other half; in integers where a
  // double could round past the cap.
  const milliseconds half = full / 2, rest = full - half;
  const auto extra = static_cast<milliseconds::rep>(static_cast<double>(rest.count()) * std::clamp(unit, 0.0, 1.0));
  return half + std::min(milliseconds(extra), rest);
}

}  // namespace aj::http
