#include "ajsrc/html.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace ajsrc {
namespace {

const GumboNode* G(const void* p) { return static_cast<const GumboNode*>(p); }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (is_space(c)) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

const char* tag_name(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT) return "";
  if (n->v.element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(n->v.element.tag);
  return "";  // unknown tags: matched through the original tag below
}

std::string element_tag(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT) return "";
  if (n->v.element.tag != GUMBO_TAG_UNKNOWN) return tag_name(n);
  GumboStringPiece p = n->v.element.original_tag;
  gumbo_tag_from_original_text(&p);
  std::string t(p.data, p.length);
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return t;
}

const char* attr_of(const GumboNode* n, std::string_view name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  std::string key(name);
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, key.c_str());
  return a ? a->value : nullptr;
}

void text_into(const GumboNode* n, std::string& out) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
    out += n->v.text.text;
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return;
  if (n->type == GUMBO_NODE_ELEMENT && (n->v.element.tag == GUMBO_TAG_SCRIPT || n->v.element.tag == GUMBO_TAG_STYLE)) return;
  const GumboVector& kids = n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    text_into(static_cast<const GumboNode*>(kids.data[i]), out);
    if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_BR) out += ' ';
  }
  if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_BR) out += ' ';
}

// ---- selectors ----
struct AttrTest {
  std::string name, value;
  char op = 0;  // 0: present, '=': equals, '^': prefix, '*': contains
};
struct Compound {
  std::string tag, id;
  std::vector<std::string> classes;
  std::vector<AttrTest> attrs;
  bool child = false;  // joined to the previous compound by '>'
};
using Chain = std::vector<Compound>;

std::vector<Chain> parse_selector(std::string_view sel) {
  std::vector<Chain> chains(1);
  bool child = false;
  size_t i = 0;
  auto ident = [&] {
    size_t b = i;
    while (i < sel.size() && (std::isalnum(static_cast<unsigned char>(sel[i])) || sel[i] == '-' || sel[i] == '_')) ++i;
    return std::string(sel.substr(b, i - b));
  };
  while (i < sel.size()) {
    char c = sel[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == ',') {
      chains.emplace_back();
      child = false;
      ++i;
      continue;
    }
    if (c == '>') {
      child = true;
      ++i;
      continue;
    }
    Compound cp;
    cp.child = child;
    child = false;
    while (i < sel.size() && !is_space(sel[i]) && sel[i] != ',' && sel[i] != '>') {
      char k = sel[i];
      if (k == '.') {
        ++i;
        cp.classes.push_back(ident());
      } else if (k == '#') {
        ++i;
        cp.id = ident();
      } else if (k == '[') {
        ++i;
        AttrTest t;
        t.name = ident();
        if (i < sel.size() && (sel[i] == '^' || sel[i] == '*')) t.op = sel[i++];
        if (i < sel.size() && sel[i] == '=') {
          if (!t.op) t.op = '=';
          ++i;
          char q = i < sel.size() && (sel[i] == '"' || sel[i] == '\'') ? sel[i++] : 0;
          size_t b = i;
          while (i < sel.size() && (q ? sel[i] != q : sel[i] != ']')) ++i;
          t.value = std::string(sel.substr(b, i - b));
          if (q && i < sel.size()) ++i;
        }
        while (i < sel.size() && sel[i] != ']') ++i;
        if (i < sel.size()) ++i;
        cp.attrs.push_back(std::move(t));
      } else if (k == '*') {
        ++i;
      } else {
        std::string t = ident();
        if (t.empty()) {
          ++i;  // skip what we do not understand
          continue;
        }
        std::transform(t.begin(), t.end(), t.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        cp.tag = t;
      }
    }
    chains.back().push_back(std::move(cp));
  }
  chains.erase(std::remove_if(chains.begin(), chains.end(), [](const Chain& c) { return c.empty(); }), chains.end());
  return chains;
}

bool matches(const GumboNode* n, const Compound& c) {
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  HtmlNode h(n);
  if (!c.tag.empty() && element_tag(n) != c.tag) return false;
  if (!c.id.empty() && h.attr("id") != c.id) return false;
  for (const auto& cls : c.classes)
    if (!h.has_class(cls)) return false;
  for (const auto& t : c.attrs) {
    const char* v = attr_of(n, t.name);
    if (!v) return false;
    std::string_view sv(v);
    if (t.op == '=' && sv != t.value) return false;
    if (t.op == '^' && sv.substr(0, t.value.size()) != t.value) return false;
    if (t.op == '*' && sv.find(t.value) == std::string_view::npos) return false;
  }
  return true;
}

// Does the chain end at n, with its earlier parts matched by ancestors (below `scope`)?
bool chain_matches(const GumboNode* n, const Chain& chain, size_t idx, const GumboNode* scope) {
  if (!matches(n, chain[idx])) return false;
  if (idx == 0) return true;
  bool child = chain[idx].child;
  for (const GumboNode* p = n->parent; p && p != scope; p = p->parent) {
    if (p->type == GUMBO_NODE_ELEMENT && chain_matches(p, chain, idx - 1, scope)) return true;
    if (child) return false;
  }
  return false;
}

void collect(const GumboNode* n, const std::vector<Chain>& chains, const GumboNode* scope, std::vector<HtmlNode>& out) {
  const GumboVector* kids = nullptr;
  if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) kids = &n->v.element.children;
  else if (n->type == GUMBO_NODE_DOCUMENT) kids = &n->v.document.children;
  if (!kids) return;
  for (unsigned i = 0; i < kids->length; ++i) {
    const auto* k = static_cast<const GumboNode*>(kids->data[i]);
    if (k->type != GUMBO_NODE_ELEMENT && k->type != GUMBO_NODE_TEMPLATE) continue;
    for (const auto& c : chains)
      if (chain_matches(k, c, c.size() - 1, scope)) {
        out.emplace_back(k);
        break;
      }
    collect(k, chains, scope, out);
  }
}

