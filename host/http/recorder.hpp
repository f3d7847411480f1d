// `ajhost run --record DIR` and `--replay DIR`: every HTTP exchange of a run
// written to a folder, and served back from it later, so that a run can be
// repeated offline and byte for byte.
//
// DIR/exchanges.jsonl holds one JSON object per exchange: seq, fingerprint,
// method, url, status, final_url, headers ([[name, value], ...]), failure (a
// stable name such as "transport"), error and body_file ("bodies/000001.bin",
// or "" for an empty body). The body file is written before its line and each
// line is flushed, so a killed run leaves a recording of what it finished.
#pragma once

#include "http/message.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace aj::http {

/// What identifies a request in a recording: method, URL and a hash of the
/// body ("POST https://x/api 1f2e..."). A multipart body hashes each part's
/// name, filename, content type and data or file contents, not file paths,
/// which differ between runs.
std::string fingerprint(const Request& r);

/// Appends every exchange to a new recording.
class Recorder {
 public:
  /// Creates `dir` (and DIR/bodies, DIR/README.txt). Throws std::runtime_error
  /// naming the folder when it cannot, or when it already holds a recording:
  /// a recording is never overwritten.
  explicit Recorder(std::filesystem::path dir);

  /// Writes the exchange; throws std::runtime_error when the disk refuses.
  void record(const Request& req, const Response& resp);

 private:
  std::filesystem::path dir_;
  std::mutex mutex_;  // one exchange at a time, so lines and bodies stay paired
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> log_;
  uint64_t seq_ = 0;
};

/// Serves the responses of a recording.
class Replayer {
 public:
  /// Reads DIR/exchanges.jsonl (bodies are read when served). Throws
  /// std::runtime_error saying what to do when DIR holds no recording, and
  /// naming the line when one is damaged; a truncated last line (a run killed
  /// while writing it) is ignored.
  explicit Replayer(std::filesystem::path dir);

  /// The recorded response to this request, with kReplayed set and attempts
  /// 0; a recorded failure comes back as that failure. The i-th call for a
  /// fingerprint gets its i-th recording, and the last one once they run out.
  /// nullopt when the request was never recorded.
  std::optional<Response> next(const Request& req);

  /// The number of exchanges in the recording.
  size_t size() const { return exchanges_.size(); }

 private:
  struct Exchange {
    Response response;      // without its body
    std::string body_file;  // relative to the folder; "" for an empty body
  };
  struct Queue {
    std::vector<size_t> exchanges;  // indices into exchanges_, in recorded order
    size_t served = 0;
  };

  std::filesystem::path dir_;
  std::vector<Exchange> exchanges_;
  std::mutex mutex_;  // guards the queues' positions
  std::unordered_map<std::string, Queue> queues_;
};

}  // namespace aj::http
