// feed: job postings from the RSS 2.0, Atom 1.0 and Personio XML feeds you
// list. A feed is one fixed document that takes no search parameters, so each
// is fetched once per run (whatever the number of queries) and every item is
// handed to ajhost, which applies the search filters itself.
#include "feed_parse.hpp"

#include <ajsrc/fetch.hpp>
#include <ajsrc/json.hpp>
#include <ajsrc/text.hpp>
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <boost/json/value.hpp>

#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

// "feeds" is a list whose items are strings or mappings: AJ_CFG_ANY, and
// read_feeds checks the shape itself.
constexpr aj_config_type kAnyValue = AJ_CFG_ANY;

constexpr const char* kAccept =
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

const std::set<std::string> kFeedKeys = {"url", "company", "format", "split_title", "remote", "job_url"};

std::string entry_name(size_t i) { return "feeds[" + std::to_string(i) + "]"; }

feed::FeedSpec read_mapping(const boost::json::object& o, const std::string& at) {
  feed::FeedSpec f;
  for (const auto& [k, v] : o) {
    std::string key(k);
    if (!kFeedKeys.count(key))
      throw aj::ConfigError(at + ": unknown key '" + key + "'; a feed takes url, company, format, split_title, remote, job_url");
    std::string text = ajsrc::str(&v);
    if (key == "url") {
      f.url = ajsrc::trim(text);
    } else if (key == "company") {
      f.company = ajsrc::trim(text);
    } else if (key == "format") {
      auto fmt = feed::parse_format(ajsrc::lower(ajsrc::trim(text)));
      if (!fmt) throw aj::ConfigError(at + ".format: '" + text + "' is not one of auto, rss, atom, personio");
      f.format = *fmt;
    } else if (key == "split_title") {
      std::string t = ajsrc::lower(ajsrc::trim(text));
      if (t == "auto") f.split_title = feed::SplitTitle::automatic;
      else if (t == "true" || t == "yes") f.split_title = feed::SplitTitle::yes;
      else if (t == "false" || t == "no") f.split_title = feed::SplitTitle::no;
      else throw aj::ConfigError(at + ".split_title: '" + text + "' is not auto, true or false");
    } else if (key == "remote") {
      auto b = ajsrc::boolean(&v);
      if (!b) throw aj::ConfigError(at + ".remote: expected true or false, got '" + text + "'");
      f.remote = *b;
    } else if (key == "job_url") {
      f.job_url = ajsrc::trim(text);
      if (f.job_url.find("{id}") == std::string::npos)
        throw aj::ConfigError(at + ".job_url: '" + f.job_url + "' has no {id} (e.g. https://acme.jobs.personio.de/job/{id})");
    }
  }
  return f;
}

// `feeds`: one URL, or a list of URLs and {url, company, format, ...} mappings.
std::vector<feed::FeedSpec> read_feeds(const aj::Config& cfg) {
  auto text = cfg.json("feeds");
  if (!text) throw aj::ConfigError("feeds: list the feed URLs to read, e.g. [\"https://acme.jobs.personio.de/xml?language=en\"]");
  boost::json::value all;
  try {
    all = ajsrc::parse_json(*text, "feeds");
  } catch (const std::exception& e) {
    throw aj::ConfigError(std::string("feeds: ") + e.what());
  }
  std::vector<const boost::json::value*> entries;
  if (all.is_array()) {
    for (const auto& v : all.as_array()) entries.push_back(&v);
  } else {
    entries.push_back(&all);
  }
  std::vector<feed::FeedSpec> feeds;
  std::set<std::string> urls;
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& v = *entries[i];
    std::string at = entry_name(i);
    feed::FeedSpec f;
    if (v.is_string()) f.url = ajsrc::trim(std::string(v.as_string()));
    else if (v.is_object()) f = read_mapping(v.as_object(), at);
    else throw aj::ConfigError(at + ": expected a URL or a mapping {url, company, format, split_title, remote, job_url}");
    if (f.url.rfind("http://", 0) != 0 && f.url.rfind("https://", 0) != 0)
      throw aj::ConfigError(at + ": the URL must start with http:// or https:// (got \"" + f.url + "\")");
    if (!urls.insert(f.url).second) throw aj::ConfigError(at + ": " + f.url + " is listed twice");
    feeds.push_back(std::move(f));
  }
  if (feeds.empty()) throw aj::ConfigError("feeds: the list is empty; name at least one feed URL");
  return feeds;
}

