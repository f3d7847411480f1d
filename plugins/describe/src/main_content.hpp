// The main content of a page without JobPosting JSON-LD: page chrome left out
// (navigation, header, footer, sidebars, forms, cookie banners, hidden parts),
// then the container of the posting chosen readability-style (paragraph and
// list text, commas, link density, class and id hints such as
// "job-description").
#pragma once

#include "render.hpp"

#include <libxml/tree.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace ajd {

class MainContent {
 public:
  /// Measures every element under `body` once. Uses the nodes' `_private`
  /// slot, so the document must not be shared with other readers meanwhile.
  explicit MainContent(xmlNode* body);
  ~MainContent();
  MainContent(const MainContent&) = delete;
  MainContent& operator=(const MainContent&) = delete;

  /// The chosen container, and siblings that belong to it, in page order;
  /// empty when the page has no text block worth calling a description.
  const std::vector<const xmlNode*>& roots() const { return roots_; }
  /// What rendering the roots must leave out.
  const Skip& skip() const { return skip_; }

 private:
  struct Stats;
  void measure(xmlNode* n, int depth);
  void choose();
  Stats* stats(const xmlNode* n) const;

  xmlNode* body_;
  std::vector<Stats> stats_;
  std::vector<xmlNode*> ancestors_;
  std::vector<const xmlNode*> roots_;
  Skip skip_;
};

}  // namespace ajd
