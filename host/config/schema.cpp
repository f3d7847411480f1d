#include "config/schema.hpp"

#include <algorithm>

namespace aj::host {
namespace schema {
namespace {
SchemaPtr make(Schema::Type t) {
  auto s = std::make_shared<Schema>();
  s->type = t;
  return s;
}
}  // namespace
SchemaPtr any() { return make(Schema::Type::Any); }
SchemaPtr string(std::vector<std::string> choices) {
  auto s = std::make_shared<Schema>();
  s->type = Schema::Type::String;
  s->choices = std::move(choices);
  return s;
}
SchemaPtr integer(int64_t min, int64_t max) {
  auto s = std::make_shared<Schema>();
  s->type = Schema::Type::Int;
  s->min = min;
  s->max = max;
  return s;
}
SchemaPtr number() { return make(Schema::Type::Float); }
SchemaPtr boolean() { return make(Schema::Type::Bool); }
SchemaPtr string_list() { return make(Schema::Type::StringList); }
SchemaPtr map() { return make(Schema::Type::Map); }
SchemaPtr object(std::vector<SchemaKey> keys) {
  auto s = std::make_shared<Schema>();
  s->type = Schema::Type::Object;
  s->keys = std::move(keys);
  return s;
}
SchemaPtr map_of(SchemaPtr values) {
  auto s = std::make_shared<Schema>();
  s->type = Schema::Type::MapOf;
  s->values = std::move(values);
  return s;
}
SchemaPtr list_of(SchemaPtr items) {
  auto s = std::make_shared<Schema>();
  s->type = Schema::Type::ListOf;
  s->values = std::move(items);
  return s;
}
}  // namespace schema

std::string describe(const Schema& s) {
  switch (s.type) {
    case Schema::Type::Any: return "a value";
    case Schema::Type::String: return "a string";
    case Schema::Type::Int: return "an integer";
    case Schema::Type::Float: return "a number";
    case Schema::Type::Bool: return "true or false";
    case Schema::Type::StringList: return "a list of strings";
    case Schema::Type::ListOf: return "a list";
    case Schema::Type::Map:
    case Schema::Type::Object:
    case Schema::Type::MapOf: return "a mapping";
  }
  return "a value";
}

namespace {

std::string shown(const Node& n) {
  switch (n.kind) {
    case Node::Kind::Null: return "nothing";
    case Node::Kind::Scalar: return n.quoted ? "the string \"" + n.scalar + "\"" : "'" + n.scalar + "'";
    case Node::Kind::Seq: return "a list";
    case Node::Kind::Map: return "a mapping";
  }
  return "?";
}

std::string join_choices(const std::vector<std::string>& c) {
  std::string out;
  for (std::size_t i = 0; i < c.size(); ++i) out += (i ? ", " : "") + c[i];
  return out;
}

void wrong_type(const Node& node, const Schema& s, const std::string& path, Diagnostics& diags) {
  diags.error(node.mark, path + ": expected " + describe(s) + ", got " + shown(node));
}

}  // namespace

void check(const Node& node, const Schema& s, const std::string& path, Diagnostics& diags) {
  switch (s.type) {
    case Schema::Type::Any: return;
    case Schema::Type::String:
      if (!node.is_scalar()) return wrong_type(node, s, path, diags);
      if (!s.choices.empty() && std::find(s.choices.begin(), s.choices.end(), node.scalar) == s.choices.end()) {
        std::string hint = did_you_mean(node.scalar, s.choices);
        diags.error(node.mark, path + ": '" + node.scalar + "' is not one of " + join_choices(s.choices) +
                                   (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
      }
      return;
    case Schema::Type::Int: {
      auto v = as_int(node);
      if (!v) return wrong_type(node, s, path, diags);
      if (*v < s.min || *v > s.max) {
        std::string range = s.max == INT64_MAX ? "at least " + std::to_string(s.min)
                                                : "between " + std::to_string(s.min) + " and " + std::to_string(s.max);
        diags.error(node.mark, path + ": " + std::to_string(*v) + " is out of range; use a value " + range);
      }
      return;
    }
    case Schema::Type::Float:
      if (!as_float(node)) wrong_type(node, s, path, diags);
      return;
    case Schema::Type::Bool:
      if (!as_bool(node)) wrong_type(node, s, path, diags);
      return;
    case Schema::Type::StringList:
      if (node.is_scalar()) return;  // one item may be written without a list
      if (!node.is_seq()) return wrong_type(node, s, path, diags);
      for (std::size_t i = 0; i < node.items.size(); ++i)
        if (!node.items[i].is_scalar())
          diags.error(node.items[i].mark, path + "[" + std::to_string(i) + "]: expected a string, got " +
                                              shown(node.items[i]));
      return;
    case Schema::Type::Map:
      if (!node.is_map() && !node.is_null()) wrong_type(node, s, path, diags);
      return;
    case Schema::Type::ListOf:
      if (node.is_null()) return;
      if (!node.is_seq()) return wrong_type(node, s, path, diags);
      for (std::size_t i = 0; i < node.items.size(); ++i)
        check(node.items[i], *s.values, path + "[" + std::to_string(i) + "]", diags);
      return;
    case Schema::Type::MapOf:
      if (node.is_null()) return;
      if (!node.is_map()) return wrong_type(node, s, path, diags);
      for (const auto& e : node.entries) check(e.value, *s.values, path + "." + e.key, diags);
      return;
    case Schema::Type::Object: {
      if (node.is_null()) {
        for (const auto& k : s.keys)
          if (k.required) diags.error(node.mark, path + ": missing required key '" + k.key + "'");
        return;
      }
      if (!node.is_map()) return wrong_type(node, s, path, diags);
      std::vector<std::string> names;
      for (const auto& k : s.keys) names.push_back(k.key);
      for (const auto& e : node.entries) {
        auto it = std::find_if(s.keys.begin(), s.keys.end(), [&](const SchemaKey& k) { return k.key == e.key; });
        std::string where = path.empty() ? e.key : path + "." + e.key;
        if (it == s.keys.end()) {
          std::string hint = did_you_mean(e.key, names);
          diags.error(e.key_mark, "unknown key '" + where + "'" +
                                      (hint.empty() ? "; known keys: " + join_choices(names)
                                                    : " (did you mean '" + hint + "'?)"));
          continue;
        }
        check(e.value, *it->schema, where, diags);
      }
      for (const auto& k : s.keys) {
        if (k.required && !node.find(k.key))
          diags.error(node.mark, (path.empty() ? std::string("top level") : path) + ": missing required key '" +
                                     k.key + "'" + (k.doc.empty() ? "" : " (" + k.doc + ")"));
      }
      return;
    }
  }
}

}  // namespace aj::host
