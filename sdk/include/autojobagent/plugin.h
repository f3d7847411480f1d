/* AutoJobAgent SDK: the plugin ABI (C).
 *
 * This header is the contract between ajhost and every plugin. It is plain C so
 * that a plugin built by any compiler and standard library loads into any host.
 * docs/sdk.md explains the rules; the short form:
 *
 *  - One exported symbol: aj_plugin_entry_v1. It returns a static descriptor.
 *  - Versioning: the host accepts a plugin whose abi_major equals its own and
 *    whose abi_minor is not newer than its own. Minor versions only append.
 *  - Every struct that crosses the boundary begins with uint32_t struct_size.
 *    Readers check struct_size before touching a field added later. Arrays of
 *    such structs are walked with struct_size as the stride.
 *  - Function tables are append-only: nothing is reordered or removed.
 *  - Ownership: whoever allocates frees. Inputs are borrowed for the call.
 *    Strings the host hands out (aj_str) stay valid as documented at each
 *    getter; strings the plugin hands in are copied by the host before the call
 *    returns. No C++ exception, STL type or RTTI ever crosses this boundary.
 *  - Errors: functions return aj_status; the message goes through
 *    aj_host_api.set_error on the call's aj_context.
 *  - Thread rules are noted on each call: [main-thread], [worker], [any-thread].
 *    Calls that take an aj_context run on the thread of the call that received
 *    that context (init and create get one on the main thread).
 */
#ifndef AUTOJOBAGENT_PLUGIN_H
#define AUTOJOBAGENT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "autojobagent/fields.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AJ_ABI_VERSION_MAJOR 1
#define AJ_ABI_VERSION_MINOR 2

#if defined(_WIN32)
#define AJ_EXPORT __declspec(dllexport)
#else
#define AJ_EXPORT __attribute__((visibility("default")))
#endif

/* The name of the one symbol a plugin exports. */
#define AJ_PLUGIN_ENTRY_SYMBOL "aj_plugin_entry_v1"

/* True when a struct that begins with struct_size is large enough to hold
 * `field`: check it before reading a field added after the version you need. */
#define AJ_HAS_FIELD(ptr, type, field) \
  ((ptr)->struct_size >= offsetof(type, field) + sizeof(((const type*)0)->field))

/* A borrowed string: not NUL-terminated unless stated, may contain any UTF-8. */
typedef struct aj_str {
  const char* ptr;
  size_t len;
} aj_str;

/* ---- status codes --------------------------------------------------------- */
typedef int32_t aj_status;
#define AJ_OK 0             /* done */
#define AJ_RETRY 1          /* transient failure (counted as an error today; a later host may retry) */
#define AJ_SKIP 2           /* nothing to do for this input; not an error */
#define AJ_ERROR 3          /* this call failed; the run goes on */
#define AJ_FATAL 4          /* this plugin instance cannot go on */
#define AJ_INVALID_CONFIG 5 /* the plugin's settings are wrong; say which */
#define AJ_CANCELLED 6      /* the run is stopping (Ctrl-C or enough jobs) */

/* ---- plugin kinds --------------------------------------------------------- */
typedef uint32_t aj_kind;
#define AJ_KIND_SOURCE 1    /* discovers postings */
#define AJ_KIND_ENRICHER 2  /* adds to or filters postings */
#define AJ_KIND_SCORER 3    /* scores postings */
#define AJ_KIND_DOCUMENT 4  /* writes resume / cover letter for a posting */
#define AJ_KIND_SUBMITTER 5 /* applies to a posting through an ATS */

/* ---- job record fields ---------------------------------------------------- */
typedef uint32_t aj_field;
#define AJ_FIELD_ENUM_(num, name, column, type, access) AJ_F_##name = num,
/* AJ_F_END_ grows with every SDK minor that adds fields: never size an array
 * that crosses the boundary with it; a host may know more or fewer fields. */
enum { AJ_FIELD_LIST(AJ_FIELD_ENUM_) AJ_F_END_ };
#undef AJ_FIELD_ENUM_

