#include "config/node.hpp"

#include "record/json_text.hpp"

#include <autojobagent/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <set>

namespace aj::host {
namespace fs = std::filesystem;

const MapEntry* Node::entry(std::string_view key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}
const Node* Node::find(std::string_view key) const {
  const MapEntry* e = entry(key);
  return e ? &e->value : nullptr;
}
Node* Node::find(std::string_view key) { return const_cast<Node*>(std::as_const(*this).find(key)); }

const Node* Node::path(std::string_view dotted) const {
  const Node* cur = this;
  while (cur) {
    auto dot = dotted.find('.');
    std::string_view head = dotted.substr(0, dot);
    if (!cur->is_map()) return nullptr;
    cur = cur->find(head);
    if (dot == std::string_view::npos) return cur;
    dotted.remove_prefix(dot + 1);
  }
  return nullptr;
}

void Node::set(std::string key, Node value) {
  kind = Kind::Map;
  for (auto& e : entries) {
    if (e.key == key) {
      e.value = std::move(value);
      return;
    }
  }
  Mark m = value.mark;
  entries.push_back({std::move(key), m, std::move(value)});
}

void Node::erase(std::string_view key) {
  std::erase_if(entries, [&](const MapEntry& e) { return e.key == key; });
}

Node Node::scalar_of(std::string text, bool quoted) {
  Node n;
  n.kind = Kind::Scalar;
  n.scalar = std::move(text);
  n.quoted = quoted;
  return n;
}
Node Node::map_of() {
  Node n;
  n.kind = Kind::Map;
  return n;
}
Node Node::seq_of(const std::vector<std::string>& items) {
  Node n;
  n.kind = Kind::Seq;
  for (const auto& s : items) n.items.push_back(scalar_of(s));
  return n;
}

namespace {

Mark mark_of(const YAML::Node& y, const std::shared_ptr<const std::string>& file, const Mark& fallback) {
  YAML::Mark m = y.Mark();
  if (m.line < 0) return fallback;
  return Mark{file, m.line + 1, m.column + 1};
}

// yaml-cpp passes on bytes that are not UTF-8 (a file saved as Latin-1), and the
// JSON made of such text for plugins (their settings, the profile) does not parse.
bool is_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = aj::detail::utf8_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}
constexpr const char* kNotUtf8 =
    "this text is not UTF-8; save the file as UTF-8 (the editor may have written Latin-1 or Windows-1252)";

// Aliases let a few lines stand for billions of values (`b: [*a, *a, ...]`, nested
// eight deep), which yaml-cpp shares and a copy would not: stop copying at a
// number no config file comes near.
constexpr std::size_t kMaxValues = 100000;

// `left`: how many more values may be copied (the budget of kMaxValues).
Node convert(const YAML::Node& y, const std::shared_ptr<const std::string>& file, const Mark& fallback,
             Diagnostics& diags, std::size_t& left) {
  Node n;
  n.mark = mark_of(y, file, fallback);
  if (left == 0) return n;  // reported where the budget ran out
  if (--left == 0) {
    diags.error(n.mark, "the aliases here expand to more than " + std::to_string(kMaxValues) +
                            " values (an alias of a list of aliases of ...?); a config file needs far fewer");
    return n;
  }
  switch (y.Type()) {
    case YAML::NodeType::Scalar:
      n.kind = Node::Kind::Scalar;
      n.scalar = y.Scalar();
      if (!is_utf8(n.scalar)) diags.error(n.mark, kNotUtf8);
      n.quoted = y.Tag() == "!";
      // yaml-cpp reads `key: null` / `key: ~` as a scalar; they mean nothing.
      if (!n.quoted && (n.scalar == "~" || n.scalar == "null" || n.scalar == "Null" || n.scalar == "NULL"))
        n.kind = Node::Kind::Null;
      break;
    case YAML::NodeType::Sequence:
      n.kind = Node::Kind::Seq;
      for (const auto& item : y) n.items.push_back(convert(item, file, n.mark, diags, left));
      break;
    case YAML::NodeType::Map: {
      n.kind = Node::Kind::Map;
      std::set<std::string> seen;
      for (const auto& kv : y) {
        Mark km = mark_of(kv.first, file, n.mark);
        if (!kv.first.IsScalar()) {
          diags.error(km, "a key must be a plain name");
          continue;
        }
        std::string key = kv.first.Scalar();
        if (!is_utf8(key)) {
          diags.error(km, kNotUtf8);
          continue;
        }
        if (!seen.insert(key).second) {
          diags.error(km, "duplicate key '" + key + "'");
          continue;
        }
        n.entries.push_back({key, km, convert(kv.second, file, km, diags, left)});
      }
      break;
    }
    default:
      n.kind = Node::Kind::Null;
  }
  return n;
}

// A name such as /dev/zero (in `extends:`, say) would be read until memory ran
// out: read one byte past the most any config file holds, and no more.
constexpr std::size_t kMaxFileBytes = 16u << 20;

std::string read_file(const fs::path& file, bool& ok) {
  std::ifstream in(file, std::ios::binary);
  ok = static_cast<bool>(in);
  std::string text;
  char buf[64 * 1024];
  while (in && text.size() <= kMaxFileBytes) {
    in.read(buf, sizeof buf);
    text.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  return text;
}

std::optional<Node> load_with_extends(const fs::path& file, Diagnostics& diags, std::vector<fs::path>& chain) {
  // Never throws: /dev/fd/63 (`ajhost run <(...)`) has no canonical path.
  std::error_code ec;
  fs::path canon = fs::weakly_canonical(file, ec);
  if (ec) canon = fs::absolute(file, ec).lexically_normal();
  if (std::find(chain.begin(), chain.end(), canon) != chain.end()) {
    diags.error(Mark{std::make_shared<const std::string>(file.string())}, "`extends` loops back to this file");
    return std::nullopt;
  }
  auto doc = parse_yaml_file(file, diags);
  if (!doc) return std::nullopt;
  if (doc->is_null()) *doc = Node::map_of();
  if (!doc->is_map()) {
    diags.error(doc->mark, "expected a mapping of settings at the top of the file");
    return std::nullopt;
  }
  const MapEntry* ext = doc->entry("extends");
  if (!ext) return doc;

  std::vector<const Node*> parents;
  if (ext->value.is_scalar()) parents.push_back(&ext->value);
  else if (ext->value.is_seq())
    for (const auto& item : ext->value.items) parents.push_back(&item);
  else {
    diags.error(ext->key_mark, "`extends` takes a file name or a list of file names");
    return std::nullopt;
  }

  chain.push_back(canon);
  Node merged = Node::map_of();
  merged.mark = doc->mark;
  bool ok = true;
  for (const Node* p : parents) {
    if (!p->is_scalar()) {
      diags.error(p->mark, "`extends` takes file names");
      ok = false;
      continue;
    }
    fs::path parent = file.parent_path() / p->scalar;
    if (!fs::exists(parent)) {
      diags.error(p->mark, "extended file '" + parent.string() + "' does not exist");
      ok = false;
      continue;
    }
    auto base = load_with_extends(parent, diags, chain);
    if (!base) {
      ok = false;
      continue;
    }
    merge_into(merged, *base);
  }
  chain.pop_back();
  if (!ok) return std::nullopt;
  Node own = std::move(*doc);
  own.erase("extends");
  merge_into(merged, own);
  return merged;
}

}  // namespace

std::optional<Node> parse_yaml(const std::string& text, const std::string& file_name, Diagnostics& diags) {
  auto file = std::make_shared<const std::string>(file_name);
  try {
    YAML::Node root = YAML::Load(text);
    std::size_t before = diags.error_count();
    std::size_t left = kMaxValues;
    Node n = convert(root, file, Mark{file, 1, 1}, diags, left);
    if (diags.error_count() != before) return std::nullopt;
    return n;
  } catch (const YAML::Exception& e) {
    diags.error(Mark{file, e.mark.line + 1, e.mark.column + 1}, "YAML syntax: " + e.msg);
    return std::nullopt;
  }
}

std::optional<Node> parse_yaml_file(const fs::path& file, Diagnostics& diags) {
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    diags.error(Mark{std::make_shared<const std::string>(file.string())}, "a folder, not a file; name a YAML file");
    return std::nullopt;
  }
  bool ok = false;
  std::string text = read_file(file, ok);
  if (!ok) {
    diags.error(Mark{std::make_shared<const std::string>(file.string())},
                std::string("cannot read this file: ") + std::strerror(errno));
    return std::nullopt;
  }
  if (text.size() > kMaxFileBytes) {
    diags.error(Mark{std::make_shared<const std::string>(file.string())},
                "larger than 16 MB, which no config file is (a device such as /dev/zero?); check the name");
    return std::nullopt;
  }
  return parse_yaml(text, file.string(), diags);
}

