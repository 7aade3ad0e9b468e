#!/usr/bin/env bash
# The cost of encryption + audit on the Customer 360 (docs/benchmarks.md "Privacy: encryption and audit", docs/privacy.md
# section 6): the same jar, the same book, the same offered load, phases alternated WITH / WITHOUT in one run.
#   WITH:    ID numbers encrypted (AES-GCM, blind index), every view audited (chained audit_event row)
#   WITHOUT: the same book left in the clear, crm.crypto.enabled=false, crm.privacy.audit.enabled=false (baseline only)
# Two copies of one book are needed, because the WITH app encrypts its copy at first start (that time is reported too).
# By default each app gets its own embedded database with the demo book of the same seed (WITH loads it encrypted,
# WITHOUT in the clear):
#   bench/privacy-overhead.sh [port=8104] [customers=5000] [rate list="100 200"] [seconds=40] [rounds=2]
# or two copies of a server book (the WITH copy is encrypted at its first start: ~1M rows take long on a busy machine):
#   psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE bench_crypto TEMPLATE book1m"
#   psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE bench_crypto_clear TEMPLATE book1m"
#   WITH_DB='jdbc:postgresql://127.0.0.1:5432/bench_crypto?user=postgres' \
#   WITHOUT_DB='jdbc:postgresql://127.0.0.1:5432/bench_crypto_clear?user=postgres' bench/privacy-overhead.sh 8104 1000000
# Writes audit rows and demo sign-ins into both copies: never point it at a book you keep.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8104}
ids=${2:-5000}
rates=${3:-"100 200"}
seconds=${4:-40}
rounds=${5:-2}
stamp=$(date +%Y%m%d-%H%M%S)
# a JDBC URL, or an embedded data directory loaded with the demo book of $ids customers at first start
with_db=${WITH_DB:-data/bench-privacy-with-$stamp}
without_db=${WITHOUT_DB:-data/bench-privacy-without-$stamp}
jar=$(ls target/insurecrm-*.jar | head -1)
mkdir -p bench/results
out="bench/results/privacy-overhead-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
key=$(head -c 32 /dev/urandom | base64)
index_key=$(head -c 32 /dev/urandom | base64)
pseudonym_key=$(head -c 32 /dev/urandom | base64)
pg_port=${BENCH_PG_PORT:-55432}
common=(--server.port="$port" --crm.metrics.refresh-on-start=false
        --crm.segmentation.recompute-on-start=false --crm.crypto.dev-keys=false
        --crm.crypto.keys.bench="$key" --crm.crypto.active-key=bench --crm.crypto.blind-index-key="$index_key"
        --crm.analytics.pseudonym-key="$pseudonym_key")
pid=

start() { # name, db, extra args...
  local name=$1 db=$2; shift 2
  local t0; t0=$(date +%s)
  local database
  if [[ $db == jdbc:* ]]; then
    database=(--spring.datasource.url="$db" --crm.demo.customers=0)
  else
    database=(--crm.database.data-dir="$db" --crm.demo.customers="$ids" --crm.database.port="$pg_port")
  fi
  java -Xmx1g -jar "$jar" "${common[@]}" "${database[@]}" "$@" > "$out/app-$name.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/login"; do
    kill -0 "$pid" 2>/dev/null || { echo "app $name died, see $out/app-$name.log"; exit 1; }
    sleep 2
  done
  echo "== $name up in $(( $(date +%s) - t0 )) s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  settle "$pid"
  grep -E "Encrypting clear values|Re-encryption .* finished|Book of" "$out/app-$name.log" | cut -c1-300 | tail -2 || true
}

# Start-up work runs on in the background after the first answer (the demo book's loyalty launch and first
# evaluation, model training, snapshots): wait until the app has used under 10% of a core for 5 s (at most 5 min),
# so the measurement is of requests, not of start-up.
settle() {
  local p=$1 ticks=$(getconf CLK_TCK) waited=0 before after
  while (( waited < 300 )); do
    before=$(awk '{print $14 + $15}' "/proc/$p/stat")
    sleep 5; waited=$((waited + 5))
    after=$(awk '{print $14 + $15}' "/proc/$p/stat")
    if (( (after - before) * 100 / (5 * ticks) < 10 )); then
      echo "   settled after $waited s more (CPU of the last 5 s: $(( (after - before) * 100 / (5 * ticks) ))% of a core)"
      return
    fi
  done
  echo "   NOT settled after 300 s: measuring anyway"
}

