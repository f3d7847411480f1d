// Record and replay: fingerprints, byte-for-byte bodies, order of repeated
// requests, damaged and missing recordings.
#include "http/recorder.hpp"

#include "test_util.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace aj::http {
namespace {
namespace fs = std::filesystem;
using aj::test::TempDir;

Request get(std::string url) {
  Request r;
  r.url = std::move(url);
  return r;
}

Request post(std::string url, std::string body) {
  Request r;
  r.method = "POST";
  r.url = std::move(url);
  r.body_kind = BodyKind::raw;
  r.body = std::move(body);
  return r;
}

Response response(long status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = {{"Content-Type", "text/html"}, {"X-Raw", "\xFF\xFE"}};
  r.final_url = "https://example.com/final";
  r.attempts = 2;
  return r;
}

std::string all_bytes() {
  std::string b;
  for (int c = 0; c < 256; ++c) b += static_cast<char>(c);
  return b + std::string("\0\r\n\0", 4);
}

// Asserts on the message of the std::runtime_error `f` throws.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no std::runtime_error";
  return "";
}

TEST(Fingerprint, MethodUrlAndBodyHash) {
  const std::string fp = fingerprint(post("https://example.com/api", "{\"q\":1}"));
  ASSERT_EQ(fp.rfind("POST https://example.com/api ", 0), 0u) << fp;
  const std::string hash = fp.substr(fp.rfind(' ') + 1);
  EXPECT_EQ(hash.size(), 16u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(fp, fingerprint(post("https://example.com/api", "{\"q\":1}")));  // stable
  EXPECT_NE(fp, fingerprint(post("https://example.com/api", "{\"q\":2}")));
  EXPECT_NE(fingerprint(get("https://example.com/")), fingerprint(post("https://example.com/", "")));
}

TEST(Fingerprint, HeadersDoNotCount) {
  Request a = get("https://example.com/"), b = a;
  b.headers.push_back({"Accept", "text/html"});
  b.flags = kNoCache;
  EXPECT_EQ(fingerprint(a), fingerprint(b));
}

TEST(Fingerprint, MultipartHashesFileContentsNotPaths) {
  TempDir tmp;
  auto multipart = [](std::string path) {
    Request r = post("https://example.com/upload", "");
    r.body_kind = BodyKind::multipart;
    r.parts.push_back({"name", "Ada", "", "", ""});
    r.parts.push_back({"cv", "", std::move(path), "cv.pdf", "application/pdf"});
    return r;
  };
  const fs::path one = tmp.write("one/cv.pdf", "version 1");
  const fs::path other = tmp.write("other/cv.pdf", "version 1");
  const std::string first = fingerprint(multipart(one));
  EXPECT_EQ(first, fingerprint(multipart(other)));

  aj::test::write_file(one, "version 2");
  EXPECT_NE(first, fingerprint(multipart(one)));

  Request renamed = multipart(other);
  renamed.parts[1].filename = "resume.pdf";
  EXPECT_NE(first, fingerprint(renamed));
  Request retyped = multipart(other);
  retyped.parts[1].content_type = "text/plain";
  EXPECT_NE(first, fingerprint(retyped));
  Request redata = multipart(other);
  redata.parts[0].data = "Grace";
  EXPECT_NE(first, fingerprint(redata));
  // Field boundaries count: ("ab", "c") is not ("a", "bc").
  Request shifted = multipart(other);
  shifted.parts[0].name = "nam";
  shifted.parts[0].data = "eAda";
  EXPECT_NE(first, fingerprint(shifted));
}

TEST(Recorder, RecordsAndReplaysByteForByte) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "rec";
  Response failure;
  failure.failure = Failure::transport;
  failure.error = "connection refused by 127.0.0.1:9; is the site down?";
  failure.attempts = 4;
  {
    Recorder rec(dir);
    rec.record(get("https://example.com/jobs"), response(200, "<html>jobs</html>"));
    rec.record(get("https://example.com/logo.png"), response(200, all_bytes()));
    rec.record(get("https://down.example.com/"), failure);
  }
  EXPECT_TRUE(fs::exists(dir / "README.txt"));
  EXPECT_EQ(aj::test::read_file(dir / "bodies" / "000002.bin"), all_bytes());
  EXPECT_FALSE(fs::exists(dir / "bodies" / "000003.bin"));  // empty bodies have no file
  EXPECT_EQ(aj::test::lines(aj::test::read_file(dir / "exchanges.jsonl")).size(), 3u);

  Replayer replay(dir);
  EXPECT_EQ(replay.size(), 3u);
  auto png = replay.next(get("https://example.com/logo.png"));  // any order
  ASSERT_TRUE(png);
  EXPECT_EQ(png->body, all_bytes());
  EXPECT_EQ(png->status, 200);
  EXPECT_EQ(png->headers, response(200, "").headers);
  EXPECT_EQ(png->final_url, "https://example.com/final");
  EXPECT_EQ(png->flags, kReplayed);
  EXPECT_EQ(png->attempts, 0);
  EXPECT_EQ(png->failure, Failure::none);

  auto jobs = replay.next(get("https://example.com/jobs"));
  ASSERT_TRUE(jobs);
  EXPECT_EQ(jobs->body, "<html>jobs</html>");

  auto down = replay.next(get("https://down.example.com/"));
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 0);
  EXPECT_EQ(down->failure, Failure::transport);
  EXPECT_EQ(down->error, failure.error);
  EXPECT_EQ(down->body, "");
  EXPECT_EQ(down->flags, kReplayed);
  EXPECT_EQ(down->attempts, 0);

  EXPECT_FALSE(replay.next(get("https://example.com/never")));
}

