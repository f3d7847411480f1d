// Normalisation of company, title, place, apply URL and requisition id for
// de-duplication. Everything works on folded text (fold) cut into words by hand.
#include "normalize.hpp"

#include "ajsrc/latin1.hpp"

#include <algorithm>
#include <array>

namespace aj::dedup {
namespace {

bool word_byte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80; }
bool digit(char c) { return c >= '0' && c <= '9'; }

template <std::size_t N>
bool in(std::string_view word, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), word) != std::end(set);
}

using ajsrc::latin1_ascii;

// Legal forms dropped from the end of a company name.
constexpr std::string_view kLegalSuffixes[] = {
    "inc", "incorporated", "corp", "corporation", "co",  "company", "cos", "ltd",  "limited", "llc", "llp",
    "lp",  "plc",          "gmbh", "ag",          "sa",  "sas",     "srl", "bv",   "nv",      "pty", "ulc",
    "ltee", "pc",          "pllc", "se",          "oy",  "ab",      "kk",  "spa",  "sarl",    "lte"};
constexpr std::string_view kCompanyCountries[] = {"canada", "usa", "us", "ca"};

// Canadian provinces and territories, and the countries boards name, as words.
constexpr std::string_view kRegionWords[] = {
    "ontario", "on",     "quebec",  "qc",        "british", "columbia", "bc",     "alberta", "ab",
    "manitoba", "mb",    "saskatchewan", "sk",   "nova",    "scotia",   "ns",     "brunswick", "nb",
    "newfoundland", "labrador", "nl", "prince",  "edward",  "island",   "pei",    "pe",      "yukon",
    "yt",      "nunavut", "nu",     "northwest", "territories", "nt",   "canada", "usa",     "us",
    "america", "united", "states"};
// Whole places that are a region or a country, not a city.
constexpr std::string_view kRegions[] = {
    "ontario", "on", "quebec", "qc", "british columbia", "bc", "alberta", "ab", "manitoba", "mb", "saskatchewan",
    "sk", "nova scotia", "ns", "new brunswick", "nb", "newfoundland and labrador", "newfoundland", "nl",
    "prince edward island", "pei", "pe", "yukon", "nunavut", "northwest territories", "canada", "usa", "us",
    "united states", "united states of america", "united kingdom", "uk"};
// Cities boards put after a title ("Engineer - Vancouver") when the posting's
// own place does not say so; the posting's place words are added per posting.
constexpr std::string_view kCityWords[] = {
    "toronto", "mississauga", "brampton", "vaughan", "markham", "oakville", "burlington", "hamilton",
    "ottawa",  "montreal",    "vancouver", "burnaby", "surrey",  "calgary", "edmonton", "winnipeg",
    "waterloo", "kitchener",  "london",  "halifax", "victoria", "regina",  "saskatoon", "guelph",
    "gta",     "greater",     "area",    "region",  "metro",   "downtown", "york",    "new",
    "seattle", "boston",      "chicago", "austin",  "san",     "francisco", "national", "nationwide"};

// Words that say how or on what terms one works, not what the job is.
constexpr std::string_view kTermsWords[] = {
    "remote", "hybrid", "onsite", "wfh", "flexible", "fulltime", "parttime", "contract", "contractor",
    "permanent", "temporary", "temp", "fixed", "term", "casual", "seasonal", "freelance", "month", "months",
    "mo", "year", "years", "weeks", "ft", "pt", "virtual"};
// Words that fill a title without changing the job ("Engineer (Job ID 123)", "(m/f/d)").
constexpr std::string_view kFillerWords[] = {
    "in",     "of",      "the",     "and",      "or",     "for",     "to",     "a",        "an",    "at",
    "with",   "based",   "position", "opportunity", "opening", "role", "job",   "jobs",     "hiring", "urgent",
    "urgently", "now",   "immediate", "start",  "asap",   "req",     "requisition", "ref", "id",    "no",
    "number", "posting", "m",       "f",        "d",      "w",       "h",      "x"};
