// Reading job feeds: RSS 2.0 (and 1.0), Atom 1.0 and Personio's XML, with the
// job-board extensions RSS feeds commonly carry. Pure functions of the
// document, so the plugin only fetches, caches and emits.
#pragma once

#include <ajsrc/text.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace feed {

enum class Format { automatic, rss, atom, personio };
const char* format_name(Format f);
/// "auto" | "rss" | "atom" | "personio"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view text);

/// Whether "Company: Title" titles are split (see README.md, "Titles").
enum class SplitTitle { automatic, yes, no };

/// One configured feed.
struct FeedSpec {
  std::string url;
  Format format = Format::automatic;
  /// "" (the feed's own data only), "author" (the item's author is the
  /// company), or a name for the items that name no company.
  std::string company;
  SplitTitle split_title = SplitTitle::automatic;
  bool remote = false;   // a remote-only board: every item is remote
  std::string job_url;   // Personio: the job page, "{id}" replaced ("" = the feed's origin + /job/{id})
};

/// One posting as read from a feed; empty strings are absent values.
struct Posting {
  std::string id, site, ats, title, job_url, job_url_direct, company, company_url, company_logo;
  std::string location, city, state, country, date_posted, job_type, job_level, job_function;
  std::string description, work_arrangement, experience_range;
  std::optional<bool> is_remote;
  ajsrc::Pay pay;
  std::optional<int64_t> experience_min, experience_max;
  std::vector<std::string> skills;
  std::vector<std::pair<std::string, std::string>> extras;
};

struct Parsed {
  Format format = Format::automatic;  // what the document was
  std::vector<Posting> postings;
  size_t skipped = 0;                 // items without a title (or a Personio id), left out
};

/// Parses a whole feed. Throws aj::SourceError(layout_changed) naming the URL
/// when the body is not XML, its root is not what `spec.format` (or, for auto,
/// any known format) expects, or no item of a non-empty feed is readable.
Parsed parse_feed(std::string_view body, const FeedSpec& spec);

/// "https://acme.jobs.personio.de/xml?language=en" -> "https://acme.jobs.personio.de".
std::string origin_of(std::string_view url);
/// The host without port or a leading "www." ("weworkremotely.com").
std::string host_of(std::string_view url);

}  // namespace feed
