#include "pipeline/engine.hpp"

#include "pipeline/bounded_queue.hpp"
#include "pipeline/search_filter.hpp"
#include "browser/browser_config.hpp"
#include "http/policy_config.hpp"
#include "plugin/handles.hpp"
#include "plugin/browser_service.hpp"
#include "plugin/http_service.hpp"
#include "plugin/storage_service.hpp"
#include "store/job_store.hpp"
#include "store/plugin_records.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>

namespace aj::host {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
using JobPtr = std::unique_ptr<aj_job>;
using JobQueue = BoundedQueue<JobPtr>;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string status_text(aj_status s) {
  switch (s) {
    case AJ_OK: return "ok";
    case AJ_RETRY: return "retry later";
    case AJ_SKIP: return "skipped";
    case AJ_ERROR: return "error";
    case AJ_FATAL: return "fatal error";
    case AJ_INVALID_CONFIG: return "invalid settings";
    case AJ_CANCELLED: return "cancelled";
  }
  return "status " + std::to_string(s);
}

std::string message_of(const aj_context& ctx, aj_status s) { return ctx.error.empty() ? status_text(s) : ctx.error; }

/// A plugin instance, destroyed on the thread that owns the engine.
struct Instance {
  aj_host host;
  const aj_plugin_descriptor* d = nullptr;
  void* handle = nullptr;
  std::string summary;  // the latest "summary" report of a process call (this instance's worker only)
  ~Instance() {
    if (!handle) return;
    try {
      d->destroy(handle);
    } catch (...) {
      spdlog::error("plugin '{}' threw an exception from destroy; no exception may cross the plugin ABI", host.plugin);
    }
  }
};

/// Settings with the plugin's declared defaults filled in.
Node with_defaults(const ComponentSpec& c) {
  Node n = c.settings.is_map() ? c.settings : Node::map_of();
  for (const auto& k : c.resolved->config) {
    if (!k.default_value || n.find(k.key)) continue;
    Diagnostics ignored;  // the loader refused plugins whose defaults do not parse
    auto v = parse_yaml(*k.default_value, "default of " + c.plugin + "." + k.key, ignored);
    if (v && !v->is_null()) n.set(k.key, std::move(*v));
  }
  return n;
}

std::unique_ptr<Instance> create_instance(const ComponentSpec& c, const aj_config* cfg, std::string& error) {
  auto inst = std::make_unique<Instance>();
  inst->host.plugin = c.plugin;
  inst->host.component = c.id;
  inst->d = c.resolved->descriptor;
  aj_context ctx;
  aj_status s = AJ_ERROR;
  std::string where = "plugin '" + c.plugin + "' (" + c.resolved->path.string() + ")";
  try {
    s = inst->d->create(host_api(), &inst->host, cfg, &ctx, &inst->handle);
  } catch (...) {
    inst->handle = nullptr;
    error = where + " threw an exception from create; no exception may cross the plugin ABI";
    return nullptr;
  }
  if (s != AJ_OK || !inst->handle) {
    error = where + (s == AJ_INVALID_CONFIG ? " rejected its settings: " : " failed to initialise: ") +
            message_of(ctx, s == AJ_OK ? AJ_ERROR : s);
    return nullptr;  // ~Instance destroys whatever the plugin did hand out
  }
  return inst;
}

// Every combination of term and location, each with the other search keys.
std::vector<Node> expand_queries(const Node& search) {
  std::vector<std::string> terms, locations;
  Node base = Node::map_of();
  for (const auto& e : search.entries) {
    if (e.key == "terms" || e.key == "locations") {
      auto& list = e.key == "terms" ? terms : locations;
      if (e.value.is_scalar()) list.push_back(e.value.scalar);
      for (const auto& item : e.value.items) list.push_back(item.scalar);
    } else {
      base.set(e.key, e.value);
    }
  }
  if (terms.empty()) terms.push_back("");
  if (locations.empty()) locations.push_back("");
  std::vector<Node> out;
  for (const auto& t : terms) {
    for (const auto& l : locations) {
      Node q = base;
      if (!t.empty()) q.set("term", Node::scalar_of(t));
      if (!l.empty()) q.set("location", Node::scalar_of(l));
      out.push_back(std::move(q));
    }
  }
  return out;
}

// A folder name for a job: readable, and unique even when cut short.
std::string safe_name(const std::string& key) {
  std::string out;
  for (char c : key) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  if (out.size() <= 100 && out == key) return out;
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  char tail[20];
  std::snprintf(tail, sizeof tail, "-%016llx", static_cast<unsigned long long>(h));
  return out.substr(0, 100) + tail;
}

}  // namespace

/// One query of a source as it runs: what the source reported, what it emitted.
struct QueryRun {
  std::mutex mutex;  // emit and report may come from the source's own threads
  const aj_config* query = nullptr;
  std::set<std::string> by_site;  // "server_filters"
  std::optional<SearchFilter> filter;  // made at the first emit (or the end)
  std::string outcome, outcome_reason;
  uint64_t emitted = 0, accepted = 0;
};

constexpr const char* kOutcomeOrder[] = {"blocked", "layout changed", "network error", "error"};

struct SourceRun {
  const ComponentSpec* spec = nullptr;
  std::unique_ptr<aj_config> config;
  std::vector<std::unique_ptr<Instance>> instances;
  std::vector<std::unique_ptr<aj_config>> queries;
  bool fallback = false;
  bool runnable = false;  // has instances; set before the run starts, never changed
  std::atomic<uint64_t> found{0}, new_jobs{0}, duplicates{0}, errors{0}, queries_done{0};
  std::atomic<uint64_t> progress_done{0}, progress_total{0};
  std::atomic<bool> finished{false};
  std::atomic<bool> cut_short{false};  // told to stop before it was done
  std::mutex message_mutex;  // guards the fields below
  std::string message;  // the first error
  std::map<std::string, uint64_t> outcomes;       // queries per outcome
  std::map<std::string, std::string> reasons;     // the first reason per failed outcome
  struct Partial {
    std::string outcome, reason;
    uint64_t queries = 0, kept = 0;
  };
  std::vector<Partial> partial;  // why queries kept a partial result (one entry per reason)
  std::map<std::string, FilterStats> filters;     // by key
  std::string filter_note;
  std::atomic<uint64_t> filtered{0}, emitted{0};
  SourceStats stats;
};

