// What the public ATS board sources (greenhouse, lever, ashby) share: the
// companies setting, postings kept in memory, and the per-query emit loop.
//
// An ATS board API has no search: it returns a company's whole board. The
// engine calls run() once per query (each term x location), so each plugin
// instance reads a board once, keeps its postings for the instance's life (one
// run, one worker: no locking) and emits them again for every query; ajhost
// applies each query's filters. Header-only; no CMakeLists.txt here, so
// plugins/CMakeLists.txt does not take this folder for a plugin.
#pragma once

#include <ajsrc/text.hpp>
#include <autojobagent/plugin.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ats {

// ---- settings ----------------------------------------------------------------

struct Company {
  std::string token;  // board token / site name / org name, as in the board's URL
  std::string name;   // display name from `company_names`; "" when not given
};

/// The `companies` list with names from the `company_names` map ({token: "Name"}).
/// `what` names a token in messages ("Greenhouse board token").
inline std::vector<Company> read_companies(const aj::Config& cfg, std::string_view what) {
  std::vector<Company> out;
  std::set<std::string> seen;
  for (auto raw : cfg.list("companies")) {
    std::string token = ajsrc::trim(raw);
    if (token.empty()) throw aj::ConfigError("companies: an empty " + std::string(what));
    if (token.find_first_of("/?#") != std::string::npos)
      throw aj::ConfigError("companies: '" + token + "' is not a " + std::string(what) +
                            " (give the name only, not a URL or a path)");
    if (seen.insert(token).second) out.push_back({token, ""});
  }
  if (out.empty())
    throw aj::ConfigError("companies: list at least one " + std::string(what) + ", e.g. companies: [acme]");
  if (auto json = cfg.json("company_names")) {
    boost::system::error_code ec;
    auto v = boost::json::parse(boost::json::string_view(json->data(), json->size()), ec);
    if (ec || !v.is_object()) throw aj::ConfigError("company_names: expected a mapping {token: \"Company Name\"}");
    for (const auto& [k, name] : v.as_object()) {
      std::string key(k);
      auto it = std::find_if(out.begin(), out.end(), [&](const Company& c) { return c.token == key; });
      if (it == out.end())
        throw aj::ConfigError("company_names: '" + key + "' is not in companies (a typo?)");
      if (!name.is_string()) throw aj::ConfigError("company_names." + key + ": expected a name (text)");
      it->name = ajsrc::trim(std::string_view(name.as_string()));
    }
  }
  return out;
}

/// The base URL setting `key` without a trailing '/'; it must be http(s).
inline std::string read_base_url(const aj::Config& cfg, std::string_view key, std::string_view fallback) {
  std::string url = ajsrc::trim(cfg.str_or(key, fallback));
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    throw aj::ConfigError(std::string(key) + ": '" + url + "' is not an http(s) URL");
  while (url.size() > 8 && url.back() == '/') url.pop_back();
  return url;
}

/// A token as one URL path segment (percent-encoded outside RFC 3986's unreserved set).
inline std::string path_segment(std::string_view token) {
  std::string out;
  for (unsigned char c : token) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// ---- reading postings ------------------------------------------------------------

/// City / state / country of a location as boards write it, split only when it
/// names one place: "Remote - US", "Toronto; Montreal" or "NYC or Remote" are
/// left whole (in the location field) rather than split into nonsense.
inline ajsrc::Place place_of(std::string_view location) {
  std::string l = ajsrc::lower(location);
  if (l.find("remote") != std::string::npos || l.find_first_of(";|/") != std::string::npos ||
      l.find(" or ") != std::string::npos || l.find(" - ") != std::string::npos)
    return {};
  return ajsrc::split_place(location);
}

/// remote | hybrid | onsite from "Remote", "Hybrid", "OnSite", "on-site", "In office"; "" otherwise.
inline std::string work_arrangement(std::string_view text) {
  std::string t;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c))) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "remote" || t == "fullyremote" || t == "remoteonly") return "remote";
  if (t == "hybrid") return "hybrid";
  if (t == "onsite" || t == "inoffice" || t == "inperson" || t == "office") return "onsite";
  return "";
}

/// yearly | monthly | weekly | daily | hourly from an API's interval ("per-year-salary",
/// "1 YEAR", "per-hour-wage", "MONTH"); "" otherwise. (ajsrc::pay_interval reads
/// "per-month-salary" as yearly because of "salary", hence this.)
inline std::string pay_interval(std::string_view text) {
  std::string t = ajsrc::lower(text);
  auto has = [&](const char* w) { return t.find(w) != std::string::npos; };
  if (has("year") || has("annual")) return "yearly";
  if (has("month")) return "monthly";
  if (has("week")) return "weekly";
  if (has("day") || has("daily")) return "daily";
  if (has("hour")) return "hourly";
  return "";
}

