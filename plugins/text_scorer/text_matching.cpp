#include "text_matching.hpp"

#include "nice_to_have.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace aj::text_matching {

namespace json = boost::json;

const char* const kNoSkills =
    "the profile has no skills or work history for text matching; add skills: [{name: Backend, keywords: [Python, "
    "SQL]}] (see config/profile.example.yaml) or use processing_method: rule_based";

namespace {

constexpr float kListed = 1.0f, kWorked = 0.8f, kMentioned = 0.6f;

std::string_view str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// The strings of o[key] when it is a list; other entries are passed over.
template <class F>
void each_string(const json::object& o, std::string_view key, F f) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_array()) return;
  for (const json::value& item : v->get_array())
    if (item.is_string()) f(std::string_view(item.get_string()));
}

// The objects of o[key] when it is a list.
template <class F>
void each_object(const json::object& o, std::string_view key, F f) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_array()) return;
  for (const json::value& item : v->get_array())
    if (item.is_object()) f(item.get_object());
}

double round1(double x) { return std::round(x * 10) / 10; }

std::string names(const std::vector<std::string>& list, std::size_t shown) {
  std::string out;
  for (std::size_t i = 0; i < list.size() && i < shown; ++i) (out += i ? ", " : "") += list[i];
  if (list.size() > shown) out += ", ...";
  return out;
}

}  // namespace

std::string points_text(double value) {
  const double r = round1(value);
  char buf[32];
  if (r == std::floor(r))
    std::snprintf(buf, sizeof buf, "%.0f", r);
  else
    std::snprintf(buf, sizeof buf, "%.1f", r);
  return buf;
}

Matcher::Matcher(ajx::Taxonomy taxonomy, const Frequencies& frequencies, Settings settings)
    : taxonomy_(std::move(taxonomy)), average_words_(frequencies.average_words()), settings_(settings) {
  idf_.reserve(taxonomy_.size());
  for (std::size_t id = 0; id < taxonomy_.size(); ++id) idf_.push_back(frequencies.idf(taxonomy_.name(id)));
}

Resume Matcher::resume(std::string_view profile_json) const {
  boost::system::error_code ec;
  json::value root = json::parse(json::string_view(profile_json.data(), profile_json.size()), ec);
  if (ec || !root.is_object()) throw std::invalid_argument("the profile is not a JSON object");
  const json::object& profile = root.get_object();

  Resume r;
  r.strength.assign(taxonomy_.size(), 0.f);
  std::vector<ajx::Taxonomy::Hit> hits;
  auto give = [&](std::size_t id, float s) { r.strength[id] = std::max(r.strength[id], s); };
  auto scan = [&](std::string_view text, float s) {
    if (text.empty()) return;
    taxonomy_.hits(ajx::Text::of(text, ""), hits);
    for (const auto& h : hits) give(h.skill, s);
  };
  // A skill listed on its own ("Go", "CI/CD") is that skill even where the
  // scan would want context; longer entries ("Python 3 and pandas") are scanned.
  auto named = [&](std::string_view text, float s) {
    if (auto id = taxonomy_.lookup(text))
      give(*id, s);
    else
      scan(text, s);
  };

  each_object(profile, "skills", [&](const json::object& skill) {
    named(str(skill, "name"), kListed);
    each_string(skill, "keywords", [&](std::string_view k) { named(k, kListed); });
  });
  each_object(profile, "work", [&](const json::object& job) {
    scan(str(job, "position"), kWorked);
    scan(str(job, "summary"), kWorked);
    each_string(job, "highlights", [&](std::string_view h) { scan(h, kWorked); });
  });
  each_object(profile, "projects", [&](const json::object& project) {
    scan(str(project, "name"), kWorked);
    scan(str(project, "description"), kWorked);
    each_string(project, "highlights", [&](std::string_view h) { scan(h, kWorked); });
    each_string(project, "keywords", [&](std::string_view k) { named(k, kWorked); });
  });
  each_object(profile, "certificates", [&](const json::object& c) { scan(str(c, "name"), kWorked); });
  if (const json::value* basics = profile.if_contains("basics"); basics && basics->is_object()) {
    scan(str(basics->get_object(), "label"), kMentioned);
    scan(str(basics->get_object(), "summary"), kMentioned);
  }
  each_object(profile, "education", [&](const json::object& e) {
    scan(str(e, "area"), kMentioned);
    each_string(e, "courses", [&](std::string_view c) { scan(c, kMentioned); });
  });

  r.terms = static_cast<std::size_t>(std::count_if(r.strength.begin(), r.strength.end(), [](float s) { return s > 0; }));
  if (r.terms == 0) throw std::invalid_argument(kNoSkills);
  return r;
}

