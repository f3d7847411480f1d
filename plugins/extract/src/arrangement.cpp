// Work arrangement (remote | hybrid | onsite) from the location, the title and
// the text. Cues are read token by token with a few words of context on either
// side, so "remote sensing", "hybrid cloud" and "on-site parking" are not
// arrangements, "not a remote role" is onsite and "work from home 2 days" is
// hybrid. Precedence: location, then title, then an explicit label in the text
// ("Workplace type: Hybrid", "Location: Remote (Canada)"), then passing mentions.
#include "extract/extract.hpp"

#include "words.hpp"

#include <string>

namespace ajx {

namespace {

enum class Kind : uint8_t { none, remote, hybrid, onsite };

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::remote: return "remote";
    case Kind::hybrid: return "hybrid";
    case Kind::onsite: return "onsite";
    case Kind::none: break;
  }
  return "";
}

/// One cue: what it says, how strongly (1 a passing word, 2 an unambiguous
/// phrase), and the tokens it spans [first, last].
struct Cue {
  Kind kind = Kind::none;
  int strength = 0;
  std::size_t first = 0, last = 0;
  bool negated = false;  // a remote cue said not to apply: "not a remote role"
  bool label = false;    // "Remote: No", a label in itself
};

using words::in;
using words::kGapByte;
using words::one_of;
using words::WordSet;

// Words after "remote" that make it something other than a way of working.
const WordSet kRemoteOtherSense = {"sensing",     "sensor",     "sensors",      "monitoring",  "monitor",
                                   "monitored",   "patient",    "patients",     "control",     "controls",
                                   "controlled",  "controller", "sites",        "site",        "locations",
                                   "location",    "areas",      "area",         "communities", "community",
                                   "regions",     "region",     "access",       "desktop",     "troubleshooting",
                                   "diagnostics", "diagnosis",  "operations",   "operation",   "operated",
                                   "operator",    "camps",      "camp",         "northern",    "villages",
                                   "island",      "islands",    "servers",      "server",      "assistance",
                                   "device",      "devices",    "care",         "learning",    "education",
                                   "lab",         "labs",       "surveillance", "vehicle",     "vehicles",
                                   "systems",     "terminal",   "shell",        "repository",  "repositories",
                                   "branch",      "branches",   "procedure",    "procedures",  "possibility",
                                   "chance",      "mines",      "mine",         "mining",      "oil",
                                   "field",       "fields",     "work-camp",    "deployments", "deployment",
                                   "hosts",       "host",       "connections",  "connection",  "session",
                                   "sessions",    "api",        "endpoint",     "endpoints",   "interpreting"};
// Words after "hybrid" that make it a technology or a car, not a way of working.
const WordSet kHybridOtherSense = {"cloud",        "clouds",         "multi",
                                   "multicloud",   "vehicle",        "vehicles",
                                   "car",          "cars",           "app",
                                   "apps",         "application",    "applications",
                                   "mobile",       "infrastructure", "infrastructures",
                                   "it",           "electric",       "ev",
                                   "evs",          "seeds",          "integration",
                                   "integrations", "architecture",   "architectures",
                                   "storage",      "network",        "networks",
                                   "environments", "deployments",    "deployment",
                                   "solutions",    "systems",        "technologies",
                                   "technology",   "workloads",      "workload",
                                   "databases",    "identity",       "ad",
                                   "azure",        "search",         "rice",
                                   "corn",         "varieties",      "powertrain",
                                   "powertrains",  "engines",        "engine",
                                   "battery",      "batteries",      "drive",
                                   "data",         "cloud-native",   "on-prem",
                                   "events",       "event",          "meetings",
                                   "meeting",      "learning",       "courses",
                                   "course",       "classes",        "class",
                                   "instruction",  "delivery",       "programs",
                                   "program",      "format",         "formats",
                                   "mail",         "warfare",        "funds",
                                   "securities",   "instruments",    "capital",
                                   "bonds",        "bond",           "approaches",
                                   "methods",      "methodology",    "systèmes",
                                   "infonuagique", "nuage",          "véhicule",
                                   "véhicules"};
