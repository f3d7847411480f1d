// Reads job postings from CSV or JSON Lines files with python-jobspy's column
// names. Knows nothing of the plugin ABI: it hands rows, problems and progress
// to a RowHandler, so it can be tested without a host.
#ifndef AJ_PLUGINS_IMPORT_JOBSPY_READER_HPP
#define AJ_PLUGINS_IMPORT_JOBSPY_READER_HPP

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aj::import {

enum class Format { Auto, Csv, Jsonl };

/// The file cannot be opened or read (malformed content is reported, not thrown).
class ReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// "auto" | "csv" | "jsonl"; throws std::invalid_argument otherwise.
Format parse_format(std::string_view name);

/// The format of `path` by its extension (.csv; .jsonl, .ndjson, .json), else
/// by the first non-space byte of `head` ('{' means JSON Lines, anything else CSV).
Format detect_format(std::string_view path, std::string_view head);

/// One cell of a row. A JSON array comes as `items` with is_list set; every
/// other value as `text` (numbers as written in shortest form, bools as
/// "true"/"false"). CSV cells are always text.
struct Cell {
  std::string column;
  std::string text;
  std::vector<std::string> items;
  bool is_list = false;
};

/// One row, cells in column order. `line` is the 1-based line where it starts.
struct Row {
  std::size_t line = 0;
  std::vector<Cell> cells;
};

/// Receives what the reader finds. Returning false from any call stops reading.
class RowHandler {
 public:
  virtual ~RowHandler() = default;
  virtual bool on_row(Row&& row) = 0;
  /// A problem at `line`. `row_skipped` is true when the whole row was dropped,
  /// false when only one cell was (a JSON value of an unsupported kind).
  virtual bool on_problem(std::size_t line, std::string_view message, bool row_skipped) = 0;
  /// Bytes consumed so far out of `total` (0 when unknown). Called every 64 KiB or so.
  virtual bool on_progress(std::uint64_t done, std::uint64_t total) {
    (void)done;
    (void)total;
    return true;
  }
};

struct ReadStats {
  std::size_t rows = 0;          ///< rows handed to on_row
  std::size_t skipped_rows = 0;  ///< rows dropped as malformed
  bool stopped = false;          ///< stopped early: the handler asked, or the CSV header was malformed
};

/// CSV (RFC 4180): a header row names the columns; quoted fields may hold
/// commas, doubled quotes and line breaks; LF or CRLF line ends; a UTF-8 BOM is
/// skipped. A row whose cell count differs from the header's, a stray quote or
/// text after a closing quote drops that row (reported with the line it starts
/// on); an unterminated quoted field is reported at the line it opens. Columns
/// with an empty header name are left out of the rows.
ReadStats read_csv(std::istream& in, std::uint64_t total_bytes, RowHandler& handler);

/// JSON Lines: one JSON object per line; blank lines are skipped. A line that
/// does not parse, or is not an object, is reported and skipped. Values may be
/// strings, numbers, bools, null (left out) or arrays of scalars; a nested
/// object is reported and that cell left out.
ReadStats read_jsonl(std::istream& in, std::uint64_t total_bytes, RowHandler& handler);

/// Opens `path` and reads it in `format` (Auto resolved with detect_format).
/// Throws ReadError when the file cannot be opened or read; exceptions thrown
/// by the handler pass through.
ReadStats read_file(const std::string& path, Format format, RowHandler& handler);

}  // namespace aj::import

#endif