/* ---- log levels ----------------------------------------------------------- */
typedef int32_t aj_log_level;
#define AJ_LOG_TRACE 0
#define AJ_LOG_DEBUG 1
#define AJ_LOG_INFO 2
#define AJ_LOG_WARN 3
#define AJ_LOG_ERROR 4

/* ---- opaque handles (all owned by the host) -------------------------------- */
typedef struct aj_host aj_host;       /* one per plugin instance */
typedef struct aj_context aj_context; /* one per call: error, cancel, progress */
typedef struct aj_config aj_config;   /* a plugin's settings, valid for the instance's life */
typedef struct aj_job aj_job;         /* one job record */
typedef struct aj_batch aj_batch;     /* jobs handed to one process call */

/* ---- config schema, declared by each plugin --------------------------------- */
typedef uint32_t aj_config_type;
#define AJ_CFG_STRING 1
#define AJ_CFG_INT 2
#define AJ_CFG_FLOAT 3
#define AJ_CFG_BOOL 4
#define AJ_CFG_STRING_LIST 5
#define AJ_CFG_MAP 6 /* any YAML mapping; read it with config_get_json */
#define AJ_CFG_ANY 7 /* any YAML value (a list of strings or mappings, say); check its shape with config_get_json.
                        A host that predates it treats it as any value too. */
#define AJ_CFG_PATH 8 /* SDK 1.1: a file path (a string); the host makes a relative one absolute, relative
                         to the file that sets it, and expands "~/" */

typedef struct aj_config_key {
  uint32_t struct_size;
  const char* key;           /* top-level key in the plugin's `settings:` block */
  aj_config_type type;
  const char* default_value; /* YAML text, or NULL for none */
  int32_t required;          /* nonzero: validate fails when it is absent */
  const char* doc;           /* one line */
  const char* choices;       /* "a|b|c" for an enumeration, or NULL */
} aj_config_key;

/* ---- the host services table --------------------------------------------- */
/* One table, append-only (SQLite's sqlite3_api_routines). Check struct_size
 * (or abi_minor) before calling an entry added after the version you need. */
