// The on-disk HTTP cache: round trips, what is not stored, damaged files,
// hash collisions and atomic writes.
#include "http/disk_cache.hpp"

#include "test_util.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace aj::http {
namespace {
namespace fs = std::filesystem;
using aj::test::TempDir;
using namespace std::chrono_literals;
using std::chrono::system_clock;

const system_clock::time_point kT1 = system_clock::from_time_t(1'700'000'000) + 123ms;
const system_clock::time_point kT2 = kT1 + 3600s;

std::string binary_body() {
  std::string b;
  for (int i = 0; i < 3; ++i)
    for (int c = 0; c < 256; ++c) b += static_cast<char>(c);
  b += std::string("\0\0\n\r\n", 5);
  return b;
}

Response ok(std::string body) {
  Response r;
  r.status = 200;
  r.headers = {{"Content-Type", "application/octet-stream"},
               {"ETag", "\"v1\""},
               {"Last-Modified", "Tue, 14 Nov 2023 22:13:20 GMT"},
               {"Set-Cookie", "a=1"},
               {"set-cookie", "b=2"},
               {"X-Bytes", "caf\xE9 \xFF"}};  // not UTF-8
  r.body = std::move(body);
  r.final_url = "https://example.com/final";
  r.attempts = 3;
  return r;
}

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path());
  return out;
}

TEST(DiskCache, RoundTripOfABinaryBody) {
  TempDir tmp;
  DiskCache cache(tmp.path() / "cache");
  const Response r = ok(binary_body());
  ASSERT_TRUE(cache.store("https://example.com/a?b=1", r, kT1));

  auto e = cache.lookup("https://example.com/a?b=1");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->response.status, 200);
  EXPECT_EQ(e->response.body, r.body);
  EXPECT_EQ(e->response.headers, r.headers);
  EXPECT_EQ(e->response.final_url, "https://example.com/final");
  EXPECT_EQ(e->response.attempts, 0);
  EXPECT_EQ(e->response.flags, 0u);
  EXPECT_EQ(e->response.failure, Failure::none);
  EXPECT_EQ(e->stored_at, kT1);
  EXPECT_EQ(e->etag, "\"v1\"");
  EXPECT_EQ(e->last_modified, "Tue, 14 Nov 2023 22:13:20 GMT");
  EXPECT_EQ(cache.last_error(), "");
}

TEST(DiskCache, KeyIsTheExactUrl) {
  TempDir tmp;
  DiskCache cache(tmp.path());
  ASSERT_TRUE(cache.store("https://example.com/a", ok("a"), kT1));
  EXPECT_FALSE(cache.lookup("https://example.com/a/"));
  EXPECT_FALSE(cache.lookup("https://example.com/A"));
  EXPECT_FALSE(cache.lookup("https://example.com/a?"));
  EXPECT_TRUE(cache.lookup("https://example.com/a"));
}

TEST(DiskCache, EmptyBodyAndNoValidators) {
  TempDir tmp;
  DiskCache cache(tmp.path());
  Response r;
  r.status = 200;
  ASSERT_TRUE(cache.store("u", r, kT1));
  auto e = cache.lookup("u");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->response.body, "");
  EXPECT_TRUE(e->response.headers.empty());
  EXPECT_EQ(e->etag, "");
  EXPECT_EQ(e->last_modified, "");
}

TEST(DiskCache, StoreReplacesTheEntry) {
  TempDir tmp;
  DiskCache cache(tmp.path());
  ASSERT_TRUE(cache.store("u", ok("first, and longer"), kT1));
  ASSERT_TRUE(cache.store("u", ok("second"), kT2));
  auto e = cache.lookup("u");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->response.body, "second");
  EXPECT_EQ(e->stored_at, kT2);
}

