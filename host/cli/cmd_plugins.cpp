#include "cli/commands.hpp"
#include "cli/table.hpp"
#include "record/json_text.hpp"

#include <cstdio>
#include <iostream>

namespace aj::host {
namespace {

std::string abi(const Plugin& p) { return std::to_string(p.abi_major) + "." + std::to_string(p.abi_minor); }

std::string config_type_name(aj_config_type t) {
  switch (t) {
    case AJ_CFG_STRING: return "string";
    case AJ_CFG_INT: return "int";
    case AJ_CFG_FLOAT: return "float";
    case AJ_CFG_BOOL: return "bool";
    case AJ_CFG_STRING_LIST: return "list";
    case AJ_CFG_MAP: return "map";
    case AJ_CFG_ANY: return "any";
    case AJ_CFG_PATH: return "path";
  }
  return "?";
}

std::string plugin_json(const Plugin& p, bool with_config) {
  std::string o = "{\"name\":" + json_string(p.name) + ",\"kind\":" + json_string(kind_name(p.kind)) +
                  ",\"version\":" + json_string(p.version) + ",\"abi_version\":" + json_string(abi(p)) +
                  ",\"summary\":" + json_string(p.summary) + ",\"path\":" + json_string(p.path.string());
  if (with_config) {
    o += ",\"config\":[";
    for (std::size_t i = 0; i < p.config.size(); ++i) {
      const auto& k = p.config[i];
      o += (i ? "," : "") + std::string("{\"key\":") + json_string(k.key) + ",\"type\":" +
           json_string(config_type_name(k.type)) + ",\"default\":" +
           (k.default_value ? json_string(*k.default_value) : std::string("null")) +
           ",\"required\":" + (k.required ? "true" : "false") + ",\"doc\":" + json_string(k.doc) + ",\"choices\":" +
           json_array(k.choices) + "}";
    }
    o += "]";
  }
  return o + "}";
}

void report_problems(const PluginRegistry& reg) {
  for (const auto& p : reg.problems())
    std::fprintf(stderr, "warning: %s: %s\n", p.path.string().c_str(), p.reason.c_str());
}

}  // namespace

int cmd_plugins_list(HostContext& hc, const std::string& format) {
  const PluginRegistry& reg = hc.plugins();
  if (format == "json") {
    std::string o = "{\"host_abi_version\":" + json_string(std::to_string(AJ_ABI_VERSION_MAJOR) + "." +
                                                            std::to_string(AJ_ABI_VERSION_MINOR)) +
                    ",\"plugins\":[";
    for (std::size_t i = 0; i < reg.plugins().size(); ++i) o += (i ? "," : "") + plugin_json(reg.plugins()[i], false);
    o += "],\"problems\":[";
    for (std::size_t i = 0; i < reg.problems().size(); ++i)
      o += (i ? "," : "") + std::string("{\"path\":") + json_string(reg.problems()[i].path.string()) +
           ",\"reason\":" + json_string(reg.problems()[i].reason) + "}";
    std::cout << o << "]}\n";
  } else {
    Table t;
    t.header = {"NAME", "KIND", "VERSION", "ABI", "PATH"};
    for (const auto& p : reg.plugins()) t.rows.push_back({p.name, kind_name(p.kind), p.version, abi(p), p.path.string()});
    std::cout << t.render();
    if (reg.plugins().empty()) {
      std::string dirs;
      for (const auto& d : reg.searched()) dirs += (dirs.empty() ? "" : ", ") + d.string();
      std::cout << "(no plugins found; searched " << dirs << ")\n";
    }
  }
  report_problems(reg);
  return kExitOk;
}

int cmd_plugins_info(HostContext& hc, const std::string& name, const std::string& format) {
  const PluginRegistry& reg = hc.plugins();
  const Plugin* p = reg.find(name);
  if (!p) {
    std::string hint = did_you_mean(name, reg.names());
    std::fprintf(stderr, "error: no plugin named '%s'%s; `ajhost plugins list` shows what is installed\n", name.c_str(),
                 hint.empty() ? "" : (" (did you mean '" + hint + "'?)").c_str());
    report_problems(reg);
    return kExitInvalid;
  }
  if (format == "json") {
    std::cout << plugin_json(*p, true) << "\n";
    return kExitOk;
  }
  std::cout << p->name << " " << p->version << " (" << kind_name(p->kind) << ", plugin ABI " << abi(*p) << ")\n"
            << p->summary << "\n"
            << "path: " << p->path.string() << "\n\n";
  if (p->config.empty()) {
    std::cout << "This plugin takes no settings.\n";
    return kExitOk;
  }
  Table t;
  t.header = {"SETTING", "TYPE", "DEFAULT", "REQUIRED", "DESCRIPTION"};
  for (const auto& k : p->config) {
    std::string type = config_type_name(k.type);
    if (!k.choices.empty()) {
      type = "";
      for (const auto& c : k.choices) type += (type.empty() ? "" : "|") + c;
    }
    t.rows.push_back({k.key, type, k.default_value.value_or(""), k.required ? "yes" : "", k.doc});
  }
  std::cout << t.render();
  return kExitOk;
}

}  // namespace aj::host
