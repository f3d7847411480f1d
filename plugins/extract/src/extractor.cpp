// The extractor: fills each value of a Record that no source gave, from its
// text and URLs, by calling each finder once over one shared Text.
#include "extract/extract.hpp"

#include "ajsrc/ats.hpp"

#include <array>
#include <cctype>
#include <string_view>

namespace ajx {

namespace {

bool contains_word(std::string_view haystack, std::string_view word) {
  for (std::size_t at = haystack.find(word); at != std::string_view::npos; at = haystack.find(word, at + 1)) {
    bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(haystack[at - 1]));
    std::size_t end = at + word.size();
    bool right = end == haystack.size() || !std::isalnum(static_cast<unsigned char>(haystack[end]));
    if (left && right) return true;
  }
  return false;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool looks_canadian(const Record& r) {
  const std::string country = lowered(r.country);
  if (country == "ca" || country == "can" || country == "canada") return true;
  if (!country.empty()) return false;  // a country given, and not Canada
  if (r.site == "eluta") return true;
  static constexpr std::array<std::string_view, 16> kCanada = {
      "canada", "ontario", "quebec", "québec", "british columbia", "alberta", "manitoba", "saskatchewan",
      "nova scotia", "new brunswick", "newfoundland", "toronto", "montreal", "montréal", "vancouver", "mississauga"};
  const std::string place = lowered(r.location + ", " + r.state + ", " + r.city);
  for (auto name : kCanada)
    if (place.find(name) != std::string::npos) return true;
  static constexpr std::array<std::string_view, 13> kProvinces = {"on", "qc", "bc", "ab", "mb", "sk", "ns",
                                                                  "nb", "nl", "pe", "yt", "nt", "nu"};
  const std::string state = lowered(r.state);
  for (auto code : kProvinces)
    if (state == code || contains_word(lowered(r.location), code)) return true;
  for (std::string_view url : {std::string_view(r.job_url), std::string_view(r.job_url_direct)}) {
    std::string host = ajsrc::host_of(url);
    if (host.ends_with(".ca")) return true;
  }
  // Nothing in the place ("Remote", or none): a text that speaks of Canada and
  // never of the United States is a Canadian posting.
  const std::string text = lowered(r.description);
  bool canada = text.find("canada") != std::string::npos || text.find("canadian") != std::string::npos;
  bool us = text.find("united states") != std::string::npos || contains_word(text, "usa") ||
            text.find("u.s.") != std::string::npos || contains_word(text, "us-based");
  return canada && !us;
}

void extract(Record& r, const Taxonomy& skills) {
  const Text t = Text::of(r.title, r.description);

  if (!r.salary.has()) {
    std::string dollar = looks_canadian(r) ? "CAD" : "USD";
    if (auto pay = find_salary(t, dollar)) r.salary.set(std::move(*pay), From::text);
  }
  if (!r.min_years.has()) {
    int years = find_min_years(t);
    if (years >= 0) r.min_years.set(years, From::text);
  }
  if (!r.level.has()) {
    std::string level = find_level(t, r.min_years.has() ? r.min_years.value : -1);
    if (!level.empty()) r.level.set(std::move(level), From::text);
  }
  if (!r.job_type.has()) {
    std::string type = find_job_type(t);
    if (!type.empty()) r.job_type.set(std::move(type), From::text);
  }
  if (!r.education.has()) {
    std::string education = find_education(t);
    if (!education.empty()) r.education.set(std::move(education), From::text);
  }
  if (!r.arrangement.has()) {
    std::string arrangement = find_arrangement(t, r.location);
    if (!arrangement.empty()) r.arrangement.set(std::move(arrangement), From::text);
  }
  if (!r.skills.has()) {
    auto found = skills.find(t);
    if (!found.empty()) r.skills.set(std::move(found), From::text);
  }
  if (!r.language.has()) r.language.set(find_language(t), From::text);
  if (!r.french.has()) r.french.set(find_french(t, r.language.value), From::text);
  if (!r.ats.has()) {
    std::string ats = ajsrc::ats_from_url(r.job_url_direct);
    if (ats.empty()) ats = ajsrc::ats_from_url(r.job_url);
    r.ats.set(ats.empty() ? "unknown" : ats, From::text);
  }
}

}  // namespace ajx
