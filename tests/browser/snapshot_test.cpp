// The accessibility snapshot's text, from an accessibility tree shaped like
// Chromium's Accessibility.getFullAXTree answer (constructed here; the
// browser tests read real ones).
#include "browser/snapshot.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace aj::browser {
namespace {

const char* kTree = R"([
 {"nodeId":"1","ignored":false,"role":{"type":"role","value":"RootWebArea"},"name":{"type":"computedString","value":"Apply"},"childIds":["2","3"],"backendDOMNodeId":1},
 {"nodeId":"2","parentId":"1","ignored":true,"role":{"type":"role","value":"none"},"childIds":["4","5","9"]},
 {"nodeId":"3","parentId":"1","ignored":false,"role":{"type":"role","value":"alert"},"name":{"type":"computedString","value":""},"childIds":["10"],"backendDOMNodeId":30},
 {"nodeId":"10","parentId":"3","ignored":false,"role":{"type":"role","value":"StaticText"},"name":{"type":"computedString","value":"Phone is required"},"childIds":[]},
 {"nodeId":"4","parentId":"2","ignored":false,"role":{"type":"role","value":"heading"},"name":{"type":"computedString","value":"Apply for \"C++\" role"},"properties":[{"name":"level","value":{"type":"integer","value":1}}],"childIds":[],"backendDOMNodeId":12},
 {"nodeId":"5","parentId":"2","ignored":false,"role":{"type":"role","value":"group"},"name":{"type":"computedString","value":"Authorized to work in Canada?"},"childIds":["6","7","8"],"backendDOMNodeId":40},
 {"nodeId":"6","parentId":"5","ignored":false,"role":{"type":"role","value":"radio"},"name":{"type":"computedString","value":"Yes"},"properties":[{"name":"checked","value":{"type":"tristate","value":"true"}},{"name":"required","value":{"type":"boolean","value":true}}],"childIds":[],"backendDOMNodeId":41},
 {"nodeId":"7","parentId":"5","ignored":false,"role":{"type":"role","value":"radio"},"name":{"type":"computedString","value":"No"},"properties":[{"name":"checked","value":{"type":"tristate","value":"false"}},{"name":"disabled","value":{"type":"boolean","value":true}}],"childIds":[],"backendDOMNodeId":42},
 {"nodeId":"8","parentId":"5","ignored":false,"role":{"type":"role","value":"textbox"},"name":{"type":"computedString","value":"Phone"},"description":{"type":"computedString","value":"10 digits"},"value":{"type":"string","value":"555 0100"},"properties":[{"name":"invalid","value":{"type":"token","value":"true"}},{"name":"focused","value":{"type":"booleanOrUndefined","value":true}}],"childIds":[],"backendDOMNodeId":43},
 {"nodeId":"9","parentId":"2","ignored":false,"role":{"type":"role","value":"generic"},"childIds":["11"],"backendDOMNodeId":50},
 {"nodeId":"11","parentId":"9","ignored":false,"role":{"type":"role","value":"button"},"name":{"type":"computedString","value":"Submit"},"childIds":[],"backendDOMNodeId":51}
])";

TEST(Snapshot, KeepsInteractiveElementsWithStatesAndRefs) {
  auto nodes = boost::json::parse(kTree).as_array();
  EXPECT_EQ(render_snapshot(nodes),
            "- heading \"Apply for \\\"C++\\\" role\" [ref=e12] [level=1]\n"
            "- group \"Authorized to work in Canada?\" [ref=e40]\n"
            "  - radio \"Yes\" [ref=e41] [checked] [required]\n"
            "  - radio \"No\" [ref=e42] [disabled]\n"
            "  - textbox \"Phone\" [ref=e43] [invalid] [focused] [description=\"10 digits\"]: \"555 0100\"\n"
            "- button \"Submit\" [ref=e51]\n"
            "- alert \"Phone is required\" [ref=e30]\n");
}

TEST(Snapshot, EmptyTreesAndCyclesDoNotBreakIt) {
  EXPECT_EQ(render_snapshot(boost::json::array{}), "");
  // A node that lists itself as its child stops at the depth guard.
  auto nodes = boost::json::parse(
                   R"([{"nodeId":"1","role":{"value":"button"},"name":{"value":"Loop"},"childIds":["1"],"backendDOMNodeId":7}])")
                   .as_array();
  std::string out = render_snapshot(nodes);
  EXPECT_EQ(out.rfind("- button \"Loop\" [ref=e7]\n", 0), 0u) << out;
}

TEST(Snapshot, Refs) {
  EXPECT_EQ(ref_node("e12"), 12);
  EXPECT_EQ(ref_node("e0"), 0);
  EXPECT_EQ(ref_node("e12x"), 0);
  EXPECT_EQ(ref_node("#e12"), 0);
  EXPECT_EQ(ref_node("email"), 0);  // a selector (a tag name), not a ref
  EXPECT_EQ(ref_node("e"), 0);
}

}  // namespace
}  // namespace aj::browser
