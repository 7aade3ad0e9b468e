#!/usr/bin/env bash
# Fault test of the outbox (docs/benchmarks.md, "Engagement"): queue N push messages, start the app with the
# dispatcher on, kill -9 it while it is sending, start it again, and when the outbox is empty compare the distinct
# idempotency keys the stub gateway delivered with N. The stub gateway runs in its own process so it outlives the kill.
#   bench/engagement-crash.sh 'jdbc:postgresql://127.0.0.1:5432/bench_engagement?user=postgres' [messages=10000] [port=8102]
# Needs psql and a scratch copy of a migrated book (run bench/engagement.sh on it first, or start the app on it once).
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a scratch copy of a book}
n=${2:-10000}; n=${n#messages=}
port=${3:-8102}; port=${port#port=}
gw_port=$((port + 10000))
db=${url#jdbc:postgresql://}; db=${db%%\?*}; host=${db%%/*}; dbname=${db#*/}
psql_() { psql -h "${host%%:*}" -p "${host##*:}" -U postgres -d "$dbname" -Atq -c "$1"; }
mkdir -p bench/results
work=$(mktemp -d)
out="bench/results/engagement-crash-$(date +%Y%m%d-%H%M%S).txt"
. bench/java-bench.sh
bench_classpath
# the app itself runs without the test classes (and so without the test configuration)
appcp="target/classes:$(cat target/bench-classpath.txt)"
run="crash-$(date +%s)"
{
echo "== engagement crash test ($(date -Is), load: $(cut -d' ' -f1-3 /proc/loadavg)), $n messages, run $run"
java -Xmx256m -cp "$cp" io.insurecrm.engagement.StubGatewayMain "$gw_port" "$work/stats" 900 &
gw=$!
trap 'kill $gw 2>/dev/null || true; [ -n "${app:-}" ] && kill -9 $app 2>/dev/null || true' EXIT
psql_ "insert into engagement_message (idempotency_key, customer_id, channel, recipient, purpose, body, status, next_attempt_at, created_at)
       select '$run:' || c.id, c.id, 'PUSH', 'app:' || c.id, 'AUTH', 'crash test', 'QUEUED', now(), now()
         from customer c order by c.id desc limit $n" >/dev/null
echo "queued: $(psql_ "select count(*) from engagement_message where idempotency_key like '$run:%' and status = 'QUEUED'")"
start_app() {
  java -Xmx512m -cp "$appcp" io.insurecrm.InsureCrmApplication --server.port="$port" --spring.datasource.url="$url" \
    --crm.demo.customers=0 --crm.demo.staff-users=false --crm.database.clean-before-migrate=false \
    --spring.flyway.clean-disabled=true --crm.engagement.scan=false --crm.engagement.dispatch=true \
    --crm.engagement.poll-millis=200 --crm.engagement.push-url="http://127.0.0.1:$gw_port/send" \
    --crm.metrics.refresh-on-start=false --crm.segmentation.recompute-on-start=false --logging.level.root=WARN \
    >"$work/app-$1.log" 2>&1 &
  app=$!
}
start_app 1
while :; do
  sent=$(psql_ "select count(*) from engagement_message where idempotency_key like '$run:%' and status = 'SENT'")
  [ "$sent" -ge $((n / 4)) ] && break
  kill -0 $app || { echo "app died"; tail -20 "$work/app-1.log"; exit 1; }
  sleep 0.2
done
kill -9 $app; wait $app 2>/dev/null || true
sleep 1
echo "killed -9 at: SENT in the database $(psql_ "select count(*) from engagement_message where idempotency_key like '$run:%' and status = 'SENT'"), gateway (distinct keys, requests): $(cat "$work/stats")"
start_app 2
t0=$(date +%s)
while :; do
  left=$(psql_ "select count(*) from engagement_message where idempotency_key like '$run:%' and status = 'QUEUED'")
  [ "$left" -eq 0 ] && break
  [ $(( $(date +%s) - t0 )) -gt 600 ] && { echo "timed out with $left queued"; break; }
  sleep 0.5
done
sleep 1
kill $app; wait $app 2>/dev/null || true
echo "after restart: $(psql_ "select string_agg(status || ' ' || n, ', ') from (select status, count(*) n from engagement_message where idempotency_key like '$run:%' group by status) s")"
read -r keys requests < "$work/stats"
echo "gateway: $keys distinct idempotency keys delivered, $requests requests (requests - keys = resends the gateway recognised)"
[ "$keys" -eq "$n" ] && echo "RESULT: every message delivered exactly once ($keys of $n)" || echo "RESULT: MISMATCH ($keys of $n)"
} 2>&1 | tee "$out"
