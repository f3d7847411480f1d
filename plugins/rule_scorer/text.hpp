// The comparable forms of what a profile and a posting say in words: folded
// text, whole-word phrase search, title words and company names. No regex and
// no locale: these run for every posting.
#ifndef AJ_PLUGINS_RULE_SCORER_TEXT_HPP
#define AJ_PLUGINS_RULE_SCORER_TEXT_HPP

#include <string>
#include <string_view>
#include <vector>

namespace aj::rule_scoring {

/// Lower-case ASCII, Latin-1 accents folded ("Québec" -> "quebec"), each
/// whitespace byte (and a non-breaking space) a space. Other bytes are kept.
std::string fold(std::string_view text);
/// The same into `out` (cleared first), so a caller can reuse its buffer.
void fold_into(std::string& out, std::string_view text);
/// Appends to `out` the text folded with hyphens and slashes read as spaces,
/// for keywords and the text searched for them: "Commission-only" has the
/// phrase "commission only", "CI/CD" the phrase "ci cd" (a keyword written
/// "CI/CD" folds the same way).
void fold_for_search(std::string& out, std::string_view text);

/// The text with each run of whitespace (newlines too) one space, trimmed:
/// posting text quoted in a one-line reason.
std::string one_line(std::string_view text);

/// Whether the folded `phrase` (single spaces, trimmed) occurs in the folded
/// `text` as whole words, a space of the phrase matching any run of spaces:
/// "go" in "we go far", not in "google"; "c++" in "c++/java".
bool has_phrase(std::string_view text, std::string_view phrase);

/// The folded words of a text, punctuation dropped ("AT&T Inc." -> at, t, inc).
/// '+' and '#' belong to a word ("C++", "C#").
std::vector<std::string> words(std::string_view text);

/// A company or industry as compared: its words without trailing legal forms
/// ("Example Payments Inc." -> example, payments).
std::vector<std::string> name_words(std::string_view name);

/// Whether `needle` (not empty) occurs in `hay` as consecutive words.
bool has_words(const std::vector<std::string>& hay, const std::vector<std::string>& needle);

/// A title's words as compared, each once: abbreviations expanded (sr ->
/// senior, dev -> developer, swe -> software engineer, fullstack -> full
/// stack, ...), then level words (junior, senior, lead, principal, staff,
/// intermediate, mid, i-iv) and filler words (of, and, the, ...) dropped.
std::vector<std::string> title_words(std::string_view title);

}  // namespace aj::rule_scoring

#endif
