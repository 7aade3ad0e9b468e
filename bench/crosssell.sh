#!/usr/bin/env bash
# Cross-sell benchmark (docs/benchmarks.md, "Cross-sell: per-line propensity models"): CoIL caravan training time;
# on a book, training one model per product line and scoring every customer for every line set-based in SQL beside
# the baseline of cursor + Java scoring + COPY. It MIGRATES the database and WRITES models and scores: use a scratch
# copy, e.g.  psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE bench_crosssell TEMPLATE book1m"
#   bench/crosssell.sh 'jdbc:postgresql://127.0.0.1:5432/bench_crosssell?user=postgres' [TRAIN=../shared/data/coil2000/ticdata2000.txt]
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a scratch book}
train=${2:-../shared/data/coil2000/ticdata2000.txt}
mkdir -p bench/results
out="bench/results/crosssell-$(date +%Y%m%d-%H%M%S).txt"
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
{
  echo "== crosssell ($(date -Is), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx1g -cp "$cp" io.insurecrm.crosssell.CrossSellBenchmark "$url" "$train"
} | tee "$out"
