/* AutoJobAgent SDK: the host's profile service, "aj.profile.v1" (C).
 *
 * The person's profile: facts in JSON Resume form (basics, work, education,
 * skills, languages, certificates, projects) plus "preferences", which
 * scorers, document generators and submitters read. The host loads the file
 * (YAML or JSON), checks it (`ajhost profile validate`) and hands every plugin
 * the same JSON text; docs/scoring.md describes the keys.
 *
 *   const aj_profile_api_v1* profile =
 *       (const aj_profile_api_v1*)api->get_service(host, AJ_PROFILE_SERVICE_V1);
 *
 * NULL means this host offers no profile service. The text is borrowed from
 * the host and stays valid and unchanged until the plugin instance is
 * destroyed. Same rules as plugin.h: size-prefixed structs, append-only tables.
 */
#ifndef AUTOJOBAGENT_PROFILE_H
#define AUTOJOBAGENT_PROFILE_H

#include "autojobagent/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AJ_PROFILE_SERVICE_V1 "aj.profile.v1"

typedef struct aj_profile_api_v1 {
  uint32_t struct_size;
  /* The profile as a JSON object; empty (len 0) when no profile was found. [any] */
  aj_str (*json)(aj_host* host);
  /* Where it came from (a file path), for messages; empty when none. [any] */
  aj_str (*source)(aj_host* host);
} aj_profile_api_v1;

#ifdef __cplusplus
}
#endif

#endif /* AUTOJOBAGENT_PROFILE_H */
