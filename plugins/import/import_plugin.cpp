// The import source: postings from a CSV or JSON Lines file with
// python-jobspy's columns (a JobSpy CSV export imports as it is).
#include <set>
#include <string>
#include <type_traits>
#include <variant>

#include "autojobagent/plugin.hpp"
#include "field_mapping.hpp"
#include "jobspy_reader.hpp"

namespace {

using aj::import::MappedRow;
using aj::import::Row;

class ImportSource final : public aj::Source {
 public:
  static constexpr const char* name = "import";
  static constexpr const char* version = "0.1.0";
  static constexpr const char* summary = "Imports postings from a CSV or JSON Lines file with python-jobspy's columns";
  static constexpr std::uint32_t source_flags = AJ_SOURCE_RUNS_ONCE;
  static constexpr aj_config_key config[] = {
      aj::key("path", AJ_CFG_STRING, nullptr, true, "the CSV or JSON Lines file to read"),
      aj::key("format", AJ_CFG_STRING, "auto", false,
              "file format; auto goes by the extension (.csv, .jsonl/.ndjson/.json), else by the first byte",
              "auto|csv|jsonl"),
      aj::key("site", AJ_CFG_STRING, "import", false, "the site of rows that name none"),
      aj::key("max_errors", AJ_CFG_INT, "100", false, "stop with an error once this many rows were bad (at least 1)"),
  };

  ImportSource(aj::Host host, const aj::Config& cfg) : host_(host) {
    path_ = cfg.str_or("path", "");
    if (path_.empty()) throw aj::ConfigError("path: the file to import is required");
    try {
      format_ = aj::import::parse_format(cfg.str_or("format", "auto"));
    } catch (const std::invalid_argument& e) {
      throw aj::ConfigError(std::string("format: ") + e.what());
    }
    site_ = cfg.str_or("site", "import");
    max_errors_ = cfg.i64("max_errors").value_or(100);
    if (max_errors_ < 1) throw aj::ConfigError("max_errors: must be at least 1");
  }

  void run(aj::Context& ctx, const aj::Config&) override {
    Emitter emitter(*this, ctx);
    aj::import::read_file(path_, format_, emitter);
    if (emitter.cancelled) throw aj::Error("import of '" + path_ + "' cancelled", AJ_CANCELLED);
    std::string outcome = std::to_string(emitter.emitted) + " postings imported";
    if (emitter.bad_rows >= static_cast<std::size_t>(max_errors_))
      throw aj::Error(path_ + ": stopped after " + std::to_string(emitter.bad_rows) + " bad rows (max_errors " +
                      std::to_string(max_errors_) + "); " + outcome);
    if (emitter.bad_rows) outcome += ", " + std::to_string(emitter.bad_rows) + " bad rows";
    if (emitter.host_full) outcome += "; stopped early, the run wants no more postings";
    host_.info(path_ + ": " + outcome);
  }

 private:
  // Turns rows into jobs; warns about each problem as file:line: message.
  class Emitter final : public aj::import::RowHandler {
   public:
    Emitter(ImportSource& source, aj::Context& ctx) : s_(source), ctx_(ctx) {}

    bool on_row(Row&& row) override {
      if (ctx_.cancelled()) {
        cancelled = true;
        return false;
      }
      MappedRow mapped = aj::import::map_row(row, s_.site_);
      for (const std::string& problem : mapped.problems)
        if (!bad(row.line, problem)) return false;
      for (const std::string& column : mapped.read_only_columns)
        if (warned_columns_.insert(column).second)
          s_.host_.warn(s_.path_ + ": column " + column + " is kept by the host; ignored");

      aj::NewJob job = ctx_.new_job();
      for (const auto& [field, value] : mapped.fields) {
        std::visit(
            [&, f = field](const auto& v) {
              using V = std::decay_t<decltype(v)>;
              if constexpr (std::is_same_v<V, std::vector<std::string>>) {
                for (const std::string& item : v) job.add(f, item);
              } else {
                job.set(f, v);
              }
            },
            value);
      }
      for (const auto& [key, value] : mapped.extras) job.set_extra(key, value);
      if (!ctx_.emit(std::move(job))) {
        host_full = true;
        return false;
      }
      ++emitted;
      return true;
    }

    bool on_problem(std::size_t line, std::string_view message, bool) override { return bad(line, message); }

    bool on_progress(std::uint64_t done, std::uint64_t total) override {
      ctx_.progress(done, total);
      if (ctx_.cancelled()) cancelled = true;
      return !cancelled;
    }

    std::size_t emitted = 0;
    std::size_t bad_rows = 0;
    bool cancelled = false;
    bool host_full = false;  // emit said the run wants no more jobs

   private:
    // Reports a problem; a row counts once however many problems it has.
    // False once max_errors bad rows were seen.
    bool bad(std::size_t line, std::string_view message) {
      s_.host_.warn(s_.path_ + ":" + std::to_string(line) + ": " + std::string(message));
      if (line != last_bad_line_) {
        ++bad_rows;
        last_bad_line_ = line;
      }
      return bad_rows < static_cast<std::size_t>(s_.max_errors_);
    }

    ImportSource& s_;
    aj::Context& ctx_;
    std::size_t last_bad_line_ = 0;
    std::set<std::string> warned_columns_;
  };

  aj::Host host_;
  std::string path_;
  aj::import::Format format_ = aj::import::Format::Auto;
  std::string site_;
  std::int64_t max_errors_ = 100;
};

}  // namespace

AJ_PLUGIN(ImportSource)
