// Reading a schema.org JobPosting: finding it among a page's ld+json blocks,
// and mapping its properties (each of which may be a string, an object or an
// array, as real pages write them) onto PageInfo.
#include "jsonld.hpp"

#include "html_doc.hpp"

#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>

#include <boost/json/parser.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace ajd {

namespace json = boost::json;

namespace {

// ---- parsing blocks -------------------------------------------------------------

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && (html::is_space(s.front()) || s.front() == ';')) s.remove_prefix(1);
  while (!s.empty() && (html::is_space(s.back()) || s.back() == ';')) s.remove_suffix(1);
  return s;
}

// Strips <!-- -->, <![CDATA[ ]]> and their //-commented forms around the JSON.
std::string_view unwrap(std::string_view s) {
  for (bool changed = true; changed;) {
    changed = false;
    s = trim_view(s);
    for (std::string_view open : {"<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["})
      if (starts_with(s, open)) s.remove_prefix(open.size()), changed = true;
    for (std::string_view close : {"-->", "//]]>", "/*]]>*/", "]]>"})
      if (ends_with(s, close)) s.remove_suffix(close.size()), changed = true;
  }
  // Anything before the value (a stray word, a BOM) goes too.
  std::size_t first = s.find_first_of("{[");
  return first == std::string_view::npos ? std::string_view() : s.substr(first);
}

std::optional<json::value> parse_value(std::string_view s) {
  if (s.empty()) return std::nullopt;
  json::parse_options opt;
  opt.allow_comments = true;
  opt.allow_trailing_commas = true;
  opt.allow_invalid_utf8 = true;
  json::parser p(json::storage_ptr(), opt);
  boost::system::error_code ec;
  p.write_some(s.data(), s.size(), ec);  // stops after the first value: trailing junk is ignored
  if (ec) return std::nullopt;
  try {
    return p.release();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// ---- reading values ------------------------------------------------------------

const json::value* get(const json::object& o, std::string_view key) {
  auto it = o.find(json::string_view(key.data(), key.size()));
  return it == o.end() ? nullptr : &it->value();
}

// A value as a list: the array's items, or the value itself.
std::vector<const json::value*> items(const json::value* v) {
  std::vector<const json::value*> out;
  if (!v || v->is_null()) return out;
  if (const auto* a = v->if_array())
    for (const auto& x : *a) out.push_back(&x);
  else
    out.push_back(v);
  return out;
}

// Plain text of a scalar: entities decoded, whitespace collapsed.
std::string clean(std::string_view s) { return ajsrc::collapse_spaces(html::decode_entities(s)); }

// The text of a value: a string or number; an object's `name` (or `value`);
// an array's first non-empty item.
std::string text(const json::value* v, int depth = 0) {
  if (!v || depth > 4) return "";
  if (const auto* s = v->if_string()) return clean(std::string_view(s->data(), s->size()));
  if (v->is_int64() || v->is_uint64() || v->is_double()) return ajsrc::str(v);
  if (const auto* a = v->if_array()) {
    for (const auto& x : *a)
      if (std::string t = text(&x, depth + 1); !t.empty()) return t;
    return "";
  }
  if (const auto* o = v->if_object()) {
    for (std::string_view key : {"name", "value", "@value"})
      if (const auto* x = get(*o, key))
        if (std::string t = text(x, depth + 1); !t.empty()) return t;
  }
  return "";
}

std::string field(const json::object& o, std::string_view key) { return text(get(o, key)); }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// "JobPosting", "schema:JobPosting", "http://schema.org/JobPosting".
bool type_is(std::string_view t, std::string_view wanted) {
  std::size_t cut = t.find_last_of("/:#");
  if (cut != std::string_view::npos) t.remove_prefix(cut + 1);
  return iequals(t, wanted);
}

bool has_type(const json::object& o, std::string_view wanted) {
  for (const auto* t : items(get(o, "@type")))
    if (const auto* s = t->if_string(); s && type_is(std::string_view(s->data(), s->size()), wanted)) return true;
  return false;
}

const json::object* find_in(const json::value& v, int depth) {
  if (depth > 8) return nullptr;
  if (const auto* a = v.if_array()) {
    for (const auto& x : *a)
      if (const auto* hit = find_in(x, depth + 1)) return hit;
    return nullptr;
  }
  const auto* o = v.if_object();
  if (!o) return nullptr;
  if (has_type(*o, "JobPosting")) return o;
  if (const auto* graph = get(*o, "@graph"))
    if (const auto* hit = find_in(*graph, depth + 1)) return hit;
  for (const auto& kv : *o)  // nested: a WebPage's mainEntity, an ItemList's itemListElement
    if (kv.key() != "@graph" && (kv.value().is_object() || kv.value().is_array()))
      if (const auto* hit = find_in(kv.value(), depth + 1)) return hit;
  return nullptr;
}

// "50000", "50,000.00", "$50,000", "85k", 85000.
std::optional<double> amount(const json::value* v) {
  if (!v) return std::nullopt;
  if (v->is_int64() || v->is_uint64() || v->is_double()) return ajsrc::num(v);
  const auto* s = v->if_string();
  if (!s) return std::nullopt;
  std::string digits;
  bool thousands = false;
  for (char c : std::string_view(s->data(), s->size())) {
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') digits += c;
    else if ((c == 'k' || c == 'K') && !digits.empty()) thousands = true;
    else if (c == ',' || c == ' ' || c == '$' || c == '\'' || c == '_' || std::isalpha(static_cast<unsigned char>(c)) ||
             static_cast<unsigned char>(c) >= 0x80)
      continue;
    else if (!digits.empty()) break;  // "50000-60000": the first number
  }
  double d = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), d);
  if (ec != std::errc() || end == digits.data()) return std::nullopt;
  return thousands ? d * 1000 : d;
}