// Words before "hybrid" that make it a technology ("cloud and hybrid").
const WordSet kHybridOtherBefore = {"cloud", "multi", "public", "private", "prem", "premise", "premises", "and"};
// Words after "on-site"/"in person" naming an amenity or an event, not where the job is done.
const WordSet kOnsiteOtherSense = {
    "gym",         "gyms",          "parking",     "cafeteria",     "cafe",        "café",       "fitness",
    "daycare",     "childcare",     "child",       "amenities",     "amenity",     "restaurant", "restaurants",
    "dining",      "clinic",        "clinics",     "health",        "food",        "kitchen",    "lunch",
    "lunches",     "meals",         "meal",        "showers",       "shower",      "bike",       "laundry",
    "wellness",    "visits",        "visit",       "interview",     "interviews",  "events",     "event",
    "meetings",    "meeting",       "massage",     "physiotherapy", "doctor",      "nurse",      "pharmacy",
    "store",       "shop",          "cafeterias",  "subsidized",    "free",        "catering",   "bar",
    "coffee",      "bistro",        "gymnasium",   "recreation",    "perks",       "wastewater", "sewage",
    "septic",      "generation",    "assessment",  "assessments",   "inspections", "inspection", "audit",
    "audits",      "evaluation",    "evaluations", "training",      "orientation", "sessions",   "session",
    "networking",  "collaboration", "workshops",   "workshop",      "classes",     "class",      "appointments",
    "appointment", "testing",       "test",        "exam",          "exams",       "day",        "days"};
// Words before "on-site" that make it occasional (travel to clients), not the place of work.
const WordSet kOccasional = {"occasional", "occasionally", "periodic",  "periodically", "some",      "client",
                             "clients",    "customer",     "customers", "travel",       "visit",     "visits",
                             "sometimes",  "infrequent",   "rare",      "limited",      "quarterly", "monthly",
                             "annual",     "optional",     "when",      "as",           "free",      "with",
                             "our",        "of",           "and",       "or",           "plus"};
// Words that turn a remote cue into part-time remote: hybrid.
const WordSet kPartly = {"occasional", "occasionally", "partial",       "partially",         "partly",
                         "some",       "option",       "options",       "flexibility",       "flexible",
                         "limited",    "possibility",  "optional",      "possibilité",       "partiel",
                         "partielle",  "occasionnel",  "occasionnelle", "occasionnellement", "certain",
                         "certaines",  "certains",     "ability",       "opportunity"};
// Words after a remote cue that make it part-time.
const WordSet kPartlyAfter = {"option",      "options",       "flexibility", "partiel",      "partielle",
                              "occasionnel", "occasionnelle", "possible",    "occasionally", "available"};
// Words before a remote cue that make it whole.
const WordSet kWholly = {"fully",     "100",     "completely",  "entirely",    "full",         "permanently",
                         "permanent", "totally", "exclusively", "entièrement", "complètement", "totalement"};
const WordSet kNegation = {"not", "non", "never", "cannot", "pas", "aucun", "aucune", "ni", "unable", "nor"};
// Contractions split by the tokenizer: "isn't" -> "isn" "t".
const WordSet kNegatedAux = {"isn", "aren", "doesn", "don", "wasn", "won", "can", "couldn", "wouldn", "shouldn"};
// After "not" (or "is not"): the remote option is not available.
const WordSet kUnavailable = {"available",  "possible",   "offered",  "permitted",   "supported", "allowed",
                              "eligible",   "considered", "accepted", "provided",    "option",    "options",
                              "applicable", "granted",    "feasible", "entertained", "open",      "approved",
                              "an",         "a",          "be",       "being"};
// Words after "remote"/"remotely" that make it the job's own arrangement.
const WordSet kJobNouns = {
    "role",     "roles",   "position",     "positions",    "job",         "jobs",       "opportunity", "opportunities",
    "work",     "working", "first",        "friendly",     "based",       "eligible",   "employee",    "employees",
    "contract", "company", "organization", "organisation", "environment", "setup",      "basis",       "within",
    "from",     "in",      "across",       "anywhere",     "us",          "usa",        "canada",      "canadian",
    "europe",   "emea",    "uk",           "ontario",      "quebec",      "bc",         "alberta",     "only",
    "ok",       "okay",    "possible",     "available",    "worker",      "workers",    "arrangement", "setting",
    "poste",    "emploi",  "internship",   "placement",    "culture",     "candidates", "applicants",  "hire",
    "hires",    "option"};
