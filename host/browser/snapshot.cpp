#include "browser/snapshot.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace aj::browser {
namespace json = boost::json;

namespace {

const std::unordered_set<std::string_view> kInteractive = {
    "button", "link", "textbox", "searchbox", "combobox", "listbox", "option", "checkbox", "radio", "switch",
    "slider", "spinbutton", "tab", "menuitem", "menuitemcheckbox", "menuitemradio", "treeitem", "heading",
    "alert", "status", "dialog", "alertdialog"};
// Kept only when they have a name (a fieldset's legend says what its radios answer).
const std::unordered_set<std::string_view> kNamedGroups = {"group", "radiogroup", "form", "navigation"};

std::string_view str_of(const json::value* v) {
  if (!v) return {};
  if (v->is_string()) return v->as_string();
  if (v->is_object())
    if (auto* inner = v->as_object().if_contains("value"); inner && inner->is_string()) return inner->as_string();
  return {};
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  size_t n = 0;
  for (char c : s) {
    if (++n > 200) {
      out += "...";
      break;
    }
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    out += c;
  }
  return out + "\"";
}

std::string scalar(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_double()) {
    double d = v.as_double();
    if (d == static_cast<int64_t>(d)) return std::to_string(static_cast<int64_t>(d));
    return std::to_string(d);
  }
  return "";
}

struct Tree {
  std::unordered_map<std::string, const json::object*> by_id;
  std::string out;

  const json::object* node(const json::value& id) const {
    auto it = by_id.find(scalar(id));
    return it == by_id.end() ? nullptr : it->second;
  }

  // The text inside a node (for alerts and statuses whose name is empty).
  void text_of(const json::object& n, std::string& acc, int depth) const {
    if (depth > 50 || acc.size() > 400) return;
    if (str_of(n.if_contains("role")) == "StaticText") {
      auto t = str_of(n.if_contains("name"));
      if (!t.empty()) {
        if (!acc.empty()) acc += ' ';
        acc += t;
      }
      return;
    }
    if (auto* kids = n.if_contains("childIds"); kids && kids->is_array())
      for (const auto& k : kids->as_array())
        if (auto* c = node(k)) text_of(*c, acc, depth + 1);
  }

  void walk(const json::object& n, int depth, int guard) {
    if (guard > 200) return;
    bool ignored = n.if_contains("ignored") && n.at("ignored").is_bool() && n.at("ignored").as_bool();
    auto role = str_of(n.if_contains("role"));
    std::string name(str_of(n.if_contains("name")));
    bool keep = !ignored && (kInteractive.count(role) || (kNamedGroups.count(role) && !name.empty()));
    if (keep) {
      if (name.empty() && (role == "alert" || role == "status" || role == "dialog" || role == "alertdialog"))
        text_of(n, name, 0);
      if ((role == "alert" || role == "status") && name.empty()) keep = false;  // an empty live region
    }
    if (keep) {
      out.append(static_cast<size_t>(depth) * 2, ' ');
      out += "- ";
      out += role;
      if (!name.empty()) out += " " + quote(name);
      if (auto* b = n.if_contains("backendDOMNodeId")) out += " [ref=e" + scalar(*b) + "]";
      if (auto* props = n.if_contains("properties"); props && props->is_array()) {
        for (const auto& pv : props->as_array()) {
          if (!pv.is_object()) continue;
          auto pname = str_of(pv.as_object().if_contains("name"));
          const json::value* val = nullptr;
          if (auto* v = pv.as_object().if_contains("value"); v && v->is_object()) val = v->as_object().if_contains("value");
          std::string s = val ? scalar(*val) : "";
          if (pname == "level" && !s.empty()) out += " [level=" + s + "]";
          else if (pname == "checked" && s == "true") out += " [checked]";
          else if (pname == "checked" && s == "mixed") out += " [checked=mixed]";
          else if (pname == "pressed" && s == "true") out += " [pressed]";
          else if ((pname == "required" || pname == "disabled" || pname == "expanded" || pname == "selected" ||
                    pname == "readonly" || pname == "focused") && s == "true")
            out += " [" + std::string(pname) + "]";
          else if (pname == "invalid" && !s.empty() && s != "false") out += " [invalid]";
        }
      }
      auto desc = str_of(n.if_contains("description"));
      if (!desc.empty() && desc != name) out += " [description=" + quote(desc) + "]";
      if (auto* v = n.if_contains("value")) {
        const json::value* inner = v->is_object() ? v->as_object().if_contains("value") : nullptr;
        std::string s = inner ? scalar(*inner) : "";
        if (!s.empty() && role != "option") out += ": " + quote(s);
      }
      out += '\n';
      ++depth;
    }
    if (auto* kids = n.if_contains("childIds"); kids && kids->is_array())
      for (const auto& k : kids->as_array())
        if (auto* c = node(k)) walk(*c, depth, guard + 1);
  }
};

}  // namespace

std::string render_snapshot(const json::array& nodes) {
  Tree t;
  const json::object* root = nullptr;
  for (const auto& v : nodes) {
    if (!v.is_object()) continue;
    const auto& o = v.as_object();
    auto* id = o.if_contains("nodeId");
    if (!id) continue;
    t.by_id.emplace(scalar(*id), &o);
    if (!root && !o.if_contains("parentId")) root = &o;
  }
  if (root) t.walk(*root, 0, 0);
  return t.out;
}

int64_t ref_node(std::string_view target) {
  if (target.size() < 2 || target[0] != 'e') return 0;
  int64_t id = 0;
  auto [p, ec] = std::from_chars(target.data() + 1, target.data() + target.size(), id);
  return ec == std::errc() && p == target.data() + target.size() && id > 0 ? id : 0;
}

}  // namespace aj::browser
