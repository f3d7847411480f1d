// Which applicant tracking system (ATS) a posting lives on, from its URL or page.
#pragma once

#include <string>
#include <string_view>

namespace ajsrc {

/// workday | greenhouse | lever | icims | bamboohr | ashby | smartrecruiters |
/// taleo | successfactors | jobvite | workable (also ultipro, recruitee,
/// dayforce, personio, adp, breezy, jazzhr, teamtailor) from a URL's host (or
/// an ATS URL carried in its query, as redirectors do; a `gh_jid` parameter is a
/// Greenhouse board embedded in the employer's page); "" when none.
std::string ats_from_url(std::string_view url);
/// The same from a page's HTML: the first link, form, iframe or script URL
/// (`//host`, or percent-encoded in a redirect) on an ATS's domain, in page
/// order; else a marker such as an iCIMS iframe id or "Powered by Workable".
/// "" when none. One pass over the page.
std::string ats_from_page(std::string_view html);

/// The host of an absolute URL, lower-cased, without port or userinfo; "" when none.
std::string host_of(std::string_view url);
/// Percent-encodes all but unreserved characters (RFC 3986).
std::string url_encode(std::string_view text);

}  // namespace ajsrc
