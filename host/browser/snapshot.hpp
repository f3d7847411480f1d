// The accessibility snapshot: Chromium's accessibility tree
// (Accessibility.getFullAXTree) reduced to the elements a plugin reads or acts
// on, one line each, with a ref that names the DOM node for the page's life.
#pragma once

#include <boost/json/array.hpp>

#include <string>

namespace aj::browser {

/// The text of browser.h's snapshot():
///   - heading "Apply" [ref=e4] [level=1]
///     - textbox "First name" [ref=e7] [required]: "Ada"
std::string render_snapshot(const boost::json::array& nodes);

/// The backend DOM node id of a ref ("e7" -> 7); 0 when `target` is not a ref.
int64_t ref_node(std::string_view target);

}  // namespace aj::browser