// Words after "remote" naming people who work elsewhere.
const WordSet kRemotePeople = {"team",    "teams",    "colleagues", "stakeholders", "members",    "employees",
                               "workers", "staff",    "workforce",  "users",        "customers",  "clients",
                               "offices", "partners", "peers",      "engineers",    "developers", "teammates"};
// Places where on-site work happens: "in-office", "in our shop", "branch-based".
const WordSet kWorkplaces = {"office",     "offices",    "clinic",     "clinics",     "store",    "stores",
                             "branch",     "branches",   "shop",       "shops",       "plant",    "plants",
                             "warehouse",  "warehouses", "hospital",   "hospitals",   "lab",      "labs",
                             "laboratory", "studio",     "restaurant", "restaurants", "facility", "facilities",
                             "yard",       "factory",    "mill",       "depot",       "campus",   "bureau",
                             "bureaux",    "usine",      "entrepôt",   "clinique",    "magasin",  "succursale",
                             "atelier",    "chantier",   "chantiers",  "centre",      "center"};
// Words before a place that make it where the work is done: "work on job sites".
const WordSet kWorkWords = {"work",      "works", "working", "based", "travail", "travailler", "travaillerez",
                            "travaille", "basé",  "basée",   "poste", "role",    "position",   "job"};
// Verbs before "at" that place the work: "based at", "work at", "report at".
const WordSet kWorkVerbs = {"based",   "work", "works",     "working",   "report", "reporting",
                            "located", "done", "performed", "stationed", "onsite"};
const WordSet kWeekdays = {"monday",   "tuesday",    "wednesday", "thursday", "friday",   "mondays",
                           "tuesdays", "wednesdays", "thursdays", "fridays",  "lundi",    "mardi",
                           "mercredi", "jeudi",      "vendredi",  "lundis",   "vendredis"};
const WordSet kSmallNumbers = {"1",    "2",  "3",   "4",    "one",   "two",   "three",
                               "four", "un", "une", "deux", "trois", "quatre"};
const WordSet kFive = {"5", "five", "cinq"};

/// The tokens of one Text with the context helpers every cue needs. Sentence
/// ends are read from the gaps on demand: only the few words near a cue ask.
class Scan {
 public:
  explicit Scan(const Text& t) : t_(t), n_(t.words.size()) {}
  std::size_t size() const { return n_; }
  std::string_view w(std::size_t i) const { return i < n_ ? t_.word(i) : std::string_view{}; }
  /// The bytes between word i-1 and word i (before the first word for 0, after the last for size()).
  std::string_view gap(std::size_t i) const {
    std::size_t b = i == 0 ? 0 : t_.words[i - 1].end;
    std::size_t e = i < n_ ? t_.words[i].begin : t_.lower.size();
    return {t_.lower.data() + b, e - b};
  }
  /// A sentence or line ends between word i-1 and word i.
  bool breaks(std::size_t i) const {
    if (i == 0 || i >= n_) return true;
    const std::string_view g = gap(i);
    unsigned seen = 0;
    for (char c : g) seen |= kGapByte[static_cast<unsigned char>(c)];
    return (seen & 1) || ((seen & 4) && g.find("•") != std::string_view::npos);  // "•"
  }
  /// The word k before i in the same sentence, or "".
  std::string_view before(std::size_t i, std::size_t k) const {
    if (k > i || i >= n_) return {};
    for (std::size_t j = 0; j < k; ++j)
      if (breaks(i - j)) return {};
    return w(i - k);
  }
  /// The word k after i in the same sentence, or "".
  std::string_view after(std::size_t i, std::size_t k) const {
    if (i + k >= n_) return {};
    for (std::size_t j = 1; j <= k; ++j)
      if (breaks(i + j)) return {};
    return w(i + k);
  }
  bool is_title(std::size_t i) const { return t_.words[i].begin < t_.title_end; }

 private:
  const Text& t_;
  std::size_t n_;
};

bool any_before(const Scan& s, std::size_t i, std::size_t k, const WordSet& set) {
  for (std::size_t j = 1; j <= k; ++j) {
    std::string_view w = s.before(i, j);
    if (w.empty()) return false;
    if (in(w, set)) return true;
  }
  return false;
}

