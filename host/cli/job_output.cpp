#include "cli/job_output.hpp"

#include "record/json_text.hpp"

#include <boost/json/parse.hpp>

namespace aj::host {
namespace {

// python-jobspy's scrape_jobs() columns, in its order.
const std::vector<std::string> kJobspyColumns = {
    "id", "site", "job_url", "job_url_direct", "title", "company", "location", "date_posted", "job_type",
    "salary_source", "interval", "min_amount", "max_amount", "currency", "is_remote", "job_level", "job_function",
    "listing_type", "emails", "description", "company_industry", "company_url", "company_logo", "company_url_direct",
    "company_addresses", "company_num_employees", "company_revenue", "company_description", "skills",
    "experience_range", "company_rating", "company_reviews_count", "vacancy_count", "work_from_home_type"};

std::string csv_cell(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool valid_json(const std::string& text) {
  boost::system::error_code ec;
  boost::json::parse(text, ec);
  return !ec;
}

}  // namespace

const std::vector<std::string>& output_columns() {
  static const std::vector<std::string> cols = [] {
    std::vector<std::string> c = kJobspyColumns;
    c.push_back("job_id");
    c.push_back("job_key");
    for (const auto& f : all_fields())
      if (std::find(c.begin(), c.end(), std::string(f.column)) == c.end()) c.emplace_back(f.column);
    c.push_back("seen_count");
    c.push_back("extra");
    return c;
  }();
  return cols;
}

// One cell as text (lists joined with ", " and booleans True/False, as jobspy writes them).
std::string field_text(const StoredJob& j, const std::string& col) {
  if (col == "job_id") return std::to_string(j.job_id);
  if (col == "job_key") return j.job_key;
  if (col == "seen_count") return std::to_string(j.seen_count);
  if (col == "extra") return j.record.extras_json();
  auto id = field_by_column(col);
  if (!id) return {};
  const FieldValue& v = j.record.get(*id);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) return format_number(*d);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "True" : "False";  // as pandas writes them
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) return join_list(*l);
  return {};
}

std::string job_to_json(const StoredJob& j) {
  std::string o = "{";
  bool first = true;
  auto key = [&](const std::string& k) {
    if (!first) o += ',';
    first = false;
    append_json_string(o, k);
    o += ':';
  };
  for (const auto& col : output_columns()) {
    key(col);
    if (col == "job_id") {
      o += std::to_string(j.job_id);
      continue;
    }
    if (col == "job_key") {
      append_json_string(o, j.job_key);
      continue;
    }
    if (col == "seen_count") {
      o += std::to_string(j.seen_count);
      continue;
    }
    if (col == "extra") {
      std::string extras = j.record.extras_json();
      o += extras.empty() ? "{}" : extras;
      continue;
    }
    auto id = field_by_column(col);
    const FieldValue& v = id ? j.record.get(*id) : FieldValue{};
    if (const auto* s = std::get_if<std::string>(&v)) {
      if (col == "score_breakdown" && valid_json(*s)) o += *s;  // an object, not a string holding one
      else append_json_string(o, *s);
    } else if (const auto* n = std::get_if<int64_t>(&v)) {
      o += std::to_string(*n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      o += format_number(*d);
    } else if (const auto* b = std::get_if<bool>(&v)) {
      o += *b ? "true" : "false";
    } else if (const auto* l = std::get_if<std::vector<std::string>>(&v)) {
      o += json_array(*l);
    } else {
      o += "null";
    }
  }
  return o + "}";
}

void write_json_array(std::ostream& out, const std::vector<StoredJob>& jobs) {
  out << "[";
  for (std::size_t i = 0; i < jobs.size(); ++i) out << (i ? ",\n" : "\n") << job_to_json(jobs[i]);
  out << (jobs.empty() ? "]\n" : "\n]\n");
}

void write_jsonl(std::ostream& out, const std::vector<StoredJob>& jobs) {
  for (const auto& j : jobs) out << job_to_json(j) << '\n';
}

void write_csv(std::ostream& out, const std::vector<StoredJob>& jobs) {
  const auto& cols = output_columns();
  for (std::size_t c = 0; c < cols.size(); ++c) out << (c ? "," : "") << cols[c];
  out << '\n';
  for (const auto& j : jobs) {
    for (std::size_t c = 0; c < cols.size(); ++c) out << (c ? "," : "") << csv_cell(field_text(j, cols[c]));
    out << '\n';
  }
}

}  // namespace aj::host
