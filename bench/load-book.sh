#!/usr/bin/env bash
# Generate and load a book of N customers (default 1,000,000), then COPY the same rows plainly for comparison.
#
#   bench/load-book.sh [customers]
#
# Environment:
#   SEED=20261122                  the generator's seed
#   BENCH_DATABASE_URL=jdbc:...    load into this PostgreSQL (its book tables are emptied first!) instead of a fresh,
#                                  temporary embedded PostgreSQL that is removed afterwards
#   BENCH_HEAP=512m                the JVM's maximum heap (the loader streams: the heap stays flat)
#   KEEP_ROWS=1                    keep the dumped row files (bench/results/.../rows, about 1.3 GB per million customers)
set -euo pipefail

customers="${1:-1000000}"
seed="${SEED:-20261122}"
heap="${BENCH_HEAP:-512m}"
cd "$(dirname "$0")/.."

jar=target/insurecrm-0.1.0-SNAPSHOT.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]]; then
    echo "Building $jar"
    ./mvnw -B -q package -DskipTests
fi

out="bench/results/load-book-${customers}-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out/rows"
chmod 777 "$out" "$out/rows"

if [[ -n "${BENCH_DATABASE_URL:-}" ]]; then
    database=(--spring.datasource.url="$BENCH_DATABASE_URL" --crm.generate.replace=true)
    where="$BENCH_DATABASE_URL"
else
    database=(--crm.database.data-dir= --crm.database.port=0)
    where="fresh temporary embedded PostgreSQL"
fi

{
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(free -g | awk '/Mem:/ {print $2}') GB RAM"
    echo "java: $(java -version 2>&1 | head -1), -Xmx$heap"
    echo "database: $where"
    echo "command: bench/load-book.sh $customers (SEED=$seed)"
} | tee "$out/summary.txt"

java -Xmx"$heap" -jar "$jar" \
    --server.port=0 \
    --crm.demo.customers=0 --crm.demo.staff-users=false \
    --crm.generate.customers="$customers" --crm.generate.seed="$seed" \
    --crm.generate.bench-dir="$PWD/$out/rows" \
    "${database[@]}" > "$out/run.log" 2>&1 || { tail -40 "$out/run.log"; exit 1; }

grep -o 'BOOK .*' "$out/run.log" | sed 's/^BOOK //' | tee -a "$out/summary.txt"
[[ "${KEEP_ROWS:-0}" == 1 ]] || rm -rf "$out/rows"
echo "results in $out"
