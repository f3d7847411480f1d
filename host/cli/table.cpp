#include "cli/table.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>

namespace aj::host {

std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string truncate_to(const std::string& s, std::size_t width) {
  if (display_width(s) <= width) return s;
  if (width == 0) return {};
  std::string out;
  std::size_t cells = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (cells == width - 1) break;
      ++cells;
    }
    out += s[i];
  }
  return out + "\xE2\x80\xA6";
}

bool stdout_is_tty() { return isatty(STDOUT_FILENO) != 0; }

std::size_t terminal_width() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 0;
}

std::string Table::render() const {
  std::vector<std::size_t> widths(header.size(), 0);
  auto cell = [&](const std::string& s) {
    std::string one = s;
    std::replace(one.begin(), one.end(), '\n', ' ');
    return max_column_width ? truncate_to(one, max_column_width) : one;
  };
  for (std::size_t c = 0; c < header.size(); ++c) widths[c] = display_width(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], display_width(cell(r[c])));
  auto line = [&](const std::vector<std::string>& r) {
    std::string out;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      std::string v = c < r.size() ? cell(r[c]) : "";
      std::string pad(widths[c] - display_width(v), ' ');
      bool right = c < right_align.size() && right_align[c];
      out += right ? pad + v : v + (c + 1 < widths.size() ? pad : "");
      if (c + 1 < widths.size()) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header);
  std::string rule;
  for (std::size_t c = 0; c < widths.size(); ++c) rule += std::string(widths[c], '-') + (c + 1 < widths.size() ? "  " : "");
  out += rule + "\n";
  for (const auto& r : rows) out += line(r);
  return out;
}

}  // namespace aj::host
