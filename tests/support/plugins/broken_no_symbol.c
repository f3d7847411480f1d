/* A real shared library that is not a plugin: no aj_plugin_entry_v1. */
__attribute__((visibility("default"))) int some_other_library_function(void) { return 42; }