TEST(Recorder, EveryFailureSurvivesTheRoundTrip) {
  TempDir tmp;
  const Failure all[] = {Failure::none,         Failure::transport, Failure::too_large,   Failure::too_many_redirects,
                         Failure::robots,       Failure::circuit_open, Failure::no_proxy, Failure::not_recorded,
                         Failure::cancelled,    Failure::invalid};
  {
    Recorder rec(tmp.path());
    for (Failure f : all) {
      Response r;
      r.failure = f;
      r.error = failure_name(f);
      rec.record(get("https://e.com/" + std::string(failure_name(f))), r);
    }
  }
  Replayer replay(tmp.path());
  for (Failure f : all) {
    auto r = replay.next(get("https://e.com/" + std::string(failure_name(f))));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->failure, f) << failure_name(f);
  }
}

TEST(Recorder, RepeatedRequestsReplayInOrderThenRepeatTheLast) {
  TempDir tmp;
  {
    Recorder rec(tmp.path());
    rec.record(get("https://e.com/poll"), response(200, "1"));
    rec.record(get("https://e.com/other"), response(200, "x"));
    rec.record(get("https://e.com/poll"), response(200, "2"));
    rec.record(get("https://e.com/poll"), response(503, "3"));
  }
  Replayer replay(tmp.path());
  std::string seen;
  for (int i = 0; i < 5; ++i) seen += replay.next(get("https://e.com/poll"))->body;
  EXPECT_EQ(seen, "12333");
  EXPECT_EQ(replay.next(get("https://e.com/poll"))->status, 503);
  EXPECT_EQ(replay.next(get("https://e.com/other"))->body, "x");
  EXPECT_EQ(replay.next(get("https://e.com/other"))->body, "x");
}

TEST(Recorder, PostBodiesTellRequestsApart) {
  TempDir tmp;
  {
    Recorder rec(tmp.path());
    rec.record(post("https://e.com/search", "q=c++"), response(200, "C++ jobs"));
    rec.record(post("https://e.com/search", "q=rust"), response(200, "Rust jobs"));
  }
  Replayer replay(tmp.path());
  EXPECT_EQ(replay.next(post("https://e.com/search", "q=rust"))->body, "Rust jobs");
  EXPECT_EQ(replay.next(post("https://e.com/search", "q=c++"))->body, "C++ jobs");
  EXPECT_FALSE(replay.next(post("https://e.com/search", "q=go")));
  EXPECT_FALSE(replay.next(get("https://e.com/search")));
}

TEST(Recorder, ATruncatedLastLineIsIgnored) {
  TempDir tmp;
  {
    Recorder rec(tmp.path());
    rec.record(get("https://e.com/1"), response(200, "one"));
    rec.record(get("https://e.com/2"), response(200, "two"));
  }
  const fs::path log = tmp.path() / "exchanges.jsonl";
  const std::string whole = aj::test::read_file(log);
  // A third line cut short, as a killed run leaves it.
  aj::test::write_file(log, whole + "{\"seq\":3,\"fingerprint\":\"GET https://e.com/3 ");
  Replayer replay(tmp.path());
  EXPECT_EQ(replay.size(), 2u);
  EXPECT_EQ(replay.next(get("https://e.com/2"))->body, "two");

  // A complete last line that only lacks its newline still counts.
  aj::test::write_file(log, whole.substr(0, whole.size() - 1));
  EXPECT_EQ(Replayer(tmp.path()).size(), 2u);
}

