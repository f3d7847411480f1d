#include "ajsrc/json.hpp"

#include <autojobagent/plugin.hpp>

#include <boost/json/src.hpp>  // Boost.JSON compiled here, once per plugin

#include <charconv>
#include <cmath>

namespace ajsrc {

boost::json::value parse_json(std::string_view body, std::string_view what) {
  boost::system::error_code ec;
  // A stray Latin-1 byte in one posting must not cost the whole answer: the
  // host turns what is not UTF-8 into U+FFFD when a field is set.
  boost::json::parse_options opt;
  opt.allow_invalid_utf8 = true;
  boost::json::value v = boost::json::parse(boost::json::string_view(body.data(), body.size()), ec, {}, opt);
  if (ec) {
    std::string head(body.substr(0, 80));
    for (char& c : head)
      if (c == '\n' || c == '\r') c = ' ';
    throw aj::SourceError(aj::Outcome::layout_changed,
                          std::string(what) + ": the answer is not JSON (" + ec.message() + "; it begins \"" + head + "\")");
  }
  return v;
}

const boost::json::value* at(const boost::json::value& v, std::string_view path) {
  const boost::json::value* cur = &v;
  while (!path.empty() && cur) {
    auto dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    if (const auto* o = cur->if_object()) {
      auto it = o->find(boost::json::string_view(part.data(), part.size()));
      cur = it == o->end() ? nullptr : &it->value();
    } else if (const auto* a = cur->if_array()) {
      size_t i = 0;
      auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), i);
      cur = (ec == std::errc() && p == part.data() + part.size() && i < a->size()) ? &(*a)[i] : nullptr;
    } else {
      cur = nullptr;
    }
  }
  return cur;
}

std::string str(const boost::json::value* v) {
  if (!v) return "";
  if (const auto* s = v->if_string()) return std::string(s->data(), s->size());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  if (v->is_double()) {
    double d = v->as_double();
    if (!std::isfinite(d)) return "";  // 1e999 reads as infinity: no value a field can hold
    // Only a whole number in int64's range converts (a cast from out of range is undefined).
    if (std::fabs(d) < 9.2e18 && d == std::trunc(d)) return std::to_string(static_cast<int64_t>(d));
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest round-trip form: 4.1, not 4.100000
    return ec == std::errc() ? std::string(buf, end) : std::to_string(d);
  }
  if (v->is_bool()) return v->as_bool() ? "true" : "false";
  return "";
}
std::string str(const boost::json::value& v, std::string_view path) { return str(at(v, path)); }

std::optional<double> num(const boost::json::value* v) {
  if (!v) return std::nullopt;
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  // 1e999 reads as infinity and "nan" as NaN: no amount, count or date a field can hold.
  auto finite = [](double d) { return std::isfinite(d) ? std::optional<double>(d) : std::nullopt; };
  if (v->is_double()) return finite(v->as_double());
  if (const auto* s = v->if_string()) {
    std::string t(s->data(), s->size());
    try {
      size_t used = 0;
      double d = std::stod(t, &used);
      if (used == t.size()) return finite(d);
    } catch (...) {
    }
  }
  return std::nullopt;
}
std::optional<double> num(const boost::json::value& v, std::string_view path) { return num(at(v, path)); }

std::optional<int64_t> to_int64(std::optional<double> d) {
  if (!d || !(std::fabs(*d) < 9.2e18)) return std::nullopt;
  return static_cast<int64_t>(*d);
}

std::optional<bool> boolean(const boost::json::value* v) {
  if (v && v->is_bool()) return v->as_bool();
  return std::nullopt;
}

const boost::json::array* array(const boost::json::value& v, std::string_view path) {
  const auto* x = path.empty() ? &v : at(v, path);
  return x ? x->if_array() : nullptr;
}

std::string quote(std::string_view text) { return boost::json::serialize(boost::json::string(text.data(), text.size())); }

}  // namespace ajsrc
