#include "breakdown.hpp"

#include "autojobagent/json.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>

namespace aj::text_matching {

namespace json = boost::json;

namespace {

double round1(double x) { return std::round(x * 10) / 10; }

double number(const json::value* v, double fallback) {
  if (!v) return fallback;
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  return fallback;
}

json::array strings(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

// Boost.JSON 1.81 writes 72.5 as 7.25E1; the breakdown is read by people too,
// so numbers are written shortest-first ("72.5", "24") and the rest as usual.
void write(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ',';
        first = false;
        aj::append_json_string(out, std::string_view(kv.key()));
        out += ':';
        write(out, kv.value());
      }
      out += '}';
      break;
    }
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write(out, item);
      }
      out += ']';
      break;
    }
    case json::kind::string:
      aj::append_json_string(out, std::string_view(v.get_string()));
      break;
    case json::kind::double_: {
      const double d = v.get_double();
      if (!std::isfinite(d)) {
        out += "null";
        break;
      }
      char buf[32];
      const auto res = std::to_chars(buf, buf + sizeof buf, d);
      out.append(buf, res.ptr);
      break;
    }
    default:
      out += json::serialize(v);
  }
}

std::string decide(double total, const Thresholds& t) {
  return total >= t.apply ? "apply" : total >= t.review ? "review" : "skip";
}

}  // namespace

Scored merge(std::string_view existing, const Match& m, double weight, const Thresholds& fallback) {
  json::object b;
  boost::system::error_code ec;
  json::value parsed;
  if (!existing.empty()) parsed = json::parse(json::string_view(existing.data(), existing.size()), ec);
  if (!ec && parsed.is_object()) {
    b = std::move(parsed.get_object());
  } else {  // the contract's key order
    b["version"] = 1;
    b["total"] = 0;
    b["decision"] = "skip";
    b["method"] = "hybrid";
    b["thresholds"] = {{"apply", fallback.apply}, {"review", fallback.review}};
    b["points"] = 0;
    b["max"] = 0;
    b["filters"] = json::array();
    b["factors"] = json::array();
  }
  if (!b.contains("version")) b["version"] = 1;
  b["method"] = "hybrid";

  Thresholds t = fallback;
  if (const json::value* th = b.if_contains("thresholds"); th && th->is_object()) {
    t.apply = number(th->get_object().if_contains("apply"), t.apply);
    t.review = number(th->get_object().if_contains("review"), t.review);
  } else {
    b["thresholds"] = {{"apply", t.apply}, {"review", t.review}};
  }

  json::value& fv = b["factors"];
  if (!fv.is_array()) fv = json::array();
  json::array& factors = fv.get_array();
  for (auto it = factors.begin(); it != factors.end();) {
    const json::object* f = it->if_object();
    const json::value* name = f ? f->if_contains("factor") : nullptr;
    if (name && name->is_string() && name->get_string() == "skills")
      it = factors.erase(it);
    else
      ++it;
  }
  const Factor f = factor(m, weight);
  factors.push_back(json::object{
      {"factor", "skills"}, {"stage", 2}, {"points", f.points}, {"max", f.max}, {"reason", f.reason}});
  b["skills"] = json::object{
      {"must_have", json::object{{"matched", strings(m.must_matched)}, {"missing", strings(m.must_missing)}}},
      {"nice_to_have", json::object{{"matched", strings(m.nice_matched)}, {"missing", strings(m.nice_missing)}}}};

  double points = 0, max = 0;
  for (const json::value& item : factors) {
    if (!item.is_object()) continue;
    points += number(item.get_object().if_contains("points"), 0);
    max += number(item.get_object().if_contains("max"), 0);
  }
  points = round1(points);
  max = round1(max);
  const json::value* filters = b.if_contains("filters");
  const bool filtered = filters && filters->is_array() && !filters->get_array().empty();

  Scored s;
  s.total = filtered || max <= 0 ? 0 : round1(100 * points / max);
  s.decision = filtered ? "skip" : decide(s.total, t);
  b["points"] = points;
  b["max"] = max;
  b["total"] = s.total;
  b["decision"] = s.decision;
  write(s.breakdown, b);
  return s;
}

}  // namespace aj::text_matching
