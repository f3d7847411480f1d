// Turning parsed HTML into the two forms a description is kept in: clean text
// (each block and list item on its own line, whitespace collapsed) and Markdown
// (headings, **bold**, *italic*, `- ` and `1. ` lists, [links](url), paragraphs).
#pragma once

#include "describe/page.hpp"

#include <libxml/tree.h>

#include <functional>
#include <string_view>
#include <vector>

namespace ajd {

/// Nodes the caller leaves out (page chrome marked by main-content reading).
using Skip = std::function<bool(const xmlNode*)>;

/// Renders `roots` (elements or text nodes) in order, as one description. Links
/// are made absolute against `base_url`. Scripts, styles, images and form
/// controls are never rendered.
Rendered render_nodes(const std::vector<const xmlNode*>& roots, std::string_view base_url, const Skip& skip = {});

}  // namespace ajd
