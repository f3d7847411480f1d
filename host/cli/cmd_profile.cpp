// ajhost profile validate, ajhost init, and the profile a run or a re-score uses.
#include "cli/commands.hpp"
#include "pipeline/pipeline_spec.hpp"
#include "plugin/profile_service.hpp"
#include "profile/profile.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace aj::host {

namespace fs = std::filesystem;

// The starter files `ajhost init` writes, built in from config/ (init_files.cpp.in).
extern const char* const kInitProfile;
extern const char* const kInitHost;
extern const char* const kInitSources;

bool use_profile(const std::string& cli, const PipelineSpec& spec) {
  std::string path = profile_path(cli, spec.profile, process_env());
  bool scores = false;
  for (const auto& c : spec.scorers) scores = scores || c.enabled;
  if (path.empty()) {
    if (!scores) return true;
    std::fprintf(stderr,
                 "error: %s scores postings, but there is no profile to score them against.\n"
                 "  Run `ajhost init` to write a starter profile to %s, or name one with --profile FILE,\n"
                 "  $AJ_PROFILE or the pipeline's settings.profile (config/profile.example.yaml shows the format).\n",
                 spec.file.c_str(), (user_config_dir(process_env()) / "profile.yaml").c_str());
    return false;
  }
  Diagnostics diags;
  auto profile = load_profile(path, diags);
  print_diagnostics(diags);
  if (!profile) {
    std::fprintf(stderr, "%s: not used; fix the errors above (`ajhost profile validate %s` checks again)\n",
                 path.c_str(), path.c_str());
    return false;
  }
  ProfileService::instance().set(std::move(*profile));
  return true;
}

int cmd_profile_validate(const std::string& file) {
  std::string path = profile_path(file, "", process_env());
  if (path.empty()) {
    std::fprintf(stderr, "error: no profile to check: name a file, set $AJ_PROFILE, or run `ajhost init` to write %s\n",
                 (user_config_dir(process_env()) / "profile.yaml").c_str());
    return kExitInvalid;
  }
  Diagnostics diags;
  auto profile = load_profile(path, diags);
  std::size_t errors = print_diagnostics(diags);
  if (!profile || errors) {
    std::fprintf(stderr, "%s: %zu error%s\n", path.c_str(), errors, errors == 1 ? "" : "s");
    return kExitInvalid;
  }
  std::cout << path << ": ok (" << describe_profile(*profile) << ")\n";
  return kExitOk;
}

int cmd_init(bool force) {
  fs::path dir = user_config_dir(process_env());
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "error: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
    return kExitError;
  }
  struct File {
    const char* name;
    const char* text;
    const char* what;
  };
  const File files[] = {{"profile.yaml", kInitProfile, "your profile: facts and preferences; edit it first"},
                        {"host.yaml", kInitHost, "ajhost's settings (HTTP politeness, browser, logs)"},
                        {"sources.yaml", kInitSources, "which sources are on"}};
  for (const File& f : files) {
    fs::path p = dir / f.name;
    // A symbolic link counts as there, dangling or not: it is the person's.
    if (fs::symlink_status(p, ec).type() != fs::file_type::not_found && !force) {
      std::cout << "kept    " << p.string() << " (it exists; --force overwrites)\n";
      continue;
    }
    // Written beside, then renamed: an interrupted init never leaves half a file.
    fs::path tmp = p;
    tmp += ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << f.text;
      if (!out.flush()) {
        std::fprintf(stderr, "error: cannot write %s\n", tmp.c_str());
        fs::remove(tmp, ec);
        return kExitError;
      }
    }
    // The profile holds an e-mail address and a phone number: the owner's alone.
    fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write, ec);
    fs::rename(tmp, p, ec);
    if (ec) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      std::fprintf(stderr, "error: cannot write %s: %s\n", p.c_str(), ec.message().c_str());
      return kExitError;
    }
    std::cout << "wrote   " << p.string() << "  " << f.what << "\n";
  }
  std::cout << "\nNext: edit " << (dir / "profile.yaml").string() << ", check it with `ajhost profile validate`,\n"
            << "then `ajhost run pipelines/quality.yaml` and `ajhost jobs list --decision apply`.\n";
  return kExitOk;
}

}  // namespace aj::host
