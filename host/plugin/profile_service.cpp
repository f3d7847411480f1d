#include "plugin/profile_service.hpp"

namespace aj::host {

namespace {

aj_str text(const std::string& s) { return aj_str{s.data(), s.size()}; }

aj_str profile_json(aj_host*) noexcept { return text(ProfileService::instance().profile().json); }
aj_str profile_source(aj_host*) noexcept { return text(ProfileService::instance().profile().file); }

const aj_profile_api_v1 kTable = {sizeof(aj_profile_api_v1), profile_json, profile_source};

}  // namespace

ProfileService& ProfileService::instance() {
  static ProfileService s;
  return s;
}

const aj_profile_api_v1* ProfileService::table() const { return &kTable; }

void ProfileService::set(Profile profile) { profile_ = std::move(profile); }

}  // namespace aj::host
