// read_page: one parse of the page, its JobPosting JSON-LD first, its main
// content when the JSON-LD has no description worth keeping (or the caller
// prefers the page's own text), then the title and company from the page.
#include "describe/page.hpp"

#include "html_doc.hpp"
#include "jsonld.hpp"
#include "main_content.hpp"
#include "render.hpp"

#include <ajsrc/ats.hpp>
#include <ajsrc/text.hpp>

#include <cctype>

namespace ajd {

namespace {

// Below this many characters a description is a teaser, not the posting.
constexpr std::size_t kMinUseful = 100;

bool looks_like_html(std::string_view s) {
  for (std::size_t at = s.find('<'); at != std::string_view::npos && at + 1 < s.size(); at = s.find('<', at + 1)) {
    char c = s[at + 1];
    if ((std::isalpha(static_cast<unsigned char>(c)) || c == '/' || c == '!') && s.find('>', at) != std::string_view::npos)
      return true;
  }
  return false;
}

// A page whose scripts never ran shows its templates ("{{ job.title }}",
// "{$ job.summary $}"): no description there.
bool unrendered_template(std::string_view text) {
  int marks = 0;
  for (std::string_view m : {"{{", "{$", "{%"})
    for (std::size_t at = text.find(m); at != std::string_view::npos; at = text.find(m, at + 2)) ++marks;
  return marks >= 3;
}

bool bullet_line(std::string_view line, std::size_t& skip) {
  for (std::string_view b : {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x97\x8F", "\xE2\x96\xAA", "\xE2\x80\x93", "-", "*", "+"}) {
    if (line.substr(0, b.size()) == b && line.size() > b.size() && html::is_space(line[b.size()])) {
      skip = b.size() + 1;
      return true;
    }
  }
  return false;
}

void escape_into(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
}

// Some employers separate the items of a plain-text list with "&nbsp;" alone
// ("...experiences&nbsp;Implement custom..."): with two or more such joins
// between a word and a capital, and no line breaks, those are list items.
std::string split_nbsp_items(std::string_view s, bool& split) {
  split = false;
  if (s.find('\n') != std::string_view::npos) return std::string(s);
  constexpr std::string_view kNbsp = "&nbsp;";
  int joins = 0;
  for (std::size_t at = s.find(kNbsp); at != std::string_view::npos; at = s.find(kNbsp, at + 1)) {
    std::size_t next = at + kNbsp.size();
    if (at > 0 && !html::is_space(s[at - 1]) && next < s.size() && std::isupper(static_cast<unsigned char>(s[next])))
      ++joins;
  }
  if (joins < 2) return std::string(s);
  split = true;
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t next = i + kNbsp.size();
    if (s.compare(i, kNbsp.size(), kNbsp) == 0 && i > 0 && !html::is_space(s[i - 1]) && next < s.size() &&
        std::isupper(static_cast<unsigned char>(s[next]))) {
      out += '\n';
      i = next;
    } else {
      out += s[i++];
    }
  }
  return out;
}

// Plain text as HTML: blank lines between paragraphs, each other line a
// paragraph of its own, bulleted lines ("• ", "- ") a list.
std::string plain_to_html(std::string_view plain) {
  bool items = false;
  std::string text = html::decode_entities(split_nbsp_items(plain, items));
  std::string out;
  bool in_list = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = ajsrc::trim(std::string_view(text).substr(start, end - start));
    start = end + 1;
    if (line.empty()) {
      if (in_list) out += "</ul>", in_list = false;
      if (end == text.size()) break;
      continue;
    }
    std::size_t skip = 0;
    bool bullet = items || bullet_line(line, skip);
    if (bullet) {
      if (!in_list) out += "<ul>", in_list = true;
      out += "<li>";
      escape_into(out, std::string_view(line).substr(skip));
      out += "</li>";
    } else {
      if (in_list) out += "</ul>", in_list = false;
      out += "<p>";
      escape_into(out, line);
      out += "</p>";
    }
    if (end == text.size()) break;
  }
  if (in_list) out += "</ul>";
  return out;
}

// "\n" written out as two characters (a description escaped twice on its way
// into the JSON) is a line break.
std::string unescape_literal_breaks(std::string_view s) {
  if (s.find('\\') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'n' || s[i + 1] == 'r' || s[i + 1] == 't')) {
      out += s[i + 1] == 't' ? ' ' : '\n';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string meta_content(xmlDoc* doc, const char* property) {
  std::string q = std::string("//meta[@property='") + property + "' or @name='" + property + "']";
  for (xmlNode* m : html::xpath(doc, q.c_str()))
    if (std::string v = ajsrc::collapse_spaces(html::attr(m, "content")); !v.empty()) return v;
  return "";
}

// "Senior Engineer | Acme Careers" -> "Senior Engineer" when the site is "Acme Careers".
std::string strip_site_suffix(std::string title, std::string_view site) {
  if (site.empty() || title.size() <= site.size() + 3) return title;
  if (title.compare(title.size() - site.size(), site.size(), site) != 0) return title;
  std::string head = ajsrc::trim(std::string_view(title).substr(0, title.size() - site.size()));
  while (!head.empty() && (head.back() == '|' || head.back() == '-' || head.back() == ':' || head.back() == ' '))
    head.pop_back();
  return head.empty() ? title : head;
}

void read_title(xmlDoc* doc, PageInfo& info) {
  std::vector<std::string> h1s;
  for (xmlNode* h : html::xpath(doc, "//h1"))
    if (std::string t = html::text_of(h); t.size() >= 2 && t.size() <= 200) h1s.push_back(t);
  std::string site = meta_content(doc, "og:site_name");
  std::string title;
  if (h1s.size() == 1) title = h1s[0];
  if (title.empty()) title = strip_site_suffix(meta_content(doc, "og:title"), site);
  if (title.empty() && !h1s.empty()) title = h1s[0];
  if (!title.empty()) info.title = title, info.title_from = Origin::page;
}

std::string base_url(xmlDoc* doc, std::string_view url) {
  for (xmlNode* b : html::xpath(doc, "//base[@href]")) {
    std::string href = html::absolute_url(html::attr(b, "href"), url);
    if (!href.empty()) return href;
  }
  return std::string(url);
}

}  // namespace

const char* origin_name(Origin o) {
  switch (o) {
    case Origin::jsonld: return "jsonld";
    case Origin::page: return "page";
    case Origin::none: break;
  }
  return "";
}

Rendered render_fragment(std::string_view fragment, std::string_view base_url) {
  html::DocPtr doc = html::parse(fragment, "UTF-8");
  if (!doc) return {};
  return render_nodes({html::body(doc.get())}, base_url);
}

Rendered render_description(std::string_view text, std::string_view base_url) {
  std::string s = unescape_literal_breaks(text);
  if (looks_like_html(s)) return render_fragment(s, base_url);
  // HTML written as entities ("&lt;p&gt;"), as some boards send it.
  if (s.find("&lt;") != std::string::npos) {
    std::string decoded = html::decode_entities(s);
    if (looks_like_html(decoded)) return render_fragment(decoded, base_url);
  }
  return render_fragment(plain_to_html(s), base_url);
}

std::optional<std::vector<std::string>> ld_json_scanned(std::string_view html) { return html::scan_ld_json(html); }

std::vector<std::string> ld_json_parsed(std::string_view html, std::string_view charset) {
  html::DocPtr doc = html::parse(html, charset);
  return doc ? html::ld_json(doc.get()) : std::vector<std::string>{};
}

PageInfo read_page(std::string_view page, std::string_view url, Prefer prefer, std::string_view charset) {
  PageInfo info;
  info.ats = ajsrc::ats_from_url(url);
  if (info.ats.empty()) info.ats = ajsrc::ats_from_page(page);

  // Most of a page's parse is its chrome. When its JobPosting alone gives all
  // that the parsed page would (a real description, the title, the company),
  // the tree is never built: the result is the same, at a tenth of the cost.
  if (prefer == Prefer::jsonld && html::encoding_of(page, charset) == "UTF-8") {
    if (auto blocks = html::scan_ld_json(page)) {
      if (auto posting = find_jobposting(*blocks)) {
        PageInfo quick = info;
        read_jobposting(*posting, url, quick);
        if (quick.description_text.size() >= kMinUseful && !quick.title.empty() && !quick.company.empty())
          return quick;
      }
    }
  }

  html::DocPtr doc = html::parse(page, charset);
  if (!doc) return info;
  const std::string base = base_url(doc.get(), url);

  if (auto posting = find_jobposting(html::ld_json(doc.get()))) read_jobposting(*posting, base, info);

  // The page's own text when the JSON-LD has no real description, or is not preferred.
  bool weak = info.description_text.size() < kMinUseful;
  if (weak || prefer == Prefer::content) {
    MainContent content(html::body(doc.get()));
    if (!content.roots().empty()) {
      Rendered r = render_nodes(content.roots(), base, content.skip());
      bool longer = r.text.size() > info.description_text.size();
      bool take = prefer == Prefer::content ? r.text.size() >= kMinUseful || longer : longer;
      if (take && r.text.size() >= kMinUseful && !unrendered_template(r.text)) {
        info.description_text = std::move(r.text);
        info.description_markdown = std::move(r.markdown);
        info.description_from = Origin::page;
      }
    }
  }
  if (info.title.empty()) read_title(doc.get(), info);
  if (info.company.empty()) {
    info.company = meta_content(doc.get(), "og:site_name");
    if (!info.company.empty()) info.company_from = Origin::page;
  }
  return info;
}

}  // namespace ajd
