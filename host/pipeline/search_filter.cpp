#include "pipeline/search_filter.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace aj::host {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
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

// Lower-cased words of letters and digits (bytes >= 0x80 count as letters).
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      w += static_cast<char>(std::tolower(u));
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

constexpr std::array<std::string_view, 26> kProvinces = {
    "on", "qc", "bc", "ab", "mb", "sk", "ns", "nb", "nl", "pe", "yt", "nt", "nu", "ontario", "quebec", "québec",
    "british columbia", "alberta", "manitoba", "saskatchewan", "nova scotia", "new brunswick",
    "newfoundland and labrador", "prince edward island", "yukon", "nunavut"};
constexpr std::array<std::string_view, 51> kStates = {
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky",
    "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd",
    "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc"};

template <size_t N>
bool one_of(const std::array<std::string_view, N>& set, std::string_view s) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

bool is_country_name(std::string_view lowered) {
  std::string c = normalise_country(lowered);
  return c.size() == 2 && c != lowered;  // a name or code the table knows
}

// The job's country code, from its country field or the last part of its location.
std::string job_country(const JobRecord& job) {
  if (auto c = job.str_or_empty(AJ_F_COUNTRY); !c.empty()) return normalise_country(c);
  auto parts = split(lower(job.str_or_empty(AJ_F_LOCATION)), ',');
  if (parts.size() >= 3) return normalise_country(parts.back());
  if (parts.size() == 2) {
    if (one_of(kProvinces, parts[1])) return "ca";
    if (one_of(kStates, parts[1])) return "us";
    if (is_country_name(parts[1])) return normalise_country(parts[1]);
  }
  if (parts.size() == 1 && is_country_name(parts[0])) return normalise_country(parts[0]);
  return "";
}

bool job_is_remote(const JobRecord& job) {
  if (const auto& v = job.get(AJ_F_IS_REMOTE); std::holds_alternative<bool>(v) && std::get<bool>(v)) return true;
  if (lower(job.str_or_empty(AJ_F_WORK_ARRANGEMENT)) == "remote") return true;
  for (aj_field f : {AJ_F_LOCATION, AJ_F_TITLE, AJ_F_WORK_FROM_HOME_TYPE}) {
    std::string t = lower(job.str_or_empty(f));
    if (t.find("remote") != std::string::npos || t.find("work from home") != std::string::npos) return true;
  }
  return false;
}

bool truthy(const Node* n) {
  if (!n || !n->is_scalar()) return false;
  std::string v = lower(n->scalar);
  return v == "true" || v == "yes" || v == "1" || v == "on";
}

int64_t number(const Node* n) {
  if (!n || !n->is_scalar()) return 0;
  try {
    return std::stoll(n->scalar);
  } catch (...) {
    return 0;
  }
}

}  // namespace

const std::vector<std::string>& filter_keys() {
  static const std::vector<std::string> keys = {"term",      "location",  "distance_km", "job_type",
                                                "remote_only", "hours_old", "country",     "offset"};
  return keys;
}

std::string normalise_job_type(std::string_view text) {
  std::string out;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (out == "permanent" || out == "fulltimepermanent") return "fulltime";
  if (out == "contractor" || out == "contracttemp") return "contract";
  if (out == "intern") return "internship";
  if (out == "temp" || out == "temporary") return "temporary";
  return out;
}

std::string normalise_country(std::string_view text) {
  std::string t = lower(trim(text));
  static const std::vector<std::pair<std::string_view, std::string_view>> names = {
      {"canada", "ca"}, {"can", "ca"}, {"usa", "us"}, {"united states", "us"}, {"united states of america", "us"},
      {"u.s.", "us"}, {"uk", "gb"}, {"united kingdom", "gb"}, {"great britain", "gb"}, {"england", "gb"},
      {"germany", "de"}, {"deutschland", "de"}, {"france", "fr"}, {"india", "in"}, {"australia", "au"},
      {"ireland", "ie"}, {"netherlands", "nl"}, {"sweden", "se"}, {"sverige", "se"}, {"spain", "es"},
      {"mexico", "mx"}, {"brazil", "br"}, {"poland", "pl"}, {"portugal", "pt"}, {"switzerland", "ch"},
      {"singapore", "sg"}, {"japan", "jp"}, {"italy", "it"}, {"israel", "il"}};
  for (const auto& [name, code] : names)
    if (t == name) return std::string(code);
  return t;
}