std::string interval_of(std::string_view unit) {
  std::string u = html::lower(ajsrc::trim(unit));
  if (u == "hour") return "hourly";
  if (u == "day") return "daily";
  if (u == "week") return "weekly";
  if (u == "month") return "monthly";
  if (u == "year") return "yearly";
  return ajsrc::pay_interval(u);
}

void read_salary(const json::value* v, Salary& out) {
  for (const auto* money : items(v)) {
    const auto* o = money->if_object();
    if (!o) continue;
    Salary s;
    s.currency = ajsrc::trim(field(*o, "currency"));
    for (char& c : s.currency) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string unit = field(*o, "unitText");
    const json::value* value = get(*o, "value");
    if (const auto* q = value ? value->if_object() : nullptr) {
      s.min = amount(get(*q, "minValue"));
      s.max = amount(get(*q, "maxValue"));
      if (auto single = amount(get(*q, "value")); single && !s.min && !s.max) s.min = s.max = single;
      if (std::string u = field(*q, "unitText"); !u.empty()) unit = u;
    } else if (auto single = amount(value)) {
      s.min = s.max = single;
    }
    // A zero or negative bound means "not stated", not a wage.
    if (s.min && *s.min <= 0) s.min.reset();
    if (s.max && *s.max <= 0) s.max.reset();
    if (s.empty()) continue;
    s.interval = interval_of(unit);
    out = s;
    return;
  }
}

// One place as "City, Region, Country", with its parts.
struct Place {
  std::string display, city, state, country, name;
};

std::string country_of(const json::value* v) {
  if (!v) return "";
  if (const auto* o = v->if_object()) return text(get(*o, "name")).empty() ? field(*o, "identifier") : text(get(*o, "name"));
  return text(v);
}

