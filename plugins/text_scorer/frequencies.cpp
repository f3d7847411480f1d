#include "frequencies.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace aj::text_matching {

Frequencies Frequencies::parse(std::string_view tsv, std::string_view origin) {
  Frequencies f;
  bool has_documents = false, has_average = false;
  std::size_t line_no = 0;
  while (!tsv.empty()) {
    const std::size_t nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv = nl == std::string_view::npos ? std::string_view{} : tsv.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    auto fail = [&](const std::string& what) {
      return std::invalid_argument(std::string(origin) + ":" + std::to_string(line_no) + ": " + what);
    };
    const std::size_t tab = line.rfind('\t');
    if (tab == std::string_view::npos || tab == 0) throw fail("expected 'name<TAB>number'");
    const std::string_view name = line.substr(0, tab), number = line.substr(tab + 1);
    double value = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || end != number.data() + number.size() || !(value >= 0))
      throw fail("'" + std::string(number) + "' is not a number >= 0");
    if (name == "documents") {
      f.documents_ = static_cast<std::size_t>(value);
      has_documents = true;
    } else if (name == "average_words") {
      f.average_words_ = value;
      has_average = true;
    } else {
      f.df_[std::string(name)] = static_cast<std::size_t>(value);
    }
  }
  if (!has_documents || !has_average || f.average_words_ <= 0)
    throw std::invalid_argument(std::string(origin) + ": needs 'documents' and 'average_words' (> 0) lines");
  return f;
}

double Frequencies::idf(std::string_view skill) const {
  const auto it = df_.find(std::string(skill));
  const double df = (it == df_.end() ? 0.0 : static_cast<double>(it->second)) + 1;
  const double n = static_cast<double>(documents_) + 1;
  return std::log(1 + (n - std::min(df, n) + 0.5) / (df + 0.5));
}

}  // namespace aj::text_matching
