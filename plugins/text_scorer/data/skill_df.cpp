// aj-skill-df: the document-frequency table of text_scorer (skill_df.tsv)
// from postings in JSON Lines, matched with the same taxonomy code as the
// plugin, so a skill counts here exactly when it counts in scoring.
//
// usage: aj-skill-df SKILLS_YAML POSTINGS.jsonl... > skill_df.tsv
//
// A line is a posting (title, description) or a labelled one ({"input": {...}});
// of postings with the same "group" (the de-duplication set's copies of one
// job) only the first counts. Prints the number of postings, their average
// length in words (title + description, as Text cuts them), then each skill's
// number of postings, most frequent first.
#include "extract/skills.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace json = boost::json;

namespace {

std::string_view str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: aj-skill-df SKILLS_YAML POSTINGS.jsonl...\n";
    return 2;
  }
  try {
    const ajx::Taxonomy taxonomy = ajx::Taxonomy::load(argv[1]);
    std::vector<std::size_t> df(taxonomy.size());
    std::set<std::string> groups;
    std::size_t documents = 0, words = 0;
    std::vector<ajx::Taxonomy::Hit> hits;
    for (int a = 2; a < argc; ++a) {
      std::ifstream in(argv[a]);
      if (!in) throw std::runtime_error(std::string(argv[a]) + ": cannot read");
      std::string line;
      for (std::size_t n = 1; std::getline(in, line); ++n) {
        if (line.empty()) continue;
        boost::system::error_code ec;
        json::value v = json::parse(line, ec);
        if (ec || !v.is_object())
          throw std::runtime_error(std::string(argv[a]) + ":" + std::to_string(n) + ": not a JSON object");
        const json::object* posting = &v.get_object();
        if (const json::value* input = posting->if_contains("input"); input && input->is_object())
          posting = &input->get_object();
        if (std::string_view group = str(v.get_object(), "group"); !group.empty() && !groups.emplace(group).second)
          continue;
        const ajx::Text text = ajx::Text::of(str(*posting, "title"), str(*posting, "description"));
        ++documents;
        words += text.words.size();
        taxonomy.hits(text, hits);
        std::vector<char> seen(taxonomy.size());
        for (const auto& h : hits)
          if (!seen[h.skill]) seen[h.skill] = 1, ++df[h.skill];
      }
    }
    if (documents == 0) throw std::runtime_error("no postings");
    std::vector<std::size_t> order;
    for (std::size_t id = 0; id < df.size(); ++id)
      if (df[id] > 0) order.push_back(id);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return df[x] > df[y]; });
    std::printf("documents\t%zu\naverage_words\t%.1f\n", documents,
                static_cast<double>(words) / static_cast<double>(documents));
    for (std::size_t id : order) std::printf("%s\t%zu\n", taxonomy.name(id).c_str(), df[id]);
  } catch (const std::exception& e) {
    std::cerr << "aj-skill-df: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
