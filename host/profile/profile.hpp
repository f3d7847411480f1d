// The person's profile: JSON Resume (basics, work, education, skills,
// languages, certificates, projects, ...) plus `preferences`, read from YAML
// or JSON, checked with file:line for every problem, and turned into the one
// JSON text every plugin gets from the profile service (docs/scoring.md).
#pragma once

#include "config/node.hpp"
#include "config/schema.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace aj::host {

struct Profile {
  std::string file;  // where it came from
  std::string json;  // the JSON object plugins read, typed by the schema
};

/// The schema: JSON Resume 1.0's keys, and ours under `preferences`.
SchemaPtr profile_schema();

/// Reads and checks a profile; every problem goes to `diags` (file:line:col).
/// Nothing when there was an error.
std::optional<Profile> load_profile(const std::filesystem::path& file, Diagnostics& diags);

/// $XDG_CONFIG_HOME/autojobagent (else ~/.config/autojobagent): where `ajhost init` writes.
std::filesystem::path user_config_dir(const EnvLookup& env);

/// Which profile a command uses: --profile, else $AJ_PROFILE, else the pipeline's
/// settings.profile, else the user's profile.yaml when it exists; "" for none.
std::string profile_path(const std::string& cli, const std::string& pipeline_setting, const EnvLookup& env);

/// One line about a checked profile: "Alex Example: 2 jobs (7.7 years), 22 skills, 4 titles, 2 places".
std::string describe_profile(const Profile& p);

}  // namespace aj::host
