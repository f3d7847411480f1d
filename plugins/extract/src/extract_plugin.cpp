// extract: the data extractor as an enricher. Reads each posting into an
// ajx::Record (values a source or the page's JSON-LD gave keep their origin),
// runs the rules, and writes back what they found, with each value's origin in
// field_sources.
#include "autojobagent/plugin.hpp"
#include "extract/extract.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cmath>
#include <string>
#include <string_view>

namespace ajx {
extern const std::string_view kDefaultSkillsYaml;
}

namespace {

using ajx::From;

std::string text(const aj::Job& job, aj::Field f) {
  auto v = job.str(f);
  return v ? std::string(*v) : std::string();
}

// Site values for job_level ("Mid-Senior level", "Entry level", "Director") in our four levels.
std::string canonical_level(std::string_view site) {
  std::string s;
  for (char c : site) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "entry" || s == "mid" || s == "senior" || s == "expert") return s;
  if (s.find("intern") != std::string::npos || s.find("entry") != std::string::npos || s == "junior" ||
      s.find("graduate") != std::string::npos)
    return "entry";
  if (s == "associate" || s.find("intermediate") != std::string::npos || s == "mid level" || s == "mid-level")
    return "mid";
  if (s.find("mid-senior") != std::string::npos || s.find("senior") != std::string::npos) return "senior";
  if (s.find("director") != std::string::npos || s.find("executive") != std::string::npos ||
      s.find("principal") != std::string::npos)
    return "expert";
  return "";
}

class FieldSources {
 public:
  explicit FieldSources(std::string_view json) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(json, ec);
    if (!ec && v.is_object()) obj_ = std::move(v.as_object());
  }
  From of(std::string_view field) const {
    const auto* v = obj_.if_contains(field);
    return v && v->is_string() ? ajx::from_parse(v->as_string()) : From::structured;
  }
  void note(std::string_view field, From from) {
    if (from == From::none || obj_.contains(field)) return;
    obj_[field] = ajx::from_name(from);
    changed_ = true;
  }
  bool changed() const { return changed_; }
  std::string json() const { return boost::json::serialize(obj_); }

 private:
  boost::json::object obj_;
  bool changed_ = false;
};

ajx::Record read(const aj::Job& job, const FieldSources& origin) {
  ajx::Record r;
  r.site = text(job, AJ_F_SITE);
  r.title = text(job, AJ_F_TITLE);
  r.company = text(job, AJ_F_COMPANY);
  r.location = text(job, AJ_F_LOCATION);
  r.city = text(job, AJ_F_CITY);
  r.state = text(job, AJ_F_STATE);
  r.country = text(job, AJ_F_COUNTRY);
  r.description = text(job, AJ_F_DESCRIPTION);
  r.job_url = text(job, AJ_F_JOB_URL);
  r.job_url_direct = text(job, AJ_F_JOB_URL_DIRECT);

  auto lo = job.f64(AJ_F_MIN_AMOUNT), hi = job.f64(AJ_F_MAX_AMOUNT);
  if (lo || hi) {
    ajx::Salary s{lo, hi, text(job, AJ_F_INTERVAL), text(job, AJ_F_CURRENCY)};
    r.salary.set(std::move(s), origin.of(lo ? "min_amount" : "max_amount"));
  }
  auto str_value = [&](ajx::Value<std::string>& v, aj::Field f, std::string_view column) {
    if (auto s = job.str(f); s && !s->empty()) v.set(std::string(*s), origin.of(column));
  };
  str_value(r.arrangement, AJ_F_WORK_ARRANGEMENT, "work_arrangement");
  if (!r.arrangement.has() && job.boolean(AJ_F_IS_REMOTE).value_or(false))
    r.arrangement.set("remote", origin.of("is_remote"));
  if (auto level = job.str(AJ_F_JOB_LEVEL); level && !level->empty()) {
    if (std::string c = canonical_level(*level); !c.empty()) r.level.set(c, origin.of("job_level"));
  }
  if (auto years = job.i64(AJ_F_EXPERIENCE_MIN_YEARS)) r.min_years.set(static_cast<int>(*years), origin.of("experience_min_years"));
  str_value(r.job_type, AJ_F_JOB_TYPE, "job_type");
  if (auto skills = job.list(AJ_F_SKILLS); !skills.empty())
    r.skills.set(std::vector<std::string>(skills.begin(), skills.end()), origin.of("skills"));
  str_value(r.french, AJ_F_FRENCH, "french");
  str_value(r.language, AJ_F_LANGUAGE, "language");
  str_value(r.education, AJ_F_EDUCATION, "education");
  str_value(r.ats, AJ_F_ATS, "ats");
  return r;
}

