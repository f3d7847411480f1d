// file_submitter: an example ATS submitter, built out of tree against the
// installed AutoJobAgent SDK. Instead of applying, it appends one JSON line per
// job to a file: what it would have submitted, in which mode, with which files.
//
// It needs nothing but the SDK headers and the C++ standard library, so it
// builds with any compiler and standard library and loads into any ajhost of
// the same ABI major version.
#include <autojobagent/json.hpp>  // aj::append_json_string
#include <autojobagent/plugin.hpp>

#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace {

// Appends `"key": value` to an object being built in `out` (`null` when the
// job lacks the field).
void append_member(std::string& out, std::string_view key, std::optional<std::string_view> value) {
  if (out.back() != '{') out += ", ";
  aj::append_json_string(out, key);
  out += ": ";
  if (value)
    aj::append_json_string(out, *value);
  else
    out += "null";
}

// A submitter must never act on a mode it does not know: a newer host may add
// modes, and guessing could submit an application nobody approved.
std::string_view mode_name(aj_submit_mode mode) {
  switch (mode) {
    case AJ_SUBMIT_MANUAL: return "manual";
    case AJ_SUBMIT_HYBRID: return "hybrid";
    case AJ_SUBMIT_AUTO: return "auto";
  }
  throw aj::Error("unsupported submit mode " + std::to_string(mode));
}

}  // namespace

class FileSubmitter : public aj::Submitter {
 public:
  static constexpr const char* name = "file_submitter";
  static constexpr const char* version = "1.0.0";
  static constexpr const char* summary = "Writes each application it would submit to a JSON-lines file";

  // The schema: `ajhost validate` checks a pipeline's settings against it and
  // `ajhost plugins info` prints it. Defaults are YAML text.
  static constexpr aj_config_key config[] = {
      aj::key("path", AJ_CFG_STRING, nullptr, true, "file to append one JSON line per job to"),
      aj::key("include_description", AJ_CFG_BOOL, "false", false, "also write the job description"),
  };

  // One instance per worker, created on the main thread. Settings are read
  // once here; a ConfigError becomes AJ_INVALID_CONFIG with this message.
  FileSubmitter(aj::Host /*host*/, const aj::Config& config)
      : path_(config.str_or("path", "")),
        include_description_(config.boolean("include_description").value_or(false)) {
    if (path_.empty()) throw aj::ConfigError("settings.path: a file name is required");
  }

  // [worker] Build the whole line first, then append it in one write.
  void submit(aj::Context& ctx, aj::Job& job, const aj::SubmitRequest& request) override {
    std::string line = "{";
    append_member(line, "job_id", job.str(AJ_F_ID));
    append_member(line, "site", job.str(AJ_F_SITE));
    append_member(line, "title", job.str(AJ_F_TITLE));
    append_member(line, "company", job.str(AJ_F_COMPANY));
    append_member(line, "job_url", job.str(AJ_F_JOB_URL));
    append_member(line, "job_url_direct", job.str(AJ_F_JOB_URL_DIRECT));
    if (include_description_) append_member(line, "description", job.str(AJ_F_DESCRIPTION));
    append_member(line, "mode", mode_name(request.mode));
    line += request.dry_run ? ", \"dry_run\": true" : ", \"dry_run\": false";
    line += ", \"documents\": [";
    for (size_t i = 0; i < request.documents.size(); ++i) {
      if (i > 0) line += ", ";
      aj::append_json_string(line, request.documents[i]);
    }
    line += "]}\n";

    append_line(line);
    ctx.report("outcome", request.dry_run ? "filled" : "submitted");
    ctx.report("artifact", path_);
  }

 private:
  // An instance needs no lock for its own state, but every worker's instance
  // appends to the same file, so the file is guarded by one lock per library.
  void append_line(const std::string& line) const {
    static std::mutex file_mutex;
    std::lock_guard lock(file_mutex);
    std::FILE* out = std::fopen(path_.c_str(), "ab");
    if (!out) throw aj::Error("cannot open " + path_);  // AJ_ERROR: this job fails, the run goes on
    const bool written = std::fwrite(line.data(), 1, line.size(), out) == line.size();
    if (std::fclose(out) != 0 || !written) throw aj::Error("cannot append to " + path_);
  }

  std::string path_;
  bool include_description_;
};

AJ_PLUGIN(FileSubmitter)