TEST(Recorder, ADamagedLineInTheMiddleIsAnError) {
  TempDir tmp;
  {
    Recorder rec(tmp.path());
    rec.record(get("https://e.com/1"), response(200, "one"));
    rec.record(get("https://e.com/2"), response(200, "two"));
  }
  const fs::path log = tmp.path() / "exchanges.jsonl";
  const auto lines = aj::test::lines(aj::test::read_file(log));
  aj::test::write_file(log, lines[0] + "\n{\"seq\":2,\"fing\n" + lines[1] + "\n");
  const std::string msg = error_of([&] { Replayer r(tmp.path()); });
  EXPECT_NE(msg.find("exchanges.jsonl line 2"), std::string::npos) << msg;
}

TEST(Recorder, AMissingBodyFileIsAnError) {
  TempDir tmp;
  {
    Recorder rec(tmp.path());
    rec.record(get("https://e.com/1"), response(200, "one"));
  }
  fs::remove(tmp.path() / "bodies" / "000001.bin");
  const std::string msg = error_of([&] { Replayer r(tmp.path()); });
  EXPECT_NE(msg.find("bodies/000001.bin"), std::string::npos) << msg;
}

TEST(Recorder, BodyFilesOutsideTheRecordingAreRefused) {
  TempDir tmp;
  const std::string outside = tmp.write("secret.txt", "secret").string();
  tmp.write("rec/exchanges.jsonl",
            "{\"seq\":1,\"fingerprint\":\"GET u 0\",\"method\":\"GET\",\"url\":\"u\",\"status\":200,"
            "\"final_url\":\"u\",\"headers\":[],\"failure\":\"none\",\"error\":\"\",\"body_file\":\"bodies/../../"
            "secret.txt\"}\n");
  const std::string msg = error_of([&] { Replayer r(tmp.path() / "rec"); });
  EXPECT_NE(msg.find("line 1"), std::string::npos) << msg;
}

TEST(Recorder, RefusesToRecordOverARecording) {
  TempDir tmp;
  {
    Recorder rec(tmp.path());
    rec.record(get("https://e.com/1"), response(200, "one"));
  }
  const std::string before = aj::test::read_file(tmp.path() / "exchanges.jsonl");
  const std::string msg = error_of([&] { Recorder again(tmp.path()); });
  EXPECT_NE(msg.find(tmp.path().string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("already holds a recording"), std::string::npos) << msg;
  EXPECT_EQ(aj::test::read_file(tmp.path() / "exchanges.jsonl"), before);
  EXPECT_EQ(aj::test::read_file(tmp.path() / "bodies" / "000001.bin"), "one");
}

TEST(Recorder, CannotCreateTheFolder) {
  TempDir tmp;
  const fs::path file = tmp.write("a-file", "x");
  const std::string msg = error_of([&] { Recorder rec(file / "rec"); });
  EXPECT_NE(msg.find((file / "rec").string()), std::string::npos) << msg;
}

TEST(Replayer, MissingFolderSaysHowToRecord) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "nowhere";
  const std::string msg = error_of([&] { Replayer r(dir); });
  EXPECT_NE(msg.find(dir.string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("ajhost run --record " + dir.string()), std::string::npos) << msg;
}

TEST(Replayer, FolderWithoutARecordingSaysSo) {
  TempDir tmp;
  const std::string msg = error_of([&] { Replayer r(tmp.path()); });
  EXPECT_NE(msg.find(tmp.path().string() + " has no recording (exchanges.jsonl)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("ajhost run --record " + tmp.path().string()), std::string::npos) << msg;
}

TEST(Replayer, EmptyRecordingReplaysNothing) {
  TempDir tmp;
  { Recorder rec(tmp.path()); }
  Replayer replay(tmp.path());
  EXPECT_EQ(replay.size(), 0u);
  EXPECT_FALSE(replay.next(get("https://e.com/")));
}

TEST(Replayer, ABodyFileDeletedAfterOpeningIsReportedNotServedEmpty) {
  TempDir tmp;
  {
    Recorder rec(tmp.path());
    rec.record(get("https://e.com/1"), response(200, "one"));
  }
  Replayer replay(tmp.path());
  fs::remove(tmp.path() / "bodies" / "000001.bin");
  auto r = replay.next(get("https://e.com/1"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->failure, Failure::not_recorded);
  EXPECT_NE(r->error.find("000001.bin"), std::string::npos) << r->error;
  EXPECT_EQ(r->flags, kReplayed);
}

}  // namespace
}  // namespace aj::http
