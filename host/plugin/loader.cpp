#include "plugin/loader.hpp"

#include "plugin/handles.hpp"

#define BOOST_DLL_USE_STD_FS
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <deque>
#include <cstdlib>
#include <cstddef>
#include <set>

namespace aj::host {
namespace fs = std::filesystem;

namespace {

// Plugins stay resident for the life of the process (GStreamer's rule): a
// string, vtable or thread that came from a library must never outlive it.
std::vector<boost::dll::shared_library>& resident_libraries() {
  static auto* libs = new std::vector<boost::dll::shared_library>();
  return *libs;
}

// Handles given to init, one per plugin; a deque never moves its elements.
std::deque<aj_host>& init_hosts() {
  static auto* hosts = new std::deque<aj_host>();
  return *hosts;
}

std::string abi_text(unsigned major, unsigned minor) { return std::to_string(major) + "." + std::to_string(minor); }

bool valid_name(const char* name) {
  if (!name || !*name) return false;
  for (const char* p = name; *p; ++p)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) return false;
  return true;
}

// The sizes of ABI 1.0's structs, frozen: a later minor appends fields, and a
// plugin built against 1.0 (smaller structs) must still load. Never replace
// these with sizeof(); read fields added later only under AJ_HAS_FIELD.
#define AJ_END_OF(type, field) (offsetof(type, field) + sizeof(((const type*)nullptr)->field))
constexpr std::size_t kDescriptorSize_1_0 = AJ_END_OF(aj_plugin_descriptor, kind_table);
constexpr std::size_t kConfigKeySize_1_0 = AJ_END_OF(aj_config_key, choices);

std::size_t min_kind_table_size(aj_kind kind) {
  switch (kind) {
    case AJ_KIND_SOURCE: return AJ_END_OF(aj_source_v1, run);
    case AJ_KIND_ENRICHER: return AJ_END_OF(aj_enricher_v1, process);
    case AJ_KIND_SCORER: return AJ_END_OF(aj_scorer_v1, process);
    case AJ_KIND_DOCUMENT: return AJ_END_OF(aj_document_v1, generate);
    case AJ_KIND_SUBMITTER: return AJ_END_OF(aj_submitter_v1, submit);
  }
  return 0;
}

std::vector<std::string> split_choices(const char* choices) {
  std::vector<std::string> out;
  if (!choices) return out;
  std::string s(choices);
  std::size_t start = 0;
  while (start <= s.size()) {
    auto bar = s.find('|', start);
    std::string item = s.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    if (!item.empty()) out.push_back(item);
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

// Reads a descriptor the plugin handed us, trusting nothing it does not have to.
std::optional<Plugin> read_descriptor(const aj_plugin_descriptor* d, const fs::path& path, std::string& why) {
  if (!d) {
    why = "aj_plugin_entry_v1 returned NULL";
    return std::nullopt;
  }
  if (d->struct_size < offsetof(aj_plugin_descriptor, abi_minor) + sizeof(d->abi_minor)) {
    why = "its descriptor is too small to be an AutoJobAgent plugin (struct_size " + std::to_string(d->struct_size) + ")";
    return std::nullopt;
  }
  if (d->abi_major != AJ_ABI_VERSION_MAJOR) {
    why = "it was built for plugin ABI " + abi_text(d->abi_major, d->abi_minor) + " but this ajhost speaks ABI " +
          abi_text(AJ_ABI_VERSION_MAJOR, AJ_ABI_VERSION_MINOR) +
          (d->abi_major > AJ_ABI_VERSION_MAJOR ? "; upgrade ajhost or use a build of the plugin for ABI 1.x"
                                               : "; rebuild the plugin against the current SDK");
    return std::nullopt;
  }
  if (d->abi_minor > AJ_ABI_VERSION_MINOR) {
    why = "it needs plugin ABI " + abi_text(d->abi_major, d->abi_minor) + " but this ajhost has only " +
          abi_text(AJ_ABI_VERSION_MAJOR, AJ_ABI_VERSION_MINOR) + "; upgrade ajhost";
    return std::nullopt;
  }
  if (d->struct_size < kDescriptorSize_1_0) {
    why = "its descriptor is smaller than ABI 1.0 requires (struct_size " + std::to_string(d->struct_size) + ")";
    return std::nullopt;
  }
  if (!valid_name(d->name)) {
    why = d->name ? "its name '" + std::string(d->name) + "' is not made of [a-z0-9_]" : "it has no name";
    return std::nullopt;
  }
  std::size_t min_table = min_kind_table_size(d->kind);
  if (min_table == 0) {
    why = "it declares an unknown kind (" + std::to_string(d->kind) + ")";
    return std::nullopt;
  }
  if (!d->create || !d->destroy || !d->kind_table) {
    why = "its descriptor lacks create, destroy or the " + kind_name(d->kind) + " function table";
    return std::nullopt;
  }
  if (*static_cast<const uint32_t*>(d->kind_table) < min_table) {
    why = "its " + kind_name(d->kind) + " function table is smaller than ABI 1.0 requires";
    return std::nullopt;
  }
  Plugin p;
  p.name = d->name;
  p.version = d->version ? d->version : "";
  p.summary = d->summary ? d->summary : "";
  p.kind = d->kind;
  p.abi_major = d->abi_major;
  p.abi_minor = d->abi_minor;
  p.path = path;
  p.descriptor = d;
  if (d->config_key_count > 0) {
    if (!d->config_keys) {
      why = "it declares " + std::to_string(d->config_key_count) + " config keys but config_keys is NULL";
      return std::nullopt;
    }
    if (d->config_keys->struct_size < kConfigKeySize_1_0) {
      why = "its config keys are smaller than ABI 1.0's aj_config_key (struct_size " +
            std::to_string(d->config_keys->struct_size) + ")";
      return std::nullopt;
    }
    const auto* base = reinterpret_cast<const unsigned char*>(d->config_keys);
    const std::size_t stride = d->config_keys->struct_size;  // a newer SDK may have grown the struct
    for (uint32_t i = 0; i < d->config_key_count; ++i) {
      const auto* k = reinterpret_cast<const aj_config_key*>(base + i * stride);
      if (!k->key || !*k->key) {
        why = "config key #" + std::to_string(i) + " has no name";
        return std::nullopt;
      }
      if (k->default_value) {
        Diagnostics diags;
        if (!parse_yaml(k->default_value, "default", diags)) {
          why = "the default of config key '" + std::string(k->key) + "' is not valid YAML: " +
                (diags.items().empty() ? std::string("?") : diags.items()[0].message);
          return std::nullopt;
        }
      }
      ConfigKeyInfo info;
      info.key = k->key;
      info.type = k->type;
      if (k->default_value) info.default_value = k->default_value;
      info.required = k->required != 0;
      info.doc = k->doc ? k->doc : "";
      info.choices = split_choices(k->choices);
      p.config.push_back(std::move(info));
    }
  }
  return p;
}

}  // namespace

SchemaPtr Plugin::settings_schema() const {
  std::vector<SchemaKey> keys;
  for (const auto& k : config) {
    SchemaPtr s;
    switch (k.type) {
      case AJ_CFG_INT: s = schema::integer(); break;
      case AJ_CFG_FLOAT: s = schema::number(); break;
      case AJ_CFG_BOOL: s = schema::boolean(); break;
      case AJ_CFG_STRING_LIST: s = schema::string_list(); break;
      case AJ_CFG_MAP: s = schema::map(); break;
      case AJ_CFG_STRING: s = schema::string(k.choices); break;
      case AJ_CFG_PATH: s = schema::string(); break;
      default: s = schema::any();
    }
    keys.push_back({k.key, s, k.required, k.doc, k.default_value.value_or("")});
  }
  return schema::object(std::move(keys));
}

std::vector<fs::path> plugin_search_path(const std::vector<std::string>& config_dirs) {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("AJ_PLUGIN_PATH")) {
    std::string s(env);
    std::size_t start = 0;
    while (start <= s.size()) {
      auto colon = s.find(':', start);
      std::string item = s.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (!item.empty()) dirs.emplace_back(item);
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
  for (const auto& d : config_dirs) dirs.emplace_back(d);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back(exe.parent_path().parent_path() / "lib" / "autojobagent" / "plugins");
  return dirs;
}

void PluginRegistry::load_dirs(const std::vector<fs::path>& dirs) {
  std::set<fs::path> seen_dirs;
  for (const auto& dir : dirs) {
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(dir, ec);
    if (!seen_dirs.insert(ec ? dir : canon).second) continue;
    searched_.push_back(dir);
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".so") files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // the same order on every machine
    for (const auto& f : files) load_file(f);
  }
}

void PluginRegistry::load_file(const fs::path& file) {
  boost::dll::shared_library lib;
  try {
    lib.load(file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    problems_.push_back({file, std::string("not a loadable library: ") + e.what()});
    return;
  }
  if (!lib.has(AJ_PLUGIN_ENTRY_SYMBOL)) {
    problems_.push_back({file, "not an AutoJobAgent plugin: it does not export " AJ_PLUGIN_ENTRY_SYMBOL});
    return;
  }
  const aj_plugin_descriptor* d = nullptr;
  try {
    auto entry = lib.get<const aj_plugin_descriptor*()>(AJ_PLUGIN_ENTRY_SYMBOL);
    d = entry();
  } catch (...) {
    problems_.push_back({file, AJ_PLUGIN_ENTRY_SYMBOL " threw an exception; no exception may cross the plugin ABI"});
    return;
  }
  std::string why;
  auto plugin = read_descriptor(d, file, why);
  if (!plugin) {
    problems_.push_back({file, why});
    return;
  }
  if (const Plugin* other = find(plugin->name)) {
    problems_.push_back({file, "plugin '" + plugin->name + "' is already provided by " + other->path.string() +
                                   "; this copy is ignored"});
    return;
  }
  if (d->init) {
    aj_context ctx;
    // The plugin may keep this handle for logging: it lives as long as the library.
    aj_host& host = init_hosts().emplace_back(aj_host{plugin->name, {}});
    aj_status s = AJ_ERROR;
    try {
      s = d->init(host_api(), &host, &ctx);
    } catch (...) {
      problems_.push_back({file, "plugin '" + plugin->name +
                                     "' threw an exception from init; no exception may cross the plugin ABI"});
      resident_libraries().push_back(std::move(lib));
      return;
    }
    if (s != AJ_OK) {
      problems_.push_back({file, "plugin '" + plugin->name + "' failed to initialise: " +
                                     (ctx.error.empty() ? "status " + std::to_string(s) : ctx.error)});
      resident_libraries().push_back(std::move(lib));  // init may have left threads behind
      return;
    }
  }
  resident_libraries().push_back(std::move(lib));
  plugins_.push_back(std::move(*plugin));
}

const Plugin* PluginRegistry::find(std::string_view name) const {
  for (const auto& p : plugins_)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<std::string> PluginRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& p : plugins_) out.push_back(p.name);
  return out;
}

std::string kind_name(aj_kind kind) {
  switch (kind) {
    case AJ_KIND_SOURCE: return "source";
    case AJ_KIND_ENRICHER: return "enricher";
    case AJ_KIND_SCORER: return "scorer";
    case AJ_KIND_DOCUMENT: return "document";
    case AJ_KIND_SUBMITTER: return "submitter";
  }
  return "unknown";
}

aj_kind kind_of_phase(std::string_view phase) {
  if (phase == "sources") return AJ_KIND_SOURCE;
  if (phase == "enrichers") return AJ_KIND_ENRICHER;
  if (phase == "scorers") return AJ_KIND_SCORER;
  if (phase == "documents") return AJ_KIND_DOCUMENT;
  if (phase == "submitters") return AJ_KIND_SUBMITTER;
  return 0;
}

}  // namespace aj::host
