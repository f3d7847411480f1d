// A parsed YAML document that remembers where each value came from, so that
// errors can name file, line and column even after `extends:` merged files.
#pragma once

#include "config/diagnostics.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aj::host {

struct MapEntry;

struct Node {
  enum class Kind { Null, Scalar, Map, Seq };
  Kind kind = Kind::Null;
  std::string scalar;
  bool quoted = false;  // a quoted scalar is always a string
  std::vector<MapEntry> entries;
  std::vector<Node> items;
  Mark mark;

  bool is_map() const { return kind == Kind::Map; }
  bool is_seq() const { return kind == Kind::Seq; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_null() const { return kind == Kind::Null; }
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
  const MapEntry* entry(std::string_view key) const;
  /// Follows a dotted path ("weights.title") through maps.
  const Node* path(std::string_view dotted) const;
  void set(std::string key, Node value);
  void erase(std::string_view key);

  static Node scalar_of(std::string text, bool quoted = true);
  static Node map_of();
  static Node seq_of(const std::vector<std::string>& items);
};

struct MapEntry {
  std::string key;
  Mark key_mark;
  Node value;
};

/// Parses YAML text; syntax errors and duplicate keys go to `diags`.
std::optional<Node> parse_yaml(const std::string& text, const std::string& file_name, Diagnostics& diags);
std::optional<Node> parse_yaml_file(const std::filesystem::path& file, Diagnostics& diags);

/// Reads a file, resolves `extends:` (paths relative to the including file,
/// maps merged deeply, the including file wins) and substitutes ${VAR},
/// ${VAR:-default} and ${VAR:?message} in scalars ($$ is a literal $).
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
/// `prune`, when given, edits the merged tree before ${VAR}s are substituted: a
/// command that uses part of a file leaves the rest's variables alone.
std::optional<Node> load_config(const std::filesystem::path& file, Diagnostics& diags, const EnvLookup& env,
                                const std::function<void(Node&)>& prune = {});
EnvLookup process_env();

/// Merges `over` into `base` (maps deeply, anything else replaced).
void merge_into(Node& base, const Node& over);
void substitute_env(Node& node, Diagnostics& diags, const EnvLookup& env);

/// Scalar readers. Plain (unquoted) scalars only for numbers and booleans.
std::optional<int64_t> as_int(const Node& n);
std::optional<double> as_float(const Node& n);
std::optional<bool> as_bool(const Node& n);

/// JSON text of a node; plain scalars that read as numbers or booleans become them.
std::string to_json(const Node& n);

}  // namespace aj::host
