// Job type (fulltime | parttime | contract | internship | temporary) from the
// title, then a "Job type:" label, then the text of a posting. Each word is read
// with a few words on either side, so "Contract Manager" is a title and
// "(Contract)" a job type, "temporary position" a job type and "temporary
// access" not.
//
// Decisions where the issue is silent:
// - Job type: "fixed-term" (and French "durée déterminée", CDD) is contract, a
//   contract of a set length; "temporary", "seasonal", "temporaire", a public
//   sector "Term" and a "Long-Term Occasional" teacher are temporary;
//   "permanent" and CDI are fulltime unless part time is said too; "casual"
//   (on call) is parttime. Among several: internship, then contract ("seasonal
//   contract"), then temporary, then part/full time (the first), then
//   permanent, so "full-time 6-month contract" is contract.
#include "extract/extract.hpp"

#include "requirements.hpp"
#include "words.hpp"

namespace ajx {

namespace {

using sv = std::string_view;
using detail::Words;
using words::is_digit;
using words::one_of;
using words::WordGate;

// kPermanent is full time unless part time is said too ("Permanent Part-Time").
enum Type : int { kNoType = -1, kFull, kPart, kContract, kInternship, kTemporary, kPermanent };
const char* type_name(int type) {
  switch (type) {
    case kFull:
    case kPermanent:
      return "fulltime";
    case kPart:
      return "parttime";
    case kContract:
      return "contract";
    case kInternship:
      return "internship";
    case kTemporary:
      return "temporary";
    default:
      return "";
  }
}

// Nouns after "contract", "temporary", "seasonal", "permanent" that make them a
// job type: "contract role", "temporary position", "permanent full-time".
bool engagement_noun(sv x) {
  return one_of(x, "position", "positions", "role", "roles", "job", "jobs", "assignment", "assignments", "basis",
                "opportunity", "opportunities", "engagement", "term", "length", "duration", "employee", "employees",
                "employment", "worker", "workers", "opening", "gig", "period", "hire", "contract", "contractor", "full",
                "part", "post", "poste", "staff", "associate", "associates", "team", "placement", "status", "w2",
                "extension", "work", "only");
}
// What "contract" is followed by in a title when it is a duty, not a job type: "Contract Manager".
bool contract_duty_next(sv x) {
  return one_of(x, "manager", "management", "managers", "administrator", "administration", "admin", "specialist",
                "analyst", "negotiator", "coordinator", "officer", "lawyer", "attorney", "counsel", "compliance",
                "review", "reviewer", "lifecycle", "associate", "paralegal", "director", "lead", "support", "drafting",
                "services", "operations", "professional", "accountant", "clerk", "advisor", "consultant", "assistant",
                "supervisor", "pricing", "sales", "writer", "lawyers", "and", "de", "program", "programs", "closeout",
                "negotiations", "negotiation", "estimator", "procurement", "performance", "risk", "legal", "law");
}

// Where a word is read: in the title and after "Job type:" a bare "Contract"
// or "Temporary" is a label; in the running text they need context.
enum class Where { title, label, text };

// The type a word says at k, reading neighbours.
int type_at(const Words& w, std::size_t k, Where where) {
  static const WordGate gate{"full",
                             "fulltime",
                             "temps",
                             "cdi",
                             "part",
                             "parttime",
                             "permanent",
                             "permanente",
                             "casual",
                             "internship",
                             "internships",
                             "stagiaire",
                             "stagiaires",
                             "intern",
                             "interns",
                             "co",
                             "coop",
                             "stage",
                             "contractuel",
                             "contractuelle",
                             "cdd",
                             "freelance",
                             "freelancer",
                             "fixed",
                             "durée",
                             "contract",
                             "contractor",
                             "contrat",
                             "term",
                             "occasional",
                             "tidsbegränsad",
                             "vikariat",
                             "visstidsanställning",
                             "heltid",
                             "deltid",
                             "temporary",
                             "temp",
                             "seasonal",
                             "temporaire",
                             "temporaires",
                             "saisonnier",
                             "saisonnière",
                             "saisonniers"};
  if (!gate.may(w[k])) return kNoType;
  sv x = w[k], next = w[k + 1], prev = w.before(k, 1);
  bool near = w.joined(k + 1);
  const bool title = where != Where::text;
  if ((where == Where::title && !w.in_title(k + 1)) || (where == Where::label && w.breaks(k + 1))) next = {};
  if ((x == "full" && near && one_of(next, "time", "timer")) || x == "fulltime" ||
      (x == "temps" && one_of(next, "plein", "complet")) || x == "cdi")
    return kFull;
  if ((x == "part" && near && one_of(next, "time", "timer")) || x == "parttime" || (x == "temps" && next == "partiel"))
    return kPart;
  if (x == "permanent" || x == "permanente") {
    if (title || engagement_noun(next) || one_of(prev, "poste", "position", "emploi", "role") || w.breaks(k + 1) ||
        w.gap(k + 1).find_first_of(",)") != sv::npos)
      return kPermanent;
  }
  // "Casual position" (on call, Canadian boards): part time.
  if (x == "casual" && (where == Where::label || (title && next.empty()) || engagement_noun(next))) return kPart;
  // Internship.
  if (one_of(x, "internship", "internships", "stagiaire", "stagiaires")) {
    if (title || x[0] == 's' ||
        one_of(prev, "this", "paid", "unpaid", "summer", "fall", "winter", "spring", "month", "months", "week", "weeks",
               "term", "time") ||
        (prev == "an" && !one_of(next, "program", "programs", "programme")) ||
        one_of(next, "position", "role", "opportunity", "term", "placement", "period", "duration", "length", "start",
               "starts", "begins", "will", "is", "runs"))
      return kInternship;
  }
  if (x == "intern" || x == "interns") {
    if (title || (one_of(prev, "an", "as") && !one_of(next, "mentor", "manager"))) return kInternship;
  }
  if ((x == "co" && next == "op" && near) || x == "coop") {
    std::size_t after = x == "co" ? k + 2 : k + 1;
    if (title ||
        one_of(w[after], "student", "students", "position", "placement", "opportunity", "role", "job", "stage",
               "stagiaire") ||
        one_of(prev, "a", "this", "summer", "fall", "winter", "month", "months"))
      return kInternship;
  }
  if (x == "stage" && (title ? (one_of(next, "en", "de", "d", "été", "hiver", "automne", "rémunéré", "") ||
                                w.gap(k + 1).find_first_of("-:(|") != sv::npos)
                             : (one_of(prev, "un", "ce", "le", "du", "votre", "ton") ||
                                one_of(next, "rémunéré", "pratique", "crédité"))))
    return kInternship;
  // Contract.
  if (x == "contractuel" || x == "contractuelle" || x == "cdd") return kContract;
  // "Freelance Writer", "on a freelance basis", "as a freelancer"; not "work with a content freelancer".
  if ((x == "freelance" || x == "freelancer") &&
      (title || engagement_noun(next) || prev == "as" || (prev == "a" && w.before(k, 2) == "as")))
    return kContract;
  if (x == "fixed" && near && next == "term") return kContract;
  if (x == "durée" && one_of(next, "déterminée", "determinee")) return kContract;
  if (x == "durée" && one_of(next, "indéterminée", "indeterminee")) return kFull;
  if (x == "contract" || x == "contractor" || x == "contrat") {
    if (x == "contrat") {
      if (next == "à" && w[k + 2] == "durée") return kNoType;  // read at "durée"
      if (one_of(next, "permanent", "cdi")) return kPermanent;
      if (one_of(next, "de", "d", "temporaire", "contractuel") || engagement_noun(next)) return kContract;
      return kNoType;
    }
    if (title) {
      // A label: "(Contract)", "Contract - Java Developer", "Developer, 6-month contract", "Contract Java Developer";
      // not a duty: "Contract Manager", "Contractor Safety Coordinator".
      if (contract_duty_next(next) || (x == "contractor" && one_of(next, "safety", "relations", "quality")))
        return kNoType;
      return kContract;
    }
    if (x == "contract" && next == "to" && w[k + 2] == "hire") return kContract;
    if (one_of(prev, "month", "months", "mois", "year", "week", "weeks", "fixed", "term", "temporary", "short", "long",
               "initial", "w2", "c2c", "1099") ||
        (x == "contractor" && one_of(prev, "independent", "a", "as", "an", "1099")) ||
        (x == "contract" && prev == "on") || engagement_noun(next) ||
        (x == "contract" && prev == "a" && w.breaks(k + 1)))
      return kContract;
    return kNoType;
  }
  // Temporary: a "term" appointment (public sector), a long-term occasional teacher, Swedish "vikariat".
  if (x == "term" && !one_of(prev, "fixed", "long", "short", "mid", "medium", "full", "part") &&
      (where == Where::label ||
       (title && (next.empty() || w.gap(k).find_first_of("-(,|/") != sv::npos ||
                  w.gap(k + 1).find_first_of(")-,|/") != sv::npos)) ||
       one_of(next, "position", "appointment", "employment", "assignment", "role", "contract") ||
       (next == "of" && w[k + 2].size() > 0 && (is_digit(w[k + 2][0]) || w[k + 2] == "one" || w[k + 2] == "six"))))
    return kTemporary;
  if (title && (x == "occasional" || x == "tidsbegränsad" || x == "vikariat" || x == "visstidsanställning"))
    return kTemporary;
  if (title && x == "heltid") return kFull;
  if (title && x == "deltid") return kPart;
  if (one_of(x, "temporary", "temp", "seasonal", "temporaire", "temporaires", "saisonnier", "saisonnière",
             "saisonniers")) {
    if (title || x == "temporaire" || x == "temporaires" || engagement_noun(next) || (x == "temp" && next == "to") ||
        w.breaks(k + 1) || w.gap(k + 1).find_first_of(",):") != sv::npos)
      return kTemporary;
  }
  return kNoType;
}

// Which of two found types to keep: internship first, then contract ("a
// seasonal contract"), then temporary, then part or full time (the earlier).
int rank(int type) {
  switch (type) {
    case kInternship:
      return 5;
    case kContract:
      return 4;
    case kTemporary:
      return 3;
    case kFull:
    case kPart:
      return 2;
    case kPermanent:
      return 1;
    default:
      return 0;
  }
}
void keep(int& best, int found) {
  if (rank(found) > rank(best)) best = found;
}

// "Job Type: Full-time", "Employment type: Contract", "Type d'emploi : Temps plein".
bool type_label(const Words& w, std::size_t k) {
  static const WordGate gate{"type",     "types", "status", "tenure", "employment",
                             "position", "job",   "emploi", "poste",  "contrat"};
  if (!gate.may(w[k])) return false;
  sv x = w[k], prev = w.before(k, 1), prev2 = w.before(k, 2);
  if (one_of(x, "type", "types", "status", "tenure") &&
      one_of(prev, "job", "employment", "position", "work", "contract", "engagement", "role", "worker"))
    return true;
  if (one_of(x, "employment", "position", "job", "emploi", "poste", "contrat") && one_of(prev, "of", "d", "de", "du") &&
      one_of(prev2, "type", "statut", "nature"))
    return true;
  if (x == "employment" && (k == 0 || w.breaks(k))) return true;  // "Employment: Full-time"
  return false;
}

}  // namespace

std::string find_job_type(const Text& t) {
  const Words w{t};
  int title_type = kNoType;
  std::size_t k = 0;
  for (; w.in_title(k); ++k) keep(title_type, type_at(w, k, Where::title));
  if (title_type != kNoType) return type_name(title_type);
  const std::size_t body = k;
  // An explicit label wins ("Job Types: Full-time, Contract" is contract).
  for (std::size_t j = body; j < w.size(); ++j) {
    if (!type_label(w, j)) continue;
    sv g = w.gap(j + 1);
    if (g.find(':') == sv::npos && g.find('\xE2') == sv::npos && g.find('-') == sv::npos) continue;
    int found = kNoType;
    for (std::size_t i = j + 1; i < w.size() && i < j + 12; ++i) {
      if (i > j + 1 && w.gap(i).find('\n') != sv::npos) break;
      keep(found, type_at(w, i, Where::label));
    }
    if (found != kNoType) return type_name(found);
  }
  int best = kNoType;
  for (std::size_t j = body; j < w.size(); ++j) keep(best, type_at(w, j, Where::text));
  return type_name(best);
}

}  // namespace ajx
