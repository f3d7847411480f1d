// The host's definitions of the ABI's opaque handles (plugin.h declares them).
#pragma once

#include "config/node.hpp"
#include "record/job_record.hpp"

#include <autojobagent/plugin.h>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

/// One per plugin instance: who is talking.
struct aj_host {
  std::string plugin;     // plugin name
  std::string component;  // pipeline component id, empty outside a pipeline
  std::string label() const { return component.empty() || component == plugin ? plugin : component + " (" + plugin + ")"; }
};

/// One per call: the error message, the cancel flag, progress and results.
struct aj_context {
  std::string error;
  const std::atomic<bool>* cancelled = nullptr;
  std::atomic<bool> cancel_seen{false};  // the plugin asked and was told to stop
  std::function<aj_status(aj_job*)> emit;  // sources only
  std::function<void(uint64_t, uint64_t)> on_progress;
  std::function<void(const std::string&, const std::string&)> on_report;  // sources: filters and outcomes
  std::vector<std::pair<std::string, std::string>> reports;
  void reset() {
    error.clear();
    reports.clear();
  }
};

/// A plugin's settings (or a query): an immutable YAML tree.
struct aj_config {
  explicit aj_config(aj::host::Node n) : node(std::move(n)) {}
  aj::host::Node node;
  mutable std::mutex json_mutex;
  mutable std::map<std::string, std::string> json_cache;  // node addresses are stable: no rehash
};

struct aj_job : aj::host::JobRecord {
  aj_job() = default;
  explicit aj_job(aj::host::JobRecord r) : aj::host::JobRecord(std::move(r)) {}
};

/// What happened to one job of a batch in this stage.
struct JobOutcome {
  bool dropped = false;
  std::string reason;  // drop reason or failure message
  aj_status status = AJ_OK;
};

struct aj_batch {
  std::vector<aj_job*> jobs;
  std::vector<JobOutcome> outcomes;
};

namespace aj::host {

/// The table handed to every plugin.
const aj_host_api* host_api();

}  // namespace aj::host
