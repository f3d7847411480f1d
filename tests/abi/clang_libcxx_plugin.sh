#!/usr/bin/env bash
# ABI test: a plugin built by another compiler and standard library (clang +
# libc++), against the installed SDK package only, loads into the gcc-built
# ajhost and does its job in a real pipeline run.
#
# usage: clang_libcxx_plugin.sh <build-dir> <source-dir>
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 <build-dir> <source-dir>" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
AJHOST="$BUILD/bin/ajhost"
EXAMPLE="$SRC/sdk/examples/file_submitter"
CSV="$SRC/tests/fixtures/import/jobspy_export.csv"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

step() { echo "== $*"; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# Runs a command quietly; on failure shows its output and fails naming the step.
run_logged() {
  local what=$1
  shift
  if ! "$@" >"$TMP/log" 2>&1; then
    cat "$TMP/log" >&2
    fail "$what"
  fi
}

for tool in clang clang++ ninja ldd nm python3; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done
[[ -x "$AJHOST" ]] || fail "no host at $AJHOST (build the project first)"
[[ -f "$CSV" ]] || fail "fixture $CSV is missing"

step "install the SDK to $TMP/prefix"
run_logged "cmake --install --component sdk" \
  cmake --install "$BUILD" --component sdk --prefix "$TMP/prefix"

step "configure the example with clang++ and libc++ against the installed SDK"
# Only the installed package may be found: no inherited search paths, no
# package registry.
run_logged "configuring $EXAMPLE" \
  env -u CMAKE_PREFIX_PATH -u AutoJobAgentSDK_DIR -u AutoJobAgentSDK_ROOT CC=clang CXX=clang++ \
  cmake -S "$EXAMPLE" -B "$TMP/example-build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$TMP/prefix" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
  -DCMAKE_CXX_FLAGS=-stdlib=libc++ \
  -DCMAKE_MODULE_LINKER_FLAGS=-stdlib=libc++ \
  -DCMAKE_SHARED_LINKER_FLAGS=-stdlib=libc++
found=$(sed -n 's/^AutoJobAgentSDK_DIR:PATH=//p' "$TMP/example-build/CMakeCache.txt")
[[ "$found" == "$TMP/prefix/"* ]] || fail "the example found the SDK at '$found', not in the installed prefix $TMP/prefix"

step "build the example"
run_logged "building $EXAMPLE" cmake --build "$TMP/example-build" -j2
SO="$TMP/example-build/file_submitter.so"
[[ -f "$SO" ]] || fail "the build made no $SO"

step "check it uses libc++ and exports only aj_plugin_entry_v1"
libs=$(ldd "$SO")
grep -qF 'libc++.so.1' <<<"$libs" || fail "$SO is not linked to libc++.so.1:"$'\n'"$libs"
if grep -qF 'libstdc++' <<<"$libs"; then fail "$SO is linked to libstdc++ too:"$'\n'"$libs"; fi
# __bss_start, _edata and _end are defined by the linker in every shared object.
exported=$(nm -D --defined-only "$SO" | awk '{print $NF}' | grep -vxE '__bss_start|_edata|_end|_init|_fini' || true)
[[ "$exported" == "aj_plugin_entry_v1" ]] || fail "$SO exports more than aj_plugin_entry_v1:"$'\n'"$exported"

export AJ_PLUGIN_PATH="$TMP/example-build"

step "ajhost plugins info file_submitter"
if ! info=$("$AJHOST" plugins info file_submitter 2>&1); then
  echo "$info" >&2
  fail "ajhost plugins info file_submitter exited non-zero"
fi
grep -qF file_submitter <<<"$info" || fail "plugins info does not name file_submitter:"$'\n'"$info"
# -w: "submitter" as a word (the kind), not as part of "file_submitter".
grep -qw submitter <<<"$info" || fail "plugins info does not give the kind 'submitter':"$'\n'"$info"

step "ajhost plugins list --format json"
"$AJHOST" plugins list --format json >"$TMP/plugins.json" || fail "ajhost plugins list --format json exited non-zero"
python3 - "$TMP/plugins.json" "$TMP" <<'EOF' || fail "plugins list does not show file_submitter loaded from $TMP"
import json, os, sys
doc = json.load(open(sys.argv[1]))
plugins = doc["plugins"] if isinstance(doc, dict) else doc
tmp = os.path.realpath(sys.argv[2]) + os.sep
entries = [p for p in plugins if p.get("name") == "file_submitter"]
if len(entries) != 1:
    sys.exit(f"expected one file_submitter entry, found {len(entries)}")
path = os.path.realpath(entries[0].get("path", ""))
if not path.startswith(tmp):
    sys.exit(f"file_submitter path {path!r} is not under {tmp}")
EOF

step "run a pipeline that sends every imported job to file_submitter"
cat >"$TMP/p.yaml" <<EOF
name: abi-check
sources:
  file:
    use: import
    settings: { path: "$CSV" }
submitters:
  example:
    use: file_submitter
    decisions: [apply, review, skip, ""]
    settings: { path: "$TMP/submitted.jsonl" }
EOF
run_logged "ajhost run $TMP/p.yaml" "$AJHOST" run "$TMP/p.yaml" --db "$TMP/jobs.db"
[[ -f "$TMP/submitted.jsonl" ]] || fail "the run wrote no $TMP/submitted.jsonl: file_submitter was never called"

step "check one dry-run line per stored job"
"$AJHOST" jobs list --db "$TMP/jobs.db" --format json >"$TMP/jobs.json" || fail "ajhost jobs list --format json exited non-zero"
python3 - "$TMP/jobs.json" "$TMP/submitted.jsonl" <<'EOF' || fail "submitted.jsonl does not match the stored jobs"
import json, sys
doc = json.load(open(sys.argv[1]))
jobs = doc["jobs"] if isinstance(doc, dict) else doc
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
if not jobs:
    sys.exit("the database holds no jobs: the import found nothing")
if len(lines) != len(jobs):
    sys.exit(f"{len(lines)} lines in submitted.jsonl, {len(jobs)} jobs in the database")
for n, line in enumerate(lines, 1):
    try:
        rec = json.loads(line)
    except ValueError as e:
        sys.exit(f"line {n} is not JSON ({e}): {line}")
    if rec.get("dry_run") is not True:
        sys.exit(f"line {n} is not a dry run: {line}")
print(f"{len(lines)} jobs, {len(lines)} dry-run lines")
EOF

echo "PASS: clang/libc++ plugin built from the installed SDK works in the gcc-built host"
