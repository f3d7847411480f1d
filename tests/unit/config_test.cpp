// Unit tests for the config layer: YAML with marks, extends, env substitution,
// schema checks, diagnostics and host settings.
#include "config/diagnostics.hpp"
#include "config/host_settings.hpp"
#include "config/node.hpp"
#include "config/schema.hpp"

#include "test_util.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include <unistd.h>

namespace aj::host {
namespace {
namespace fs = std::filesystem;

using aj::test::TempDir;

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string all_messages(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d.sorted()) out += x.str() + "\n";
  return out;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::optional<Node> parse(const std::string& text, Diagnostics& d) { return parse_yaml(text, "cfg.yaml", d); }

// ---------------------------------------------------------------- parsing ----

TEST(ParseYaml, SyntaxErrorCarriesFileLineCol) {
  Diagnostics d;
  auto n = parse("a: 1\nb: [1, 2\nc: 3\n", d);
  EXPECT_FALSE(n);
  ASSERT_EQ(d.error_count(), 1u);
  const Diagnostic& e = d.items()[0];
  ASSERT_TRUE(e.mark.file);
  EXPECT_EQ(*e.mark.file, "cfg.yaml");
  EXPECT_GE(e.mark.line, 2);
  EXPECT_LE(e.mark.line, 3);
  EXPECT_GE(e.mark.col, 1);
  EXPECT_EQ(e.str().rfind("cfg.yaml:" + std::to_string(e.mark.line) + ":" + std::to_string(e.mark.col) +
                              ": error: YAML syntax",
                          0),
            0u)
      << e.str();
}

TEST(ParseYaml, BadIndentErrorPointsAtTheLine) {
  Diagnostics d;
  EXPECT_FALSE(parse("a:\n  b: 1\n c: 2\n", d));
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.items()[0].mark.line, 3) << d.items()[0].str();
}

TEST(ParseYaml, MarksOfValuesAreOneBased) {
  Diagnostics d;
  auto n = parse("top:\n  inner: value\nlist:\n  - x\n  - y\n", d);
  ASSERT_TRUE(n) << all_messages(d);
  const MapEntry* e = n->path("top")->entry("inner");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->key_mark.line, 2);
  EXPECT_EQ(e->key_mark.col, 3);
  EXPECT_EQ(e->value.mark.line, 2);
  EXPECT_EQ(e->value.mark.col, 10);
  EXPECT_EQ(n->find("list")->items[1].mark.line, 5);
  EXPECT_EQ(n->find("list")->items[1].mark.where(), "cfg.yaml:5:5");
  EXPECT_EQ(n->path("top.inner")->scalar, "value");
  EXPECT_EQ(n->path("top.nope"), nullptr);
  EXPECT_EQ(n->path("top.inner.deeper"), nullptr);
}

TEST(ParseYaml, DuplicateKeysReportedWithLine) {
  Diagnostics d;
  EXPECT_FALSE(parse("a: 1\nb: 2\na: 3\n", d));
  ASSERT_EQ(d.error_count(), 1u) << all_messages(d);
  EXPECT_EQ(d.items()[0].mark.line, 3);
  EXPECT_EQ(d.items()[0].mark.col, 1);
  EXPECT_NE(d.items()[0].message.find("duplicate key 'a'"), std::string::npos);
  EXPECT_EQ(d.items()[0].str(), "cfg.yaml:3:1: error: duplicate key 'a'");
}

TEST(ParseYaml, NestedDuplicateKeyReportedWithLine) {
  Diagnostics d;
  EXPECT_FALSE(parse("outer:\n  x: 1\n  y: 2\n  x: 3\n", d));
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].mark.where(), "cfg.yaml:4:3");
}

TEST(ParseYaml, QuotedNumberIsAStringPlainIsAnInt) {
  Diagnostics d;
  auto n = parse("a: \"4\"\nb: 4\nc: '4'\nd: true\ne: \"true\"\nf: 2.5\ng: '2.5'\nh: +7\ni: 4x\n", d);
  ASSERT_TRUE(n) << all_messages(d);
  EXPECT_TRUE(n->find("a")->quoted);
  EXPECT_EQ(as_int(*n->find("a")), std::nullopt);
  EXPECT_EQ(as_int(*n->find("b")), std::optional<int64_t>(4));
  EXPECT_EQ(as_int(*n->find("c")), std::nullopt);
  EXPECT_EQ(as_bool(*n->find("d")), std::optional<bool>(true));
  EXPECT_EQ(as_bool(*n->find("e")), std::nullopt);
  EXPECT_EQ(as_float(*n->find("f")), std::optional<double>(2.5));
  EXPECT_EQ(as_float(*n->find("g")), std::nullopt);
  EXPECT_EQ(as_int(*n->find("f")), std::nullopt);
  EXPECT_EQ(as_int(*n->find("h")), std::optional<int64_t>(7));
  EXPECT_EQ(as_int(*n->find("i")), std::nullopt);
}

