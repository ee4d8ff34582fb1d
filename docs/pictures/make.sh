#!/usr/bin/env bash
# The README's pictures, made again: the seeds plus a generated corpus in a fresh store, then drawn.
#
#   docs/pictures/make.sh [ARTICLES] [OUT_DIR]     # from the project folder, in its venv (needs contacts[plot])
#
# ARTICLES generated articles (default 3000; benchmarks/corpus.py, seeded, so the same each time),
# pictures written to OUT_DIR (default docs/pictures). tests/test_docs.py runs it with a few articles.
set -euo pipefail
articles=${1:-3000}
out=${2:-docs/pictures}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python -m benchmarks.corpus "$articles" "$work/corpus.jsonl" > /dev/null
contacts ingest seeds/ "$work/corpus.jsonl" --db "$work/pictures.duckdb" --quiet
export CONTACTS_DB="$work/pictures.duckdb"
contacts query "count contacts by year, mode since 2016" --plot "$out/modes-by-year.png" > /dev/null
contacts network "with China since 2022" --plot "$out/china-network.png" > /dev/null
