// Main-content reading: one post-order walk measures every element (visible
// text, link text, paragraphs, form controls) and spreads each paragraph's
// score to its three nearest ancestors, as Readability does; then the best
// scored container is taken (the container of a list or paragraph that won),
// joined by siblings that score nearly as well.
#include "main_content.hpp"

#include "html_doc.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>

namespace ajd {

using html::name;

struct MainContent::Stats {
  xmlNode* node = nullptr;
  uint32_t text = 0;        // visible characters below (whitespace runs count one)
  uint32_t link_text = 0;   // of which inside links
  uint32_t paragraphs = 0;  // p, li, pre, blockquote, td, dd below (and itself)
  uint32_t inputs = 0;      // visible form controls below
  uint32_t commas = 0;
  float score = 0;          // what the paragraphs below gave it
  bool scored = false;      // the score holds the tag and class prior
  bool dropped = false;     // page chrome: never counted, chosen or rendered

  float link_density() const { return text ? static_cast<float>(link_text) / static_cast<float>(text) : 0.f; }
  float final_score() const { return score * (1.f - link_density()); }
};

namespace {

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& set) {
  for (auto x : set)
    if (x == s) return true;
  return false;
}

constexpr std::array<std::string_view, 18> kChromeTags = {
    "nav",    "header",   "footer", "aside",  "script", "style", "noscript", "svg",  "iframe",
    "template", "object", "embed",  "canvas", "dialog", "menu",  "map",      "head", "link"};

constexpr std::array<std::string_view, 9> kChromeRoles = {
    "navigation", "banner", "contentinfo", "dialog", "alertdialog", "complementary", "menu", "menubar", "search"};

// Class and id words of page chrome (a word starting with one of these).
constexpr std::array<std::string_view, 32> kChromeWords = {
    "cookie",   "consent",  "gdpr",      "onetrust", "didomi",   "truste",     "usercentrics", "breadcrumb",
    "navbar",   "navigation", "menu",    "footer",   "sidebar",  "social",     "share",        "sharing",
    "related",  "similar",  "recommend", "newsletter", "subscribe", "signup",  "login",        "modal",
    "popup",    "overlay",  "advert",    "promo",    "pagination", "pager",    "comment",      "skiplink"};
constexpr std::array<std::string_view, 4> kChromeExact = {"nav", "ad", "ads", "skip"};

// Words that keep an element whatever else its class says, and raise its score.
constexpr std::array<std::string_view, 8> kContentWords = {"content", "description", "article", "posting",
                                                           "main",    "detail",      "body",    "entry"};

constexpr std::array<std::string_view, 6> kParagraphTags = {"p", "li", "pre", "blockquote", "td", "dd"};

constexpr std::array<std::string_view, 24> kBlockTags = {
    "p",     "div",   "section", "article", "main",  "ul",   "ol",     "li",  "table",  "tr",   "td",   "pre",
    "h1",    "h2",    "h3",      "h4",      "h5",    "h6",   "blockquote", "dl", "form", "header", "footer", "aside"};

// What an element's class and id words say ("job-description__body" -> job,
// description, body), read in place: this runs for every element.
struct Hints {
  bool content = false;  // a content word: never chrome, scores up
  bool chrome = false;   // a chrome word: left out (unless also content)
  bool weak = false;     // a word that only scores down (header, meta, widget, banner, apply)
};

bool chrome_word(std::string_view w) {
  if (one_of(w, kChromeExact)) return true;
  if (w == "shared") return false;
  for (auto p : kChromeWords)
    if (w.substr(0, p.size()) == p) return true;
  return false;
}

bool content_word(std::string_view w) {
  for (auto p : kContentWords)
    if (w.find(p) != std::string_view::npos) return true;
  return false;
}

void hint_word(std::string_view w, Hints& h) {
  h.content = h.content || content_word(w);
  h.chrome = h.chrome || chrome_word(w);
  h.weak = h.weak || w == "header" || w == "meta" || w == "widget" || w == "banner" || w == "apply";
}

Hints hints_of(const xmlNode* n) {
  Hints h;
  char word[48];
  for (const char* a : {"class", "id"}) {
    std::size_t len = 0;
    std::string_view v = html::attr(n, a);
    for (std::size_t i = 0; i <= v.size(); ++i) {
      unsigned char c = i < v.size() ? static_cast<unsigned char>(v[i]) : ' ';
      if (std::isalnum(c)) {
        if (len < sizeof word) word[len++] = static_cast<char>(std::tolower(c));
      } else if (len) {
        hint_word(std::string_view(word, len), h);
        len = 0;
      }
    }
  }
  return h;
}

bool hidden(const xmlNode* n) {
  if (html::has_attr(n, "hidden")) return true;
  if (html::lower(html::attr(n, "aria-hidden")) == "true") return true;
  std::string_view style = html::attr(n, "style");
  if (style.empty()) return false;
  std::string s;
  for (char c : style)
    if (!html::is_space(c)) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

// Page chrome: left out of everything.
bool is_chrome(const xmlNode* n, std::string_view tag, const Hints& hints) {
  if (one_of(tag, kChromeTags)) return true;
  if (hidden(n)) return true;
  if (tag == "main" || tag == "article") return false;
  std::string_view role = html::attr(n, "role");
  if (!role.empty() && one_of(html::lower(role), kChromeRoles)) return true;
  return hints.chrome && !hints.content;
}

// The prior an element's kind and its class give its score.
float prior(std::string_view tag, const Hints& hints) {
  float p = 0;
  if (tag == "div") p = 5;
  else if (tag == "main" || tag == "article") p = 10;
  else if (tag == "section") p = 3;
  else if (tag == "pre" || tag == "td" || tag == "blockquote") p = 3;
  else if (tag == "address" || tag == "ol" || tag == "ul" || tag == "dl" || tag == "dd" || tag == "dt" ||
           tag == "li" || tag == "form")
    p = -3;
  else if ((tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') || tag == "th")
    p = -5;
  if (hints.content) p += 25;
  if (hints.chrome || hints.weak) p -= 25;
  return p;
}

// Visible characters of a text run (UTF-8 code points; whitespace runs count one).
void count_text(std::string_view s, uint32_t& chars, uint32_t& commas) {
  bool space = true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (html::is_space(static_cast<char>(c)) || (c == 0xC2 && i + 1 < s.size() && s[i + 1] == '\xA0')) {
      if (!space) ++chars;
      space = true;
      continue;
    }
    space = false;
    if ((c & 0xC0) != 0x80) ++chars;
    if (c == ',') ++commas;
  }
}

bool visible_input(const xmlNode* n, std::string_view tag) {
  if (tag == "select" || tag == "textarea") return true;
  if (tag != "input") return false;
  std::string type = html::lower(html::attr(n, "type"));
  return type != "hidden" && type != "submit" && type != "button";
}

}  // namespace

MainContent::MainContent(xmlNode* body) : body_(body) {
  if (!body_) return;
  stats_.reserve(2048);
  measure(body_, 0);
  choose();
  skip_ = [this](const xmlNode* n) {
    const Stats* s = stats(n);
    if (!s) return false;
    if (s->dropped) return true;
    std::string_view tag = name(n);
    if (tag == "h1") return true;  // the job's title: a field of its own, not part of the description
    // A block of links inside the content (share buttons, "more jobs") that
    // no class named.
    bool links_block = (tag == "ul" || tag == "ol" || tag == "div" || tag == "section" || tag == "table") &&
                       s->text > 0 && s->link_text * 10 > s->text * 6;
    if (!links_block) return false;
    for (const xmlNode* r : roots_)
      if (r == n) return false;
    return true;
  };
}

MainContent::~MainContent() {
  for (Stats& s : stats_) s.node->_private = nullptr;
}

MainContent::Stats* MainContent::stats(const xmlNode* n) const {
  auto i = reinterpret_cast<std::uintptr_t>(n ? n->_private : nullptr);
  if (i == 0 || i > stats_.size()) return nullptr;
  return const_cast<Stats*>(&stats_[i - 1]);
}

void MainContent::measure(xmlNode* n, int depth) {
  stats_.push_back(Stats{});
  const std::size_t index = stats_.size() - 1;
  stats_[index].node = n;
  n->_private = reinterpret_cast<void*>(static_cast<std::uintptr_t>(index + 1));
  const std::string_view tag = name(n);
  if (n != body_ && is_chrome(n, tag, hints_of(n))) {
    stats_[index].dropped = true;
    return;
  }

  // Children first (stats_ may grow meanwhile: index, never a reference).
  uint32_t text = 0, link_text = 0, paragraphs = 0, inputs = 0, commas = 0;
  bool block_child = false;
  ancestors_.push_back(n);
  for (xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      count_text(html::content(c), text, commas);
    } else if (c->type == XML_ELEMENT_NODE && depth < 400) {
      measure(c, depth + 1);
      const Stats& cs = *stats(c);
      block_child = block_child || one_of(name(c), kBlockTags);
      if (cs.dropped) continue;
      text += cs.text, link_text += cs.link_text, paragraphs += cs.paragraphs, inputs += cs.inputs;
      commas += cs.commas;
    }
  }
  ancestors_.pop_back();

  Stats& s = stats_[index];
  s.text = text, s.link_text = tag == "a" ? text : link_text, s.paragraphs = paragraphs, s.inputs = inputs;
  s.commas = commas;
  if (visible_input(n, tag)) ++s.inputs;
  if (one_of(tag, kParagraphTags)) ++s.paragraphs;
  // An application form (more fields than paragraphs) is chrome; a page that
  // wraps everything in one <form> (ASP.NET) is not.
  if ((tag == "form" || tag == "fieldset") && s.inputs > 0 && s.inputs * 3 > s.paragraphs) {
    s.dropped = true;
    return;
  }

  // A paragraph (or a <div> used as one) scores its ancestors.
  bool paragraph = one_of(tag, kParagraphTags) || ((tag == "div" || tag == "section") && !block_child);
  if (!paragraph || s.text < 25) return;
  float points = 1.f + static_cast<float>(s.commas) + static_cast<float>(std::min<uint32_t>(s.text / 100, 3));
  float share = 1.f;
  for (std::size_t level = 0; level < 3 && level < ancestors_.size(); ++level) {
    xmlNode* a = ancestors_[ancestors_.size() - 1 - level];
    Stats* as = stats(a);
    if (!as->scored) {
      as->score += prior(name(a), hints_of(a));
      as->scored = true;
    }
    as->score += points * share;
    share = level == 0 ? 0.5f : 1.f / 3.f;
  }
}

void MainContent::choose() {
  const Stats* best = nullptr;
  for (const Stats& s : stats_)
    if (s.scored && !s.dropped && (!best || s.final_score() > best->final_score())) best = &s;
  xmlNode* top = best ? best->node : body_;

  // A list, a paragraph or a table cell is part of a container: take that.
  auto part = [](std::string_view t) {
    static constexpr std::array<std::string_view, 13> kParts = {"ul", "ol", "li", "p", "td", "tr", "tbody", "table",
                                                                "pre", "dd", "dl", "blockquote", "span"};
    return one_of(t, kParts);
  };
  while (top != body_ && top->parent && part(name(top))) top = top->parent;

  const Stats* ts = stats(top);
  if (!ts) return;
  if (top == body_ || !top->parent) {
    roots_.push_back(top);
  } else {
    // Siblings that score nearly as well are more of the posting (one section
    // each), with the heading just before each.
    const float threshold = std::max(10.f, ts->final_score() * 0.2f);
    const xmlNode* heading = nullptr;  // the last heading seen, until something else comes
    for (xmlNode* c = top->parent->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      const Stats* cs = stats(c);
      if (!cs || cs->dropped) continue;
      std::string_view tag = name(c);
      bool keep = c == top;
      if (!keep) {
        bool scored_sibling = cs->scored && cs->final_score() >= threshold && cs->link_density() < 0.3f;
        bool long_paragraph = tag == "p" && cs->text > 80 && cs->link_density() < 0.25f;
        keep = scored_sibling || long_paragraph;
      }
      if (keep && heading) roots_.push_back(heading);
      if (keep) roots_.push_back(c);
      heading = tag.size() == 2 && tag[0] == 'h' && tag[1] >= '2' && tag[1] <= '6' && !keep ? c : nullptr;
    }
  }
  uint32_t total = 0;
  for (const xmlNode* r : roots_) total += stats(r)->text;
  if (total < 80) roots_.clear();
}

}  // namespace ajd