SearchFilter::SearchFilter(const Node& query, const std::set<std::string>& by_site, std::time_t now) {
  auto scalar = [&](const char* k) -> std::string {
    const Node* n = query.find(k);
    return n && n->is_scalar() ? trim(n->scalar) : "";
  };
  results_wanted_ = number(query.find("results_wanted"));
  for (const auto& k : filter_keys()) {
    bool set = false;
    if (k == "remote_only") set = truthy(query.find(k));
    else if (k == "hours_old" || k == "offset" || k == "distance_km") set = number(query.find(k)) > 0;
    else set = !scalar(k.c_str()).empty();
    if (!set) continue;
    AppliedBy by = by_site.count(k) ? AppliedBy::site : AppliedBy::ajhost;
    // ajhost cannot measure distance or skip a site's first results.
    if (by == AppliedBy::ajhost && (k == "distance_km" || k == "offset")) by = AppliedBy::nobody;
    keys_.emplace_back(k, by);
  }
  if (by_ajhost("term")) term_words_ = words(scalar("term"));
  if (by_ajhost("location")) place_ = lower(scalar("location"));
  if (by_ajhost("country")) country_ = normalise_country(scalar("country"));
  if (by_ajhost("job_type")) job_type_ = normalise_job_type(scalar("job_type"));
  remote_only_ = by_ajhost("remote_only");
  if (by_ajhost("hours_old")) {
    std::time_t since = now - static_cast<std::time_t>(number(query.find("hours_old"))) * 3600;
    std::tm tm{};
    gmtime_r(&since, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    min_date_ = buf;
  }
}

bool SearchFilter::by_ajhost(const std::string& key) const {
  for (const auto& [k, by] : keys_)
    if (k == key) return by == AppliedBy::ajhost;
  return false;
}

std::string SearchFilter::check(const JobRecord& job, std::vector<std::string>* unknown) const {
  auto note_unknown = [&](const char* k) {
    if (unknown) unknown->push_back(k);
  };
  if (!term_words_.empty()) {
    std::string hay = lower(job.str_or_empty(AJ_F_TITLE) + " " + job.str_or_empty(AJ_F_DESCRIPTION) + " " +
                            job.str_or_empty(AJ_F_JOB_FUNCTION));
    if (const auto& v = job.get(AJ_F_SKILLS); std::holds_alternative<std::vector<std::string>>(v))
      for (const auto& s : std::get<std::vector<std::string>>(v)) hay += " " + lower(s);
    for (const auto& w : term_words_)
      if (hay.find(w) == std::string::npos) return "term";
  }
  if (!place_.empty()) {
    std::string hay = lower(job.str_or_empty(AJ_F_LOCATION) + ", " + job.str_or_empty(AJ_F_CITY) + ", " +
                            job.str_or_empty(AJ_F_STATE) + ", " + job.str_or_empty(AJ_F_COUNTRY));
    if (hay.find_first_not_of(", ") == std::string::npos) {
      note_unknown("location");
    } else {
      // Any named part of the place ("Square One, Mississauga, ON" -> square one, mississauga);
      // a place that is a country matches by country.
      bool match = false;
      auto parts = split(place_, ',');
      for (size_t i = 0; i < parts.size() && !match; ++i) {
        const auto& p = parts[i];
        if (i > 0 && (one_of(kProvinces, p) || one_of(kStates, p))) continue;
        if (is_country_name(p) || p == "ca") match = job_country(job) == normalise_country(p);
        else if (p == "remote") match = job_is_remote(job);
        else match = hay.find(p) != std::string::npos;
      }
      // A remote posting is open wherever its country allows.
      if (!match && job_is_remote(job)) {
        std::string jc = job_country(job), want = country_.empty() ? "" : country_;
        if (want.empty())
          for (const auto& p : parts)
            if (is_country_name(p) || one_of(kProvinces, p)) want = one_of(kProvinces, p) ? "ca" : normalise_country(p);
        match = jc.empty() || want.empty() || jc == want;
      }
      if (!match) return "location";
    }
  }
  if (!country_.empty()) {
    std::string jc = job_country(job);
    if (jc.empty()) note_unknown("country");
    else if (jc != country_) return "country";
  }
  if (!job_type_.empty()) {
    std::string jt = normalise_job_type(job.str_or_empty(AJ_F_JOB_TYPE));
    if (jt.empty()) note_unknown("job_type");
    else if (jt.find(job_type_) == std::string::npos) return "job_type";
  }
  if (remote_only_ && !job_is_remote(job)) return "remote_only";
  if (!min_date_.empty()) {
    std::string d = job.str_or_empty(AJ_F_DATE_POSTED).substr(0, 10);
    bool iso = d.size() == 10 && d[4] == '-' && d[7] == '-';
    if (!iso) note_unknown("hours_old");
    else if (d < min_date_) return "hours_old";
  }
  return "";
}

}  // namespace aj::host
