// Salary from the text of a posting: amounts with their currency and interval,
// paired into ranges, and the one most likely to be the pay chosen by its
// context ("Salary: $80,000 - $120,000 per year" beats "$5,000 signing bonus").
//
// One pass over the bytes finds numbers ("80,000", "€60.000", "95 000 $",
// "28.50", "100k"); each is read with the currency written around it ("CA$",
// "USD", "$ CAD", "£", "€") and an interval after it ("/hr", "per year", "de
// l'heure"). Two amounts joined by a dash, "to", "à" (or "and"/"et" after
// "between"/"entre") are a range. A few words on either side decide whether an
// amount is pay (salary, wage, rémunération...) or not (bonus, 401k match,
// stipend, funding...). Without a stated interval, the size of the amount
// decides: < 300 hourly, 1,000-20,000 monthly when a month is mentioned
// nearby, >= 20,000 yearly; anything else is not taken.
#include "extract/extract.hpp"

#include "words.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace ajx {

namespace {

using sv = std::string_view;
using words::is_digit;
using words::one_of;

bool is_alpha(char c) { return c >= 'a' && c <= 'z'; }
unsigned char byte_at(sv s, std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; }

// A space at s[i] (ASCII, no-break, narrow no-break or thin space, as French
// thousands are written): its length in bytes, or 0.
std::size_t space_at(sv s, std::size_t i) {
  unsigned char c = byte_at(s, i);
  if (c == ' ' || c == '\t') return 1;
  if (c == 0xC2 && byte_at(s, i + 1) == 0xA0) return 2;
  if (c == 0xE2 && byte_at(s, i + 1) == 0x80 && (byte_at(s, i + 2) == 0xAF || byte_at(s, i + 2) == 0x89)) return 3;
  return 0;
}
// The space that ends just before s[i]: its length, or 0.
std::size_t space_before(sv s, std::size_t i) {
  if (i >= 1 && (s[i - 1] == ' ' || s[i - 1] == '\t')) return 1;
  if (i >= 2 && byte_at(s, i - 2) == 0xC2 && byte_at(s, i - 1) == 0xA0) return 2;
  if (i >= 3 && byte_at(s, i - 3) == 0xE2 && byte_at(s, i - 2) == 0x80 &&
      (byte_at(s, i - 1) == 0xAF || byte_at(s, i - 1) == 0x89))
    return 3;
  return 0;
}
std::size_t skip_spaces(sv s, std::size_t i) {
  while (std::size_t n = space_at(s, i)) i += n;
  return i;
}
std::size_t skip_spaces_back(sv s, std::size_t i) {
  while (std::size_t n = space_before(s, i)) i -= n;
  return i;
}

// The ASCII letters starting at / ending just before s[i].
sv letters_at(sv s, std::size_t i) {
  std::size_t e = i;
  while (e < s.size() && is_alpha(s[e])) ++e;
  return s.substr(i, e - i);
}
sv letters_before(sv s, std::size_t i) {
  std::size_t b = i;
  while (b > 0 && is_alpha(s[b - 1])) --b;
  return s.substr(b, i - b);
}

// ---- currencies --------------------------------------------------------------

struct Sign {
  sv code;  // "$" (resolved later) or an ISO code
  std::size_t len = 0;
};

Sign sign_at(sv s, std::size_t i) {
  unsigned char c = byte_at(s, i);
  if (c == '$') return {"$", 1};
  if (c == 0xC2 && byte_at(s, i + 1) == 0xA3) return {"GBP", 2};
  if (c == 0xC2 && byte_at(s, i + 1) == 0xA5) return {"JPY", 2};
  if (c == 0xE2 && byte_at(s, i + 1) == 0x82 && byte_at(s, i + 2) == 0xAC) return {"EUR", 3};
  if (c == 0xE2 && byte_at(s, i + 1) == 0x82 && byte_at(s, i + 2) == 0xB9) return {"INR", 3};
  return {};
}
Sign sign_before(sv s, std::size_t i) {
  if (i >= 1 && s[i - 1] == '$') return {"$", 1};
  if (i >= 2) {
    Sign two = sign_at(s, i - 2);
    if (two.len == 2) return two;
  }
  if (i >= 3) {
    Sign three = sign_at(s, i - 3);
    if (three.len == 3) return three;
  }
  return {};
}

// ISO codes written as words ("USD 120,000", "95,000 CAD"): the upper-case code, or "".
sv iso_code(sv w) {
  static constexpr sv kLower[] = {"usd", "cad", "eur", "gbp", "aud", "nzd", "chf", "sek", "nok", "dkk",
                                  "jpy", "inr", "sgd", "hkd", "mxn", "brl", "pln", "zar", "cny"};
  static constexpr sv kUpper[] = {"USD", "CAD", "EUR", "GBP", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK",
                                  "JPY", "INR", "SGD", "HKD", "MXN", "BRL", "PLN", "ZAR", "CNY"};
  for (std::size_t i = 0; i < std::size(kLower); ++i)
    if (w == kLower[i]) return kUpper[i];
  return {};
}
// Letters glued before a dollar sign: "ca$", "c$", "us$", "au$".
sv dollar_prefix(sv w) {
  if (w == "ca" || w == "c" || w == "can") return "CAD";
  if (w == "us") return "USD";
  if (w == "a" || w == "au") return "AUD";
  if (w == "nz") return "NZD";
  if (w == "hk") return "HKD";
  if (w == "s" || w == "sg") return "SGD";
  if (w == "mx") return "MXN";
  return iso_code(w);
}
// More specific wins: an ISO code over a bare "$", anything over nothing.
sv better_currency(sv a, sv b) {
  if (a.empty() || (a == "$" && !b.empty())) return b;
  return a;
}

// ---- intervals ---------------------------------------------------------------

sv unit_interval(sv w) {
  if (one_of(w, "hour", "hr", "hrs", "h", "heure", "hre", "hour's")) return "hourly";
  if (one_of(w, "year", "yr", "annum", "an", "année", "annee")) return "yearly";
  if (one_of(w, "month", "mo", "mth", "mois")) return "monthly";
  if (one_of(w, "week", "wk", "semaine")) return "weekly";
  if (one_of(w, "day", "jour", "d")) return "daily";
  return {};
}
sv adjective_interval(sv w) {
  if (one_of(w, "hourly", "horaire")) return "hourly";
  if (one_of(w, "yearly", "annually", "annual", "annuel", "annuelle", "annuellement", "annualized")) return "yearly";
  if (one_of(w, "monthly", "mensuel", "mensuelle", "mensuellement")) return "monthly";
  if (one_of(w, "weekly", "hebdomadaire")) return "weekly";
  if (one_of(w, "daily", "quotidien")) return "daily";
  return {};
}

// Token helpers over the shared Text.
std::size_t token_at_or_after(const Text& t, std::size_t pos) {
  auto it =
      std::lower_bound(t.words.begin(), t.words.end(), pos, [](const Token& w, std::size_t p) { return w.begin < p; });
  return static_cast<std::size_t>(it - t.words.begin());
}
// The bytes between token k-1 and token k hold only spaces and at most `max` bytes.
bool tight(const Text& t, std::size_t k, std::size_t max = 3) {
  if (k == 0 || k >= t.words.size()) return false;
  std::size_t b = t.words[k - 1].end, e = t.words[k].begin;
  if (e - b > max) return false;
  for (std::size_t i = b; i < e; ++i)
    if (t.lower[i] == '\n') return false;
  return true;
}

struct Suffix {
  sv interval;
  std::size_t end = 0;
};
// An interval written right after an amount: "/hr", "/ year", "per hour", "a
// month", "an hour", "hourly", "annually", "par année", "de l'heure", "/h".
Suffix interval_after(const Text& t, std::size_t pos) {
  const sv s = t.lower;
  std::size_t k = token_at_or_after(t, pos);
  if (k >= t.words.size()) return {};
  std::size_t b = t.words[k].begin;
  if (b - pos > 4) return {};
  bool slash = false;
  for (std::size_t i = pos; i < b; ++i) {
    if (s[i] == '/')
      slash = true;
    else if (s[i] != ' ' && s[i] != '\t')
      return {};
  }
  const sv w = t.word(k);
  auto word = [&](std::size_t i) { return i < t.words.size() ? t.word(i) : sv{}; };
  if (slash) {
    sv iv = unit_interval(w);
    return iv.empty() ? Suffix{} : Suffix{iv, t.words[k].end};
  }
  if (sv iv = adjective_interval(w); !iv.empty()) return {iv, t.words[k].end};
  if (one_of(w, "per", "a", "an", "par", "each", "every") && tight(t, k + 1)) {
    sv unit = word(k + 1);
    if (unit.size() > 1 && unit != "an" && !(w == "a" && unit == "annum")) {
      sv iv = unit_interval(unit);
      if (w != "par" && (unit == "année" || unit == "mois" || unit == "heure" || unit == "jour")) iv = {};
      if (!iv.empty()) return {iv, t.words[k + 1].end};
    } else if (w == "par" && unit == "an") {
      return {"yearly", t.words[k + 1].end};
    }
  }
  // "de l'heure", "à l'heure", "l'heure"
  if ((w == "de" || w == "à") && word(k + 1) == "l" && word(k + 2) == "heure" && tight(t, k + 1) && tight(t, k + 2))
    return {"hourly", t.words[k + 2].end};
  if (w == "l" && word(k + 1) == "heure" && tight(t, k + 1)) return {"hourly", t.words[k + 1].end};
  return {};
}

// ---- amounts -----------------------------------------------------------------

struct Amount {
  std::size_t begin = 0, end = 0;  // bytes in Text::lower: the amount with its currency and interval
  double value = 0;
  bool k = false;        // "100k"
  bool grouped = false;  // thousands separators: "80,000", "60.000", "95 000"
  bool spaced = false;   // ... written with spaces, which only counts beside a currency
  bool yearish = false;  // 1900..2099 as four bare digits
  bool between = false;  // "between" / "entre" right before it
  sv currency;           // "$", an ISO code, or ""
  sv interval;           // from a suffix, or ""
};

// A word right after a number that makes it a count, not money: "5 years", "40 hours", "200 employees".
bool count_word(sv w) {
  return one_of(w, "year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
                "hr", "hrs", "minute", "minutes", "ans", "an", "année", "années", "mois", "semaine", "semaines", "jour",
                "jours", "heure", "heures", "employees", "employee", "people", "persons", "members", "users",
                "customers", "clients", "countries", "offices", "locations", "stores", "percent", "times", "x",
                "employés", "personnes");
}

// Reads the amount whose digits start at s[p]. `floor` is where the previous
// amount ended: a currency sign there belongs to it ("80 000 $ 5 ans").
bool read_amount(const Text& t, std::size_t p, std::size_t floor, Amount& a, std::size_t& next) {
  const sv s = t.lower;
  std::size_t i = p;
  double v = 0;
  int digits = 0;
  while (i < s.size() && is_digit(s[i])) v = v * 10 + (s[i++] - '0'), ++digits;
  next = i;
  if (digits > 7) return false;
  a = Amount{};
  // Thousands groups: one separator kind, always three digits after it.
  char sep = 0;
  if (digits <= 3) {
    for (;;) {
      std::size_t len = 0;
      char kind = 0;
      if (s.size() > i && (s[i] == ',' || s[i] == '.'))
        len = 1, kind = s[i];
      else if ((len = space_at(s, i)) != 0)
        kind = ' ';
      if (!len || (sep && kind != sep)) break;
      std::size_t j = i + len;
      if (!(is_digit(byte_at(s, j)) && is_digit(byte_at(s, j + 1)) && is_digit(byte_at(s, j + 2)) &&
            !is_digit(byte_at(s, j + 3))))
        break;
      v = v * 1000 + (s[j] - '0') * 100 + (s[j + 1] - '0') * 10 + (s[j + 2] - '0');
      i = j + 3, sep = kind, a.grouped = true;
    }
  }
  a.spaced = sep == ' ';
  // Decimals: one or two digits after the other separator ("28.50", "28,50 $", "60.000,00 €").
  if (i < s.size() && (s[i] == '.' || s[i] == ',') && s[i] != sep && is_digit(byte_at(s, i + 1)) &&
      !(is_digit(byte_at(s, i + 2)) && is_digit(byte_at(s, i + 3)))) {
    double frac = (s[i + 1] - '0') / 10.0;
    std::size_t j = i + 2;
    if (is_digit(byte_at(s, j))) frac += (s[j] - '0') / 100.0, ++j;
    v += frac, i = j;
  }
  next = i;
  const double raw = v;
  // Suffixes: "k" thousands; "m", "mm", "b", "bn", "million", "billion" are never pay.
  std::size_t j = i;
  if (byte_at(s, j) == ' ' && byte_at(s, j + 1) == 'k' && !is_alpha(static_cast<char>(byte_at(s, j + 2)))) ++j;
  sv tail = letters_at(s, j);
  if (tail == "k") {
    if ((raw == 401 || raw == 403 || raw == 457) && digits == 3) return false;  // 401k
    v *= 1000, a.k = true, j += 1;
  } else if (one_of(tail, "m", "mm", "b", "bn")) {
    return false;
  } else if (!tail.empty() && iso_code(tail).empty()) {
    return false;  // "5years", "2nd", "3d", "h1b"
  }
  std::size_t after = skip_spaces(s, j);
  if (byte_at(s, after) == '%') return false;
  if (s.substr(after, 3) == "(k)" || s.substr(after, 3) == "(b)") return false;  // 401(k), 403(b)
  if (sv w = letters_at(s, after); one_of(w, "million", "millions", "billion", "billions", "milliard", "milliards"))
    return false;
  a.value = v;
  a.yearish = digits == 4 && !a.grouped && raw == v && raw >= 1900 && raw <= 2099;

  // Currency before: "$", "CA$", "CAD $", "USD ", "£", "€".
  a.begin = p;
  std::size_t b = skip_spaces_back(s, p);
  if (Sign sg = sign_before(s, b); sg.len && b - sg.len >= floor) {
    std::size_t sb = b - sg.len;
    a.currency = sg.code, a.begin = sb;
    if (sg.code == "$") {
      sv glued = letters_before(s, sb);
      if (!glued.empty()) {
        if (sv c = dollar_prefix(glued); !c.empty()) a.currency = c, a.begin = sb - glued.size();
      } else {
        std::size_t wb = skip_spaces_back(s, sb);
        sv word = letters_before(s, wb);
        if (sv c = iso_code(word); !c.empty() && wb - word.size() >= floor) a.currency = c, a.begin = wb - word.size();
      }
    }
  } else if (sv word = letters_before(s, b); !word.empty() && b - word.size() >= floor) {
    if (sv c = iso_code(word); !c.empty()) a.currency = c, a.begin = b - word.size();
  }
  // Currency after: "95 000 $", "45 $/h", "$ CAD", "120,000 USD", "60 000 €", "k$".
  a.end = j;
  if (Sign sg = sign_at(s, after); sg.len) {
    std::size_t e = after + sg.len;
    sv code = sg.code;
    if (code == "$") {
      std::size_t r = skip_spaces(s, e);
      sv word = letters_at(s, r);
      sv c = word == "ca" ? sv("CAD") : word == "us" ? sv("USD") : iso_code(word);
      if (!c.empty()) code = c, e = r + word.size();
    }
    a.currency = better_currency(a.currency, code), a.end = e;
  } else if (sv word = letters_at(s, after); !word.empty()) {
    sv c = iso_code(word);
    if (c.empty() && (word == "dollars" || word == "dollar")) c = "$";
    if (c.empty() && (word == "euros" || word == "euro")) c = "EUR";
    if (!c.empty()) a.currency = better_currency(a.currency, c), a.end = after + word.size();
  }
  if (Suffix iv = interval_after(t, a.end); !iv.interval.empty()) a.interval = iv.interval, a.end = iv.end;
  // A count, not money: "5 years", "40 hours per week" (the currency-less case).
  if (a.interval.empty()) {
    std::size_t k = token_at_or_after(t, a.end);
    if (k < t.words.size() && t.words[k].begin - a.end <= 2 && count_word(t.word(k))) return false;
  }
  std::size_t k = token_at_or_after(t, a.begin);
  a.between = k > 0 && one_of(t.word(k - 1), "between", "entre");
  return true;
}

// Two amounts joined into a range: "-", "–", "to", "à", "through", "and"/"et" after "between".
bool joined(sv s, const Amount& lo, const Amount& hi) {
  if (hi.begin < lo.end) return false;
  std::size_t b = skip_spaces(s, lo.end), e = skip_spaces_back(s, hi.begin);
  if (e < b) return false;
  sv gap = s.substr(b, e - b);
  if (gap == "-" || gap == "~" || gap == "\xE2\x80\x93" || gap == "\xE2\x80\x94" || gap == "\xE2\x80\x92" ||
      gap == "\xE2\x88\x92" || gap == "--")
    return true;
  if (one_of(gap, "to", "à", "through", "thru", "up to", "until", "till")) return true;
  return lo.between && (gap == "and" || gap == "et");
}

// ---- context -----------------------------------------------------------------

bool pay_word(sv w) {
  return one_of(w, "salary", "salaries", "pay", "pays", "paying", "paid", "payrate", "compensation", "comp", "base",
                "range", "ranges", "wage", "wages", "rate", "rates", "remuneration", "rémunération", "salaire",
                "salaires", "taux", "traitement", "band", "hourly", "horaire", "annual", "yearly", "annuel",
                "annuelle");
}
// Pay, but often with commission or on top of the salary: "top performers
// earn over $150,000", "first-year earnings of $75,000 - $85,000", "OTE".
bool weak_pay_word(sv w) { return one_of(w, "earn", "earning", "earnings", "ote", "income", "make", "making"); }
bool not_pay_word(sv w) {
  return one_of(w, "bonus", "bonuses", "signing", "sign", "referral", "referrals", "rrsp", "rrsps", "dpsp", "tfsa",
                "pension", "match", "matching", "matched", "stipend", "stipends", "allowance", "allowances",
                "reimbursement", "reimbursements", "reimburse", "reimbursed", "revenue", "revenues", "funding",
                "funded", "raised", "raising", "valuation", "valued", "worth", "arr", "mrr", "gmv", "budget", "budgets",
                "invest", "investment", "investments", "invested", "investors", "series", "seed", "grant", "grants",
                "credit", "credits", "gift", "gifts", "tuition", "relocation", "equity", "shares", "prize", "prizes",
                "award", "awards", "fee", "fees", "price", "prices", "pricing", "cost", "costs", "spend", "spending",
                "donation", "donations", "donate", "deductible", "premium", "premiums", "insurance", "coverage", "loan",
                "loans", "assets", "aum", "portfolio", "deal", "deals", "profit", "profits", "capitalization",
                "subsidy", "perk", "perks", "discount", "discounts", "prime", "primes", "allocation", "remboursement",
                "financement", "chiffre", "levée", "commission", "commissions", "incentive", "incentives", "retention",
                "contribution", "contributions", "savings", "bill", "bills", "billing", "billings", "billed", "invoice",
                "invoiced", "average", "averaging", "tips", "housing", "commute", "commuting", "transit", "parking",
                "meal", "meals", "gym", "wellness", "childcare", "phone", "internet", "equipment", "mileage", "diem");
}
// What an amount is counted in, said after it: "$10M in sales", "$2B in transactions".
bool not_pay_after(sv w) {
  return not_pay_word(w) || one_of(w, "sales", "customers", "users", "transactions", "volume", "payments", "gmv");
}
// Words after an amount that end what belongs to it: "$100k + bonus", "depending on experience".
bool stop_word(sv w) {
  return one_of(w, "plus", "and", "with", "or", "et", "avec", "including", "includes", "excluding", "not", "depending",
                "based", "commensurate", "dependent", "selon", "doe", "but");
}
bool month_word(sv w) { return one_of(w, "month", "months", "monthly", "mois", "mensuel", "mensuelle", "mo"); }

struct Context {
  bool pay = false, weak_pay = false, not_pay = false, month = false;
  sv interval;  // "hourly rate: $25", "salaire annuel : 60 000 $"
  bool up_to = false, from = false;
};

Context read_context(const Text& t, std::size_t begin, std::size_t end) {
  Context c;
  const sv s = t.lower;
  std::size_t k0 = token_at_or_after(t, begin);
  // Just before: "up to" (only a maximum), "from" / "starting at" (only a minimum).
  auto word = [&](std::size_t back) { return k0 >= back ? t.word(k0 - back) : sv{}; };
  sv w1 = word(1), w2 = word(2), w3 = word(3);
  c.up_to = (w1 == "to" && w2 == "up") || (w1 == "à" && w2 == "jusqu") || one_of(w1, "maximum", "max") ||
            (w1 == "of" && w2 == "maximum") || (w1 == "much" && w2 == "as");
  c.from = one_of(w1, "from", "starting", "minimum", "min") ||
           (w1 == "at" && one_of(w2, "starting", "starts", "start", "least")) ||
           (w1 == "de" && w2 == "partir" && w3 == "à") || (w1 == "of" && w2 == "minimum") ||
           (w1 == "low" && w2 == "as");
  // Backwards: the nearest pay or not-pay word within 8 words, stopping at another number.
  for (std::size_t n = 1; n <= 8 && n <= k0; ++n) {
    sv w = t.word(k0 - n);
    if (is_digit(w[0])) break;
    if (month_word(w)) c.month = true;
    if (c.interval.empty()) c.interval = adjective_interval(w);
    if (not_pay_word(w)) {
      c.not_pay = true;
      break;
    }
    if (pay_word(w)) {
      c.pay = true;
      // "Hourly rate: 22.00 - 26.00", "annual base salary"
      for (std::size_t m = n + 1; c.interval.empty() && m <= n + 2 && m <= k0; ++m)
        c.interval = adjective_interval(t.word(k0 - m));
      break;
    }
    if (weak_pay_word(w)) {
      c.weak_pay = true;
      break;
    }
  }
  // Forwards: up to three words, unless a separator or "plus" ends the amount first;
  // after "in", five words whatever they are: "$500/month in quality and speed bonuses".
  std::size_t k = token_at_or_after(t, end);
  if (k < t.words.size() && t.word(k) == "in" && t.words[k].begin - end <= 2) {
    for (std::size_t n = 1; n <= 5 && k + n < t.words.size(); ++n) {
      if (sv(s).substr(t.words[k + n - 1].end, t.words[k + n].begin - t.words[k + n - 1].end).find_first_of(".;:\n") !=
          sv::npos)
        break;
      if (not_pay_after(t.word(k + n))) {
        c.not_pay = true;
        return c;
      }
    }
  }
  for (std::size_t n = 0; n < 3 && k + n < t.words.size(); ++n) {
    std::size_t from = n == 0 ? end : t.words[k + n - 1].end;
    sv gap = s.substr(from, t.words[k + n].begin - from);
    if (gap.find_first_of("+&,;.:\n|") != sv::npos) break;
    sv w = t.word(k + n);
    if (is_digit(w[0]) || stop_word(w)) break;
    if (month_word(w)) c.month = true;
    if (not_pay_after(w)) {
      c.not_pay = true;
      break;
    }
    if (pay_word(w) && !c.not_pay) c.pay = true;
  }
  return c;
}

bool plausible(sv interval, double v) {
  if (interval == "hourly") return v >= 5 && v <= 500;
  if (interval == "daily") return v >= 40 && v <= 5000;
  if (interval == "weekly") return v >= 150 && v <= 20000;
  if (interval == "monthly") return v >= 400 && v <= 100000;
  return v >= 10000 && v < 1000000;  // yearly
}

struct Best {
  int score = -1;
  Salary pay;
};

// Weighs one amount or range as the posting's pay.
void consider(const Text& t, Amount lo, const Amount* hi, sv dollar, Best& best) {
  Amount top = hi ? *hi : lo;
  if (hi) {
    // "$100-130k", "120-150K USD": the k of the top applies to the bottom.
    if (top.k && !lo.k && lo.value * 1000 <= top.value) lo.value *= 1000, lo.k = true;
    if (lo.k && !top.k && top.value * 1000 >= lo.value && top.value < 1000) top.value *= 1000, top.k = true;
    if (top.value < lo.value) return;
  }
  sv currency = better_currency(lo.currency, top.currency);
  bool marked = !currency.empty();
  if ((lo.spaced || top.spaced) && !marked) return;  // "3 100" without a currency is no amount
  if ((lo.yearish || top.yearish) && !marked) return;
  Context c = read_context(t, lo.begin, top.end);
  if (c.not_pay) return;
  sv interval = !top.interval.empty() ? top.interval : lo.interval;
  bool stated = !interval.empty();
  if (!stated) interval = c.interval;
  bool explicit_interval = !interval.empty();
  const bool any_pay = c.pay || c.weak_pay;
  if (!marked && !explicit_interval && !(any_pay && (lo.grouped || lo.k || lo.value >= 1000))) return;
  if (!marked && !stated && !any_pay) return;
  double v = top.value;
  if (interval.empty()) {
    if (v < 300)
      interval = "hourly";
    else if (v >= 20000)
      interval = "yearly";
    else if (v >= 1000 && c.month)
      interval = "monthly";
    else
      return;
  }
  if (!plausible(interval, v) || !plausible(interval, lo.value)) return;
  // A pay word matters most, then a currency; a stated interval and a range add a little.
  int score = (c.pay ? 4 : c.weak_pay ? 1 : 0) + (marked ? 2 : 0) + (explicit_interval ? 1 : 0) + (hi ? 1 : 0);
  if (score <= best.score) return;
  best.score = score;
  Salary& pay = best.pay;
  pay = Salary{};
  if (hi) {
    pay.min = lo.value, pay.max = top.value;
  } else if (c.up_to) {
    pay.max = lo.value;
  } else if (c.from) {
    pay.min = lo.value;
  } else {
    pay.min = pay.max = lo.value;
  }
  pay.interval = std::string(interval);
  pay.currency = std::string(currency.empty() || currency == "$" ? dollar : currency);
}

}  // namespace