TEST(DiskCache, NoStoreIsNotStored) {
  TempDir tmp;
  DiskCache cache(tmp.path());
  for (const char* cc : {"no-store", "max-age=0, No-Store", "private,no-store ,max-age=5", " NO-STORE=\"x\""}) {
    Response r = ok("secret");
    r.headers.push_back({"cache-control", cc});
    EXPECT_FALSE(cache.store("u", r, kT1)) << cc;
  }
  Response second = ok("secret");
  second.headers.push_back({"Cache-Control", "max-age=60"});
  second.headers.push_back({"Cache-Control", "no-store"});
  EXPECT_FALSE(cache.store("u", second, kT1));
  EXPECT_FALSE(cache.lookup("u"));
  EXPECT_TRUE(files_under(tmp.path()).empty());

  Response fine = ok("public");
  fine.headers.push_back({"Cache-Control", "no-cache, no-storage, max-age=60"});
  EXPECT_TRUE(cache.store("u", fine, kT1));
}

TEST(DiskCache, OnlyStatus200IsStored) {
  TempDir tmp;
  DiskCache cache(tmp.path());
  for (long status : {0L, 201L, 203L, 204L, 206L, 301L, 304L, 404L, 500L}) {
    Response r = ok("x");
    r.status = status;
    EXPECT_FALSE(cache.store("u", r, kT1)) << status;
  }
  EXPECT_FALSE(cache.lookup("u"));
  EXPECT_TRUE(files_under(tmp.path()).empty());
}

TEST(DiskCache, TouchMovesStoredAtOnly) {
  TempDir tmp;
  DiskCache cache(tmp.path());
  const Response r = ok(binary_body());
  ASSERT_TRUE(cache.store("u", r, kT1));
  cache.touch("u", kT2);
  auto e = cache.lookup("u");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->stored_at, kT2);
  EXPECT_EQ(e->response.body, r.body);
  EXPECT_EQ(e->response.headers, r.headers);
  EXPECT_EQ(e->etag, "\"v1\"");
}

TEST(DiskCache, TouchOfAMissingEntryCreatesNothing) {
  TempDir tmp;
  DiskCache cache(tmp.path());
  cache.touch("never stored", kT2);
  EXPECT_FALSE(cache.lookup("never stored"));
  EXPECT_TRUE(files_under(tmp.path()).empty());
}

TEST(DiskCache, DamagedFilesAreMissesAndRemoved) {
  const std::string body = binary_body();
  auto damage = [&](const std::string& name, auto&& how) {
    TempDir tmp;
    DiskCache cache(tmp.path());
    ASSERT_TRUE(cache.store("u", ok(body), kT1));
    const fs::path p = cache.path_for("u");
    ASSERT_TRUE(fs::exists(p));
    aj::test::write_file(p, how(aj::test::read_file(p)));
    EXPECT_FALSE(cache.lookup("u")) << name;
    EXPECT_FALSE(fs::exists(p)) << name;
    EXPECT_NE(cache.last_error().find("corrupt"), std::string::npos) << name;
    // And the slot works again.
    EXPECT_TRUE(cache.store("u", ok("fresh"), kT2)) << name;
    ASSERT_TRUE(cache.lookup("u")) << name;
    EXPECT_EQ(cache.lookup("u")->response.body, "fresh") << name;
  };
  damage("truncated body", [](std::string f) { return f.substr(0, f.size() - 10); });
  damage("extra bytes", [](std::string f) { return f + "x"; });
  damage("truncated header", [](std::string f) { return f.substr(0, f.find('\n') / 2); });
  damage("empty", [](std::string) { return std::string(); });
  damage("garbage", [](std::string) { return std::string("\x01\x02garbage\n{}"); });
  damage("not an object", [](std::string f) { return "[1,2]" + f.substr(f.find('\n')); });
  damage("header missing a field", [](std::string f) {
    size_t at = f.find("\"etag\"");
    return f.replace(at, 6, "\"eTag\"");
  });
  damage("other format version", [](std::string f) {
    size_t at = f.find("\"v\":1");
    return f.replace(at, 5, "\"v\":9");
  });
}

