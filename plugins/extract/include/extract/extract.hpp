// The rule-based data extractor: pay, level and years, arrangement, job type,
// skills, French, education. No network, no allocation-heavy regexes: each
// finder scans the shared Text once (bench/extract: >= 20,000 postings/s/core).
#pragma once

#include "extract/record.hpp"
#include "extract/skills.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ajx {

/// Hints about the posting's country for a bare "$": CAD when the country,
/// location or site says Canada (a province code, "Canada", .ca, eluta).
bool looks_canadian(const Record& r);

// ---- salary.cpp ----------------------------------------------------------------
/// The posting's pay from its text, or nothing. `dollar` is the currency of a bare "$".
/// Ignores amounts that are not the salary (bonus, 401k match, signing bonus, revenue, funding...).
std::optional<Salary> find_salary(const Text& t, std::string_view dollar);

// ---- experience.cpp ------------------------------------------------------------
/// Minimum years of experience required ("5+ years", "at least 3 years of",
/// "3-5 years"); -1 when none ("10 years in business" is not a requirement).
int find_min_years(const Text& t);
/// entry | mid | senior | expert from the title first, then the text and years; "" when unknown.
std::string find_level(const Text& t, int min_years);

// ---- job_type.cpp --------------------------------------------------------------
/// fulltime | parttime | contract | internship | temporary; "" when unknown.
std::string find_job_type(const Text& t);

// ---- education.cpp -------------------------------------------------------------
/// none | secondary | diploma | bachelor | master | doctorate: the lowest required; "" when unsaid.
std::string find_education(const Text& t);

// ---- arrangement.cpp -----------------------------------------------------------
/// remote | hybrid | onsite from title, location and text, negations understood
/// ("not a remote role" -> onsite, "remote within Canada" -> remote); "" when unsaid.
std::string find_arrangement(const Text& t, std::string_view location);

// ---- language.cpp --------------------------------------------------------------
/// "fr" when the posting is written in French, else "en".
std::string find_language(const Text& t);
/// required | asset | none: is French required? A posting written in French
/// requires it unless it says otherwise.
std::string find_french(const Text& t, std::string_view language);

// ---- extractor.cpp -------------------------------------------------------------
/// Fills every value of `r` not set yet (From::text), from its text and URLs.
void extract(Record& r, const Taxonomy& skills);

}  // namespace ajx