TEST(ParseYaml, NullForms) {
  Diagnostics d;
  auto n = parse("a:\nb: ~\nc: null\nd: 'null'\n", d);
  ASSERT_TRUE(n);
  EXPECT_TRUE(n->find("a")->is_null());
  EXPECT_TRUE(n->find("b")->is_null());
  EXPECT_TRUE(n->find("c")->is_null());
  EXPECT_TRUE(n->find("d")->is_scalar());
}

TEST(ParseYaml, MissingFileIsAnErrorNamingIt) {
  TempDir t;
  Diagnostics d;
  fs::path missing = t.path() / "nope.yaml";
  EXPECT_FALSE(parse_yaml_file(missing, d));
  ASSERT_TRUE(d.has_errors());
  EXPECT_NE(d.items()[0].str().find(missing.string()), std::string::npos) << d.items()[0].str();
}

// ---------------------------------------------------------------- extends ----

TEST(Extends, RelativePathsDeepMergeChildWinsListsReplaced) {
  TempDir t;
  t.write("common/defaults.yaml",
          "workers:\n"
          "  external: 6\n"
          "from_defaults: 1\n");
  t.write("common/base.yaml",
          "extends: defaults.yaml\n"  // relative to common/
          "workers:\n"
          "  cpu: 10\n"
          "  site: 3\n"
          "sites: [indeed, linkedin, glassdoor]\n"
          "name: base\n");
  fs::path main = t.write("main.yaml",
                          "extends: common/base.yaml\n"
                          "workers:\n"
                          "  cpu: 12\n"
                          "sites: [linkedin]\n"
                          "name: main\n");
  Diagnostics d;
  auto n = load_config(main, d, env_of({}));
  ASSERT_TRUE(n) << all_messages(d);
  EXPECT_FALSE(d.has_errors());
  EXPECT_EQ(n->find("extends"), nullptr);
  EXPECT_EQ(as_int(*n->path("workers.cpu")), std::optional<int64_t>(12));
  EXPECT_EQ(as_int(*n->path("workers.site")), std::optional<int64_t>(3));
  EXPECT_EQ(as_int(*n->path("workers.external")), std::optional<int64_t>(6));
  EXPECT_EQ(n->find("name")->scalar, "main");
  ASSERT_NE(n->find("from_defaults"), nullptr);
  const Node* sites = n->find("sites");
  ASSERT_TRUE(sites && sites->is_seq());
  ASSERT_EQ(sites->items.size(), 1u);
  EXPECT_EQ(sites->items[0].scalar, "linkedin");

  // Marks still name the file each value came from.
  const Node* cpu = n->path("workers.cpu");
  ASSERT_TRUE(cpu->mark.file);
  EXPECT_TRUE(ends_with(*cpu->mark.file, "main.yaml")) << *cpu->mark.file;
  EXPECT_EQ(cpu->mark.line, 3);
  const Node* site = n->path("workers.site");
  EXPECT_TRUE(ends_with(*site->mark.file, "common/base.yaml")) << *site->mark.file;
  EXPECT_EQ(site->mark.line, 4);
  const Node* ext = n->path("workers.external");
  EXPECT_TRUE(ends_with(*ext->mark.file, "common/defaults.yaml")) << *ext->mark.file;
  EXPECT_EQ(ext->mark.line, 2);
  EXPECT_EQ(n->path("workers")->entry("site")->key_mark.line, 4);
  EXPECT_TRUE(ends_with(*n->find("sites")->items[0].mark.file, "main.yaml"));
  // A key overridden by the child points at the child's key.
  EXPECT_TRUE(ends_with(*n->entry("name")->key_mark.file, "main.yaml"));
  EXPECT_EQ(n->entry("name")->key_mark.line, 5);
}

TEST(Extends, ListOfParentsLaterWins) {
  TempDir t;
  t.write("a.yaml", "x: a\ny: a\nm:\n  p: 1\n");
  t.write("b.yaml", "y: b\nm:\n  q: 2\n");
  fs::path main = t.write("main.yaml", "extends: [a.yaml, b.yaml]\nz: main\n");
  Diagnostics d;
  auto n = load_config(main, d, env_of({}));
  ASSERT_TRUE(n) << all_messages(d);
  EXPECT_EQ(n->find("x")->scalar, "a");
  EXPECT_EQ(n->find("y")->scalar, "b");
  EXPECT_EQ(n->find("z")->scalar, "main");
  EXPECT_NE(n->path("m.p"), nullptr);
  EXPECT_NE(n->path("m.q"), nullptr);
}

TEST(Extends, ChildScalarReplacesParentMapAndViceVersa) {
  TempDir t;
  t.write("base.yaml", "a:\n  k: 1\nb: plain\n");
  fs::path main = t.write("main.yaml", "extends: base.yaml\na: now-scalar\nb:\n  k: 2\n");
  Diagnostics d;
  auto n = load_config(main, d, env_of({}));
  ASSERT_TRUE(n) << all_messages(d);
  EXPECT_TRUE(n->find("a")->is_scalar());
  EXPECT_EQ(n->find("a")->scalar, "now-scalar");
  EXPECT_TRUE(n->find("b")->is_map());
}

