#!/usr/bin/env bash
# CPU cost of sealing claim descriptions and status notes (claim/V90) in the demo book's generator thread, and of
# opening them in a reader, each beside its clear baseline in the same run.
# Usage: bench/claim-text.sh [customers=50000] [rounds=3]   (after ./mvnw -B -q test-compile)
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-50000}
rounds=${2:-3}
out=bench/results/claim-text-$(date -u +%Y%m%dT%H%M%S).txt
{
  echo "== claim texts ($(date -Is), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  java -cp "${CLASSES:-target/test-classes:target/classes}" io.insurecrm.demo.book.ClaimTextSealingBenchmark "$customers" "$rounds"
  echo "-- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
echo "raw output: $out"
