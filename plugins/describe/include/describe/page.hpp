// Reading a job page: the schema.org JobPosting JSON-LD when the page has one,
// else the page's main content, as plain values (no plugin ABI), so the tests
// and the describe enricher run exactly the same code.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ajd {

/// Where a value was read: the page's JobPosting JSON-LD, or the page itself
/// (its main content, <h1>, og: meta tags, links). These are the names
/// field_sources records.
enum class Origin { none, jsonld, page };
const char* origin_name(Origin o);  // "", "jsonld", "page"

/// Which description wins when the page has both a JobPosting and main content.
enum class Prefer { jsonld, content };

/// Pay as the JobPosting states it (baseSalary).
struct Salary {
  std::optional<double> min, max;  // a single value gives min == max
  std::string interval;            // yearly | monthly | weekly | daily | hourly ("" when unstated)
  std::string currency;            // ISO 4217 as given ("USD")
  bool empty() const { return !min && !max; }
};

struct PageInfo {
  bool has_jobposting = false;  // a schema.org JobPosting was found in a JSON-LD block

  std::string title;  // JobPosting title, else the single <h1>, else og:title
  Origin title_from = Origin::none;
  std::string company;  // hiringOrganization.name, else og:site_name
  Origin company_from = Origin::none;
  std::string company_url, company_logo;  // hiringOrganization sameAs (or url) and logo

  /// The description as clean text (blocks and list items on their own lines)
  /// and as Markdown; empty when the page has none worth keeping.
  std::string description_text, description_markdown;
  Origin description_from = Origin::none;

  // From the JobPosting only.
  std::string location;               // "City, Region, Country" of the first place
  std::string city, state, country;   // of the first place
  std::vector<std::string> locations; // every place, as `location`
  std::string date_posted, valid_through;  // YYYY-MM-DD
  Salary salary;
  std::vector<std::string> job_types;  // fulltime | parttime | contract | internship | temporary, in order
  bool remote = false;                 // jobLocationType TELECOMMUTE
  std::vector<std::string> applicant_locations;  // applicantLocationRequirements names
  std::string requisition_id;          // identifier
  std::string education;               // none | secondary | diploma | bachelor | master | doctorate
  std::optional<int> experience_months;  // experienceRequirements.monthsOfExperience
  std::optional<bool> direct_apply;
  std::string industry;
  std::string url;  // the JobPosting's own url

  /// The ATS behind the page: from its final URL, else from its HTML
  /// (ajsrc::ats_from_url / ats_from_page); "" when none is recognised.
  std::string ats;
};

/// Reads one page. `url` is its final URL (for the ATS and to make links
/// absolute); `charset` the one its Content-Type names, if any (else the
/// page's <meta charset>, else UTF-8). At most one HTML parse, none when the
/// page's JobPosting JSON-LD gives a description, title and company (and
/// `prefer` is jsonld); never throws on bad input (a page that is not HTML
/// gives an empty PageInfo).
PageInfo read_page(std::string_view html, std::string_view url, Prefer prefer = Prefer::jsonld,
                   std::string_view charset = {});

/// The page's ld+json blocks as read_page finds them: by a scan of the text
/// (nullopt when the page is not valid UTF-8 or has a <base>, where it parses
/// instead), and from the parsed page. The two agree (tests check it).
std::optional<std::vector<std::string>> ld_json_scanned(std::string_view html);
std::vector<std::string> ld_json_parsed(std::string_view html, std::string_view charset = {});

/// Clean text and Markdown of an HTML fragment (a JobPosting description).
struct Rendered {
  std::string text, markdown;
};
Rendered render_fragment(std::string_view html, std::string_view base_url = {});

/// Text that may be HTML, HTML written as entities ("&lt;p&gt;"), or plain text
/// (line breaks kept), rendered as render_fragment does.
Rendered render_description(std::string_view text, std::string_view base_url = {});

}  // namespace ajd
