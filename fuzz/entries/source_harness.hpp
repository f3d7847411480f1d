// Runs a source plugin through the plugin ABI as ajhost does, against a fake
// HTTP service that answers each request with the next part of the fuzz input,
// and reads back every job it emits as the engine would (key, extras, filters).
#pragma once

#include <autojobagent/plugin.h>

#include <string_view>
#include <vector>

namespace aj::fuzz {

/// Parts of an input are separated by this line; a part that starts with
/// "HTTP/NNN\n" is answered with status NNN (else 200).
inline constexpr std::string_view kSeparator = "\n%%\n";
std::vector<std::string_view> split_parts(std::string_view input);

/// Creates an instance of the source `entry` returns with `settings` (YAML),
/// runs one `query` (YAML) whose HTTP requests get the parts of `input` in
/// order (then a network failure), and destroys the instance. A failed query
/// is a fine answer to bad input; a crash is not.
void run_source(aj_plugin_entry_fn entry, std::string_view settings, std::string_view query, std::string_view input);

/// Points the SDK's C++ layer at the host's table (without logging), so that
/// parsers which fill an aj::NewJob run without a plugin around them.
void use_host_api();

}  // namespace aj::fuzz