struct StageRun {
  const ComponentSpec* spec = nullptr;
  aj_kind kind = 0;
  std::unique_ptr<aj_config> config;
  std::vector<std::unique_ptr<Instance>> instances;
  std::set<std::string> inputs;
  std::set<std::string> decisions;
  JobQueue* in = nullptr;
  JobQueue* out = nullptr;
  std::atomic<uint64_t> in_count{0}, processed{0}, passed_over{0}, dropped{0}, failed{0};
  std::atomic<int64_t> busy_ns{0};
  std::atomic<int> live_workers{0};
  std::mutex message_mutex;
  std::string message;
  bool fatal_seen = false;
  StageStats stats;

  void note(const std::string& m) {
    std::lock_guard lock(message_mutex);
    if (message.empty()) message = m;
  }
};

struct Engine::Impl {
  const PipelineSpec& spec;
  JobStore* store;
  RunOptions options;
  int64_t limit = 0;

  std::time_t run_clock = std::time(nullptr);  // "now" for hours_old
  std::atomic<bool> stop_sources{false};
  std::atomic<bool> interrupted{false};
  std::atomic<bool> limit_reached{false};
  std::atomic<bool> store_failed{false};
  std::atomic<int64_t> accepted{0};
  std::atomic<uint64_t> stored{0}, new_jobs{0}, duplicates{0}, not_stored{0};
  std::string store_message;
  std::unique_ptr<PluginRecords> plugin_records;  // aj.storage.v1 for this run

  std::vector<std::unique_ptr<SourceRun>> sources;
  std::unordered_map<std::string, SourceRun*> source_by_id;
  std::vector<std::unique_ptr<StageRun>> stages;
  std::vector<std::unique_ptr<JobQueue>> queues;
  // Rescoring: each stored posting's row and decision before (by the job object,
  // whose key fields a scorer may change), the moves seen, a failure to read.
  struct Stored {
    int64_t job_id = 0;
    std::string decision;
  };
  std::mutex moves_mutex;
  std::unordered_map<const aj_job*, Stored> stored_rows;
  std::map<std::string, uint64_t> moves;
  std::string read_error;

  Impl(const PipelineSpec& s, JobStore* st, RunOptions o) : spec(s), store(st), options(std::move(o)) {
    // max_jobs caps what a run finds, not how much of the store `ajhost score` reads.
    limit = options.limit >= 0 ? options.limit : options.rescore ? 0 : spec.max_jobs;
    // Before anyone can ask for a snapshot: `sources` never changes after this.
    if (!options.rescore) prepare_sources();
  }

  JobQueue* new_queue() {
    queues.push_back(std::make_unique<JobQueue>(static_cast<std::size_t>(spec.queue_capacity)));
    return queues.back().get();
  }

  // ---- sources ----

  void prepare_sources() {
    std::set<std::string> fallback_ids(spec.fallback.sources.begin(), spec.fallback.sources.end());
    for (const auto& c : spec.sources) {
      auto s = std::make_unique<SourceRun>();
      s->spec = &c;
      s->fallback = spec.fallback.mode == "fallback" && fallback_ids.count(c.id);
      s->stats.id = c.id;
      s->stats.plugin = c.plugin;
      s->stats.fallback = s->fallback;
      source_by_id[c.id] = s.get();
      if (!c.enabled || !c.resolved) {
        s->stats.status = "disabled";
        s->stats.message = c.resolved ? "switched off in " + c.disabled_by : "plugin '" + c.plugin + "' is not installed";
        sources.push_back(std::move(s));
        continue;
      }
      s->config = std::make_unique<aj_config>(with_defaults(c));
      const auto* table = static_cast<const aj_source_v1*>(c.resolved->descriptor->kind_table);
      std::vector<Node> qs = (table->flags & AJ_SOURCE_RUNS_ONCE) ? std::vector<Node>{spec.search}
                                                                  : expand_queries(spec.search);
      for (auto& q : qs) s->queries.push_back(std::make_unique<aj_config>(std::move(q)));
      std::string error;
      for (int w = 0; w < c.workers && static_cast<std::size_t>(w) < s->queries.size(); ++w) {
        auto inst = create_instance(c, s->config.get(), error);
        if (!inst) break;
        s->instances.push_back(std::move(inst));
      }
      s->runnable = !s->instances.empty();
      if (s->instances.empty()) {
        s->stats.status = "failed to start";
        s->stats.message = error;
        spdlog::error("source {}: {}", c.id, error);
      }
      sources.push_back(std::move(s));
    }
  }

  // The query's filters, made once; the keys are noted on the source. Holds q.mutex.
  SearchFilter& filter_of(SourceRun& s, QueryRun& q) {
    if (q.filter) return *q.filter;
    q.filter.emplace(q.query->node, q.by_site, run_clock);
    std::lock_guard lock(s.message_mutex);
    for (const auto& [key, by] : q.filter->keys()) {
      const char* name = by == AppliedBy::site ? "site" : by == AppliedBy::ajhost ? "ajhost" : "nobody";
      auto [it, fresh] = s.filters.try_emplace(key, FilterStats{key, name, 0, 0});
      // Applied by the site for some queries only: say who did the rest.
      if (!fresh && it->second.applied_by == "site" && by != AppliedBy::site) it->second.applied_by = name;
    }
    return *q.filter;
  }

