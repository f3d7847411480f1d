// schema.org JobPosting in a page's JSON-LD blocks (fields per
// ../shared/realdata/PROTOCOLS.md, "schema.org JobPosting for Google Jobs").
#pragma once

#include "describe/page.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ajd {

/// The JSON value of one <script type="application/ld+json"> block, tolerating
/// what pages wrap it in: HTML comments, CDATA markers, a trailing semicolon
/// or other junk after the value, entity-escaped quotes, raw line breaks in
/// strings, comments and trailing commas. nullopt when it is not JSON.
std::optional<boost::json::value> parse_ld_block(std::string_view text);

/// The first JobPosting in the blocks, in page order: a block that is the
/// object itself, an array of objects, or an object with @graph (also nested,
/// as a WebPage's mainEntity); @type a string or an array, with or without a
/// schema.org prefix. nullopt when there is none.
std::optional<boost::json::object> find_jobposting(const std::vector<std::string>& blocks);

/// Fills `info` from a JobPosting: every field it states (description
/// rendered to text and Markdown, with responsibilities, qualifications and
/// the like as sections when given apart). Origins are set to jsonld.
void read_jobposting(const boost::json::object& posting, std::string_view base_url, PageInfo& info);

/// none | secondary | diploma | bachelor | master | doctorate: the lowest level
/// a credential text names ("bachelor degree", "High School diploma"); "" when none.
std::string education_level(std::string_view text);

}  // namespace ajd
