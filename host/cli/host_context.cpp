#include "cli/commands.hpp"
#include "store/job_store.hpp"

#include <cstdio>

namespace aj::host {

const PluginRegistry& HostContext::plugins() {
  if (!plugins_) {
    plugins_ = std::make_unique<PluginRegistry>();
    plugins_->load_dirs(plugin_search_path(settings.plugin_dirs));
  }
  return *plugins_;
}

std::string HostContext::db_path(const std::string& cli_db, const std::string& fallback) const {
  if (!cli_db.empty()) return cli_db;
  if (!settings.db_env.empty()) return settings.db_env;
  if (!fallback.empty()) return fallback;
  if (!settings.db.empty()) return settings.db;
  return default_db_path();
}

std::size_t print_diagnostics(const Diagnostics& diags) {
  for (const auto& d : diags.sorted()) std::fprintf(stderr, "%s\n", d.str().c_str());
  return diags.error_count();
}

}  // namespace aj::host