bool any_after(const Scan& s, std::size_t i, std::size_t k, const WordSet& set) {
  for (std::size_t j = 1; j <= k; ++j) {
    std::string_view w = s.after(i, j);
    if (w.empty()) return false;
    if (in(w, set)) return true;
  }
  return false;
}

bool is_number(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w)
    if (c < '0' || c > '9') return false;
  return true;
}

/// A negation in the 3 words before `first` ("not a remote role", "no remote
/// work", "isn't remote", "pas de télétravail").
bool negated_before(const Scan& s, std::size_t first) {
  for (std::size_t k = 1; k <= 3; ++k) {
    std::string_view w = s.before(first, k);
    if (w.empty()) return false;
    if (in(w, kNegation)) return true;
    if ((w == "no" || w == "without" || w == "sans") && k <= 2) return true;
    if (w == "t" && in(s.before(first, k + 1), kNegatedAux)) return true;
  }
  return false;
}

/// "remote work is not available", "remote candidates will not be considered",
/// "le télétravail n'est pas possible".
bool negated_after(const Scan& s, std::size_t last) {
  for (std::size_t k = 1; k <= 5; ++k) {
    std::string_view w = s.after(last, k);
    if (w.empty()) return false;
    if (w == "unavailable" || w == "prohibited" || w == "impossible") return true;
    if (w == "pas" && k >= 2) return true;
    if (w == "not" || (w == "t" && in(s.after(last, k - 1), kNegatedAux))) {
      std::string_view next = s.after(last, k + 1);
      if (in(next, kUnavailable)) return true;
    }
  }
  return false;
}

/// "2 days", "2-3 days", "2 to 3 days", "three (3) days": a number of days
/// below five (hybrid) or five (onsite) before the day word at i.
Kind days_count(const Scan& s, std::size_t i) {
  bool small = false, five = false;
  for (std::size_t k = 1; k <= 3; ++k) {
    std::string_view w = s.before(i, k);
    if (in(w, kSmallNumbers)) {
      small = true;
    } else if (in(w, kFive)) {
      five = true;
    } else if (k == 1 || !one_of(w, "to", "or", "à", "ou")) {
      break;
    }
  }
  return small ? Kind::hybrid : five ? Kind::onsite : Kind::none;
}

/// "3 days in the office", "2 days a week from home", "in office 3 days a
/// week", "deux jours au bureau": hybrid; "5 days on-site": onsite.
Cue days_cue(const Scan& s, std::size_t i) {
  Kind count = days_count(s, i);
  if (count == Kind::none) return {};
  // "1 day per quarter in the office" is a visit, not a schedule.
  static const WordSet kPeriods = {"month", "months", "quarter", "year", "mois", "trimestre", "année", "an"};
  if (any_after(s, i, 3, kPeriods)) return {};
  // A place word near the day count decides whether it is about where one works.
  auto place = [](std::string_view w) {
    return one_of(w, "office", "offices", "onsite", "site", "person", "remote", "remotely", "home", "wfh", "bureau",
                  "télétravail", "teletravail", "présentiel", "presentiel", "distance", "hybrid");
  };
  bool near = false, remote_side = false;
  for (std::size_t k = 1; k <= 7 && !near; ++k) {
    std::string_view a = s.after(i, k);
    if (a.empty()) break;
    if (place(a))
      near = true, remote_side = one_of(a, "remote", "remotely", "home", "wfh", "télétravail", "teletravail");
  }
  for (std::size_t k = 1; k <= 8 && !near; ++k) {
    std::string_view b = s.before(i, k);
    if (b.empty()) break;
    if (place(b))
      near = true, remote_side = one_of(b, "remote", "remotely", "home", "wfh", "télétravail", "teletravail");
  }
  if (!near) return {};
  if (count == Kind::onsite) return {remote_side ? Kind::remote : Kind::onsite, 2, i, i};
  return {Kind::hybrid, 2, i, i};
}

