#!/usr/bin/env bash
# Cross-sell benchmark (docs/benchmarks.md, "Cross-sell: per-line propensity models"): CoIL caravan training time;
# on a book, training one model per product line and scoring every customer for every line the app's way (id ranges
# over several connections, features and logits in Java, COPY into the run's partition, one switch) beside the
# previous one-statement path (INSERT … SELECT with features and logits in SQL) as the baseline, in the same run, and
# checks both give the same scores. It MIGRATES the database and WRITES placements (when there are none), models and
# scores: use a scratch copy, e.g.
#   psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE xsell_bench TEMPLATE book1m"
#   bench/crosssell.sh 'jdbc:postgresql://127.0.0.1:5432/xsell_bench?user=postgres' [TRAIN=../shared/data/coil2000/ticdata2000.txt]
# JAVA_OPTS: -Drounds=2 (app + baseline rounds), -Dworkers=2 (scoring connections), -DjavaBaseline=true (also the
# single-connection cursor + Java + COPY path of 2026-12-02).
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a scratch book}
train=${2:-../shared/data/coil2000/ticdata2000.txt}
mkdir -p bench/results
out="bench/results/crosssell-$(date +%Y%m%d-%H%M%S).txt"
. bench/java-bench.sh
bench_classpath
{
  echo "== crosssell ($(date -Is), $(nproc) cores, git $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+changes'), load $(cut -d' ' -f1-3 /proc/loadavg))"
  # the models read the LIFE_STAGE placements: place the book once if nothing is placed (a fresh copy of book1m)
  java -Xmx512m -cp "$cp" io.insurecrm.segmentation.SegmentBenchmark "$url" fill 2>&1 | grep -v DEBUG
  java -Xmx1g ${JAVA_OPTS:-} -cp "$cp" io.insurecrm.crosssell.CrossSellBenchmark "$url" "$train"
  echo "load at end: $(uptime)"
} | tee "$out"