void set_if(aj::NewJob& job, aj::Field f, const std::string& v) {
  if (!v.empty()) job.set(f, v);
}

void fill(aj::NewJob& job, const feed::Posting& p) {
  set_if(job, AJ_F_ID, p.id);
  set_if(job, AJ_F_SITE, p.site);
  set_if(job, AJ_F_ATS, p.ats);
  set_if(job, AJ_F_TITLE, p.title);
  set_if(job, AJ_F_JOB_URL, p.job_url);
  set_if(job, AJ_F_JOB_URL_DIRECT, p.job_url_direct);
  set_if(job, AJ_F_COMPANY, p.company);
  set_if(job, AJ_F_COMPANY_URL, p.company_url);
  set_if(job, AJ_F_COMPANY_LOGO, p.company_logo);
  set_if(job, AJ_F_LOCATION, p.location);
  set_if(job, AJ_F_CITY, p.city);
  set_if(job, AJ_F_STATE, p.state);
  set_if(job, AJ_F_COUNTRY, p.country);
  set_if(job, AJ_F_DATE_POSTED, p.date_posted);
  set_if(job, AJ_F_JOB_TYPE, p.job_type);
  set_if(job, AJ_F_JOB_LEVEL, p.job_level);
  set_if(job, AJ_F_JOB_FUNCTION, p.job_function);
  set_if(job, AJ_F_DESCRIPTION, p.description);
  set_if(job, AJ_F_WORK_ARRANGEMENT, p.work_arrangement);
  set_if(job, AJ_F_EXPERIENCE_RANGE, p.experience_range);
  if (p.is_remote) job.set(AJ_F_IS_REMOTE, *p.is_remote);
  if (p.experience_min) job.set(AJ_F_EXPERIENCE_MIN_YEARS, *p.experience_min);
  if (p.experience_max) job.set(AJ_F_EXPERIENCE_MAX_YEARS, *p.experience_max);
  if (!p.pay.empty()) {
    if (p.pay.min) job.set(AJ_F_MIN_AMOUNT, *p.pay.min);
    if (p.pay.max) job.set(AJ_F_MAX_AMOUNT, *p.pay.max);
    set_if(job, AJ_F_INTERVAL, p.pay.interval);
    set_if(job, AJ_F_CURRENCY, p.pay.currency);
    job.set(AJ_F_SALARY_SOURCE, "direct_data");
  }
  for (const auto& s : p.skills) job.add(AJ_F_SKILLS, s);
  for (const auto& [k, v] : p.extras) job.set_extra(k, v);
}

}  // namespace

class Feed final : public aj::Source {
 public:
  static constexpr const char* name = "feed";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Job postings from RSS 2.0, Atom 1.0 and Personio XML feeds (keyless)";
  static constexpr aj_config_key config[] = {
      aj::key("feeds", kAnyValue, nullptr, true,
              "feed URLs, or mappings {url, company (a name, or 'author'), format: auto|rss|atom|personio, "
              "split_title: auto|true|false, remote: true|false, job_url: 'https://.../job/{id}' (Personio)}"),
  };

  Feed(aj::Host host, const aj::Config& cfg) : host_(host), http_(host), feeds_(read_feeds(cfg)), loaded_(feeds_.size()) {}

