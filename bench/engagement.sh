#!/usr/bin/env bash
# Engagement benchmark (docs/benchmarks.md, "Engagement"): the daily trigger scan over a book (set-based) beside the
# per-customer path for a sample, and outbox throughput to a local stub gateway. It MIGRATES the database and WRITES
# occasions, tasks and messages: use a scratch copy, e.g.
#   psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE bench_engagement TEMPLATE book1m"
#   bench/engagement.sh 'jdbc:postgresql://127.0.0.1:5432/bench_engagement?user=postgres' [sample=1000] [messages=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a scratch copy of a book}
shift
mkdir -p bench/results
out="bench/results/engagement-$(date +%Y%m%d-%H%M%S).txt"
. bench/java-bench.sh
bench_classpath
{
  echo "== engagement ($(date -Is), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx1g -cp "$cp" io.insurecrm.engagement.EngagementBenchmark "$url" "$@"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
