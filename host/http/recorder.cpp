#include "http/recorder.hpp"

#include "http/fnv.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace aj::http {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

using Hash = Fnv64;

// Stable names for the recording; failure_name() is prose for people.
const char* failure_key(Failure f) {
  switch (f) {
    case Failure::none: return "none";
    case Failure::transport: return "transport";
    case Failure::too_large: return "too_large";
    case Failure::too_many_redirects: return "too_many_redirects";
    case Failure::robots: return "robots";
    case Failure::circuit_open: return "circuit_open";
    case Failure::no_proxy: return "no_proxy";
    case Failure::not_recorded: return "not_recorded";
    case Failure::cancelled: return "cancelled";
    case Failure::invalid: return "invalid";
  }
  return nullptr;
}

std::optional<Failure> failure_from_key(std::string_view key) {
  // The enumerators run from 0 without gaps, and failure_key names each one.
  for (int i = 0; const char* name = failure_key(static_cast<Failure>(i)); ++i)
    if (key == name) return static_cast<Failure>(i);
  return std::nullopt;
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(ss).str();
}

std::string system_message() { return std::generic_category().message(errno); }

const char kLog[] = "exchanges.jsonl";
const char kReadme[] =
    "Recorded by ajhost run --record; replay with ajhost run --replay DIR (this folder).\n"
    "exchanges.jsonl: one JSON object per HTTP exchange; bodies/: the response bodies, byte for byte.\n";

std::string text(const json::string& s) { return std::string(s.data(), s.size()); }

// One line of exchanges.jsonl, or nullopt with the reason in `why`.
struct Line {
  std::string fingerprint;
  Response response;
  std::string body_file;
};

std::optional<Line> decode(std::string_view line, std::string& why) {
  auto fail = [&](const char* reason) {
    why = reason;
    return std::nullopt;
  };
  json::parse_options opt;
  opt.allow_invalid_utf8 = true;  // headers and error texts are bytes
  json::error_code ec;
  json::value v = json::parse(line, ec, {}, opt);
  const json::object* o = ec ? nullptr : v.if_object();
  if (!o) return fail("not a JSON object");

  auto str = [&](std::string_view key) -> const json::string* {
    const json::value* x = o->if_contains(key);
    return x ? x->if_string() : nullptr;
  };
  const json::string *fp = str("fingerprint"), *url = str("url"), *final_url = str("final_url"),
                     *failure = str("failure"), *error = str("error"), *body_file = str("body_file");
  const json::value* status = o->if_contains("status");
  const json::value* headers = o->if_contains("headers");
  if (!fp || !url || !final_url || !failure || !error || !body_file || !status || !headers || !headers->is_array())
    return fail("fields are missing");

  Line out;
  out.fingerprint = text(*fp);
  out.response.status = static_cast<long>(status->to_number<int64_t>(ec));
  if (ec) return fail("status is not a number");
  auto f = failure_from_key(text(*failure));
  if (!f) return fail("unknown failure");
  out.response.failure = *f;
  out.response.error = text(*error);
  out.response.final_url = text(*final_url);
  for (const json::value& h : headers->get_array()) {
    const json::array* pair = h.if_array();
    if (!pair || pair->size() != 2 || !(*pair)[0].is_string() || !(*pair)[1].is_string())
      return fail("a header is not a [name, value] pair");
    out.response.headers.push_back({text((*pair)[0].get_string()), text((*pair)[1].get_string())});
  }
  // Only files in bodies/: a recording cannot make a replay read elsewhere.
  out.body_file = text(*body_file);
  if (!out.body_file.empty()) {
    std::string_view name = std::string_view(out.body_file).substr(0, 7) == "bodies/"
                                ? std::string_view(out.body_file).substr(7)
                                : std::string_view();
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string_view::npos)
      return fail("body_file is not a file in bodies/");
  }
  return out;
}

}  // namespace

std::string fingerprint(const Request& r) {
  Hash h;
  if (r.body_kind == BodyKind::multipart) {
    for (const Part& p : r.parts) {
      h.field(p.name);
      h.field(p.filename);
      h.field(p.content_type);
      if (p.file_path.empty()) {
        h.field(p.data);
      } else if (auto contents = read_file(p.file_path)) {
        h.field(*contents);
      } else {
        // The client refuses the request anyway; the path keeps it distinct.
        h.field("unreadable file " + p.file_path);
      }
    }
  } else {
    h.field(r.body);
  }
  return r.method + " " + r.url + " " + h.hex();
}

