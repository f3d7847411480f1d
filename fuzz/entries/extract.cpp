// The data extractor on a posting made from the input: its first line is the
// title, its second the location, the rest the description; site and country
// picked by the input's length. Taxonomy: config/skills.yaml, as shipped.
#include "entries.hpp"

#include "extract/extract.hpp"
#include "extract/skills.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <exception>

namespace {

const ajx::Taxonomy& taxonomy() {
  static const ajx::Taxonomy t = [] {
    try {
      return ajx::Taxonomy::load(AJ_SOURCE_DIR "/config/skills.yaml");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "fuzz harness: %s\n", e.what());
      std::abort();
    }
  }();
  return t;
}

std::string_view line(std::string_view& text) {
  size_t end = text.find('\n');
  std::string_view l = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return l;
}

}  // namespace

int aj_fuzz_extract(const uint8_t* data, size_t size) {
  struct Origin {
    const char *site, *country, *job_url;
  };
  static constexpr std::array<Origin, 3> kOrigins = {{
      {"linkedin", "", "https://www.linkedin.com/jobs/view/123"},
      {"eluta", "Canada", "https://www.eluta.ca/spl/engineer-0123456789abcdef0123456789abcdef"},
      {"greenhouse", "US", "https://boards.greenhouse.io/acme/jobs/123"},
  }};
  const Origin& o = kOrigins[size % kOrigins.size()];
  std::string_view text = aj::fuzz::text_of(data, size);
  ajx::Record r;
  r.site = o.site;
  r.country = o.country;
  r.job_url = o.job_url;
  r.title = line(text);
  r.location = line(text);
  r.description = text;
  ajx::extract(r, taxonomy());
  return 0;
}