  aj_status emit(SourceRun& s, QueryRun& q, aj_job* raw) {
    JobPtr job(raw);
    if (stop_sources.load()) {
      s.cut_short = true;
      return AJ_CANCELLED;
    }
    bool query_full = false;
    {
      std::lock_guard lock(q.mutex);
      SearchFilter& f = filter_of(s, q);
      ++q.emitted;
      s.emitted.fetch_add(1);
      if (f.results_wanted() > 0 && q.accepted >= static_cast<uint64_t>(f.results_wanted())) return AJ_CANCELLED;
      std::vector<std::string> unknown;
      std::string why = f.check(*job, &unknown);
      if (!why.empty() || !unknown.empty()) {
        std::lock_guard l2(s.message_mutex);
        for (const auto& k : unknown) s.filters[k].unknown++;
        if (!why.empty()) s.filters[why].dropped++;
      }
      if (!why.empty()) {
        s.filtered.fetch_add(1);
        return AJ_OK;
      }
      ++q.accepted;
      query_full = f.results_wanted() > 0 && q.accepted >= static_cast<uint64_t>(f.results_wanted());
    }
    int64_t n = accepted.fetch_add(1) + 1;
    if (limit > 0 && n > limit) {
      s.cut_short = true;
      return AJ_CANCELLED;
    }
    job->origin = s.spec->id;
    if (!job->has(AJ_F_SITE)) job->set(AJ_F_SITE, s.spec->plugin);
    s.found.fetch_add(1);
    if (!queues.front()->push(job)) return AJ_CANCELLED;
    if (limit > 0 && n >= limit) {
      limit_reached = true;
      stop_sources = true;
      s.cut_short = true;
      return AJ_CANCELLED;
    }
    return query_full ? AJ_CANCELLED : AJ_OK;
  }

  // How one query went, from its status and what the source reported.
  void note_outcome(SourceRun& s, QueryRun& q, aj_status st, const std::string& error) {
    std::lock_guard lock(q.mutex);
    filter_of(s, q);
    bool failed = !(st == AJ_OK || st == AJ_SKIP || st == AJ_CANCELLED);
    std::lock_guard l2(s.message_mutex);
    if (failed) {
      // Only the failures the summary ranks: anything else a plugin says (a typo, an
      // outcome of a later SDK) must not turn a failed query into a silent "ok".
      std::string outcome = q.outcome;
      if (std::find(std::begin(kOutcomeOrder), std::end(kOutcomeOrder), outcome) == std::end(kOutcomeOrder))
        outcome = st == AJ_RETRY ? "network error" : "error";
      s.outcomes[outcome]++;
      s.reasons.try_emplace(outcome, error);
      return;
    }
    s.outcomes[q.emitted == 0 ? "no results" : "ok"]++;
    // An outcome reported with AJ_OK: the query kept what it found before it was stopped.
    // Queries stopped for the same reason (one board refusing every query) are said once.
    if (!q.outcome.empty() && q.outcome != "no results" && q.outcome != "ok") {
      std::string reason = q.outcome_reason.empty() ? q.outcome : q.outcome_reason;
      auto it = std::find_if(s.partial.begin(), s.partial.end(),
                             [&](const SourceRun::Partial& p) { return p.outcome == q.outcome && p.reason == reason; });
      if (it == s.partial.end() && s.partial.size() < 5) it = s.partial.insert(s.partial.end(), SourceRun::Partial{q.outcome, reason, 0, 0});
      if (it != s.partial.end()) ++it->queries, it->kept += q.emitted;
    }
  }

  void source_worker(SourceRun& s, Instance& inst, std::atomic<std::size_t>& next_query) {
    const auto* table = static_cast<const aj_source_v1*>(inst.d->kind_table);
    aj_context ctx;
    std::unique_ptr<QueryRun> q;
    ctx.cancelled = &stop_sources;
    ctx.emit = [this, &s, &q](aj_job* j) { return emit(s, *q, j); };
    ctx.on_report = [&q, &s](const std::string& key, const std::string& value) {
      std::lock_guard lock(q->mutex);
      if (key == "server_filters") {
        q->by_site.clear();
        std::string item;
        for (char c : value + ",") {
          if (c != ',') {
            if (c != ' ') item += c;
          } else if (!item.empty()) {
            q->by_site.insert(item);
            item.clear();
          }
        }
      } else if (key == "filter_note") {
        std::lock_guard l2(s.message_mutex);
        if (s.filter_note.empty()) s.filter_note = value;
      } else if (key == "outcome") {
        q->outcome = value;
      } else if (key == "outcome_reason") {
        q->outcome_reason = value;
      }
    };
    ctx.on_progress = [&s](uint64_t done, uint64_t total) {
      s.progress_done = done;
      s.progress_total = total;
    };
    for (;;) {
      std::size_t qi = next_query.fetch_add(1);
      if (qi >= s.queries.size()) return;
      if (stop_sources.load()) {
        s.cut_short = true;
        return;
      }
      ctx.reset();
      q = std::make_unique<QueryRun>();
      q->query = s.queries[qi].get();
      aj_status st = AJ_ERROR;
      try {
        st = table->run(inst.handle, &ctx, s.queries[qi].get());
      } catch (...) {
        ctx.error = "threw an exception from run; no exception may cross the plugin ABI";
        st = AJ_FATAL;
      }
      finish_services(ctx, s.spec->id);
      s.queries_done.fetch_add(1);
      note_outcome(s, *q, st, message_of(ctx, st));
      if (ctx.cancel_seen || st == AJ_CANCELLED) s.cut_short = true;
      if (st == AJ_OK || st == AJ_SKIP || st == AJ_CANCELLED) continue;
      s.errors.fetch_add(1);
      std::string msg = message_of(ctx, st);
      spdlog::error("source {}: {}", s.spec->id, msg);
      {
        std::lock_guard lock(s.message_mutex);
        if (s.message.empty()) s.message = msg;
      }
      if (st == AJ_FATAL || st == AJ_INVALID_CONFIG) return;
    }
  }

