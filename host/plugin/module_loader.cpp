#include "plugin/module_loader.hpp"

#include <autojobagent/plugin.h>
#include <spdlog/spdlog.h>

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>

namespace aj::host {

void* load_host_module(const char* file, const char* env, const char* symbol, const char* what, std::string& error) {
  std::filesystem::path path;
  if (const char* p = std::getenv(env); p && *p) {
    path = p;
  } else {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    path = exe.parent_path().parent_path() / "lib" / "autojobagent" / file;
  }
  // RTLD_NODELETE: the module's threads must never outlive its code.
  void* lib = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!lib) {
    error = std::string("cannot load the ") + what + " " + path.string() + ": " + dlerror() +
            " (reinstall ajhost, or set " + env + " to the file)";
    return nullptr;
  }
  void* sym = dlsym(lib, symbol);
  if (!sym) error = path.string() + " is not ajhost's " + what + " (no " + symbol + ")";
  return sym;
}

void log_module_line(const char* prefix, int level, const std::string& message) {
  switch (level) {
    case AJ_LOG_TRACE: spdlog::trace("{}: {}", prefix, message); break;
    case AJ_LOG_DEBUG: spdlog::debug("{}: {}", prefix, message); break;
    case AJ_LOG_INFO: spdlog::info("{}: {}", prefix, message); break;
    case AJ_LOG_WARN: spdlog::warn("{}: {}", prefix, message); break;
    default: spdlog::error("{}: {}", prefix, message); break;
  }
}

}  // namespace aj::host