std::optional<Salary> find_salary(const Text& t, std::string_view dollar) {
  const sv s = t.lower;
  Best best;
  Amount pending;
  bool has_pending = false;
  std::size_t floor = 0;
  std::size_t i = 0;  // bytes before i are read
  for (const Token& word : t.words) {
    // Numbers start words ("h1b", "x86" are no numbers); "000" of "80,000" was read with "80".
    if (word.begin < i || !is_digit(s[word.begin])) continue;
    i = word.begin;
    if (i > 0 && (s[i - 1] == '.' || s[i - 1] == ',') && i > 1 && is_digit(s[i - 2])) continue;  // "2.5.1"
    Amount a;
    std::size_t next = i + 1;
    if (!read_amount(t, i, floor, a, next)) {
      i = std::max(next, i + 1);
      continue;
    }
    floor = a.end;
    i = std::max(a.end, next);
    if (has_pending && joined(s, pending, a)) {
      consider(t, pending, &a, dollar, best);
      has_pending = false;
      continue;
    }
    if (has_pending) consider(t, pending, nullptr, dollar, best);
    pending = a, has_pending = true;
  }
  if (has_pending) consider(t, pending, nullptr, dollar, best);
  if (best.score < 0) return std::nullopt;
  return best.pay;
}

}  // namespace ajx