/// Makes a remote cue at [first, last] what its context says: onsite when
/// negated, hybrid when partial or counted in days, else remote.
Cue qualify_remote(const Scan& s, Cue c) {
  if (negated_before(s, c.first)) {
    // "not fully remote" is hybrid; "not a remote role" is onsite.
    if (any_before(s, c.first, 2, kWholly)) return {Kind::hybrid, 2, c.first, c.last};
    return {Kind::onsite, 2, c.first, c.last, true};
  }
  if (negated_after(s, c.last)) return {Kind::onsite, 2, c.first, c.last, true};
  if (any_before(s, c.first, 4, kPartly)) return {Kind::hybrid, 2, c.first, c.last};
  // "work remotely on Fridays": some days of the week.
  for (std::size_t k = 1; k <= 2; ++k)
    if (one_of(s.after(c.last, k), "on", "le", "les") && in(s.after(c.last, k + 1), kWeekdays))
      return {Kind::hybrid, 2, c.first, c.last};  // not "remote, Monday to Friday"
  if (any_after(s, c.last, 2, kPartlyAfter) && !any_before(s, c.first, 2, kWholly))
    return {Kind::hybrid, 2, c.first, c.last};
  // "50% remote": part of the time.
  std::string_view pct = s.before(c.first, 1);
  if (is_number(pct) && pct != "100" && s.gap(c.first).find('%') != std::string_view::npos)
    return {Kind::hybrid, 2, c.first, c.last};
  if (any_before(s, c.first, 2, kWholly)) c.strength = 2;
  return c;
}

/// A workplace after "in" / "at" / "à" at i: "in-office", "in the office",
/// "in-clinic", "in our Regina shop", "at the project site office", "à nos bureaux".
Cue workplace_cue(const Scan& s, std::size_t i) {
  const std::string_view next = s.after(i, 1), prev = s.before(i, 1);
  std::size_t at = i + 1;
  const bool determiner = one_of(next, "the", "our", "one", "nos", "notre", "l", "la", "le", "les");
  if (determiner) ++at;
  std::string_view what = s.after(i, at - i);
  for (int extra = 0; determiner && !what.empty() && !in(what, kWorkplaces) && extra < 3; ++extra)
    what = s.after(i, ++at - i);  // a name between: "our King West office", "our three stores"
  if (!in(what, kWorkplaces)) return {};
  std::string_view after = s.after(at, 1);
  if ((what == "office" || what == "bureau") && is_number(after)) return {};  // "Office 365"
  if (in(after, kOnsiteOtherSense) ||
      one_of(after, "suite", "applications", "application", "products", "tools", "software", "programs", "programmes",
             "skills", "and", "administration", "management", "procedures", "setting", "settings", "environment",
             "environments", "promotions", "promotion", "experience", "sales", "marketing", "displays", "display",
             "merchandising", "fixtures", "pickup", "pick", "purchases", "purchase", "shopping", "orders", "order",
             "returns", "payments", "payment", "or", "furniture", "supplies", "equipment", "politics", "hours",
             "manager", "managers", "staff", "team", "teams", "coordinator"))
    return {};
  if (in(prev, kOccasional) || negated_before(s, i)) return {};
  bool firm = at == i + 1 ||  // "in-office", "in-clinic"
              one_of(prev, "work", "working", "works", "fully", "100", "full", "based", "be", "daily", "is", "done");
  return {Kind::onsite, firm ? 2 : 1, i, at};
}

// Every word a cue can start with; most words of a posting stop here.
const WordSet kStarts = {
    "remote",     "remotely", "wfh",         "work",          "working",    "works",       "from",        "hybrid",
    "hybride",    "home",     "telecommute", "telecommuting", "telework",   "teleworking", "télétravail", "teletravail",
    "to",         "distance", "days",        "day",           "jours",      "jour",        "on",          "onsite",
    "in",         "at",       "sur",         "présentiel",    "presentiel", "bureau",      "à",           "site",
    "field",      "office",   "offices",     "clinic",        "clinics",    "store",       "stores",      "branch",
    "branches",   "shop",     "shops",       "plant",         "plants",     "warehouse",   "warehouses",  "hospital",
    "hospitals",  "lab",      "labs",        "laboratory",    "studio",     "restaurant",  "restaurants", "facility",
    "facilities", "yard",     "factory",     "mill",          "depot",      "campus",      "usine",       "entrepôt",
    "clinique",   "magasin",  "succursale",  "atelier",       "chantier",   "chantiers",   "centre",      "center"};

