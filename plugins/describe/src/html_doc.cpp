// libxml2's HTML parser and XPath, wrapped for page reading.
#include "html_doc.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlmemory.h>
#include <libxml/xpath.h>

#include <cctype>
#include <climits>
#include <cstdint>
#include <cstring>
#include <mutex>

namespace ajd::html {

namespace {

// libxml2 2.9 must be initialised once before threads use it; never cleaned
// up (other plugins in the process may use it too).
void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                         HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD;

// The charset a <meta> near the top declares ("" when none): <meta charset="x">
// or <meta http-equiv="Content-Type" content="text/html; charset=x">.
std::string sniff_charset(std::string_view html) {
  std::string head = lower(html.substr(0, 4096));
  std::size_t at = head.find("charset");
  if (at == std::string::npos) return "";
  at += 7;
  while (at < head.size() && (is_space(head[at]) || head[at] == '=' || head[at] == '"' || head[at] == '\'')) ++at;
  std::size_t end = at;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' || head[end] == '_'))
    ++end;
  return head.substr(at, end - at);
}

// `name` when libxml2 can decode it (built in, or through iconv), else "UTF-8".
std::string usable_encoding(std::string name) {
  if (name.empty() || name == "utf-8" || name == "utf8") return "UTF-8";
  xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(name.c_str());
  if (!h) return "UTF-8";
  xmlCharEncCloseFunc(h);  // frees iconv-backed handlers; built-in ones are left alone
  return name;
}

struct XPathContextFree {
  void operator()(xmlXPathContext* c) const { xmlXPathFreeContext(c); }
};
struct XPathObjectFree {
  void operator()(xmlXPathObject* o) const { xmlXPathFreeObject(o); }
};

void collect_text(const xmlNode* n, std::string& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out += content(c);
    } else if (c->type == XML_ELEMENT_NODE) {
      std::string_view tag = name(c);
      if (tag == "script" || tag == "style" || tag == "template") continue;
      if (tag == "br" || tag == "p" || tag == "div" || tag == "li") out += ' ';
      collect_text(c, out);
    }
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string encoding_of(std::string_view html, std::string_view charset) {
  init_libxml();  // its encoding handlers are set up lazily, without a lock
  return usable_encoding(lower(charset.empty() ? std::string_view(sniff_charset(html)) : charset));
}

DocPtr parse(std::string_view html, std::string_view charset) {
  init_libxml();
  if (html.empty()) return nullptr;
  std::string encoding = encoding_of(html, charset);
  int size = html.size() > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(html.size());
  return DocPtr(htmlReadMemory(html.data(), size, nullptr, encoding.c_str(), kOptions));
}

xmlNode* body(xmlDoc* doc) {
  xmlNode* root = doc ? xmlDocGetRootElement(doc) : nullptr;
  if (!root) return nullptr;
  for (xmlNode* c = root->children; c; c = c->next)
    if (name(c) == "body") return c;
  return root;
}

std::string_view attr(const xmlNode* n, const char* attribute) {
  if (!n || n->type != XML_ELEMENT_NODE) return {};
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (!a->name || std::string_view(reinterpret_cast<const char*>(a->name)) != attribute) continue;
    // The HTML parser stores a value as one text child (entities already decoded).
    return a->children ? content(a->children) : std::string_view();
  }
  return {};
}

bool has_attr(const xmlNode* n, const char* attribute) {
  if (!n || n->type != XML_ELEMENT_NODE) return false;
  for (const xmlAttr* a = n->properties; a; a = a->next)
    if (a->name && std::string_view(reinterpret_cast<const char*>(a->name)) == attribute) return true;
  return false;
}

std::vector<xmlNode*> xpath(xmlDoc* doc, const char* expression) {
  std::vector<xmlNode*> out;
  if (!doc) return out;
  std::unique_ptr<xmlXPathContext, XPathContextFree> ctx(xmlXPathNewContext(doc));
  if (!ctx) return out;
  std::unique_ptr<xmlXPathObject, XPathObjectFree> result(
      xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expression), ctx.get()));
  if (!result || result->type != XPATH_NODESET || !result->nodesetval) return out;
  const xmlNodeSet* set = result->nodesetval;
  out.reserve(static_cast<std::size_t>(set->nodeNr));
  for (int i = 0; i < set->nodeNr; ++i) out.push_back(set->nodeTab[i]);
  return out;
}

