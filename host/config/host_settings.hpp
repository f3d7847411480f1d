// ajhost's own settings: host.yaml (plugin folders, database, logging) and the
// sources.yaml it names (which sources are switched on).
#pragma once

#include "browser/settings.hpp"
#include "http/policy.hpp"
#include "pipeline/pipeline_spec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace aj::host {

struct HostSettings {
  std::string file;  // the host.yaml read, empty when built-in defaults apply
  std::vector<std::string> plugin_dirs;
  std::string db;      // from host.yaml
  std::string db_env;  // $AJ_DB: beats every file
  std::string log_level = "info";
  std::string log_file;
  int64_t log_max_size_mb = 10;
  int64_t log_max_files = 3;
  SourceToggles sources;
  http::ServiceSettings http;  // the `http:` block; cache in $XDG_CACHE_HOME/autojobagent/http by default
  browser::Settings browser;   // the `browser:` block
};

/// Finds host.yaml: `explicit_file`, else $AJ_CONFIG, else
/// $XDG_CONFIG_HOME/autojobagent/host.yaml when it exists, else defaults.
/// Relative paths in it are relative to its folder. $AJ_DB and $AJ_LOG_LEVEL
/// override the file.
std::optional<HostSettings> load_host_settings(const std::string& explicit_file, Diagnostics& diags,
                                               const EnvLookup& env);

SchemaPtr host_settings_schema();
SchemaPtr sources_file_schema();

/// Checks a host.yaml or sources.yaml on its own (for `ajhost validate`).
void validate_settings_file(const std::filesystem::path& file, const SchemaPtr& schema, Diagnostics& diags,
                            const EnvLookup& env);

}  // namespace aj::host