void merge_into(Node& base, const Node& over) {
  if (!(base.is_map() && over.is_map())) {
    base = over;
    return;
  }
  for (const auto& e : over.entries) {
    Node* existing = base.find(e.key);
    if (existing && existing->is_map() && e.value.is_map()) {
      merge_into(*existing, e.value);
    } else if (existing) {
      *existing = e.value;
      for (auto& be : base.entries)
        if (be.key == e.key) be.key_mark = e.key_mark;
    } else {
      base.entries.push_back(e);
    }
  }
}

void substitute_env(Node& node, Diagnostics& diags, const EnvLookup& env) {
  if (node.is_map()) {
    for (auto& e : node.entries) substitute_env(e.value, diags, env);
    return;
  }
  if (node.is_seq()) {
    for (auto& item : node.items) substitute_env(item, diags, env);
    return;
  }
  if (!node.is_scalar() || node.scalar.find('$') == std::string::npos) return;
  const std::string& s = node.scalar;
  std::string out;
  bool substituted = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '$') {
      out += s[i];
      continue;
    }
    if (i + 1 < s.size() && s[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (i + 1 >= s.size() || s[i + 1] != '{') {
      out += '$';
      continue;
    }
    auto close = s.find('}', i + 2);
    if (close == std::string::npos) {
      diags.error(node.mark, "unterminated ${...} in '" + s + "'");
      return;
    }
    std::string expr = s.substr(i + 2, close - i - 2);
    std::string name = expr, op, arg;
    if (auto p = expr.find(":-"); p != std::string::npos) {
      name = expr.substr(0, p), op = ":-", arg = expr.substr(p + 2);
    } else if (auto q = expr.find(":?"); q != std::string::npos) {
      name = expr.substr(0, q), op = ":?", arg = expr.substr(q + 2);
    }
    auto value = env(name);
    if (value && value->empty()) value.reset();  // set-but-empty counts as unset, as in the shell's :- and :?
    if (value) {
      out += *value;
    } else if (op == ":-") {
      out += arg;
    } else if (op == ":?") {
      diags.error(node.mark, "environment variable " + name + " is not set" + (arg.empty() ? "" : ": " + arg));
    } else {
      diags.warn(node.mark, "environment variable " + name + " is not set; using an empty value");
    }
    substituted = true;
    i = close;
  }
  node.scalar = std::move(out);
  if (substituted) node.quoted = false;  // `workers: ${N}` reads as a number
}

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