Recorder::Recorder(fs::path dir) : dir_(std::move(dir)), log_(nullptr, &std::fclose) {
  std::error_code ec;
  fs::create_directories(dir_ / "bodies", ec);
  if (ec) throw std::runtime_error("cannot create the recording folder " + dir_.string() + ": " + ec.message());
  const fs::path log = dir_ / kLog;
  log_.reset(std::fopen(log.c_str(), "wbx"));  // "x": fail rather than overwrite
  if (!log_) {
    if (errno == EEXIST)
      throw std::runtime_error(dir_.string() + " already holds a recording (" + kLog +
                               "); record into a new folder or remove that one first");
    throw std::runtime_error("cannot create " + log.string() + ": " + system_message());
  }
  std::ofstream readme(dir_ / "README.txt", std::ios::binary);
  readme << kReadme;
  if (!readme) throw std::runtime_error("cannot write " + (dir_ / "README.txt").string());
}

void Recorder::record(const Request& req, const Response& resp) {
  std::lock_guard lock(mutex_);
  const uint64_t seq = ++seq_;
  std::string body_file;
  if (!resp.body.empty()) {
    char name[40];
    std::snprintf(name, sizeof name, "bodies/%06llu.bin", static_cast<unsigned long long>(seq));
    body_file = name;
    std::ofstream out(dir_ / body_file, std::ios::binary);
    out.write(resp.body.data(), static_cast<std::streamsize>(resp.body.size()));
    out.close();
    if (!out) throw std::runtime_error("cannot write " + (dir_ / body_file).string());
  }

  json::object o;
  o["seq"] = seq;
  o["fingerprint"] = fingerprint(req);
  o["method"] = req.method;
  o["url"] = req.url;
  o["status"] = static_cast<int64_t>(resp.status);
  o["final_url"] = resp.final_url;
  json::array headers;
  for (const Header& x : resp.headers) headers.push_back(json::array{json::string(x.name), json::string(x.value)});
  o["headers"] = std::move(headers);
  o["failure"] = failure_key(resp.failure);
  o["error"] = resp.error;
  o["body_file"] = body_file;
  const std::string line = json::serialize(o) + '\n';
  if (std::fwrite(line.data(), 1, line.size(), log_.get()) != line.size() || std::fflush(log_.get()) != 0)
    throw std::runtime_error("cannot write " + (dir_ / kLog).string() + ": " + system_message());
}

Replayer::Replayer(fs::path dir) : dir_(std::move(dir)) {
  const std::string hint = "; record one with ajhost run --record " + dir_.string();
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) throw std::runtime_error("replay folder " + dir_.string() + " does not exist" + hint);
  const fs::path log = dir_ / kLog;
  if (!fs::exists(log, ec))
    throw std::runtime_error(dir_.string() + " has no recording (" + kLog + ")" + hint);
  std::optional<std::string> text = read_file(log);
  if (!text) throw std::runtime_error("cannot read " + log.string() + ": " + system_message());

  std::string_view rest = *text;
  for (size_t number = 1; !rest.empty(); ++number) {
    const size_t eol = rest.find('\n');
    const bool complete = eol != std::string_view::npos;
    const std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(complete ? eol + 1 : rest.size());
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;

    std::string why;
    std::optional<Line> parsed = decode(line, why);
    if (!parsed && !complete) break;  // the run was killed while writing this line
    if (!parsed) throw std::runtime_error(log.string() + " line " + std::to_string(number) + ": " + why);
    if (!parsed->body_file.empty() && !fs::is_regular_file(dir_ / parsed->body_file, ec))
      throw std::runtime_error(log.string() + " line " + std::to_string(number) + ": " + parsed->body_file +
                               " is missing");
    queues_[parsed->fingerprint].exchanges.push_back(exchanges_.size());
    exchanges_.push_back({std::move(parsed->response), std::move(parsed->body_file)});
  }
}

std::optional<Response> Replayer::next(const Request& req) {
  const std::string fp = fingerprint(req);  // before locking: it may read upload files
  std::lock_guard lock(mutex_);
  auto it = queues_.find(fp);
  if (it == queues_.end()) return std::nullopt;
  Queue& q = it->second;
  const Exchange& e = exchanges_[q.exchanges[std::min(q.served, q.exchanges.size() - 1)]];
  q.served = std::min(q.served + 1, q.exchanges.size());

  Response r = e.response;
  if (!e.body_file.empty()) {
    std::optional<std::string> body = read_file(dir_ / e.body_file);
    if (!body) {
      // Deleted since the recording was opened: say so rather than serve "".
      r = Response();
      r.failure = Failure::not_recorded;
      r.error = "the recording in " + dir_.string() + " lost " + e.body_file;
    } else {
      r.body = std::move(*body);
    }
  }
  r.flags |= kReplayed;
  r.attempts = 0;
  return r;
}

}  // namespace aj::http
