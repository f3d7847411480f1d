#include "ajsrc/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>

namespace ajsrc {
namespace {
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
}  // namespace

std::string trim(std::string_view s) {
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  // and non-breaking spaces (UTF-8 C2 A0) at either end
  while (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') s.remove_prefix(2);
  while (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s.back() == '\xA0') s.remove_suffix(2);
  return std::string(s);
}

std::string lower(std::string_view s) {
  // ASCII only, as std::tolower is for single bytes of UTF-8 text, without a
  // call per byte: whole pages are lowered (ATS markers, bot checks).
  std::string out(s.size(), '\0');
  const auto* __restrict in = reinterpret_cast<const unsigned char*>(s.data());
  auto* __restrict to = reinterpret_cast<unsigned char*>(out.data());
  for (std::size_t i = 0, n = s.size(); i < n; ++i)  // branch-free and unaliased, so that it vectorizes
    to[i] = static_cast<unsigned char>(in[i] + (static_cast<unsigned char>(in[i] - 'A') < 26 ? 32 : 0));
  return out;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  for (;;) {
    auto i = s.find(sep);
    std::string part = trim(s.substr(0, i));
    if (!part.empty()) out.push_back(std::move(part));
    if (i == std::string_view::npos) return out;
    s.remove_prefix(i + 1);
  }
}

std::string iso_date(std::time_t seconds) {
  std::tm tm{};
  // A timestamp a board got wrong can be any number: only years 1970-9999 fit YYYY-MM-DD.
  if (!gmtime_r(&seconds, &tm) || tm.tm_year < 70 || tm.tm_year > 9999 - 1900) return "";
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string iso_date_from_ms(int64_t epoch_ms) { return iso_date(static_cast<std::time_t>(epoch_ms / 1000)); }

std::string iso_date_prefix(std::string_view t) {
  t = std::string_view(t).substr(0, std::min<size_t>(t.size(), 64));
  for (size_t i = 0; i + 10 <= t.size(); ++i) {
    auto d = t.substr(i, 10);
    bool ok = d[4] == '-' && d[7] == '-';
    for (size_t k : {0, 1, 2, 3, 5, 6, 8, 9}) ok = ok && std::isdigit(static_cast<unsigned char>(d[k]));
    if (ok) return std::string(d);
  }
  return "";
}

std::string relative_date(std::string_view text, std::time_t now) {
  std::string t = lower(text);
  if (t.find("today") != std::string::npos || t.find("just") != std::string::npos ||
      t.find("moment") != std::string::npos)
    return iso_date(now);
  if (t.find("yesterday") != std::string::npos) return iso_date(now - 86400);
  size_t i = t.find_first_of("0123456789");
  if (i == std::string::npos) return "";
  long n = std::strtol(t.c_str() + i, nullptr, 10);
  std::string rest = t.substr(i);
  long unit = 0;
  if (rest.find("minute") != std::string::npos || rest.find("min") != std::string::npos) unit = 60;
  if (rest.find("hour") != std::string::npos || rest.find("hr") != std::string::npos) unit = 3600;
  if (rest.find("day") != std::string::npos) unit = 86400;
  if (rest.find("week") != std::string::npos) unit = 7 * 86400;
  if (rest.find("month") != std::string::npos) unit = 30 * 86400;
  if (rest.find("year") != std::string::npos) unit = 365 * 86400;
  // Before 1970 is no date a board means, and n * unit would overflow on the way.
  if (!unit || n > now / unit) return "";
  return iso_date(now - static_cast<std::time_t>(n) * unit);
}

std::string rfc822_date(std::string_view text) {
  static constexpr std::array<const char*, 12> months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                         "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string t = lower(text);
  if (auto comma = t.find(','); comma != std::string::npos) t = t.substr(comma + 1);
  int day = 0, year = 0;
  char mon[8] = {0};
  if (std::sscanf(t.c_str(), " %d %3s %d", &day, mon, &year) != 3) return iso_date_prefix(text);
  for (size_t m = 0; m < months.size(); ++m) {
    if (std::strcmp(mon, months[m]) == 0) {
      if (year < 100) year += 2000;
      if (day < 1 || day > 31 || year < 1970 || year > 9999) return "";
      char buf[32];
      std::snprintf(buf, sizeof buf, "%04d-%02zu-%02d", year, m + 1, day);
      return buf;
    }
  }
  return "";
}

Place split_place(std::string_view location) {
  Place p;
  auto parts = split(location, ',');
  if (parts.empty()) return p;
  std::string first = lower(parts[0]);
  if (parts.size() == 1 && (first == "remote" || first.find("anywhere") != std::string::npos)) return p;
  p.city = parts[0];
  if (parts.size() >= 2) p.state = parts[1];
  if (parts.size() >= 3) p.country = parts.back();
  return p;
}

std::string job_type(std::string_view text) {
  std::string t;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c))) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t.empty()) return "";
  if (t.find("fulltime") != std::string::npos || t == "permanent" || t == "regular" || t == "f") return "fulltime";
  if (t.find("parttime") != std::string::npos || t == "p") return "parttime";
  if (t.find("intern") != std::string::npos || t == "i") return "internship";
  if (t.find("contract") != std::string::npos || t.find("freelance") != std::string::npos || t == "c") return "contract";
  if (t.find("temp") != std::string::npos || t.find("seasonal") != std::string::npos || t == "t") return "temporary";
  return "";
}