void write(aj::Job& job, const ajx::Record& r, FieldSources& origin) {
  auto found = [](const auto& v) { return v.from == From::text; };
  if (found(r.salary)) {
    const ajx::Salary& s = r.salary.value;
    if (s.min) job.set(AJ_F_MIN_AMOUNT, *s.min), origin.note("min_amount", From::text);
    if (s.max) job.set(AJ_F_MAX_AMOUNT, *s.max), origin.note("max_amount", From::text);
    if (!s.interval.empty()) job.set(AJ_F_INTERVAL, s.interval), origin.note("interval", From::text);
    if (!s.currency.empty()) job.set(AJ_F_CURRENCY, s.currency), origin.note("currency", From::text);
    if (!job.str(AJ_F_SALARY_SOURCE)) job.set(AJ_F_SALARY_SOURCE, "description");
  }
  // Pay per year, whoever gave the pay, for sorting and scoring across intervals.
  if (r.salary.has() && !job.f64(AJ_F_ANNUAL_MIN) && !job.f64(AJ_F_ANNUAL_MAX)) {
    const double factor = ajx::annual_factor(r.salary.value.interval);
    if (r.salary.value.min) job.set(AJ_F_ANNUAL_MIN, std::round(*r.salary.value.min * factor));
    if (r.salary.value.max) job.set(AJ_F_ANNUAL_MAX, std::round(*r.salary.value.max * factor));
  }
  auto put = [&](const ajx::Value<std::string>& v, aj::Field f, std::string_view column) {
    if (found(v) && !v.value.empty()) job.set(f, v.value), origin.note(column, From::text);
  };
  put(r.arrangement, AJ_F_WORK_ARRANGEMENT, "work_arrangement");
  if (found(r.arrangement) && !job.boolean(AJ_F_IS_REMOTE)) job.set(AJ_F_IS_REMOTE, r.arrangement.value == "remote");
  if (r.level.has()) {
    // The site's own words ("Mid-Senior level") stay in job_level_posted.
    auto posted = job.str(AJ_F_JOB_LEVEL);
    if (posted && *posted != r.level.value) job.set_extra("job_level_posted", *posted);
    if (!posted || *posted != r.level.value) job.set(AJ_F_JOB_LEVEL, r.level.value);
    origin.note("job_level", r.level.from);
  }
  if (found(r.min_years)) job.set(AJ_F_EXPERIENCE_MIN_YEARS, r.min_years.value), origin.note("experience_min_years", From::text);
  put(r.job_type, AJ_F_JOB_TYPE, "job_type");
  if (found(r.skills)) {
    for (const auto& s : r.skills.value) job.add(AJ_F_SKILLS, s);
    origin.note("skills", From::text);
  }
  put(r.french, AJ_F_FRENCH, "french");
  put(r.language, AJ_F_LANGUAGE, "language");
  put(r.education, AJ_F_EDUCATION, "education");
  put(r.ats, AJ_F_ATS, "ats");
}

class Extract final : public aj::Enricher {
 public:
  static constexpr const char* name = "extract";
  static constexpr const char* version = "0.1.0";
  static constexpr const char* summary =
      "Reads pay, level and years, arrangement, job type, skills, French, education and the ATS from each posting";
  static constexpr aj_config_key config[] = {
      aj::key("taxonomy", AJ_CFG_PATH, nullptr, false,
              "the skills taxonomy (YAML, as config/skills.yaml); default: the copy built in"),
  };

  Extract(aj::Host, const aj::Config& cfg) {
    const std::string path = cfg.str_or("taxonomy", "");
    try {
      skills_ = path.empty() ? ajx::Taxonomy::parse(ajx::kDefaultSkillsYaml, "the built-in config/skills.yaml")
                             : ajx::Taxonomy::load(path);
    } catch (const std::exception& e) {
      throw aj::ConfigError(std::string("taxonomy: ") + e.what());
    }
  }

  void enrich(aj::Context&, aj::Job& job) override {
    FieldSources origin(job.str(AJ_F_FIELD_SOURCES).value_or(""));
    ajx::Record r = read(job, origin);
    ajx::extract(r, skills_);
    write(job, r, origin);
    if (origin.changed()) job.set(AJ_F_FIELD_SOURCES, origin.json());
  }

 private:
  ajx::Taxonomy skills_;
};

}  // namespace

AJ_PLUGIN(Extract)
