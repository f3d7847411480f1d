#include "linkedin_parse.hpp"

#include <ajsrc/html.hpp>
#include <ajsrc/text.hpp>

#include <cctype>

namespace linkedin {
namespace {

std::string strip_query(std::string url) {
  if (auto q = url.find('?'); q != std::string::npos) url.erase(q);
  return url;
}

// The id is the last run of digits of the URL's path (".../jobs/view/some-title-3995343936").
std::string id_from_url(std::string_view url) {
  std::string path = strip_query(std::string(url));
  size_t end = path.size();
  while (end > 0 && path[end - 1] == '/') --end;
  size_t b = end;
  while (b > 0 && std::isdigit(static_cast<unsigned char>(path[b - 1]))) --b;
  return b < end ? path.substr(b, end - b) : "";
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

}  // namespace

std::string query_param(std::string_view url, std::string_view name) {
  auto q = url.find('?');
  if (q == std::string_view::npos) return "";
  std::string_view rest = url.substr(q + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    auto eq = pair.find('=');
    if (pair.substr(0, eq) == name) return eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return "";
}

CardPage parse_cards(std::string_view html) {
  CardPage page;
  ajsrc::Html doc(html);
  // Two shapes exist: the whole card an <a class="base-search-card">, or a
  // <div class="base-search-card"> holding a.base-card__full-link.
  auto nodes = doc.select(".base-search-card, .job-search-card, [data-entity-urn^=\"urn:li:jobPosting:\"]");
  page.looks_like_cards = !nodes.empty() || !doc.select("li").empty();
  for (const auto& n : nodes) {
    // A card matched by more than one selector part is listed once; nested matches are skipped.
    bool nested = false;
    for (auto p = n.parent(); p && !nested; p = p.parent())
      nested = p.has_class("base-search-card") || p.has_class("job-search-card");
    if (nested) continue;
    Card c;
    std::string urn = n.attr("data-entity-urn");
    if (auto colon = urn.rfind(':'); colon != std::string::npos) c.id = urn.substr(colon + 1);
    std::string href = n.tag() == "a" ? n.attr("href") : n.first("a.base-card__full-link").attr("href");
    if (c.id.empty()) c.id = id_from_url(href);
    c.job_url = strip_query(href);
    c.title = n.first(".base-search-card__title").text();
    if (c.title.empty()) c.title = n.first("span.sr-only").text();
    auto subtitle = n.first(".base-search-card__subtitle");
    c.company = subtitle.text();
    c.company_url = strip_query(subtitle.first("a").attr("href"));
    c.company_logo = n.first("img.artdeco-entity-image").attr("data-delayed-url");
    c.location = n.first(".job-search-card__location").text();
    c.date_posted = n.first("time").attr("datetime");
    c.salary = n.first(".job-search-card__salary-info").text();
    c.benefits = n.first(".job-posting-benefits__text").text();
    if (c.id.empty() || c.title.empty()) continue;  // not a job card after all
    page.cards.push_back(std::move(c));
  }
  return page;
}

Detail parse_detail(std::string_view html) {
  Detail d;
  ajsrc::Html doc(html);
  auto markup = doc.first(".show-more-less-html__markup");
  d.has_markup = static_cast<bool>(markup);
  if (markup) d.description = ajsrc::html_to_text(markup.inner_html());
  for (const auto& item : doc.select(".description__job-criteria-item")) {
    std::string head = ajsrc::lower(item.first(".description__job-criteria-subheader").text());
    std::string value = item.first(".description__job-criteria-text").text();
    if (head == "seniority level") d.seniority = value;
    else if (head == "employment type") d.employment_type = value;
    else if (head == "industries") d.industries = value;
    else if (head == "job function") d.job_function = value;
  }
  // <code id="applyUrl" style="display: none"><!--"https://www.linkedin.com/jobs/view/externalApply/...?url=..."--></code>
  if (auto at = html.find("id=\"applyUrl\""); at != std::string_view::npos) {
    auto open = html.find("<!--", at);
    auto close = open == std::string_view::npos ? open : html.find("-->", open);
    if (close != std::string_view::npos) {
      std::string inner = ajsrc::trim(html.substr(open + 4, close - open - 4));
      if (inner.size() >= 2 && inner.front() == '"' && inner.back() == '"') inner = inner.substr(1, inner.size() - 2);
      inner = ajsrc::decode_entities(inner);
      std::string target = query_param(inner, "url");
      d.apply_url = target.empty() ? inner : target;
    }
  }
  return d;
}

}  // namespace linkedin