TEST(DiskCache, HashCollisionIsAMiss) {
  TempDir tmp;
  DiskCache cache(tmp.path());
  const std::string a = "https://example.com/a", b = "https://example.com/b";
  ASSERT_NE(cache.path_for(a), cache.path_for(b));
  ASSERT_TRUE(cache.store(a, ok("body of a"), kT1));
  // As if b hashed to a's name: b's file holds a's entry.
  fs::create_directories(cache.path_for(b).parent_path());
  fs::copy_file(cache.path_for(a), cache.path_for(b));

  EXPECT_FALSE(cache.lookup(b));
  cache.touch(b, kT2);
  ASSERT_TRUE(cache.lookup(a));
  EXPECT_EQ(cache.lookup(a)->stored_at, kT1);
  EXPECT_EQ(aj::test::read_file(cache.path_for(b)), aj::test::read_file(cache.path_for(a)));  // touch left it alone

  ASSERT_TRUE(cache.store(b, ok("body of b"), kT2));  // b takes the slot over
  ASSERT_TRUE(cache.lookup(b));
  EXPECT_EQ(cache.lookup(b)->response.body, "body of b");
  EXPECT_EQ(cache.lookup(a)->response.body, "body of a");
}

TEST(DiskCache, FilesAreNamedByHashAndNoTempFilesRemain) {
  TempDir tmp;
  DiskCache cache(tmp.path());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(cache.store("https://example.com/" + std::to_string(i % 7), ok(binary_body()), kT1));
  for (int i = 0; i < 7; ++i) cache.touch("https://example.com/" + std::to_string(i), kT2);
  const auto files = files_under(tmp.path());
  EXPECT_EQ(files.size(), 7u);
  for (const auto& f : files) {
    const std::string name = f.filename().string();
    EXPECT_EQ(name.size(), 16u) << f;
    EXPECT_EQ(name.find_first_not_of("0123456789abcdef"), std::string::npos) << f;
    EXPECT_EQ(f.parent_path().filename().string(), name.substr(0, 2)) << f;
  }
}

TEST(DiskCache, ALeftoverTempFileDoesNotDisturb) {
  TempDir tmp;
  DiskCache cache(tmp.path());
  ASSERT_TRUE(cache.store("u", ok("whole"), kT1));
  // What a run killed mid-write leaves: a partial file beside the entry.
  const fs::path p = cache.path_for("u");
  aj::test::write_file(p.string() + ".tmp999-0", "{\"v\":1,\"url\":\"u\",\"sta");
  ASSERT_TRUE(cache.lookup("u"));
  EXPECT_EQ(cache.lookup("u")->response.body, "whole");
}

TEST(DiskCache, CreatesItsFolder) {
  TempDir tmp;
  DiskCache cache(tmp.path() / "a" / "b" / "c");
  EXPECT_TRUE(fs::is_directory(tmp.path() / "a" / "b" / "c"));
  EXPECT_EQ(cache.dir(), tmp.path() / "a" / "b" / "c");
  EXPECT_EQ(cache.last_error(), "");
}

TEST(DiskCache, UnusableFolderIsMissesAndFalseNotExceptions) {
  TempDir tmp;
  const fs::path file = tmp.write("not-a-folder", "x");
  DiskCache cache(file / "cache");
  EXPECT_NE(cache.last_error(), "");
  EXPECT_FALSE(cache.store("u", ok("x"), kT1));
  EXPECT_NE(cache.last_error().find("not-a-folder"), std::string::npos);
  EXPECT_FALSE(cache.lookup("u"));
  cache.touch("u", kT2);
}

TEST(DiskCache, ConcurrentUseSeesWholeEntriesOnly) {
  TempDir tmp;
  DiskCache cache(tmp.path());
  const std::string big(200'000, 'b'), small = "s";
  std::vector<std::thread> threads;
  std::atomic<int> bad{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (t % 2 == 0) {
          cache.store("u", ok(i % 2 ? big : small), kT1);
        } else if (auto e = cache.lookup("u"); e && e->response.body != big && e->response.body != small) {
          ++bad;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(bad, 0);
  EXPECT_EQ(files_under(tmp.path()).size(), 1u);
}

}  // namespace
}  // namespace aj::http
