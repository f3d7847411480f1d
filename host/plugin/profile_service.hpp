// ajhost's side of the profile service, "aj.profile.v1": the person's profile
// as one JSON text, set by a command before any plugin is created.
#pragma once

#include "profile/profile.hpp"

#include <autojobagent/profile.h>

namespace aj::host {

class ProfileService {
 public:
  static ProfileService& instance();
  const aj_profile_api_v1* table() const;

  /// Set before plugins are created and left alone while they live: plugins
  /// hold the text without copying it.
  void set(Profile profile);
  const Profile& profile() const { return profile_; }

 private:
  ProfileService() = default;
  Profile profile_;
};

}  // namespace aj::host
