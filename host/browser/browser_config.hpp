// The `browser:` blocks of host.yaml (global) and of pipeline components:
// their schema and how they become browser Settings and Policy.
#pragma once

#include "browser/settings.hpp"
#include "config/node.hpp"
#include "config/schema.hpp"

namespace aj::host {

/// `global`: the host.yaml block, which also sets the executable, max_tabs, ...
SchemaPtr browser_schema(bool global);

/// `base` with every key the component's block sets replaced; relative
/// profile_dir is relative to `dir`.
browser::Policy browser_policy_from(const Node& block, browser::Policy base, const std::string& dir);

/// The global block; relative paths are relative to `dir`.
void browser_settings_from(const Node& block, const std::string& dir, browser::Settings& out);

}  // namespace aj::host
