// aj_browser.so: the module ajhost loads the first time a plugin asks for
// "aj.browser.v1", so that commands which never open a page pay nothing for
// Beast, Asio and JSON.
#include "browser/module.hpp"

extern "C" __attribute__((visibility("default"))) aj::browser::Module* aj_browser_module_create(
    const aj::browser::ModuleArgs& args, std::string& error) {
  return aj::browser::create_module(args, error);
}