TEST(Extends, LoopIsAnError) {
  TempDir t;
  t.write("a.yaml", "extends: b.yaml\nx: 1\n");
  t.write("b.yaml", "extends: a.yaml\ny: 1\n");
  Diagnostics d;
  EXPECT_FALSE(load_config(t.path() / "a.yaml", d, env_of({})));
  ASSERT_TRUE(d.has_errors());
  EXPECT_NE(all_messages(d).find("loops"), std::string::npos) << all_messages(d);
}

TEST(Extends, SelfLoopIsAnError) {
  TempDir t;
  fs::path a = t.write("a.yaml", "extends: ./a.yaml\nx: 1\n");
  Diagnostics d;
  EXPECT_FALSE(load_config(a, d, env_of({})));
  EXPECT_NE(all_messages(d).find("loops"), std::string::npos) << all_messages(d);
}

TEST(Extends, DiamondIsNotALoop) {
  TempDir t;
  t.write("root.yaml", "r: 1\n");
  t.write("l.yaml", "extends: root.yaml\nl: 1\n");
  t.write("r.yaml", "extends: root.yaml\nrr: 1\n");
  fs::path main = t.write("main.yaml", "extends: [l.yaml, r.yaml]\n");
  Diagnostics d;
  auto n = load_config(main, d, env_of({}));
  ASSERT_TRUE(n) << all_messages(d);
  EXPECT_NE(n->find("r"), nullptr);
  EXPECT_NE(n->find("l"), nullptr);
  EXPECT_NE(n->find("rr"), nullptr);
}

TEST(Extends, MissingFileIsAnErrorNamingThePath) {
  TempDir t;
  fs::path main = t.write("main.yaml", "name: x\nextends: sub/missing.yaml\n");
  Diagnostics d;
  EXPECT_FALSE(load_config(main, d, env_of({})));
  ASSERT_EQ(d.error_count(), 1u) << all_messages(d);
  const Diagnostic& e = d.items()[0];
  EXPECT_NE(e.message.find((t.path() / "sub/missing.yaml").string()), std::string::npos) << e.str();
  ASSERT_TRUE(e.mark.file);
  EXPECT_EQ(*e.mark.file, main.string());
  EXPECT_EQ(e.mark.line, 2);
}

TEST(Extends, ErrorInParentNamesParentFile) {
  TempDir t;
  fs::path base = t.write("base.yaml", "a: 1\na: 2\n");
  fs::path main = t.write("main.yaml", "extends: base.yaml\n");
  Diagnostics d;
  EXPECT_FALSE(load_config(main, d, env_of({})));
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(*d.items()[0].mark.file, base.string());
  EXPECT_EQ(d.items()[0].mark.line, 2);
}

TEST(Extends, TopLevelMustBeAMapping) {
  TempDir t;
  fs::path main = t.write("main.yaml", "- a\n- b\n");
  Diagnostics d;
  EXPECT_FALSE(load_config(main, d, env_of({})));
  EXPECT_TRUE(d.has_errors());
}

// ---------------------------------------------------------------- env ----

TEST(EnvSubstitution, AllForms) {
  Diagnostics d;
  auto n = parse(
      "plain: ${A}\n"
      "mixed: pre-${A}-post\n"
      "def_unset: ${B:-fallback}\n"
      "def_empty: ${E:-fallback}\n"
      "def_set: ${A:-fallback}\n"
      "def_blank: ${B:-}\n"
      "dollar: $$HOME\n"
      "dollar_brace: $${A}\n"
      "lone: cost $5 and $\n"
      "two: ${A}${C}\n"
      "req_set: ${A:?need A}\n"
      "list:\n  - ${A}\n  - x${C}\n"
      "nested:\n  deep: ${C}\n",
      d);
  ASSERT_TRUE(n) << all_messages(d);
  substitute_env(*n, d, env_of({{"A", "alpha"}, {"C", "gamma"}, {"E", ""}}));
  EXPECT_FALSE(d.has_errors()) << all_messages(d);
  EXPECT_EQ(n->find("plain")->scalar, "alpha");
  EXPECT_EQ(n->find("mixed")->scalar, "pre-alpha-post");
  EXPECT_EQ(n->find("def_unset")->scalar, "fallback");
  EXPECT_EQ(n->find("def_empty")->scalar, "fallback");  // set-but-empty uses the default, as in sh
  EXPECT_EQ(n->find("def_set")->scalar, "alpha");
  EXPECT_EQ(n->find("def_blank")->scalar, "");
  EXPECT_EQ(n->find("dollar")->scalar, "$HOME");
  EXPECT_EQ(n->find("dollar_brace")->scalar, "${A}");
  EXPECT_EQ(n->find("lone")->scalar, "cost $5 and $");
  EXPECT_EQ(n->find("two")->scalar, "alphagamma");
  EXPECT_EQ(n->find("req_set")->scalar, "alpha");
  EXPECT_EQ(n->find("list")->items[0].scalar, "alpha");
  EXPECT_EQ(n->find("list")->items[1].scalar, "xgamma");
  EXPECT_EQ(n->path("nested.deep")->scalar, "gamma");
}

