#!/usr/bin/env bash
# The what-if preview's statement on a placed book (docs/benchmarks.md, "what-if preview without reasons"): each
# dimension with its active rules as the proposal, the statement building every reason beside the segments alone,
# alternated; the two migration matrices compared. Reads only.
#   bench/segment-preview-sql.sh 'jdbc:postgresql://127.0.0.1:5432/<placed book>?user=postgres' [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a placed book}
shift
mkdir -p bench/results
out="bench/results/segment-preview-sql-$(date +%Y%m%d-%H%M%S).txt"
./mvnw -B -q -o test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null 2>&1 \
  || ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
{
  echo "== segment preview sql ($(date -Is), $(nproc) cores, git $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+changes'))"
  echo "load at start: $(uptime)"
  java -Xmx512m -cp "$cp" io.insurecrm.segmentation.PreviewSqlBenchmark "$url" "$@"
  echo "load at end: $(uptime)"
} | tee "$out"