std::optional<Node> load_config(const fs::path& file, Diagnostics& diags, const EnvLookup& env,
                                const std::function<void(Node&)>& prune) {
  std::vector<fs::path> chain;
  auto node = load_with_extends(file, diags, chain);
  if (node && prune) prune(*node);
  if (node) substitute_env(*node, diags, env);
  return node;
}

std::optional<int64_t> as_int(const Node& n) {
  if (!n.is_scalar() || n.quoted) return std::nullopt;
  int64_t v = 0;
  const char* b = n.scalar.data();
  const char* e = b + n.scalar.size();
  if (b != e && *b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || p != e || b == e) return std::nullopt;
  return v;
}

std::optional<double> as_float(const Node& n) {
  if (!n.is_scalar() || n.quoted || n.scalar.empty()) return std::nullopt;
  double v = 0;
  const char* b = n.scalar.data();
  const char* e = b + n.scalar.size();
  if (*b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || p != e || !std::isfinite(v)) return std::nullopt;  // "nan" and "inf" are words here
  return v;
}

std::optional<bool> as_bool(const Node& n) {
  if (!n.is_scalar() || n.quoted) return std::nullopt;
  std::string s = n.scalar;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  if (s == "true" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "no" || s == "off") return false;
  return std::nullopt;
}

namespace {
void write_json(std::string& out, const Node& n) {
  switch (n.kind) {
    case Node::Kind::Null: out += "null"; return;
    case Node::Kind::Scalar:
      if (auto b = as_bool(n)) out += *b ? "true" : "false";
      else if (auto i = as_int(n)) out += std::to_string(*i);  // every digit, even past 2^53
      else if (auto f = as_float(n)) out += format_number(*f);
      else append_json_string(out, n.scalar);
      return;
    case Node::Kind::Seq:
      out += '[';
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        if (i) out += ',';
        write_json(out, n.items[i]);
      }
      out += ']';
      return;
    case Node::Kind::Map:
      out += '{';
      for (std::size_t i = 0; i < n.entries.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, n.entries[i].key);
        out += ':';
        write_json(out, n.entries[i].value);
      }
      out += '}';
      return;
  }
}
}  // namespace

std::string to_json(const Node& n) {
  std::string out;
  write_json(out, n);
  return out;
}

}  // namespace aj::host
