#!/usr/bin/env bash
# Every key figure by every breakdown on a placed book, whole book in scope (docs/benchmarks.md, "Key figures on the
# 1M book"): the year up to today; by VALUE segment also a year that ended a year ago (segments from the placement
# history) beside the current placements; as other roles and as analysts (small-cell counts). Reads only.
#   bench/kpis.sh 'jdbc:postgresql://127.0.0.1:5432/<placed book>?user=postgres' [runs=3]
# A book placed by bench/segmentation.sh <url> fill has placements from today only; to give the past year a history,
# on a scratch copy move them back first:
#   psql -h 127.0.0.1 -U postgres -d <db> -c "update segment_placement set valid_from = valid_from - 800"
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a placed book}
shift
mkdir -p bench/results
out="bench/results/kpis-$(date +%Y%m%d-%H%M%S).txt"
./mvnw -B -q -o test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null 2>&1 \
  || ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
{
  echo "== kpis ($(date -Is), $(nproc) cores, git $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+changes'))"
  echo "load at start: $(uptime)"
  java -Xmx512m -cp "$cp" io.insurecrm.metrics.KpiBenchmark "$url" "$@"
  echo "load at end: $(uptime)"
} | tee "$out"
