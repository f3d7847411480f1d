/* AutoJobAgent SDK: the host's HTTP service, "aj.http.v1" (C).
 *
 * Every request a plugin makes goes through the host, so politeness (limits
 * per host, delays, robots.txt), retries with backoff, the circuit breaker,
 * proxies, cookies, the disk cache, --record/--replay and the metrics apply to
 * all plugins alike. No plugin links an HTTP library of its own.
 *
 *   const aj_http_api_v1* http =
 *       (const aj_http_api_v1*)api->get_service(host, AJ_HTTP_SERVICE_V1);
 *
 * NULL means this host has no HTTP service (or it could not be loaded; the
 * host has logged why). The table lives as long as the process. The same
 * rules as plugin.h apply: size-prefixed structs, append-only tables, inputs
 * borrowed for the call, whoever allocates frees. docs/sdk.md has the guide.
 */
#ifndef AUTOJOBAGENT_HTTP_H
#define AUTOJOBAGENT_HTTP_H

#include "autojobagent/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AJ_HTTP_SERVICE_V1 "aj.http.v1"

/* A header, a query parameter or a form field. */
typedef struct aj_http_pair {
  aj_str name;
  aj_str value;
} aj_http_pair;

/* One part of a multipart/form-data body. */
typedef struct aj_http_part {
  uint32_t struct_size;
  aj_str name;         /* form field name */
  aj_str data;         /* the content, used when file_path is empty */
  aj_str file_path;    /* a file to upload, read by the host when the request is sent */
  aj_str filename;     /* reported to the server; default: the basename of file_path */
  aj_str content_type; /* default: application/octet-stream */
} aj_http_part;

typedef uint32_t aj_http_body_kind;
#define AJ_HTTP_BODY_NONE 0
#define AJ_HTTP_BODY_RAW 1       /* body as given, with content_type */
#define AJ_HTTP_BODY_FORM 2      /* form pairs, application/x-www-form-urlencoded */
#define AJ_HTTP_BODY_JSON 3      /* body is JSON text, application/json */
#define AJ_HTTP_BODY_MULTIPART 4 /* form pairs and parts, multipart/form-data */

/* Request flags. */
#define AJ_HTTP_NO_CACHE 1u    /* neither read nor write the disk cache */
#define AJ_HTTP_NO_RETRY 2u    /* one attempt only */
#define AJ_HTTP_NO_REDIRECT 4u /* hand back 3xx answers instead of following them */

typedef struct aj_http_request {
  uint32_t struct_size;
  aj_str method; /* "GET" when empty; also POST, PUT, PATCH, DELETE, HEAD */
  aj_str url;    /* absolute http:// or https:// URL */
  const aj_http_pair* headers;
  uint32_t header_count;
  const aj_http_pair* query; /* appended to url, percent-encoded by the host */
  uint32_t query_count;
  aj_http_body_kind body_kind;
  aj_str body;         /* RAW and JSON */
  aj_str content_type; /* RAW */
  const aj_http_pair* form; /* FORM and MULTIPART */
  uint32_t form_count;
  const aj_http_part* parts; /* MULTIPART; the host walks it with parts[0].struct_size as the stride */
  uint32_t part_count;
  aj_str session; /* cookie jar name within this plugin instance; empty: the instance's own */
  int64_t timeout_ms; /* total time for one attempt; 0: the configured default */
  uint32_t flags;     /* AJ_HTTP_* request flags */
} aj_http_request;

/* Why a request ended without a usable answer (aj_http_api_v1.failure). */
typedef uint32_t aj_http_failure;
#define AJ_HTTP_OK 0                 /* an HTTP answer arrived (any status code) */
#define AJ_HTTP_FAIL_NETWORK 1       /* DNS, connect, TLS, reset, timeout, after the retries */
#define AJ_HTTP_FAIL_TOO_LARGE 2     /* the body cap was reached (declared or decoded size) */
#define AJ_HTTP_FAIL_REDIRECTS 3     /* too many redirects (a loop) */
#define AJ_HTTP_FAIL_ROBOTS 4        /* robots.txt disallows this URL */
#define AJ_HTTP_FAIL_CIRCUIT_OPEN 5  /* the host kept refusing; the host's circuit breaker is open */
#define AJ_HTTP_FAIL_NO_PROXY 6      /* every configured proxy has failed and was taken out */
#define AJ_HTTP_FAIL_NOT_RECORDED 7  /* --replay, and this request is not in the recording */
#define AJ_HTTP_FAIL_CANCELLED 8     /* the run is stopping */
#define AJ_HTTP_FAIL_INVALID 9       /* the request is wrong (bad URL, unreadable upload file) */

/* Response flags (aj_http_api_v1.response_flags). */
#define AJ_HTTP_FROM_CACHE 1u  /* served from the disk cache, no request made */
#define AJ_HTTP_REVALIDATED 2u /* the server said 304; the cached body was used */
#define AJ_HTTP_REPLAYED 4u    /* served from a --replay recording */

/* A response: owned by the plugin once handed over; free it with
 * response_free. Strings it returns live until then. */
typedef struct aj_http_response aj_http_response;

/* Completion of fetch_async: called exactly once, on a host I/O thread. It
 * owns `response` (free it). It must not block and must not call fetch; it
 * may call fetch_async. */
typedef void (*aj_http_done)(void* user, aj_status status, aj_http_response* response);

typedef struct aj_http_api_v1 {
  uint32_t struct_size;

  /* Blocking request. `*out` is always set to a response the caller frees,
   * even when the status is not AJ_OK (it carries the error text).
   * Returns AJ_OK when an HTTP answer arrived, whatever its status code;
   * AJ_SKIP when robots.txt disallows the URL; AJ_RETRY when the host's circuit
   * is open or the retries ran out on 429/5xx/network errors; AJ_CANCELLED when
   * the run is stopping; AJ_ERROR otherwise (too large, redirect loop, bad
   * request). `ctx` is the context of the plugin call making the request (for
   * cancellation); NULL is allowed. [worker]: never from an aj_http_done callback. */
  aj_status (*fetch)(aj_host* host, aj_context* ctx, const aj_http_request* request, aj_http_response** out);

  /* The same, without blocking: returns AJ_OK when the request was queued (the
   * callback will run) or an error status when it was refused at once (the
   * callback will not run). Every request started under a call's context must
   * have completed before that call returns; the host cancels and waits for
   * stragglers. [any-thread while the call that got ctx runs] */
  aj_status (*fetch_async)(aj_host* host, aj_context* ctx, const aj_http_request* request, aj_http_done done,
                           void* user);

  /* Reading a response. [any-thread] */
  int32_t (*response_status)(const aj_http_response* r); /* HTTP status; 0 when no answer arrived */
  aj_str (*response_body)(const aj_http_response* r);    /* decoded body */
  aj_str (*response_url)(const aj_http_response* r);     /* final URL after redirects */
  aj_str (*response_error)(const aj_http_response* r);   /* what went wrong; empty on success */
  aj_http_failure (*response_failure)(const aj_http_response* r);
  uint32_t (*response_flags)(const aj_http_response* r);
  uint32_t (*response_header_count)(const aj_http_response* r);
  int32_t (*response_header_at)(const aj_http_response* r, uint32_t index, aj_str* name, aj_str* value);
  /* The first header of that name (case-insensitive); 1 when found. */
  int32_t (*response_header)(const aj_http_response* r, aj_str name, aj_str* value);
  void (*response_free)(aj_http_response* r);
} aj_http_api_v1;

#ifdef __cplusplus
}
#endif

#endif /* AUTOJOBAGENT_HTTP_H */