void serialise(const GumboNode* n, std::string& out);

void serialise_children(const GumboNode* n, std::string& out) {
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) serialise(static_cast<const GumboNode*>(kids.data[i]), out);
}

void escape_into(std::string_view s, std::string& out, bool attr) {
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (attr && c == '"') out += "&quot;";
    else out += c;
  }
}

void serialise(const GumboNode* n, std::string& out) {
  switch (n->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE: escape_into(n->v.text.text, out, false); return;
    case GUMBO_NODE_CDATA: out += n->v.text.text; return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: {
      std::string tag = element_tag(n);
      out += "<" + tag;
      const GumboVector& attrs = n->v.element.attributes;
      for (unsigned i = 0; i < attrs.length; ++i) {
        const auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
        out += std::string(" ") + a->name + "=\"";
        escape_into(a->value, out, true);
        out += "\"";
      }
      out += ">";
      static const char* voids[] = {"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "source", "wbr"};
      for (const char* v : voids)
        if (tag == v) return;
      serialise_children(n, out);
      out += "</" + tag + ">";
      return;
    }
    default: return;
  }
}

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
      return true;
    default: return false;
  }
}

// Text with line structure: blocks end lines, <li> starts "- ".
void readable(const GumboNode* n, std::string& line, std::vector<std::string>& lines) {
  auto flush = [&] {
    std::string l = collapse(line);
    if (!l.empty()) lines.push_back(l);
    line.clear();
  };
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
    line += n->v.text.text;
    return;
  }
  if (n->type == GUMBO_NODE_DOCUMENT) {
    for (unsigned i = 0; i < n->v.document.children.length; ++i)
      readable(static_cast<const GumboNode*>(n->v.document.children.data[i]), line, lines);
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT) return;
  GumboTag t = n->v.element.tag;
  if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_HEAD) return;
  if (t == GUMBO_TAG_BR) {
    flush();
    return;
  }
  bool block = is_block(t) || t == GUMBO_TAG_LI;
  if (block) flush();
  if (t == GUMBO_TAG_LI) line += "- ";
  for (unsigned i = 0; i < n->v.element.children.length; ++i)
    readable(static_cast<const GumboNode*>(n->v.element.children.data[i]), line, lines);
  if (block) flush();
}