std::string text_of(const xmlNode* n) {
  if (!n) return "";
  std::string raw;
  if (n->type == XML_ELEMENT_NODE)
    collect_text(n, raw);
  else
    raw = content(n);
  std::string out;
  out.reserve(raw.size());
  bool space = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    bool nbsp = c == '\xC2' && i + 1 < raw.size() && raw[i + 1] == '\xA0';
    if (is_space(c) || nbsp) {
      space = true;
      if (nbsp) ++i;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string decode_entities(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return std::string(text);
  init_libxml();
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    std::size_t semi = text.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 33) {
      out += '&';
      continue;
    }
    std::string_view ref = text.substr(i + 1, semi - i - 1);
    unsigned cp = 0;
    bool ok = false;
    if (ref.size() >= 2 && ref[0] == '#') {
      bool hex = ref[1] == 'x' || ref[1] == 'X';
      std::string_view digits = ref.substr(hex ? 2 : 1);
      ok = !digits.empty() && digits.size() <= 8;
      for (char c : digits) {
        int d = hex ? hex_digit(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
        if (d < 0) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<unsigned>(d);
      }
    } else if (!ref.empty()) {
      std::string key(ref);
      if (const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(key.c_str()))) {
        cp = e->value;
        ok = true;
      } else if (key == "apos") {
        cp = '\'';
        ok = true;
      }
    }
    if (!ok) {
      out += '&';
      continue;
    }
    append_utf8(out, cp);
    i = semi;
  }
  return out;
}

std::string absolute_url(std::string_view href, std::string_view base) {
  std::string h(href);
  while (!h.empty() && is_space(h.back())) h.pop_back();
  std::size_t lead = 0;
  while (lead < h.size() && is_space(h[lead])) ++lead;
  h.erase(0, lead);
  if (h.empty()) return "";
  if (base.empty()) return h;
  init_libxml();
  std::string b(base);
  xmlChar* built = xmlBuildURI(reinterpret_cast<const xmlChar*>(h.c_str()), reinterpret_cast<const xmlChar*>(b.c_str()));
  if (!built) return h;
  std::string out(reinterpret_cast<const char*>(built));
  xmlFree(built);
  return out;
}


