// A source for HTTP service tests: pages through a tab-separated job board on
// the fixture web (id, title, company, location, url per line) with blocking
// or asynchronous requests, the way real sources will.
#include <autojobagent/http.hpp>
#include <autojobagent/plugin.hpp>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

class TestHttpSource final : public aj::Source {
 public:
  static constexpr const char* name = "testhttpsrc";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Reads a paged TSV job board over the host's HTTP service";
  static constexpr aj_config_key config[] = {
      aj::key("base_url", AJ_CFG_STRING, nullptr, true, "the board, e.g. http://127.0.0.1:PORT"),
      aj::key("path", AJ_CFG_STRING, "/board", false, "the listing path; ?page=N is added"),
      aj::key("pages", AJ_CFG_INT, "3", false, "pages to read"),
      aj::key("async", AJ_CFG_BOOL, "false", false, "fetch every page at once with fetch_async"),
  };

  TestHttpSource(aj::Host host, const aj::Config& cfg) : http_(host) {
    base_ = cfg.str_or("base_url", "");
    path_ = cfg.str_or("path", "/board");
    pages_ = cfg.i64("pages").value_or(3);
    async_ = cfg.boolean("async").value_or(false);
  }

  void run(aj::Context& ctx, const aj::Config&) override {
    std::vector<std::optional<aj::HttpResponse>> got(static_cast<size_t>(pages_));
    if (async_) {
      std::mutex m;
      std::condition_variable cv;
      size_t left = got.size();
      for (int64_t p = 1; p <= pages_; ++p) {
        aj::HttpRequest req;
        req.url = base_ + path_;
        req.query = {{"page", std::to_string(p)}};
        bool queued = http_.fetch_async(ctx, req, [&, i = p - 1](aj::HttpResponse r) {
          std::lock_guard lock(m);
          got[static_cast<size_t>(i)].emplace(std::move(r));
          if (--left == 0) cv.notify_one();
        });
        if (!queued) throw aj::Error("testhttpsrc: fetch_async refused");
      }
      std::unique_lock lock(m);
      cv.wait(lock, [&] { return left == 0; });
    } else {
      for (int64_t p = 1; p <= pages_; ++p)
        got[static_cast<size_t>(p - 1)].emplace(http_.get(ctx, base_ + path_, {{"page", std::to_string(p)}}));
    }
    for (auto& r : got) {
      if (!r->ok()) throw aj::Error("testhttpsrc: " + std::string(r->error()), r->result());
      if (r->status() == 404) break;
      if (r->status() != 200) throw aj::Error("testhttpsrc: HTTP " + std::to_string(r->status()) + " from " + std::string(r->url()));
      emit_lines(ctx, r->body());
    }
  }

 private:
  static void emit_lines(aj::Context& ctx, std::string_view body) {
    while (!body.empty()) {
      auto nl = body.find('\n');
      std::string_view line = body.substr(0, nl);
      body = nl == std::string_view::npos ? std::string_view{} : body.substr(nl + 1);
      std::vector<std::string_view> f;
      for (size_t start = 0;;) {
        auto tab = line.find('\t', start);
        f.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      if (f.size() < 5) continue;
      auto job = ctx.new_job();
      job.set(AJ_F_ID, f[0]);
      job.set(AJ_F_TITLE, f[1]);
      job.set(AJ_F_COMPANY, f[2]);
      job.set(AJ_F_LOCATION, f[3]);
      job.set(AJ_F_JOB_URL, f[4]);
      if (!ctx.emit(std::move(job))) return;
    }
  }

  aj::Http http_;
  std::string base_, path_;
  int64_t pages_;
  bool async_;
};

AJ_PLUGIN(TestHttpSource)
