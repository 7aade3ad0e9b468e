#!/usr/bin/env bash
# Segmentation benchmark (docs/benchmarks.md, "Segmentation: value and life stage"): recomputeAll on a migrated book
# (first run, an unchanged second run, the next day) beside recompute(customerId) one by one for a random sample,
# extrapolated. It WRITES placements (truncates segment_placement first): use a scratch book, e.g. one generated with
#   java -jar target/*.jar --server.port=0 --crm.database.data-dir=data/seg-1m --crm.demo.customers=0 --crm.generate.customers=1000000
# and served by the app started on it with --crm.database.port=15444 (then the URL below).
#   bench/segmentation.sh 'jdbc:postgresql://127.0.0.1:15444/postgres?user=postgres&password=postgres' [sample=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a scratch book}
shift
mkdir -p bench/results
out="bench/results/segmentation-$(date +%Y%m%d-%H%M%S).txt"
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
{
  echo "== segmentation ($(date -Is), $(nproc) cores)"
  java -Xmx512m -cp "$cp" io.insurecrm.segmentation.SegmentBenchmark "$url" "$@"
} | tee "$out"