namespace {

// UTF-8 that libxml2 reads byte for byte: no NUL, no other control character
// XML forbids (it drops them from a script), no U+FFFE or U+FFFF.
bool plain_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    if (i + 8 <= n) {  // eight printable ASCII bytes at a time, the usual case
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if ((((w - 0x2020202020202020ULL) | w) & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = p[i];
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
      ++i;
      continue;
    }
    std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > n) return false;  // a stray continuation byte, a bad or cut lead
    for (std::size_t k = 1; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return false;
    if ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] >= 0xA0) || (c == 0xF0 && p[i + 1] < 0x90) ||
        (c == 0xF4 && p[i + 1] >= 0x90))
      return false;  // overlong, a surrogate, beyond U+10FFFF
    if (c == 0xEF && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF)) return false;  // U+FFFE, U+FFFF
    i += len;
  }
  return true;
}

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// The characters libxml2 takes in a tag name.
bool name_char(char c) { return letter(c) || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' || c == '.'; }

// Where the tag that starts at html[at] ('<') ends (after its '>'), quoted
// attribute values skipped; npos when it never does.
std::size_t tag_end(std::string_view html, std::size_t at) {
  char quote = 0;
  for (std::size_t i = at + 1; i < html.size(); ++i) {
    char c = html[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      // A quote opens a value only after '=' (and spaces): elsewhere it is junk, as for libxml2.
      std::size_t k = i;
      while (k > at && is_space(html[k - 1])) --k;
      if (html[k - 1] == '=') quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// The value of attribute `name` in a start tag's text ("<script a=b ...>"),
// lower-cased; "" when absent. Attributes are walked in order, values skipped,
// as libxml2 reads them: the first of a repeated name wins.
std::string attribute(std::string_view tag, std::string_view name) {
  const std::string t = lower(tag);
  std::size_t i = 1;
  while (i < t.size() && !is_space(t[i]) && t[i] != '>' && t[i] != '/') ++i;  // the element's name
  while (i < t.size()) {
    while (i < t.size() && (is_space(t[i]) || t[i] == '/')) ++i;
    if (i >= t.size() || t[i] == '>') break;
    std::size_t start = i;
    while (i < t.size() && !is_space(t[i]) && t[i] != '=' && t[i] != '>') ++i;
    const std::string_view attr_name = std::string_view(t).substr(start, i - start);
    while (i < t.size() && is_space(t[i])) ++i;
    std::string value;
    if (i < t.size() && t[i] == '=') {
      ++i;
      while (i < t.size() && is_space(t[i])) ++i;
      if (i < t.size() && (t[i] == '"' || t[i] == '\'')) {
        std::size_t end = t.find(t[i], i + 1);
        if (end == std::string::npos) end = t.size();
        value = t.substr(i + 1, end - i - 1);
        i = end + 1;
      } else {
        std::size_t end = i;
        while (end < t.size() && !is_space(t[end]) && t[end] != '>') ++end;
        value = t.substr(i, end - i);
        i = end;
      }
    }
    if (attr_name == name) return value;
  }
  return "";
}

// The first "</name" (any case) at or after `from`, as libxml2 ends a script or style.
std::size_t raw_text_end(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != std::string_view::npos; at = html.find("</", at + 2)) {
    if (at + 2 + name.size() > html.size()) return std::string_view::npos;
    if (lower(html.substr(at + 2, name.size())) == name) return at;
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<std::string> ld_json(xmlDoc* doc) {
  std::vector<std::string> blocks;
  for (xmlNode* script : xpath(doc, "//script[@type]")) {
    if (lower(attr(script, "type")).find("ld+json") == std::string::npos) continue;
    std::string text;
    for (const xmlNode* c = script->children; c; c = c->next) text += content(c);
    blocks.push_back(std::move(text));
  }
  return blocks;
}

std::optional<std::vector<std::string>> scan_ld_json(std::string_view html) {
  if (!plain_utf8(html)) return std::nullopt;
  std::vector<std::string> blocks;
  for (std::size_t at = html.find('<'); at != std::string_view::npos && at + 1 < html.size(); at = html.find('<', at)) {
    std::string_view rest = html.substr(at);
    if (rest.substr(0, 4) == "<!--") {
      std::size_t end = html.find("-->", at + 4);
      if (end == std::string_view::npos) break;
      at = end + 3;
      continue;
    }
    const bool closing = rest[1] == '/';
    if (!closing && !letter(rest[1])) {  // "<!DOCTYPE", "<?xml", or a lone '<' in text
      ++at;
      continue;
    }
    std::size_t name_end = at + (closing ? 2 : 1);
    while (name_end < html.size() && name_char(html[name_end])) ++name_end;
    const std::string_view raw = html.substr(at + (closing ? 2 : 1), name_end - at - (closing ? 2 : 1));
    // Only three names matter: lower-cased (no allocation past 15 bytes) when the length fits.
    const std::string name = raw.size() >= 4 && raw.size() <= 6 ? lower(raw) : std::string();
    std::size_t end = tag_end(html, at);
    if (end == std::string_view::npos) break;
    if (closing) {
      at = end;
      continue;
    }
    if (name == "base") return std::nullopt;
    if (name == "script" || name == "style") {
      std::size_t close = raw_text_end(html, end, name);
      std::size_t text_end = close == std::string_view::npos ? html.size() : close;
      if (name == "script" && attribute(html.substr(at, end - at), "type").find("ld+json") != std::string::npos)
        blocks.emplace_back(html.substr(end, text_end - end));
      if (close == std::string_view::npos) break;
      at = close;
      continue;
    }
    at = end;
  }
  return blocks;
}

}  // namespace ajd::html
