#include "money.hpp"

#include <boost/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace aj::rule_scoring {
namespace {

std::string upper(std::string_view code) {
  std::string out(code);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// Up to `decimals` decimals, without trailing zeros.
std::string trimmed_number(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

// Thousands: whole above 10k ("111k"), one decimal below ("7.5k").
std::string thousands(double amount) { return trimmed_number(amount / 1000, std::fabs(amount) >= 10000 ? 0 : 1); }

}  // namespace

const Rates& default_usd_per_unit() {
  static const Rates rates = {
      {"AUD", 0.66}, {"BRL", 0.18}, {"CAD", 0.72},   {"CHF", 1.13}, {"CNY", 0.14}, {"EUR", 1.08},
      {"GBP", 1.27}, {"HKD", 0.128}, {"INR", 0.012}, {"JPY", 0.0067}, {"MXN", 0.058}, {"NZD", 0.61},
      {"SEK", 0.095}, {"SGD", 0.74}, {"USD", 1.0},
  };
  return rates;
}

void merge_usd_per_unit(Rates& rates, std::string_view text) {
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) throw std::runtime_error("usd_per_unit: expected a map of currency codes to numbers");
  for (const auto& [key, value] : v.get_object()) {
    const std::string code = upper(key);
    if (code.size() != 3) throw std::runtime_error("usd_per_unit." + std::string(key) + ": not an ISO 4217 code");
    if (!value.is_number() || !(value.to_number<double>() > 0))
      throw std::runtime_error("usd_per_unit." + std::string(key) + ": expected a number above 0");
    rates[code] = value.to_number<double>();
  }
}

std::optional<double> per_year(std::string_view interval) {
  static constexpr std::pair<std::string_view, double> kPerYear[] = {
      {"", 1}, {"yearly", 1}, {"monthly", 12}, {"weekly", 52}, {"daily", 260}, {"hourly", 2080}};
  for (const auto& [name, times] : kPerYear)
    if (interval == name) return times;
  return std::nullopt;
}

std::optional<double> convert(double amount, std::string_view from, std::string_view to, const Rates& rates) {
  std::array<char, 3> a{}, b{};
  if (from.size() != 3 || to.size() != 3) return std::nullopt;
  for (std::size_t i = 0; i < 3; ++i) {
    a[i] = static_cast<char>(from[i] >= 'a' && from[i] <= 'z' ? from[i] - 'a' + 'A' : from[i]);
    b[i] = static_cast<char>(to[i] >= 'a' && to[i] <= 'z' ? to[i] - 'a' + 'A' : to[i]);
  }
  if (a == b) return amount;
  auto ra = rates.find(std::string_view(a.data(), 3));
  auto rb = rates.find(std::string_view(b.data(), 3));
  if (ra == rates.end() || rb == rates.end()) return std::nullopt;
  return amount * ra->second / rb->second;
}

std::string amount_text(double amount) {
  if (std::fabs(amount) >= 1000) return thousands(amount) + "k";
  return trimmed_number(amount, 2);
}

std::string range_text(double min, double max) {
  if (amount_text(min) == amount_text(max)) return amount_text(max);
  if (std::fabs(min) >= 1000 && std::fabs(max) >= 1000) return thousands(min) + "-" + thousands(max) + "k";
  return amount_text(min) + "-" + amount_text(max);
}

}  // namespace aj::rule_scoring
