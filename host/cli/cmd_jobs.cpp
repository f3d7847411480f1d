#include "cli/breakdown.hpp"
#include "cli/commands.hpp"
#include "cli/job_output.hpp"
#include "cli/table.hpp"
#include "record/json_text.hpp"
#include "store/job_store.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <iostream>

namespace aj::host {
namespace {

std::unique_ptr<JobStore> open_store(HostContext& hc, const std::string& db, bool writable) {
  std::string path = hc.db_path(db);
  if (writable) {
    if (!std::filesystem::exists(path))
      throw StoreError("database " + path + " does not exist (run a pipeline first, or name another file with --db)");
    return std::make_unique<JobStore>(path);
  }
  return JobStore::open_read_only(path);
}

JobFilter filter_of(const JobsListArgs& a) {
  JobFilter f;
  if (!a.status.empty()) f.status = a.status;
  if (!a.decision.empty()) f.decision = a.decision;
  if (!a.group.empty()) f.group = a.group;
  if (!a.text.empty()) f.text = a.text;
  f.sort = a.sort;
  f.descending = !a.ascending;
  f.limit = a.limit;
  return f;
}

std::string score_text(const JobRecord& r) {
  const auto* d = std::get_if<double>(&r.get(AJ_F_SCORE));
  if (!d) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", *d);
  return buf;
}

std::optional<StoredJob> find_job(JobStore& store, const std::string& id) {
  int64_t n = 0;
  auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
  if (ec == std::errc() && p == id.data() + id.size()) return store.get(n);
  return store.find_by_key(id);
}

// Rank is how well a job matches --text: without one, a usage error rather than the store's.
bool rank_without_text(const JobsListArgs& a) {
  if (a.sort != "rank" || !a.text.empty()) return false;
  std::fprintf(stderr, "error: --sort rank needs --text (rank is how well a job matches it)\n");
  return true;
}

int with_errors(const std::function<int()>& fn) {
  try {
    return fn();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitError;
  }
}

}  // namespace

int cmd_jobs_list(HostContext& hc, const JobsListArgs& a) {
  if (rank_without_text(a)) return kExitInvalid;
  return with_errors([&] {
    auto store = open_store(hc, a.db, false);
    auto jobs = store->list(filter_of(a));
    if (a.format == "json") {
      write_json_array(std::cout, jobs);
    } else if (a.format == "csv") {
      write_csv(std::cout, jobs);
    } else {
      Table t;
      t.header = {"ID", "SCORE", "DECISION", "STATUS", "TITLE", "COMPANY", "LOCATION", "SITE"};
      t.right_align = {true, true};
      std::size_t width = terminal_width();
      t.max_column_width = width ? std::max<std::size_t>(12, width / 5) : 40;
      for (const auto& j : jobs)
        t.rows.push_back({std::to_string(j.job_id), score_text(j.record), j.record.str_or_empty(AJ_F_DECISION),
                          j.record.str_or_empty(AJ_F_STATUS), j.record.str_or_empty(AJ_F_TITLE),
                          j.record.str_or_empty(AJ_F_COMPANY), j.record.str_or_empty(AJ_F_LOCATION),
                          j.record.str_or_empty(AJ_F_SITE)});
      std::cout << t.render() << jobs.size() << " job" << (jobs.size() == 1 ? "" : "s") << "\n";
    }
    return kExitOk;
  });
}

int cmd_jobs_show(HostContext& hc, const std::string& db, const std::string& id, const std::string& format) {
  return with_errors([&] {
    auto store = open_store(hc, db, false);
    auto job = find_job(*store, id);
    if (!job) {
      std::fprintf(stderr, "error: no job '%s' in %s; `ajhost jobs list` shows the ids\n", id.c_str(),
                   store->path().c_str());
      return kExitInvalid;
    }
    if (format == "json") {
      std::cout << job_to_json(*job) << "\n";
      return kExitOk;
    }
    const JobRecord& r = job->record;
    std::cout << "Job " << job->job_id << "  " << job->job_key << "\n\n";
    // Where each value came from (a source's field, the page's JSON-LD, the text), as the enrichers noted.
    boost::json::object origins;
    if (const std::string* fs = r.str(AJ_F_FIELD_SOURCES)) {
      boost::system::error_code ec;
      boost::json::value v = boost::json::parse(*fs, ec);
      if (!ec && v.is_object()) origins = v.as_object();
    }
    Table facts;
    facts.header = {"FIELD", "VALUE", "FROM"};
    for (const auto& f : all_fields()) {
      if (f.id == AJ_F_DESCRIPTION || f.id == AJ_F_DESCRIPTION_MARKDOWN || f.id == AJ_F_SCORE_BREAKDOWN ||
          f.id == AJ_F_FIELD_SOURCES || !r.has(f.id))
        continue;
      const auto* o = origins.if_contains(f.column);
      facts.rows.push_back({std::string(f.column), field_text(*job, std::string(f.column)),
                            o && o->is_string() ? std::string(o->as_string()) : std::string()});
    }
    for (const auto& [k, v] : r.extras()) facts.rows.push_back({k + " (extra)", v, ""});
    facts.max_column_width = 100;
    std::cout << facts.render();

    if (const std::string* g = r.str(AJ_F_DUPLICATE_GROUP); g && !g->empty()) {
      auto members = store->group(*g);
      if (members.size() > 1) {
        Table t;
        t.header = {"ID", "SITE", "FIRST SEEN", "URL"};
        t.right_align = {true, false, false, false};
        for (const auto& m : members) {
          // The posting's own page on its site: what tells the group's members apart
          // (they often share the employer's apply URL).
          std::string url = m.record.str_or_empty(AJ_F_JOB_URL);
          if (url.empty()) url = m.record.str_or_empty(AJ_F_JOB_URL_DIRECT);
          t.rows.push_back({std::to_string(m.job_id) + (m.job_id == job->job_id ? " *" : ""),
                            m.record.str_or_empty(AJ_F_SITE), m.record.str_or_empty(AJ_F_FIRST_SEEN), url});
        }
        t.max_column_width = 100;
        std::cout << "\nThe same job, " << members.size() << " postings (group " << *g << ")\n" << t.render();
      }
    }

    if (const std::string* bd = r.str(AJ_F_SCORE_BREAKDOWN))
      std::cout << render_breakdown(score_text(r), r.str_or_empty(AJ_F_DECISION), *bd);
    auto history = store->history(job->job_id);
    if (!history.empty()) {
      Table t;
      t.header = {"WHEN", "FROM", "TO", "BY", "NOTE"};
      for (const auto& h : history) t.rows.push_back({h.at, h.from_status, h.to_status, h.by, h.note});
      std::cout << "\nStatus history\n" << t.render();
    }
    if (const std::string* d = r.str(AJ_F_DESCRIPTION)) std::cout << "\nDescription\n" << *d << "\n";
    return kExitOk;
  });
}

int cmd_jobs_export(HostContext& hc, const JobsListArgs& a, const std::string& output) {
  if (rank_without_text(a)) return kExitInvalid;
  return with_errors([&] {
    auto store = open_store(hc, a.db, false);
    auto jobs = store->list(filter_of(a));
    std::ofstream file;
    std::ostream* out = &std::cout;
    if (!output.empty() && output != "-") {
      file.open(output, std::ios::binary);
      if (!file) throw std::runtime_error("cannot write " + output + ": " + std::strerror(errno));
      out = &file;
    }
    if (a.format == "jsonl") write_jsonl(*out, jobs);
    else write_csv(*out, jobs);
    out->flush();
    if (!*out) throw std::runtime_error("writing " + (output.empty() ? std::string("stdout") : output) + " failed");
    if (out != &std::cout) std::fprintf(stderr, "%zu jobs written to %s\n", jobs.size(), output.c_str());
    return kExitOk;
  });
}

int cmd_jobs_set_status(HostContext& hc, const std::string& db, const std::string& id, const std::string& status,
                        const std::string& note) {
  const auto& known = job_statuses();
  if (std::find(known.begin(), known.end(), status) == known.end()) {
    std::fprintf(stderr, "error: unknown status '%s'; use %s\n", status.c_str(), one_of(known).c_str());
    return kExitInvalid;
  }
  return with_errors([&] {
    auto store = open_store(hc, db, true);
    auto job = find_job(*store, id);
    if (!job) {
      std::fprintf(stderr, "error: no job '%s' in %s\n", id.c_str(), store->path().c_str());
      return kExitInvalid;
    }
    const char* user = std::getenv("USER");
    store->set_status(job->job_id, status, note, user ? user : "");
    std::cout << "job " << job->job_id << ": " << job->record.str_or_empty(AJ_F_STATUS) << " -> " << status << "\n";
    return kExitOk;
  });
}

int cmd_runs_list(HostContext& hc, const std::string& db, int64_t limit, const std::string& format) {
  return with_errors([&] {
    auto store = open_store(hc, db, false);
    auto runs = store->runs(limit);
    if (format == "json") {
      std::cout << "[";
      for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& r = runs[i];
        std::cout << (i ? ",\n" : "\n") << "{\"run_id\":" << r.run_id << ",\"started_at\":" << json_string(r.started_at)
                  << ",\"finished_at\":" << json_string(r.finished_at) << ",\"user\":" << json_string(r.user)
                  << ",\"hostname\":" << json_string(r.hostname) << ",\"pipeline\":" << json_string(r.pipeline)
                  << ",\"args\":" << json_string(r.args) << ",\"outcome\":" << json_string(r.outcome)
                  << ",\"summary\":" << (r.summary_json.empty() ? "null" : r.summary_json) << "}";
      }
      std::cout << (runs.empty() ? "]\n" : "\n]\n");
      return kExitOk;
    }
    Table t;
    t.header = {"RUN", "STARTED", "FINISHED", "OUTCOME", "USER", "PIPELINE"};
    t.right_align = {true};
    for (const auto& r : runs)
      t.rows.push_back({std::to_string(r.run_id), r.started_at, r.finished_at, r.outcome, r.user, r.pipeline});
    std::cout << t.render();
    return kExitOk;
  });
}

}  // namespace aj::host
