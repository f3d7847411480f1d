#include "eluta_page.hpp"

#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/plugin.hpp>

#include <array>
#include <cctype>
#include <utility>

namespace eluta {

// What Eluta's cards are made of, per the third-party code SITES.md cites:
// div.organic-job[data-url="spl/<slug>-<hex>?imo=1"] holding a.lk-job-title,
// a.lk-employer, span.location > span, span.description and a.lastseen. The
// "no results" marker and the pagination block are guesses (no capture
// exists): several likely spellings, and text as a last resort.
const char* const kCardSelector = ".organic-job";

const char* const kReadySelector =
    ".organic-job, .no-results, #no-results, .noresults, #noresults, .no-jobs, "
    ".g-recaptcha, .h-captcha, iframe[src*=\"recaptcha\"], iframe[src*=\"hcaptcha\"], #challenge-form";

const char* const kReadPage = R"js((() => {
  const txt = e => e ? e.textContent.replace(/\s+/g, ' ').trim() : '';
  const abs = h => { try { return h && !/^(#|javascript:)/i.test(h) ? new URL(h, document.baseURI).href : ''; } catch (e) { return ''; } };
  const cards = [...document.querySelectorAll('.organic-job')].map(c => {
    const t = c.querySelector('a.lk-job-title');
    const emp = c.querySelector('a.lk-employer, .lk-employer');
    let salary = txt(c.querySelector('.salary'));
    const head = t && t.parentElement !== c ? t.parentElement : null;
    if (!salary && head) {
      const rest = txt(head).replace(txt(t), '').trim();
      if (/\$\s?\d/.test(rest)) salary = rest;
    }
    return {
      data_url: c.getAttribute('data-url') || '',
      title: txt(t),
      company: txt(emp),
      company_url: emp ? abs(emp.getAttribute('href')) : '',
      location: txt(c.querySelector('.location span, .location')),
      description: txt(c.querySelector('.description')),
      last_seen: txt(c.querySelector('.lastseen')),
      salary,
    };
  });
  const body = document.body ? document.body.innerText : '';
  const captcha = !!document.querySelector('.g-recaptcha, .h-captcha, iframe[src*="recaptcha"], iframe[src*="hcaptcha"], ' +
                                           'iframe[src*="challenges.cloudflare.com"], #challenge-form, #cf-challenge-running') ||
      /verify (that )?you are (a )?human|are you a robot|not a robot|unusual traffic|checking your browser/i.test(body);
  const no_results = !!document.querySelector('.no-results, #no-results, .noresults, #noresults, .no-jobs') ||
      /no jobs? (were |was )?found|did not match any jobs|returned no results/i.test(body);
  const pg = Number(new URLSearchParams(location.search).get('pg') || 1);
  const pager = document.querySelector('#pagination, .pagination');
  const more = pager ? [...pager.querySelectorAll('a[href]')].some(a => {
    const n = Number(new URL(a.href, document.baseURI).searchParams.get('pg'));
    return n > pg;
  }) : null;
  const nav = performance.getEntriesByType('navigation')[0];
  return {status: nav && nav.responseStatus || 0, url: location.href, title: document.title,
          cards, captcha, no_results, more};
})())js";

namespace {

std::string text(const boost::json::value& v, std::string_view key) { return ajsrc::collapse_spaces(ajsrc::str(v, key)); }

// Eluta marks some employers with a badge inside the employer line.
std::string without_badge(std::string company) {
  static constexpr std::string_view kBadge = "TOP EMPLOYER";
  if (auto i = company.find(kBadge); i != std::string::npos) company.erase(i, kBadge.size());
  return ajsrc::collapse_spaces(company);
}

bool is_hex(std::string_view s) {
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

}  // namespace

Page parse_page(std::string_view json, std::string_view what) {
  boost::json::value v = ajsrc::parse_json(json, what);
  const auto* list = ajsrc::array(v, "cards");
  if (!v.is_object() || !list)
    throw aj::SourceError(aj::Outcome::layout_changed,
                          std::string(what) + ": the page reader returned no card list; the eluta plugin is broken");
  Page p;
  auto status = ajsrc::to_int64(ajsrc::num(v, "status"));
  p.status = status && *status > 0 && *status < 1000 ? static_cast<int>(*status) : 0;
  p.url = ajsrc::str(v, "url");
  p.title = text(v, "title");
  p.captcha = ajsrc::boolean(ajsrc::at(v, "captcha")).value_or(false);
  p.no_results = ajsrc::boolean(ajsrc::at(v, "no_results")).value_or(false);
  p.more = ajsrc::boolean(ajsrc::at(v, "more"));
  for (const auto& c : *list) {
    Card card;
    card.data_url = ajsrc::trim(ajsrc::str(c, "data_url"));
    card.title = text(c, "title");
    if (card.data_url.empty() || card.title.empty()) {
      ++p.unreadable;
      continue;
    }
    card.company = without_badge(text(c, "company"));
    card.company_url = ajsrc::str(c, "company_url");
    card.location = text(c, "location");
    card.description = text(c, "description");
    card.last_seen = text(c, "last_seen");
    card.salary = text(c, "salary");
    p.cards.push_back(std::move(card));
  }
  return p;
}

std::string card_id(std::string_view data_url) {
  std::string_view path = data_url.substr(0, data_url.find_first_of("?#"));
  if (auto slash = path.rfind('/'); slash != std::string_view::npos) path.remove_prefix(slash + 1);
  if (auto dash = path.rfind('-'); dash != std::string_view::npos) {
    std::string_view tail = path.substr(dash + 1);
    if (tail.size() == 32 && is_hex(tail)) return ajsrc::lower(tail);
  }
  if (path.size() == 32 && is_hex(path)) return ajsrc::lower(path);
  return std::string(path);
}

std::string card_url(std::string_view base, std::string_view data_url) {
  std::string_view path = data_url.substr(0, data_url.find_first_of("?#"));
  if (path.starts_with("http://") || path.starts_with("https://")) return std::string(path);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return std::string(base) + "/" + std::string(path);
}

std::string css_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r') continue;
    out += c;
  }
  return out + "\"";
}

}  // namespace eluta
