// ATS detection: a table of the domains each applicant tracking system serves
// its boards and job pages from, matched against a URL's host, an ATS URL
// carried in a redirector's query, or the links and scripts of a page.
#include "ajsrc/ats.hpp"

#include "ajsrc/text.hpp"

#include <algorithm>
#include <cstring>
#include <cctype>
#include <utility>

namespace ajsrc {

namespace {

constexpr std::pair<std::string_view, std::string_view> kAtsDomains[] = {
    {"myworkdayjobs.com", "workday"},
    {"myworkday.com", "workday"},
    {"myworkdaysite.com", "workday"},
    {"workdayjobs.com", "workday"},
    {"greenhouse.io", "greenhouse"},
    {"lever.co", "lever"},
    {"icims.com", "icims"},
    {"ashbyhq.com", "ashby"},
    {"smartrecruiters.com", "smartrecruiters"},
    {"bamboohr.com", "bamboohr"},
    {"taleo.net", "taleo"},
    {"successfactors.com", "successfactors"},
    {"successfactors.eu", "successfactors"},
    {"sapsf.com", "successfactors"},
    {"sapsf.eu", "successfactors"},
    {"jobvite.com", "jobvite"},
    {"workable.com", "workable"},
    {"ultipro.com", "ultipro"},
    {"ultipro.ca", "ultipro"},
    {"ukg.net", "ultipro"},
    {"recruitee.com", "recruitee"},
    {"dayforcehcm.com", "dayforce"},
    {"personio.de", "personio"},
    {"personio.com", "personio"},
    {"adp.com", "adp"},
    {"breezy.hr", "breezy"},
    {"applytojob.com", "jazzhr"},
    {"teamtailor.com", "teamtailor"},
    {"jobylon.com", "jobylon"},
    {"oraclecloud.com", "oracle"},
    {"avature.net", "avature"},
    {"paylocity.com", "paylocity"},
    {"rippling.com", "rippling"},
};

// Page markers that name an ATS without one of its domains in a link.
constexpr std::pair<std::string_view, std::string_view> kPageMarkers[] = {
    {"data-automation-id=\"jobpostingheader\"", "workday"},
    {"powered by workday", "workday"},
    {"icims_content_iframe", "icims"},
    {"powered by greenhouse", "greenhouse"},
    {"grnhse_app", "greenhouse"},
    {"powered by lever", "lever"},
    {"powered by workable", "workable"},
    {"powered by smartrecruiters", "smartrecruiters"},
    {"powered by bamboohr", "bamboohr"},
    {"powered by jobvite", "jobvite"},
};

bool ends_with_domain(std::string_view host, std::string_view domain) {
  if (!host.ends_with(domain)) return false;
  return host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.';
}

// `domain` in a longer text as a whole host suffix: after '.', '/' or '=' and
// followed by '/', ':', '?', '#', '&', '%', a quote or the end.
bool mentions_domain(std::string_view text, std::string_view domain) {
  for (std::size_t at = text.find(domain); at != std::string_view::npos; at = text.find(domain, at + 1)) {
    char before = at == 0 ? '/' : text[at - 1];
    std::size_t end = at + domain.size();
    char after = end == text.size() ? '/' : text[end];
    if ((before == '.' || before == '/' || before == '=') &&
        (after == '/' || after == ':' || after == '?' || after == '#' || after == '&' || after == '%' ||
         after == '"' || after == '\''))
      return true;
  }
  return false;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::string host_of(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.empty() && rest.front() == '[') return lower(rest.substr(0, rest.find(']') + 1));
  return lower(rest.substr(0, rest.find(':')));
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string ats_from_url(std::string_view url) {
  const std::string host = host_of(url);
  if (host.empty()) return "";
  for (const auto& [domain, ats] : kAtsDomains)
    if (ends_with_domain(host, domain)) return std::string(ats);
  // Redirectors (job boards' "apply" links) carry the ATS URL in their query.
  const std::string whole = lower(percent_decoded(url));
  for (const auto& [domain, ats] : kAtsDomains)
    if (mentions_domain(whole, domain)) return std::string(ats);
  // A Greenhouse board embedded in the employer's own careers page names the job in gh_jid.
  if (auto q = whole.find('?'); q != std::string::npos) {
    std::string_view query = std::string_view(whole).substr(q);
    if (query.find("?gh_jid=") != std::string_view::npos || query.find("&gh_jid=") != std::string_view::npos)
      return "greenhouse";
  }
  return "";
}

namespace {

bool host_char(unsigned char c) { return std::isalnum(c) || c == '.' || c == '-' || c == '_'; }

// The ATS of the host that starts at html[from] ("jobs.lever.co/..."), or "".
std::string_view ats_of_host_at(std::string_view html, std::size_t from) {
  std::size_t end = from;
  while (end < html.size() && host_char(static_cast<unsigned char>(html[end]))) ++end;
  if (end == from) return {};
  const std::string host = lower(html.substr(from, end - from));
  for (const auto& [domain, ats] : kAtsDomains)
    if (ends_with_domain(host, domain)) return ats;
  return {};
}

}  // namespace

std::string ats_from_page(std::string_view html) {
  // One pass over the page's URLs ("//host", also percent-encoded inside a
  // redirect "%2F%2Fhost"): the first that is an ATS's, in page order.
  for (std::size_t at = html.find('/'); at != std::string_view::npos; at = html.find('/', at + 1)) {
    if (at + 1 < html.size() && html[at + 1] == '/') {
      if (auto ats = ats_of_host_at(html, at + 2); !ats.empty()) return std::string(ats);
      ++at;
    }
  }
  for (std::size_t at = html.find('%'); at != std::string_view::npos; at = html.find('%', at + 1)) {
    if (at + 6 <= html.size() && (html.substr(at, 6) == "%2F%2F" || html.substr(at, 6) == "%2f%2f"))
      if (auto ats = ats_of_host_at(html, at + 6); !ats.empty()) return std::string(ats);
  }
  // Markers that name an ATS without a link to it.
  const std::string page = lower(html);
  // memmem: a plain find stops at every 'p' of a 70 KB page for "powered by ...".
  for (const auto& [marker, ats] : kPageMarkers)
    if (memmem(page.data(), page.size(), marker.data(), marker.size())) return std::string(ats);
  return "";
}

}  // namespace ajsrc
