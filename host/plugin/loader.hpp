// Finding and loading plugins: Boost.DLL, the ABI check, and a report of every
// file that could not be used, with its path and the reason.
#pragma once

#include "config/schema.hpp"

#include <autojobagent/plugin.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace aj::host {

struct ConfigKeyInfo {
  std::string key;
  aj_config_type type = AJ_CFG_STRING;
  std::optional<std::string> default_value;  // YAML text
  bool required = false;
  std::string doc;
  std::vector<std::string> choices;
};

struct Plugin {
  std::string name;
  std::string version;
  std::string summary;
  aj_kind kind = 0;
  uint16_t abi_major = 0;
  uint16_t abi_minor = 0;
  std::filesystem::path path;
  std::vector<ConfigKeyInfo> config;
  const aj_plugin_descriptor* descriptor = nullptr;  // lives as long as the process

  /// The schema of this plugin's `settings:` block.
  SchemaPtr settings_schema() const;
};

struct LoadProblem {
  std::filesystem::path path;
  std::string reason;
};

/// Where plugins are looked for, in order: $AJ_PLUGIN_PATH (colon-separated),
/// the host config's plugin_dirs, then <prefix>/lib/autojobagent/plugins next
/// to the running ajhost (the build tree is laid out the same way).
std::vector<std::filesystem::path> plugin_search_path(const std::vector<std::string>& config_dirs);

class PluginRegistry {
 public:
  /// Loads every *.so in each directory (not recursive). Libraries are never
  /// unloaded: code and data that came from a plugin stay valid for the process.
  void load_dirs(const std::vector<std::filesystem::path>& dirs);
  void load_file(const std::filesystem::path& file);

  const std::vector<Plugin>& plugins() const { return plugins_; }
  const std::vector<LoadProblem>& problems() const { return problems_; }
  const std::vector<std::filesystem::path>& searched() const { return searched_; }
  const Plugin* find(std::string_view name) const;
  std::vector<std::string> names() const;

 private:
  std::vector<Plugin> plugins_;
  std::vector<LoadProblem> problems_;
  std::vector<std::filesystem::path> searched_;
};

std::string kind_name(aj_kind kind);  // "source", ..., "unknown"
/// "sources" -> AJ_KIND_SOURCE etc.; 0 for anything else.
aj_kind kind_of_phase(std::string_view phase);

}  // namespace aj::host
