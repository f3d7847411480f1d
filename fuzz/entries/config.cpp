// The host's YAML files: the input as a pipeline (as `ajhost run` and `ajhost
// score` load it), as host.yaml (load and `ajhost validate`), as sources.yaml,
// and as a profile (`ajhost profile validate`). Each reports what is wrong as
// diagnostics; none may crash. The input is written to a file in a private temp
// folder whose base/ is pipelines/base, so `extends: base/...` resolves as in
// pipelines/. No plugins are installed: components resolve to "not installed".
#include "entries.hpp"

#include "config/host_settings.hpp"
#include "config/node.hpp"
#include "pipeline/pipeline_spec.hpp"
#include "plugin/loader.hpp"
#include "profile/profile.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <system_error>

namespace fs = std::filesystem;
namespace host = aj::host;

namespace {

struct Scratch {
  fs::path dir, file;
  Scratch() {
    std::string tmpl = (fs::temp_directory_path() / "aj-fuzz-config-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) {
      std::perror("fuzz harness: mkdtemp");
      std::abort();
    }
    dir = tmpl;
    fs::create_directories(dir / "pipelines");
    fs::create_directory_symlink(fs::path(AJ_SOURCE_DIR) / "pipelines" / "base", dir / "pipelines" / "base");
    file = dir / "pipelines" / "input.yaml";
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

// A fixed environment: the input decides which variables it names, not the machine.
std::optional<std::string> env(const std::string& name) {
  static const std::map<std::string, std::string> vars = {{"HOME", "/nonexistent/home"}, {"AJ_FUZZ_WORKERS", "4"}};
  auto it = vars.find(name);
  if (it == vars.end()) return std::nullopt;
  return it->second;
}

void read_all(const host::Diagnostics& diags) {
  for (const auto& d : diags.sorted()) (void)d.str();
}

}  // namespace

int aj_fuzz_config(const uint8_t* data, size_t size) {
  static const Scratch scratch;
  static const host::PluginRegistry no_plugins;
  std::string text(aj::fuzz::text_of(data, size));
  {
    std::ofstream out(scratch.file, std::ios::binary | std::ios::trunc);
    out << text;
  }
  host::Diagnostics parsed;
  (void)host::parse_yaml(text, "input.yaml", parsed);
  read_all(parsed);

  for (bool scorers_only : {false, true}) {
    host::Diagnostics diags;
    (void)host::load_pipeline(scratch.file, no_plugins, {}, diags, env, scorers_only);
    read_all(diags);
  }
  {
    host::Diagnostics diags;
    (void)host::load_host_settings(scratch.file.string(), diags, env);
    host::validate_settings_file(scratch.file, host::host_settings_schema(), diags, env);
    host::validate_settings_file(scratch.file, host::sources_file_schema(), diags, env);
    read_all(diags);
  }
  {
    host::Diagnostics diags;
    if (auto p = host::load_profile(scratch.file, diags)) (void)host::describe_profile(*p);
    read_all(diags);
  }
  return 0;
}
