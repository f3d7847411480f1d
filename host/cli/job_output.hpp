// Stored jobs as JSON, JSON Lines and CSV with python-jobspy's column names for
// the fields it has (so its users' spreadsheets and scripts keep working) and
// snake_case names for ours.
#pragma once

#include "store/job_store.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace aj::host {

/// Column order: jobspy's columns first, in its order, then ours.
const std::vector<std::string>& output_columns();

std::string job_to_json(const StoredJob& job);
/// One column as text, as CSV shows it (lists joined with ", ", booleans True/False).
std::string field_text(const StoredJob& job, const std::string& column);
void write_json_array(std::ostream& out, const std::vector<StoredJob>& jobs);
void write_jsonl(std::ostream& out, const std::vector<StoredJob>& jobs);
void write_csv(std::ostream& out, const std::vector<StoredJob>& jobs);

}  // namespace aj::host
