// HTML to clean text and Markdown in one walk: both forms are built side by
// side, line by line, so they always hold the same words.
#include "render.hpp"

#include "html_doc.hpp"

#include <array>
#include <cctype>
#include <string>

namespace ajd {

namespace {

using html::name;

// Elements whose content is never part of a description.
bool never_rendered(std::string_view tag) {
  static constexpr std::array<std::string_view, 17> kTags = {
      "script", "style", "noscript", "template", "head",   "title",  "img",    "svg",   "input",
      "button", "select", "option",  "textarea", "iframe", "object", "canvas", "video"};
  for (auto t : kTags)
    if (t == tag) return true;
  return false;
}

bool is_block(std::string_view tag) {
  static constexpr std::array<std::string_view, 30> kTags = {
      "p",       "div",    "section",  "article", "main",   "header",     "footer",  "aside",
      "nav",     "ul",     "ol",       "dl",      "dt",     "dd",         "table",   "thead",
      "tbody",   "tfoot",  "form",     "fieldset", "address", "figure",    "figcaption", "details",
      "summary", "center", "caption",  "body",    "html",   "hgroup"};
  for (auto t : kTags)
    if (t == tag) return true;
  return false;
}

int heading_level(std::string_view tag) {
  if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') return tag[1] - '0';
  return 0;
}

// A URL as a Markdown link target: no spaces or parentheses left bare.
std::string link_target(std::string_view url) {
  std::string out;
  out.reserve(url.size());
  for (char c : url) {
    if (c == ' ') out += "%20";
    else if (c == '(') out += "%28";
    else if (c == ')') out += "%29";
    else if (c == '\n' || c == '\r' || c == '\t') continue;
    else out += c;
  }
  return out;
}

class Renderer {
 public:
  Renderer(std::string_view base, const Skip& skip) : base_(base), skip_(skip) {}

  void node(const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      text(html::content(n));
      return;
    }
    if (n->type != XML_ELEMENT_NODE && n->type != XML_DOCUMENT_NODE && n->type != XML_HTML_DOCUMENT_NODE) return;
    if (n->type == XML_ELEMENT_NODE) {
      if (skip_ && skip_(n)) return;
      element(n);
    } else {
      children(n);
    }
  }

  Rendered finish() {
    block();
    return Rendered{std::move(text_), std::move(md_)};
  }

 private:
  struct List {
    bool ordered = false;
    int next = 1;
    std::size_t indent = 0;       // spaces before this list's markers
    std::size_t cont_indent = 0;  // spaces before the lines that continue an item
  };

  void children(const xmlNode* n) {
    for (const xmlNode* c = n->children; c; c = c->next) node(c);
  }

  void element(const xmlNode* n) {
    const std::string_view tag = name(n);
    if (never_rendered(tag)) return;
    if (tag == "br") return line_break();
    if (tag == "hr") return rule();
    if (tag == "pre") return preformatted(n);
    if (int level = heading_level(tag)) return heading(n, level);
    if (tag == "ul" || tag == "ol") return list(n, tag == "ol");
    if (tag == "li") return item(n);
    if (tag == "blockquote") {
      block();
      ++quote_;
      children(n);
      block();
      --quote_;
      return;
    }
    if (tag == "tr") {
      block();
      cells_ = 0;
      children(n);
      block();
      return;
    }
    if (tag == "td" || tag == "th") {
      if (cells_++ > 0 && !tl_.empty()) {
        tl_ += " | ";
        ml_ += " | ";
        space_ = false;
      }
      children(n);
      return;
    }
    if (tag == "a") return link(n);
    if (tag == "strong" || tag == "b") return emphasis(n, "**", strong_);
    if (tag == "em" || tag == "i") return emphasis(n, "*", em_);
    if (tag == "code" || tag == "kbd" || tag == "tt") return code(n);
    if (is_block(tag)) {
      block();
      children(n);
      block();
      return;
    }
    children(n);  // inline: span, font, u, small, sup, label, ...
  }

  // ---- inline text ------------------------------------------------------------

