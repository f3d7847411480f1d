// Plugins' key-value records (aj.storage.v1) for one run: writes wait in memory,
// where reads see them at once, and go to the job database inside the store's
// own transactions (flush_in), so records and jobs are committed together.
#pragma once

#include "store/sqlite.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace aj::host {

class PluginRecords {
 public:
  /// `db_path` empty: memory only (no database, or a dry run that writes none).
  explicit PluginRecords(const std::string& db_path, bool write = true);
  ~PluginRecords();

  std::optional<std::string> get(const std::string& ns, std::string_view key);
  void put(const std::string& ns, std::string_view key, std::string_view value);
  void erase(const std::string& ns, std::string_view key);

  /// Writes what waits into `db` (the caller's open transaction) and returns a
  /// mark; after that transaction commits, pass the mark to committed(). [store thread]
  uint64_t flush_in(Database& db);
  void committed(uint64_t mark);
  /// Records waiting to be written.
  std::size_t pending() const;

 private:
  struct Entry {
    std::optional<std::string> value;  // nullopt: erased
    uint64_t seq = 0;
  };
  using Key = std::pair<std::string, std::string>;
  mutable std::mutex mutex_;
  std::map<Key, Entry> pending_;
  uint64_t seq_ = 0;
  bool write_;
  std::unique_ptr<Database> reader_;  // its own connection: WAL lets it read while the store writes
  std::unique_ptr<Statement> select_;
  std::unique_ptr<Statement> begin_, end_;
  bool reading_ = false;  // a read transaction is open: reads share one snapshot and lock, until the next commit
};

}  // namespace aj::host