// gumbo records each parse error with a copy of the stack of open elements, so a
// page of unclosed tags took memory quadratic in its depth (100 KB of <div>s:
// 3 GB). Nothing reads the errors: record none.
const GumboOptions kOptions = [] {
  GumboOptions o = kGumboDefaultOptions;
  o.max_errors = 0;
  return o;
}();

}  // namespace

struct Html::Impl {
  GumboOutput* out = nullptr;
  std::string text;  // gumbo points into it
};

Html::Html(std::string_view html) : impl_(std::make_unique<Impl>()) {
  impl_->text.assign(html);
  impl_->out = gumbo_parse_with_options(&kOptions, impl_->text.data(), impl_->text.size());
}
Html::~Html() {
  if (impl_->out) gumbo_destroy_output(&kOptions, impl_->out);
}
HtmlNode Html::root() const { return HtmlNode(impl_->out->document); }
std::vector<HtmlNode> Html::select(std::string_view selector) const { return root().select(selector); }
HtmlNode Html::first(std::string_view selector) const { return root().first(selector); }

std::string HtmlNode::tag() const { return n_ ? element_tag(G(n_)) : ""; }
std::string HtmlNode::attr(std::string_view name) const {
  const char* v = n_ ? attr_of(G(n_), name) : nullptr;
  return v ? v : "";
}
bool HtmlNode::has_attr(std::string_view name) const { return n_ && attr_of(G(n_), name); }
bool HtmlNode::has_class(std::string_view cls) const {
  const char* v = n_ ? attr_of(G(n_), "class") : nullptr;
  if (!v) return false;
  std::string_view s(v);
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    size_t b = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (s.substr(b, i - b) == cls) return true;
  }
  return false;
}
std::string HtmlNode::text() const {
  if (!n_) return "";
  std::string raw;
  text_into(G(n_), raw);
  return collapse(raw);
}
std::string HtmlNode::inner_html() const {
  if (!n_ || G(n_)->type != GUMBO_NODE_ELEMENT) return "";
  std::string out;
  serialise_children(G(n_), out);
  return out;
}
std::vector<HtmlNode> HtmlNode::select(std::string_view selector) const {
  std::vector<HtmlNode> out;
  if (!n_) return out;
  auto chains = parse_selector(selector);
  if (!chains.empty()) collect(G(n_), chains, G(n_), out);
  return out;
}
HtmlNode HtmlNode::first(std::string_view selector) const {
  auto all = select(selector);
  return all.empty() ? HtmlNode() : all.front();
}
HtmlNode HtmlNode::parent() const {
  if (!n_ || !G(n_)->parent || G(n_)->parent->type != GUMBO_NODE_ELEMENT) return HtmlNode();
  return HtmlNode(G(n_)->parent);
}
std::vector<HtmlNode> HtmlNode::children() const {
  std::vector<HtmlNode> out;
  if (!n_ || G(n_)->type != GUMBO_NODE_ELEMENT) return out;
  const GumboVector& kids = G(n_)->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    if (static_cast<const GumboNode*>(kids.data[i])->type == GUMBO_NODE_ELEMENT) out.emplace_back(kids.data[i]);
  return out;
}

std::string html_to_text(std::string_view html) {
  Html doc(html);
  std::string line;
  std::vector<std::string> lines;
  readable(G(doc.root().raw()), line, lines);
  std::string l = collapse(line);
  if (!l.empty()) lines.push_back(l);
  std::string out;
  for (const auto& x : lines) (out += out.empty() ? "" : "\n") += x;
  return out;
}

std::string decode_entities(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return std::string(text);
  // Parse as the body of a <textarea> (RCDATA): entities are decoded, tags are not.
  std::string wrapped = "<textarea>" + std::string(text) + "</textarea>";
  Html doc(wrapped);
  HtmlNode ta = doc.first("textarea");
  std::string raw;
  if (ta) {
    const GumboVector& kids = G(ta.raw())->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const auto* k = static_cast<const GumboNode*>(kids.data[i]);
      if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE) raw += k->v.text.text;
    }
  }
  // gumbo drops a leading newline in <textarea>; keep the text as given otherwise.
  if (!text.empty() && text.front() == '\n' && (raw.empty() || raw.front() != '\n')) raw.insert(raw.begin(), '\n');
  return raw;
}

}  // namespace ajsrc
