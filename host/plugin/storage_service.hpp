// ajhost's side of the storage service, "aj.storage.v1": the table plugins get,
// backed by the PluginRecords of the run in progress (memory only outside a run).
#pragma once

#include "store/plugin_records.hpp"

#include <autojobagent/storage.h>

namespace aj::host {

class StorageService {
 public:
  static StorageService& instance();
  const aj_storage_api_v1* table() const;

  /// The run's records, from the engine; nullptr when the run ends.
  void attach(PluginRecords* records);
  PluginRecords& records();

 private:
  StorageService();
  PluginRecords memory_;  // outside a run (a plugin's init, `plugins list`): forgotten at exit
};

}  // namespace aj::host
