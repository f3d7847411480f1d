// The scorers against a job seeker's judgement: 30 constructed postings
// (tests/fixtures/ranking) go through pipelines/import.yaml with the fixture's
// profile, and the order of their scores must agree with the hand ranking
// (Kendall tau-b >= 0.7). The postings a hard filter must catch are skipped.
#include "source_harness.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace aj::test {
namespace {

const std::string kDir = AJ_FIXTURES_DIR "/ranking";

struct Ranked {
  int hand = 0;  // 1 = best, from ranking.tsv
  std::string id;
  double score = -1;  // -1: the job has no score
  std::string decision, title, company;
  boost::json::value breakdown;
};

// ranking.tsv: "rank<TAB>job id" lines; '#' starts a comment line.
std::vector<Ranked> hand_ranking() {
  std::vector<Ranked> out;
  std::istringstream in(read_file(kDir + "/ranking.tsv"));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    Ranked r;
    r.hand = std::stoi(line.substr(0, tab));
    r.id = line.substr(tab + 1);
    out.push_back(std::move(r));
  }
  return out;
}

int sign(double v) { return (v > 0) - (v < 0); }

// Kendall tau-b of hand ranks (1 = best) against scores (higher = better):
// pairs tied on either side count in neither C nor D and shrink the denominator.
double kendall_tau_b(const std::vector<Ranked>& r) {
  double concordant = 0, discordant = 0, tied_hand = 0, tied_score = 0, pairs = 0;
  for (std::size_t i = 0; i < r.size(); ++i)
    for (std::size_t j = i + 1; j < r.size(); ++j) {
      ++pairs;
      int h = sign(r[j].hand - r[i].hand);  // +1 when the hand ranks i above j
      int s = sign(r[i].score - r[j].score);
      if (h == 0) ++tied_hand;
      if (s == 0) ++tied_score;
      if (h * s > 0) ++concordant;
      if (h * s < 0) ++discordant;
    }
  double denominator = std::sqrt((pairs - tied_hand) * (pairs - tied_score));
  return denominator > 0 ? (concordant - discordant) / denominator : 0;
}

// The scorer's rank: 1 + the number of postings scored strictly higher.
int score_rank(const std::vector<Ranked>& r, const Ranked& x) {
  return 1 + static_cast<int>(std::count_if(r.begin(), r.end(), [&](const Ranked& y) { return y.score > x.score; }));
}

bool has_filter(const boost::json::value& breakdown, const std::string& id) {
  const auto* obj = breakdown.if_object();
  const auto* filters = obj ? obj->if_contains("filters") : nullptr;
  if (!filters || !filters->is_array()) return false;
  for (const auto& f : filters->as_array())
    if (const auto* name = f.is_object() ? f.as_object().if_contains("filter") : nullptr;
        name && name->is_string() && name->as_string() == id)
      return true;
  return false;
}

TEST(Ranking, TheScorersOrderAgreesWithTheHandRanking) {
  std::vector<Ranked> ranked = hand_ranking();
  ASSERT_EQ(ranked.size(), 30u);

  TempDir dir;
  const std::string db = dir / "jobs.db";
  auto run = run_ajhost_on(dir, {"run", AJ_SOURCE_DIR "/pipelines/import.yaml", "--db", db, "--no-progress"}, db,
                           quick_host_yaml(),
                           {{"AJ_IMPORT", kDir + "/postings.jsonl"}, {"AJ_PROFILE", kDir + "/profile.yaml"}});
  ASSERT_EQ(run.proc.exit_code, 0) << run.explain();
  ASSERT_EQ(run.jobs.size(), 30u) << run.explain();

  auto listed = run_ajhost({"jobs", "list", "--db", db, "--format", "json", "--limit", "100"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  boost::system::error_code ec;
  const boost::json::value jobs = boost::json::parse(listed.out, ec);
  ASSERT_TRUE(!ec && jobs.is_array()) << listed.out;
  for (const auto& j : jobs.as_array()) {
    const auto& o = j.as_object();
    const std::string id(o.at("id").as_string());
    auto it = std::find_if(ranked.begin(), ranked.end(), [&](const Ranked& r) { return r.id == id; });
    if (it == ranked.end()) continue;
    if (o.at("score").is_number()) it->score = o.at("score").to_number<double>();
    if (o.at("decision").is_string()) it->decision = std::string(o.at("decision").as_string());
    it->title = std::string(o.at("title").as_string());
    it->company = std::string(o.at("company").as_string());
    it->breakdown = o.at("score_breakdown");
  }
  for (const auto& r : ranked) EXPECT_GE(r.score, 0) << r.id << " has no score";

  const double tau = kendall_tau_b(ranked);
  std::printf("%4s %5s %6s  %-8s %-45s %s\n", "hand", "score", "total", "decision", "title", "company");
  for (const auto& r : ranked)
    std::printf("%4d %5d %6.1f  %-8s %-45.45s %s\n", r.hand, score_rank(ranked, r), r.score, r.decision.c_str(),
                r.title.c_str(), r.company.c_str());
  std::printf("Kendall tau-b between the hand ranking and the scores: %.3f (at least 0.7 to pass)\n", tau);
  EXPECT_GE(tau, 0.7);

  // The postings a hard filter must skip, whatever else they offer.
  const std::vector<std::pair<std::string, std::string>> filtered = {
      {"li-4103099512", "blocked_company"},       // Apex Talent Staffing
      {"in-1d5c8a3f6e9b0742", "french"},          // bilingual English/French required
      {"gd-1009566290", "blocked_industry"},      // Gambling Facilities and Casinos
      {"li-4102934478", "too_senior"},            // Director, Data & Analytics
      {"in-7e3a0b6d9c2f5481", "not_authorised"},  // on-site in Chicago, US authorisation
      {"li-4103188860", "avoid_keyword"},         // "unpaid volunteer position"
  };
  for (const auto& [id, filter] : filtered) {
    auto it = std::find_if(ranked.begin(), ranked.end(), [&id = id](const Ranked& r) { return r.id == id; });
    ASSERT_NE(it, ranked.end()) << id;
    EXPECT_EQ(it->decision, "skip") << id << " (" << filter << ")";
    EXPECT_EQ(it->score, 0) << id << ": a filtered posting totals 0";
    EXPECT_TRUE(has_filter(it->breakdown, filter)) << id << " lacks filter " << filter << ": "
                                                   << boost::json::serialize(it->breakdown);
  }
}

}  // namespace
}  // namespace aj::test
