// Eluta: what the plugin's page reader (kReadPage, run in the browser) returns
// for a search page, read as the plugin reads it, each card's fields included.
#include "entries.hpp"

#include "eluta_page.hpp"

#include <ajsrc/ats.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/plugin.hpp>

int aj_fuzz_eluta(const uint8_t* data, size_t size) {
  try {
    auto page = eluta::parse_page(aj::fuzz::text_of(data, size), "fuzz");
    for (const auto& c : page.cards) {
      (void)eluta::card_id(c.data_url);
      (void)ajsrc::ats_from_url(eluta::card_url("https://www.eluta.ca", c.data_url));
      (void)eluta::css_string(c.data_url);
      (void)ajsrc::split_place(c.location);
      (void)ajsrc::relative_date(c.last_seen, std::time_t{1767225600});
      (void)ajsrc::parse_pay(c.salary, "CAD");
    }
  } catch (const aj::SourceError&) {
    // Not the reader's JSON: the query fails as layout changed.
  }
  return 0;
}
