#include "pipeline/pipeline_spec.hpp"

#include "browser/browser_config.hpp"
#include "http/policy_config.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace aj::host {

namespace {

SchemaPtr component_schema(bool acts_on_decisions, bool submitter, bool scorer = false) {
  std::vector<SchemaKey> keys = {
      {"use", schema::string(), false, "the plugin to run (default: the component's id)", ""},
      {"enabled", schema::boolean(), false, "false switches the component off", "true"},
      {"workers", schema::integer(1, 256), false, "parallel workers (one plugin instance each)", "1"},
      {"inputs", schema::string_list(), false, "upstream component ids whose jobs this one handles", ""},
      {"description", schema::string(), false, "free text", ""},
      {"settings", schema::map(), false, "the plugin's own settings (`ajhost plugins info NAME`)", ""},
      {"http", http_schema(false), false, "this component's HTTP rules over host.yaml's (docs/http.md)", ""},
      {"browser", browser_schema(false), false, "this component's browser rules over host.yaml's (docs/browser.md)",
       ""},
  };
  if (acts_on_decisions)
    keys.push_back({"decisions", schema::string_list(), false, "decisions to act on", "[apply]"});
  if (scorer)
    keys.push_back({"stage", schema::integer(1, 2), false,
                    "1: rules, always run; 2: text match, run as settings.processing_method says", "1"});
  if (submitter)
    keys.push_back({"mode", schema::string({"manual", "hybrid", "auto"}), false, "how far automation goes", "manual"});
  return schema::object(std::move(keys));
}

}  // namespace

SchemaPtr pipeline_schema() {
  static SchemaPtr s = [] {
    auto fallback = schema::object({
        {"mode", schema::string({"off", "fallback", "hybrid"}), false,
         "fallback: run the fallback sources when the others find too little; hybrid: run all", "off"},
        {"min_results", schema::integer(0), false, "fewer postings found than this runs the fallback sources", "0"},
        {"sources", schema::string_list(), false, "ids of the sources that run only as fallback", ""},
    });
    auto settings = schema::object({
        {"max_jobs", schema::integer(0), false, "stop after this many postings (0: no limit)", "0"},
        {"db", schema::string(), false, "the job database (default: $XDG_DATA_HOME/autojobagent/jobs.db)", ""},
        {"output_dir", schema::string(), false, "where documents go", ""},
        {"queue_capacity", schema::integer(1, 1000000), false, "jobs buffered between two stages", "256"},
        {"batch_size", schema::integer(1, 10000), false, "jobs handed to a plugin per call", "32"},
        {"processing_method", schema::string({"auto", "gpu", "hybrid", "rule_based"}), false,
         "rule_based: stage-1 scorers only; hybrid: stage 2 too; auto: stage 2 when it can start; gpu: as hybrid",
         "auto"},
        {"profile", schema::string(), false,
         "the person's profile (--profile and $AJ_PROFILE win; default ~/.config/autojobagent/profile.yaml)", ""},
        {"fallback", fallback, false, "automatic fallback between sources", ""},
    });
    auto search = schema::object({
        {"terms", schema::string_list(), false, "search terms; each is searched at each location", ""},
        {"locations", schema::string_list(), false, "places to search", ""},
        {"distance_km", schema::integer(0), false, "radius around each location", ""},
        {"job_type", schema::string({"fulltime", "parttime", "contract", "internship", "temporary"}), false, "", ""},
        {"remote_only", schema::boolean(), false, "", "false"},
        {"hours_old", schema::integer(0), false, "posted within this many hours", ""},
        {"results_wanted", schema::integer(1), false, "per source and query", ""},
        {"offset", schema::integer(0), false, "", "0"},
        {"country", schema::string(), false, "ISO country, e.g. ca", ""},
    });
    return schema::object({
        {"version", schema::integer(1, 1), false, "pipeline format version", "1"},
        {"name", schema::string(), false, "", ""},
        {"description", schema::string(), false, "", ""},
        {"extends", schema::string_list(), false, "files this one builds on", ""},
        {"settings", settings, false, "", ""},
        {"search", search, false, "", ""},
        {"sources", schema::map_of(component_schema(false, false)), false, "", ""},
        {"enrichers", schema::map_of(component_schema(false, false)), false, "", ""},
        {"scorers", schema::map_of(component_schema(false, false, true)), false, "", ""},
        {"documents", schema::map_of(component_schema(true, false)), false, "", ""},
        {"submitters", schema::map_of(component_schema(true, true)), false, "", ""},
    });
  }();
  return s;
}

