/* A plugin built for another ABI version: BROKEN_MAJOR.BROKEN_MINOR. */
#include <autojobagent/plugin.h>

static aj_status create(const aj_host_api* api, aj_host* host, const aj_config* cfg, aj_context* ctx, void** out) {
  (void)api, (void)host, (void)cfg, (void)ctx;
  *out = (void*)1;
  return AJ_OK;
}
static void destroy(void* instance) { (void)instance; }
static aj_status run(void* instance, aj_context* ctx, const aj_config* query) {
  (void)instance, (void)ctx, (void)query;
  return AJ_OK;
}
static const aj_source_v1 table = {sizeof(aj_source_v1), 0, run};
static const aj_plugin_descriptor descriptor = {
    sizeof(aj_plugin_descriptor), BROKEN_MAJOR, BROKEN_MINOR, AJ_KIND_SOURCE, BROKEN_NAME, "1.0.0", "wrong ABI",
    NULL, 0, NULL, create, destroy, &table};

AJ_EXPORT const aj_plugin_descriptor* aj_plugin_entry_v1(void) { return &descriptor; }
