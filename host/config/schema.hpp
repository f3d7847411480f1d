// Declarative schemas for config files, and the checker that reports every
// problem as file:line:col with the key path (unknown key with did-you-mean,
// wrong type, missing required key, value not among the choices).
#pragma once

#include "config/node.hpp"

#include <memory>
#include <string>
#include <vector>

namespace aj::host {

struct Schema;
using SchemaPtr = std::shared_ptr<const Schema>;

struct SchemaKey {
  std::string key;
  SchemaPtr schema;
  bool required = false;
  std::string doc;
  std::string default_value;  // YAML text, for docs
};

struct Schema {
  enum class Type { Any, String, Int, Float, Bool, StringList, Map, Object, MapOf, ListOf };
  Type type = Type::Any;
  std::vector<SchemaKey> keys;       // Object: the allowed keys
  SchemaPtr values;                  // MapOf, ListOf: the schema of every value / item
  std::vector<std::string> choices;  // String: allowed values, if any
  int64_t min = INT64_MIN;           // Int: bounds
  int64_t max = INT64_MAX;
};

namespace schema {
SchemaPtr any();
SchemaPtr string(std::vector<std::string> choices = {});
SchemaPtr integer(int64_t min = INT64_MIN, int64_t max = INT64_MAX);
SchemaPtr number();
SchemaPtr boolean();
SchemaPtr string_list();
SchemaPtr map();
SchemaPtr object(std::vector<SchemaKey> keys);
SchemaPtr map_of(SchemaPtr values);
SchemaPtr list_of(SchemaPtr items);
}  // namespace schema

/// What a value of this schema is called in messages ("an integer").
std::string describe(const Schema& s);

/// Checks `node` (found at `path`, e.g. "sources.linkedin") against `schema`.
void check(const Node& node, const Schema& schema, const std::string& path, Diagnostics& diags);

}  // namespace aj::host
