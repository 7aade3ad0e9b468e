#!/usr/bin/env bash
# Loyalty benchmark (docs/benchmarks.md, "Loyalty"): the nightly evaluateAll (set-based SQL) on a migrated book (launch,
# unchanged, next day, a day with 5% re-joining) beside evaluate(customerId) one by one for a random sample of home
# holders, extrapolated, in the same run. It WRITES loyalty tables (empties them first): use a scratch copy, e.g.
#   psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE bench_loyalty TEMPLATE book1m"
#   bench/loyalty.sh 'jdbc:postgresql://127.0.0.1:5432/bench_loyalty?user=postgres' [sample=1000]
# A book migrated before the loyalty module existed gets its migration (V50) applied here first, with psql.
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a scratch book}
shift
db=$(sed -E 's#jdbc:postgresql://([^:/]+):?([0-9]*)/([^?]+).*#\1 \2 \3#' <<<"$url")
read -r host port name <<<"$db"
if ! psql -h "$host" -p "${port:-5432}" -U postgres -d "$name" -Atc "select 1 from loyalty_rule_set limit 1" >/dev/null 2>&1; then
  psql -q -h "$host" -p "${port:-5432}" -U postgres -d "$name" -v ON_ERROR_STOP=1 \
    -f src/main/resources/db/migration/loyalty/V50__loyalty.sql
fi
mkdir -p bench/results
out="bench/results/loyalty-$(date +%Y%m%d-%H%M%S).txt"
. bench/java-bench.sh
bench_classpath
{
  echo "== loyalty ($(date -Is), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx512m -cp "$cp" io.insurecrm.loyalty.LoyaltyBenchmark "$url" "$@"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