  // A source's status from its queries' outcomes: never a silent zero.
  void conclude(SourceRun& s) {
    std::lock_guard lock(s.message_mutex);
    uint64_t q = s.queries_done;
    auto of_queries = [&](uint64_t n) { return n == q ? std::string() : " (" + std::to_string(n) + " of " + std::to_string(q) + " queries)"; };
    std::string failures;
    const char* worst = nullptr;
    for (const char* o : kOutcomeOrder) {
      auto it = s.outcomes.find(o);
      if (it == s.outcomes.end()) continue;
      if (!worst) worst = o;
      failures += std::string(failures.empty() ? "" : "; ") + o + of_queries(it->second) + ": " + s.reasons[o];
    }
    for (const auto& p : s.partial)
      failures += (failures.empty() ? "" : "; ") + ("partly " + p.outcome) + " (kept " + std::to_string(p.kept) +
                  " postings" + (p.queries > 1 ? " over " + std::to_string(p.queries) + " queries" : "") +
                  "): " + p.reason;
    s.stats.message = failures;
    if (s.cut_short && (interrupted || store_failed)) {
      s.stats.status = "cancelled";
    } else if (worst) {
      s.stats.status = worst;  // a query failed: the status says how, found says what the others gave
    } else if (s.found > 0) {
      s.stats.status = "ok";
    } else {
      s.stats.status = "no results";
      if (s.emitted > 0)
        s.stats.message = "the site returned " + std::to_string(s.emitted.load()) +
                          " postings; the filters ajhost applied dropped them all (see the filter table)";
    }
    for (const auto& [k, n] : s.outcomes) s.stats.outcomes.emplace_back(k, n);
    for (const auto& key : filter_keys())
      if (auto it = s.filters.find(key); it != s.filters.end()) s.stats.filters.push_back(it->second);
    s.stats.filter_note = s.filter_note;
    s.stats.filtered = s.filtered;
  }

  // Runs the given sources at once and waits for all of them.
  void run_sources(const std::vector<SourceRun*>& group) {
    std::vector<std::unique_ptr<boost::asio::thread_pool>> pools;
    std::vector<std::unique_ptr<std::atomic<std::size_t>>> cursors;
    std::vector<Clock::time_point> starts;
    for (SourceRun* s : group) {
      s->stats.status = "running";
      starts.push_back(Clock::now());
      pools.push_back(std::make_unique<boost::asio::thread_pool>(s->instances.size()));
      cursors.push_back(std::make_unique<std::atomic<std::size_t>>(0));
      for (auto& inst : s->instances)
        boost::asio::post(*pools.back(), [this, s, i = inst.get(), c = cursors.back().get()] { source_worker(*s, *i, *c); });
    }
    for (std::size_t i = 0; i < group.size(); ++i) {
      pools[i]->join();
      SourceRun& s = *group[i];
      s.finished = true;
      s.stats.seconds = seconds_since(starts[i]);
      s.stats.queries = s.queries_done;
      conclude(s);
      if (s.cut_short && limit_reached && s.stats.message.empty())
        s.stats.message = "stopped at the run's limit of " + std::to_string(limit) + " postings";
      spdlog::info("source {}: {} - {} found in {:.2f}s{}", s.spec->id, s.stats.status, s.found.load(), s.stats.seconds,
                   s.message.empty() ? "" : " (" + s.message + ")");
    }
  }

  // ---- per-job stages ----

  void prepare_stage(const ComponentSpec& c) {
    auto st = std::make_unique<StageRun>();
    st->spec = &c;
    st->stats.id = c.id;
    st->stats.phase = c.phase;
    st->stats.plugin = c.plugin;
    if (!c.enabled || !c.resolved) {
      st->stats.status = "disabled";
      if (c.stage == 2 && c.resolved) st->stats.message = "off: " + c.disabled_by;
      stages.push_back(std::move(st));
      return;
    }
    st->kind = c.resolved->kind;
    if (options.dry_run && st->kind == AJ_KIND_DOCUMENT) {
      st->stats.status = "disabled";
      st->stats.message = "dry run: no documents are written";
      stages.push_back(std::move(st));
      return;
    }
    st->inputs.insert(c.inputs.begin(), c.inputs.end());
    st->decisions.insert(c.decisions.begin(), c.decisions.end());
    st->config = std::make_unique<aj_config>(with_defaults(c));
    std::string error;
    for (int w = 0; w < c.workers; ++w) {
      auto inst = create_instance(c, st->config.get(), error);
      if (!inst) break;
      st->instances.push_back(std::move(inst));
    }
    if (st->instances.empty() && c.stage == 2 && spec.processing_method == "auto") {
      // auto: stage 2 where it can run, rules alone where it cannot.
      st->stats.status = "disabled";
      st->stats.message = "processing_method auto: scoring by rules alone, because " + error;
      spdlog::info("{} {}: left out: {}", c.phase, c.id, error);
    } else if (st->instances.empty()) {
      st->stats.status = "failed to start";
      st->stats.message = error;
      spdlog::error("{} {}: {}; its jobs pass through untouched", c.phase, c.id, error);
    }
    st->stats.workers = static_cast<int>(st->instances.size());
    st->live_workers = static_cast<int>(st->instances.size());
    stages.push_back(std::move(st));
  }

