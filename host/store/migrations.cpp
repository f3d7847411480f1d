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
      // 3: full-text search over title, company and description (FTS5, accents
      // folded), ranked with the title above the company above the description.
      // A new row, or one whose title, company or description really changed
      // (the upsert rewrites every column of a row it sees again), is queued in
      // jobs_text_pending; JobStore indexes the queue once per batch (see
      // JobStore::index_pending). A changed or deleted row leaves the index here,
      // with the values it was indexed with, unless it was still queued.
      R"sql(
CREATE VIRTUAL TABLE jobs_text USING fts5(
  title, company, description,
  content = 'jobs', content_rowid = 'job_id',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO jobs_text(jobs_text, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');
CREATE TABLE jobs_text_pending (job_id INTEGER PRIMARY KEY);
CREATE TRIGGER jobs_text_insert AFTER INSERT ON jobs BEGIN
  INSERT OR IGNORE INTO jobs_text_pending (job_id) VALUES (new.job_id);
END;
CREATE TRIGGER jobs_text_update AFTER UPDATE OF title, company, description ON jobs
WHEN old.title IS NOT new.title OR old.company IS NOT new.company OR old.description IS NOT new.description
BEGIN
  INSERT INTO jobs_text(jobs_text, rowid, title, company, description)
  SELECT 'delete', old.job_id, old.title, old.company, old.description
  WHERE NOT EXISTS (SELECT 1 FROM jobs_text_pending WHERE job_id = old.job_id);
  INSERT OR IGNORE INTO jobs_text_pending (job_id) VALUES (new.job_id);
END;
CREATE TRIGGER jobs_text_delete AFTER DELETE ON jobs BEGIN
  INSERT INTO jobs_text(jobs_text, rowid, title, company, description)
  SELECT 'delete', old.job_id, old.title, old.company, old.description
  WHERE NOT EXISTS (SELECT 1 FROM jobs_text_pending WHERE job_id = old.job_id);
  DELETE FROM jobs_text_pending WHERE job_id = old.job_id;
END;
INSERT INTO jobs_text(jobs_text) VALUES ('rebuild');
)sql",
  };
  return list;
}

}  // namespace aj::host
