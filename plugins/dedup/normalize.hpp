// The comparable forms of a posting's company, title, place, apply URL and
// requisition id: what makes "Sr. Software Eng (Remote) at ACME Corporation"
// and "Senior Software Engineer at Acme Inc." the same key, while keeping
// "Software Engineer II" and "Software Engineer III" apart. Pure functions, no
// regex: they run once per posting.
#ifndef AJ_PLUGINS_DEDUP_NORMALIZE_HPP
#define AJ_PLUGINS_DEDUP_NORMALIZE_HPP

#include <string>
#include <string_view>
#include <vector>

namespace aj::dedup {

/// Lower-case ASCII, Latin-1 accents folded ("Montréal" -> "montreal"), typographic
/// quotes, dashes and non-breaking spaces turned into their ASCII forms. Other
/// non-ASCII bytes are kept as they are.
std::string fold(std::string_view text);

/// "Acme Inc.", "ACME Corporation", "The Acme Company Ltd" -> "acme": folded,
/// punctuation and a leading "the" dropped, trailing legal suffixes (inc, corp,
/// ltd, llc, gmbh, ...) and a trailing country ("Amazon Canada", not "Bank of
/// Canada") dropped, the words joined without spaces. "" when nothing is left.
std::string company_key(std::string_view company);

/// A title as a set of words, with what boards add around it taken off.
struct TitleKey {
  std::string key;                  ///< the sorted distinct words, space-separated ("" when none)
  std::vector<std::string> words;   ///< the same words
  std::string levels;               ///< the level words among them (senior, ii -> 2, ...), sorted, space-separated
};

/// The place words of the posting (its city, state, country) that a title may
/// repeat ("Engineer - Toronto") and the company key ("Engineer @ Acme").
struct TitleContext {
  std::vector<std::string> place_words;
  std::string company;
};

/// "Sr. Software Eng (Remote) - Toronto, ON" -> "engineer senior software".
/// Folds, expands abbreviations (sr, jr, eng, mgr, dev, swe, ...), maps level
/// words to one form (roman numerals to digits, entry -> junior, mid ->
/// intermediate), drops requisition ids, arrangement words (remote, hybrid,
/// onsite), filler words, and any trailing or bracketed part that names only a
/// place, an arrangement, a job type or an id. Level words and numerals stay.
TitleKey title_key(std::string_view title, const TitleContext& context = {});

/// The posting's place, as compared: its city ("Toronto, ON, Canada",
/// "Toronto, Ontario", "Toronto" and "GTA" -> "toronto"), "remote" for a
/// remote posting, "" when only a region or country is known.
std::string place_key(std::string_view location, std::string_view city = {}, bool is_remote = false);

/// The words of a place ("Toronto, ON, Canada" -> toronto, on, canada) plus the
/// full names of province abbreviations, for TitleContext::place_words.
std::vector<std::string> place_words(std::string_view location, std::string_view city = {},
                                     std::string_view state = {}, std::string_view country = {});

/// An apply URL as compared: no scheme, lower case, no "www.", no fragment, no
/// trailing slash, no tracking parameters (utm_*, gh_src, source, ref,
/// lever-source, trk, ...), the other parameters (gh_jid, jk, ...) sorted. ""
/// when the URL has no host, or no digit after it: a bare careers page
/// ("acme.com/careers") is shared by every posting and identifies none.
std::string apply_url_key(std::string_view url);

/// "REQ-12345", "Req #12345", "12345" -> "12345"; "R0012345" stays "r0012345".
/// "" when fewer than 3 letters or digits are left.
std::string requisition_key(std::string_view requisition_id);

/// Words of `text` as tokens: runs of ASCII letters and digits (after fold).
std::vector<std::string> words_of(std::string_view folded);

}  // namespace aj::dedup

#endif
