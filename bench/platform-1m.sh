#!/usr/bin/env bash
# Platform benchmarks on the generated 1M-customer book (~3M policies, ~300k claims):
#  1. the Customer-360 API under a fixed offered load (default 200 requests/s for 60 s, signed in as admin),
#     beside a baseline in the same run: the one-row customer look-up /api/customers/{id} at the same rate;
#  2. each 客均合同 dashboard query through the API (metrics cache off), median of 5 warm runs and the cold first;
#  3. the application's heap (-Xmx512m) after all of it.
#
#   bench/platform-1m.sh [customers] [rate] [seconds]
#
# The book is generated once into ./data/bench-<customers> (an embedded PostgreSQL data folder) and reused.
set -euo pipefail
customers="${1:-1000000}"
rate="${2:-200}"
seconds="${3:-60}"
port="${BENCH_PORT:-8090}"
cd "$(dirname "$0")/.."

jar=target/insurecrm-0.1.0-SNAPSHOT.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]]; then
    ./mvnw -B -q package -DskipTests
fi
datadir="data/bench-$customers"
out="bench/results/platform-$customers-$(date +%Y%m%dT%H%M%S)"
mkdir -p "$out"

if [[ ! -f "$datadir/.loaded" ]]; then
    echo "Generating a book of $customers customers into $datadir"
    rm -rf "$datadir"
    java -Xmx512m -jar "$jar" --server.port=0 --crm.database.data-dir="$datadir" --crm.demo.customers=0 \
        --crm.generate.customers="$customers" > "$out/generate.log" 2>&1
    touch "$datadir/.loaded"
fi

echo "Starting the app on $datadir with -Xmx512m"
java -Xmx512m -Xms512m -jar "$jar" --server.port="$port" --crm.database.data-dir="$datadir" --crm.demo.customers=0 \
    --crm.metrics.cache-ttl=0s --crm.metrics.refresh-on-start=false > "$out/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://localhost:$port/login" && break
    sleep 1
done

# the generator numbers customers 1..N
maxid="$customers"
{
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM; java $(java -version 2>&1 | head -1 | cut -d'"' -f2); app -Xmx512m"
    echo "book: $datadir ($customers customers)"
    echo "command: bench/platform-1m.sh $customers $rate $seconds"
    echo
    # warm the JIT on both paths first, so that neither measured run pays for it
    java bench/Load.java --url "http://localhost:$port" --path '/api/customers/{id}/360' --ids "1-$maxid" \
        --rate 100 --seconds 20 --warmup 0 --seed 9 > /dev/null
    echo "## baseline: one-row customer look-up"
    java bench/Load.java --url "http://localhost:$port" --path '/api/customers/{id}' --ids "1-$maxid" \
        --rate "$rate" --seconds "$seconds" --warmup 10 --seed 1
    echo
    echo "## Customer 360 API"
    java bench/Load.java --url "http://localhost:$port" --path '/api/customers/{id}/360' --ids "1-$maxid" \
        --rate "$rate" --seconds "$seconds" --warmup 10 --seed 2
    echo
    echo "## 客均合同 queries (ms: cold first run, then median of 5; one signed-in session)"
    jar_cookies="$out/cookies.txt"
    csrf=$(curl -s -c "$jar_cookies" "http://localhost:$port/login" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')
    curl -s -o /dev/null -b "$jar_cookies" -c "$jar_cookies" --data-urlencode "username=admin" \
        --data-urlencode "password=demo1234" --data-urlencode "_csrf=$csrf" "http://localhost:$port/login"
    for by in "" "?by=region" "?by=branch" "?by=channel" "?by=agent" "?by=product-line" "?by=layer" "?by=household" "/trend?months=36"; do
        path="/api/metrics/contracts-per-customer$by"
        times=()
        for i in 1 2 3 4 5 6; do
            t=$(curl -s -o /dev/null -w '%{time_total}' -b "$jar_cookies" "http://localhost:$port$path")
            times+=("$(awk -v t="$t" 'BEGIN{printf "%.0f", t*1000}')")
        done
        median=$(printf '%s\n' "${times[@]:1}" | sort -n | sed -n 3p)
        echo "$path cold=${times[0]} median=$median"
    done
    echo
    echo "## 客均合同 month-end snapshots (120 month ends, then the incremental no-op)"
    for i in 1 2; do
        csrf=$(curl -s -b "$jar_cookies" "http://localhost:$port/" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
        t=$(curl -s -o /dev/null -w '%{time_total}' -b "$jar_cookies" -X POST -H "X-CSRF-TOKEN: $csrf" \
            "http://localhost:$port/api/metrics/contracts-per-customer/snapshots")
        echo "refresh run $i: $(awk -v t="$t" 'BEGIN{printf "%.0f", t*1000}') ms"
    done
    echo
    echo "## heap after the runs"
    jcmd "$app" GC.heap_info | grep -E "garbage-first|total|used" | head -3
} | tee "$out/summary.txt"
