#include "plugin/browser_service.hpp"

#include "browser/module.hpp"
#include "plugin/handles.hpp"
#include "plugin/module_loader.hpp"

#include <spdlog/spdlog.h>

#include <utility>

namespace aj::host {

BrowserService& BrowserService::instance() {
  static BrowserService s;
  return s;
}

BrowserService::~BrowserService() { shutdown(); }

void BrowserService::configure(browser::Settings settings) {
  std::lock_guard lock(mutex_);
  if (module_) spdlog::warn("browser: settings changed after the service started; they apply to the next run");
  settings_ = std::move(settings);
  tried_ = false;
  error_.clear();
}

browser::Settings BrowserService::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

void BrowserService::set_policy(const std::string& component, const browser::Policy& policy) {
  std::lock_guard lock(mutex_);
  policies_[component] = policy;
  if (module_) module_->set_policy(component, policy);
}

const aj_browser_api_v1* BrowserService::table() {
  std::lock_guard lock(mutex_);
  if (module_) return module_->table();
  if (tried_) return nullptr;
  tried_ = true;
  auto create = reinterpret_cast<browser::ModuleCreate>(load_host_module(
      "aj_browser.so", "AJ_BROWSER_MODULE", AJ_BROWSER_MODULE_SYMBOL, "browser service", error_));
  if (!create) {
    spdlog::error("{}", error_);
    return nullptr;
  }
  browser::ModuleArgs args;
  args.settings = settings_;
  args.log = [](int level, const std::string& m) { log_module_line("browser", level, m); };
  args.component_of = [](aj_host* h) { return h->component.empty() ? h->plugin : h->component; };
  args.cancel_flag_of = [](aj_context* c) { return c->cancelled; };
  std::string error;
  module_ = create(args, error);
  if (!module_) {
    error_ = "the browser service did not start: " + error;
    spdlog::error("{}", error_);
    return nullptr;
  }
  for (const auto& [component, policy] : policies_) module_->set_policy(component, policy);
  return module_->table();
}

void BrowserService::cancel_stopped() {
  std::lock_guard lock(mutex_);
  if (module_) module_->cancel_stopped();
}

size_t BrowserService::finish(const aj_context* ctx) {
  browser::Module* m;
  {
    std::lock_guard lock(mutex_);
    m = module_;
  }
  return m ? m->finish(ctx) : 0;  // waits for Chromium: not under the lock
}

std::optional<browser::Stats> BrowserService::stats() const {
  std::lock_guard lock(mutex_);
  if (!module_) return std::nullopt;
  auto s = module_->stats();
  if (!s.used) return std::nullopt;
  return s;
}

void BrowserService::shutdown() {
  browser::Module* m;
  {
    std::lock_guard lock(mutex_);
    m = std::exchange(module_, nullptr);
    tried_ = true;
    policies_.clear();
  }
  delete m;  // closes the browser: not under the lock
  std::lock_guard lock(mutex_);
  tried_ = false;
}

}  // namespace aj::host
