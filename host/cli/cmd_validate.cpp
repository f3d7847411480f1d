#include "cli/commands.hpp"

#include <cstdio>
#include <filesystem>

namespace aj::host {
namespace fs = std::filesystem;

int cmd_validate(HostContext& hc, const std::vector<std::string>& files, const std::string& kind) {
  Diagnostics diags;
  EnvLookup env = process_env();
  for (const auto& f : files) {
    std::string k = kind;
    if (k == "auto") {
      std::string name = fs::path(f).filename().string();
      k = name == "sources.yaml" ? "sources" : name == "host.yaml" ? "host" : "pipeline";
    }
    if (!fs::exists(f)) {
      diags.error(Mark{std::make_shared<const std::string>(f)}, "no such file");
      continue;
    }
    if (k == "host") {
      validate_settings_file(f, host_settings_schema(), diags, env);
    } else if (k == "sources") {
      validate_settings_file(f, sources_file_schema(), diags, env);
    } else {
      load_pipeline(f, hc.plugins(), hc.settings.sources, diags, env);
    }
  }
  std::size_t errors = print_diagnostics(diags);
  std::size_t warnings = diags.items().size() - errors;
  if (errors == 0)
    std::fprintf(stderr, "%zu file%s valid%s\n", files.size(), files.size() == 1 ? "" : "s",
                 warnings ? (" (" + std::to_string(warnings) + " warning" + (warnings == 1 ? ")" : "s)")).c_str() : "");
  else
    std::fprintf(stderr, "%zu error%s\n", errors, errors == 1 ? "" : "s");
  return errors ? kExitInvalid : kExitOk;
}

}  // namespace aj::host
