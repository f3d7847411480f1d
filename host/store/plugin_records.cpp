#include "store/plugin_records.hpp"

#include <filesystem>

namespace aj::host {

PluginRecords::PluginRecords(const std::string& db_path, bool write) : write_(write && !db_path.empty()) {
  if (db_path.empty() || !std::filesystem::exists(db_path)) return;
  reader_ = std::make_unique<Database>(db_path, true);
  // A database from before migration 2 has no plugin_records: nothing to read then.
  Statement probe(reader_->handle(), "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'plugin_records'");
  if (!probe.step()) {
    reader_.reset();
    return;
  }
  reader_->exec("PRAGMA cache_size = -16384");  // 16 MiB: a de-duplication index is read key by key
  select_ = std::make_unique<Statement>(reader_->handle(),
                                        "SELECT value FROM plugin_records WHERE namespace = ?1 AND key = ?2");
  begin_ = std::make_unique<Statement>(reader_->handle(), "BEGIN");
  end_ = std::make_unique<Statement>(reader_->handle(), "COMMIT");
}

PluginRecords::~PluginRecords() {
  if (reading_) {
    try {
      end_->reset();
      end_->step();
    } catch (...) {
    }
  }
}

std::optional<std::string> PluginRecords::get(const std::string& ns, std::string_view key) {
  std::lock_guard lock(mutex_);
  if (auto it = pending_.find(Key(ns, std::string(key))); it != pending_.end()) return it->second.value;
  if (!select_) return std::nullopt;
  if (!reading_) {
    begin_->reset();
    begin_->step();
    reading_ = true;
  }
  select_->reset();
  select_->bind(1, ns);
  select_->bind(2, key);
  std::optional<std::string> out;
  if (select_->step()) out = select_->text(0);
  select_->reset();
  return out;
}

void PluginRecords::put(const std::string& ns, std::string_view key, std::string_view value) {
  std::lock_guard lock(mutex_);
  pending_[Key(ns, std::string(key))] = Entry{std::string(value), ++seq_};
}

void PluginRecords::erase(const std::string& ns, std::string_view key) {
  std::lock_guard lock(mutex_);
  pending_[Key(ns, std::string(key))] = Entry{std::nullopt, ++seq_};
}

uint64_t PluginRecords::flush_in(Database& db) {
  std::lock_guard lock(mutex_);
  if (!write_ || pending_.empty()) return seq_;
  Statement upsert(db.handle(),
                   "INSERT INTO plugin_records (namespace, key, value) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value");
  Statement remove(db.handle(), "DELETE FROM plugin_records WHERE namespace = ?1 AND key = ?2");
  for (const auto& [key, entry] : pending_) {
    Statement& st = entry.value ? upsert : remove;
    st.reset();
    st.bind(1, key.first);
    st.bind(2, key.second);
    if (entry.value) st.bind_blob(3, *entry.value);
    st.step();
  }
  return seq_;
}

void PluginRecords::committed(uint64_t mark) {
  std::lock_guard lock(mutex_);
  if (!write_) return;
  // Later reads must see what was just committed: end the snapshot first.
  if (reading_) {
    end_->reset();
    end_->step();
    reading_ = false;
  }
  // Entries put again after the flush stay until the next one. Reads of the
  // others go to the database, which has them now.
  for (auto it = pending_.begin(); it != pending_.end();)
    it = it->second.seq <= mark ? pending_.erase(it) : std::next(it);
}

std::size_t PluginRecords::pending() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

}  // namespace aj::host
