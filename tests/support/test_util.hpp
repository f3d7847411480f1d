// Helpers shared by the host tests: temporary folders, files, and running
// ajhost as a child process with its output captured.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace aj::test {

/// A fresh folder, removed with everything in it when this goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  /// Writes `text` to `relative` (making folders) and returns its path.
  std::filesystem::path write(const std::string& relative, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& p, const std::string& content);
std::string read_file(const std::filesystem::path& p);

struct ProcessResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string out, err;
};

/// Resource limits set in the child before it starts (setrlimit); -1 leaves one as inherited.
struct Limits {
  int64_t file_size_bytes = -1;  // RLIMIT_FSIZE: no file the child writes grows past this (a full disk)
};

/// Runs `argv` (argv[0] is a path) with extra environment variables and waits.
ProcessResult run_process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                          const Limits& limits = {});

/// Runs ajhost with isolated settings: no user config, plugins from the build
/// tree plus `plugin_path` (AJ_PLUGIN_PATH), and the given extra environment.
ProcessResult run_ajhost(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                         const Limits& limits = {});

/// Splits on '\n', dropping a final empty line.
std::vector<std::string> lines(const std::string& text);

}  // namespace aj::test
