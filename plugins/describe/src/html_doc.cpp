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

DocPtr parse(std::string_view html, std::string_view charset) {
  init_libxml();
  if (html.empty()) return nullptr;
  std::string encoding = usable_encoding(lower(charset.empty() ? std::string_view(sniff_charset(html)) : charset));
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

}  // namespace ajd::html
