#include "cli/breakdown.hpp"

#include "cli/table.hpp"
#include "record/json_text.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace aj::host {

namespace {

std::string str(const boost::json::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<double> num(const boost::json::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  if (!v) return std::nullopt;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  return std::nullopt;
}

std::string num_text(const boost::json::object& o, const char* k) {
  auto v = num(o, k);
  return v ? format_number(std::round(*v * 10) / 10) : std::string();
}

// Ten cells, filled in proportion: the shape of the score at a glance.
std::string bar(double points, double max) {
  if (max <= 0) return "";
  int full = static_cast<int>(std::lround(10 * std::clamp(points / max, 0.0, 1.0)));
  std::string out;
  for (int i = 0; i < 10; ++i) out += i < full ? "\u2588" : "\u00b7";
  return out;
}

std::string names(const boost::json::object& skills, const char* group, const char* which) {
  const auto* g = skills.if_contains(group);
  if (!g || !g->is_object()) return "";
  const auto* list = g->as_object().if_contains(which);
  if (!list || !list->is_array()) return "";
  std::string out;
  for (const auto& s : list->as_array())
    if (s.is_string()) out += (out.empty() ? "" : ", ") + std::string(s.as_string());
  return out;
}

}  // namespace

std::string render_breakdown(const std::string& score, const std::string& decision, const std::string& breakdown) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(breakdown, ec);
  std::string out = "\nScore " + score + " -> " + decision;
  if (ec || !v.is_object()) return out + "\n" + breakdown + "\n";
  const auto& o = v.as_object();
  std::string method = str(o, "method");
  std::string how = method == "hybrid" ? "rules and text match" : method == "rule_based" ? "rules" : method;
  if (const auto* t = o.if_contains("thresholds"); t && t->is_object())
    how += (how.empty() ? "" : "; ") + std::string("apply >= ") + num_text(t->as_object(), "apply") +
           ", review >= " + num_text(t->as_object(), "review");
  out += how.empty() ? "\n" : "  (" + how + ")\n";

  if (const auto* factors = o.if_contains("factors"); factors && factors->is_array()) {
    Table t;
    t.header = {"FACTOR", "STAGE", "POINTS", "MAX", "", "REASON"};
    t.right_align = {false, true, true, true, false, false};
    for (const auto& f : factors->as_array()) {
      if (!f.is_object()) continue;
      const auto& fo = f.as_object();
      t.rows.push_back({str(fo, "factor"), num_text(fo, "stage"), num_text(fo, "points"), num_text(fo, "max"),
                        bar(num(fo, "points").value_or(0), num(fo, "max").value_or(0)), str(fo, "reason")});
    }
    if (auto p = num(o, "points"), m = num(o, "max"); p && m)
      t.rows.push_back({"sum", "", num_text(o, "points"), num_text(o, "max"), bar(*p, *m),
                        "100 x " + num_text(o, "points") + " / " + num_text(o, "max") + " = " +
                            format_number(std::round(1000 * *p / *m) / 10)});
    t.max_column_width = 110;
    out += t.render();
  }
  if (const auto* filters = o.if_contains("filters"); filters && filters->is_array() && !filters->as_array().empty()) {
    out += "\nSkipped by a hard filter, whatever the points:\n";
    for (const auto& f : filters->as_array())
      if (f.is_object()) out += "  " + str(f.as_object(), "filter") + ": " + str(f.as_object(), "reason") + "\n";
  }
  if (const auto* skills = o.if_contains("skills"); skills && skills->is_object()) {
    Table t;
    t.header = {"SKILLS THE POSTING ASKS FOR", "YOU HAVE", "YOU LACK"};
    const auto& s = skills->as_object();
    t.rows.push_back({"must have", names(s, "must_have", "matched"), names(s, "must_have", "missing")});
    t.rows.push_back({"nice to have", names(s, "nice_to_have", "matched"), names(s, "nice_to_have", "missing")});
    t.max_column_width = 70;
    out += "\n" + t.render();
  }
  return out;
}

}  // namespace aj::host
