// LinkedIn's guest pages: the input read both as a search page of cards and as a
// job's own page, as the plugin reads them (the cards' fields through the same
// ajsrc readers).
#include "entries.hpp"

#include "linkedin_parse.hpp"

#include <ajsrc/text.hpp>

int aj_fuzz_linkedin(const uint8_t* data, size_t size) {
  std::string_view html = aj::fuzz::text_of(data, size);
  for (const auto& c : linkedin::parse_cards(html).cards) {
    (void)ajsrc::split_place(c.location);
    (void)ajsrc::iso_date_prefix(c.date_posted);
    (void)ajsrc::parse_pay(c.salary, "CAD");
  }
  auto d = linkedin::parse_detail(html);
  (void)ajsrc::job_type(d.employment_type);
  return 0;
}
