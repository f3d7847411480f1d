#include "http/disk_cache.hpp"

#include "http/fnv.hpp"

#include <boost/json.hpp>

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>

namespace aj::http {
namespace fs = std::filesystem;
namespace json = boost::json;
using std::chrono::system_clock;

namespace {

constexpr int64_t kFormat = 1;  // bumped when the file layout changes; other versions are misses

uint64_t fnv1a64(std::string_view s) {
  Fnv64 h;
  h.bytes(s);
  return h.value();
}

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

// 0 on success, else the errno of the failure (ENOENT for a missing file).
int read_all(const fs::path& p, std::string& out) {
  File f(std::fopen(p.c_str(), "rb"), &std::fclose);
  if (!f) return errno;
  out.clear();
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) out.append(buf, n);
  return std::ferror(f.get()) ? (errno ? errno : EIO) : 0;
}

int write_all(const fs::path& p, std::string_view a, std::string_view b) {
  std::FILE* f = std::fopen(p.c_str(), "wb");
  if (!f) return errno;
  bool ok = std::fwrite(a.data(), 1, a.size(), f) == a.size() && std::fwrite(b.data(), 1, b.size(), f) == b.size();
  int err = ok ? 0 : (errno ? errno : EIO);
  if (std::fclose(f) != 0 && err == 0) err = errno ? errno : EIO;
  return err;
}

bool no_store(const Response& r) {
  for (const Header& h : r.headers) {
    if (!iequals(h.name, "cache-control")) continue;
    std::string_view rest = h.value;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view directive = rest.substr(0, comma);
      rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
      directive = directive.substr(0, directive.find('='));
      while (!directive.empty() && (directive.front() == ' ' || directive.front() == '\t')) directive.remove_prefix(1);
      while (!directive.empty() && (directive.back() == ' ' || directive.back() == '\t')) directive.remove_suffix(1);
      if (iequals(directive, "no-store")) return true;
    }
  }
  return false;
}

const json::string* string_at(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? v->if_string() : nullptr;
}

std::optional<int64_t> int_at(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v) return std::nullopt;
  json::error_code ec;
  auto n = v->to_number<int64_t>(ec);
  if (ec) return std::nullopt;
  return n;
}

std::string text(const json::string& s) { return std::string(s.data(), s.size()); }

// The entry in `file`, or a reason it is not one.
std::optional<DiskCache::Entry> decode(const std::string& file, std::string& url, std::string& why) {
  auto fail = [&](const char* reason) {
    why = reason;
    return std::nullopt;
  };
  size_t eol = file.find('\n');
  if (eol == std::string::npos) return fail("no header line");
  json::parse_options opt;
  opt.allow_invalid_utf8 = true;  // header values are bytes, not always UTF-8
  json::error_code ec;
  json::value v = json::parse(std::string_view(file).substr(0, eol), ec, {}, opt);
  const json::object* o = ec ? nullptr : v.if_object();
  if (!o) return fail("header is not a JSON object");

  auto version = int_at(*o, "v");
  auto status = int_at(*o, "status");
  auto stored_at = int_at(*o, "stored_at");
  auto body_size = int_at(*o, "body_size");
  const json::string *u = string_at(*o, "url"), *final_url = string_at(*o, "final_url"),
                     *etag = string_at(*o, "etag"), *last_modified = string_at(*o, "last_modified");
  const json::value* headers = o->if_contains("headers");
  if (version != kFormat || !status || !stored_at || !body_size || !u || !final_url || !etag || !last_modified ||
      !headers || !headers->is_array())
    return fail("header lacks fields");
  if (static_cast<uint64_t>(*body_size) != file.size() - eol - 1) return fail("body size differs");

  DiskCache::Entry e;
  for (const json::value& h : headers->get_array()) {
    const json::array* pair = h.if_array();
    if (!pair || pair->size() != 2 || !(*pair)[0].is_string() || !(*pair)[1].is_string())
      return fail("bad header");
    e.response.headers.push_back({text((*pair)[0].get_string()), text((*pair)[1].get_string())});
  }
  url = text(*u);
  e.response.status = static_cast<long>(*status);
  e.response.final_url = text(*final_url);
  e.response.body = file.substr(eol + 1);
  e.stored_at = system_clock::time_point(std::chrono::duration_cast<system_clock::duration>(
      std::chrono::milliseconds(*stored_at)));
  e.etag = text(*etag);
  e.last_modified = text(*last_modified);
  return e;
}

}  // namespace

