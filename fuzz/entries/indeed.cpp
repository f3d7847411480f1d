// Indeed's jobSearch answer (GraphQL JSON), read as the plugin reads a page:
// the page, then each result with a job key as a job record.
#include "entries.hpp"
#include "source_harness.hpp"

#include "indeed_graphql.hpp"
#include "indeed_job.hpp"

#include <ajsrc/json.hpp>

int aj_fuzz_indeed(const uint8_t* data, size_t size) {
  aj::fuzz::use_host_api();
  const indeed::Links links{"https://ca.indeed.com", "CAD"};
  try {
    auto answer = ajsrc::parse_json(aj::fuzz::text_of(data, size), "fuzz");
    auto page = indeed::read_page(answer, "fuzz");
    for (const auto& result : *page.results) {
      const auto* j = ajsrc::at(result, "job");
      if (!j || ajsrc::str(*j, "key").empty()) continue;
      aj::NewJob job(aj::detail::api()->job_new(nullptr));
      indeed::fill_job(job, *j, links);
    }
  } catch (const aj::SourceError&) {
    // Not JSON, or not a jobSearch answer: the query fails with that outcome.
  }
  return 0;
}
