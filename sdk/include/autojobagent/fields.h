/* AutoJobAgent SDK: the well-known fields of a job record.
 *
 * One X-macro list, read by the C header (to make the aj_field enum) and by the
 * host (to make its column table). APPEND-ONLY: a field keeps its number forever;
 * new fields go at the end with the next number. Column names are
 * python-jobspy's where it has the field, clear snake_case otherwise.
 *
 * AJ_FIELD(number, ENUM_SUFFIX, "column", type, access)
 *   type:   STR | I64 | F64 | BOOL | LIST (a list of strings)
 *   access: RW (any plugin may set it) | RO (host-owned, plugins read it) */
#ifndef AUTOJOBAGENT_FIELDS_H
#define AUTOJOBAGENT_FIELDS_H

#define AJ_FIELD_LIST(AJ_FIELD)                                              \
  AJ_FIELD(1, ID, "id", STR, RW)                         /* site's job id */ \
  AJ_FIELD(2, SITE, "site", STR, RW)                                         \
  AJ_FIELD(3, JOB_URL, "job_url", STR, RW)                                   \
  AJ_FIELD(4, JOB_URL_DIRECT, "job_url_direct", STR, RW)                     \
  AJ_FIELD(5, TITLE, "title", STR, RW)                                       \
  AJ_FIELD(6, COMPANY, "company", STR, RW)                                   \
  AJ_FIELD(7, LOCATION, "location", STR, RW)            /* as displayed */   \
  AJ_FIELD(8, CITY, "city", STR, RW)                                         \
  AJ_FIELD(9, STATE, "state", STR, RW)                  /* province/state */ \
  AJ_FIELD(10, COUNTRY, "country", STR, RW)                                  \
  AJ_FIELD(11, DATE_POSTED, "date_posted", STR, RW)     /* YYYY-MM-DD */     \
  AJ_FIELD(12, JOB_TYPE, "job_type", STR, RW)           /* fulltime, ... */  \
  AJ_FIELD(13, SALARY_SOURCE, "salary_source", STR, RW)                      \
  AJ_FIELD(14, INTERVAL, "interval", STR, RW)           /* yearly, hourly */ \
  AJ_FIELD(15, MIN_AMOUNT, "min_amount", F64, RW)                            \
  AJ_FIELD(16, MAX_AMOUNT, "max_amount", F64, RW)                            \
  AJ_FIELD(17, CURRENCY, "currency", STR, RW)           /* ISO 4217 */       \
  AJ_FIELD(18, IS_REMOTE, "is_remote", BOOL, RW)                             \
  AJ_FIELD(19, JOB_LEVEL, "job_level", STR, RW)                              \
  AJ_FIELD(20, JOB_FUNCTION, "job_function", STR, RW)                        \
  AJ_FIELD(21, LISTING_TYPE, "listing_type", STR, RW)                        \
  AJ_FIELD(22, EMAILS, "emails", LIST, RW)                                   \
  AJ_FIELD(23, DESCRIPTION, "description", STR, RW)                          \
  AJ_FIELD(24, COMPANY_INDUSTRY, "company_industry", STR, RW)                \
  AJ_FIELD(25, COMPANY_URL, "company_url", STR, RW)                          \
  AJ_FIELD(26, COMPANY_LOGO, "company_logo", STR, RW)                        \
  AJ_FIELD(27, COMPANY_URL_DIRECT, "company_url_direct", STR, RW)            \
  AJ_FIELD(28, COMPANY_ADDRESSES, "company_addresses", STR, RW)              \
  AJ_FIELD(29, COMPANY_NUM_EMPLOYEES, "company_num_employees", STR, RW)      \
  AJ_FIELD(30, COMPANY_REVENUE, "company_revenue", STR, RW)                  \
  AJ_FIELD(31, COMPANY_DESCRIPTION, "company_description", STR, RW)          \
  AJ_FIELD(32, SKILLS, "skills", LIST, RW)                                   \
  AJ_FIELD(33, EXPERIENCE_RANGE, "experience_range", STR, RW)                \
  AJ_FIELD(34, COMPANY_RATING, "company_rating", F64, RW)                    \
  AJ_FIELD(35, COMPANY_REVIEWS_COUNT, "company_reviews_count", I64, RW)      \
  AJ_FIELD(36, VACANCY_COUNT, "vacancy_count", I64, RW)                      \
  AJ_FIELD(37, WORK_FROM_HOME_TYPE, "work_from_home_type", STR, RW)          \
  AJ_FIELD(38, WORK_ARRANGEMENT, "work_arrangement", STR, RW) /* remote|hybrid|onsite */ \
  AJ_FIELD(39, ATS, "ats", STR, RW)                     /* workday, ... */   \
  AJ_FIELD(40, EXPERIENCE_MIN_YEARS, "experience_min_years", I64, RW)        \
  AJ_FIELD(41, EXPERIENCE_MAX_YEARS, "experience_max_years", I64, RW)        \
  AJ_FIELD(42, LANGUAGE, "language", STR, RW)           /* BCP 47, "fr" */   \
  AJ_FIELD(43, SCORE, "score", F64, RW)                 /* 0-100 */          \
  AJ_FIELD(44, SCORE_BREAKDOWN, "score_breakdown", STR, RW) /* JSON */       \
  AJ_FIELD(45, DECISION, "decision", STR, RW)           /* apply|review|skip */ \
  AJ_FIELD(46, DUPLICATE_GROUP, "duplicate_group", STR, RW)                  \
  AJ_FIELD(47, STATUS, "status", STR, RO)                                    \
  AJ_FIELD(48, NOTES, "notes", STR, RO)                                      \
  AJ_FIELD(49, FIRST_SEEN, "first_seen", STR, RO)                            \
  AJ_FIELD(50, LAST_SEEN, "last_seen", STR, RO)                             \
  /* SDK 1.1: enrichment */                                                  \
  AJ_FIELD(51, DESCRIPTION_MARKDOWN, "description_markdown", STR, RW)        \
  AJ_FIELD(52, FRENCH, "french", STR, RW)               /* required|asset|none */ \
  AJ_FIELD(53, EDUCATION, "education", STR, RW)         /* bachelor, ... */  \
  AJ_FIELD(54, REQUISITION_ID, "requisition_id", STR, RW)                    \
  AJ_FIELD(55, ANNUAL_MIN, "annual_min", F64, RW)       /* pay per year */   \
  AJ_FIELD(56, ANNUAL_MAX, "annual_max", F64, RW)                            \
  AJ_FIELD(57, FIELD_SOURCES, "field_sources", STR, RW) /* JSON: field -> origin */

#endif
