/* AutoJobAgent SDK: the host's storage service, "aj.storage.v1" (C).
 *
 * Small key-value records a plugin keeps across runs (an index of postings
 * it has seen, say), stored by the host in the job database next to the jobs,
 * in one namespace per plugin name. A plugin never opens a database of its own.
 *
 *   const aj_storage_api_v1* storage =
 *       (const aj_storage_api_v1*)api->get_service(host, AJ_STORAGE_SERVICE_V1);
 *
 * NULL means this host offers no storage. When the run stores no jobs (no
 * database), the records live in memory for the run only.
 *
 * Durability: records put during a run are committed in the same transactions
 * as the jobs the run stores, batch by batch, so a run killed at any moment
 * leaves records and jobs that agree; the re-run puts them again. Keys and
 * values are any bytes (up to 1 MiB a value). Same rules as plugin.h:
 * size-prefixed structs, append-only tables, inputs borrowed for the call.
 */
#ifndef AUTOJOBAGENT_STORAGE_H
#define AUTOJOBAGENT_STORAGE_H

#include "autojobagent/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AJ_STORAGE_SERVICE_V1 "aj.storage.v1"

/* Receives a value; `value` is valid only during the call: copy it. */
typedef void (*aj_storage_sink)(void* user, aj_str value);

typedef struct aj_storage_api_v1 {
  uint32_t struct_size;
  /* 1 after calling sink once with the key's value; 0 when the key has none;
   * -1 on failure (message on ctx). [worker] */
  int32_t (*get)(aj_host* host, aj_context* ctx, aj_str key, aj_storage_sink sink, void* user);
  /* Sets the key's value (an empty value is a value). [worker] */
  aj_status (*put)(aj_host* host, aj_context* ctx, aj_str key, aj_str value);
  /* Removes the key; AJ_OK when it had no value too. [worker] */
  aj_status (*erase)(aj_host* host, aj_context* ctx, aj_str key);
} aj_storage_api_v1;

#ifdef __cplusplus
}
#endif

#endif /* AUTOJOBAGENT_STORAGE_H */