/// The cue that starts at word i, if any. Words are tokens of Text::lower.
Cue cue_at(const Scan& s, std::size_t i) {
  const std::string_view w = s.w(i);
  if (!kStarts.has(w)) return {};
  const std::string_view next = s.after(i, 1), prev = s.before(i, 1);
  switch (w[0]) {
    case 'r':
      if (w == "remote") {
        if (in(next, kRemoteOtherSense)) return {};
        // "remote and rural communities", "remote or northern sites"
        if (one_of(next, "and", "or") && (in(s.after(i, 2), kRemoteOtherSense) || in(s.after(i, 3), kRemoteOtherSense)))
          return {};
        // "Remote: No" / "Remote: Yes"
        if (s.gap(i + 1).find(':') != std::string_view::npos) {
          if (one_of(next, "no", "non", "not")) return {Kind::onsite, 2, i, i + 1, true, true};
          if (one_of(next, "yes", "oui")) return {Kind::remote, 2, i, i + 1, false, true};
        }
        // People elsewhere: "experience with remote teams" says nothing about this job,
        // "join our remote team" does.
        if (in(next, kRemotePeople)) {
          if (!one_of(prev, "our", "a", "the", "this", "join", "fully", "100", "entirely", "all")) return {};
          return qualify_remote(s, {Kind::remote, 1, i, i});
        }
        int strength = in(next, kJobNouns) || next.empty() ? 2 : 1;
        return qualify_remote(s, {Kind::remote, strength, i, i});
      }
      if (w == "remotely") {
        if (!one_of(prev, "work", "working", "works", "worked", "be", "performed", "done", "operate", "job") &&
            !one_of(next, "from", "within", "in", "across", "anywhere", "or"))
          return {};
        return qualify_remote(s, {Kind::remote, 2, i, i});
      }
      break;
    case 'w':
      if (w == "wfh") return qualify_remote(s, {Kind::remote, 2, i, i});
      if ((w == "work" || w == "working" || w == "works") && next == "from" &&
          one_of(s.after(i, 2), "home", "anywhere"))
        return qualify_remote(s, {Kind::remote, 2, i, i + 2});
      break;
    case 'h':
      if (w == "hybrid") {
        if (in(next, kHybridOtherSense) || in(prev, kHybridOtherBefore)) return {};
        if (negated_before(s, i)) return {};
        // "Hybrid: in the office Monday to Wednesday" states it.
        return {Kind::hybrid, 2, i, i, false, s.gap(i + 1).find(':') != std::string_view::npos};
      }
      if (w == "hybride") {
        if (in(next, kHybridOtherSense)) return {};
        return {Kind::hybrid, 2, i, i};
      }
      if (w == "home" && (next == "based" || next == "office") && prev != "our")
        return qualify_remote(s, {Kind::remote, 1, i, i + 1});
      break;
    case 't':
      if (w == "telecommute" || w == "telecommuting" || w == "telework" || w == "teleworking" || w == "télétravail" ||
          w == "teletravail") {
        std::string_view after = next;
        if (one_of(after, "partiel", "partielle", "hybride", "occasionnel", "partial")) return {Kind::hybrid, 2, i, i};
        return qualify_remote(s, {Kind::remote, 2, i, i});
      }
      // "staff report to the Town's operations centre"
      if (w == "to" && one_of(prev, "report", "reports", "reporting")) return workplace_cue(s, i);
      break;
    case 'd':
      if (w == "distance" && prev == "à" && one_of(s.before(i, 2), "travail", "travailler", "poste", "emploi"))
        return qualify_remote(s, {Kind::remote, 2, i - 1, i});
      if (w == "days" || w == "day") return days_cue(s, i);
      break;
    case 'j':
      if (w == "jours" || w == "jour") return days_cue(s, i);
      break;
    case 'o': {
      std::size_t last = i;
      if (w == "on" && next == "site") {
        last = i + 1;
      } else if (w == "on" && one_of(next, "the", "our")) {
        // "on the job site", "on our construction sites"
        std::size_t at = i + 2;
        if (one_of(s.after(i, 2), "job", "construction", "work", "project", "client")) ++at;
        if (!one_of(s.after(i, at - i), "site", "sites", "jobsite", "jobsites", "worksite", "worksites")) break;
        if (in(s.after(at, 1), kOnsiteOtherSense) || in(prev, kOccasional)) return {};
        if (!any_before(s, i, 3, kWorkWords)) return {};  // "deliver materials on the job site"
        return {Kind::onsite, 1, i, at};
      } else if (w != "onsite") {
        break;
      }
      std::string_view after = s.after(last, 1);
      if (in(after, kOnsiteOtherSense) || in(prev, kOccasional)) return {};
      if (negated_before(s, i)) return {};
      bool firm = one_of(after, "role", "position", "job", "only", "work", "5", "five", "daily", "full", "fully",
                         "presence", "required", "requirement", "basis", "at", "in", "every", "each", "100",
                         "environment", "position", "opportunity") ||
                  one_of(prev, "work", "working", "works", "fully", "100", "based", "be", "must", "required", "report",
                         "reporting", "is", "entirely", "completely", "primarily", "mostly", "physically", "present",
                         "full", "daily") ||
                  after.empty();
      return {Kind::onsite, firm ? 2 : 1, i, last};
    }
    case 'i':
      if (w == "in") {
        if (Cue c = workplace_cue(s, i); c.kind != Kind::none) return c;
        if (next == "person") {
          std::string_view after = s.after(i, 2);
          if (in(after, kOnsiteOtherSense) || in(prev, kOccasional) || negated_before(s, i)) return {};
          bool firm = one_of(prev, "work", "working", "fully", "100", "be", "role", "position", "job");
          return {Kind::onsite, firm ? 2 : 1, i, i + 1};
        }
      }
      break;
    case 'a':
      // "based at the project site office", "work at our Laval plant"
      if (w == "at" && in(prev, kWorkVerbs)) return workplace_cue(s, i);
      break;
    case 'f':
      // "work from our Vancouver office" ("work from home" is read at "work")
      if (w == "from" && in(prev, kWorkVerbs)) return workplace_cue(s, i);
      break;
    case 's':
      if (w == "sur" && (next == "place" || next == "site")) {
        if (in(s.after(i, 2), kOnsiteOtherSense)) return {};
        return {Kind::onsite, 2, i, i + 1};
      }
      // "travail sur les chantiers de la région"
      // "travail sur les chantiers de la région", not "livrer ... sur les chantiers"
      if (w == "sur" && one_of(next, "le", "les", "nos", "notre", "des") &&
          one_of(s.after(i, 2), "chantier", "chantiers", "site", "sites", "lieux") && any_before(s, i, 3, kWorkWords))
        return {Kind::onsite, 1, i, i + 2};
      break;
    case 'p':
      if (w == "présentiel" || w == "presentiel") return {Kind::onsite, 2, i, i};
      break;
    case 'b':
      if (w == "bureau" && prev == "au" &&
          one_of(s.before(i, 2), "travail", "travailler", "poste", "temps", "présence"))
        return {Kind::onsite, 1, i - 1, i};
      break;
    default: break;
  }
  // "à nos bureaux de Drummondville"
  if (w == "à") return workplace_cue(s, i);
  // "office-based", "branch-based", "site-based"
  if ((in(w, kWorkplaces) || w == "site" || w == "field") && (next == "based" || next == "bound"))
    return {Kind::onsite, 2, i, i + 1};
  return {};
}