// Dropped from a title wherever they are.
constexpr std::string_view kAlwaysDropped[] = {
    "of", "and", "the", "a", "an", "for", "to", "in", "at", "with", "req", "requisition", "ref",
    "level", "lvl", "remote", "hybrid", "onsite", "wfh"};
// Level words (after abbreviations are expanded): titles that differ in these are different jobs.
constexpr std::string_view kLevelWords[] = {
    "intern", "coop", "newgrad", "junior", "intermediate", "senior", "staff", "principal", "lead",
    "head", "director", "vp", "chief", "associate", "distinguished", "trainee", "apprentice",
    "1", "2", "3", "4", "5", "6", "7", "8", "9"};

struct Abbrev {
  std::string_view from;
  std::string_view to;  // may be two words
};
constexpr Abbrev kAbbrevs[] = {
    {"sr", "senior"}, {"snr", "senior"}, {"jr", "junior"}, {"jnr", "junior"}, {"eng", "engineer"},
    {"engr", "engineer"}, {"engg", "engineer"}, {"mgr", "manager"}, {"mngr", "manager"}, {"dev", "developer"},
    {"sw", "software"}, {"swe", "software engineer"}, {"sde", "software development engineer"},
    {"admin", "administrator"}, {"assoc", "associate"}, {"asst", "assistant"}, {"dir", "director"},
    {"spec", "specialist"}, {"coord", "coordinator"}, {"rep", "representative"}, {"mktg", "marketing"},
    {"ops", "operations"}, {"intermed", "intermediate"}, {"mid", "intermediate"}, {"entry", "junior"},
    {"graduate", "newgrad"}, {"internship", "intern"}, {"i", "1"}, {"ii", "2"}, {"iii", "3"}, {"iv", "4"},
    {"v", "5"}, {"engineers", "engineer"}, {"qa", "quality assurance"}, {"ml", "machine learning"},
    {"ai", "artificial intelligence"}, {"hr", "human resources"}, {"it", "information technology"},
    {"bi", "business intelligence"}, {"csr", "customer service representative"}, {"rn", "registered nurse"},
    {"sre", "site reliability engineer"}, {"dba", "database administrator"},
};

