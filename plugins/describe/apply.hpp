// Writing what a page said into a posting: the description (when longer than
// the one the posting has) and every field the posting lacks, never one a
// source gave; each value's origin recorded in field_sources.
#pragma once

#include "describe/page.hpp"

#include <autojobagent/plugin.hpp>

#include <string>
#include <string_view>

namespace describe {

struct Applied {
  bool description = false;  // the description was replaced
  int fields = 0;            // other fields filled
};

/// `requested_url` is the URL fetched, `final_url` where redirects ended;
/// `today` is YYYY-MM-DD (a validThrough before it marks the posting expired).
Applied apply_page(aj::Job& job, const ajd::PageInfo& page, std::string_view requested_url, std::string_view final_url,
                   std::string_view today);

}  // namespace describe