Place read_place(const json::value* v) {
  Place p;
  const auto* o = v ? v->if_object() : nullptr;
  if (!o) {
    p.display = text(v);
    return p;
  }
  p.name = field(*o, "name");
  const json::value* address = get(*o, "address");
  if (!address && has_type(*o, "PostalAddress")) address = v;  // the address given as the place itself
  for (const auto* a : items(address)) {
    if (const auto* ao = a->if_object()) {
      p.city = field(*ao, "addressLocality");
      p.state = field(*ao, "addressRegion");
      p.country = country_of(get(*ao, "addressCountry"));
    } else if (std::string line = text(a); !line.empty()) {
      auto parts = ajsrc::split_place(line);
      p.city = parts.city, p.state = parts.state, p.country = parts.country;
      if (p.city.empty() && p.state.empty() && p.country.empty()) p.display = line;
    }
    break;
  }
  for (const std::string* part : {&p.city, &p.state, &p.country})
    if (!part->empty()) p.display += (p.display.empty() ? "" : ", ") + *part;
  if (p.display.empty()) p.display = p.name;
  return p;
}

void read_places(const json::object& jp, PageInfo& info) {
  for (const auto* v : items(get(jp, "jobLocation"))) {
    Place p = read_place(v);
    if (p.display.empty()) continue;
    if (info.location.empty()) {
      info.location = p.display;
      info.city = p.city, info.state = p.state, info.country = p.country;
    }
    // The list shows each place by its own name when it has one (pages copy
    // one address into every place more often than they misname places).
    std::string shown = p.name.empty() ? p.display : p.name;
    if (std::find(info.locations.begin(), info.locations.end(), shown) == info.locations.end())
      info.locations.push_back(shown);
  }
  for (const auto* t : items(get(jp, "jobLocationType")))
    if (iequals(ajsrc::trim(text(t)), "TELECOMMUTE")) info.remote = true;
  for (const auto* r : items(get(jp, "applicantLocationRequirements")))
    if (std::string n = text(r); !n.empty()) info.applicant_locations.push_back(n);
}

bool social_host(std::string_view url) {
  static constexpr std::array<std::string_view, 10> kSocial = {
      "linkedin.com", "facebook.com", "twitter.com", "x.com",    "instagram.com",
      "youtube.com",  "glassdoor.",   "xing.com",    "tiktok.com", "github.com"};
  std::string u = html::lower(url);
  for (auto s : kSocial)
    if (u.find(s) != std::string::npos) return true;
  return false;
}

void read_organization(const json::object& jp, std::string_view base, PageInfo& info) {
  const json::value* org = get(jp, "hiringOrganization");
  for (const auto* v : items(org)) {
    const auto* o = v->if_object();
    if (!o) {
      info.company = text(v);
    } else {
      info.company = field(*o, "name");
      if (info.company.empty()) info.company = field(*o, "legalName");
      std::string site = field(*o, "url");
      if (site.empty())
        for (const auto* s : items(get(*o, "sameAs")))
          if (std::string u = text(s); !u.empty() && !social_host(u)) {
            site = u;
            break;
          }
      info.company_url = site.empty() ? "" : html::absolute_url(site, base);
      const json::value* logo = get(*o, "logo");
      std::string l = logo && logo->is_object() ? field(logo->as_object(), "url") : text(logo);
      if (l.empty() && logo && logo->is_object()) l = field(logo->as_object(), "contentUrl");
      info.company_logo = l.empty() ? "" : html::absolute_url(l, base);
    }
    if (!info.company.empty()) break;
  }
  if (!info.company.empty()) info.company_from = Origin::jsonld;
}

// ---- description ----------------------------------------------------------------

void append_section(Rendered& into, std::string_view heading, const Rendered& part) {
  if (part.text.empty()) return;
  if (!into.text.empty()) into.text += '\n';
  into.text += std::string(heading) + '\n' + part.text;
  if (!into.markdown.empty()) into.markdown += "\n\n";
  into.markdown += "## " + std::string(heading) + "\n\n" + part.markdown;
}