TEST(EnvSubstitution, UnsetPlainVariableWarnsAndIsEmpty) {
  Diagnostics d;
  auto n = parse("a: x${NOPE}y\n", d);
  ASSERT_TRUE(n);
  substitute_env(*n, d, env_of({}));
  EXPECT_EQ(n->find("a")->scalar, "xy");
  EXPECT_FALSE(d.has_errors());
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_TRUE(d.items()[0].warning);
  EXPECT_NE(d.items()[0].message.find("NOPE"), std::string::npos);
}

TEST(EnvSubstitution, RequiredUnsetIsAnErrorWithTheMessage) {
  Diagnostics d;
  auto n = parse("name: x\nkey: ${API_KEY:?set API_KEY to your key}\n", d);
  ASSERT_TRUE(n);
  substitute_env(*n, d, env_of({}));
  ASSERT_EQ(d.error_count(), 1u);
  const Diagnostic& e = d.items()[0];
  EXPECT_NE(e.message.find("set API_KEY to your key"), std::string::npos) << e.str();
  EXPECT_NE(e.message.find("API_KEY"), std::string::npos);
  EXPECT_EQ(e.mark.line, 2);
}

TEST(EnvSubstitution, RequiredSetButEmptyIsAnError) {
  Diagnostics d;
  auto n = parse("key: ${K:?must be set}\n", d);
  ASSERT_TRUE(n);
  substitute_env(*n, d, env_of({{"K", ""}}));
  EXPECT_EQ(d.error_count(), 1u);
}

TEST(EnvSubstitution, UnterminatedIsAnError) {
  Diagnostics d;
  auto n = parse("a: ${OPEN\n", d);
  ASSERT_TRUE(n);
  substitute_env(*n, d, env_of({{"OPEN", "x"}}));
  EXPECT_EQ(d.error_count(), 1u);
}

TEST(EnvSubstitution, SubstitutedValueReadsAsNumberEvenIfQuoted) {
  Diagnostics d;
  auto n = parse("workers: \"${N}\"\nliteral: \"$$5\"\n", d);
  ASSERT_TRUE(n);
  substitute_env(*n, d, env_of({{"N", "8"}}));
  EXPECT_EQ(as_int(*n->find("workers")), std::optional<int64_t>(8));
  EXPECT_EQ(n->find("literal")->scalar, "$5");
  EXPECT_TRUE(n->find("literal")->quoted);  // no ${} substituted: stays a string
}

TEST(EnvSubstitution, AppliedAfterExtendsThroughLoadConfig) {
  TempDir t;
  t.write("base.yaml", "db: ${DATA:-/var/lib}/jobs.db\n");
  fs::path main = t.write("main.yaml", "extends: base.yaml\nuser: ${WHO}\n");
  Diagnostics d;
  auto n = load_config(main, d, env_of({{"WHO", "me"}}));
  ASSERT_TRUE(n) << all_messages(d);
  EXPECT_EQ(n->find("db")->scalar, "/var/lib/jobs.db");
  EXPECT_EQ(n->find("user")->scalar, "me");
}

// ---------------------------------------------------------------- schema ----

SchemaPtr test_schema() {
  return schema::object({
      {"name", schema::string(), true, "the pipeline's name", ""},
      {"workers", schema::integer(1, 64), false, "", ""},
      {"retries", schema::integer(0), false, "", ""},
      {"mode", schema::string({"auto", "gpu", "hybrid", "rule_based"}), false, "", ""},
      {"sites", schema::string_list(), false, "", ""},
      {"weights", schema::map_of(schema::number()), false, "", ""},
      {"enabled", schema::boolean(), false, "", ""},
      {"extra", schema::map(), false, "", ""},
      {"stage", schema::object({{"workers", schema::integer(1, 64), false, "", ""}}), false, "", ""},
  });
}

Diagnostics check_text(const std::string& text) {
  Diagnostics d;
  auto n = parse(text, d);
  EXPECT_TRUE(n) << all_messages(d);
  if (n) check(*n, *test_schema(), "", d);
  return d;
}

TEST(SchemaCheck, ValidDocumentHasNoErrors) {
  Diagnostics d = check_text(
      "name: q\nworkers: 10\nretries: 0\nmode: gpu\nsites: [a, b]\nweights: {title: 30, company: 15.5}\n"
      "enabled: yes\nextra: {anything: [1, 2]}\nstage: {workers: 3}\n");
  EXPECT_FALSE(d.has_errors()) << all_messages(d);
  EXPECT_TRUE(d.items().empty());
}