typedef struct aj_host_api {
  uint32_t struct_size;
  uint16_t abi_major;
  uint16_t abi_minor;

  /* Logging, attributed to the calling plugin. [any-thread] */
  void (*log)(aj_host* host, aj_log_level level, aj_str message);

  /* Optional services looked up by name and version ("aj.http.v1"); NULL when
   * this host does not offer it. The returned table lives as long as the
   * process. [any-thread] */
  const void* (*get_service)(aj_host* host, const char* name);

  /* The message for the status this call returns; copied. */
  void (*set_error)(aj_context* ctx, aj_str message);
  /* Nonzero once the run is stopping: finish up and return AJ_CANCELLED.
   * [any-thread while the call that got ctx runs] */
  int32_t (*is_cancelled)(aj_context* ctx);
  /* Progress of this call, for progress bars; total 0 = unknown.
   * [any-thread while the call that got ctx runs] */
  void (*progress)(aj_context* ctx, uint64_t done, uint64_t total);
  /* A named result of this call ("artifact" -> path, "confirmation" -> text;
   * enrichers and scorers: "summary" -> one line of this instance's totals so
   * far, which the run summary prints under the stage). [the thread of the call] */
  void (*report)(aj_context* ctx, aj_str key, aj_str value);

  /* Config. A returned aj_str points into the config and lives as long as it.
   * Keys may be dotted paths into mappings ("weights.title"). Defaults from the
   * plugin's schema apply. Return 1 when the key has a value of that type. [any-thread] */
  int32_t (*config_get_str)(const aj_config* cfg, aj_str key, aj_str* out);
  int32_t (*config_get_i64)(const aj_config* cfg, aj_str key, int64_t* out);
  int32_t (*config_get_f64)(const aj_config* cfg, aj_str key, double* out);
  int32_t (*config_get_bool)(const aj_config* cfg, aj_str key, int32_t* out);
  uint32_t (*config_list_size)(const aj_config* cfg, aj_str key);
  int32_t (*config_list_get)(const aj_config* cfg, aj_str key, uint32_t index, aj_str* out);
  /* The value as JSON text; an empty key gives the whole block. */
  int32_t (*config_get_json)(const aj_config* cfg, aj_str key, aj_str* out);

  /* Job records. The caller must hold the job (it was handed to this call or
   * created by it). A returned aj_str lives until that field is next set or the
   * job is handed back. Getters return 1 when the field has a value of that type.
   * Setters copy; they return AJ_ERROR for an unknown field, a field of another
   * type, or a read-only field. [worker] */
  int32_t (*job_get_str)(const aj_job* job, aj_field field, aj_str* out);
  aj_status (*job_set_str)(aj_job* job, aj_field field, aj_str value);
  int32_t (*job_get_i64)(const aj_job* job, aj_field field, int64_t* out);
  aj_status (*job_set_i64)(aj_job* job, aj_field field, int64_t value);
  int32_t (*job_get_f64)(const aj_job* job, aj_field field, double* out);
  aj_status (*job_set_f64)(aj_job* job, aj_field field, double value);
  int32_t (*job_get_bool)(const aj_job* job, aj_field field, int32_t* out);
  aj_status (*job_set_bool)(aj_job* job, aj_field field, int32_t value);
  uint32_t (*job_list_size)(const aj_job* job, aj_field field);
  int32_t (*job_list_get)(const aj_job* job, aj_field field, uint32_t index, aj_str* out);
  aj_status (*job_list_add)(aj_job* job, aj_field field, aj_str value);
  aj_status (*job_clear)(aj_job* job, aj_field field);
  /* Free-form fields that are not in the well-known list; values are text. */
  int32_t (*job_get_extra)(const aj_job* job, aj_str key, aj_str* out);
  aj_status (*job_set_extra)(aj_job* job, aj_str key, aj_str value);
  uint32_t (*job_extra_count)(const aj_job* job);
  int32_t (*job_extra_at)(const aj_job* job, uint32_t index, aj_str* key, aj_str* value);

  /* Sources: make a new empty job, then hand it over with emit. emit takes the
   * job in every case and may block while the pipeline is full (backpressure).
   * It returns AJ_CANCELLED once the run wants no more jobs. A job that will not
   * be emitted is given back with job_free. A source may fetch with threads of
   * its own: these three are [any-thread while the run call that got ctx runs];
   * the run call must not return before its threads stop calling them. */
  aj_job* (*job_new)(aj_context* ctx);
  aj_status (*emit)(aj_context* ctx, aj_job* job);
  void (*job_free)(aj_job* job);

  /* Batches handed to enrichers, scorers, document generators and submitters.
   * A job stays owned by the batch. [worker] */
  uint32_t (*batch_size)(const aj_batch* batch);
  aj_job* (*batch_get)(aj_batch* batch, uint32_t index);
  /* Take a job out of the pipeline on purpose (a filter), with the reason.
   * Indexes do not shift: the job stays readable until the call returns. */
  void (*batch_drop)(aj_batch* batch, uint32_t index, aj_str reason);
  /* This job failed in this stage; the others go on. */
  void (*batch_fail)(aj_batch* batch, uint32_t index, aj_status status, aj_str message);
} aj_host_api;

/* ---- what each kind implements ------------------------------------------- */
/* Every kind table starts with struct_size. Calls marked [worker] are made on
 * one worker thread at a time per instance: the host creates one instance per
 * worker, so an instance needs no locking of its own. */

/* Search parameters a source receives on each run call, as an aj_config with
 * these keys (all optional): term, location, distance_km, job_type,
 * remote_only, hours_old, results_wanted, offset, country.
 *
 * What a source's run call reports (aj_host_api.report), all optional:
 *   "server_filters"  comma-separated search keys the site applied itself; the
 *                     host applies the query's other filters to every emitted
 *                     job (report it before the first emit).
 *   "filter_note"     why some keys were not applied by the site (one line).
 *   "outcome"         "blocked" | "layout changed" | "network error" |
 *                     "no results": how the query went, with AJ_ERROR (failed)
 *                     or AJ_OK (a partial result).
 *   "outcome_reason"  the reason, for an outcome reported with AJ_OK.
 * emit returns AJ_CANCELLED once the query has results_wanted jobs, too. */
