#include "jobspy_reader.hpp"

#include <csv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <stdexcept>
#include <system_error>
#include <utility>

// Boost.JSON compiled into this library (and so into the plugin) rather than
// linked: this is its one translation unit.
#include <boost/json/src.hpp>

namespace aj::import {
namespace {

constexpr std::size_t kChunkSize = 64 * 1024;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ---- CSV -------------------------------------------------------------------

// State shared with libcsv's callbacks while one file is read.
struct CsvReader {
  explicit CsvReader(RowHandler& h) : handler(h) {}

  RowHandler& handler;
  ReadStats stats;
  std::vector<std::string> header;
  bool have_header = false;
  std::vector<std::string> fields;  // of the row being parsed
  bool in_row = false;              // a row has begun and not ended
  std::size_t row_line = 0;         // where it began
  bool stop = false;

  void skip_row(std::string_view message) {
    ++stats.skipped_rows;
    fields.clear();
    in_row = false;
    if (!have_header) {  // without column names no row can be read
      handler.on_problem(row_line, "header row: " + std::string(message) + "; nothing read", true);
      stop = true;
      return;
    }
    if (!handler.on_problem(row_line, message, true)) stop = true;
  }

  void end_row() {
    in_row = false;
    std::vector<std::string> cells = std::move(fields);
    fields.clear();
    if (!have_header) {
      for (std::string& name : cells) header.emplace_back(trim(name));
      have_header = true;
      return;
    }
    if (cells.size() != header.size()) {
      ++stats.skipped_rows;
      std::string message = "row has " + std::to_string(cells.size()) + " cells, the header has " +
                            std::to_string(header.size());
      if (!handler.on_problem(row_line, message, true)) stop = true;
      return;
    }
    Row row;
    row.line = row_line;
    bool any_value = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (header[i].empty()) continue;  // e.g. a pandas index column
      if (!trim(cells[i]).empty()) any_value = true;
      Cell cell;
      cell.column = header[i];
      cell.text = std::move(cells[i]);
      row.cells.push_back(std::move(cell));
    }
    if (!any_value) return;  // ",,,," carries nothing
    ++stats.rows;
    if (!handler.on_row(std::move(row))) stop = true;
  }

  static void on_field(void* data, std::size_t len, void* self) {
    auto* r = static_cast<CsvReader*>(self);
    std::string value;
    value.reserve(len);
    const char* s = static_cast<const char*>(data);
    for (std::size_t i = 0; i < len; ++i) {  // CRLF inside a quoted field becomes LF
      if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') continue;
      value.push_back(s[i]);
    }
    r->fields.push_back(std::move(value));
  }
  static void on_row_end(int, void* self) { static_cast<CsvReader*>(self)->end_row(); }
};

constexpr unsigned char kCsvOptions = CSV_STRICT | CSV_STRICT_FINI;

struct CsvParser {
  csv_parser p{};
  CsvParser() {
    if (csv_init(&p, kCsvOptions) != 0) throw std::runtime_error("cannot initialise the CSV parser");
  }
  ~CsvParser() { csv_free(&p); }
  CsvParser(const CsvParser&) = delete;
  CsvParser& operator=(const CsvParser&) = delete;
  void reset() {
    csv_free(&p);
    if (csv_init(&p, kCsvOptions) != 0) throw std::runtime_error("cannot initialise the CSV parser");
  }
};

// ---- JSON Lines ------------------------------------------------------------

std::string number_text(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return std::to_string(v);
  return std::string(buf, end);
}

// The text of a scalar JSON value; false for arrays and objects.
bool scalar_text(const boost::json::value& v, std::string& out) {
  switch (v.kind()) {
    case boost::json::kind::string: out.assign(v.get_string().data(), v.get_string().size()); return true;
    case boost::json::kind::bool_: out = v.get_bool() ? "true" : "false"; return true;
    case boost::json::kind::int64: out = std::to_string(v.get_int64()); return true;
    case boost::json::kind::uint64: out = std::to_string(v.get_uint64()); return true;
    case boost::json::kind::double_: out = number_text(v.get_double()); return true;
    case boost::json::kind::null: out.clear(); return true;
    default: return false;
  }
}

const char* kind_name(boost::json::kind k) {
  switch (k) {
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a bool";
    default: return "a number";
  }
}

}  // namespace

Format parse_format(std::string_view name) {
  if (name == "auto") return Format::Auto;
  if (name == "csv") return Format::Csv;
  if (name == "jsonl") return Format::Jsonl;
  throw std::invalid_argument("unknown format '" + std::string(name) + "' (auto, csv or jsonl)");
}

Format detect_format(std::string_view path, std::string_view head) {
  std::string ext = lower(std::filesystem::path(path).extension().string());
  if (ext == ".csv") return Format::Csv;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return Format::Jsonl;
  if (head.starts_with(kBom)) head.remove_prefix(kBom.size());
  head = trim(head);
  return !head.empty() && head.front() == '{' ? Format::Jsonl : Format::Csv;
}

