#!/usr/bin/env bash
# Dedupe benchmark (docs/benchmarks.md, "Duplicate customers"): on a scratch copy of the 1M book, plants 2% duplicates
# of three kinds (truth table bench_dedupe_truth), runs the whole-book detection, reports precision and recall of the
# pairs found against the truth and the run time. It WRITES into the database (migrates it, adds customers): never
# point it at book1m.
#   psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE bench_import TEMPLATE book1m"
#   bench/dedupe.sh [jdbc-url=jdbc:postgresql://127.0.0.1:5432/bench_import?user=postgres] [share=0.02] [key file=data/crypto-dev-keys.properties]
# The key file is the development key file the book was loaded with (bench/load-book.sh writes ./data/crypto-dev-keys.properties).
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:-jdbc:postgresql://127.0.0.1:5432/bench_import?user=postgres}
share=${2:-0.02}
keys=${3:-data/crypto-dev-keys.properties}
mkdir -p bench/results
out="bench/results/dedupe-$(date +%Y%m%dT%H%M%S).txt"
. bench/java-bench.sh
bench_classpath
{
  echo "== dedupe ($(date -Is), $(nproc) cores, -Xmx512m, $url)"
  echo "load before: $(uptime | sed 's/.*load average/load average/')"
  /usr/bin/time -f "peak RSS %M KB, wall %e s" java -Xmx512m -cp "$cp" io.insurecrm.importing.DedupeBenchmark "$url" "$share" "$keys"
  echo "load after: $(uptime | sed 's/.*load average/load average/')"
} 2>&1 | tee "$out"