#define AJ_SOURCE_RUNS_ONCE 1u /* flag: ignore the search; run once per pipeline */

typedef struct aj_source_v1 {
  uint32_t struct_size;
  uint32_t flags; /* AJ_SOURCE_* */
  /* Find postings for one query and emit them. [worker] */
  aj_status (*run)(void* instance, aj_context* ctx, const aj_config* query);
} aj_source_v1;

typedef struct aj_enricher_v1 {
  uint32_t struct_size;
  aj_status (*process)(void* instance, aj_context* ctx, aj_batch* batch); /* [worker] */
} aj_enricher_v1;

typedef struct aj_scorer_v1 {
  uint32_t struct_size;
  /* Set AJ_F_SCORE (0-100), AJ_F_SCORE_BREAKDOWN (JSON) and AJ_F_DECISION. [worker] */
  aj_status (*process)(void* instance, aj_context* ctx, aj_batch* batch);
} aj_scorer_v1;

typedef struct aj_document_request {
  uint32_t struct_size;
  aj_str output_dir; /* where files go; exists */
} aj_document_request;

typedef struct aj_document_v1 {
  uint32_t struct_size;
  /* Write documents for one job; report each file as report("artifact", path). [worker] */
  aj_status (*generate)(void* instance, aj_context* ctx, aj_job* job,
                        const aj_document_request* request);
} aj_document_v1;

typedef uint32_t aj_submit_mode;
#define AJ_SUBMIT_MANUAL 1 /* open the page, the person applies */
#define AJ_SUBMIT_HYBRID 2 /* fill the form, the person submits */
#define AJ_SUBMIT_AUTO 3   /* fill and submit (needs an explicit flag) */

typedef struct aj_submit_request {
  uint32_t struct_size;
  aj_submit_mode mode;
  int32_t dry_run;           /* nonzero: do everything but the final submit */
  const aj_str* documents;   /* files to attach (resume first) */
  uint32_t document_count;
} aj_submit_request;

typedef struct aj_submitter_v1 {
  uint32_t struct_size;
  /* Apply to one job. Report "outcome" (submitted | filled | needs_manual |
   * drafted) and, when known, "confirmation". [worker] */
  aj_status (*submit)(void* instance, aj_context* ctx, aj_job* job, const aj_submit_request* request);
} aj_submitter_v1;

/* ---- the descriptor -------------------------------------------------------- */
typedef struct aj_plugin_descriptor {
  uint32_t struct_size;
  uint16_t abi_major; /* the SDK the plugin was built with */
  uint16_t abi_minor;
  aj_kind kind;
  const char* name;    /* [a-z0-9_]+, unique among installed plugins */
  const char* version; /* the plugin's own version, semver */
  const char* summary; /* one line */
  const aj_config_key* config_keys;
  uint32_t config_key_count;

  /* Once per process, after the library is loaded and the version accepted,
   * also when the host only lists plugins: keep it cheap (check that what the
   * plugin needs is there); start threads or open connections in create. A
   * failure is reported with the plugin's path and the plugin is not used.
   * `host` (for logging) lives as long as the process. NULL when there is
   * nothing to do. [main-thread] */
  aj_status (*init)(const aj_host_api* api, aj_host* host, aj_context* ctx);

  /* One instance per worker. `host` and `config` outlive the instance. On
   * failure, set an error; if *out_instance was set anyway, the host passes it to
   * destroy. [main-thread] */
  aj_status (*create)(const aj_host_api* api, aj_host* host, const aj_config* config,
                      aj_context* ctx, void** out_instance);
  void (*destroy)(void* instance); /* [main-thread] */

  /* Points to aj_source_v1, aj_enricher_v1, ... as `kind` says. */
  const void* kind_table;
} aj_plugin_descriptor;

/* The entry point. Returns a descriptor with static storage; never NULL. It
 * must do nothing else: the host calls it to list plugins. */
typedef const aj_plugin_descriptor* (*aj_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* AUTOJOBAGENT_PLUGIN_H */