TEST(SchemaCheck, UnknownKeyWithDidYouMean) {
  Diagnostics d = check_text("name: q\nwokers: 10\n");
  ASSERT_EQ(d.error_count(), 1u) << all_messages(d);
  EXPECT_EQ(d.items()[0].str(), "cfg.yaml:2:1: error: unknown key 'wokers' (did you mean 'workers'?)");
}

TEST(SchemaCheck, UnknownNestedKeyNamesThePath) {
  Diagnostics d = check_text("name: q\nstage:\n  wokers: 3\n");
  ASSERT_EQ(d.error_count(), 1u) << all_messages(d);
  EXPECT_EQ(d.items()[0].mark.where(), "cfg.yaml:3:3");
  EXPECT_NE(d.items()[0].message.find("unknown key 'stage.wokers' (did you mean 'workers'?)"), std::string::npos)
      << d.items()[0].message;
}

TEST(SchemaCheck, UnknownFarOffKeyListsKnownKeys) {
  Diagnostics d = check_text("name: q\nzzzzzzzzzz: 1\n");
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].message.find("did you mean"), std::string::npos);
  EXPECT_NE(d.items()[0].message.find("known keys: name, workers"), std::string::npos) << d.items()[0].message;
}

TEST(SchemaCheck, WrongTypeMessage) {
  Diagnostics d = check_text("name: q\nworkers: ten\n");
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].str(), "cfg.yaml:2:10: error: workers: expected an integer, got 'ten'");
}

TEST(SchemaCheck, QuotedNumberIsNotAnInteger) {
  Diagnostics d = check_text("name: q\nworkers: \"4\"\n");
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_NE(d.items()[0].message.find("expected an integer, got the string \"4\""), std::string::npos)
      << d.items()[0].message;
}

TEST(SchemaCheck, OtherWrongTypes) {
  Diagnostics d = check_text("name: [a]\nenabled: maybe\nweights: {title: high}\nsites: {a: 1}\nstage: 5\n");
  std::string all = all_messages(d);
  EXPECT_EQ(d.error_count(), 5u) << all;
  EXPECT_NE(all.find("name: expected a string, got a list"), std::string::npos) << all;
  EXPECT_NE(all.find("enabled: expected true or false, got 'maybe'"), std::string::npos) << all;
  EXPECT_NE(all.find("weights.title: expected a number, got 'high'"), std::string::npos) << all;
  EXPECT_NE(all.find("sites: expected a list of strings, got a mapping"), std::string::npos) << all;
  EXPECT_NE(all.find("stage: expected a mapping, got '5'"), std::string::npos) << all;
}

TEST(SchemaCheck, IntOutOfRange) {
  Diagnostics d = check_text("name: q\nworkers: 100\nretries: -1\n");
  ASSERT_EQ(d.error_count(), 2u) << all_messages(d);
  auto s = d.sorted();
  EXPECT_NE(s[0].message.find("workers: 100 is out of range; use a value between 1 and 64"), std::string::npos)
      << s[0].message;
  EXPECT_NE(s[1].message.find("retries: -1 is out of range; use a value at least 0"), std::string::npos)
      << s[1].message;
  EXPECT_FALSE(check_text("name: q\nworkers: 64\n").has_errors());
  EXPECT_FALSE(check_text("name: q\nworkers: 1\n").has_errors());
  EXPECT_TRUE(check_text("name: q\nworkers: 0\n").has_errors());
}

TEST(SchemaCheck, ChoicesWithHint) {
  Diagnostics d = check_text("name: q\nmode: hybird\n");
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_EQ(d.items()[0].message,
            "mode: 'hybird' is not one of auto, gpu, hybrid, rule_based (did you mean 'hybrid'?)");
  Diagnostics far = check_text("name: q\nmode: quantum-annealing\n");
  ASSERT_EQ(far.error_count(), 1u);
  EXPECT_EQ(far.items()[0].message.find("did you mean"), std::string::npos);
}

TEST(SchemaCheck, MissingRequiredKey) {
  Diagnostics d = check_text("workers: 3\n");
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_NE(d.items()[0].message.find("top level: missing required key 'name' (the pipeline's name)"),
            std::string::npos)
      << d.items()[0].message;
  // An empty document (null) misses it too.
  Diagnostics e;
  check(Node{}, *test_schema(), "", e);
  EXPECT_EQ(e.error_count(), 1u);
}

TEST(SchemaCheck, StringListAcceptsSingleScalarButNotNestedItems) {
  EXPECT_FALSE(check_text("name: q\nsites: linkedin\n").has_errors());
  Diagnostics d = check_text("name: q\nsites:\n  - a\n  - {b: 1}\n");
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_NE(d.items()[0].message.find("sites[1]: expected a string, got a mapping"), std::string::npos)
      << d.items()[0].message;
  EXPECT_EQ(d.items()[0].mark.line, 4);
}

TEST(SchemaCheck, ReportsEveryProblemNotJustTheFirst) {
  Diagnostics d = check_text("wokers: 1\nmode: x\nenabled: 3\n");
  EXPECT_EQ(d.error_count(), 4u) << all_messages(d);  // unknown key, choice, bool, missing name
}

