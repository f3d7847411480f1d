#include "store/migrations.hpp"

namespace aj::host {

// Never edit a migration that has shipped; add the next one. A field appended to
// sdk/include/autojobagent/fields.h needs a migration that adds its column
// (tests/unit/store_test.cpp checks that every field has one).
const std::vector<std::string_view>& migrations() {
  static const std::vector<std::string_view> list = {
      // 1: the job record, status history, run history.
      R"sql(
CREATE TABLE jobs (
  job_id INTEGER PRIMARY KEY,
  job_key TEXT NOT NULL UNIQUE,
  id TEXT, site TEXT, job_url TEXT, job_url_direct TEXT, title TEXT, company TEXT,
  location TEXT, city TEXT, state TEXT, country TEXT, date_posted TEXT, job_type TEXT,
  salary_source TEXT, interval TEXT, min_amount REAL, max_amount REAL, currency TEXT,
  is_remote INTEGER, job_level TEXT, job_function TEXT, listing_type TEXT, emails TEXT,
  description TEXT, company_industry TEXT, company_url TEXT, company_logo TEXT,
  company_url_direct TEXT, company_addresses TEXT, company_num_employees TEXT,
  company_revenue TEXT, company_description TEXT, skills TEXT, experience_range TEXT,
  company_rating REAL, company_reviews_count INTEGER, vacancy_count INTEGER,
  work_from_home_type TEXT, work_arrangement TEXT, ats TEXT, experience_min_years INTEGER,
  experience_max_years INTEGER, language TEXT, score REAL, score_breakdown TEXT,
  decision TEXT, duplicate_group TEXT,
  status TEXT NOT NULL DEFAULT 'discovered',
  notes TEXT,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  seen_count INTEGER NOT NULL DEFAULT 1,
  extra TEXT
);
CREATE INDEX jobs_by_decision ON jobs(decision, score DESC);
CREATE INDEX jobs_by_status ON jobs(status, score DESC);
CREATE INDEX jobs_by_score ON jobs(score DESC);
CREATE TABLE job_status_history (
  id INTEGER PRIMARY KEY,
  job_id INTEGER NOT NULL REFERENCES jobs(job_id),
  at TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  note TEXT,
  by TEXT
);
CREATE INDEX job_status_history_by_job ON job_status_history(job_id, id);
CREATE TABLE runs (
  run_id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  user TEXT,
  hostname TEXT,
  pipeline TEXT,
  args TEXT,
  outcome TEXT,
  summary TEXT
);
)sql",
      // 2: SDK 1.1's enrichment fields; plugin key-value records (aj.storage.v1).
      R"sql(
ALTER TABLE jobs ADD COLUMN description_markdown TEXT;
ALTER TABLE jobs ADD COLUMN french TEXT;
ALTER TABLE jobs ADD COLUMN education TEXT;
ALTER TABLE jobs ADD COLUMN requisition_id TEXT;
ALTER TABLE jobs ADD COLUMN annual_min REAL;
ALTER TABLE jobs ADD COLUMN annual_max REAL;
ALTER TABLE jobs ADD COLUMN field_sources TEXT;
CREATE INDEX jobs_by_duplicate_group ON jobs(duplicate_group) WHERE duplicate_group IS NOT NULL;
CREATE TABLE plugin_records (
  namespace TEXT NOT NULL,
  key BLOB NOT NULL,
  value BLOB NOT NULL,
  PRIMARY KEY (namespace, key)
) WITHOUT ROWID;
)sql",
  };
  return list;
}

}  // namespace aj::host
