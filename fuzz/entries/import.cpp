// import: the input read as a python-jobspy CSV export and as JSON Lines, each
// row mapped onto job fields as the plugin maps it.
#include "entries.hpp"

#include "field_mapping.hpp"
#include "jobspy_reader.hpp"

#include <sstream>
#include <string>

namespace {

struct Mapper : aj::import::RowHandler {
  bool on_row(aj::import::Row&& row) override {
    (void)aj::import::map_row(row, "import");
    return true;
  }
  bool on_problem(std::size_t, std::string_view, bool) override { return true; }
};

}  // namespace

int aj_fuzz_import(const uint8_t* data, size_t size) {
  std::string text(aj::fuzz::text_of(data, size));
  (void)aj::import::detect_format("export", text);
  Mapper m;
  std::istringstream csv(text);
  aj::import::read_csv(csv, text.size(), m);
  std::istringstream jsonl(text);
  aj::import::read_jsonl(jsonl, text.size(), m);
  return 0;
}
