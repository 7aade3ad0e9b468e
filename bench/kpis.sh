#!/usr/bin/env bash
# Every key figure by every breakdown on a placed book, whole book in scope (docs/benchmarks.md, "Key figures on the
# 1M book"): the year up to today; by VALUE segment also a year that ended a year ago (segments from the placement
# history) beside the current placements; as other roles and as analysts (small-cell counts). Reads only.
#   bench/kpis.sh 'jdbc:postgresql://127.0.0.1:5432/<placed book>?user=postgres' [runs=3]
# By month alone, the per-month loop (old) against the one statement (new), alternated, figures compared (exit 1 if
# they differ); needs no placements (docs/benchmarks.md, "Key figures by month in one statement"):
#   bench/kpis.sh 'jdbc:postgresql://127.0.0.1:5432/<book>?user=postgres' runs=3 months=only
# A book placed by bench/segmentation.sh <url> fill has placements from today only; to give the past year a history,
# on a scratch copy move them back first:
#   psql -h 127.0.0.1 -U postgres -d <db> -c "update segment_placement set valid_from = valid_from - 800"
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a placed book}
shift
. bench/java-bench.sh
run_bench kpis "kpis" io.insurecrm.metrics.KpiBenchmark "$url" "$@"
