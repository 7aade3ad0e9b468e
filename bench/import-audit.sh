#!/usr/bin/env bash
# The cost of auditing imports (docs/benchmarks.md "Import audit"): the same generated N-row customer CSV imported through
# the REST API into two apps of this build started side by side on two fresh databases of the PostgreSQL server — one
# with the audit (one IMPORT row per customer, in each chunk's transaction: since privacy/V95 written unchained to
# audit_pending and chained by the audit writer; before, chained under the chain's lock), one with
# crm.privacy.audit.enabled=false (the baseline) — first a create of every row, then a file changing the phone of every
# second customer (updates: the audit names the changed columns). The order alternates (off/on, then on/off) so drift
# of the shared machine's load hits both. Then the chain of the audited database is verified through the API.
# PROBE=1 also measures how long audited staff views wait while an import commits (before V95 the chunk held the audit
# chain's lock until it committed): bench/audit-probe.py alternates an audited GET /api/customers/{id} and an unaudited control,
# first for PROBE_QUIET seconds (default 20) with no import on each side, then during each side's update commit.
# usage: bench/import-audit.sh [rows]   (env: PGHOST=127.0.0.1, WORK=/tmp/privacyaudit-bench, CHUNK=10000, PROBE=0,
#        JAR=target/insurecrm-*.jar (another build's jar for a baseline), PORTS="8191 8192" (audit on, off); the two
#        databases are named privacyaudit_<pid>_on/_off, so runs of several worktrees do not meet)
set -euo pipefail
ROWS=${1:-100000}
PGHOST=${PGHOST:-127.0.0.1}
WORK=${WORK:-/tmp/privacyaudit-bench}
mkdir -p "$WORK"
cd "$(dirname "$0")/.."
jar=${JAR:-$(ls target/insurecrm-*.jar | grep -v plain | head -1)}
DB=privacyaudit_$$
PSQL_ADMIN="psql -h $PGHOST -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt"
read -r PORT_ON PORT_OFF <<< "${PORTS:-8191 8192}"
declare -A PORT=([on]=$PORT_ON [off]=$PORT_OFF)
declare -A APP
for side in on off; do
  $PSQL_ADMIN -c "drop database if exists ${DB}_$side" -c "create database ${DB}_$side"
done
start_app() {
  local side=$1 extra=$2
  java -Xmx512m ${JAVA_OPTS:-} -jar "$jar" --server.port=${PORT[$side]} \
     --spring.datasource.url="jdbc:postgresql://$PGHOST:5432/${DB}_$side?user=postgres" \
     --crm.demo.customers=0 --crm.demo.staff-users=false --crm.segmentation.recompute-on-start=false \
     --crm.loyalty.evaluate-on-start=false --crm.metrics.refresh-on-start=false \
     --crm.analytics.rebuild-on-start=false --crm.engagement.dispatch=false --crm.engagement.scan=false \
     --crm.import.dir="$WORK/uploads-$side" ${CHUNK:+--crm.import.chunk-size=$CHUNK} $extra > "$WORK/app-$side.log" 2>&1 &
  APP[$side]=$!
}
start_app on ""
start_app off "--crm.privacy.audit.enabled=false"
trap 'kill ${APP[on]} ${APP[off]} 2>/dev/null || true' EXIT
for side in on off; do
  until curl -sf -o /dev/null "http://localhost:${PORT[$side]}/login"; do
    sleep 2; kill -0 ${APP[$side]} || { tail -50 "$WORK/app-$side.log"; exit 1; }
  done
  psql -h $PGHOST -U postgres -d ${DB}_$side -v ON_ERROR_STOP=1 -qAt -c "
    insert into branch (code, name, region_code, city) values ('BENCH', '基准分公司', '33', '杭州') on conflict do nothing;
    insert into agent (code, name, kind, branch_id) select c, '基准代理', 'AGENT', (select id from branch where code = 'BENCH')
      from unnest(array['BENCH-A1','BENCH-A2']) c on conflict do nothing;
    insert into staff_user (username, password_hash, display_name, role)
      values ('bench', '{noop}demo1234', 'bench', 'ADMIN') on conflict do nothing"
done
CREATE_FILE="$WORK/customers-$ROWS.csv"
UPDATE_FILE="$WORK/customers-$ROWS-changed.csv"
python3 bench/gen-customers.py "$ROWS" BENCH-A1,BENCH-A2 > "$CREATE_FILE"
# every second customer gets another mobile number (the third column): 50 % updates, the rest unchanged
python3 - "$CREATE_FILE" "$UPDATE_FILE" <<'PY'
import sys
with open(sys.argv[1], encoding='utf-8') as src, open(sys.argv[2], 'w', encoding='utf-8') as dst:
    dst.write(src.readline())
    for n, line in enumerate(src):
        cells = line.rstrip('\n').split(',')
        if n % 2 == 0:
            cells[2] = '15' + cells[2][2:]
        dst.write(','.join(cells) + '\n')
