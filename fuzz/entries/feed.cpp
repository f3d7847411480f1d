// Job feeds: RSS 2.0/1.0, Atom 1.0 and Personio XML, with one of the feed
// settings the plugin takes (picked by the input's length, so that an input
// always gets the same one).
#include "entries.hpp"

#include "feed_parse.hpp"

#include <autojobagent/plugin.hpp>

#include <array>

int aj_fuzz_feed(const uint8_t* data, size_t size) {
  static const std::array<feed::FeedSpec, 4> kSpecs = {{
      {"https://jobs.example.com/feed.rss", feed::Format::automatic, "", feed::SplitTitle::automatic, false, ""},
      {"https://remote.example.com/jobs.rss", feed::Format::automatic, "author", feed::SplitTitle::yes, true, ""},
      {"https://acme.example.com/atom", feed::Format::automatic, "Acme", feed::SplitTitle::no, false, ""},
      {"https://acme.jobs.personio.de/xml", feed::Format::personio, "", feed::SplitTitle::automatic, false,
       "https://acme.example.com/jobs/{id}"},
  }};
  try {
    (void)feed::parse_feed(aj::fuzz::text_of(data, size), kSpecs[size % kSpecs.size()]);
  } catch (const aj::SourceError&) {
    // Not XML, or not a feed: the query fails as layout changed.
  }
  return 0;
}