namespace {

std::vector<std::string> string_list(const Node* n) {
  std::vector<std::string> out;
  if (!n) return out;
  if (n->is_scalar()) out.push_back(n->scalar);
  for (const auto& item : n->items)
    if (item.is_scalar()) out.push_back(item.scalar);
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void resolve_component(ComponentSpec& c, const MapEntry& entry, const PluginRegistry& plugins, Diagnostics& diags) {
  const Node& n = entry.value;
  const MapEntry* use = n.entry("use");
  Mark where = use ? use->value.mark : entry.key_mark;
  const Plugin* p = plugins.find(c.plugin);
  if (!p) {
    std::string hint = did_you_mean(c.plugin, plugins.names());
    std::string msg;
    if (!hint.empty()) {
      msg = c.phase + "." + c.id + ": unknown plugin '" + c.plugin + "' (did you mean '" + hint + "'?)";
    } else {
      std::string dirs;
      for (const auto& d : plugins.searched()) dirs += (dirs.empty() ? "" : ", ") + d.string();
      msg = c.phase + "." + c.id + ": plugin '" + c.plugin + "' is not installed (installed: " +
            (plugins.names().empty() ? std::string("none") : join(plugins.names())) + "; searched " + dirs +
            "; add a folder with AJ_PLUGIN_PATH)";
    }
    if (c.enabled) diags.error(where, msg);
    else diags.warn(where, msg + "; the component is disabled, so the run goes on without it");
    c.enabled = false;
    return;
  }
  aj_kind want = kind_of_phase(c.phase);
  if (p->kind != want) {
    diags.error(where, c.phase + "." + c.id + ": plugin '" + c.plugin + "' is a " + kind_name(p->kind) +
                           ", but `" + c.phase + "` takes " + kind_name(want) + " plugins");
    return;
  }
  c.resolved = p;
  const Node* settings = n.find("settings");
  Node empty = Node::map_of();
  empty.mark = entry.key_mark;
  check(settings ? *settings : empty, *p->settings_schema(), c.phase + "." + c.id + ".settings", diags);
}

// Settings the plugin declares as paths are relative to the file that sets them
// (a pipeline in pipelines/ names ../config/skills.yaml), and "~/" is the home folder.
void resolve_paths(ComponentSpec& c) {
  if (!c.resolved || !c.settings.is_map()) return;
  for (const auto& key : c.resolved->config) {
    if (key.type != AJ_CFG_PATH) continue;
    Node* n = c.settings.find(key.key);
    if (!n || !n->is_scalar() || n->scalar.empty()) continue;
    std::filesystem::path p(n->scalar);
    if (n->scalar.starts_with("~/")) {
      const char* home = std::getenv("HOME");
      if (home) n->scalar = (std::filesystem::path(home) / n->scalar.substr(2)).string();
    } else if (p.is_relative() && n->mark.file) {
      n->scalar = (std::filesystem::path(*n->mark.file).parent_path() / p).lexically_normal().string();
    }
  }
}

}  // namespace

namespace {
std::optional<PipelineSpec> load_pipeline_here(const std::filesystem::path& file, const PluginRegistry& plugins,
                                               const SourceToggles& toggles, Diagnostics& diags, const EnvLookup& env,
                                               bool scorers_only);
}  // namespace

std::optional<PipelineSpec> load_pipeline(const std::filesystem::path& file, const PluginRegistry& plugins,
                                          const SourceToggles& toggles, Diagnostics& diags, const EnvLookup& env,
                                          bool scorers_only) {
  Diagnostics local;
  auto spec = load_pipeline_here(file, plugins, toggles, local, env, scorers_only);
  // A problem in a file this one extends: say which pipeline brought it in.
  for (auto d : local.items()) {
    if (d.mark.file && *d.mark.file != file.string()) d.message += " (in a file extended by " + file.string() + ")";
    (d.warning ? diags.warn(d.mark, d.message) : diags.error(d.mark, d.message));
  }
  return spec;
}

namespace {
std::optional<PipelineSpec> load_pipeline_here(const std::filesystem::path& file, const PluginRegistry& plugins,
                                               const SourceToggles& toggles, Diagnostics& diags, const EnvLookup& env,
                                               bool scorers_only) {
  std::size_t errors_before = diags.error_count();
  auto root = load_config(file, diags, env, [&](Node& n) {
    if (!scorers_only) return;
    for (const char* phase : {"sources", "enrichers", "documents", "submitters", "search"}) n.erase(phase);
    if (Node* s = n.find("settings")) s->erase("fallback");
  });
  if (!root) return std::nullopt;
  check(*root, *pipeline_schema(), "", diags);

  PipelineSpec spec;
  spec.file = file.string();
  spec.name = file.stem().string();
  if (const Node* n = root->find("name"); n && n->is_scalar()) spec.name = n->scalar;
  if (const Node* n = root->find("description"); n && n->is_scalar()) spec.description = n->scalar;
  if (const Node* s = root->find("settings"); s && s->is_map()) {
    if (const Node* n = s->find("max_jobs")) spec.max_jobs = as_int(*n).value_or(0);
    // Paths in a pipeline are relative to the file that names them.
    auto beside = [](const Node& n) {
      std::filesystem::path p(n.scalar);
      if (p.is_absolute() || !n.mark.file) return p.string();
      return (std::filesystem::path(*n.mark.file).parent_path() / p).lexically_normal().string();
    };
    if (const Node* n = s->find("db"); n && n->is_scalar()) spec.db = beside(*n);
    if (const Node* n = s->find("output_dir"); n && n->is_scalar()) spec.output_dir = beside(*n);
    if (const Node* n = s->find("profile"); n && n->is_scalar() && !n->scalar.empty())
      spec.profile = n->scalar.starts_with("~/") && std::getenv("HOME")
                         ? (std::filesystem::path(std::getenv("HOME")) / n->scalar.substr(2)).string()
                         : beside(*n);
    if (const Node* n = s->find("queue_capacity")) spec.queue_capacity = as_int(*n).value_or(256);
    if (const Node* n = s->find("batch_size")) spec.batch_size = as_int(*n).value_or(32);
    if (const Node* n = s->find("processing_method"); n && n->is_scalar()) spec.processing_method = n->scalar;
    if (const Node* f = s->find("fallback"); f && f->is_map()) {
      if (const Node* n = f->find("mode"); n && n->is_scalar()) spec.fallback.mode = n->scalar;
      if (const Node* n = f->find("min_results")) spec.fallback.min_results = as_int(*n).value_or(0);
      spec.fallback.sources = string_list(f->find("sources"));
    }
  }
  if (const Node* s = root->find("search"); s && s->is_map()) spec.search = *s;
  else spec.search = Node::map_of();

  std::set<std::string> earlier;  // component ids of earlier phases, for `inputs`
  for (const char* phase : {"sources", "enrichers", "scorers", "documents", "submitters"}) {
    const Node* comps = root->find(phase);
    std::vector<ComponentSpec>& out = phase == std::string("sources")     ? spec.sources
                                      : phase == std::string("enrichers") ? spec.enrichers
                                      : phase == std::string("scorers")   ? spec.scorers
                                      : phase == std::string("documents") ? spec.documents
                                                                          : spec.submitters;
    if (!comps || !comps->is_map()) continue;
    for (const auto& entry : comps->entries) {
      if (!entry.value.is_map() && !entry.value.is_null()) continue;  // reported by the schema check
      const Node& n = entry.value;
      ComponentSpec c;
      c.id = entry.key;
      c.phase = phase;
      c.mark = entry.key_mark;
      c.plugin = entry.key;
      if (const Node* u = n.find("use"); u && u->is_scalar()) c.plugin = u->scalar;
      if (const Node* e = n.find("enabled")) {
        if (auto b = as_bool(*e); b && !*b) {
          c.enabled = false;
          c.disabled_by = spec.file;
        }
      }
      if (c.phase == "sources") {
        for (const std::string& k : {c.id, c.plugin}) {
          auto it = toggles.enabled.find(k);
          if (it != toggles.enabled.end() && !it->second) {
            c.enabled = false;
            c.disabled_by = toggles.file;
          }
        }
      }
      if (const Node* w = n.find("workers")) c.workers = static_cast<int>(as_int(*w).value_or(1));
      c.inputs = string_list(n.find("inputs"));
      if (const MapEntry* in = n.entry("inputs"); in && !scorers_only)
        for (const auto& i : c.inputs)
          if (!earlier.count(i))
            diags.error(in->value.mark, std::string(phase) + "." + c.id + ".inputs: '" + i +
                                            "' is not a component of an earlier phase");
      c.decisions = n.find("decisions") ? string_list(n.find("decisions")) : std::vector<std::string>{"apply"};
      if (const Node* m = n.find("mode"); m && m->is_scalar()) c.mode = m->scalar;
      if (const Node* st = n.find("stage")) c.stage = static_cast<int>(as_int(*st).value_or(1));
      if (c.stage == 2 && c.enabled && spec.processing_method == "rule_based") {
        c.enabled = false;
        c.disabled_by = "settings.processing_method: rule_based";
      }
      if (const Node* s = n.find("settings"); s && s->is_map()) c.settings = *s;
      else c.settings = Node::map_of();
      if (const Node* h = n.find("http"); h && h->is_map()) c.http = *h;
      if (const Node* b = n.find("browser"); b && b->is_map()) c.browser = *b;
      resolve_component(c, entry, plugins, diags);
      resolve_paths(c);
      out.push_back(std::move(c));
    }
    for (const auto& c : out) earlier.insert(c.id);
  }

  // Stage 2 adds to what stage 1 wrote, whatever order the files list them in.
  std::stable_sort(spec.scorers.begin(), spec.scorers.end(),
                   [](const ComponentSpec& a, const ComponentSpec& b) { return a.stage < b.stage; });
  if (spec.processing_method == "gpu")
    if (const Node* n = root->path("settings.processing_method"))
      diags.warn(n->mark, "processing_method: no GPU scorer is installed; stage 2 runs on the CPU, as in hybrid");
  if (const Node* s = root->path("settings.fallback.sources")) {
    for (const auto& id : spec.fallback.sources) {
      bool known = std::any_of(spec.sources.begin(), spec.sources.end(), [&](const ComponentSpec& c) { return c.id == id; });
      if (!known) diags.error(s->mark, "settings.fallback.sources: '" + id + "' is not a source of this pipeline");
    }
  }
  if (diags.error_count() != errors_before) return std::nullopt;
  return spec;
}
}  // namespace

}  // namespace aj::host
