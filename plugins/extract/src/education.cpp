// Education (none | secondary | diploma | bachelor | master | doctorate) from
// the text of a posting: each degree is read with its neighbours ("Master's
// degree", "B.Sc.", "Bac+3", "DEC en"), and the lowest one required is kept.
//
// Decisions where the issue is silent:
// - Education: the lowest degree required; one that is only preferred says
//   nothing, nor does study ("currently enrolled in a PhD program", tuition
//   benefits). "Bac+N" (France) counts N years after secondary school.
#include "extract/extract.hpp"

#include "requirements.hpp"
#include "words.hpp"

namespace ajx {

namespace {

using sv = std::string_view;
using detail::Preference;
using detail::Words;
using words::is_digit;
using words::one_of;
using words::WordGate;

enum Degree : int { kNoDegree = 0, kSecondary, kDiploma, kBachelor, kMaster, kDoctorate, kUnsaid };
const char* degree_name(int d) {
  switch (d) {
    case kNoDegree:
      return "none";
    case kSecondary:
      return "secondary";
    case kDiploma:
      return "diploma";
    case kBachelor:
      return "bachelor";
    case kMaster:
      return "master";
    case kDoctorate:
      return "doctorate";
    default:
      return "";
  }
}

// Words that can name a degree: a first look, so that most words of a posting
// never pay for degree_named's reading of their neighbours.
const WordGate kDegreeWords{"phd",
                            "doctorate",
                            "doctoral",
                            "doctorat",
                            "dphil",
                            "phds",
                            "ph",
                            "msc",
                            "mba",
                            "meng",
                            "mastère",
                            "msci",
                            "mphil",
                            "mfa",
                            "mpa",
                            "mph",
                            "mcs",
                            "m",
                            "master",
                            "masters",
                            "ms",
                            "maîtrise",
                            "graduate",
                            "advanced",
                            "postgraduate",
                            "post",
                            "bachelor",
                            "bachelors",
                            "bsc",
                            "beng",
                            "btech",
                            "bcomm",
                            "bcom",
                            "bba",
                            "bcs",
                            "baccalauréat",
                            "baccalaureat",
                            "bachelier",
                            "undergraduate",
                            "bs",
                            "b",
                            "ba",
                            "bscn",
                            "degree",
                            "degrees",
                            "universitaire",
                            "universitaires",
                            "diploma",
                            "diplomas",
                            "diplôme",
                            "associate",
                            "dec",
                            "aec",
                            "dep",
                            "collégial",
                            "collégiales",
                            "collégiale",
                            "collegial",
                            "college",
                            "high",
                            "highschool",
                            "ged",
                            "secondary",
                            "secondaire",
                            "secondaires",
                            "grade",
                            "bac",
                            "bts",
                            "dut",
                            "licence"};

// The degree named at word k, one of kDegreeWords (reading its neighbours), or kUnsaid.
int degree_named(const Words& w, std::size_t k) {
  sv x = w[k];
  sv next = w[k + 1], prev = w.before(k, 1);
  sv g = w.gap(k + 1);
  bool dotted = g == ".";  // "ph.d", "m.sc", "b.eng"
  // Doctorate.
  if (one_of(x, "phd", "doctorate", "doctoral", "doctorat", "dphil", "phds")) return kDoctorate;
  if (x == "ph" && dotted && next == "d") return kDoctorate;
  // Master.
  if (one_of(x, "msc", "mba", "meng", "mastère", "msci", "mphil", "mfa", "mpa", "mph", "mcs")) return kMaster;
  if (x == "m" && dotted && one_of(next, "sc", "eng", "s", "a", "ing")) return kMaster;
  if (x == "master" && (one_of(next, "s", "degree", "of", "in", "en") || g.find('\'') != sv::npos)) return kMaster;
  if (x == "masters" && one_of(next, "degree", "in", "of", "or", "level")) return kMaster;
  if (x == "ms" && (one_of(next, "in", "degree", "or") || one_of(prev, "bs", "ba", "bsc"))) return kMaster;
  if (x == "maîtrise" && one_of(next, "en", "universitaire", "ès", "ou")) return kMaster;
  if (one_of(x, "graduate", "advanced", "postgraduate", "post") && one_of(next, "degree", "degrees", "graduate")) {
    if (x == "post" && next == "graduate") return w[k + 2] == "degree" ? kMaster : kUnsaid;
    return x == "post" ? kUnsaid : kMaster;
  }
  // France: "Bac+2" (two years after the secondary-school bac), BTS, DUT, licence, "Master 2".
  if (x == "bac" && w.gap(k + 1).find('+') != sv::npos && !next.empty() && is_digit(next[0])) {
    int years = next[0] - '0';
    return years <= 2 ? kDiploma : years <= 4 ? kBachelor : years <= 7 ? kMaster : kDoctorate;
  }
  if (x == "bac" && one_of(next, "en", "ès", "in")) return kBachelor;  // Québec: "un bac en informatique"
  if (one_of(x, "bts", "dut", "but")) return x == "but" ? kUnsaid : kDiploma;
  if (x == "licence" && one_of(next, "en", "professionnelle", "pro")) return kBachelor;
  // "Graduate of an accredited paralegal program", "graduate from a university program".
  if (x == "graduate" && one_of(next, "of", "from")) {
    for (std::size_t j = k + 2; j <= k + 7 && j < w.size() && !w.breaks(j); ++j) {
      if (one_of(w[j], "university", "université")) return kBachelor;
      if (one_of(w[j], "college", "program", "programme", "diploma")) return kDiploma;
    }
    return kUnsaid;
  }
  // Bachelor.
  if (one_of(x, "bachelor", "bachelors", "bsc", "bscn", "bcomm", "beng", "btech", "bcomm", "bcom", "bba", "bcs",
             "baccalauréat", "baccalaureat", "bachelier", "undergraduate", "bs")) {
    if (x == "undergraduate") return one_of(next, "degree", "degrees") ? kBachelor : kUnsaid;
    if (x == "bs") return one_of(next, "in", "degree", "or", "ms") || g == "/" ? kBachelor : kUnsaid;
    return kBachelor;
  }
  if (x == "b" && dotted && one_of(next, "sc", "eng", "s", "a", "tech", "comm", "com", "ing")) return kBachelor;
  if (x == "ba" && (one_of(next, "in", "degree", "or") || g == "/")) return kBachelor;
  if (x == "degree" || x == "degrees") {
    if (prev == "year" && one_of(w.before(k, 2), "2", "two", "3", "three")) return kDiploma;  // "2-year degree"
    // "Master's degree", "graduate degree", "associate degree": read at the word before.
    if (one_of(prev, "s", "master", "masters", "graduate", "advanced", "doctoral", "associate", "associates",
               "postgraduate", "phd", "mba", "msc"))
      return kUnsaid;
    if (one_of(prev, "university", "college", "year", "undergraduate", "a", "relevant", "related", "technical",
               "engineering", "science", "sciences", "business", "accounting", "finance", "bachelor", "or", "post",
               "secondary") ||
        one_of(next, "in", "from", "required", "or")) {
      if (one_of(next, "of")) return kUnsaid;
      if (prev == "secondary" && w.before(k, 2) == "post") return kDiploma;
      return kBachelor;
    }
    return kUnsaid;
  }
  if (x == "universitaire" || x == "universitaires") {
    if (one_of(prev, "diplôme", "grade", "formation", "études", "baccalauréat")) return kBachelor;
    return kUnsaid;
  }
  // Diploma.
  if (x == "diploma" || x == "diplomas" || x == "diplôme") {
    if (prev == "school" || one_of(next, "d", "de")) return kUnsaid;  // read elsewhere
    return x == "diplôme" ? kUnsaid : kDiploma;
  }
  if (x == "associate" && (next == "degree" || (next == "s" && w[k + 2] == "degree"))) return kDiploma;
  if (one_of(x, "dec", "aec", "dep") &&
      (one_of(next, "en", "ou", "or", "in", "dans") || one_of(prev, "un", "une", "d", "dec", "aec")))
    return kDiploma;
  if (one_of(x, "collégial", "collégiales", "collégiale", "collegial")) return kDiploma;
  if (x == "college" && one_of(next, "diploma", "program", "certificate")) return kDiploma;
  // Secondary.
  if (x == "high" && next == "school") return kSecondary;
  if (one_of(x, "highschool", "ged")) return kSecondary;
  if (x == "secondary" && one_of(next, "school", "education", "diploma") && prev != "post") return kSecondary;
  if (one_of(x, "secondaire", "secondaires") && prev != "post") return kSecondary;
  if (x == "grade" && next == "12") return kSecondary;
  return kUnsaid;
}

// The degree named at word k, or kUnsaid. The gate is checked here, not in
// degree_named, so that the common case does not pay for the large function's
// prologue (half the time of find_education).
int degree_at(const Words& w, std::size_t k) { return kDegreeWords.may(w[k]) ? degree_named(w, k) : kUnsaid; }

// "no degree required", "degree not required", "aucun diplôme".
bool no_degree(const Words& w, std::size_t k) {
  sv x = w[k];
  if (x.size() < 6 || !one_of(x, "degree", "diploma", "diplôme", "formal")) return false;
  sv prev = w.before(k, 1);
  if (prev == "no" || prev == "aucun" || (prev == "university" && w.before(k, 2) == "no")) return true;
  return w[k + 1] == "not" && one_of(w[k + 2], "required", "necessary", "needed");
}

// A degree named for what people study or teach, not one the job asks for:
// "tuition reimbursement for your Master's", "currently enrolled in a PhD
// program", "tutor high school students".
bool not_asked(const Words& w, std::size_t k) {
  for (std::size_t j = k + 1; j <= k + 2; ++j)
    if (one_of(w[j], "student", "students", "candidate", "candidates", "teacher", "teachers", "curriculum", "étudiant",
               "étudiants", "étudiante", "étudiantes", "élèves", "intern", "interns", "internship") &&
        !w.breaks(j))
      return true;
  for (std::size_t j = k; j > 0 && j + 10 > k && !w.breaks(j); --j)
    if (one_of(w[j - 1], "tuition", "reimbursement", "sponsorship", "sponsor", "remboursement", "enrolled",
               "enrollment", "enrolment", "pursuing", "inscrit", "inscrite", "inscrits", "currently"))
      return true;
  return false;
}

}  // namespace

std::string find_education(const Text& t) {
  const Words w{t};
  Preference pref(t);
  int required = kUnsaid;
  std::size_t k = 0;
  while (w.in_title(k)) ++k;  // a title's "(PhD)" names whom an internship is for
  for (; k < w.size(); ++k) {
    int d = no_degree(w, k) ? kNoDegree : degree_at(w, k);
    if (d == kUnsaid || d >= required || not_asked(w, k)) continue;
    // Only what is required: a degree that is "preferred" or "an asset" is not asked for.
    if (pref.at(k)) continue;
    required = d;
  }
  return degree_name(required);
}

}  // namespace ajx
