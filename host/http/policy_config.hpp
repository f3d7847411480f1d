// The `http:` blocks of host.yaml (global) and of pipeline components (per
// source): their schema and how they become a Policy.
#pragma once

#include "config/node.hpp"
#include "config/schema.hpp"
#include "http/policy.hpp"

namespace aj::host {

/// `global`: the host.yaml block, which also has max_total and cache_dir.
SchemaPtr http_schema(bool global);

/// `base` with every key the block sets replaced. The block has been checked.
http::Policy policy_from(const Node& block, http::Policy base);

/// The global block; relative cache_dir is relative to `dir`.
void service_from(const Node& block, const std::string& dir, http::ServiceSettings& out);

}  // namespace aj::host
