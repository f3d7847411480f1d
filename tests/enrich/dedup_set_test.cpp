// The constructed de-duplication set (tests/fixtures/dedup/postings.jsonl, 155
// postings in 56 labelled groups) through the core in memory: pairwise
// precision and recall against the labels, re-posts, and the same groups when
// the set is split over two runs or processed twice.
#include "dedup.hpp"
#include "job_key.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace aj::dedup;

namespace {

struct Labelled {
  Posting posting;
  std::string group;  // the label
  bool repost = false;
};

std::string text(const boost::json::object& o, const char* key) {
  const boost::json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// City and state as the import source derives them from "City, ST[, Country]".
void split_location(Posting& p) {
  std::vector<std::string> parts;
  std::string_view rest = p.location;
  while (true) {
    std::size_t comma = rest.find(',');
    std::string_view part = rest.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    parts.emplace_back(part);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (parts.size() < 2 || parts.size() > 3) return;
  p.city = parts[0];
  p.state = parts[1];
  if (parts.size() == 3) p.country = parts[2];
}

std::vector<Labelled> load_set() {
  std::ifstream in(std::string(AJ_FIXTURES_DIR) + "/dedup/postings.jsonl");
  EXPECT_TRUE(in) << "cannot open tests/fixtures/dedup/postings.jsonl";
  std::vector<Labelled> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    boost::json::object o = boost::json::parse(line).as_object();
    Labelled l;
    Posting& p = l.posting;
    p.site = text(o, "site");
    p.title = text(o, "title");
    p.company = text(o, "company");
    p.location = text(o, "location");
    p.job_url = text(o, "job_url");
    p.job_url_direct = text(o, "job_url_direct");
    p.requisition_id = text(o, "requisition_id");
    p.date_posted = text(o, "date_posted");
    p.description = text(o, "description");
    split_location(p);
    p.key = job_key(p.site, text(o, "id"), p.job_url, p.job_url_direct, p.company, p.title, p.location);
    l.group = text(o, "group");
    l.repost = o.if_contains("repost") && o.at("repost").as_bool();
    out.push_back(std::move(l));
  }
  return out;
}

struct PairScore {
  std::size_t tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 1; }
  double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 1; }
};

// Pairs put in one group versus pairs labelled one group; prints the mistakes.
PairScore score(const std::vector<Labelled>& set, const std::vector<Outcome>& got, bool print) {
  PairScore s;
  for (std::size_t i = 0; i < set.size(); ++i) {
    for (std::size_t j = i + 1; j < set.size(); ++j) {
      bool same_label = set[i].group == set[j].group;
      bool same_group = got[i].group == got[j].group;
      if (same_label && same_group) ++s.tp;
      if (!same_label && same_group) ++s.fp;
      if (same_label && !same_group) ++s.fn;
      if (print && same_label != same_group)
        std::printf("  %s: [%s] %s | %s  <->  [%s] %s | %s\n", same_group ? "false pair" : "missed pair",
                    set[i].posting.site.c_str(), set[i].posting.title.c_str(), set[i].group.c_str(),
                    set[j].posting.site.c_str(), set[j].posting.title.c_str(), set[j].group.c_str());
    }
  }
  return s;
}

std::vector<Outcome> run_all(const std::vector<Labelled>& set, KeyValue& kv, const Settings& settings = {}) {
  Deduplicator d(kv, settings);
  std::vector<Outcome> out;
  for (const Labelled& l : set) out.push_back(d.add(l.posting));
  return out;
}

}  // namespace

TEST(DedupSet, PairwisePrecisionAndRecallMeetTheBar) {
  const std::vector<Labelled> set = load_set();
  ASSERT_GE(set.size(), 120u);
  std::set<std::string> labels;
  for (const Labelled& l : set) labels.insert(l.group);
  ASSERT_GE(labels.size(), 50u);

  MemoryKeyValue kv;
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Outcome> got = run_all(set, kv);
  const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();

  const PairScore s = score(set, got, true);
  std::map<Via, int> via;
  for (const Outcome& o : got)
    if (o.joined) ++via[o.via];
  std::set<std::string> found;
  for (const Outcome& o : got) found.insert(o.group);
  std::printf("dedup set: %zu postings, %zu labelled groups, %zu groups found\n", set.size(), labels.size(),
              found.size());
  std::printf("pairs: %zu right, %zu false, %zu missed; precision %.3f, recall %.3f\n", s.tp, s.fp, s.fn,
              s.precision(), s.recall());
  std::printf("joined by apply URL %d, requisition id %d, company+title+place %d, description %d\n",
              via[Via::apply_url], via[Via::requisition_id], via[Via::company_title_place], via[Via::description]);
  std::printf("%.1f us per posting (in memory, MinHash included), %zu records\n", us / set.size(), kv.size());
  EXPECT_GE(s.precision(), 0.98);
  EXPECT_GE(s.recall(), 0.90);

  // Every posting has a group; one alone names its own key.
  for (std::size_t i = 0; i < set.size(); ++i) {
    EXPECT_FALSE(got[i].group.empty());
    if (!got[i].joined) {
      EXPECT_EQ(got[i].group, set[i].posting.key);
    }
    EXPECT_EQ(got[i].joined, !got[i].reason.empty());
  }
}

