// The public ATS boards: each plugin whole, through the ABI, with two companies
// and the input's parts as the answers to its requests in order (the board or
// list, then the board's name or the postings' details).
#include "entries.hpp"
#include "source_harness.hpp"

extern "C" {
const aj_plugin_descriptor* aj_greenhouse_entry(void);
const aj_plugin_descriptor* aj_lever_entry(void);
const aj_plugin_descriptor* aj_ashby_entry(void);
const aj_plugin_descriptor* aj_smartrecruiters_entry(void);
const aj_plugin_descriptor* aj_bamboohr_entry(void);
const aj_plugin_descriptor* aj_workday_entry(void);
}

namespace {

// A search term: the plugins that search (SmartRecruiters, Workday) send it, and ajhost filters by it.
constexpr std::string_view kQuery = "{ term: engineer }";

int run(aj_plugin_entry_fn entry, std::string_view settings, const uint8_t* data, size_t size) {
  aj::fuzz::run_source(entry, settings, kQuery, aj::fuzz::text_of(data, size));
  return 0;
}

}  // namespace

int aj_fuzz_greenhouse(const uint8_t* data, size_t size) {
  return run(aj_greenhouse_entry, "{ companies: [acme, beta], base_url: 'http://greenhouse.fuzz.invalid' }", data, size);
}

int aj_fuzz_lever(const uint8_t* data, size_t size) {
  return run(aj_lever_entry, "{ companies: [acme, beta], base_url: 'http://lever.fuzz.invalid' }", data, size);
}

int aj_fuzz_ashby(const uint8_t* data, size_t size) {
  return run(aj_ashby_entry, "{ companies: [acme, beta], base_url: 'http://ashby.fuzz.invalid' }", data, size);
}

int aj_fuzz_smartrecruiters(const uint8_t* data, size_t size) {
  return run(aj_smartrecruiters_entry,
             "{ companies: [acme, beta], base_url: 'http://smartrecruiters.fuzz.invalid', search_term: true }", data,
             size);
}

int aj_fuzz_bamboohr(const uint8_t* data, size_t size) {
  return run(aj_bamboohr_entry, "{ companies: [acme, beta], board_url: 'http://{company}.bamboohr.fuzz.invalid' }",
             data, size);
}

int aj_fuzz_workday(const uint8_t* data, size_t size) {
  return run(aj_workday_entry,
             "{ companies: ['https://acme.wd5.myworkdayjobs.com/en-US/External'], "
             "boards: { beta: { url: 'http://jobs.beta.fuzz.invalid', tenant: beta, site: Careers } } }",
             data, size);
}
