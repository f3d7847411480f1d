// The key ajhost stores a posting under (host/record/job_record.cpp,
// JobRecord::key), computed the same way from the posting's fields, so a group
// names its members by the keys the jobs table uses.
#ifndef AJ_PLUGINS_DEDUP_JOB_KEY_HPP
#define AJ_PLUGINS_DEDUP_JOB_KEY_HPP

#include <string>
#include <string_view>

namespace aj::dedup {

/// "site:id" (site lower-cased, "unknown" when empty); without an id
/// "url:" + the canonical job URL (else direct URL); without either,
/// "site:h" + 16 hex digits of FNV-1a over lower(company) \x1f lower(title) \x1f lower(location).
std::string job_key(std::string_view site, std::string_view id, std::string_view job_url,
                    std::string_view job_url_direct, std::string_view company, std::string_view title,
                    std::string_view location);

/// The host's canonical URL: fragment cut, scheme and host lower-cased, trailing
/// slashes of the path dropped, tracking parameters (utm_*, trackingid, refid,
/// trk, fbclid, gclid) dropped, the others kept in order.
std::string host_canonical_url(std::string_view url);

}  // namespace aj::dedup

#endif
