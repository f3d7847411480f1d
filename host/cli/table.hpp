// Plain-text tables for the terminal, sized to the content (and the terminal).
#pragma once

#include <string>
#include <vector>

namespace aj::host {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right_align;  // per column; default left
  /// Columns wider than this are cut with "…" (0: no limit).
  std::size_t max_column_width = 0;

  std::string render() const;
};

/// Display width in terminal cells (code points; no East Asian wide handling).
std::size_t display_width(const std::string& s);
/// Cuts to `width` cells, ending with "…" when cut.
std::string truncate_to(const std::string& s, std::size_t width);
/// True when stdout is a terminal.
bool stdout_is_tty();
/// The terminal's width, or 0 when unknown.
std::size_t terminal_width();

}  // namespace aj::host