TEST(SchemaDescribe, Names) {
  EXPECT_EQ(describe(*schema::integer()), "an integer");
  EXPECT_EQ(describe(*schema::number()), "a number");
  EXPECT_EQ(describe(*schema::string_list()), "a list of strings");
  EXPECT_EQ(describe(*schema::object({})), "a mapping");
}

// ---------------------------------------------------------------- to_json ----

TEST(ToJson, ScalarsListsMapsAndNesting) {
  Diagnostics d;
  auto n = parse(
      "a: 1\nb: 2.5\nc: true\nd: \"4\"\ne: [x, 'y', null, -3]\nf: {g: false, h: {i: 0.125}}\nj: ~\nk: 'true'\n"
      "l: []\nm: {}\n",
      d);
  ASSERT_TRUE(n) << all_messages(d);
  EXPECT_EQ(to_json(*n),
            R"({"a":1,"b":2.5,"c":true,"d":"4","e":["x","y",null,-3],"f":{"g":false,"h":{"i":0.125}},)"
            R"("j":null,"k":"true","l":[],"m":{}})");
}

TEST(ToJson, Escaping) {
  Diagnostics d;
  auto n = parse("\"we\\\"ird\\\\key\": \"line1\\nline2\\ttab \\\"q\\\" back\\\\slash\"\n", d);
  ASSERT_TRUE(n) << all_messages(d);
  EXPECT_EQ(to_json(*n), R"({"we\"ird\\key":"line1\nline2\ttab \"q\" back\\slash"})");
  Node s = Node::scalar_of(std::string("ctl\x01", 4));
  EXPECT_EQ(to_json(s), R"("ctl\u0001")");
}

TEST(ToJson, BuiltNodes) {
  Node m = Node::map_of();
  m.set("list", Node::seq_of({"1", "b"}));  // seq_of items are quoted strings
  m.set("n", Node::scalar_of("7", false));
  m.set("n", Node::scalar_of("8", false));  // set replaces
  EXPECT_EQ(to_json(m), R"({"list":["1","b"],"n":8})");
  m.erase("list");
  EXPECT_EQ(to_json(m), R"({"n":8})");
  EXPECT_EQ(to_json(Node{}), "null");
}

TEST(ToJson, LargeIntegersKeepAllDigits) {
  // Regression: integers went through a double and lost digits above 2^53.
  Diagnostics d;
  auto n = parse("id: 9007199254740993\n", d);
  ASSERT_TRUE(n);
  EXPECT_EQ(to_json(*n), R"({"id":9007199254740993})");
}

TEST(ToJson, PlainNanAndInfAreNotNull) {
  // Regression: "nan" and "inf" read as numbers (std::from_chars accepts them)
  // and became null; as words they stay strings.
  Diagnostics d;
  auto n = parse("a: nan\nb: inf\n", d);
  ASSERT_TRUE(n);
  EXPECT_EQ(to_json(*n), R"({"a":"nan","b":"inf"})");
}

// ---------------------------------------------------------- diagnostics ----

TEST(DidYouMean, ClosestWithinDistance) {
  EXPECT_EQ(did_you_mean("wokers", {"sites", "workers", "mode"}), "workers");
  EXPECT_EQ(did_you_mean("site", {"sites", "size"}), "sites");  // first of equally close
  EXPECT_EQ(did_you_mean("plugins_dir", {"plugin_dirs", "db", "log"}), "plugin_dirs");
}

TEST(DidYouMean, FarOffWordsGetNothing) {
  EXPECT_EQ(did_you_mean("database", {"workers", "sites", "mode"}), "");
  EXPECT_EQ(did_you_mean("zzzzzz", {"workers"}), "");
  EXPECT_EQ(did_you_mean("anything", {}), "");
}

TEST(Diagnostics, SortedByFileLineCol) {
  auto a = std::make_shared<const std::string>("a.yaml");
  auto b = std::make_shared<const std::string>("b.yaml");
  Diagnostics d;
  d.error({b, 1, 1}, "b1");
  d.error({a, 10, 2}, "a10");
  d.warn({a, 2, 5}, "a2c5");
  d.error({a, 2, 1}, "a2c1");
  d.error({a, 9, 7}, "a9");
  auto s = d.sorted();
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0].message, "a2c1");
  EXPECT_EQ(s[1].message, "a2c5");
  EXPECT_EQ(s[2].message, "a9");
  EXPECT_EQ(s[3].message, "a10");  // numeric, not lexicographic
  EXPECT_EQ(s[4].message, "b1");
  EXPECT_EQ(d.items()[0].message, "b1");  // items() keeps insertion order
  EXPECT_EQ(d.error_count(), 4u);
  EXPECT_EQ(s[1].str(), "a.yaml:2:5: warning: a2c5");
  EXPECT_EQ(s[0].str(), "a.yaml:2:1: error: a2c1");
}

