#include "profile/profile.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>

namespace aj::host {

namespace fs = std::filesystem;

namespace {

using schema::list_of;
using schema::number;
using schema::object;
using schema::string;
using schema::string_list;

SchemaPtr date() { return string(); }  // checked by check_dates: YYYY, YYYY-MM or YYYY-MM-DD

SchemaPtr preferences_schema() {
  auto lists = object({
      {"preferred", string_list(), false, "", ""},
      {"blocked", string_list(), false, "", ""},
  });
  return object({
      {"titles", string_list(), false, "job titles you are after", ""},
      {"seniority", list_of(string({"entry", "mid", "senior", "expert"})), false,
       "levels you want; a posting above the highest is skipped", ""},
      {"locations", list_of(object({{"place", string(), true, "\"City, PROV\"", ""},
                                    {"radius_km", number(), false, "how far from it", "25"}})),
       false, "places you would work from", ""},
      {"remote", string({"remote", "hybrid", "onsite", "any"}), false, "how you prefer to work", "any"},
      {"job_types", list_of(string({"fulltime", "parttime", "contract", "internship", "temporary"})), false, "", ""},
      {"salary", object({{"floor", number(), false, "per year; at or below it salary scores 0", ""},
                         {"target", number(), false, "per year; at or above it salary scores in full", ""},
                         {"currency", string(), false, "ISO 4217", "CAD"}}),
       false, "", ""},
      {"companies", lists, false, "", ""},
      {"industries", lists, false, "", ""},
      {"keywords", object({{"must_have", string_list(), false, "", ""}, {"avoid", string_list(), false, "", ""}}),
       false, "", ""},
      {"work_authorization", string_list(), false, "ISO 3166 countries you may work in without sponsorship", ""},
      {"years_experience", number(), false, "default: counted from work", ""},
  });
}

}  // namespace

SchemaPtr profile_schema() {
  static SchemaPtr s = [] {
    auto location = object({{"address", string(), false, "", ""},
                            {"postalCode", string(), false, "", ""},
                            {"city", string(), false, "", ""},
                            {"countryCode", string(), false, "", ""},
                            {"region", string(), false, "", ""}});
    auto basics = object({
        {"name", string(), false, "", ""},
        {"label", string(), false, "", ""},
        {"image", string(), false, "", ""},
        {"email", string(), false, "", ""},
        {"phone", string(), false, "", ""},
        {"url", string(), false, "", ""},
        {"summary", string(), false, "", ""},
        {"location", location, false, "", ""},
        {"profiles", list_of(object({{"network", string(), false, "", ""},
                                     {"username", string(), false, "", ""},
                                     {"url", string(), false, "", ""}})),
         false, "", ""},
    });
    auto period = [](std::vector<SchemaKey> keys) {
      keys.push_back({"startDate", date(), false, "", ""});
      keys.push_back({"endDate", date(), false, "none: to this day", ""});
      return object(std::move(keys));
    };
    return object({
        {"$schema", string(), false, "", ""},
        {"basics", basics, false, "", ""},
        {"work", list_of(period({{"name", string(), false, "", ""},
                                 {"location", string(), false, "", ""},
                                 {"description", string(), false, "", ""},
                                 {"position", string(), false, "", ""},
                                 {"url", string(), false, "", ""},
                                 {"summary", string(), false, "", ""},
                                 {"highlights", string_list(), false, "", ""}})),
         false, "", ""},
        {"volunteer", list_of(period({{"organization", string(), false, "", ""},
                                      {"position", string(), false, "", ""},
                                      {"url", string(), false, "", ""},
                                      {"summary", string(), false, "", ""},
                                      {"highlights", string_list(), false, "", ""}})),
         false, "", ""},
        {"education", list_of(period({{"institution", string(), false, "", ""},
                                      {"url", string(), false, "", ""},
                                      {"area", string(), false, "", ""},
                                      {"studyType", string(), false, "", ""},
                                      {"score", string(), false, "", ""},
                                      {"courses", string_list(), false, "", ""}})),
         false, "", ""},
        {"awards", list_of(object({{"title", string(), false, "", ""},
                                   {"date", date(), false, "", ""},
                                   {"awarder", string(), false, "", ""},
                                   {"summary", string(), false, "", ""}})),
         false, "", ""},
        {"certificates", list_of(object({{"name", string(), true, "", ""},
                                         {"date", date(), false, "", ""},
                                         {"url", string(), false, "", ""},
                                         {"issuer", string(), false, "", ""}})),
         false, "", ""},
        {"publications", list_of(object({{"name", string(), false, "", ""},
                                         {"publisher", string(), false, "", ""},
                                         {"releaseDate", date(), false, "", ""},
                                         {"url", string(), false, "", ""},
                                         {"summary", string(), false, "", ""}})),
         false, "", ""},
        {"skills", list_of(object({{"name", string(), false, "", ""},
                                   {"level", string(), false, "", ""},
                                   {"keywords", string_list(), false, "", ""}})),
         false, "", ""},
        {"languages", list_of(object({{"language", string(), true, "", ""}, {"fluency", string(), false, "", ""}})),
         false, "", ""},
        {"interests", list_of(object({{"name", string(), false, "", ""}, {"keywords", string_list(), false, "", ""}})),
         false, "", ""},
        {"references", list_of(object({{"name", string(), false, "", ""}, {"reference", string(), false, "", ""}})),
         false, "", ""},
        {"projects", list_of(period({{"name", string(), false, "", ""},
                                     {"description", string(), false, "", ""},
                                     {"highlights", string_list(), false, "", ""},
                                     {"keywords", string_list(), false, "", ""},
                                     {"url", string(), false, "", ""},
                                     {"roles", string_list(), false, "", ""},
                                     {"entity", string(), false, "", ""},
                                     {"type", string(), false, "", ""}})),
         false, "", ""},
        {"meta", schema::map(), false, "", ""},
        {"preferences", preferences_schema(), false, "what you are looking for (docs/scoring.md)", ""},
    });
  }();
  return s;
}

namespace {

// ---- checks the schema cannot express -------------------------------------

bool digits(const std::string& s, std::size_t from, std::size_t n) {
  if (s.size() < from + n) return false;
  for (std::size_t i = from; i < from + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// YYYY, YYYY-MM or YYYY-MM-DD with a real month and day; "" when fine.
std::string date_problem(const std::string& s) {
  bool shape = (s.size() == 4 && digits(s, 0, 4)) ||
               (s.size() == 7 && digits(s, 0, 4) && s[4] == '-' && digits(s, 5, 2)) ||
               (s.size() == 10 && digits(s, 0, 4) && s[4] == '-' && digits(s, 5, 2) && s[7] == '-' && digits(s, 8, 2));
  if (!shape) return "'" + s + "' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (2021-03)";
  if (s.size() >= 7) {
    int month = std::stoi(s.substr(5, 2));
    if (month < 1 || month > 12) return "'" + s + "' has no month " + s.substr(5, 2);
  }
  if (s.size() == 10) {
    int day = std::stoi(s.substr(8, 2));
    if (day < 1 || day > 31) return "'" + s + "' has no day " + s.substr(8, 2);
  }
  return "";
}

void check_dates(const Node& root, Diagnostics& diags) {
  for (const char* section : {"work", "volunteer", "education", "projects", "awards", "certificates", "publications"}) {
    const Node* list = root.find(section);
    if (!list || !list->is_seq()) continue;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const Node& item = list->items[i];
      if (!item.is_map()) continue;
      std::string where = std::string(section) + "[" + std::to_string(i) + "]";
      for (const char* key : {"startDate", "endDate", "date", "releaseDate"}) {
        const Node* n = item.find(key);
        if (!n || !n->is_scalar()) continue;
        if (std::string p = date_problem(n->scalar); !p.empty()) diags.error(n->mark, where + "." + key + ": " + p);
      }
      const Node* start = item.find("startDate");
      const Node* end = item.find("endDate");
      if (start && end && start->is_scalar() && end->is_scalar() && date_problem(start->scalar).empty() &&
          date_problem(end->scalar).empty() && end->scalar < start->scalar.substr(0, end->scalar.size()))
        diags.error(end->mark, where + ".endDate: " + end->scalar + " is before startDate " + start->scalar);
    }
  }
}

void check_preferences(const Node& root, Diagnostics& diags) {
  const Node* prefs = root.find("preferences");
  if (!prefs || !prefs->is_map()) {
    diags.warn(root.mark, "no preferences: every posting scores about half on each factor; add a preferences: "
                          "section (config/profile.example.yaml shows one)");
    return;
  }
  if (!prefs->find("titles"))
    diags.warn(prefs->mark, "preferences: no titles, so the title factor (30 points) cannot tell postings apart");
  if (const Node* salary = prefs->find("salary"); salary && salary->is_map()) {
    std::optional<double> floor, target;
    if (const Node* n = salary->find("floor")) floor = as_float(*n);
    if (const Node* n = salary->find("target")) target = as_float(*n);
    if (target && *target <= 0) diags.error(salary->find("target")->mark, "preferences.salary.target: must be above 0");
    if (floor && *floor < 0) diags.error(salary->find("floor")->mark, "preferences.salary.floor: must be 0 or more");
    if (floor && target && *floor >= *target)
      diags.error(salary->find("floor")->mark, "preferences.salary.floor: " + salary->find("floor")->scalar +
                                                   " is not below the target " + salary->find("target")->scalar +
                                                   "; the floor is the least you would take, the target what you aim for");
    if (floor && !target)
      diags.error(salary->mark, "preferences.salary: a floor needs a target (the pay at which salary scores in full)");
    if (const Node* c = salary->find("currency"); c && c->is_scalar()) {
      bool ok = c->scalar.size() == 3;
      for (char ch : c->scalar) ok = ok && std::isupper(static_cast<unsigned char>(ch));
      if (!ok) diags.error(c->mark, "preferences.salary.currency: '" + c->scalar + "' is not an ISO 4217 code (CAD, USD, EUR)");
    }
  }
  if (const Node* places = prefs->find("locations"); places && places->is_seq()) {
    for (std::size_t i = 0; i < places->items.size(); ++i) {
      const Node* r = places->items[i].find("radius_km");
      if (auto v = r ? as_float(*r) : std::nullopt; v && *v < 0)
        diags.error(r->mark, "preferences.locations[" + std::to_string(i) + "].radius_km: must be 0 or more");
    }
  }
  if (const Node* auth = prefs->find("work_authorization")) {
    std::vector<const Node*> items;
    if (auth->is_scalar()) items.push_back(auth);
    for (const auto& n : auth->items) items.push_back(&n);
    for (const Node* n : items) {
      bool ok = n->is_scalar() && n->scalar.size() == 2 && std::isalpha(static_cast<unsigned char>(n->scalar[0])) &&
                std::isalpha(static_cast<unsigned char>(n->scalar[1]));
      if (!ok && n->is_scalar())
        diags.error(n->mark, "preferences.work_authorization: '" + n->scalar +
                                 "' is not a two-letter country code; write CA for Canada, US for the United States");
    }
  }
  if (const Node* years = prefs->find("years_experience"); years && as_float(*years) && *as_float(*years) < 0)
    diags.error(years->mark, "preferences.years_experience: must be 0 or more");
}

void check_basics(const Node& root, Diagnostics& diags) {
  const Node* basics = root.find("basics");
  const Node* email = basics ? basics->find("email") : nullptr;
  if (email && email->is_scalar() && !email->scalar.empty()) {
    auto at = email->scalar.find('@');
    if (at == std::string::npos || at == 0 || email->scalar.find('.', at) == std::string::npos)
      diags.error(email->mark, "basics.email: '" + email->scalar + "' is not an e-mail address");
  }
  if (!root.find("skills") && !root.find("work"))
    diags.warn(root.mark, "no skills and no work: the text match (stage 2) has nothing to compare postings with");
}

// ---- the JSON plugins get, typed by the schema ----------------------------

boost::json::value typed(const Node& n, const Schema& s);

boost::json::value untyped(const Node& n) {
  switch (n.kind) {
    case Node::Kind::Null: return nullptr;
    case Node::Kind::Scalar: return boost::json::string(n.scalar);
    case Node::Kind::Seq: {
      boost::json::array a;
      for (const auto& item : n.items) a.push_back(untyped(item));
      return a;
    }
    case Node::Kind::Map: {
      boost::json::object o;
      for (const auto& e : n.entries) o[e.key] = untyped(e.value);
      return o;
    }
  }
  return nullptr;
}

boost::json::value typed(const Node& n, const Schema& s) {
  if (n.is_null()) return nullptr;
  switch (s.type) {
    case Schema::Type::Int:
      if (auto v = as_int(n)) return *v;
      break;
    case Schema::Type::Float:
      if (auto v = as_float(n)) return *v;
      break;
    case Schema::Type::Bool:
      if (auto v = as_bool(n)) return *v;
      break;
    case Schema::Type::String:
      if (n.is_scalar()) return boost::json::string(n.scalar);
      break;
    case Schema::Type::StringList: {
      boost::json::array a;
      if (n.is_scalar()) a.push_back(boost::json::string(n.scalar));
      for (const auto& item : n.items) a.push_back(boost::json::string(item.scalar));
      return a;
    }
    case Schema::Type::ListOf: {
      boost::json::array a;
      for (const auto& item : n.items) a.push_back(typed(item, *s.values));
      return a;
    }
    case Schema::Type::Object: {
      boost::json::object o;
      for (const auto& e : n.entries) {
        for (const auto& k : s.keys)
          if (k.key == e.key) o[e.key] = typed(e.value, *k.schema);
      }
      return o;
    }
    case Schema::Type::MapOf: {
      boost::json::object o;
      for (const auto& e : n.entries) o[e.key] = typed(e.value, *s.values);
      return o;
    }
    case Schema::Type::Any:
    case Schema::Type::Map: break;
  }
  return untyped(n);
}

std::size_t count_of(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_array() ? v->as_array().size() : 0;
}

}  // namespace

std::optional<Profile> load_profile(const fs::path& file, Diagnostics& diags) {
  Mark at{std::make_shared<const std::string>(file.string())};
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    diags.error(at, "profile not found; `ajhost init` writes a starter profile, config/profile.example.yaml shows one");
    return std::nullopt;
  }
  auto root = parse_yaml_file(file, diags);
  if (!root) return std::nullopt;
  if (!root->is_map()) {
    diags.error(root->mark, "a profile is a mapping (basics:, work:, skills:, preferences: ...), as in "
                            "config/profile.example.yaml");
    return std::nullopt;
  }
  std::size_t before = diags.error_count();
  check(*root, *profile_schema(), "", diags);
  check_dates(*root, diags);
  check_basics(*root, diags);
  check_preferences(*root, diags);
  if (diags.error_count() != before) return std::nullopt;
  boost::json::value v = typed(*root, *profile_schema());
  // Country codes in one spelling, so plugins compare them as they are.
  if (auto* prefs = v.as_object().if_contains("preferences"); prefs && prefs->is_object())
    if (auto* auth = prefs->as_object().if_contains("work_authorization"); auth && auth->is_array())
      for (auto& c : auth->as_array()) {
        std::string code(c.as_string());
        for (char& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        c = boost::json::string(code);
      }
  return Profile{file.string(), boost::json::serialize(v)};
}

fs::path user_config_dir(const EnvLookup& env) {
  std::string base = env("XDG_CONFIG_HOME").value_or("");
  if (base.empty()) base = env("HOME").value_or(".") + "/.config";
  return fs::path(base) / "autojobagent";
}

std::string profile_path(const std::string& cli, const std::string& pipeline_setting, const EnvLookup& env) {
  if (!cli.empty()) return cli;
  if (auto v = env("AJ_PROFILE"); v && !v->empty()) return *v;
  if (!pipeline_setting.empty()) return pipeline_setting;
  fs::path user = user_config_dir(env) / "profile.yaml";
  std::error_code ec;
  return fs::exists(user, ec) ? user.string() : std::string();
}

std::string describe_profile(const Profile& p) {
  boost::json::object o = boost::json::parse(p.json).as_object();
  std::string name = "the profile";
  if (const auto* b = o.if_contains("basics"); b && b->is_object())
    if (const auto* n = b->as_object().if_contains("name"); n && n->is_string()) name = std::string(n->as_string());
  std::size_t skills = 0;
  if (const auto* s = o.if_contains("skills"); s && s->is_array())
    for (const auto& group : s->as_array())
      if (group.is_object()) skills += std::max<std::size_t>(count_of(group.as_object(), "keywords"), 1);
  std::size_t titles = 0, places = 0;
  if (const auto* pr = o.if_contains("preferences"); pr && pr->is_object()) {
    titles = count_of(pr->as_object(), "titles");
    places = count_of(pr->as_object(), "locations");
  }
  auto n = [](std::size_t k, const char* one, const char* many) {
    return std::to_string(k) + " " + (k == 1 ? one : many);
  };
  return name + ": " + n(count_of(o, "work"), "job", "jobs") + ", " + n(skills, "skill", "skills") + ", " +
         n(titles, "target title", "target titles") + ", " + n(places, "place", "places");
}

}  // namespace aj::host