DiskCache::DiskCache(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) last_error_ = "cannot create the HTTP cache folder " + dir_.string() + ": " + ec.message();
}

fs::path DiskCache::path_for(std::string_view url) const {
  char name[17];
  std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(fnv1a64(url)));
  return dir_ / std::string(name, 2) / name;  // 256 subfolders keep folders small
}

std::string DiskCache::last_error() const {
  std::lock_guard lock(mutex_);
  return last_error_;
}

std::optional<DiskCache::Entry> DiskCache::lookup(std::string_view url) const {
  std::lock_guard lock(mutex_);
  return load(url);
}

bool DiskCache::store(std::string_view url, const Response& r, system_clock::time_point now) {
  if (r.status != 200 || no_store(r)) return false;
  std::lock_guard lock(mutex_);
  return write(url, r, now);
}

void DiskCache::touch(std::string_view url, system_clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (auto e = load(url)) write(url, e->response, now);
}

std::optional<DiskCache::Entry> DiskCache::load(std::string_view url) const {
  const fs::path p = path_for(url);
  std::string file;
  if (int err = read_all(p, file)) {
    if (err != ENOENT) last_error_ = "cannot read " + p.string() + ": " + std::generic_category().message(err);
    return std::nullopt;
  }
  std::string stored_url, why;
  auto e = decode(file, stored_url, why);
  if (!e) {
    std::error_code ec;
    fs::remove(p, ec);
    last_error_ = "removed corrupt cache entry " + p.string() + " (" + why + ")";
    return std::nullopt;
  }
  if (stored_url != url) return std::nullopt;  // another URL with the same hash
  return e;
}

bool DiskCache::write(std::string_view url, const Response& r, system_clock::time_point stored_at) {
  json::object h;
  h["v"] = kFormat;
  h["url"] = url;
  h["status"] = static_cast<int64_t>(r.status);
  json::array headers;
  for (const Header& x : r.headers) headers.push_back(json::array{json::string(x.name), json::string(x.value)});
  h["headers"] = std::move(headers);
  h["final_url"] = r.final_url;
  h["stored_at"] = std::chrono::duration_cast<std::chrono::milliseconds>(stored_at.time_since_epoch()).count();
  const std::string* etag = r.header("etag");
  const std::string* last_modified = r.header("last-modified");
  h["etag"] = etag ? *etag : std::string();
  h["last_modified"] = last_modified ? *last_modified : std::string();
  h["body_size"] = static_cast<uint64_t>(r.body.size());
  const std::string header = json::serialize(h) + '\n';

  // Same folder as the entry, so the rename is atomic; pid and counter keep
  // concurrent writers (threads or processes) off each other's files.
  static std::atomic<unsigned> counter{0};
  const fs::path p = path_for(url);
  const fs::path tmp = p.string() + ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  if (ec) {
    last_error_ = "cannot create " + p.parent_path().string() + ": " + ec.message();
    return false;
  }
  if (int err = write_all(tmp, header, r.body)) {
    last_error_ = "cannot write " + tmp.string() + ": " + std::generic_category().message(err);
    fs::remove(tmp, ec);
    return false;
  }
  fs::rename(tmp, p, ec);
  if (ec) {
    last_error_ = "cannot rename " + tmp.string() + " to " + p.string() + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

}  // namespace aj::http