Match Matcher::match(const Resume& person, const Posting& posting, Scratch& sc) const {
  Match m;
  const bool has_text = !posting.description.empty();
  if (!has_text && posting.skills.empty()) return m;
  m.scored = true;

  const std::size_t n = taxonomy_.size();
  if (sc.tf.size() != n) sc.tf.assign(n, 0), sc.must.assign(n, 0);
  sc.named.clear();
  auto add = [&](std::size_t id, bool must) {
    if (sc.tf[id]++ == 0) sc.named.push_back(static_cast<uint32_t>(id));
    sc.must[id] |= must ? 1 : 0;
  };
  const ajx::Text text = ajx::Text::of(posting.title, posting.description);
  taxonomy_.hits(text, sc.hits);
  NiceToHave nice(text);
  for (const auto& h : sc.hits) add(h.skill, !nice.at(h.word));
  if (!has_text)
    for (std::string_view s : posting.skills)
      if (auto id = taxonomy_.lookup(s); id && sc.tf[*id] == 0) add(*id, true);

  // BM25: idf x tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl)); a posting
  // without a description is of average length.
  const Settings& s = settings_;
  const double dl = has_text ? static_cast<double>(text.words.size()) : average_words_;
  const double norm = s.k1 * (1 - s.b + s.b * dl / average_words_);
  double total = 0, covered = 0;
  m.terms.reserve(sc.named.size());
  for (uint32_t id : sc.named) {
    Term t;
    t.skill = id;
    t.tf = sc.tf[id];
    t.must = sc.must[id] != 0;
    t.weight = idf_[id] * t.tf * (s.k1 + 1) / (t.tf + norm) * (t.must ? 1.0 : s.nice_weight);
    t.have = id < person.strength.size() ? person.strength[id] : 0.0;
    total += t.weight;
    covered += t.weight * t.have;
    m.terms.push_back(t);
    sc.tf[id] = 0, sc.must[id] = 0;
  }
  m.known = !m.terms.empty();
  m.score = m.known && total > 0 ? covered / total : 0.5;
  std::sort(m.terms.begin(), m.terms.end(), [](const Term& a, const Term& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.skill < b.skill;
  });
  for (const Term& t : m.terms) {
    auto& list = t.must ? (t.have > 0 ? m.must_matched : m.must_missing) : (t.have > 0 ? m.nice_matched : m.nice_missing);
    list.push_back(taxonomy_.name(t.skill));
  }
  return m;
}

Factor factor(const Match& m, double weight) {
  Factor f;
  f.max = weight;
  f.points = round1(weight * m.score);
  const std::string tail = ": " + points_text(f.points) + "/" + points_text(weight);
  if (!m.known) {
    f.reason = "unknown: the posting names no skill the taxonomy knows" + tail;
    return f;
  }
  const std::size_t must = m.must_matched.size() + m.must_missing.size();
  const std::size_t nice = m.nice_matched.size() + m.nice_missing.size();
  std::string r = "skills: ";
  if (must > 0) {
    const std::size_t have = m.must_matched.size();
    if (have == 0)
      r += "you have none of the " + std::to_string(must) + " the posting asks for";
    else if (have == must)
      r += "you have all " + std::to_string(must) + " the posting asks for (" + names(m.must_matched, 4) + ")";
    else
      r += "you have " + std::to_string(have) + " of " + std::to_string(must) + " the posting asks for (" +
           names(m.must_matched, 4) + ")";
    if (!m.must_missing.empty()) r += "; missing " + names(m.must_missing, 4);
  }
  if (nice > 0) {
    r += must > 0 ? "; " : "you have ";
    r += std::to_string(m.nice_matched.size()) + " of " + std::to_string(nice) + " nice-to-have";
    if (!m.nice_matched.empty()) r += " (" + names(m.nice_matched, 3) + ")";
  }
  f.reason = r + tail;
  return f;
}

}  // namespace aj::text_matching
