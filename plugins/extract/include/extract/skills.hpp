// The skills taxonomy (config/skills.yaml): canonical names with aliases,
// matched as whole words or phrases, case-insensitively.
#pragma once

#include "extract/record.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ajx {

class Taxonomy {
 public:
  Taxonomy();
  ~Taxonomy();
  Taxonomy(Taxonomy&&) noexcept;
  Taxonomy& operator=(Taxonomy&&) noexcept;

  /// Reads a taxonomy file; throws std::runtime_error naming file:line on bad input.
  static Taxonomy load(const std::string& path);
  /// The same from YAML text (`origin` names it in errors).
  static Taxonomy parse(std::string_view yaml, const std::string& origin);

  /// Canonical names of the skills the text mentions, each once, in taxonomy order.
  std::vector<std::string> find(const Text& t) const;
  std::size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ajx
