#include "config/host_settings.hpp"

#include "browser/browser_config.hpp"
#include "http/policy_config.hpp"

#include <filesystem>

namespace aj::host {
namespace fs = std::filesystem;

SchemaPtr host_settings_schema() {
  static SchemaPtr s = schema::object({
      {"plugin_dirs", schema::string_list(), false, "extra folders to load plugins from", ""},
      {"db", schema::string(), false, "the job database", ""},
      {"sources_file", schema::string(), false, "which sources are on (default: sources.yaml beside this file)", ""},
      {"http", http_schema(true), false, "the HTTP service for plugins (docs/http.md)", ""},
      {"browser", browser_schema(true), false, "the browser service for plugins (docs/browser.md)", ""},
      {"log", schema::object({
                  {"level", schema::string({"trace", "debug", "info", "warn", "error"}), false, "", "info"},
                  {"file", schema::string(), false, "a log file, rotated by size", ""},
                  {"max_size_mb", schema::integer(1), false, "rotate at this size", "10"},
                  {"max_files", schema::integer(1), false, "rotated files kept", "3"},
              }),
       false, "", ""},
  });
  return s;
}

SchemaPtr sources_file_schema() {
  static SchemaPtr s = schema::object({
      {"sources", schema::map_of(schema::boolean()), false, "source id or plugin name: true or false", ""},
  });
  return s;
}

void validate_settings_file(const fs::path& file, const SchemaPtr& schema, Diagnostics& diags, const EnvLookup& env) {
  auto root = load_config(file, diags, env);
  if (root) check(*root, *schema, "", diags);
}

namespace {

std::string relative_to(const fs::path& base_dir, const std::string& p) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (base_dir / p).lexically_normal().string();
}

bool load_toggles(const fs::path& file, SourceToggles& out, Diagnostics& diags, const EnvLookup& env) {
  auto root = load_config(file, diags, env);
  if (!root) return false;
  std::size_t before = diags.error_count();
  check(*root, *sources_file_schema(), "", diags);
  if (diags.error_count() != before) return false;
  out.file = file.string();
  if (const Node* s = root->find("sources"); s && s->is_map())
    for (const auto& e : s->entries) out.enabled[e.key] = as_bool(e.value).value_or(true);
  return true;
}

}  // namespace

std::optional<HostSettings> load_host_settings(const std::string& explicit_file, Diagnostics& diags,
                                               const EnvLookup& env) {
  HostSettings hs;
  fs::path file;
  if (!explicit_file.empty()) {
    file = explicit_file;
  } else if (auto v = env("AJ_CONFIG"); v && !v->empty()) {
    file = *v;
  } else {
    std::string base = env("XDG_CONFIG_HOME").value_or("");
    if (base.empty()) base = env("HOME").value_or(".") + "/.config";
    fs::path candidate = fs::path(base) / "autojobagent" / "host.yaml";
    if (fs::exists(candidate)) file = candidate;
  }

  {
    std::string cache = env("XDG_CACHE_HOME").value_or("");
    if (cache.empty()) cache = env("HOME").value_or(".") + "/.cache";
    hs.http.cache_dir = (fs::path(cache) / "autojobagent" / "http").string();
  }
  if (!file.empty()) {
    if (!fs::exists(file)) {
      diags.error(Mark{std::make_shared<const std::string>(file.string())},
                  "host config file not found (named by --config or AJ_CONFIG)");
      return std::nullopt;
    }
    auto root = load_config(file, diags, env);
    if (!root) return std::nullopt;
    std::size_t before = diags.error_count();
    check(*root, *host_settings_schema(), "", diags);
    if (diags.error_count() != before) return std::nullopt;
    fs::path dir = file.parent_path();
    hs.file = file.string();
    if (const Node* n = root->find("plugin_dirs")) {
      if (n->is_scalar()) hs.plugin_dirs.push_back(relative_to(dir, n->scalar));
      for (const auto& item : n->items) hs.plugin_dirs.push_back(relative_to(dir, item.scalar));
    }
    if (const Node* n = root->find("db"); n && n->is_scalar()) hs.db = relative_to(dir, n->scalar);
    if (const Node* log = root->find("log"); log && log->is_map()) {
      if (const Node* n = log->find("level"); n && n->is_scalar()) hs.log_level = n->scalar;
      if (const Node* n = log->find("file"); n && n->is_scalar()) hs.log_file = relative_to(dir, n->scalar);
      if (const Node* n = log->find("max_size_mb")) hs.log_max_size_mb = as_int(*n).value_or(10);
      if (const Node* n = log->find("max_files")) hs.log_max_files = as_int(*n).value_or(3);
    }
    if (const Node* n = root->find("http"); n && n->is_map()) service_from(*n, dir.string(), hs.http);
    if (const Node* n = root->find("browser"); n && n->is_map()) browser_settings_from(*n, dir.string(), hs.browser);
    fs::path sources = dir / "sources.yaml";
    bool named = false;
    if (const Node* n = root->find("sources_file"); n && n->is_scalar()) {
      sources = relative_to(dir, n->scalar);
      named = true;
    }
    if (named && !fs::exists(sources)) {
      diags.error(root->entry("sources_file")->value.mark, "sources_file '" + sources.string() + "' does not exist");
      return std::nullopt;
    }
    if (fs::exists(sources) && !load_toggles(sources, hs.sources, diags, env)) return std::nullopt;
  }
  if (auto v = env("AJ_DB"); v && !v->empty()) hs.db_env = *v;
  if (auto v = env("AJ_LOG_LEVEL"); v && !v->empty()) hs.log_level = *v;
  return hs;
}

}  // namespace aj::host
