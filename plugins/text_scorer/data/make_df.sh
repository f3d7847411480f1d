#!/bin/sh
# Remakes skill_df.tsv, the document frequencies text_scorer's IDF comes from,
# from the postings of the test fixtures (the labelled set, its hold-out and
# one copy of each de-duplication group). Run it again after changing
# config/skills.yaml or the fixtures, and commit the table with them.
#
# usage: plugins/text_scorer/data/make_df.sh [BUILD_DIR]     (default: build)
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=${1:-$root/build}
cmake --build "$build" --target aj-skill-df
out="$root/plugins/text_scorer/data/skill_df.tsv"
{
  echo "# Postings naming each skill of config/skills.yaml, for text_scorer's IDF (see ../README.md)."
  echo "# Made by make_df.sh from tests/fixtures/labelled/postings.jsonl, tests/fixtures/labelled/holdout.jsonl"
  echo "# and tests/fixtures/dedup/postings.jsonl (one posting per group): a small corpus. Do not edit by hand."
  "$build/bin/aj-skill-df" "$root/config/skills.yaml" \
    "$root/tests/fixtures/labelled/postings.jsonl" \
    "$root/tests/fixtures/labelled/holdout.jsonl" \
    "$root/tests/fixtures/dedup/postings.jsonl"
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out"