ReadStats read_csv(std::istream& in, std::uint64_t total_bytes, RowHandler& handler) {
  CsvReader r(handler);
  CsvParser parser;
  std::vector<char> buffer(kChunkSize);
  std::size_t line = 1;
  bool prev_cr = false;      // the last byte seen was a CR (so a LF now ends no new line)
  bool skip_to_eol = false;  // dropping the rest of a malformed row's line
  bool first_chunk = true;
  std::uint64_t done = 0;

  while (!r.stop) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::size_t n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    const char* b = buffer.data();
    std::size_t pos = 0;
    if (first_chunk) {
      first_chunk = false;
      if (std::string_view(b, n).starts_with(kBom)) pos = kBom.size();
    }
    // Feed libcsv one line segment at a time, each ending at a CR or LF, so a row
    // can only end at a segment's last byte and we always know the line number.
    while (pos < n && !r.stop) {
      std::size_t end = pos;
      while (end < n && b[end] != '\n' && b[end] != '\r') ++end;
      const bool has_term = end < n;
      const std::size_t seg_end = has_term ? end + 1 : n;
      if (skip_to_eol) {
        skip_to_eol = !has_term;
      } else {
        if (!r.in_row) {
          for (std::size_t i = pos; i < end; ++i) {
            if (b[i] != ' ' && b[i] != '\t') {
              r.in_row = true;
              r.row_line = line;
              break;
            }
          }
        }
        if (r.in_row) {
          const std::size_t len = seg_end - pos;
          const std::size_t used = csv_parse(&parser.p, b + pos, len, &CsvReader::on_field, &CsvReader::on_row_end, &r);
          if (used < len) {
            if (csv_error(&parser.p) != CSV_EPARSE) throw std::runtime_error(csv_strerror(csv_error(&parser.p)));
            std::string message = b[pos + used] == '"'
                                      ? "stray quote (inside a field quotes must be doubled, and only a quoted field may hold one)"
                                      : "unexpected text after a closing quote";
            if (line != r.row_line) message += " on line " + std::to_string(line);
            r.skip_row(message);
            parser.reset();
            skip_to_eol = !has_term;
          }
        }
      }
      if (end > pos) prev_cr = false;
      if (has_term) {
        if (b[end] == '\r' || !prev_cr) ++line;
        prev_cr = b[end] == '\r';
      }
      pos = seg_end;
    }
    done += n;
    if (!r.stop && !handler.on_progress(done, total_bytes)) r.stop = true;
  }
  if (in.bad()) throw ReadError("I/O error");

  if (!r.stop && r.in_row) {
    // Finishes a last row without a line break, or finds its quote never closed.
    if (csv_fini(&parser.p, &CsvReader::on_field, &CsvReader::on_row_end, &r) != 0)
      r.skip_row("unterminated quoted field");
  }
  r.stats.stopped = r.stop;
  return r.stats;
}

ReadStats read_jsonl(std::istream& in, std::uint64_t total_bytes, RowHandler& handler) {
  ReadStats stats;
  std::string text;
  std::size_t line = 0;
  std::uint64_t done = 0, reported = 0;
  boost::json::stream_parser parser;
  auto stop = [&] {
    stats.stopped = true;
    return stats;
  };

  while (std::getline(in, text)) {
    ++line;
    done += text.size() + 1;
    if (done - reported >= kChunkSize) {
      reported = done;
      if (!handler.on_progress(total_bytes ? std::min(done, total_bytes) : done, total_bytes)) return stop();
    }
    std::string_view view = text;
    if (line == 1 && view.starts_with(kBom)) view.remove_prefix(kBom.size());
    view = trim(view);
    if (view.empty()) continue;

    parser.reset();
    boost::system::error_code ec;
    const std::size_t used = parser.write(view.data(), view.size(), ec);
    const bool wrote_all = !ec;  // so a later error means the object was cut short
    if (wrote_all) parser.finish(ec);
    if (ec) {
      ++stats.skipped_rows;
      const std::size_t column = static_cast<std::size_t>(view.data() - text.data()) + used + 1;
      std::string message = ec.message() + (wrote_all ? std::string(" at the end of the line")
                                                      : " at column " + std::to_string(column));
      if (!handler.on_problem(line, message, true)) return stop();
      continue;
    }
    boost::json::value value = parser.release();
    if (!value.is_object()) {
      ++stats.skipped_rows;
      if (!handler.on_problem(line, std::string("expected a JSON object, found ") + kind_name(value.kind()), true))
        return stop();
      continue;
    }

    Row row;
    row.line = line;
    for (const auto& [key, v] : value.get_object()) {
      if (key.empty() || v.is_null()) continue;
      Cell cell;
      cell.column.assign(key.data(), key.size());
      if (v.is_array()) {
        cell.is_list = true;
        bool ok = true;
        for (const boost::json::value& item : v.get_array()) {
          std::string s;
          if (!scalar_text(item, s)) {
            ok = false;
            break;
          }
          if (!item.is_null()) cell.items.push_back(std::move(s));
        }
        if (!ok) {
          if (!handler.on_problem(line, "column " + cell.column + ": a list may hold only strings, numbers and bools",
                                  false))
            return stop();
          continue;
        }
      } else if (!scalar_text(v, cell.text)) {
        if (!handler.on_problem(line, "column " + cell.column + ": nested objects are not supported", false))
          return stop();
        continue;
      }
      row.cells.push_back(std::move(cell));
    }
    ++stats.rows;
    if (!handler.on_row(std::move(row))) return stop();
  }
  if (in.bad()) throw ReadError("I/O error");
  if (!handler.on_progress(total_bytes ? total_bytes : done, total_bytes)) return stop();
  return stats;
}

ReadStats read_file(const std::string& path, Format format, RowHandler& handler) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ReadError("cannot open '" + path + "': " + std::strerror(errno));
  std::error_code size_error;
  const auto size = std::filesystem::file_size(path, size_error);
  const std::uint64_t total = size_error ? 0 : static_cast<std::uint64_t>(size);
  if (format == Format::Auto) {
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    in.clear();
    in.seekg(0);
    format = detect_format(path, head);
  }
  try {
    return format == Format::Jsonl ? read_jsonl(in, total, handler) : read_csv(in, total, handler);
  } catch (const ReadError& e) {
    throw ReadError("cannot read '" + path + "': " + e.what());
  }
}

}  // namespace aj::import
