// ajsrc, what the source plugins share: HTML reading and selectors, text to
// plain text, JSON paths, and the readers of pay, dates, places, job types and
// ATS names that every plugin applies to what a board wrote.
#include "entries.hpp"

#include <ajsrc/ats.hpp>
#include <ajsrc/fetch.hpp>
#include <ajsrc/html.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/plugin.hpp>

#include <ctime>

int aj_fuzz_ajsrc(const uint8_t* data, size_t size) {
  std::string_view text = aj::fuzz::text_of(data, size);
  constexpr std::time_t kNow = 1767225600;  // 2026-01-01

  ajsrc::Html doc(text);
  (void)doc.root().text();
  size_t seen = 0;
  for (const auto& n : doc.select("a[href], div.job > span, li [data-id^=job], *[class*=title], h1, h2")) {
    (void)n.attr("href");
    (void)n.has_class("title");
    (void)n.inner_html();
    (void)n.parent().tag();
    if (++seen == 64) break;
  }
  (void)ajsrc::html_to_text(text);
  (void)ajsrc::decode_entities(text);
  (void)ajsrc::ats_from_page(text);
  (void)ajsrc::looks_like_captcha(text);

  (void)ajsrc::ats_from_url(text);
  (void)ajsrc::host_of(text);
  (void)ajsrc::url_encode(text);
  (void)ajsrc::is_wall_url(text);
  (void)ajsrc::parse_pay(text, "CAD");
  (void)ajsrc::pay_interval(text);
  (void)ajsrc::relative_date(text, kNow);
  (void)ajsrc::rfc822_date(text);
  (void)ajsrc::iso_date_prefix(text);
  (void)ajsrc::split_place(text);
  (void)ajsrc::job_type(text);
  (void)ajsrc::collapse_spaces(text);
  (void)ajsrc::split(text, ',');

  try {
    auto v = ajsrc::parse_json(text, "fuzz");
    for (const char* path : {"data.jobs.0.title", "results.1", "a.b.c.d", "0.0", "jobs"}) {
      (void)ajsrc::str(v, path);
      (void)ajsrc::num(v, path);
      (void)ajsrc::boolean(ajsrc::at(v, path));
      (void)ajsrc::array(v, path);
    }
  } catch (const aj::SourceError&) {
    // Not JSON: the plugin's query fails as layout changed.
  }
  return 0;
}
