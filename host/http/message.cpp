#include "http/message.hpp"

namespace aj::http {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

const std::string* find_header(const std::vector<Header>& headers, std::string_view name) {
  for (const auto& h : headers)
    if (iequals(h.name, name)) return &h.value;
  return nullptr;
}

const std::string* Response::header(std::string_view name) const { return find_header(headers, name); }

const char* failure_name(Failure f) {
  switch (f) {
    case Failure::none: return "ok";
    case Failure::transport: return "network error";
    case Failure::too_large: return "body too large";
    case Failure::too_many_redirects: return "too many redirects";
    case Failure::robots: return "disallowed by robots.txt";
    case Failure::circuit_open: return "circuit open";
    case Failure::no_proxy: return "no working proxy";
    case Failure::not_recorded: return "not in the recording";
    case Failure::cancelled: return "cancelled";
    case Failure::invalid: return "invalid request";
  }
  return "?";
}

}  // namespace aj::http
