// Reading Eluta's search page as the browser sees it, and the URLs around it.
// Pure functions of text, so that their rules are plain to test and to change
// when Eluta changes (its markup is known only from third-party code: see
// ../shared/realdata/SITES.md and README.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eluta {

/// The JavaScript expression that reads a loaded search page (kReadPage's
/// result is the JSON that parse_page reads).
extern const char* const kReadPage;
/// Any element that says the page has finished rendering one way or another:
/// result cards, a "no results" marker, or a visible bot check.
extern const char* const kReadySelector;
/// The result cards alone.
extern const char* const kCardSelector;

/// One result card, as printed.
struct Card {
  std::string data_url;     // "spl/<slug>-<32 hex>?imo=1"
  std::string title, company, company_url, location, description, last_seen;
  std::string salary;       // pay printed next to the title ("$80,000 - $95,000 a year"), or ""
};

/// A search page: its cards, or why it has none.
struct Page {
  int status = 0;            // the HTTP status of the document (0 when the browser did not say)
  std::string url, title;    // where the browser ended up, and the page's <title>
  std::vector<Card> cards;   // cards with a title and a data-url
  size_t unreadable = 0;     // .organic-job elements without a title link or data-url
  bool captcha = false;      // a reCAPTCHA / hCaptcha / challenge, or "verify you are human"
  bool no_results = false;   // Eluta's "no jobs found" marker or text
  std::optional<bool> more;  // the pagination links to a later page (nullopt: no pagination block seen)
};

/// Reads kReadPage's JSON; throws aj::SourceError(layout_changed) naming `what` when it is not that.
Page parse_page(std::string_view json, std::string_view what);

/// The posting's id: the 32 hex digits that end the slug of "spl/<slug>-<hex>?imo=1";
/// the slug itself when there are none; "" for an empty data-url.
std::string card_id(std::string_view data_url);

/// The posting's page on Eluta: `base` + "/" + data-url without its query ("?imo=1").
std::string card_url(std::string_view base, std::string_view data_url);

/// `text` as a CSS string literal, quotes included (for attribute selectors).
std::string css_string(std::string_view text);

}  // namespace eluta