PY
. bench/import-lib.sh
IMPORT_TIMEOUT=3600 IMPORT_POLL=0.5
declare -A TOTAL COMMIT
one() {
  local step=$1 side=$2
  FILE=$3 BASE=http://localhost:${PORT[$side]}
  echo "-- $step, audit $side, $(date -u +%H:%M:%S) UTC, $(uptime | sed 's/.*load average/load average/')"
  run_import "$step/$side" customers
  pending_drain "$side"
  TOTAL[$step/$side]=$LAST_TOTAL
  COMMIT[$step/$side]=$LAST_COMMIT
  grep "Import job .* committed" "$WORK/app-$side.log" | tail -1 | sed 's/^.*Import job/   app: Import job/'
}
# pending_drain SIDE: with audit_pending (privacy/V95), how many audit rows were still unchained when the job showed
# COMMITTED and how long until the writer had chained them all (nothing on a build without the table)
pending_drain() {
  local q="psql -h $PGHOST -U postgres -d ${DB}_$1 -qAt -c" t0 n
  [ "$($q "select to_regclass('audit_pending') is not null")" = t ] || return 0
  t0=$(date +%s.%N); n=$($q "select count(*) from audit_pending")
  while [ "$($q "select count(*) from audit_pending")" != 0 ]; do sleep 0.1; done
  python3 -c "print('   audit_pending: %s rows unchained when COMMITTED, empty %.2f s later' % ('$n', $(date +%s.%N) - $t0))"
}
# probe SIDE LABEL SECONDS|STOPFILE: audited views beside a control (bench/audit-probe.py), customers of the create step
probe() {
  python3 bench/audit-probe.py "http://localhost:${PORT[$1]}" "$2" "$WORK/ids-$1.txt" "$3"
}
probed_update() {
  local side=$1 stop="$WORK/probe-stop-$1"
  rm -f "$stop"
  BEFORE_COMMIT="probe $side 'update commit, audit $side' '$stop' > '$WORK/probe-$side.txt' & PROBE_PID=\$!"
  one update "$side" "$UPDATE_FILE"
  touch "$stop"; wait "$PROBE_PID"; BEFORE_COMMIT=""
  cat "$WORK/probe-$side.txt"
}
{
echo "== import audit, $ROWS customers, $(date -Is), $(nproc) cores, jar $jar ($(unzip -p "$jar" META-INF/MANIFEST.MF 2>/dev/null | grep -i 'git\|Implementation-Version' | tr -d '\r' | tr '\n' ' ')), -Xmx512m, chunk ${CHUNK:-10000}, PostgreSQL server $PGHOST"
one create off "$CREATE_FILE"
one create on "$CREATE_FILE"
if [ "${PROBE:-0}" = 1 ]; then
  for side in on off; do
    psql -h $PGHOST -U postgres -d ${DB}_$side -qAt -c "select id from customer order by random() limit 2000" > "$WORK/ids-$side.txt"
  done
  echo "-- no import running, $(uptime | sed 's/.*load average/load average/')"
  probe on "quiet, audit on" "${PROBE_QUIET:-20}"
  probe off "quiet, audit off" "${PROBE_QUIET:-20}"
  probed_update on
  probed_update off
else
  one update on "$UPDATE_FILE"
  one update off "$UPDATE_FILE"
fi
for step in create update; do
  python3 -c "
on_t, off_t, on_c, off_c = ${TOTAL[$step/on]}, ${TOTAL[$step/off]}, ${COMMIT[$step/on]}, ${COMMIT[$step/off]}
print('$step: total with audit %.1f s, without %.1f s: +%.1f %%; commit alone %.1f s vs %.1f s: +%.1f %%' % (
    on_t, off_t, 100 * (on_t / off_t - 1), on_c, off_c, 100 * (on_c / off_c - 1)))"
done
psql -h $PGHOST -U postgres -d ${DB}_on -qAt -c "
  select 'audit rows: ' || count(*) || ' IMPORT (' || count(customer_id) || ' naming a customer), size of audit_event '
         || pg_size_pretty(pg_total_relation_size('audit_event')) from audit_event where action = 'IMPORT'"
t0=$(date +%s.%N)
curl -sS -u bench:demo1234 -X POST "http://localhost:${PORT[on]}/api/audit/verification"; echo
t1=$(date +%s.%N)
python3 -c "print('chain verification through the API: %.1f s' % ($t1 - $t0))"
echo "load at the end: $(uptime | sed 's/.*load average/load average/')"
} 2>&1 | tee "$WORK/result.txt"
kill ${APP[on]} ${APP[off]} 2>/dev/null || true
wait ${APP[on]} ${APP[off]} 2>/dev/null || true
for side in on off; do $PSQL_ADMIN -c "drop database if exists ${DB}_$side"; done
