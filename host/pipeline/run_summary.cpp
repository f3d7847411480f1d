#include "pipeline/run_summary.hpp"

#include "record/json_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace aj::host {

bool source_failed(const std::string& status) {
  return status == "error" || status == "failed to start" || status == "blocked" || status == "layout changed" ||
         status == "network error";
}

std::string store_error_message(const std::string& what) {
  if (what.find("disk I/O error") == std::string::npos && what.find("disk is full") == std::string::npos) return what;
  return what + " (the disk may be full or a file-size limit reached: free some space or raise the limit, then run "
                "again)";
}

int RunSummary::exit_code() const {
  if (store_failed) return 1;
  if (interrupted) return 130;
  for (const auto& s : sources)
    if (source_failed(s.status)) return 3;
  for (const auto& s : stages)
    if ((s.status != "ok" && s.status != "disabled") || s.failed > 0) return 3;
  return 0;
}

namespace {

// A line cut into its words and its numbers: "12 scored, 0.5 s" -> skeleton
// "# scored, # s", numbers {12, 0.5}, and the decimals each number was written with.
struct Cut {
  std::string skeleton;
  std::vector<double> numbers;
  std::vector<int> decimals;
};

Cut cut(const std::string& line) {
  Cut c;
  std::size_t i = 0;
  auto digit = [&](std::size_t k) { return k < line.size() && line[k] >= '0' && line[k] <= '9'; };
  auto letter = [&](std::size_t k) { return k < line.size() && std::isalpha(static_cast<unsigned char>(line[k])); };
  while (i < line.size()) {
    // A count starts a word and is followed by a word: "12 scored", "0.5 s". Other
    // numbers ("v2", "404/410", "HTTP 500)") are part of the words around them.
    bool starts = digit(i) && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '(');
    std::size_t j = i;
    int decimals = 0;
    if (starts) {
      while (digit(j)) ++j;
      if (j + 1 < line.size() && line[j] == '.' && digit(j + 1)) {
        ++j;
        while (digit(j)) ++j, ++decimals;
      }
      starts = j + 1 < line.size() && line[j] == ' ' && letter(j + 1);
    }
    double value = 0;
    if (starts) {
      auto [end, ec] = std::from_chars(line.data() + i, line.data() + j, value);
      starts = ec == std::errc() && end == line.data() + j;
    }
    if (!starts) {
      c.skeleton += line[i++];
      continue;
    }
    c.numbers.push_back(value);
    c.decimals.push_back(decimals);
    c.skeleton += '#';
    i = j;
  }
  return c;
}

}  // namespace

std::string merge_worker_summaries(const std::vector<std::string>& lines) {
  std::vector<std::string> present;
  for (const auto& l : lines)
    if (!l.empty()) present.push_back(l);
  if (present.empty()) return "";
  std::vector<Cut> cuts;
  for (const auto& l : present) cuts.push_back(cut(l));
  bool same = true;
  for (const auto& c : cuts) same = same && c.skeleton == cuts[0].skeleton && c.skeleton.find('\n') == std::string::npos;
  if (!same || present.size() == 1) {
    std::string out;
    for (const auto& l : present) out += (out.empty() ? "" : "\n") + l;
    return out;
  }
  std::string out;
  std::size_t k = 0;
  for (char ch : cuts[0].skeleton) {
    if (ch != '#') {
      out += ch;
      continue;
    }
    double sum = 0;
    int decimals = 0;
    for (const auto& c : cuts) {
      sum += c.numbers[k];
      decimals = std::max(decimals, c.decimals[k]);
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, sum);
    out += buf;
    ++k;
  }
  return out;
}

std::string RunSummary::outcome() const {
  switch (exit_code()) {
    case 0: return "ok";
    case 1: return "store failed";
    case 130: return "interrupted";
    default: return "errors";
  }
}