/// A label before the cue on the same line: "Workplace type: Hybrid", "Location: Remote".
bool labelled(const Scan& s, std::size_t first) {
  for (std::size_t k = 0; k < 8; ++k) {
    if (first < k + 1) return false;
    std::size_t at = first - k;  // the gap before word `at`
    const std::string_view gap = s.gap(at);
    const std::size_t colon = gap.find(':');
    if (gap.substr(0, colon).find('\n') != std::string_view::npos) return false;
    if (colon != std::string_view::npos) {
      // The label names the arrangement and opens its line: "Workplace type:",
      // "Location:", "Mode de travail :"; not "Flexible hybrid work:".
      std::string_view head = s.w(at - 1);
      if (!one_of(head, "type", "arrangement", "arrangements", "model", "mode", "location", "locations", "workplace",
                  "setting", "style", "lieu", "emplacement", "modalité", "modalités", "modalite", "modalites", "policy",
                  "status", "format", "travail"))
        return false;
      for (std::size_t j = at - 1, words = 1; words <= 4; --j, ++words)
        if (j == 0 || s.gap(j).find('\n') != std::string_view::npos) return true;
      return false;
    }
  }
  return false;
}

/// The cue says how this job is done: "this role is on-site", "the position
/// will be fully remote", "ce poste est en télétravail".
bool about_role(const Scan& s, std::size_t first) {
  bool verb = false;
  for (std::size_t k = 1; k <= 5; ++k) {
    std::string_view w = s.before(first, k);
    if (w.empty()) return false;
    if (one_of(w, "is", "will", "be", "est", "sera")) verb = true;
    if (one_of(w, "role", "position", "job", "poste", "opportunity", "emploi")) return verb;
  }
  return false;
}