  bool applies(const StageRun& st, const aj_job& job) const {
    // Stored postings have no origin in this run: `inputs` does not apply to a re-score.
    if (!st.inputs.empty() && !options.rescore && !st.inputs.count(job.origin)) return false;
    if (st.kind == AJ_KIND_DOCUMENT || st.kind == AJ_KIND_SUBMITTER) {
      std::string decision = job.str_or_empty(AJ_F_DECISION);
      if (!st.decisions.count(decision)) return false;
    }
    return true;
  }

  fs::path documents_dir() const {
    if (!options.documents_dir.empty()) return options.documents_dir;
    if (!spec.output_dir.empty()) return spec.output_dir;
    if (store) return fs::path(store->path()).parent_path() / "documents";
    return fs::temp_directory_path() / "autojobagent-documents";
  }

  // Calls the plugin on the jobs of one batch; returns false when the instance is done for.
  bool call_plugin(StageRun& st, Instance& inst, aj_batch& batch, aj_context& ctx) {
    auto fail_all = [&](aj_status s, const std::string& msg) {
      for (auto& o : batch.outcomes)
        if (o.status == AJ_OK && !o.dropped) o.status = s, o.reason = msg;
    };
    try {
      if (st.kind == AJ_KIND_ENRICHER || st.kind == AJ_KIND_SCORER) {
        auto process = st.kind == AJ_KIND_ENRICHER ? static_cast<const aj_enricher_v1*>(inst.d->kind_table)->process
                                                   : static_cast<const aj_scorer_v1*>(inst.d->kind_table)->process;
        ctx.reset();
        aj_status s = process(inst.handle, &ctx, &batch);
        for (const auto& [k, v] : ctx.reports)
          if (k == "summary") inst.summary = v;
        if (s == AJ_OK || s == AJ_SKIP) return true;
        fail_all(s, message_of(ctx, s));
        return s != AJ_FATAL && s != AJ_INVALID_CONFIG;
      }
      for (std::size_t i = 0; i < batch.jobs.size(); ++i) {
        aj_job* job = batch.jobs[i];
        ctx.reset();
        aj_status s = AJ_OK;
        if (st.kind == AJ_KIND_DOCUMENT) {
          fs::path dir = documents_dir() / safe_name(job->key());
          std::error_code ec;
          fs::create_directories(dir, ec);
          if (ec) {
            batch.outcomes[i].status = AJ_ERROR;
            batch.outcomes[i].reason = "cannot create the documents folder " + dir.string() + ": " + ec.message();
            continue;
          }
          std::string dir_s = dir.string();
          aj_document_request req{sizeof(aj_document_request), aj_str{dir_s.data(), dir_s.size()}};
          s = static_cast<const aj_document_v1*>(inst.d->kind_table)->generate(inst.handle, &ctx, job, &req);
          std::string docs = job->extra("documents") ? *job->extra("documents") : std::string();
          for (const auto& [k, v] : ctx.reports)
            if (k == "artifact") docs += (docs.empty() ? "" : "\n") + v;
          if (!docs.empty()) job->set_extra("documents", docs);
        } else {
          std::vector<std::string> paths;
          if (const std::string* docs = job->extra("documents")) {
            std::size_t start = 0;
            while (start < docs->size()) {
              auto nl = docs->find('\n', start);
              paths.push_back(docs->substr(start, nl == std::string::npos ? std::string::npos : nl - start));
              if (nl == std::string::npos) break;
              start = nl + 1;
            }
          }
          std::vector<aj_str> refs;
          for (const auto& p : paths) refs.push_back(aj_str{p.data(), p.size()});
          aj_submit_mode mode = st.spec->mode == "auto" ? AJ_SUBMIT_AUTO : st.spec->mode == "hybrid" ? AJ_SUBMIT_HYBRID
                                                                                                   : AJ_SUBMIT_MANUAL;
          // Pipelines never submit for real: an application is sent only by
          // `ajhost apply` with the person's approval.
          aj_submit_request req{sizeof(aj_submit_request), mode, 1, refs.data(), static_cast<uint32_t>(refs.size())};
          s = static_cast<const aj_submitter_v1*>(inst.d->kind_table)->submit(inst.handle, &ctx, job, &req);
          for (const auto& [k, v] : ctx.reports)
            if (k == "outcome") spdlog::info("submitters {}: {} -> {} (dry run)", st.spec->id, job->key(), v);
        }
        if (s != AJ_OK && s != AJ_SKIP) {
          batch.outcomes[i].status = s;
          batch.outcomes[i].reason = message_of(ctx, s);
          if (s == AJ_FATAL) return false;
        }
      }
      return true;
    } catch (...) {
      fail_all(AJ_FATAL, "threw an exception; no exception may cross the plugin ABI");
      return false;
    }
  }

