// A copy of ajhost's job key rules (host/record/job_record.cpp): a plugin may
// not include host headers. Keep the two in step; dedup_normalize_test checks
// known keys.
#include "job_key.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace aj::dedup {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

uint64_t fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

bool tracking_param(std::string_view name) {
  std::string n = lower(name);
  return n.starts_with("utm_") || n == "trackingid" || n == "refid" || n == "trk" || n == "fbclid" || n == "gclid";
}

}  // namespace

std::string host_canonical_url(std::string_view url) {
  std::string_view rest = url;
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  std::string out;
  auto scheme_end = rest.find("://");
  std::string_view path_and_query = rest;
  if (scheme_end != std::string_view::npos) {
    auto host_end = rest.find_first_of("/?", scheme_end + 3);
    out = lower(rest.substr(0, host_end));
    path_and_query = host_end == std::string_view::npos ? std::string_view() : rest.substr(host_end);
  }
  std::string_view path = path_and_query, query;
  if (auto q = path_and_query.find('?'); q != std::string_view::npos) {
    path = path_and_query.substr(0, q);
    query = path_and_query.substr(q + 1);
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.append(path);
  std::string kept;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view param = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (param.empty() || tracking_param(param.substr(0, param.find('=')))) continue;
    kept += kept.empty() ? "?" : "&";
    kept.append(param);
  }
  return out + kept;
}

std::string job_key(std::string_view site, std::string_view id, std::string_view job_url,
                    std::string_view job_url_direct, std::string_view company, std::string_view title,
                    std::string_view location) {
  std::string s = lower(site);
  if (s.empty()) s = "unknown";
  if (!id.empty()) return s + ":" + std::string(id);
  for (std::string_view url : {job_url, job_url_direct})
    if (!url.empty()) return "url:" + host_canonical_url(url);
  std::string basis = lower(company) + "\x1f" + lower(title) + "\x1f" + lower(location);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(basis)));
  return s + ":h" + buf;
}

}  // namespace aj::dedup
