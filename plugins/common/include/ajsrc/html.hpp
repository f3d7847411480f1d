// Reading HTML pages (gumbo, the HTML5 parser) with simple CSS selectors.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ajsrc {

class HtmlNode;

/// A parsed page; nodes point into it and live as long as it.
class Html {
 public:
  explicit Html(std::string_view html);
  ~Html();
  Html(const Html&) = delete;
  Html& operator=(const Html&) = delete;
  HtmlNode root() const;
  /// Every element matching `selector` (see HtmlNode::select).
  std::vector<HtmlNode> select(std::string_view selector) const;
  HtmlNode first(std::string_view selector) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// An element (or nothing: check with `bool`).
class HtmlNode {
 public:
  HtmlNode() = default;
  explicit HtmlNode(const void* gumbo_node) : n_(gumbo_node) {}
  explicit operator bool() const { return n_ != nullptr; }

  std::string tag() const;
  /// The attribute's value, or "" when absent.
  std::string attr(std::string_view name) const;
  bool has_attr(std::string_view name) const;
  bool has_class(std::string_view cls) const;
  /// The text inside, whitespace collapsed and trimmed.
  std::string text() const;
  /// The HTML inside, serialised again (for descriptions).
  std::string inner_html() const;

  /// Descendants matching a selector: compound parts `tag`, `.class`, `#id`,
  /// `[attr]`, `[attr=value]`, `[attr^=value]`, `[attr*=value]`, joined by
  /// descendant (space) or child (`>`) combinators; `a, b` for either.
  std::vector<HtmlNode> select(std::string_view selector) const;
  HtmlNode first(std::string_view selector) const;  // or an empty node
  HtmlNode parent() const;
  std::vector<HtmlNode> children() const;  // elements only

  const void* raw() const { return n_; }

 private:
  const void* n_ = nullptr;
};

/// Readable text from an HTML fragment: paragraphs and headings on their own
/// lines, list items as "- item", entities decoded, whitespace collapsed.
std::string html_to_text(std::string_view html);

/// Decodes HTML entities in text ("&lt;p&gt;" -> "<p>", "&amp;" -> "&").
std::string decode_entities(std::string_view text);

}  // namespace ajsrc
