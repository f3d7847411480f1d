// Errors and warnings that point at a place in a file: "file:line:col: message".
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace aj::host {

/// A place in a config file; line and column are 1-based, 0 when unknown.
struct Mark {
  std::shared_ptr<const std::string> file;
  int line = 0;
  int col = 0;
  std::string where() const;  // "file:line:col" (or less when unknown)
};

struct Diagnostic {
  Mark mark;
  std::string message;
  bool warning = false;
  std::string str() const;  // "file:line:col: error: message"
};

class Diagnostics {
 public:
  void error(const Mark& m, std::string message) { items_.push_back({m, std::move(message), false}); }
  void warn(const Mark& m, std::string message) { items_.push_back({m, std::move(message), true}); }
  bool has_errors() const;
  std::size_t error_count() const;
  /// In file order, so a person reads them top to bottom.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void append(const Diagnostics& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }

 private:
  std::vector<Diagnostic> items_;
};

/// The closest candidate within a small edit distance, for "did you mean".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace aj::host