/// Location or title: the first cue, hybrid before the others.
Kind decide_short(const Scan& s, std::size_t from, std::size_t to) {
  Kind found = Kind::none;
  for (std::size_t i = from; i < to; ++i) {
    Cue c = cue_at(s, i);
    if (c.kind == Kind::hybrid) return Kind::hybrid;
    if (found == Kind::none) found = c.kind;
  }
  return found;
}

/// A location as boards write it ("Remote", "Remote - US", "Toronto, ON (Hybrid)",
/// "Hybrid remote in Toronto, ON"). Said plainly, so any mention counts.
Kind from_location(std::string_view location) {
  if (location.empty()) return Kind::none;
  const Text t = Text::of(location, "");
  const Scan s(t);
  bool remote = false, onsite = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::string_view w = s.w(i);
    if (w == "hybrid" || w == "hybride") return Kind::hybrid;
    if (w == "remote" || w == "wfh" || w == "anywhere" || w == "télétravail" || w == "teletravail" ||
        w == "telecommute" || (w == "home" && i > 0 && s.w(i - 1) == "from"))
      remote = true;
    if (w == "onsite" || (w == "on" && s.w(i + 1) == "site") || w == "presentiel" || w == "présentiel" ||
        (w == "in" && s.w(i + 1) == "office") || (w == "sur" && s.w(i + 1) == "place"))
      onsite = true;
  }
  if (remote && onsite) return Kind::hybrid;
  return remote ? Kind::remote : onsite ? Kind::onsite : Kind::none;
}

}  // namespace

std::string find_arrangement(const Text& t, std::string_view location) {
  if (Kind k = from_location(location); k != Kind::none) return kind_name(k);
  const Scan s(t);
  std::size_t title_words = 0;
  while (title_words < s.size() && s.is_title(title_words)) ++title_words;
  if (Kind k = decide_short(s, 0, title_words); k != Kind::none) return kind_name(k);

  Kind label = Kind::none, role = Kind::none;
  int remote = 0, onsite = 0, hybrid = 0, negated = 0;
  bool remote_firm = false, onsite_firm = false;
  for (std::size_t i = title_words; i < s.size(); ++i) {
    if (!kStarts.has(s.w(i))) continue;  // most words: no call at all
    Cue c = cue_at(s, i);
    if (c.kind == Kind::none) continue;
    if (label == Kind::none && (c.label || labelled(s, c.first))) label = c.kind;
    if (role == Kind::none && about_role(s, c.first)) role = c.kind;
    switch (c.kind) {
      case Kind::remote: remote += c.strength, remote_firm |= c.strength >= 2; break;
      case Kind::onsite:
        // A negated remote cue is the firmest onsite statement there is.
        if (c.negated) ++negated;
        onsite += c.strength, onsite_firm |= c.strength >= 2;
        break;
      case Kind::hybrid: ++hybrid; break;
      case Kind::none: break;
    }
    i = c.last;
  }
  if (label != Kind::none) return kind_name(label);
  if (hybrid > 0) return "hybrid";
  if (negated > 0) return "onsite";
  // "We are a remote-first company, but this role is on-site."
  if (role != Kind::none) return kind_name(role);
  if (remote_firm && onsite_firm) return "hybrid";
  if (remote > onsite) return "remote";
  if (onsite > remote) return "onsite";
  return remote > 0 ? "hybrid" : "";
}

}  // namespace ajx
