// The skills taxonomy (config/skills.yaml): canonical names with aliases,
// matched as whole words or phrases, case-insensitively.
#pragma once

#include "extract/record.hpp"

#include <cstdint>
#include <memory>
#include <optional>
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

  /// One mention of a skill: the skill's index in taxonomy order (see name())
  /// and the index in Text::words of the mention's first word.
  struct Hit {
    uint32_t skill = 0;
    uint32_t word = 0;
  };
  /// Every mention that find() counts, in text order, a skill as often as the
  /// text names it: term frequencies and where each mention sits. Replaces `out`.
  void hits(const Text& t, std::vector<Hit>& out) const;
  /// The canonical name of skill `id` (< size()).
  const std::string& name(std::size_t id) const;
  /// The skill whose name or alias is exactly `spelling` (any case, ambiguous
  /// spellings included: "Go", "R"), as a person lists skills; nullopt if none.
  std::optional<std::size_t> lookup(std::string_view spelling) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ajx
