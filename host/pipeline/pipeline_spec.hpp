// A pipeline file after validation: typed settings and the components of each phase.
#pragma once

#include "config/node.hpp"
#include "plugin/loader.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace aj::host {

struct ComponentSpec {
  std::string id;
  std::string phase;  // sources | enrichers | scorers | documents | submitters
  std::string plugin;
  bool enabled = true;
  std::string disabled_by;  // why it is off (the pipeline, or sources.yaml)
  int workers = 1;
  std::vector<std::string> inputs;     // ids of upstream components; empty = all
  std::vector<std::string> decisions;  // documents/submitters: which decisions to act on
  std::string mode = "manual";         // submitters
  int stage = 1;                       // scorers: 1 rules, 2 text match (processing_method)
  Node settings;
  Node http;     // the component's `http:` block, over host.yaml's
  Node browser;  // the component's `browser:` block, over host.yaml's
  Mark mark;
  const Plugin* resolved = nullptr;    // null when the plugin is missing (component then disabled)
};

struct FallbackSpec {
  std::string mode = "off";  // off | fallback | hybrid
  int64_t min_results = 0;
  std::vector<std::string> sources;  // component ids that run only as fallback
};

struct PipelineSpec {
  std::string file;
  std::string name;
  std::string description;
  int64_t max_jobs = 0;  // 0: no limit
  std::string db;
  std::string output_dir;
  int64_t queue_capacity = 256;
  int64_t batch_size = 32;
  std::string processing_method = "auto";  // rule_based | hybrid | auto | gpu: which scorer stages run
  std::string profile;  // settings.profile, absolute; "" when the pipeline names none
  FallbackSpec fallback;
  Node search;  // the query parameters shared by every source
  std::vector<ComponentSpec> sources, enrichers, scorers, documents, submitters;

  /// The per-job phases in order.
  std::vector<const std::vector<ComponentSpec>*> job_phases() const {
    return {&enrichers, &scorers, &documents, &submitters};
  }
};

/// Which sources config/sources.yaml switches off (by component id or plugin name).
struct SourceToggles {
  std::map<std::string, bool> enabled;
  std::string file;
};

/// Loads and checks a pipeline file. Every problem goes to `diags`
/// (file:line:col); returns nothing when there was an error.
/// `scorers_only` (`ajhost score`): the other phases are left out before
/// anything is checked, so their settings and ${VAR}s do not matter.
std::optional<PipelineSpec> load_pipeline(const std::filesystem::path& file, const PluginRegistry& plugins,
                                          const SourceToggles& toggles, Diagnostics& diags, const EnvLookup& env,
                                          bool scorers_only = false);

/// The pipeline file schema (for validation and docs).
SchemaPtr pipeline_schema();

}  // namespace aj::host