std::string RunSummary::to_json() const {
  std::string o = "{\"pipeline\":" + json_string(pipeline) + ",\"outcome\":" + json_string(outcome()) +
                  ",\"dry_run\":" + (dry_run ? "true" : "false") + ",\"interrupted\":" + (interrupted ? "true" : "false") +
                  ",\"limit_reached\":" + (limit_reached ? "true" : "false") + ",\"seconds\":" + format_number(seconds) +
                  ",\"stored\":" + std::to_string(stored) + ",\"new\":" + std::to_string(new_jobs) +
                  ",\"duplicates\":" + std::to_string(duplicates) + ",\"not_stored\":" + std::to_string(not_stored);
  if (store_failed) o += ",\"store_error\":" + json_string(store_message);
  if (!decision_moves.empty()) {
    o += ",\"decision_moves\":{";
    for (std::size_t k = 0; k < decision_moves.size(); ++k)
      o += (k ? "," : "") + json_string(decision_moves[k].first) + ":" + std::to_string(decision_moves[k].second);
    o += "}";
  }
  o += ",\"sources\":[";
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const auto& s = sources[i];
    o += (i ? "," : "") + std::string("{\"id\":") + json_string(s.id) + ",\"plugin\":" + json_string(s.plugin) +
         ",\"status\":" + json_string(s.status) + ",\"message\":" + json_string(s.message) +
         ",\"fallback\":" + (s.fallback ? "true" : "false") + ",\"queries\":" + std::to_string(s.queries) +
         ",\"found\":" + std::to_string(s.found) + ",\"new\":" + std::to_string(s.new_jobs) +
         ",\"duplicates\":" + std::to_string(s.duplicates) + ",\"errors\":" + std::to_string(s.errors) +
         ",\"filtered\":" + std::to_string(s.filtered) + ",\"seconds\":" + format_number(s.seconds);
    if (s.fallback) o += ",\"why_run\":" + json_string(s.why_run);
    o += ",\"outcomes\":{";
    for (std::size_t k = 0; k < s.outcomes.size(); ++k)
      o += (k ? "," : "") + json_string(s.outcomes[k].first) + ":" + std::to_string(s.outcomes[k].second);
    o += "},\"filters\":[";
    for (std::size_t k = 0; k < s.filters.size(); ++k) {
      const auto& f = s.filters[k];
      o += (k ? "," : "") + std::string("{\"key\":") + json_string(f.key) + ",\"applied_by\":" +
           json_string(f.applied_by) + ",\"dropped\":" + std::to_string(f.dropped) +
           ",\"unknown\":" + std::to_string(f.unknown) + "}";
    }
    o += "],\"filter_note\":" + json_string(s.filter_note) + "}";
  }
  o += "],\"stages\":[";
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const auto& s = stages[i];
    o += (i ? "," : "") + std::string("{\"id\":") + json_string(s.id) + ",\"phase\":" + json_string(s.phase) +
         ",\"plugin\":" + json_string(s.plugin) + ",\"status\":" + json_string(s.status) +
         ",\"message\":" + json_string(s.message) + ",\"summary\":" + json_string(s.summary) + ",\"workers\":" + std::to_string(s.workers) +
         ",\"in\":" + std::to_string(s.in) + ",\"processed\":" + std::to_string(s.processed) +
         ",\"passed_over\":" + std::to_string(s.passed_over) + ",\"dropped\":" + std::to_string(s.dropped) +
         ",\"failed\":" + std::to_string(s.failed) + ",\"jobs_per_second\":" + format_number(s.throughput()) + "}";
  }
  o += "],\"http\":[";
  for (std::size_t i = 0; i < http.size(); ++i) {
    const auto& h = http[i];
    o += (i ? "," : "") + std::string("{\"host\":") + json_string(h.host) +
         ",\"requests\":" + std::to_string(h.requests) + ",\"attempts\":" + std::to_string(h.attempts) +
         ",\"bytes\":" + std::to_string(h.bytes) + ",\"retries\":" + std::to_string(h.retries) +
         ",\"failures\":" + std::to_string(h.failures) + ",\"cache_hits\":" + std::to_string(h.cache_hits) +
         ",\"revalidated\":" + std::to_string(h.revalidated) + ",\"replayed\":" + std::to_string(h.replayed) +
         ",\"robots_blocked\":" + std::to_string(h.robots_blocked) +
         ",\"circuit_opens\":" + std::to_string(h.circuit_opens) +
         ",\"circuit_refused\":" + std::to_string(h.circuit_refused) + ",\"statuses\":{";
    bool first = true;
    for (const auto& [code, n] : h.statuses) {
      o += (first ? "\"" : ",\"") + std::to_string(code) + "\":" + std::to_string(n);
      first = false;
    }
    o += "},\"p50_ms\":" + format_number(h.p50_ms) + ",\"p90_ms\":" + format_number(h.p90_ms) +
         ",\"p99_ms\":" + format_number(h.p99_ms) + ",\"max_ms\":" + format_number(h.max_ms) + "}";
  }
  o += "]";
  if (browser) {
    const auto& b = *browser;
    o += ",\"browser\":{\"version\":" + json_string(b.version) + ",\"starts\":" + std::to_string(b.starts) +
         ",\"crashes\":" + std::to_string(b.crashes) + ",\"tabs_opened\":" + std::to_string(b.tabs_opened) +
         ",\"peak_tabs\":" + std::to_string(b.peak_tabs) + ",\"max_tabs\":" + std::to_string(b.max_tabs) +
         ",\"pages\":" + std::to_string(b.pages) + ",\"pages_per_minute\":" + format_number(b.pages_per_minute) +
         ",\"popups\":" + std::to_string(b.popups) + ",\"popups_closed\":" + std::to_string(b.popups_closed) +
         ",\"refused\":" + std::to_string(b.refused) + ",\"peak_rss_bytes\":" + std::to_string(b.peak_rss_bytes) +
         ",\"peak_pss_bytes\":" + std::to_string(b.peak_pss_bytes) +
         ",\"downloads_dir\":" + json_string(b.downloads_dir) + ",\"ops\":[";
    for (std::size_t i = 0; i < b.ops.size(); ++i) {
      const auto& op = b.ops[i];
      o += (i ? "," : "") + std::string("{\"op\":") + json_string(op.op) + ",\"calls\":" + std::to_string(op.calls) +
           ",\"failed\":" + std::to_string(op.failed) + ",\"p50_ms\":" + format_number(op.p50_ms) +
           ",\"p90_ms\":" + format_number(op.p90_ms) + ",\"max_ms\":" + format_number(op.max_ms) + "}";
    }
    o += "]}";
  }
  return o + "}";
}

}  // namespace aj::host