// "r12345", "2024", "jr1234": a requisition id or a year, not a word of the job.
bool id_like(std::string_view w) {
  std::size_t digits = std::count_if(w.begin(), w.end(), digit);
  return w.size() >= 4 && digits >= 3;
}
bool number(std::string_view w) { return !w.empty() && std::all_of(w.begin(), w.end(), digit); }

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !word_byte(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t start = i;
    while (i < s.size() && word_byte(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

// Joins two-word phrases that mean one thing: vice president, co-op, full-time, on-site.
void join_phrases(std::vector<std::string>& w) {
  struct Phrase {
    std::string_view a, b, to;
  };
  static constexpr Phrase phrases[] = {{"vice", "president", "vp"},
                                                     {"co", "op", "coop"},
                                                     {"full", "time", "fulltime"},
                                                     {"part", "time", "parttime"},
                                                     {"on", "site", "onsite"},
                                                     {"in", "office", "onsite"},
                                                     {"new", "grad", "newgrad"},
                                                     {"entry", "level", "junior"},
                                                     {"mid", "level", "intermediate"}};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    bool joined = false;
    if (i + 1 < w.size()) {
      for (const Phrase& p : phrases) {
        if (w[i] == p.a && w[i + 1] == p.b) {
          out.emplace_back(p.to);
          ++i;
          joined = true;
          break;
        }
      }
    }
    if (!joined) out.push_back(std::move(w[i]));
  }
  w = std::move(out);
}

void expand_abbreviations(std::vector<std::string>& w) {
  std::vector<std::string> out;
  out.reserve(w.size() + 2);
  for (std::string& word : w) {
    auto it = std::find_if(std::begin(kAbbrevs), std::end(kAbbrevs), [&](const Abbrev& a) { return a.from == word; });
    if (it == std::end(kAbbrevs)) {
      out.push_back(std::move(word));
      continue;
    }
    std::string_view to = it->to;
    while (!to.empty()) {
      std::size_t sp = to.find(' ');
      out.emplace_back(to.substr(0, sp));
      to = sp == std::string_view::npos ? std::string_view() : to.substr(sp + 1);
    }
  }
  w = std::move(out);
}

// "c++" -> "cpp", "c#" -> "csharp", ".net" -> "dotnet", before punctuation goes.
std::string protect_symbols(std::string_view f) {
  std::string out;
  out.reserve(f.size() + 8);
  for (std::size_t i = 0; i < f.size(); ++i) {
    bool word_start = i == 0 || !word_byte(static_cast<unsigned char>(f[i - 1]));
    if (word_start && f.compare(i, 3, "c++") == 0) {
      out += " cpp ";
      i += 2;
    } else if (word_start && (f.compare(i, 2, "c#") == 0 || f.compare(i, 2, "f#") == 0)) {
      out += f[i] == 'c' ? " csharp " : " fsharp ";
      i += 1;
    } else if (word_start && f.compare(i, 4, ".net") == 0 &&
               (i + 4 == f.size() || !word_byte(static_cast<unsigned char>(f[i + 4])))) {
      out += " dotnet ";
      i += 3;
    } else {
      out += f[i];
    }
  }
  return out;
}

struct Segment {
  std::string text;
};

// Cuts a folded title at " - ", ",", "|", ";", "@" and around brackets.
std::vector<Segment> segments(std::string_view f) {
  std::vector<Segment> out(1);
  std::vector<std::size_t> open;  // indices of bracketed segments being read, innermost last
  std::size_t top = 0;            // the segment outside brackets being read
  auto current = [&]() -> std::string& { return out[open.empty() ? top : open.back()].text; };
  for (std::size_t i = 0; i < f.size(); ++i) {
    char c = f[i];
    if (c == '(' || c == '[') {
      out.push_back({});
      open.push_back(out.size() - 1);
    } else if ((c == ')' || c == ']') && !open.empty()) {
      open.pop_back();
    } else if (open.empty() && (c == ',' || c == '|' || c == ';' || c == '@' ||
                                (c == '-' && i > 0 && f[i - 1] == ' ' && i + 1 < f.size() && f[i + 1] == ' ') ||
                                (c == ':' && i + 1 < f.size() && f[i + 1] == ' '))) {
      out.push_back({});
      top = out.size() - 1;
    } else {
      current() += c;
    }
  }
  return out;
}

bool place_word(std::string_view w, const TitleContext& ctx) {
  return in(w, kRegionWords) || in(w, kCityWords) ||
         std::find(ctx.place_words.begin(), ctx.place_words.end(), w) != ctx.place_words.end();
}

// A segment that names only a place, terms, filler or an id ("Remote", "Toronto, ON",
// "(12-month contract)", "(Req #12345)", "(m/f/d)"), or only the company.
bool noise_segment(const std::vector<std::string>& w, const TitleContext& ctx) {
  if (w.empty()) return true;
  if (!ctx.company.empty()) {
    std::string joined;
    for (const std::string& x : w) joined += x;
    if (joined == ctx.company) return true;
  }
  bool any_noise = false;
  for (const std::string& x : w) {
    if (number(x) && !id_like(x)) continue;  // "12" of "12 month contract"
    if (id_like(x) || in(x, kTermsWords) || in(x, kFillerWords) || place_word(x, ctx)) {
      any_noise = true;
      continue;
    }
    return false;
  }
  return any_noise;
}

std::string join(const std::vector<std::string>& w, std::string_view sep) {
  std::string out;
  for (const std::string& x : w) {
    if (!out.empty()) out += sep;
    out += x;
  }
  return out;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool tracking_param(std::string_view name) {
  static constexpr std::string_view names[] = {
      "gh_src", "source",  "src",     "ref",      "referer",  "referrer", "lever-source", "lever-origin",
      "lever-via", "trk",  "trkinfo", "trackingid", "refid",  "fbclid",   "gclid",        "msclkid",
      "mc_cid", "mc_eid",  "_hsenc",  "_hsmi",    "iis",      "iisn",     "from",         "tk",
      "vjs",    "sjdu",    "advn",    "adid",     "campaign", "cmp",      "jobpipeline",  "codes",
      "pos",    "ao",      "guid",    "cs",       "cb",       "jrtk",     "xcust",        "position",
      "pagenum", "lipi",   "eid",     "s",        "t",        "vt",       "ea",           "originalsubdomain"};
  return name.starts_with("utm_") || name.starts_with("lever-source") || in(name, names);
}

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c);
    } else if (c == 0xC3 && i + 1 < text.size()) {
      std::string_view a = latin1_ascii(static_cast<unsigned char>(text[i + 1]));
      if (a.empty()) {
        out += text.substr(i, 2);
      } else {
        out += a;
      }
      ++i;
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      out += ' ';  // no-break space
      ++i;
    } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      // General punctuation: dashes, quotes, bullets, ellipsis.
      unsigned char d = static_cast<unsigned char>(text[i + 2]);
      if (d >= 0x90 && d <= 0x95) out += '-';
      else if (d == 0x98 || d == 0x99) out += '\'';
      else if (d == 0x9C || d == 0x9D) out += '"';
      else out += ' ';
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::vector<std::string> words_of(std::string_view folded) { return split_words(folded); }

std::string company_key(std::string_view company) {
  std::string f = fold(company);
  std::string cleaned;
  int depth = 0;
  for (char c : f) {
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if (depth > 0 || c == '\'' || c == '.' || c == '&') continue;  // "A.B.C.", "McDonald's", "AT&T"
    else cleaned += word_byte(static_cast<unsigned char>(c)) ? c : ' ';
  }
  std::vector<std::string> w = split_words(cleaned);
  std::erase(w, std::string("and"));
  if (w.size() > 1 && w.front() == "the") w.erase(w.begin());
  while (w.size() > 1) {
    const std::string& last = w.back();
    bool country = in(last, kCompanyCountries) && w[w.size() - 2] != "of";
    if (!in(last, kLegalSuffixes) && !country) break;
    w.pop_back();
  }
  return join(w, "");
}

TitleKey title_key(std::string_view title, const TitleContext& context) {
  const std::string f = protect_symbols(fold(title));
  std::vector<std::string> kept;
  std::vector<std::string> first;  // the first segment, should every segment be noise
  bool first_seen = false;
  for (const Segment& s : segments(f)) {
    std::vector<std::string> w = split_words(s.text);
    if (w.empty()) continue;
    join_phrases(w);
    expand_abbreviations(w);
    if (!first_seen) {
      first = w;
      first_seen = true;
    }
    if (noise_segment(w, context)) continue;
    for (std::string& x : w)
      if (!id_like(x) && !in(x, kAlwaysDropped)) kept.push_back(std::move(x));
  }
  if (kept.empty())
    for (std::string& x : first)
      if (!id_like(x)) kept.push_back(std::move(x));

  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  TitleKey out;
  std::vector<std::string> levels;
  for (const std::string& x : kept)
    if (in(x, kLevelWords)) levels.push_back(x);
  out.key = join(kept, " ");
  out.levels = join(levels, " ");
  out.words = std::move(kept);
  return out;
}

std::string place_key(std::string_view location, std::string_view city, bool is_remote) {
  const std::string floc = fold(location);
  std::vector<std::string> lw = split_words(floc);
  auto has = [&](std::string_view w) { return std::find(lw.begin(), lw.end(), w) != lw.end(); };
  if ((has("remote") || has("wfh")) && !has("hybrid")) return "remote";

  std::string cand;
  if (!trim_spaces(city).empty()) {
    cand = fold(city);
  } else {
    std::string_view l = floc;
    l = l.substr(0, l.find_first_of(",(|"));
    if (auto dash = l.find(" - "); dash != std::string_view::npos) l = l.substr(0, dash);
    cand = std::string(l);
  }
  std::vector<std::string> w = split_words(cand);
  join_phrases(w);  // "on site" -> onsite
  std::vector<std::string> cw;
  for (std::string& x : w) {
    if (x == "hybrid" || x == "remote" || x == "in" || x == "onsite" || x == "temporarily") continue;
    if (x == "st") x = "saint";
    else if (x == "ste") x = "sainte";
    cw.push_back(std::move(x));
  }
  // "Greater Toronto Area", "City of Toronto", "Downtown Toronto", "Metro Vancouver" -> the city.
  while (!cw.empty() && (cw.front() == "greater" || cw.front() == "downtown" || cw.front() == "metro" ||
                         cw.front() == "old"))
    cw.erase(cw.begin());
  if (cw.size() > 2 && cw[0] == "city" && cw[1] == "of") cw.erase(cw.begin(), cw.begin() + 2);
  while (!cw.empty() && (cw.back() == "area" || cw.back() == "region" || cw.back() == "downtown" ||
                         cw.back() == "metro" || cw.back() == "city"))
    cw.pop_back();
  std::string key = join(cw, " ");
  if (key == "gta" || key == "toronto") key = "toronto";
  else if (key == "nyc" || key == "new york") key = "new york";
  if (in(key, kRegions)) key.clear();
  if (key.empty() && is_remote) return "remote";
  return key;
}

std::vector<std::string> place_words(std::string_view location, std::string_view city, std::string_view state,
                                     std::string_view country) {
  std::vector<std::string> out;
  for (std::string_view part : {location, city, state, country})
    for (std::string& w : split_words(fold(part))) out.push_back(std::move(w));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string apply_url_key(std::string_view url) {
  std::string_view u = trim_spaces(url);
  if (auto hash = u.find('#'); hash != std::string_view::npos) u = u.substr(0, hash);
  if (auto scheme = u.find("://"); scheme != std::string_view::npos && scheme < 10) u = u.substr(scheme + 3);
  else if (u.starts_with("//")) u = u.substr(2);
  std::size_t host_end = u.find_first_of("/?");
  std::string host = fold(u.substr(0, host_end));
  if (auto at = host.find('@'); at != std::string::npos) host.erase(0, at + 1);
  if (auto colon = host.find(':'); colon != std::string::npos) host.erase(colon);
  if (host.starts_with("www.")) host.erase(0, 4);
  if (host.empty() || host.find('.') == std::string::npos || host.find(' ') != std::string::npos) return {};
  std::string_view rest = host_end == std::string_view::npos ? std::string_view() : u.substr(host_end);
  std::string_view path = rest, query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    path = rest.substr(0, q);
    query = rest.substr(q + 1);
  }
  std::string p = fold(path);
  while (!p.empty() && p.back() == '/') p.pop_back();
  std::vector<std::string> params;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string param = fold(query.substr(0, amp));
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    std::string_view name = std::string_view(param).substr(0, param.find('='));
    if (param.empty() || tracking_param(name)) continue;
    params.push_back(std::move(param));
  }
  std::sort(params.begin(), params.end());
  std::string tail = p;
  if (!params.empty()) tail += "?" + join(params, "&");
  if (std::none_of(tail.begin(), tail.end(), digit)) return {};
  return host + tail;
}

std::string requisition_key(std::string_view requisition_id) {
  std::string k;
  for (char c : fold(requisition_id))
    if ((c >= 'a' && c <= 'z') || digit(c)) k += c;
  static constexpr std::string_view prefixes[] = {"requisition", "req", "jobid", "job", "id", "no",
                                                              "ref"};
  for (bool again = true; again;) {
    again = false;
    for (std::string_view p : prefixes) {
      if (k.size() > p.size() && k.starts_with(p) && std::any_of(k.begin() + p.size(), k.end(), digit)) {
        k.erase(0, p.size());
        again = true;
        break;
      }
    }
  }
  return k.size() >= 3 ? k : std::string();
}

}  // namespace aj::dedup
