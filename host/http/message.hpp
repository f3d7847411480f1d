// One HTTP exchange as the host's HTTP service sees it: what a plugin asked
// for and what came back. Plain data, no libcurl: the cache, the recorder and
// the tests use these without pulling in the client.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aj::http {

struct Header {
  std::string name, value;
  bool operator==(const Header&) const = default;
};

/// One part of a multipart/form-data body: in-memory data or a file to upload.
struct Part {
  std::string name;
  std::string data;          // used when file_path is empty
  std::string file_path;     // read by the client when the request is sent
  std::string filename;      // reported to the server; default: basename of file_path
  std::string content_type;  // default: application/octet-stream for files
};

enum class BodyKind { none, raw, form, json, multipart };

/// Request flags (the same bits as AJ_HTTP_* in sdk http.h).
enum : uint32_t {
  kNoCache = 1u << 0,     // neither read nor write the disk cache
  kNoRetry = 1u << 1,     // one attempt only
  kNoRedirect = 1u << 2,  // hand back 3xx responses instead of following them
};

struct Request {
  std::string method = "GET";
  std::string url;  // absolute http(s) URL, query already appended and encoded
  std::vector<Header> headers;
  BodyKind body_kind = BodyKind::none;
  std::string body;          // raw and json bodies; form bodies after encoding
  std::string content_type;  // raw bodies
  std::vector<Part> parts;   // multipart
  std::string session;       // cookie jar within the calling component; empty = its default
  int64_t timeout_ms = 0;    // 0: the configured total timeout
  uint32_t flags = 0;
};

/// Response flags (the same bits as AJ_HTTP_RESPONSE_* in sdk http.h).
enum : uint32_t {
  kFromCache = 1u << 0,    // served from the disk cache without a request
  kRevalidated = 1u << 1,  // the server answered 304 and the cached body was used
  kReplayed = 1u << 2,     // served from a --replay recording
};

/// Why a request ended without a usable HTTP response.
enum class Failure {
  none,            // an HTTP response arrived (any status)
  transport,       // DNS, connect, TLS, reset, timeout ... after the retries
  too_large,       // the body cap was reached (declared or decoded size)
  too_many_redirects,
  robots,          // robots.txt disallows the URL for our user agent
  circuit_open,    // the host's circuit breaker is open
  no_proxy,        // every configured proxy has been taken out
  not_recorded,    // --replay and this request is not in the recording
  cancelled,       // the run is stopping
  invalid,         // the request itself is wrong (bad URL, unreadable upload)
};

struct Response {
  long status = 0;  // HTTP status of the final response; 0 when none arrived
  std::vector<Header> headers;  // of the final response, in order
  std::string body;             // decoded (gzip/deflate/br undone)
  std::string final_url;        // after redirects
  Failure failure = Failure::none;
  std::string error;  // what went wrong and what to do, empty on success
  uint32_t flags = 0;
  int attempts = 0;  // network attempts made (0 for cache hits and replays)

  /// The first header with this name (ASCII case-insensitive), or null.
  const std::string* header(std::string_view name) const;
};

/// Case-insensitive ASCII comparison for header names.
bool iequals(std::string_view a, std::string_view b);

/// The first header with this name (case-insensitive), or null.
const std::string* find_header(const std::vector<Header>& headers, std::string_view name);

/// Text for a failure ("robots.txt disallows", ...), for logs and summaries.
const char* failure_name(Failure f);

}  // namespace aj::http
