// The posting as the extractor sees it: plain C++ values, no plugin ABI, so the
// labelled-set test and bench/extract run exactly what the plugin runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ajx {

/// Where a value came from: a source's structured field, the page's schema.org
/// JSON-LD, or the text of the posting. Values that are already set are kept.
enum class From : uint8_t { none, structured, jsonld, text };
const char* from_name(From f);          // "", "structured", "jsonld", "text"
From from_parse(std::string_view name);  // unknown -> structured

template <class T>
struct Value {
  T value{};
  From from = From::none;
  bool has() const { return from != From::none; }
  void set(T v, From f) { value = std::move(v), from = f; }
  /// Sets only when nothing is set yet.
  bool fill(T v, From f) {
    if (has()) return false;
    set(std::move(v), f);
    return true;
  }
};

/// Pay as posted: amounts in `currency` per `interval`.
/// A single value has min == max; "up to X" has only max; "from X" only min.
struct Salary {
  std::optional<double> min, max;
  std::string interval;  // yearly | monthly | weekly | daily | hourly
  std::string currency;  // ISO 4217: CAD, USD, GBP, EUR, ...
};

/// The documented annualisation: hourly x 2080 (40 h x 52 weeks), daily x 260,
/// weekly x 52, monthly x 12, yearly x 1. Unknown interval -> 1.
double annual_factor(std::string_view interval);

struct Record {
  // What the extractor reads (never changed by it).
  std::string site, title, company, location, city, state, country;
  std::string description;  // clean text (not HTML)
  std::string job_url, job_url_direct;

  // What it fills, each with its origin. Already-set values are kept.
  Value<Salary> salary;
  Value<std::string> arrangement;  // remote | hybrid | onsite
  Value<std::string> level;        // entry | mid | senior | expert
  Value<int> min_years;            // minimum years of experience required
  Value<std::string> job_type;     // fulltime | parttime | contract | internship | temporary
  Value<std::vector<std::string>> skills;  // canonical names from the taxonomy
  Value<std::string> french;       // required | asset | none
  Value<std::string> language;     // the posting's own language: "en" | "fr"
  Value<std::string> education;    // none | secondary | diploma | bachelor | master | doctorate
  Value<std::string> ats;          // workday | greenhouse | ... | unknown
};

/// The posting's text, lower-cased once (ASCII and Latin-1 letters in UTF-8) and
/// cut into words, shared by every finder so each scans it once.
struct Token {
  uint32_t begin = 0, end = 0;  // byte offsets into Text::lower
};
struct Text {
  std::string lower;          // title + "\n" + description, lower-cased, same byte length
  std::vector<Token> words;   // runs of letters/digits (UTF-8 letters included), in order
  uint32_t title_end = 0;     // lower[0, title_end) is the title
  std::string_view word(std::size_t i) const { return {lower.data() + words[i].begin, words[i].end - words[i].begin}; }
  static Text of(std::string_view title, std::string_view description);
};

}  // namespace ajx
