#include "feed_parse.hpp"

#include <ajsrc/html.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/plugin.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace feed {
namespace {

using aj::Outcome;
using aj::SourceError;

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";

bool one_of(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

// Element names keep their namespace prefix in pugixml ("job:company").
std::string prefix_of(std::string_view name) {
  auto c = name.find(':');
  return c == std::string_view::npos ? "" : std::string(name.substr(0, c));
}
std::string local_name(std::string_view name) {
  auto c = name.find(':');
  return ajsrc::lower(c == std::string_view::npos ? name : name.substr(c + 1));
}

// The character data directly inside an element: text and CDATA sections.
std::string text_of(pugi::xml_node n) {
  std::string s;
  for (auto c : n.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) s += c.value();
  return s;
}

// A one-line value: feeds often entity-escape their text twice ("R&amp;amp;D"),
// so entities left after XML decoding are decoded too.
std::string plain(pugi::xml_node n) { return ajsrc::collapse_spaces(ajsrc::decode_entities(text_of(n))); }
std::string plain_text(std::string_view s) { return ajsrc::collapse_spaces(ajsrc::decode_entities(s)); }

bool truthy(std::string_view v) {
  std::string t = ajsrc::lower(ajsrc::trim(v));
  return t == "true" || t == "yes" || t == "1" || t == "y";
}

// Places that mean "anywhere": such a location is no city.
bool remote_words(std::string_view text) {
  std::string t = ajsrc::lower(text);
  return contains(t, "remote") || contains(t, "anywhere") || contains(t, "worldwide") || contains(t, "work from home");
}

std::string arrangement_of(std::string_view text) {
  std::string t = ajsrc::lower(text);
  if (contains(t, "hybrid")) return "hybrid";
  if (contains(t, "remote") || contains(t, "anywhere")) return "remote";
  if (contains(t, "onsite") || contains(t, "on-site") || contains(t, "on site") || contains(t, "office")) return "onsite";
  return "";
}

std::string date_of(std::string_view text) {
  std::string d = ajsrc::iso_date_prefix(text);
  return d.empty() ? ajsrc::rfc822_date(text) : d;
}

// An RSS <author> is an address, often with the name in parentheses:
// "jobs@acme.example (Acme Inc)".
std::string rss_author(std::string_view text) {
  auto open = text.find('('), close = text.rfind(')');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open)
    return ajsrc::trim(text.substr(open + 1, close - open - 1));
  return std::string(text);
}

// What an item says beyond the Posting fields, used when the feed is complete.
struct Item {
  Posting p;
  std::string author, region, salary;
  bool own_company = false;  // the item named its company itself
  bool address = true;       // `location` is an address split_place can read
};

// Job-board elements that RSS and Atom items carry besides the standard ones,
// prefixed (job:company) or not (<company>, as WeWorkRemotely and Remotive write).
void read_extension(pugi::xml_node el, Item& it) {
  std::string prefix = prefix_of(el.name()), name = local_name(el.name());
  Posting& p = it.p;
  if (prefix == "media") {  // WeWorkRemotely's company logo
    std::string type = ajsrc::lower(el.attribute("type").value()), medium = el.attribute("medium").value();
    bool image = medium == "image" || type.rfind("image/", 0) == 0 || (medium.empty() && type.empty());
    if ((name == "content" || name == "thumbnail") && image && p.company_logo.empty())
      p.company_logo = ajsrc::trim(el.attribute("url").value());
    return;
  }
  if (prefix == "atom" || prefix == "dc" || prefix == "content") return;  // the callers read what they need of these
  std::string v = plain(el);
  if (v.empty()) return;
  if (one_of(name, {"company", "company_name", "companyname", "employer", "hiringorganization", "organization"})) {
    p.company = v;
    it.own_company = true;
  } else if (one_of(name, {"location", "candidate_required_location", "joblocation", "job_location"})) {
    p.location = v;
  } else if (name == "region") {
    it.region = v;
  } else if (name == "city") {
    p.city = v;
  } else if (name == "state" || name == "province") {
    p.state = v;
  } else if (name == "country") {
    p.country = v;
  } else if (one_of(name, {"salary", "compensation", "pay", "salary_range"})) {
    it.salary = v;
  } else if (one_of(name, {"type", "job_type", "jobtype", "employment_type", "employmenttype", "contract_type"})) {
    if (auto t = ajsrc::job_type(v); !t.empty()) p.job_type = t;
  } else if (one_of(name, {"skills", "tags", "keywords"})) {
    for (auto& s : ajsrc::split(v, ',')) p.skills.push_back(std::move(s));
  } else if (one_of(name, {"company_logo", "companylogo", "logo"})) {
    p.company_logo = v;
  } else if (one_of(name, {"company_url", "companyurl", "company_website", "companywebsite"})) {
    p.company_url = v;
  } else if (one_of(name, {"apply_url", "applyurl", "application_url", "applicationurl"})) {
    p.job_url_direct = v;
  } else if (one_of(name, {"remote", "is_remote", "isremote"})) {
    p.is_remote = truthy(v);
  } else if (one_of(name, {"workplace_type", "workplacetype", "work_arrangement", "remote_type"})) {
    p.work_arrangement = arrangement_of(v);
  } else if (one_of(name, {"expires_at", "expires", "valid_through", "validthrough", "expiration_date"})) {
    std::string d = date_of(v);
    p.extras.emplace_back("expires", d.empty() ? v : d);
  } else if (one_of(name, {"job_level", "level", "seniority", "experience_level", "experiencelevel"})) {
    p.job_level = v;
  } else if (one_of(name, {"category", "job_category", "function", "job_function"})) {
    p.job_function = v;  // unprefixed <category> is RSS's and Atom's own and never gets here
  }
}

// ---- RSS 2.0 (and 1.0) ----

Item rss_item(pugi::xml_node item) {
  Item it;
  Posting& p = it.p;
  std::string guid, link, summary_html, full_html, pub_date, dc_date;
  bool guid_is_link = true;  // RSS 2.0: a guid is a permalink unless it says otherwise
  std::vector<std::string> categories;
  for (auto el : item.children()) {
    if (el.type() != pugi::node_element) continue;
    std::string_view name = el.name();
    if (name == "title") p.title = plain(el);
    else if (name == "link") link = ajsrc::trim(text_of(el));
    else if (name == "guid") {
      guid = ajsrc::trim(text_of(el));
      guid_is_link = ajsrc::lower(el.attribute("isPermaLink").value()) != "false";
    } else if (name == "description") summary_html = text_of(el);
    else if (name == "content:encoded") full_html = text_of(el);
    else if (name == "pubDate") pub_date = plain(el);
    else if (name == "dc:date") dc_date = plain(el);
    else if (name == "category") {
      if (auto c = plain(el); !c.empty()) categories.push_back(c);
    } else if (name == "author") it.author = rss_author(plain(el));
    else if (name == "dc:creator") it.author = plain(el);
    else read_extension(el, it);
  }
  p.id = guid.empty() ? link : guid;
  p.job_url = link;
  if (p.job_url.empty() && guid_is_link && guid.rfind("http", 0) == 0) p.job_url = guid;
  const std::string& html = full_html.empty() ? summary_html : full_html;  // content:encoded is the whole text
  if (!ajsrc::trim(html).empty()) p.description = ajsrc::html_to_text(html);
  p.date_posted = pub_date.empty() ? date_of(dc_date) : ajsrc::rfc822_date(pub_date);
  if (p.job_function.empty()) {
    for (const auto& c : categories) (p.job_function += p.job_function.empty() ? "" : ", ") += c;
  }
  return it;
}

// ---- Atom 1.0 ----

// An Atom text construct: type text (the default), html (escaped HTML) or
// xhtml (an inline <div>).
std::string atom_text(pugi::xml_node el) {
  std::string type = ajsrc::lower(el.attribute("type").value());
  if (type == "html" || type == "text/html") return ajsrc::html_to_text(text_of(el));
  if (type == "xhtml" || type == "application/xhtml+xml") {
    struct Collect : pugi::xml_writer {
      std::string out;
      void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
    } w;
    for (auto c : el.children()) c.print(w, "", pugi::format_raw);
    return ajsrc::html_to_text(w.out);
  }
  return ajsrc::trim(text_of(el));
}

// `ns`: the Atom prefix of the document ("" or "atom:").
Item atom_entry(pugi::xml_node entry, const std::string& ns) {
  Item it;
  Posting& p = it.p;
  std::string published, updated, summary, content, link_type;
  std::vector<std::string> categories;
  for (auto el : entry.children()) {
    if (el.type() != pugi::node_element) continue;
    std::string name = el.name();
    if (!ns.empty() && name.rfind(ns, 0) == 0) name = name.substr(ns.size());
    else if (!ns.empty() && prefix_of(name).empty()) {
      read_extension(el, it);  // unprefixed names in a prefixed Atom document belong to another vocabulary
      continue;
    }
    if (name == "id") p.id = ajsrc::trim(text_of(el));
    else if (name == "title") p.title = ajsrc::collapse_spaces(atom_text(el));
    else if (name == "link") {
      std::string rel = el.attribute("rel").value(), type = el.attribute("type").value();
      if (rel.empty()) rel = "alternate";
      // The first alternate link, or the HTML one when there are several.
      if (rel == "alternate" && (p.job_url.empty() || (type == "text/html" && link_type != "text/html"))) {
        p.job_url = ajsrc::trim(el.attribute("href").value());
        link_type = type;
      }
    } else if (name == "published") published = plain(el);
    else if (name == "updated") updated = plain(el);
    else if (name == "summary") summary = atom_text(el);
    else if (name == "content") {
      if (el.attribute("src").empty()) content = atom_text(el);  // out-of-line content is not fetched
    } else if (name == "author") {
      if (it.author.empty()) it.author = plain(el.child((ns + "name").c_str()));
    } else if (name == "category") {
      std::string c = plain_text(el.attribute("label").value());
      if (c.empty()) c = plain_text(el.attribute("term").value());
      if (!c.empty()) categories.push_back(c);
    } else {
      read_extension(el, it);
    }
  }
  p.description = content.empty() ? summary : content;
  p.date_posted = ajsrc::iso_date_prefix(published.empty() ? updated : published);
  if (p.job_function.empty()) {
    for (const auto& c : categories) (p.job_function += p.job_function.empty() ? "" : ", ") += c;
  }
  return it;
}

// ---- Personio ----

// employmentType: permanent | intern | trainee | freelance (| temporary |
// working_student); schedule: full-time | part-time.
std::string personio_job_type(std::string_view employment, std::string_view schedule) {
  std::string e = ajsrc::lower(ajsrc::trim(employment));
  if (e == "intern" || e == "trainee") return "internship";
  if (e == "freelance" || e == "temporary") return ajsrc::job_type(e);
  if (auto s = ajsrc::job_type(schedule); !s.empty()) return s;
  return ajsrc::job_type(e);  // permanent without a schedule: full time
}

// yearsOfExperience: lt-1 | 1-2 | 2-5 | 5-7 | 7-10 | 10-15 | gt-15.
void personio_experience(std::string_view text, Posting& p) {
  std::string t = ajsrc::lower(ajsrc::trim(text));
  auto number = [](std::string_view s) -> std::optional<int64_t> {
    if (s.empty() || s.size() > 3 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return std::nullopt;
    return std::stoll(std::string(s));
  };
  auto dash = t.find('-');
  if (dash == std::string::npos) return;
  std::string_view a = std::string_view(t).substr(0, dash), b = std::string_view(t).substr(dash + 1);
  if (a == "lt" && number(b)) {
    p.experience_max = number(b);
    p.experience_range = "less than " + std::string(b) + (b == "1" ? " year" : " years");
  } else if (a == "gt" && number(b)) {
    p.experience_min = number(b);
    p.experience_range = "more than " + std::string(b) + " years";
  } else if (number(a) && number(b)) {
    p.experience_min = number(a);
    p.experience_max = number(b);
    p.experience_range = std::string(a) + "-" + std::string(b) + " years";
  }
}

// The company name in a Personio address: "acme" of acme.jobs.personio.de.
std::string personio_slug(std::string_view url) {
  std::string host = host_of(url);
  auto dot = host.find(".jobs.personio.");
  return dot == std::string::npos ? "" : host.substr(0, dot);
}

Item personio_position(pugi::xml_node pos, const FeedSpec& spec) {
  Item it;
  Posting& p = it.p;
  p.id = plain(pos.child("id"));
  p.title = plain(pos.child("name"));
  p.ats = "personio";
  p.site = "personio";
  if (!p.id.empty()) {
    if (!spec.job_url.empty()) {
      p.job_url = spec.job_url;
      if (auto at = p.job_url.find("{id}"); at != std::string::npos) p.job_url.replace(at, 4, p.id);
    } else {
      p.job_url = origin_of(spec.url) + "/job/" + p.id;
    }
  }
  p.company = plain(pos.child("subcompany"));
  it.own_company = !p.company.empty();
  // The office and the additional ones, each once: a location list, not an address.
  std::vector<std::string> offices;
  auto add_office = [&](pugi::xml_node n) {
    std::string o = plain(n);
    if (!o.empty() && std::find(offices.begin(), offices.end(), o) == offices.end()) offices.push_back(o);
  };
  add_office(pos.child("office"));
  for (auto o : pos.child("additionalOffices").children("office")) add_office(o);
  for (const auto& o : offices) (p.location += p.location.empty() ? "" : "; ") += o;
  it.address = false;
  p.job_function = plain(pos.child("department"));
  p.job_level = plain(pos.child("seniority"));
  std::string employment = plain(pos.child("employmentType"));
  p.job_type = personio_job_type(employment, plain(pos.child("schedule")));
  personio_experience(plain(pos.child("yearsOfExperience")), p);
  p.date_posted = ajsrc::iso_date_prefix(plain(pos.child("createdAt")));
  for (auto& k : ajsrc::split(plain(pos.child("keywords")), ',')) p.skills.push_back(std::move(k));
  // The description: its sections, each under its heading.
  for (auto d : pos.child("jobDescriptions").children("jobDescription")) {
    std::string heading = plain(d.child("name")), body = ajsrc::html_to_text(text_of(d.child("value")));
    std::string section = heading.empty() ? body : body.empty() ? heading : heading + "\n" + body;
    if (!section.empty()) (p.description += p.description.empty() ? "" : "\n\n") += section;
  }
  if (!employment.empty()) p.extras.emplace_back("employment_type", employment);
  for (auto [element, key] : {std::pair{"recruitingCategory", "recruiting_category"}, std::pair{"occupation", "occupation"},
                              std::pair{"occupationCategory", "occupation_category"}})
    if (auto v = plain(pos.child(element)); !v.empty()) p.extras.emplace_back(key, v);
  return it;
}

// ---- the whole document ----

std::string where(const FeedSpec& spec) { return "feed " + spec.url; }

// The namespace an element's prefix (or the default one) is bound to on it.
std::string namespace_of(pugi::xml_node el) {
  std::string prefix = prefix_of(el.name());
  return el.attribute((prefix.empty() ? std::string("xmlns") : "xmlns:" + prefix).c_str()).value();
}

Format detect(pugi::xml_node root, const FeedSpec& spec) {
  std::string name = root.name(), local = local_name(name);
  Format found = Format::automatic;
  if (local == "rss" || (local == "rdf" && prefix_of(name) == "rdf")) found = Format::rss;
  else if (local == "feed" && (namespace_of(root) == kAtomNs || spec.format == Format::atom)) found = Format::atom;
  else if (name == "workzag-jobs") found = Format::personio;
  if (spec.format == Format::automatic && found == Format::automatic) {
    std::string hint = local == "feed" ? " (a <feed> outside the Atom namespace " + std::string(kAtomNs) +
                                             "; set format: atom to read it anyway)"
                                       : "; the address may be a web page rather than a feed: check it in `feeds`";
    throw SourceError(Outcome::layout_changed, where(spec) + ": the root element is <" + name +
                                                   ">, not RSS <rss>, Atom <feed> or Personio <workzag-jobs>" + hint);
  }
  if (spec.format != Format::automatic && found != spec.format)
    throw SourceError(Outcome::layout_changed, where(spec) + ": format " + format_name(spec.format) +
                                                   " expects a " + (spec.format == Format::rss        ? "<rss>"
                                                                    : spec.format == Format::atom     ? "<feed>"
                                                                                                      : "<workzag-jobs>") +
                                                   " root, found <" + name +
                                                   ">: fix the feed's format or URL in `feeds`, or the site changed it");
  return found;
}

// Whether titles read "Company: Title" (see README.md, "Titles").
bool split_titles(const std::vector<Item>& items, const FeedSpec& spec) {
  if (spec.split_title != SplitTitle::automatic) return spec.split_title == SplitTitle::yes;
  if (!spec.company.empty() || items.empty()) return false;
  return std::all_of(items.begin(), items.end(), [](const Item& it) {
    auto colon = it.p.title.find(": ");
    return !it.own_company && colon != std::string::npos && colon > 0 && colon + 2 < it.p.title.size();
  });
}

void complete(Item& it, const FeedSpec& spec, Format format, bool split) {
  Posting& p = it.p;
  if (split && !it.own_company) {
    if (auto colon = p.title.find(": "); colon != std::string::npos && colon > 0 && colon + 2 < p.title.size()) {
      p.company = ajsrc::trim(p.title.substr(0, colon));
      p.title = ajsrc::trim(p.title.substr(colon + 2));
      it.own_company = true;
    }
  }
  if (!it.own_company) {
    if (spec.company == "author") p.company = it.author;
    else p.company = spec.company;
    if (p.company.empty() && format == Format::personio) p.company = personio_slug(spec.url);
  }
  if (format != Format::personio) p.site = host_of(spec.url);
  if (p.location.empty() && !it.region.empty()) {
    p.location = it.region;
    it.address = false;  // "USA Only", "Europe Only": an area, not a city
  }
  if (p.location.empty()) {  // only the parts: show them as one place
    for (const auto* part : {&p.city, &p.state, &p.country})
      if (!part->empty()) (p.location += p.location.empty() ? "" : ", ") += *part;
  }
  bool anywhere = remote_words(p.location);
  if (it.address && !anywhere && p.city.empty() && p.state.empty() && p.country.empty()) {
    auto place = ajsrc::split_place(p.location);
    p.city = place.city;
    p.state = place.state;
    p.country = place.country;
  }
  if (spec.remote || (anywhere && !p.is_remote)) p.is_remote = true;
  if (p.is_remote.value_or(false) && p.work_arrangement.empty()) p.work_arrangement = "remote";
  if (!it.salary.empty()) {
    p.pay = ajsrc::parse_pay(it.salary);
    if (p.pay.empty()) p.extras.emplace_back("salary_text", it.salary);
  }
}

}  // namespace

const char* format_name(Format f) {
  switch (f) {
    case Format::automatic: return "auto";
    case Format::rss: return "rss";
    case Format::atom: return "atom";
    case Format::personio: return "personio";
  }
  return "auto";
}

std::optional<Format> parse_format(std::string_view text) {
  for (Format f : {Format::automatic, Format::rss, Format::atom, Format::personio})
    if (text == format_name(f)) return f;
  return std::nullopt;
}

std::string origin_of(std::string_view url) {
  auto scheme = url.find("://");
  size_t from = scheme == std::string_view::npos ? 0 : scheme + 3;
  auto end = url.find_first_of("/?#", from);
  return std::string(url.substr(0, end));
}

std::string host_of(std::string_view url) {
  auto scheme = url.find("://");
  std::string_view rest = url.substr(scheme == std::string_view::npos ? 0 : scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (rest.empty() || rest.front() != '[') rest = rest.substr(0, rest.find(':'));
  std::string host = ajsrc::lower(rest);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

Parsed parse_feed(std::string_view body, const FeedSpec& spec) {
  pugi::xml_document doc;
  pugi::xml_parse_result ok = doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_auto);
  pugi::xml_node root = doc.document_element();
  if (!ok || !root) {
    std::string why = ajsrc::trim(body).empty() ? std::string("an empty answer")
                                               : std::string(ok.description()) + " at byte " + std::to_string(ok.offset);
    throw SourceError(Outcome::layout_changed, where(spec) + ": the answer is not XML (" + why +
                                                   "); expected an RSS, Atom or Personio XML feed: check the address "
                                                   "in `feeds` (it may be a web page), or the site changed it");
  }
  Parsed out;
  out.format = detect(root, spec);
  std::vector<Item> items;
  size_t seen = 0;
  if (out.format == Format::rss) {
    pugi::xml_node channel = root.child("channel");
    if (!channel) throw SourceError(Outcome::layout_changed, where(spec) + ": <" + std::string(root.name()) +
                                                                 "> has no <channel>; the feed's structure is not RSS's");
    // RSS 2.0 keeps items in the channel, RSS 1.0 beside it.
    for (pugi::xml_node parent : {channel, root})
      for (auto item : parent.children("item")) ++seen, items.push_back(rss_item(item));
  } else if (out.format == Format::atom) {
    std::string ns = prefix_of(root.name());
    if (!ns.empty()) ns += ":";
    // An entry without an author has the feed's (RFC 4287 4.2.1).
    std::string feed_author = plain(root.child((ns + "author").c_str()).child((ns + "name").c_str()));
    const std::string entry_name = ns + "entry";  // children() keeps the pointer: the string must outlive the loop
    for (auto entry : root.children(entry_name.c_str())) {
      ++seen;
      items.push_back(atom_entry(entry, ns));
      if (items.back().author.empty()) items.back().author = feed_author;
    }
  } else {
    for (auto pos : root.children("position")) ++seen, items.push_back(personio_position(pos, spec));
  }
  // Items without a title (or a Personio position without an id) are no postings.
  std::erase_if(items, [&](const Item& it) {
    bool bad = it.p.title.empty() || (out.format == Format::personio && it.p.id.empty());
    out.skipped += bad ? 1 : 0;
    return bad;
  });
  if (seen > 0 && items.empty())
    throw SourceError(Outcome::layout_changed, where(spec) + ": " + std::to_string(seen) + " " +
                                                   (out.format == Format::personio ? "positions" : "items") +
                                                   ", none with a " +
                                                   (out.format == Format::personio ? "<name> and <id>" : "<title>") +
                                                   "; the feed's structure is not the documented one");
  bool split = out.format != Format::personio && split_titles(items, spec);
  for (auto& it : items) {
    complete(it, spec, out.format, split);
    out.postings.push_back(std::move(it.p));
  }
  return out;
}

}  // namespace feed
