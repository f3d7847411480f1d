// A plugin whose one-time init fails (BROKEN_THROW undefined) or throws a C++
// exception straight through the C entry (BROKEN_THROW defined): the raw ABI,
// without the wrapper's guards, as a careless third party might write it.
#include <autojobagent/plugin.h>

#include <stdexcept>

namespace {
aj_status init(const aj_host_api* api, aj_host* host, aj_context* ctx) {
  (void)host;
#ifdef BROKEN_THROW
  (void)api, (void)ctx;
  throw std::runtime_error("init exploded");
#else
  const char msg[] = "cannot find its model file /nonexistent/model.bin";
  api->set_error(ctx, aj_str{msg, sizeof msg - 1});
  return AJ_ERROR;
#endif
}
aj_status create(const aj_host_api*, aj_host*, const aj_config*, aj_context*, void** out) {
  *out = nullptr;
  return AJ_ERROR;
}
void destroy(void*) {}
aj_status process(void*, aj_context*, aj_batch*) { return AJ_OK; }
const aj_enricher_v1 table = {sizeof(aj_enricher_v1), process};
const aj_plugin_descriptor descriptor = {sizeof(aj_plugin_descriptor), AJ_ABI_VERSION_MAJOR, AJ_ABI_VERSION_MINOR,
                                         AJ_KIND_ENRICHER, BROKEN_NAME, "1.0.0", "broken init", nullptr, 0, init, create,
                                         destroy, &table};
}  // namespace

extern "C" AJ_EXPORT const aj_plugin_descriptor* aj_plugin_entry_v1(void) { return &descriptor; }