TEST(Diagnostics, WhereWithUnknownParts) {
  EXPECT_EQ(Mark{}.where(), "<input>");
  EXPECT_EQ((Mark{std::make_shared<const std::string>("f.yaml"), 0, 0}).where(), "f.yaml");
  EXPECT_EQ((Mark{std::make_shared<const std::string>("f.yaml"), 3, 0}).where(), "f.yaml:3");
  Diagnostics d;
  d.warn({}, "w");
  EXPECT_FALSE(d.has_errors());
  Diagnostics e;
  e.error({}, "x");
  d.append(e);
  EXPECT_TRUE(d.has_errors());
  EXPECT_EQ(d.items().size(), 2u);
}

// ---------------------------------------------------------- host settings ----

TEST(HostSettings, RelativePathsAndSourcesBesideIt) {
  TempDir t;
  fs::path host = t.write("conf/host.yaml",
                          "plugin_dirs: [plugins, ../shared/plugins, /opt/aj/plugins]\n"
                          "db: data/jobs.db\n"
                          "log:\n  level: debug\n  file: logs/aj.log\n  max_size_mb: 5\n  max_files: 2\n");
  t.write("conf/sources.yaml", "sources:\n  linkedin: true\n  eluta: false\n  indeed: yes\n");
  Diagnostics d;
  auto hs = load_host_settings(host.string(), d, env_of({}));
  ASSERT_TRUE(hs) << all_messages(d);
  fs::path dir = t.path() / "conf";
  EXPECT_EQ(hs->file, host.string());
  ASSERT_EQ(hs->plugin_dirs.size(), 3u);
  EXPECT_EQ(hs->plugin_dirs[0], (dir / "plugins").lexically_normal().string());
  EXPECT_EQ(hs->plugin_dirs[1], (t.path() / "shared/plugins").lexically_normal().string());
  EXPECT_EQ(hs->plugin_dirs[2], "/opt/aj/plugins");
  EXPECT_EQ(hs->db, (dir / "data/jobs.db").lexically_normal().string());
  EXPECT_EQ(hs->log_level, "debug");
  EXPECT_EQ(hs->log_file, (dir / "logs/aj.log").lexically_normal().string());
  EXPECT_EQ(hs->log_max_size_mb, 5);
  EXPECT_EQ(hs->log_max_files, 2);
  EXPECT_EQ(hs->sources.file, (dir / "sources.yaml").string());
  ASSERT_EQ(hs->sources.enabled.size(), 3u);
  EXPECT_TRUE(hs->sources.enabled.at("linkedin"));
  EXPECT_FALSE(hs->sources.enabled.at("eluta"));
  EXPECT_TRUE(hs->sources.enabled.at("indeed"));
}

TEST(HostSettings, SinglePluginDirScalar) {
  TempDir t;
  fs::path host = t.write("host.yaml", "plugin_dirs: plugins\n");
  Diagnostics d;
  auto hs = load_host_settings(host.string(), d, env_of({}));
  ASSERT_TRUE(hs) << all_messages(d);
  ASSERT_EQ(hs->plugin_dirs.size(), 1u);
  EXPECT_EQ(hs->plugin_dirs[0], (t.path() / "plugins").string());
  EXPECT_TRUE(hs->sources.enabled.empty());  // no sources.yaml beside it
  EXPECT_EQ(hs->sources.file, "");
}

TEST(HostSettings, EnvOverridesDbAndLogLevel) {
  TempDir t;
  fs::path host = t.write("host.yaml", "db: data/jobs.db\nlog:\n  level: debug\n");
  Diagnostics d;
  auto hs = load_host_settings(host.string(), d,
                               env_of({{"AJ_DB", "/elsewhere/x.db"}, {"AJ_LOG_LEVEL", "error"}}));
  ASSERT_TRUE(hs) << all_messages(d);
  EXPECT_EQ(hs->db_env, "/elsewhere/x.db") << "$AJ_DB is kept apart: it beats a pipeline's db too";
  EXPECT_EQ(hs->db, (t.path() / "data/jobs.db").string());
  EXPECT_EQ(hs->log_level, "error");
  // Set-but-empty does not override.
  Diagnostics d2;
  auto hs2 = load_host_settings(host.string(), d2, env_of({{"AJ_DB", ""}}));
  ASSERT_TRUE(hs2);
  EXPECT_EQ(hs2->db_env, "");
  EXPECT_EQ(hs2->db, (t.path() / "data/jobs.db").string());
}

TEST(HostSettings, EnvSubstitutionInsideHostYaml) {
  TempDir t;
  fs::path host = t.write("host.yaml", "db: ${AJ_TEST_DATA:-/fallback}/jobs.db\n");
  Diagnostics d;
  auto hs = load_host_settings(host.string(), d, env_of({{"AJ_TEST_DATA", "/srv/aj"}}));
  ASSERT_TRUE(hs) << all_messages(d);
  EXPECT_EQ(hs->db, "/srv/aj/jobs.db");
}

