// A source whose create throws straight through the C boundary.
#include <autojobagent/plugin.h>

#include <stdexcept>

namespace {
aj_status create(const aj_host_api*, aj_host*, const aj_config*, aj_context*, void**) {
  throw std::logic_error("create exploded");
}
void destroy(void*) {}
aj_status run(void*, aj_context*, const aj_config*) { return AJ_OK; }
const aj_source_v1 table = {sizeof(aj_source_v1), 0, run};
const aj_plugin_descriptor descriptor = {sizeof(aj_plugin_descriptor), AJ_ABI_VERSION_MAJOR, AJ_ABI_VERSION_MINOR,
                                         AJ_KIND_SOURCE, "create_throws", "1.0.0", "throws from create", nullptr, 0,
                                         nullptr, create, destroy, &table};
}  // namespace

extern "C" AJ_EXPORT const aj_plugin_descriptor* aj_plugin_entry_v1(void) { return &descriptor; }