  void text(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (html::is_space(c)) {
        space_ = true;
        continue;
      }
      if (c == '\xC2' && i + 1 < s.size() && (s[i + 1] == '\xA0' || s[i + 1] == '\xAD')) {
        if (s[i + 1] == '\xA0') space_ = true;  // no-break space: a space; soft hyphen: nothing
        ++i;
        continue;
      }
      if (c == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' && (s[i + 2] == '\x8B' || s[i + 2] == '\x8C' ||
                                                                    s[i + 2] == '\x8D' || s[i + 2] == '\xAF')) {
        if (s[i + 2] == '\xAF') space_ = true;  // narrow no-break space; zero-width ones vanish
        i += 2;
        continue;
      }
      if (space_ && !tl_.empty() && tl_.back() != ' ') {
        tl_ += ' ';
        ml_ += ' ';
      }
      space_ = false;
      tl_ += c;
      markdown_char(s, i);
    }
  }

  // One character of text in Markdown, escaped where it would be read as markup.
  void markdown_char(std::string_view s, std::size_t i) {
    const char c = s[i];
    auto alnum = [](char x) { return std::isalnum(static_cast<unsigned char>(x)) != 0; };
    switch (c) {
      case '\\':
      case '*':
      case '[':
      case ']':
      case '`':
        ml_ += '\\';
        break;
      case '_': {
        // Intraword underscores (snake_case) are never emphasis.
        bool inner = !ml_.empty() && alnum(ml_.back()) && i + 1 < s.size() && alnum(s[i + 1]);
        if (!inner) ml_ += '\\';
        break;
      }
      case '<':
        if (i + 1 < s.size() && (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/' ||
                                 s[i + 1] == '!' || s[i + 1] == '?'))
          ml_ += '\\';
        break;
      default:
        break;
    }
    ml_ += c;
  }

  // Inline markup wrapping what its children wrote, added once they are done
  // (so an empty <b></b> leaves nothing, and spaces stay outside the markers).
  struct Span {
    std::size_t text_at, md_at;
    unsigned line;  // the line it opened on (lines_ then)
  };
  Span open_span() {
    if (space_ && !tl_.empty() && tl_.back() != ' ') {
      tl_ += ' ';
      ml_ += ' ';
    }
    space_ = false;
    return Span{tl_.size(), ml_.size(), lines_};
  }
  // Wraps ml_[at..] as open + content + close; false when it was only spaces
  // (or a block boundary flushed it away).
  bool wrap(const Span& s, std::string_view open, std::string_view close) {
    if (s.line != lines_) return false;  // a block inside it ended the line
    std::size_t lead = s.md_at;
    while (lead < ml_.size() && ml_[lead] == ' ') ++lead;
    if (lead == ml_.size()) return false;
    std::string inner = ml_.substr(lead);
    ml_.resize(lead);
    ml_ += open;
    ml_ += inner;
    ml_ += close;
    return true;
  }

  void emphasis(const xmlNode* n, std::string_view marker, int& depth) {
    if (depth > 0 || heading_ || code_) return children(n);
    ++depth;
    Span s = open_span();
    children(n);
    --depth;
    wrap(s, marker, marker);
  }

  void code(const xmlNode* n) {
    if (code_) return children(n);
    ++code_;
    Span s = open_span();
    children(n);
    --code_;
    if (s.line != lines_) return;
    std::string raw = tl_.substr(s.text_at);  // unescaped
    if (raw.empty()) return;
    std::string fence = raw.find('`') == std::string::npos ? "`" : "``";
    ml_.resize(s.md_at);
    ml_ += fence + (fence.size() > 1 ? " " : "") + raw + (fence.size() > 1 ? " " : "") + fence;
  }

  void link(const xmlNode* n) {
    std::string_view href = html::attr(n, "href");
    std::string url;
    if (!link_ && !href.empty() && href.front() != '#') {
      std::string h = html::lower(href.substr(0, 11));
      if (h.rfind("javascript:", 0) != 0) url = html::absolute_url(href, base_);
    }
    if (url.empty()) return children(n);
    ++link_;
    Span s = open_span();
    children(n);
    --link_;
    wrap(s, "[", "](" + link_target(url) + ")");
  }

  // ---- blocks -----------------------------------------------------------------

  // Ends the current line as a block of its own.
  void block() {
    flush();
    join_next_ = false;
  }

  void flush() {
    space_ = false;
    ++lines_;
    while (!tl_.empty() && tl_.back() == ' ') tl_.pop_back();  // a space an empty span left
    while (!ml_.empty() && ml_.back() == ' ') ml_.pop_back();
    if (tl_.empty()) {
      ml_.clear();
      return;
    }
    // Clean text: one line per block, list markers kept.
    if (!text_.empty()) text_ += '\n';
    text_ += text_prefix_;
    text_ += tl_;

    // Markdown: paragraphs apart, list items and broken lines together.
    std::size_t indent = lists_.empty() ? 0 : (md_prefix_.empty() || !item_start_ ? lists_.back().cont_indent
                                                                                    : lists_.back().indent);
    if (!md_.empty()) {
      if (join_next_) md_ += "\\\n";
      else if (in_list_line_ && !lists_.empty()) md_ += '\n';
      else md_ += "\n\n";
    }
    md_.append(indent, ' ');
    for (int q = 0; q < quote_; ++q) md_ += "> ";
    if (md_prefix_.empty()) escape_line_start();
    md_ += md_prefix_;
    md_ += ml_;

    in_list_line_ = !lists_.empty();
    item_start_ = false;
    text_prefix_.clear();
    md_prefix_.clear();
    tl_.clear();
    ml_.clear();
  }

  // A line that would start a heading, quote or list in Markdown.
  void escape_line_start() {
    if (ml_.empty()) return;
    char c = ml_[0];
    if (c == '#' || c == '>' || ((c == '-' || c == '+') && ml_.size() > 1 && ml_[1] == ' ')) {
      ml_.insert(ml_.begin(), '\\');
      return;
    }
    std::size_t d = 0;
    while (d < ml_.size() && d < 9 && std::isdigit(static_cast<unsigned char>(ml_[d]))) ++d;
    if (d > 0 && d + 1 < ml_.size() && (ml_[d] == '.' || ml_[d] == ')') && ml_[d + 1] == ' ') ml_.insert(d, "\\");
  }

  void line_break() {
    space_ = false;
    if (tl_.empty()) {
      join_next_ = false;  // <br><br>: a paragraph break
      return;
    }
    flush();
    join_next_ = true;
  }

  void rule() {
    block();
    if (!md_.empty()) md_ += "\n\n---";
    in_list_line_ = false;
  }

  void heading(const xmlNode* n, int level) {
    block();
    md_prefix_.assign(static_cast<std::size_t>(level), '#');
    md_prefix_ += ' ';
    text_prefix_.clear();
    ++heading_;
    children(n);
    --heading_;
    if (tl_.empty()) md_prefix_.clear();
    block();
    in_list_line_ = false;
  }

  void list(const xmlNode* n, bool ordered) {
    block();
    List l;
    l.ordered = ordered;
    if (ordered) {
      std::string_view start = html::attr(n, "start");
      int v = 0;
      for (char c : start) {
        if (!std::isdigit(static_cast<unsigned char>(c)) || v > 100000) break;
        v = v * 10 + (c - '0');
      }
      if (!start.empty() && v > 0) l.next = v;
    }
    l.indent = lists_.empty() ? 0 : lists_.back().cont_indent;
    l.cont_indent = l.indent + 2;
    lists_.push_back(l);
    children(n);
    block();
    lists_.pop_back();
    if (lists_.empty()) in_list_line_ = false;
  }

  void item(const xmlNode* n) {
    block();
    bool own_list = lists_.empty();
    if (own_list) lists_.push_back(List{});  // an <li> outside any list
    List& l = lists_.back();
    std::string marker = l.ordered ? std::to_string(l.next++) + ". " : "- ";
    l.cont_indent = l.indent + marker.size();
    text_prefix_ = marker;
    md_prefix_ = marker;
    item_start_ = true;
    children(n);
    block();
    text_prefix_.clear();
    md_prefix_.clear();
    item_start_ = false;
    if (own_list) {
      lists_.pop_back();
      in_list_line_ = false;
    }
  }

  void preformatted(const xmlNode* n) {
    block();
    std::string raw;
    raw_text(n, raw);
    while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r' || raw.back() == ' ')) raw.pop_back();
    std::size_t lead = 0;
    while (lead < raw.size() && (raw[lead] == '\n' || raw[lead] == '\r')) ++lead;
    raw.erase(0, lead);
    if (raw.empty()) return;
    if (!text_.empty()) text_ += '\n';
    text_ += raw;
    std::size_t indent = lists_.empty() ? 0 : lists_.back().cont_indent;
    std::string pad(indent, ' ');
    if (!md_.empty()) md_ += "\n\n";
    md_ += pad + "```\n" + pad;
    for (char c : raw) {
      md_ += c;
      if (c == '\n') md_ += pad;
    }
    md_ += "\n" + pad + "```";
    in_list_line_ = false;
  }

  static void raw_text(const xmlNode* n, std::string& out) {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) out += html::content(c);
      else if (c->type == XML_ELEMENT_NODE && name(c) == "br") out += '\n';
      else if (c->type == XML_ELEMENT_NODE && !never_rendered(name(c))) raw_text(c, out);
    }
  }

  std::string_view base_;
  const Skip& skip_;
  std::string text_, md_;        // finished lines
  std::string tl_, ml_;          // the line being built, as text and as Markdown
  std::string text_prefix_, md_prefix_;  // put before the line being built ("- ", "## ")
  bool space_ = false;           // whitespace seen since the last character
  bool join_next_ = false;       // the last line ended with <br>: a hard break, not a paragraph
  bool in_list_line_ = false;    // the last Markdown line was inside a list
  bool item_start_ = false;      // the line being built is the first of a list item
  std::vector<List> lists_;
  int quote_ = 0, heading_ = 0, strong_ = 0, em_ = 0, code_ = 0, link_ = 0;
  int cells_ = 0;
  unsigned lines_ = 0;  // lines ended so far (spans check it)
};

}  // namespace

Rendered render_nodes(const std::vector<const xmlNode*>& roots, std::string_view base_url, const Skip& skip) {
  Renderer r(base_url, skip);
  for (const xmlNode* n : roots)
    if (n) r.node(n);
  return r.finish();
}

}  // namespace ajd
