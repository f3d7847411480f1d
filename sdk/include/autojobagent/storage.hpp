// AutoJobAgent SDK: a header-only C++ layer over the storage service (storage.h).
#pragma once

#include "autojobagent/plugin.hpp"
#include "autojobagent/storage.h"

#include <optional>
#include <string>
#include <string_view>

namespace aj {

/// The plugin's own key-value records, kept by the host across runs.
class Storage {
 public:
  /// Throws aj::Error when the host offers no storage service.
  explicit Storage(Host host)
      : host_(host), api_(static_cast<const aj_storage_api_v1*>(host.service(AJ_STORAGE_SERVICE_V1))) {
    if (!api_) throw Error("this host offers no storage service (aj.storage.v1); use an ajhost with plugin ABI 1.1 or later");
  }

  /// The key's value, or nothing. Throws aj::Error when the store fails.
  std::optional<std::string> get(Context& ctx, std::string_view key) const {
    std::string out;
    int32_t r = api_->get(host_.handle(), ctx.handle(), detail::str(key), &Storage::sink, &out);
    if (r < 0) throw Error("storage: cannot read a record");
    if (r == 0) return std::nullopt;
    return out;
  }
  void put(Context& ctx, std::string_view key, std::string_view value) const {
    if (api_->put(host_.handle(), ctx.handle(), detail::str(key), detail::str(value)) != AJ_OK)
      throw Error("storage: cannot write a record");
  }
  void erase(Context& ctx, std::string_view key) const {
    if (api_->erase(host_.handle(), ctx.handle(), detail::str(key)) != AJ_OK)
      throw Error("storage: cannot remove a record");
  }

 private:
  static void sink(void* user, aj_str value) { static_cast<std::string*>(user)->assign(value.ptr, value.len); }
  Host host_;
  const aj_storage_api_v1* api_;
};

}  // namespace aj
