#include "indeed_graphql.hpp"

#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/plugin.hpp>

#include <array>

namespace indeed {
namespace {

struct Site {
  std::string_view code, subdomain, co, currency;
};
// Indeed's national sites: the web subdomain is the ISO code except for the US and
// Great Britain; the API takes the ISO code in upper case.
constexpr std::array<Site, 24> kSites = {{
    {"us", "www", "US", "USD"}, {"ca", "ca", "CA", "CAD"}, {"gb", "uk", "GB", "GBP"}, {"au", "au", "AU", "AUD"},
    {"ie", "ie", "IE", "EUR"},  {"in", "in", "IN", "INR"}, {"de", "de", "DE", "EUR"}, {"fr", "fr", "FR", "EUR"},
    {"nl", "nl", "NL", "EUR"},  {"be", "be", "BE", "EUR"}, {"es", "es", "ES", "EUR"}, {"it", "it", "IT", "EUR"},
    {"at", "at", "AT", "EUR"},  {"ch", "ch", "CH", "CHF"}, {"se", "se", "SE", "SEK"}, {"pl", "pl", "PL", "PLN"},
    {"pt", "pt", "PT", "EUR"},  {"mx", "mx", "MX", "MXN"}, {"br", "br", "BR", "BRL"}, {"sg", "sg", "SG", "SGD"},
    {"jp", "jp", "JP", "JPY"},  {"nz", "nz", "NZ", "NZD"}, {"za", "za", "ZA", "ZAR"}, {"ae", "ae", "AE", "AED"},
}};

struct Alias {
  std::string_view name, code;
};
constexpr std::array<Alias, 16> kAliases = {{
    {"canada", "ca"}, {"can", "ca"}, {"usa", "us"}, {"united states", "us"}, {"united states of america", "us"},
    {"uk", "gb"}, {"united kingdom", "gb"}, {"great britain", "gb"}, {"england", "gb"}, {"australia", "au"},
    {"ireland", "ie"}, {"india", "in"}, {"germany", "de"}, {"france", "fr"}, {"netherlands", "nl"},
    {"new zealand", "nz"},
}};

std::string attribute_filter(std::string_view key) {
  return "{ keyword: { field: \"attributes\", keys: [\"" + std::string(key) + "\"] } }";
}

}  // namespace

std::optional<Country> country_of(std::string_view text) {
  std::string t = ajsrc::lower(ajsrc::trim(text));
  for (const auto& a : kAliases)
    if (t == a.name) t = std::string(a.code);
  for (const auto& s : kSites)
    if (t == s.code)
      return Country{std::string(s.code), std::string(s.subdomain), std::string(s.co), std::string(s.currency)};
  return std::nullopt;
}

std::string_view job_type_key(std::string_view job_type) {
  std::string t = ajsrc::job_type(job_type);
  if (t == "fulltime") return "CF3CP";
  if (t == "parttime") return "75GKK";
  if (t == "contract") return "NJXCK";
  if (t == "internship") return "VDTG7";
  return "";  // temporary: no key we know of
}

FilterPlan plan_filters(const ajsrc::Search& s) {
  FilterPlan f;
  // Attribute filters, each a keyword filter of its own inside one composite (all must hold).
  std::vector<std::string> attributes;
  std::string type_key(job_type_key(s.job_type));
  if (!type_key.empty()) attributes.push_back(attribute_filter(type_key)), f.applied.push_back("job_type");
  if (s.remote_only) attributes.push_back(attribute_filter(kRemoteKey)), f.applied.push_back("remote_only");

  if (!attributes.empty()) {
    std::string list;
    for (const auto& a : attributes) list += (list.empty() ? "" : ", ") + a;
    f.argument = "filters: { composite: { filters: [" + list + "] } }";
    if (s.hours_old > 0)
      f.note = "Indeed applies either the posting age or the job type/remote filter, not both: the site "
               "applies " + std::string(s.remote_only && !type_key.empty() ? "job_type and remote_only"
                                        : s.remote_only ? "remote_only" : "job_type") +
               ", ajhost applies hours_old";
  } else if (s.hours_old > 0) {
    f.argument = "filters: { date: { field: \"dateOnIndeed\", start: \"" + std::to_string(s.hours_old) + "h\" } }";
    f.applied.push_back("hours_old");
  }
  if (!s.job_type.empty() && type_key.empty()) {
    std::string why = "Indeed has no search attribute for job_type " + s.job_type + " that we know of: ajhost applies it";
    f.note += (f.note.empty() ? "" : "; ") + why;
  }
  return f;
}

int64_t radius_miles(const ajsrc::Search& s) {
  int64_t miles = s.distance_miles();
  return miles > 0 ? miles : kDefaultRadiusMiles;
}

std::string search_document(const ajsrc::Search& s, std::string_view cursor, const FilterPlan& f) {
  std::string args;
  if (!s.term.empty()) args += "what: " + ajsrc::quote(s.term) + "\n    ";
  // Indeed's API takes the radius in miles only (on every national site).
  if (!s.location.empty())
    args += "location: { where: " + ajsrc::quote(s.location) + ", radius: " + std::to_string(radius_miles(s)) +
            ", radiusUnit: MILES }\n    ";
  args += "limit: " + std::to_string(kPageSize) + "\n    ";
  if (!cursor.empty()) args += "cursor: " + ajsrc::quote(cursor) + "\n    ";
  args += "sort: RELEVANCE";
  if (!f.argument.empty()) args += "\n    " + f.argument;

  static constexpr std::string_view kRange = "range { ... on Range { min max } ... on AtLeast { min } ... on AtMost { max } ... on Exactly { value } }";
  return "query GetJobData {\n  jobSearch(\n    " + args +
         "\n  ) {\n"
         "    pageInfo { nextCursor }\n"
         "    results {\n"
         "      trackingKey\n"
         "      job {\n"
         "        key\n"
         "        title\n"
         "        sourceEmployerName\n"
         "        datePublished\n"
         "        dateOnIndeed\n"
         "        description { html }\n"
         "        location { countryName countryCode admin1Code city postalCode streetAddress formatted { short long } }\n"
         "        compensation {\n"
         "          estimated { currencyCode baseSalary { unitOfWork " + std::string(kRange) + " } }\n"
         "          baseSalary { unitOfWork " + std::string(kRange) + " }\n"
         "          currencyCode\n"
         "        }\n"
         "        attributes { key label }\n"
         "        employer {\n"
         "          relativeCompanyPageUrl\n"
         "          name\n"
         "          ugcStats { ratings { overallRating { value count } } }\n"
         "          dossier {\n"
         "            employerDetails { addresses industry employeesLocalizedLabel revenueLocalizedLabel briefDescription }\n"
         "            images { squareLogoUrl }\n"
         "            links { corporateWebsite }\n"
         "          }\n"
         "        }\n"
         "        recruit { viewJobUrl detailedSalary workSchedule }\n"
         "      }\n"
         "    }\n"
         "  }\n"
         "}\n";
}

std::string graphql_errors(const boost::json::value& answer) {
  const auto* errors = ajsrc::array(answer, "errors");
  if (!errors) return "";
  std::string out;
  size_t n = 0;
  for (const auto& e : *errors) {
    std::string m = ajsrc::str(e, "message");
    if (m.empty()) continue;
    if (++n > 3) {
      out += "; ...";
      break;
    }
    out += (out.empty() ? "" : "; ") + m;
  }
  if (out.empty() && !errors->empty()) out = "an error without a message";
  return out;
}

Page read_page(const boost::json::value& answer, std::string_view what) {
  Page p;
  p.errors = graphql_errors(answer);
  const auto* search = ajsrc::at(answer, "data.jobSearch");
  if (!search || !search->is_object()) {
    if (!p.errors.empty()) {
      std::string e = ajsrc::lower(p.errors);
      // The API refuses an app key it does not know, or a client it does not trust, this way.
      bool refused = e.find("unauthori") != std::string::npos || e.find("forbidden") != std::string::npos ||
                     e.find("api key") != std::string::npos || e.find("not authenticated") != std::string::npos;
      if (refused)
        throw aj::SourceError(aj::Outcome::blocked, std::string(what) + ": Indeed refused the request (" + p.errors +
                                                        "); check the indeed api_key setting, or try later");
      throw aj::SourceError(aj::Outcome::layout_changed,
                            std::string(what) + ": GraphQL errors and no results (" + p.errors +
                                "); Indeed's API may have changed: update the indeed plugin");
    }
    throw aj::SourceError(aj::Outcome::layout_changed,
                          std::string(what) + ": expected data.jobSearch in the answer; Indeed's API may have changed");
  }
  p.results = ajsrc::array(*search, "results");
  if (!p.results)
    throw aj::SourceError(aj::Outcome::layout_changed, std::string(what) +
                                                           ": expected the array data.jobSearch.results; Indeed's "
                                                           "API may have changed");
  p.next_cursor = ajsrc::str(*search, "pageInfo.nextCursor");
  return p;
}

}  // namespace indeed