  void run(aj::Context& ctx, const aj::Config&) override {
    ctx.server_filters({}, "a feed is one fixed document without search parameters: ajhost applies every filter to its items");
    std::vector<const Loaded*> failed;
    uint64_t handed = 0;
    for (size_t i = 0; i < feeds_.size(); ++i) {
      if (ctx.cancelled()) return;
      const Loaded& l = load(ctx, i);
      if (l.failure) {
        failed.push_back(&l);
        continue;
      }
      for (const auto& p : l.postings) {
        auto job = ctx.new_job();
        fill(job, p);
        ++handed;
        if (!ctx.emit(std::move(job))) return;  // this query (or the run) has all it wants
      }
      ctx.progress(i + 1, feeds_.size());
    }
    report(ctx, failed, handed);
  }

 private:
  // One feed's document as read this run: its postings, or why there are none.
  struct Loaded {
    bool done = false;
    std::vector<feed::Posting> postings;
    std::optional<std::string> failure;    // the message
    std::optional<aj::Outcome> outcome;    // unset for a plain error (HTTP 404, a bad request)
    aj_status status = AJ_ERROR;
  };

  // Fetches and parses feed `i` the first time a query asks; later queries reuse
  // it, failures included (a blocked feed is not asked again within the run).
  const Loaded& load(aj::Context& ctx, size_t i) {
    std::lock_guard lock(mutex_);
    Loaded& l = loaded_[i];
    if (l.done) return l;
    const feed::FeedSpec& f = feeds_[i];
    try {
      auto r = http_.get(ctx, f.url, {}, {{"Accept", kAccept}});
      check(r, f);
      auto parsed = feed::parse_feed(r.body(), f);
      l.postings = std::move(parsed.postings);
      host_.info("feed " + f.url + ": " + std::to_string(l.postings.size()) + " postings (" +
                 feed::format_name(parsed.format) + ")");
      if (parsed.skipped)
        host_.warn("feed " + f.url + ": " + std::to_string(parsed.skipped) +
                   " items without a title (or Personio positions without an id) left out");
    } catch (const aj::SourceError& e) {
      l.failure = e.what();
      l.outcome = e.outcome();
      l.status = e.status();
    } catch (const aj::Error& e) {
      if (e.status() == AJ_CANCELLED) throw;  // not a property of the feed: the next run asks again
      l.failure = e.what();
      l.status = e.status();
    }
    l.done = true;
    return l;
  }

  static void check(const aj::HttpResponse& r, const feed::FeedSpec& f) {
    // expect_ok names the final URL in parentheses; name the configured one only when it differs.
    std::string what = r.url().empty() || r.url() != f.url ? "feed " + f.url : "feed";
    if (r.ok() && (r.status() == 404 || r.status() == 410))
      throw aj::Error("feed " + f.url + ": HTTP " + std::to_string(r.status()) +
                      " (no feed at this address: check its URL in `feeds`; Personio answers 404 for a company "
                      "name it does not know)");
    ajsrc::expect_ok(r, what);
  }

  // Feeds that failed: the query fails when they were all it had; otherwise it
  // keeps the other feeds' postings and says what went wrong (a partial result).
  static void report(aj::Context& ctx, const std::vector<const Loaded*>& failed, uint64_t handed) {
    if (failed.empty()) return;
    std::string message;
    const Loaded* first = failed.front();
    for (const Loaded* l : failed) {
      (message += message.empty() ? "" : "; ") += *l->failure;
      if (!first->outcome && l->outcome) first = l;  // a source outcome says more than a plain error
    }
    if (handed == 0) {
      if (first->outcome) throw aj::SourceError(*first->outcome, message, first->status);
      throw aj::Error(message, first->status);
    }
    if (first->outcome) {
      ctx.outcome(*first->outcome, message);
    } else {
      ctx.report("outcome", "error");
      ctx.report("outcome_reason", message);
    }
  }

  aj::Host host_;
  aj::Http http_;
  std::vector<feed::FeedSpec> feeds_;
  std::vector<Loaded> loaded_;
  std::mutex mutex_;  // one worker calls run at a time, but be safe if that changes
};

AJ_PLUGIN(Feed)
