#include "browser/browser_config.hpp"

#include <filesystem>

namespace aj::host {
namespace {

std::string path_in(const std::string& dir, const std::string& p) {
  std::filesystem::path path(p);
  return p.empty() || path.is_absolute() ? p : (std::filesystem::path(dir) / path).string();
}

std::vector<std::string> strings(const Node& n) {
  std::vector<std::string> out;
  if (n.is_scalar()) out.push_back(n.scalar);
  for (const auto& item : n.items)
    if (item.is_scalar()) out.push_back(item.scalar);
  return out;
}

}  // namespace

SchemaPtr browser_schema(bool global) {
  std::vector<SchemaKey> keys = {
      {"allowed_hosts", schema::string_list(), false,
       "hosts its tabs may load (\"example.com\", \"*.example.com\", \"host:port\"); empty: any http(s) host", "[]"},
      {"profile_dir", schema::string(), false,
       "a persistent browser profile (stay signed in); its own browser process; empty: a fresh context per session",
       ""},
      {"cookie_banners", schema::string_list(), false, "selectors clicked after each navigation when visible", ""},
      {"timeout_s", schema::integer(1, 3600), false, "default time limit of one page operation", "30"},
  };
  if (global) {
    keys.push_back({"executable", schema::string(), false,
                    "the Chromium binary (default: $AJ_CHROMIUM, /usr/lib/chromium/chromium, chromium on PATH)", ""});
    keys.push_back({"max_tabs", schema::integer(1, 256), false, "open pages at once, popups included", "5"});
    keys.push_back({"launch_timeout_s", schema::integer(1, 600), false, "how long the browser may take to start", "30"});
    keys.push_back({"open_timeout_s", schema::integer(1, 86400), false, "how long open() waits for a free tab", "300"});
    keys.push_back({"headless", schema::boolean(), false, "false shows the window (needs a display)", "true"});
    keys.push_back({"args", schema::string_list(), false, "extra Chromium command-line flags", "[]"});
    keys.push_back({"downloads_dir", schema::string(), false,
                    "downloads land in a folder per run inside (default $TMPDIR/autojobagent-downloads)", ""});
  }
  return schema::object(std::move(keys));
}

browser::Policy browser_policy_from(const Node& block, browser::Policy p, const std::string& dir) {
  if (!block.is_map()) return p;
  if (const Node* n = block.find("allowed_hosts")) p.allowed_hosts = strings(*n);
  if (const Node* n = block.find("profile_dir"); n && n->is_scalar()) p.profile_dir = path_in(dir, n->scalar);
  if (const Node* n = block.find("cookie_banners")) p.cookie_banners = strings(*n);
  if (const Node* n = block.find("timeout_s"))
    if (auto v = as_int(*n)) p.timeout_ms = *v * 1000;
  return p;
}

void browser_settings_from(const Node& block, const std::string& dir, browser::Settings& out) {
  out.defaults = browser_policy_from(block, out.defaults, dir);
  if (!block.is_map()) return;
  auto i64 = [&](const char* k, int64_t& v, int64_t scale) {
    if (const Node* n = block.find(k))
      if (auto x = as_int(*n)) v = *x * scale;
  };
  if (const Node* n = block.find("executable"); n && n->is_scalar())
    out.executable = n->scalar.find('/') == std::string::npos ? n->scalar : path_in(dir, n->scalar);
  if (const Node* n = block.find("max_tabs"))
    if (auto v = as_int(*n)) out.max_tabs = static_cast<int>(*v);
  i64("launch_timeout_s", out.launch_timeout_ms, 1000);
  i64("open_timeout_s", out.open_timeout_ms, 1000);
  if (const Node* n = block.find("headless")) out.headless = as_bool(*n).value_or(out.headless);
  if (const Node* n = block.find("args")) out.args = strings(*n);
  if (const Node* n = block.find("downloads_dir"); n && n->is_scalar()) out.downloads_dir = path_in(dir, n->scalar);
}

}  // namespace aj::host