TEST(HostSettings, UnknownKeyIsAnError) {
  TempDir t;
  fs::path host = t.write("host.yaml", "db: x.db\nplugins_dir: [p]\n");
  Diagnostics d;
  EXPECT_FALSE(load_host_settings(host.string(), d, env_of({})));
  ASSERT_EQ(d.error_count(), 1u) << all_messages(d);
  EXPECT_EQ(*d.items()[0].mark.file, host.string());
  EXPECT_EQ(d.items()[0].mark.line, 2);
  EXPECT_NE(d.items()[0].message.find("did you mean 'plugin_dirs'"), std::string::npos) << d.items()[0].message;
}

TEST(HostSettings, BadLogLevelAndBadSourcesAreErrors) {
  TempDir t;
  fs::path host = t.write("host.yaml", "log:\n  level: verbose\n");
  Diagnostics d;
  EXPECT_FALSE(load_host_settings(host.string(), d, env_of({})));
  EXPECT_TRUE(d.has_errors());

  TempDir u;
  fs::path host2 = u.write("host.yaml", "db: x.db\n");
  fs::path src = u.write("sources.yaml", "sources:\n  linkedin: sometimes\n");
  Diagnostics d2;
  EXPECT_FALSE(load_host_settings(host2.string(), d2, env_of({})));
  ASSERT_TRUE(d2.has_errors());
  EXPECT_EQ(*d2.items()[0].mark.file, src.string());
  EXPECT_EQ(d2.items()[0].mark.line, 2);
}

TEST(HostSettings, NamedSourcesFileMustExist) {
  TempDir t;
  fs::path host = t.write("host.yaml", "sources_file: conf/my-sources.yaml\n");
  Diagnostics d;
  EXPECT_FALSE(load_host_settings(host.string(), d, env_of({})));
  ASSERT_TRUE(d.has_errors());
  EXPECT_NE(all_messages(d).find("my-sources.yaml"), std::string::npos);

  t.write("conf/my-sources.yaml", "sources:\n  glassdoor: false\n");
  Diagnostics d2;
  auto hs = load_host_settings(host.string(), d2, env_of({}));
  ASSERT_TRUE(hs) << all_messages(d2);
  EXPECT_FALSE(hs->sources.enabled.at("glassdoor"));
}

TEST(HostSettings, MissingExplicitFileIsAnError) {
  TempDir t;
  Diagnostics d;
  std::string missing = (t.path() / "nope/host.yaml").string();
  EXPECT_FALSE(load_host_settings(missing, d, env_of({})));
  ASSERT_TRUE(d.has_errors());
  EXPECT_NE(d.items()[0].str().find(missing), std::string::npos);
}

TEST(HostSettings, FoundThroughAjConfigAndXdgElseDefaults) {
  TempDir t;
  fs::path host = t.write("cfg/host.yaml", "db: via-aj-config.db\n");
  Diagnostics d;
  auto hs = load_host_settings("", d, env_of({{"AJ_CONFIG", host.string()}, {"XDG_CONFIG_HOME", t.path().string()}}));
  ASSERT_TRUE(hs) << all_messages(d);
  EXPECT_EQ(hs->db, (t.path() / "cfg/via-aj-config.db").string());

  // No AJ_CONFIG and nothing under XDG_CONFIG_HOME: built-in defaults.
  Diagnostics d2;
  auto defaults = load_host_settings("", d2, env_of({{"XDG_CONFIG_HOME", t.path().string()}}));
  ASSERT_TRUE(defaults) << all_messages(d2);
  EXPECT_EQ(defaults->file, "");
  EXPECT_EQ(defaults->log_level, "info");
  EXPECT_TRUE(defaults->plugin_dirs.empty());

  // $XDG_CONFIG_HOME/autojobagent/host.yaml when present.
  fs::path xdg = t.write("autojobagent/host.yaml", "db: via-xdg.db\n");
  Diagnostics d3;
  auto hs3 = load_host_settings("", d3, env_of({{"XDG_CONFIG_HOME", t.path().string()}}));
  ASSERT_TRUE(hs3) << all_messages(d3);
  EXPECT_EQ(hs3->file, xdg.string());
  EXPECT_EQ(hs3->db, (t.path() / "autojobagent/via-xdg.db").string());
}

TEST(HostSettings, ValidateSettingsFile) {
  TempDir t;
  fs::path good = t.write("sources.yaml", "sources:\n  linkedin: true\n");
  fs::path bad = t.write("bad.yaml", "source:\n  linkedin: true\n");
  Diagnostics d;
  validate_settings_file(good, sources_file_schema(), d, env_of({}));
  EXPECT_FALSE(d.has_errors()) << all_messages(d);
  validate_settings_file(bad, sources_file_schema(), d, env_of({}));
  ASSERT_EQ(d.error_count(), 1u);
  EXPECT_NE(d.items()[0].message.find("did you mean 'sources'"), std::string::npos);
}

}  // namespace
}  // namespace aj::host
