// describe's page reading: a job page (JSON-LD JobPosting, else the main
// content), with a final URL and charset picked by the input's length, and the
// input as a JobPosting description (HTML, entity-written HTML or text).
#include "entries.hpp"

#include "describe/page.hpp"

#include <array>
#include <string_view>

int aj_fuzz_describe(const uint8_t* data, size_t size) {
  struct Variant {
    std::string_view url, charset;
    ajd::Prefer prefer;
  };
  static constexpr std::array<Variant, 4> kVariants = {{
      {"https://boards.greenhouse.io/acme/jobs/123", "", ajd::Prefer::jsonld},
      {"https://www.acme.example/careers/engineer", "utf-8", ajd::Prefer::content},
      {"https://jobs.example.de/stelle?id=7", "iso-8859-1", ajd::Prefer::jsonld},
      {"", "windows-1252", ajd::Prefer::content},
  }};
  std::string_view html = aj::fuzz::text_of(data, size);
  const Variant& v = kVariants[size % kVariants.size()];
  (void)ajd::read_page(html, v.url, v.prefer, v.charset);
  (void)ajd::render_description(html, v.url);
  return 0;
}
