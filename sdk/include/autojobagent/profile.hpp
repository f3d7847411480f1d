// AutoJobAgent SDK: a header-only C++ layer over the profile service (profile.h).
#pragma once

#include "autojobagent/plugin.hpp"
#include "autojobagent/profile.h"

#include <string>
#include <string_view>

namespace aj {

/// The person's profile as the host loaded it (JSON Resume plus "preferences").
class Profile {
 public:
  /// Throws aj::Error when the host offers no profile service.
  explicit Profile(Host host)
      : host_(host), api_(static_cast<const aj_profile_api_v1*>(host.service(AJ_PROFILE_SERVICE_V1))) {
    if (!api_) throw Error("this host offers no profile service (aj.profile.v1); use an ajhost with plugin ABI 1.2 or later");
  }

  /// The JSON object; empty when the host found no profile.
  std::string_view json() const { return view(api_->json(host_.handle())); }
  /// The file it came from, for messages.
  std::string_view source() const { return view(api_->source(host_.handle())); }
  bool loaded() const { return !json().empty(); }

  /// The JSON, or a ConfigError telling the person how to get a profile.
  std::string_view require() const {
    if (!loaded())
      throw ConfigError("no profile: run `ajhost init` to write one to ~/.config/autojobagent/profile.yaml, "
                        "or name one with --profile FILE or $AJ_PROFILE");
    return json();
  }

 private:
  static std::string_view view(aj_str s) { return s.len ? std::string_view(s.ptr, s.len) : std::string_view(); }
  Host host_;
  const aj_profile_api_v1* api_;
};

}  // namespace aj