  void stage_worker(StageRun& st, Instance* inst) {
    std::vector<JobPtr> items;
    aj_context ctx;
    bool alive = inst != nullptr;
    const std::size_t batch_size = static_cast<std::size_t>(spec.batch_size);
    for (;;) {
      items.clear();
      if (!st.in->pop_some(items, batch_size)) break;
      st.in_count += items.size();
      aj_batch batch;
      std::vector<std::size_t> index;
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (alive && applies(st, *items[i])) {
          batch.jobs.push_back(items[i].get());
          index.push_back(i);
        } else {
          st.passed_over.fetch_add(1);
        }
      }
      if (!batch.jobs.empty()) {
        batch.outcomes.assign(batch.jobs.size(), JobOutcome{});
        auto t0 = Clock::now();
        alive = call_plugin(st, *inst, batch, ctx);
        finish_services(ctx, st.spec->id);
        st.busy_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
        st.processed += batch.jobs.size();
        for (std::size_t k = 0; k < batch.jobs.size(); ++k) {
          const JobOutcome& o = batch.outcomes[k];
          JobPtr& job = items[index[k]];
          if (o.dropped) {
            st.dropped.fetch_add(1);
            spdlog::debug("{} {}: dropped {}: {}", st.spec->phase, st.spec->id, job->key(), o.reason);
            job.reset();
          } else if (o.status != AJ_OK) {
            st.failed.fetch_add(1);
            st.note(o.reason);
            spdlog::warn("{} {}: {}: {}", st.spec->phase, st.spec->id, job->key(), o.reason);
          }
        }
        if (!alive) {
          {
            std::lock_guard lock(st.message_mutex);
            st.fatal_seen = true;
          }
          bool last = st.live_workers.fetch_sub(1) == 1;
          spdlog::error("{} {}: a worker stopped after a fatal error{}", st.spec->phase, st.spec->id,
                        last ? "; it was the last, so the stage's jobs now pass on untouched"
                             : "; the other workers go on");
          if (!last) {
            for (auto& job : items)
              if (job) st.out->push(job);
            return;  // the live workers take the rest
          }
        }
      }
      for (auto& job : items)
        if (job) st.out->push(job);
    }
  }

  // ---- the store ----

  void store_writer(JobQueue& in, JobQueue* out) {
    std::vector<JobPtr> items;
    const std::size_t batch = 512;
    for (;;) {
      items.clear();
      if (!in.pop_some(items, batch)) break;
      // A commit costs the same for 5 jobs as for 500, and each one sends the
      // plugins' record reader back to a cold cache: gather what arrives in
      // the next 100 ms (a run killed meanwhile just finds those jobs again).
      in.pop_until(items, batch, std::chrono::steady_clock::now() + std::chrono::milliseconds(100));
      std::vector<const JobRecord*> records;
      for (auto& j : items) records.push_back(j.get());
      if (store_failed) {
        not_stored += items.size();
        continue;  // unstored jobs go no further: no documents or applications for them
      } else if (options.dry_run) {
        if (options.rescore) note_moves(items);
        try {
          for (auto& j : items) {
            bool known = store && store->contains(j->key());
            count(j->origin, !known);
          }
        } catch (const std::exception& e) {
          spdlog::warn("store: cannot tell new from known in this dry run: {}", e.what());
        }
      } else if (options.rescore) {
        try {
          std::vector<std::pair<int64_t, const JobRecord*>> rows;
          {
            std::lock_guard lock(moves_mutex);
            for (auto& j : items) rows.emplace_back(stored_rows.at(j.get()).job_id, j.get());
          }
          store->update_scores(rows);
          stored += items.size();
          note_moves(items);
        } catch (const std::exception& e) {
          store_failed = true;
          store_message = store_error_message(e.what());
          not_stored += items.size();
          stop_sources = true;
          spdlog::error("store: {}; stopping, the scores written so far are kept", store_message);
        }
        continue;
      } else {
        try {
          uint64_t mark = 0;
          auto results = store->upsert(records, [&](Database& db) { mark = plugin_records->flush_in(db); });
          plugin_records->committed(mark);
          for (std::size_t i = 0; i < items.size(); ++i) count(items[i]->origin, results[i].inserted);
          stored += items.size();
          spdlog::debug("store: committed {} jobs ({} in this run)", items.size(), stored.load());
        } catch (const std::exception& e) {
          store_failed = true;
          store_message = store_error_message(e.what());
          not_stored += items.size();
          stop_sources = true;
          spdlog::error("store: {}; stopping the sources, nothing already stored is lost", store_message);
          continue;
        }
      }
      for (auto& j : items) {
        if (out) out->push(j);
      }
    }
  }

  // ---- rescoring stored postings (`ajhost score`) ----

  // Feeds every stored posting to the first stage, a page at a time, through a
  // connection of its own (the writer's updates go on meanwhile).
  void feed_from_store() {
    auto failed = [&](const std::exception& e) {
      std::lock_guard lock(moves_mutex);
      read_error = std::string("reading the stored postings: ") + e.what();
    };
    std::unique_ptr<JobStore> reader;
    try {
      reader = JobStore::open_read_only(store->path());
    } catch (const std::exception& e) {
      failed(e);
      return;
    }
    JobFilter page;
    page.sort = "job_id";
    page.descending = false;
    page.limit = 512;
    JobQueue& first = *queues.front();
    for (;;) {
      if (stop_sources) break;
      std::vector<StoredJob> jobs;
      try {
        jobs = reader->list(page);
      } catch (const std::exception& e) {
        failed(e);
        break;
      }
      if (jobs.empty()) break;
      page.after_id = jobs.back().job_id;
      for (auto& sj : jobs) {
        if (limit > 0 && accepted >= limit) {
          limit_reached = true;
          return;
        }
        ++accepted;
        auto job = std::make_unique<aj_job>(std::move(sj.record));
        {
          std::lock_guard lock(moves_mutex);
          stored_rows[job.get()] = Stored{sj.job_id, job->str_or_empty(AJ_F_DECISION)};
        }
        if (!first.push(job)) return;
      }
    }
  }

  void note_moves(const std::vector<JobPtr>& items) {
    std::lock_guard lock(moves_mutex);
    for (const auto& j : items) {
      auto it = stored_rows.find(j.get());
      std::string before = it == stored_rows.end() || it->second.decision.empty() ? "none" : it->second.decision;
      std::string after = j->str_or_empty(AJ_F_DECISION);
      ++moves[before + " -> " + (after.empty() ? "none" : after)];
      if (it != stored_rows.end()) stored_rows.erase(it);
    }
  }

  void count(const std::string& origin, bool is_new) {
    (is_new ? new_jobs : duplicates).fetch_add(1);
    auto it = source_by_id.find(origin);
    if (it != source_by_id.end()) (is_new ? it->second->new_jobs : it->second->duplicates).fetch_add(1);
  }

  // ---- the run ----

  // A plugin call must not leave HTTP requests or tabs behind: cancel, close and wait.
  static void finish_services(aj_context& ctx, const std::string& component) {
    if (size_t n = HttpService::instance().finish(&ctx))
      spdlog::warn("{}: returned with {} HTTP request(s) still going; they were cancelled", component, n);
    if (size_t n = BrowserService::instance().finish(&ctx))
      spdlog::warn("{}: returned with {} browser tab(s) open; they were closed", component, n);
  }

  // Each component's HTTP and browser policy: host.yaml's blocks, then its own.
  void set_http_policies() {
    auto& http = HttpService::instance();
    http::Policy defaults = http.defaults();
    auto& browser = BrowserService::instance();
    browser::Policy browser_defaults = browser.settings().defaults;
    std::string dir = std::filesystem::path(spec.file).parent_path().string();
    for (const auto* phase : {&spec.sources, &spec.enrichers, &spec.scorers, &spec.documents, &spec.submitters}) {
      for (const auto& c : *phase) {
        if (!c.enabled) continue;
        http::Policy p = policy_from(c.http, defaults);
        if (!p.robots)
          spdlog::warn("{}: robots.txt is not honoured for this component (http: robots: false, {})", c.id,
                       c.mark.where());
        http.set_policy(c.id, p);
        browser.set_policy(c.id, browser_policy_from(c.browser, browser_defaults, dir));
      }
    }
  }

  RunSummary run() {
    auto t0 = Clock::now();
    RunSummary summary;
    summary.pipeline = spec.file;
    summary.dry_run = options.dry_run;
    run_clock = std::time(nullptr);
    set_http_policies();
    // Plugins' records: read from the database, written with the jobs (never in a dry run).
    try {
      plugin_records = std::make_unique<PluginRecords>(store ? store->path() : "", !options.dry_run);
    } catch (const std::exception& e) {
      spdlog::warn("store: cannot read plugins' records ({}); they start empty this run", e.what());
      plugin_records = std::make_unique<PluginRecords>("", false);
    }
    StorageService::instance().attach(plugin_records.get());
    struct DetachRecords {
      ~DetachRecords() { StorageService::instance().attach(nullptr); }
    } detach_records;
    if (store && !options.dry_run) {
      try {
        summary.run_id = store->begin_run(spec.file, options.args);
      } catch (const std::exception& e) {
        summary.store_failed = true;
        summary.store_message = e.what();
        return summary;
      }
    }

    std::vector<const ComponentSpec*> before_store, after_store;
    if (!options.rescore)
      for (const auto& c : spec.enrichers) before_store.push_back(&c);
    for (const auto& c : spec.scorers) before_store.push_back(&c);
    if (!options.rescore) {
      for (const auto& c : spec.documents) after_store.push_back(&c);
      for (const auto& c : spec.submitters) after_store.push_back(&c);
    }

    JobQueue* q = new_queue();
    std::vector<StageRun*> chain_before, chain_after;
    for (const auto* c : before_store) {
      prepare_stage(*c);
      StageRun* st = stages.back().get();
      if (st->stats.status == "disabled" || st->instances.empty()) continue;
      st->in = q;
      st->out = q = new_queue();
      chain_before.push_back(st);
    }
    // Stage 2 adds to stage 1's breakdown: without a stage 1 it would decide alone,
    // with no hard filter, so it does not run either.
    bool rules_missing = false;
    for (auto& st : stages)
      if (st->spec->phase == "scorers" && st->spec->stage == 1 && st->stats.status == "failed to start")
        rules_missing = true;
    if (rules_missing) {
      std::vector<StageRun*> kept;
      for (StageRun* st : chain_before) {
        if (st->spec->phase == "scorers" && st->spec->stage == 2) {
          st->stats.status = "disabled";
          st->stats.message = "a stage-1 scorer did not start, and stage 2 cannot score alone";
          continue;
        }
        kept.push_back(st);
      }
      // Re-link the chain without the stage-2 stages.
      chain_before = kept;
      JobQueue* prev = queues.front().get();
      for (StageRun* st : chain_before) {
        st->in = prev;
        prev = st->out;
      }
      q = prev;
      if (options.rescore) stop_sources = true;  // nothing to write: the stored scores stay
    }
    JobQueue* store_in = q;
    JobQueue* store_out = nullptr;
    for (const auto* c : after_store) {
      prepare_stage(*c);
      StageRun* st = stages.back().get();
      if (st->stats.status == "disabled" || st->instances.empty()) continue;
      if (!store_out) store_out = q = new_queue();
      st->in = q;
      st->out = q = new_queue();
      chain_after.push_back(st);
    }
    JobQueue* sink = (store_out != nullptr) ? q : nullptr;

    // Pools are declared before the guard, so on an exception the guard closes
    // every queue first and the pools' destructors then find workers that can end.
    std::vector<std::unique_ptr<boost::asio::thread_pool>> pools;
    std::unique_ptr<boost::asio::thread_pool> writer, drain;
    struct CloseQueuesOnUnwind {
      Impl& self;
      ~CloseQueuesOnUnwind() {
        self.stop_sources = true;
        for (auto& q : self.queues) q->close();
      }
    } guard{*this};

    // Consumers first, so that sources never wait on nobody.
    auto start_stage = [&](StageRun* st) {
      pools.push_back(std::make_unique<boost::asio::thread_pool>(st->instances.size()));
      for (auto& inst : st->instances)
        boost::asio::post(*pools.back(), [this, st, i = inst.get()] { stage_worker(*st, i); });
    };
    for (StageRun* st : chain_before) start_stage(st);
    writer = std::make_unique<boost::asio::thread_pool>(1);
    boost::asio::post(*writer, [this, store_in, store_out] { store_writer(*store_in, store_out); });
    for (StageRun* st : chain_after) start_stage(st);
    if (sink) {
      drain = std::make_unique<boost::asio::thread_pool>(1);
      boost::asio::post(*drain, [sink] {
        std::vector<JobPtr> items;
        while (sink->pop_some(items, 256)) items.clear();
      });
    }

    std::vector<SourceRun*> primaries, fallbacks;
    for (auto& s : sources) {
      if (s->instances.empty()) continue;
      (s->fallback ? fallbacks : primaries).push_back(s.get());
    }
    if (options.rescore) {
      if (!stop_sources) feed_from_store();
    } else {
      run_sources(primaries);
    }
    if (!fallbacks.empty() && !options.rescore) {
      uint64_t found = 0;
      bool all_failed = !primaries.empty();
      std::string states;
      for (SourceRun* s : primaries) {
        found += s->found;
        if (!source_failed(s->stats.status)) all_failed = false;
        states += (states.empty() ? "" : ", ") + s->spec->id + " " + s->stats.status;
      }
      for (const auto& s : sources)
        if (!s->fallback && !s->runnable) states += (states.empty() ? "" : ", ") + s->spec->id + " " + s->stats.status;
      bool needed = primaries.empty() || all_failed || static_cast<int64_t>(found) < spec.fallback.min_results;
      if (needed && !stop_sources) {
        std::string why = primaries.empty()          ? "no primary source could run"
                          : all_failed               ? "every primary source failed"
                                                     : "the primary sources found " + std::to_string(found) +
                                                           " postings, fewer than min_results " +
                                                           std::to_string(spec.fallback.min_results);
        if (!states.empty()) why += " (" + states + ")";
        spdlog::info("fallback: {}; running {}", why,
                     fallbacks.size() == 1 ? fallbacks[0]->spec->id : std::to_string(fallbacks.size()) + " sources");
        for (SourceRun* s : fallbacks) s->stats.why_run = why;
        run_sources(fallbacks);
      } else {
        for (SourceRun* s : fallbacks) {
          s->stats.status = stop_sources ? "cancelled" : "not needed";
          s->stats.message = stop_sources ? "the run was stopping" : "primary sources found " + std::to_string(found);
        }
      }
    }

    // Sources are done: let every stage drain in order.
    queues.front()->close();
    std::size_t pool_index = 0;
    for (StageRun* st : chain_before) {
      pools[pool_index++]->join();
      st->out->close();
    }
    writer->join();
    if (store_out) store_out->close();
    for (StageRun* st : chain_after) {
      pools[pool_index++]->join();
      st->out->close();
    }
    if (drain) drain->join();
    // Records put after the last batch was stored (by documents, say).
    if (store && !options.dry_run && !store_failed && plugin_records->pending()) {
      try {
        uint64_t mark = 0;
        store->transact([&](Database& db) { mark = plugin_records->flush_in(db); });
        plugin_records->committed(mark);
      } catch (const std::exception& e) {
        spdlog::error("store: cannot write plugins' records: {}", e.what());
      }
    }

    for (auto& s : sources) {
      s->stats.found = s->found;
      s->stats.new_jobs = s->new_jobs;
      s->stats.duplicates = s->duplicates;
      s->stats.errors = s->errors;
      summary.sources.push_back(s->stats);
    }
    for (auto& st : stages) {
      StageStats& ss = st->stats;
      ss.in = st->in_count;
      ss.processed = st->processed;
      ss.passed_over = st->passed_over;
      ss.dropped = st->dropped;
      ss.failed = st->failed;
      ss.busy_seconds = static_cast<double>(st->busy_ns.load()) / 1e9;
      if (ss.message.empty()) ss.message = st->message;
      std::vector<std::string> lines;
      for (const auto& inst : st->instances) lines.push_back(inst->summary);
      ss.summary = merge_worker_summaries(lines);
      if (st->fatal_seen) ss.status = "error";
      summary.stages.push_back(ss);
    }
    for (const auto& [move, n] : moves) summary.decision_moves.emplace_back(move, n);
    summary.interrupted = interrupted;
    summary.limit_reached = limit_reached;
    summary.store_failed = store_failed;
    summary.store_message = store_message;
    if (!read_error.empty() && !store_failed) {
      summary.store_failed = true;
      summary.store_message = read_error;
    }
    summary.stored = stored;
    summary.new_jobs = new_jobs;
    summary.duplicates = duplicates;
    summary.not_stored = not_stored;
    summary.seconds = seconds_since(t0);
    summary.http = HttpService::instance().stats();
    summary.browser = BrowserService::instance().stats();

    // Instances go on this (the main) thread, as the ABI promises.
    for (auto& s : sources) s->instances.clear();
    for (auto& st : stages) st->instances.clear();

    if (store && !options.dry_run && summary.run_id) {
      try {
        store->finish_run(summary.run_id, summary.outcome(), summary.to_json());
      } catch (const std::exception& e) {
        spdlog::error("store: cannot record the run: {}", e.what());
      }
    }
    return summary;
  }
};

Engine::Engine(const PipelineSpec& spec, JobStore* store, RunOptions options)
    : impl_(std::make_unique<Impl>(spec, store, std::move(options))) {}
Engine::~Engine() = default;

RunSummary Engine::run() { return impl_->run(); }

void Engine::stop() {
  impl_->interrupted = true;
  impl_->stop_sources = true;
  HttpService::instance().cancel_stopped();
  BrowserService::instance().cancel_stopped();
}

ProgressSnapshot Engine::snapshot() const {
  ProgressSnapshot snap;
  for (const auto& s : impl_->sources) {
    if (!s->runnable) continue;
    snap.sources.push_back({s->spec->id, s->progress_done, s->progress_total, s->found, s->finished});
  }
  snap.stored = impl_->options.dry_run ? impl_->new_jobs + impl_->duplicates : impl_->stored.load();
  snap.limit = impl_->limit;
  return snap;
}

}  // namespace aj::host
