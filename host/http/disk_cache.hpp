// The on-disk cache of GET responses, keyed by exact URL. Whether a cached
// response is still fresh is the client's call; this stores and finds them.
//
// One file per URL, named by a 64-bit FNV-1a hash of it (DIR/ab/ab12...ef):
// a JSON header line (url, status, headers, final_url, stored_at in unix ms,
// etag, last_modified, body_size), then the body byte for byte. Files are
// written under a temporary name and renamed, so a killed run leaves either
// the old entry or the new one; a file that does not parse or whose body is
// short is treated as a miss and removed.
#pragma once

#include "http/message.hpp"

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace aj::http {

class DiskCache {
 public:
  /// Creates `dir` if missing. Never throws for I/O problems: an unusable
  /// folder makes every lookup a miss and every store fail (see last_error).
  explicit DiskCache(std::filesystem::path dir);

  struct Entry {
    Response response;  // status, headers, body, final_url; flags and attempts 0
    std::chrono::system_clock::time_point stored_at;
    std::string etag, last_modified;  // empty when the response had none
  };

  /// The entry stored for exactly this URL, or nullopt.
  std::optional<Entry> lookup(std::string_view url) const;
  /// Stores a 200 response unless it says "Cache-Control: no-store"; returns
  /// whether it was stored. `now` becomes the entry's stored_at.
  bool store(std::string_view url, const Response& r,
             std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
  /// After a 304: the entry counts as stored at `now`. No-op when absent.
  void touch(std::string_view url, std::chrono::system_clock::time_point now);

  const std::filesystem::path& dir() const { return dir_; }
  /// The file that holds (or would hold) the entry for `url`.
  std::filesystem::path path_for(std::string_view url) const;
  /// The last I/O problem or corrupt entry met, for the log; "" if none.
  std::string last_error() const;

 private:
  std::optional<Entry> load(std::string_view url) const;
  bool write(std::string_view url, const Response& r, std::chrono::system_clock::time_point stored_at);

  std::filesystem::path dir_;
  mutable std::mutex mutex_;  // one reader or writer of the folder at a time
  mutable std::string last_error_;
};

}  // namespace aj::http
