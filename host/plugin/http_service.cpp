#include "plugin/http_service.hpp"

#include "http/module.hpp"
#include "plugin/handles.hpp"
#include "plugin/module_loader.hpp"

#include <spdlog/spdlog.h>

#include <utility>

namespace aj::host {

HttpService& HttpService::instance() {
  static HttpService s;
  return s;
}

HttpService::~HttpService() { shutdown(); }

void HttpService::configure(http::ServiceSettings settings) {
  std::lock_guard lock(mutex_);
  if (module_) spdlog::warn("http: settings changed after the service started; they apply to the next run");
  settings_ = std::move(settings);
  tried_ = false;
  error_.clear();
}

http::Policy HttpService::defaults() const {
  std::lock_guard lock(mutex_);
  return settings_.defaults;
}

void HttpService::set_policy(const std::string& component, const http::Policy& policy) {
  std::lock_guard lock(mutex_);
  policies_[component] = policy;
  if (module_) module_->set_policy(component, policy);
}

const aj_http_api_v1* HttpService::table() {
  std::lock_guard lock(mutex_);
  if (module_) return module_->table();
  if (tried_) return nullptr;
  tried_ = true;
  auto create = reinterpret_cast<http::ModuleCreate>(
      load_host_module("aj_http.so", "AJ_HTTP_MODULE", AJ_HTTP_MODULE_SYMBOL, "HTTP service", error_));
  if (!create) {
    spdlog::error("{}", error_);
    return nullptr;
  }
  http::ModuleArgs args;
  args.settings = settings_;
  args.log = [](int level, const std::string& m) { log_module_line("http", level, m); };
  args.component_of = [](aj_host* h) { return h->component.empty() ? h->plugin : h->component; };
  args.cancel_flag_of = [](aj_context* c) { return c->cancelled; };
  std::string error;
  module_ = create(args, error);
  if (!module_) {
    error_ = "the HTTP service did not start: " + error;
    spdlog::error("{}", error_);
    return nullptr;
  }
  for (const auto& [component, policy] : policies_) module_->set_policy(component, policy);
  return module_->table();
}

std::string HttpService::load_error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

void HttpService::cancel_stopped() {
  std::lock_guard lock(mutex_);
  if (module_) module_->cancel_stopped();
}

size_t HttpService::finish(const aj_context* ctx) {
  http::Module* m;
  {
    std::lock_guard lock(mutex_);
    m = module_;
  }
  return m ? m->finish(ctx) : 0;  // waits: not under the lock
}

std::vector<http::HostStats> HttpService::stats() const {
  std::lock_guard lock(mutex_);
  return module_ ? module_->stats() : std::vector<http::HostStats>{};
}

void HttpService::shutdown() {
  http::Module* m;
  {
    std::lock_guard lock(mutex_);
    m = std::exchange(module_, nullptr);
    tried_ = true;  // while it shuts down, table() answers null
    policies_.clear();
  }
  delete m;  // joins the I/O thread, whose last callbacks may call table(): not under the lock
  std::lock_guard lock(mutex_);
  tried_ = false;
}

}  // namespace aj::host