/// One posting as read from a board, kept across queries and copied into a new
/// job record for each emit (a job record lives only within one call).
class Posting {
 public:
  void text(aj::Field f, std::string v) {
    if (!v.empty()) values_.emplace_back(f, std::move(v));
  }
  void number(aj::Field f, double v) { values_.emplace_back(f, v); }
  void flag(aj::Field f, bool v) { values_.emplace_back(f, v); }
  void extra(std::string key, std::string v) {
    if (!v.empty()) extras_.emplace_back(std::move(key), std::move(v));
  }
  /// The text of field `f`, "" when unset.
  std::string text_of(aj::Field f) const {
    for (const auto& [k, v] : values_)
      if (k == f && std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
    return "";
  }

  void fill(aj::Job& job) const {
    // Not a structured binding: clang before 16 cannot capture one in a lambda (the fuzz build).
    for (const auto& value : values_) std::visit([&](const auto& x) { job.set(value.first, x); }, value.second);
    for (const auto& [k, v] : extras_) job.set_extra(k, v);
  }

 private:
  std::vector<std::pair<aj::Field, std::variant<std::string, double, bool>>> values_;
  std::vector<std::pair<std::string, std::string>> extras_;
};

// ---- boards and the emit loop ---------------------------------------------------

/// Why reading a board stopped: what the plugin threw, kept so that every later
/// query reports it again without asking the site again (a 429 stays a 429).
struct Failure {
  std::optional<aj::Outcome> outcome;  // none: a plain error (an unknown board, HTTP 404)
  std::string message;
  aj_status status = AJ_ERROR;
};

struct Board {
  std::vector<Posting> postings;
  bool complete = false;          // every posting has been read
  std::optional<Failure> failure; // reading stopped; the postings before it still count
  bool exhausted() const { return complete || failure.has_value(); }
};

/// Reads the next part of a board (a page, or all of it) into `board`: adds
/// postings, or sets `complete`. Throws aj::SourceError / aj::Error on failure.
using ReadMore = std::function<void(const Company&, Board&)>;

/// The boards of one plugin instance, read lazily (page by page as queries need
/// them) and kept for the instance's life.
class Boards {
 public:
  /// Emits the postings of every company for one query, reading boards as
  /// needed. Returns when all are emitted, when emit says the query or run has
  /// enough, or on cancel. A board that failed is skipped and reported: the query
  /// fails (throws) only when every board failed before giving a posting;
  /// otherwise it is a partial result with the failure as its outcome.
  void emit_all(aj::Context& ctx, const std::vector<Company>& companies, const ReadMore& read_more) {
    std::vector<const Failure*> failures;
    bool any_posting = false, any_board_ok = false;
    uint64_t done = 0;
    for (const auto& c : companies) {
      ctx.progress(done++, companies.size());
      Board& b = boards_[c.token];
      bool enough = !emit_board(ctx, c, b, read_more);
      if (ctx.cancelled()) return;
      any_posting = any_posting || !b.postings.empty();
      if (b.failure) failures.push_back(&*b.failure);
      else any_board_ok = true;
      if (enough) break;
    }
    if (failures.empty()) return;
    std::string why;
    for (const auto* f : failures) why += (why.empty() ? "" : "; ") + f->message;
    const Failure& first = *failures.front();
    if (!any_posting && !any_board_ok) {
      if (first.outcome) throw aj::SourceError(*first.outcome, why, first.status);
      throw aj::Error(why, first.status);
    }
    // Some boards answered: keep their postings, report the rest.
    if (first.outcome) {
      ctx.outcome(*first.outcome, why);
    } else {
      ctx.report("outcome", "error");
      ctx.report("outcome_reason", why);
    }
  }

 private:
  // False when emit said stop (the query or the run has enough).
  static bool emit_board(aj::Context& ctx, const Company& c, Board& b, const ReadMore& read_more) {
    for (size_t i = 0;; ++i) {
      if (ctx.cancelled()) return false;
      while (i >= b.postings.size() && !b.exhausted()) read_part(c, b, read_more);
      if (i >= b.postings.size()) return true;
      aj::NewJob job = ctx.new_job();
      b.postings[i].fill(job);
      if (!ctx.emit(std::move(job))) return false;
    }
  }

  static void read_part(const Company& c, Board& b, const ReadMore& read_more) {
    size_t before = b.postings.size();
    try {
      read_more(c, b);
    } catch (const aj::SourceError& e) {
      b.failure = Failure{e.outcome(), e.what(), e.status()};
    } catch (const aj::Error& e) {
      if (e.status() == AJ_CANCELLED) throw;  // the run is stopping: nothing to remember
      b.failure = Failure{std::nullopt, e.what(), e.status()};
    }
    // A part that adds nothing ends the board (never loop on a reader that forgot to say so).
    if (!b.failure && b.postings.size() == before) b.complete = true;
  }

  std::map<std::string, Board> boards_;
};

}  // namespace ats