stop() {
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

load() { # name, path, rate
  echo "-- $1 $2 at $3/s for ${seconds}s (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  checkpoints
  local app0 db0
  app0=$(app_ticks); db0=$(db_ticks)
  java bench/Load.java --url "http://127.0.0.1:$port" --path "$2" --ids "1-$ids" --rate "$3" --seconds "$seconds" \
      --warmup 10 --user admin --password demo1234
  cpu_per_request "$app0" "$db0" $(( $3 * (seconds + 10) ))
  checkpoints
}

# CPU the app and its database spent per request offered (warm-up seconds included): unlike a latency percentile, it
# does not depend on what else the machine's two cores were doing, so it is the overhead's cost in its plainest form
app_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# the embedded server's postmaster and its live children, plus what its ended children used (cutime, cstime)
db_ticks() {
  [[ $with_db == jdbc:* ]] && { echo 0; return; }
  local pm; pm=$(pgrep -f -- "bin/postgres .*-p $pg_port( |$)" | head -1)
  [[ -z $pm ]] && { echo 0; return; }
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"
    for c in $(pgrep -P "$pm"); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null; done; } | awk '{s += $1} END {print s}'
}
cpu_per_request() { # app ticks before, db ticks before, requests
  local ticks; ticks=$(getconf CLK_TCK)
  local app=$(( $(app_ticks) - $1 )) db=$(( $(db_ticks) - $2 ))
  echo "   CPU per request: app $(awk -v t="$app" -v k="$ticks" -v n="$3" 'BEGIN {printf "%.2f", t * 1000 / k / n}') ms, \
database $(awk -v t="$db" -v k="$ticks" -v n="$3" 'BEGIN {printf "%.2f", t * 1000 / k / n}') ms"
}

# the embedded PostgreSQL's (17: pg_stat_checkpointer) checkpoints so far (a checkpoint that ends during a phase makes commits wait for the disk)
checkpoints() {
  [[ $with_db == jdbc:* ]] && return
  echo "   checkpoints (timed, requested, write ms, sync ms, buffers): $(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Atc \
      "select concat_ws(', ', num_timed, num_requested, round(write_time), round(sync_time), buffers_written) from pg_stat_checkpointer" 2>&1 | head -1)"
}

phase() { # name, db, extra args...
  local name=$1
  start "$@"
  # a fresh JVM spends most of its CPU in the JIT compiler for the first ~10,000 requests (docs/benchmarks.md,
  # "Portal home"): warm both paths up at a modest rate first; these figures are not reported
  echo "   warm-up: ${WARM_SECONDS:-90} s of the 360 at 60/s and of the edit form at 15/s (not measured)"
  java bench/Load.java --url "http://127.0.0.1:$port" --path '/api/customers/{id}/360' --ids "1-$ids" --rate 60 \
      --seconds "${WARM_SECONDS:-90}" --warmup 0 --user admin --password demo1234 > /dev/null 2>&1 || true
  java bench/Load.java --url "http://127.0.0.1:$port" --path '/customers/{id}/edit' --ids "1-$ids" --rate 15 \
      --seconds 30 --warmup 0 --user admin --password demo1234 > /dev/null 2>&1 || true
  for rate in $rates; do
    load "$name" '/api/customers/{id}/360' "$rate"
  done
  # the edit form decrypts the full ID number on every view (the 360 shows the stored mask)
  load "$name" '/customers/{id}/edit' "${EDIT_RATE:-50}"
  stop
}

{
  echo "== privacy overhead ($(date -Is), $(nproc) cores, $ids customers, jar $jar)"
  for round in $(seq 1 "$rounds"); do
    echo "#### round $round"
    phase with "$with_db"
    phase without "$without_db" --crm.crypto.enabled=false --crm.privacy.audit.enabled=false --crm.crypto.encrypt-on-start=false
  done
  echo "-- CPU per value on this machine (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  java -cp target/test-classes:target/classes io.insurecrm.platform.crypto.CipherBenchmark 200000
} 2>&1 | tee "$out/summary.txt"
[[ $with_db == jdbc:* ]] || rm -rf "$with_db" "$without_db"
