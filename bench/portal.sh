#!/usr/bin/env bash
# Portal benchmark (docs/benchmarks.md, "Portal"): the portal home of signed-in customers (GET /api/portal/home, their
# policies and claims) at a fixed offered rate on a copy of the 1M-customer book, beside the staff Customer 360 API at
# the same rate as the baseline, in the same run; then the service assistant's answer time and 50-question hit rate.
# Starts the app on the given port against the database (Flyway adds the portal tables to the copy) and stops it after.
#   psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE bench_portal TEMPLATE book1m"
#   bench/portal.sh [db=bench_portal] [port=8103] [rate=200] [seconds=60] [customers=200] [warmup=30]
# The warm-up (seconds at half the rate) lets the JIT settle: after 10 s (~1,000 requests) the C2 compiler threads
# still took most of the app's CPU and the app spent ~3x the CPU per request it spends once warm (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-bench_portal}; port=${2:-8103}; rate=${3:-200}; seconds=${4:-60}; customers=${5:-200}; warmup=${6:-30}
url="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres"
mkdir -p bench/results
stamp=$(date +%Y%m%d-%H%M%S)
out="bench/results/portal-$stamp.txt"
log="bench/results/portal-app-$stamp.log"
. bench/java-bench.sh
bench_classpath
java -Xmx1g -cp "target/classes:$(cat target/bench-classpath.txt)" io.insurecrm.InsureCrmApplication --server.port="$port" \
  --spring.datasource.url="$url" --crm.demo.customers=0 --crm.demo.staff-users=true \
  --crm.segmentation.recompute-on-start=false --crm.metrics.refresh-on-start=false >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/portal/login" && break
  sleep 1
done
# the loyalty programme's first evaluation at start (~50 s on a fresh 1M copy) must not overlap the measurement
for _ in $(seq 1 300); do
  grep -q "Evaluated the loyalty programme" "$log" && break
  sleep 1
done
# customers whose mobile number is theirs alone (a shared number does not sign in), with policies
psql -h 127.0.0.1 -U postgres -d "$db" -Atc "
  select c.phone from customer c
   where c.kind = 'INDIVIDUAL' and c.phone ~ '^1[3-9][0-9]{9}$'
     and exists (select 1 from policy p where p.holder_id = c.id)
     and not exists (select 1 from customer o where o.phone = c.phone and o.id <> c.id)
   order by md5(c.id::text) limit $customers" > "target/portal-phones.txt"
max_id=$(psql -h 127.0.0.1 -U postgres -d "$db" -Atc "select max(id) from customer")
{
  echo "== portal ($(date -Is), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), db $db)"
  echo "-- portal home, $customers signed-in customers round-robin"
  java bench/Load.java --url "http://127.0.0.1:$port" --path /api/portal/home --portal-phones target/portal-phones.txt \
    --portal-log "$log" --rate "$rate" --seconds "$seconds" --warmup "$warmup"
  echo "-- baseline: staff Customer 360 API, admin, random customers"
  java bench/Load.java --url "http://127.0.0.1:$port" --path '/api/customers/{id}/360' --ids "1-$max_id" \
    --rate "$rate" --seconds "$seconds" --user admin --password demo1234
  echo "-- load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -cp "$cp" io.insurecrm.portal.AssistantBenchmark "$url" 200
} | tee "$out"