TEST(DedupSet, RecognisesTheRepostsAndOnlyThem) {
  const std::vector<Labelled> set = load_set();
  MemoryKeyValue kv;
  const std::vector<Outcome> got = run_all(set, kv);
  int labelled = 0, found = 0, false_flags = 0;
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (set[i].repost) {
      ++labelled;
      if (!got[i].repost_of.empty()) ++found;
      else std::printf("  missed re-post: [%s] %s (%s)\n", set[i].posting.site.c_str(), set[i].posting.title.c_str(),
                       set[i].group.c_str());
    } else if (!got[i].repost_of.empty()) {
      ++false_flags;
      std::printf("  not a re-post: [%s] %s (%s) marked as re-post of %s\n", set[i].posting.site.c_str(),
                  set[i].posting.title.c_str(), set[i].group.c_str(), got[i].repost_of.c_str());
    }
  }
  std::printf("re-posts: %d labelled, %d recognised, %d false\n", labelled, found, false_flags);
  EXPECT_GE(labelled, 5);
  EXPECT_EQ(found, labelled);
  EXPECT_EQ(false_flags, 0);
}

TEST(DedupSet, TwoRunsOnOneStoreGiveTheSameGroupsAsOne) {
  const std::vector<Labelled> set = load_set();
  MemoryKeyValue one_kv;
  const std::vector<Outcome> one = run_all(set, one_kv);

  MemoryKeyValue kv;  // kept between the "runs", as the host's storage is
  std::vector<Outcome> two;
  const std::size_t half = set.size() / 2;
  {
    Deduplicator first(kv);
    for (std::size_t i = 0; i < half; ++i) two.push_back(first.add(set[i].posting));
  }
  {
    Deduplicator second(kv);
    for (std::size_t i = half; i < set.size(); ++i) two.push_back(second.add(set[i].posting));
  }
  ASSERT_EQ(two.size(), one.size());
  for (std::size_t i = 0; i < set.size(); ++i) {
    EXPECT_EQ(two[i].group, one[i].group) << set[i].posting.key;
    EXPECT_EQ(two[i].repost_of, one[i].repost_of) << set[i].posting.key;
  }
  EXPECT_EQ(kv.map(), one_kv.map());  // the same records, whichever way the postings came
}

TEST(DedupSet, ProcessingTheSetAgainAddsNothing) {
  const std::vector<Labelled> set = load_set();
  MemoryKeyValue kv;
  const std::vector<Outcome> first = run_all(set, kv);
  const auto records = kv.map();
  const std::vector<Outcome> again = run_all(set, kv);  // a re-run after a crash, say
  for (std::size_t i = 0; i < set.size(); ++i) {
    EXPECT_TRUE(again[i].seen_before);
    EXPECT_EQ(again[i].group, first[i].group);
    EXPECT_EQ(again[i].reason, first[i].reason);
    EXPECT_EQ(again[i].repost_of, first[i].repost_of);
    // The re-run sees the whole group.
    EXPECT_GE(again[i].members, first[i].members);
  }
  EXPECT_EQ(kv.map(), records);
}

TEST(DedupSet, DescriptionsFindWhatExactKeysMiss) {
  const std::vector<Labelled> set = load_set();
  MemoryKeyValue with_kv, without_kv;
  Settings exact_only;
  exact_only.use_descriptions = false;
  const PairScore with = score(set, run_all(set, with_kv), false);
  const PairScore without = score(set, run_all(set, without_kv, exact_only), false);
  std::printf("exact keys only: precision %.3f, recall %.3f; with descriptions: precision %.3f, recall %.3f\n",
              without.precision(), without.recall(), with.precision(), with.recall());
  EXPECT_GE(without.precision(), 0.98);
  EXPECT_LT(without.recall(), with.recall());
}