// A property that is text, HTML or a list of them, rendered; a list becomes a bulleted list.
Rendered render_property(const json::value* v, std::string_view base) {
  Rendered out;
  auto list = items(v);
  if (list.size() == 1 && list[0]->is_string()) {
    const auto& s = list[0]->as_string();
    return render_description(std::string_view(s.data(), s.size()), base);
  }
  for (const auto* x : list) {
    std::string t = x->is_string() ? std::string(x->as_string().data(), x->as_string().size()) : text(x);
    Rendered r = render_description(t, base);
    if (r.text.empty()) continue;
    // One list item per entry, its lines joined.
    std::string line = r.text, md = r.markdown;
    std::replace(line.begin(), line.end(), '\n', ' ');
    std::replace(md.begin(), md.end(), '\n', ' ');
    out.text += (out.text.empty() ? "- " : "\n- ") + line;
    out.markdown += (out.markdown.empty() ? "- " : "\n- ") + md;
  }
  return out;
}

void read_description(const json::object& jp, std::string_view base, PageInfo& info) {
  Rendered all = render_property(get(jp, "description"), base);
  // Google's recommended properties that some employers give apart from the
  // description (Meta: responsibilities and qualifications): kept as sections
  // unless the description already holds them.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kSections = {{
      {"responsibilities", "Responsibilities"},
      {"qualifications", "Qualifications"},
      {"skills", "Skills"},
      {"educationRequirements", "Education"},
      {"experienceRequirements", "Experience"},
      {"jobBenefits", "Benefits"},
      {"incentiveCompensation", "Compensation"},
  }};
  for (const auto& [key, heading] : kSections) {
    const json::value* v = get(jp, key);
    if (!v) continue;
    bool textual = v->is_string() || (v->is_array() && !v->as_array().empty() && v->as_array()[0].is_string());
    if (!textual) continue;  // structured credentials and months are read as fields
    Rendered part = render_property(v, base);
    if (part.text.empty()) continue;
    std::string_view head = std::string_view(part.text).substr(0, 60);
    if (all.text.find(head) != std::string::npos) continue;
    append_section(all, heading, part);
  }
  info.description_text = std::move(all.text);
  info.description_markdown = std::move(all.markdown);
  if (!info.description_text.empty()) info.description_from = Origin::jsonld;
}

// ---- the other fields ----------------------------------------------------------

void read_job_types(const json::object& jp, PageInfo& info) {
  for (const auto* v : items(get(jp, "employmentType")))
    for (const std::string& part : ajsrc::split(text(v), ','))
      if (std::string t = ajsrc::job_type(part);
          !t.empty() && std::find(info.job_types.begin(), info.job_types.end(), t) == info.job_types.end())
        info.job_types.push_back(t);
}

constexpr std::array<std::string_view, 6> kLevels = {"none", "secondary", "diploma", "bachelor", "master", "doctorate"};

int level_rank(std::string_view level) {
  for (std::size_t i = 0; i < kLevels.size(); ++i)
    if (kLevels[i] == level) return static_cast<int>(i);
  return -1;
}

void read_education(const json::object& jp, PageInfo& info) {
  int best = -1;
  for (const auto* v : items(get(jp, "educationRequirements"))) {
    std::string t;
    if (const auto* o = v->if_object()) {
      t = field(*o, "credentialCategory");
      if (t.empty()) t = field(*o, "name");
    } else {
      t = text(v);
    }
    int r = level_rank(education_level(t));
    if (r >= 0 && (best < 0 || r < best)) best = r;
  }
  if (best >= 0) info.education = std::string(kLevels[static_cast<std::size_t>(best)]);
}

void read_experience(const json::object& jp, PageInfo& info) {
  for (const auto* v : items(get(jp, "experienceRequirements"))) {
    const auto* o = v->if_object();
    if (!o) continue;
    if (auto months = amount(get(*o, "monthsOfExperience")); months && *months >= 0 && *months < 1200) {
      info.experience_months = static_cast<int>(*months);
      return;
    }
  }
}

