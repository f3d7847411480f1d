#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/table.hpp"
#include "pipeline/engine.hpp"
#include "plugin/browser_service.hpp"
#include "plugin/http_service.hpp"
#include "store/job_store.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

namespace aj::host {
namespace {

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

void print_summary(const RunSummary& s) {
  std::cout << "\nRun of " << s.pipeline << ": " << s.outcome() << " in " << fixed(s.seconds, 2) << " s";
  if (s.dry_run) std::cout << " (dry run: nothing stored)";
  std::cout << "\n";
  if (s.dry_run)
    std::cout << (s.new_jobs + s.duplicates) << " postings: " << s.new_jobs << " new, " << s.duplicates
              << " already stored\n";
  else
    std::cout << s.stored << " postings stored: " << s.new_jobs << " new, " << s.duplicates << " already known\n";
  if (s.limit_reached) std::cout << "Stopped at the limit of postings for this run.\n";
  if (s.interrupted) std::cout << "Interrupted: sources stopped early; everything found so far was stored.\n";
  if (s.store_failed)
    std::cout << "The store failed: " << s.store_message << "\n" << s.not_stored << " postings were not stored.\n";

  Table src;
  src.header = {"SOURCE", "PLUGIN", "STATUS", "QUERIES", "FOUND", "FILTERED", "NEW", "DUPLICATES", "ERRORS", "SECONDS"};
  src.right_align = {false, false, false, true, true, true, true, true, true, true};
  for (const auto& x : s.sources)
    src.rows.push_back({x.id + (x.fallback ? " (fallback)" : ""), x.plugin, x.status, std::to_string(x.queries),
                        std::to_string(x.found), std::to_string(x.filtered), std::to_string(x.new_jobs),
                        std::to_string(x.duplicates), std::to_string(x.errors), fixed(x.seconds, 2)});
  if (!src.rows.empty()) std::cout << "\n" << src.render();
  for (const auto& x : s.sources) {
    if (!x.why_run.empty()) std::cout << "  " << x.id << ": ran as the fallback because " << x.why_run << "\n";
    if (!x.message.empty()) std::cout << "  " << x.id << ": " << x.message << "\n";
  }

  // Filter honesty: every search filter a site did not apply, and what ajhost did instead.
  Table flt;
  flt.header = {"SOURCE", "FILTER", "APPLIED BY", "DROPPED", "KEPT (NO DATA)"};
  flt.right_align = {false, false, false, true, true};
  for (const auto& x : s.sources)
    for (const auto& f : x.filters)
      if (f.applied_by != "site")
        flt.rows.push_back({x.id, f.key, f.applied_by == "nobody" ? "nobody (ajhost cannot)" : "ajhost, after fetching",
                            std::to_string(f.dropped), std::to_string(f.unknown)});
  if (!flt.rows.empty()) {
    std::cout << "\nSearch filters the sites did not apply (the others were applied by the sites):\n" << flt.render();
    for (const auto& x : s.sources)
      if (!x.filter_note.empty()) std::cout << "  " << x.id << ": " << x.filter_note << "\n";
  }

  Table st;
  st.header = {"STAGE", "PHASE", "PLUGIN", "STATUS", "WORKERS", "IN", "PROCESSED", "DROPPED", "FAILED", "JOBS/S"};
  st.right_align = {false, false, false, false, true, true, true, true, true, true};
  for (const auto& x : s.stages)
    st.rows.push_back({x.id, x.phase, x.plugin, x.status, std::to_string(x.workers), std::to_string(x.in),
                       std::to_string(x.processed), std::to_string(x.dropped), std::to_string(x.failed),
                       x.processed ? fixed(x.throughput(), 0) : "-"});
  if (!st.rows.empty()) std::cout << "\n" << st.render();
  for (const auto& x : s.stages) {
    if (!x.message.empty()) std::cout << "  " << x.id << ": " << x.message << "\n";
    std::size_t start = 0;  // the plugin's own account of its work, a line per worker
    while (start < x.summary.size()) {
      std::size_t nl = x.summary.find('\n', start);
      std::cout << "  " << x.id << ": " << x.summary.substr(start, nl == std::string::npos ? nl : nl - start) << "\n";
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }

  Table http;
  http.header = {"HOST", "REQUESTS", "SENT", "KB", "2XX", "3XX", "4XX", "5XX", "ERRORS", "RETRIES", "CACHED",
                 "ROBOTS", "P50 MS", "P90 MS", "P99 MS", "CIRCUIT"};
  http.right_align = {false, true, true, true, true, true, true, true, true, true, true, true, true, true, true, false};
  for (const auto& h : s.http) {
    uint64_t by_class[6] = {0, 0, 0, 0, 0, 0};  // none, 1xx .. 5xx
    for (const auto& [code, n] : h.statuses) by_class[code >= 100 && code < 600 ? code / 100 : 0] += n;
    std::string circuit = h.circuit_opens ? "opened " + std::to_string(h.circuit_opens) + "x, refused " +
                                                std::to_string(h.circuit_refused)
                                          : "-";
    http.rows.push_back({h.host, std::to_string(h.requests), std::to_string(h.attempts),
                         std::to_string((h.bytes + 1023) / 1024), std::to_string(by_class[2]),
                         std::to_string(by_class[3]), std::to_string(by_class[4]), std::to_string(by_class[5]),
                         std::to_string(by_class[0]), std::to_string(h.retries),
                         std::to_string(h.cache_hits + h.revalidated + h.replayed), std::to_string(h.robots_blocked),
                         fixed(h.p50_ms, 0), fixed(h.p90_ms, 0), fixed(h.p99_ms, 0), circuit});
  }
  if (!http.rows.empty()) std::cout << "\n" << http.render();

  if (s.browser) {
    const auto& b = *s.browser;
    auto mb = [](uint64_t bytes) { return std::to_string((bytes + (1 << 19)) >> 20); };
    std::cout << "\nbrowser: " << (b.version.empty() ? "chromium" : b.version) << ", " << b.starts << " start"
              << (b.starts == 1 ? "" : "s") << (b.crashes ? ", " + std::to_string(b.crashes) + " died and restarted" : "")
              << "; " << b.tabs_opened << " tabs (peak " << b.peak_tabs << " of " << b.max_tabs << "), " << b.pages
              << " pages (" << fixed(b.pages_per_minute, 1) << "/min); memory peak " << mb(b.peak_pss_bytes)
              << " MB PSS, " << mb(b.peak_rss_bytes) << " MB RSS";
    if (b.popups) std::cout << "; " << b.popups << " popups (" << b.popups_closed << " closed for want of a tab)";
    if (b.refused) std::cout << "; " << b.refused << " navigations refused (allowed_hosts)";
    std::cout << "\n";
    Table ops;
    ops.header = {"BROWSER OP", "CALLS", "FAILED", "P50 MS", "P90 MS", "MAX MS"};
    ops.right_align = {false, true, true, true, true, true};
    for (const auto& o : b.ops)
      ops.rows.push_back({o.op, std::to_string(o.calls), std::to_string(o.failed), fixed(o.p50_ms, 0),
                          fixed(o.p90_ms, 0), fixed(o.max_ms, 0)});
    if (!ops.rows.empty()) std::cout << ops.render();
  }
}

}  // namespace

RunSummary run_engine(Engine& engine, bool progress_bars) {
  // Ctrl-C (or SIGTERM) stops the sources; what is in flight is finished and
  // stored. A second one ends the process at once (the store stays consistent).
  boost::asio::io_context io;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  std::function<void(const boost::system::error_code&, int)> on_signal = [&](const boost::system::error_code& ec, int) {
    if (ec) return;
    spdlog::warn("stopping: finishing the jobs in flight (press Ctrl-C again to quit at once)");
    engine.stop();
    signals.async_wait([](const boost::system::error_code& ec2, int) {
      if (!ec2) _exit(130);
    });
  };
  signals.async_wait(on_signal);
  std::thread signal_thread([&io] { io.run(); });

  RunSummary summary;
  {
    std::unique_ptr<ProgressDisplay> progress;
    if (progress_bars && isatty(STDERR_FILENO))
      progress = std::make_unique<ProgressDisplay>([&] { return engine.snapshot(); });
    summary = engine.run();
  }
  signals.cancel();
  io.stop();
  signal_thread.join();
  return summary;
}

int cmd_run(HostContext& hc, const RunArgs& a) {
  Diagnostics diags;
  auto spec = load_pipeline(a.pipeline, hc.plugins(), hc.settings.sources, diags, process_env());
  for (const auto& p : hc.plugins().problems())
    spdlog::warn("plugin {} was not loaded: {}", p.path.string(), p.reason);
  if (print_diagnostics(diags) > 0 || !spec) {
    std::fprintf(stderr, "%s: not run; fix the errors above (`ajhost validate %s` checks again)\n", a.pipeline.c_str(),
                 a.pipeline.c_str());
    return kExitInvalid;
  }

  if (!use_profile(a.profile, *spec)) return kExitInvalid;

  std::string db = hc.db_path(a.db, spec->db);
  std::unique_ptr<JobStore> store;
  try {
    if (!a.dry_run) store = std::make_unique<JobStore>(db);
    else if (std::filesystem::exists(db)) store = JobStore::open_read_only(db);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", store_error_message(e.what()).c_str());
    return kExitError;
  }
  spdlog::info("running {} into {}{}", a.pipeline, db, a.dry_run ? " (dry run)" : "");

  http::ServiceSettings http = hc.settings.http;
  http.record_dir = a.record_dir;
  if (!a.replay_dir.empty()) {
    http.replay_dir = a.replay_dir;
    http.cache_dir.clear();  // a replay answers from the recording only
  }
  HttpService::instance().configure(std::move(http));
  BrowserService::instance().configure(hc.settings.browser);
  if (!a.replay_dir.empty() || !a.record_dir.empty()) {
    // Fail now, not at the first request, when the folder is unusable.
    if (!HttpService::instance().table()) {
      std::fprintf(stderr, "error: %s\n", HttpService::instance().load_error().c_str());
      return kExitError;
    }
  }

  RunOptions opts;
  opts.limit = a.limit;
  opts.dry_run = a.dry_run;
  opts.args = a.args;
  Engine engine(*spec, store.get(), opts);

  RunSummary summary = run_engine(engine, !a.no_progress);
  HttpService::instance().shutdown();
  BrowserService::instance().shutdown();
  print_summary(summary);
  return summary.exit_code();
}

}  // namespace aj::host