std::string pay_interval(std::string_view text) {
  std::string t = lower(text);
  auto has = [&](const char* w) { return t.find(w) != std::string::npos; };
  if (has("hour") || has("/hr") || t == "hr" || has("/h ") || (t.size() >= 2 && t.substr(t.size() - 2) == "/h")) return "hourly";
  if (has("month") || has("/mo")) return "monthly";
  if (has("week") || has("/wk")) return "weekly";
  if (has("day") || has("daily")) return "daily";
  if (has("year") || has("annual") || has("/yr") || t == "yr" || has("/y") || has("salary")) return "yearly";
  return "";
}

Pay parse_pay(std::string_view text, std::string_view default_currency) {
  Pay pay;
  std::string t(text);
  std::string lt = lower(t);
  struct Cur {
    const char* mark;
    const char* code;
  };
  static constexpr std::array<Cur, 14> currencies = {{{"ca$", "CAD"}, {"c$", "CAD"}, {"cad", "CAD"}, {"us$", "USD"},
                                                      {"usd", "USD"}, {"€", "EUR"}, {"eur", "EUR"}, {"£", "GBP"},
                                                      {"gbp", "GBP"}, {"sek", "SEK"}, {"kr", "SEK"}, {"₹", "INR"},
                                                      {"inr", "INR"}, {"a$", "AUD"}}};
  for (const auto& c : currencies)
    if (lt.find(c.mark) != std::string::npos) {
      pay.currency = c.code;
      break;
    }
  if (pay.currency.empty() && lt.find('$') != std::string::npos) pay.currency = std::string(default_currency);
  // Numbers: digits with , . or (narrow) spaces as group separators, optional k.
  std::vector<double> nums;
  auto dig = [&](size_t k) { return k < t.size() && std::isdigit(static_cast<unsigned char>(t[k])); };
  for (size_t i = 0; i < t.size();) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) {
      ++i;
      continue;
    }
    std::string digits;
    size_t j = i;
    std::string frac;
    while (j < t.size()) {
      char c = t[j];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        digits += c;
        ++j;
      } else if ((c == ',' || c == ' ') && dig(j + 1) && dig(j + 2) && dig(j + 3) && !dig(j + 4)) {
        ++j;  // a thousands separator
      } else if (c == '.' && j + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[j + 1]))) {
        ++j;
        while (j < t.size() && std::isdigit(static_cast<unsigned char>(t[j]))) frac += t[j++];
        break;
      } else {
        break;
      }
    }
    double v = std::stod(digits + (frac.empty() ? "" : "." + frac));
    if (j < t.size() && (t[j] == 'k' || t[j] == 'K')) {
      v *= 1000;
      ++j;
    }
    nums.push_back(v);
    i = j;
  }
  if (!nums.empty()) pay.min = nums[0];
  pay.max = nums.size() >= 2 ? nums[1] : pay.min;
  pay.interval = pay_interval(lt);
  if (pay.interval.empty() && pay.min) pay.interval = *pay.min < 350 ? "hourly" : "yearly";
  return pay;
}

}  // namespace ajsrc
