// A page parsed by libxml2's HTML parser (measured 2-5x faster than gumbo on
// job pages), with the few node and XPath helpers page reading needs.
#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ajd::html {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

/// Parses a page (recovering from any error, no network, no messages). The
/// encoding is `charset` when given (an HTTP Content-Type's), else a
/// <meta charset> in the first bytes, else UTF-8 (libxml2's own default for
/// HTML would be Latin-1). nullptr only for an empty input.
DocPtr parse(std::string_view html, std::string_view charset = {});

/// The encoding parse() reads a page in: `charset` when given, else a <meta
/// charset> near the top, else UTF-8; "UTF-8" also when libxml2 lacks the one named.
std::string encoding_of(std::string_view html, std::string_view charset = {});
/// The text of every <script type="...ld+json..."> (the type in any case,
/// other attributes beside it), in page order.
std::vector<std::string> ld_json(xmlDoc* doc);
/// The same, found without
/// building the tree: tags are read as libxml2's HTML parser reads them
/// (comments, and the raw text of script and style, skipped). nullopt when
/// the page is not valid UTF-8 (libxml2 then falls back to Latin-1) or has a
/// <base> (links would need it): parse() it instead.
std::optional<std::vector<std::string>> scan_ld_json(std::string_view html);
/// The <body> (or the root element when there is none); nullptr for no document.
xmlNode* body(xmlDoc* doc);

/// Element name, lower-case as the HTML parser stores it; "" for non-elements.
inline std::string_view name(const xmlNode* n) {
  return n && n->type == XML_ELEMENT_NODE && n->name ? std::string_view(reinterpret_cast<const char*>(n->name))
                                                     : std::string_view();
}
/// An attribute's value without copying ("" when absent). Attribute names are lower-case.
std::string_view attr(const xmlNode* n, const char* attribute);
bool has_attr(const xmlNode* n, const char* attribute);
/// A text or CDATA node's content.
inline std::string_view content(const xmlNode* n) {
  return n && n->content ? std::string_view(reinterpret_cast<const char*>(n->content)) : std::string_view();
}

/// Every node an XPath 1.0 expression selects, in document order.
std::vector<xmlNode*> xpath(xmlDoc* doc, const char* expression);

/// The text under a node, whitespace collapsed and trimmed.
std::string text_of(const xmlNode* n);

/// Decodes character references ("&#233;", "&#xE9;") and HTML 4 named ones
/// ("&amp;", "&nbsp;"); anything else is kept as written.
std::string decode_entities(std::string_view text);

/// ASCII whitespace as HTML counts it.
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
/// ASCII lower-case copy.
std::string lower(std::string_view s);
/// Appends the UTF-8 form of a code point.
void append_utf8(std::string& out, unsigned cp);

/// `href` made absolute against `base` ("" when it cannot be).
std::string absolute_url(std::string_view href, std::string_view base);

}  // namespace ajd::html