// identifier: a PropertyValue ({name: "Acme", value: "R-123"}: the value is the id), or the id itself.
std::string identifier(const json::value* v) {
  for (const auto* x : items(v)) {
    std::string id;
    if (const auto* o = x->if_object())
      id = text(get(*o, "value")).empty() ? field(*o, "@id") : text(get(*o, "value"));
    else
      id = text(x);
    if (!id.empty()) return id;
  }
  return "";
}

std::optional<bool> flag(const json::value* v) {
  if (!v) return std::nullopt;
  if (v->is_bool()) return v->as_bool();
  std::string t = html::lower(text(v));
  if (t == "true" || t == "yes" || t == "1") return true;
  if (t == "false" || t == "no" || t == "0") return false;
  return std::nullopt;
}

}  // namespace

std::optional<json::value> parse_ld_block(std::string_view raw) {
  std::string_view s = unwrap(raw);
  if (s.empty()) return std::nullopt;
  if (auto v = parse_value(s)) return v;
  // Entity-escaped JSON (&quot;) from pages that escape their script text.
  std::string fixed(s);
  if (fixed.find('&') != std::string::npos) {
    fixed = html::decode_entities(fixed);
    if (auto v = parse_value(fixed)) return v;
  }
  // Raw line breaks and tabs inside strings are not JSON; as spaces they are.
  bool changed = false;
  for (char& c : fixed)
    if (static_cast<unsigned char>(c) < 0x20 && c != ' ') c = ' ', changed = true;
  if (changed)
    if (auto v = parse_value(fixed)) return v;
  return std::nullopt;
}

std::optional<json::object> find_jobposting(const std::vector<std::string>& blocks) {
  for (const std::string& b : blocks) {
    auto v = parse_ld_block(b);
    if (!v) continue;
    if (const json::object* jp = find_in(*v, 0)) return *jp;
  }
  return std::nullopt;
}

std::string education_level(std::string_view text) {
  std::string t = html::lower(text);
  if (t.empty()) return "";
  auto has = [&](std::string_view w) { return t.find(w) != std::string::npos; };
  // The lowest level named: "Bachelor's or Master's" requires a bachelor's.
  if (has("no requirement") || t == "none") return "none";
  // "Post-secondary" is college or university, not high school.
  bool post_secondary = has("post-secondary") || has("postsecondary") || has("post secondary");
  if (has("high school") || (has("secondary") && !post_secondary) || t == "ged" || has(" ged")) return "secondary";
  if (post_secondary || has("associate") || has("diploma") || has("certificate") || has("vocational")) return "diploma";
  if (has("bachelor") || has("undergraduate") || has("bsc") || has("b.sc") || has("b.s.") || has("b.a.") ||
      t == "degree")
    return "bachelor";
  if (has("postgraduate") || has("master") || has("msc") || has("m.sc") || has("mba") || has("graduate degree"))
    return "master";
  if (has("doctor") || has("phd") || has("ph.d")) return "doctorate";
  return "";
}

void read_jobposting(const json::object& jp, std::string_view base, PageInfo& info) {
  info.has_jobposting = true;
  info.title = field(jp, "title");
  if (info.title.empty()) info.title = field(jp, "name");
  if (!info.title.empty()) info.title_from = Origin::jsonld;
  read_organization(jp, base, info);
  read_description(jp, base, info);
  read_places(jp, info);
  info.date_posted = ajsrc::iso_date_prefix(field(jp, "datePosted"));
  info.valid_through = ajsrc::iso_date_prefix(field(jp, "validThrough"));
  read_salary(get(jp, "baseSalary"), info.salary);
  read_job_types(jp, info);
  info.requisition_id = identifier(get(jp, "identifier"));
  read_education(jp, info);
  read_experience(jp, info);
  info.direct_apply = flag(get(jp, "directApply"));
  info.industry = field(jp, "industry");
  if (std::string u = field(jp, "url"); !u.empty()) info.url = html::absolute_url(u, base);
}

}  // namespace ajd
