#!/usr/bin/env bash
# Import-policies benchmark (docs/benchmarks.md, "Import policies"): a policy CSV of N rows generated from a copy of
# the 1M book (customers, products and agents exist), imported with full validation through the REST API of the app
# started on that copy with -Xmx512m (upload + dry run, commit polled until COMMITTED), then the same file again
# (every row unchanged), then three baselines in the same run: a raw PostgreSQL COPY of the same file into an unlogged
# all-text table, a typed COPY into an indexed scratch table, and the floor — a COPY of the rows the import wrote
# (references resolved) into the real policy table, rolled back.
#
#   psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE bench_import TEMPLATE book1m"
#   bench/import-policies.sh [rows=1000000]
#
# env: DB=bench_import PGHOST=127.0.0.1 PORT=8105 WORK=/tmp/crm-bench-policies JAR=target/insurecrm-0.1.0-SNAPSHOT.jar
#      JAVA_OPTS (extra JVM options, e.g. -XX:StartFlightRecording=filename=/tmp/import.jfr),
#      CHUNK (crm.import.chunk-size; default: the application's), and CRM_CRYPTO_DEV_KEY_FILE (required): the key file of
#      the book's encrypted fields, passed on to the app
# The app is started and stopped by this script (jar built when missing); GC log and peak RSS are reported, and the
# app's own timing of each phase (lines "Import job … " of its log).
set -euo pipefail
ROWS=${1:-1000000}
DB=${DB:-bench_import}
PGHOST=${PGHOST:-127.0.0.1}
PORT=${PORT:-8105}
WORK=${WORK:-/tmp/crm-bench-policies}
BASE=http://127.0.0.1:$PORT
cd "$(dirname "$0")/.."
mkdir -p "$WORK" bench/results
PSQL="psql -h $PGHOST -U postgres -d $DB -v ON_ERROR_STOP=1 -qAt"
jar=${JAR:-target/insurecrm-0.1.0-SNAPSHOT.jar}
[[ -f $jar ]] || ./mvnw -B -q package -DskipTests
[[ -n ${CRM_CRYPTO_DEV_KEY_FILE:-} ]] || { echo "set CRM_CRYPTO_DEV_KEY_FILE to the key file of the book's encrypted fields" >&2; exit 2; }

$PSQL -c "insert into staff_user (username, password_hash, display_name, role)
            values ('bench', '{noop}demo1234', 'bench', 'ADMIN') on conflict do nothing;
          delete from policy where policy_number like 'IMP%'"
FILE="$WORK/policies-$ROWS.csv"
# one policy per customer row (cycling), product by row, the customer's own agent; some lapsed, some monthly. Every
# holder is named by customer number: ID numbers are stored encrypted (ADR 0004), so SQL cannot write them to a file
# (the column is kept, empty, so the file has the import's full layout).
$PSQL -c "\\copy (select 'IMP' || lpad(g::text, 9, '0') as policy_number,
                  c.id as customer_number,
                  null::text as id_number,
                  (array['ACC01','ACC02','MED01','MED02','MED03','CI01','CI02','TL01','TL02','WL01','AN01','AN02','ED01',
                         'LTC01','HP01','HP02','CP01','CP02','MT01','LB01','LB02'])[1 + g % 21] as product_code,
                  (100 + g % 5000)::numeric(14,2) as premium,
                  case when g % 7 = 0 then 'MONTHLY' else 'ANNUAL' end as payment_frequency,
                  (100000 + (g % 50) * 10000)::numeric(16,2) as sum_insured,
                  date '2024-01-01' + (g % 700) as start_date,
                  case when g % 11 = 0 then 'LAPSED' else 'ACTIVE' end as status,
                  case when g % 11 = 0 then date '2024-01-01' + (g % 700) + 90 end as terminated_on,
                  a.code as agent_code
             from generate_series(1, $ROWS) g
             join customer c on c.id = 1 + (g - 1) % (select max(id) from customer)
             join agent a on a.id = c.agent_id
            order by g) to '$FILE' with (format csv, header true)"
ls -l "$FILE"

GC_LOG=$WORK/gc.log
java -Xmx512m -Xlog:gc:file=$GC_LOG ${JAVA_OPTS:-} -jar $jar --server.port=$PORT \
     --spring.datasource.url="jdbc:postgresql://$PGHOST:5432/$DB?user=postgres" \
     --crm.demo.customers=0 --crm.demo.staff-users=false --crm.segmentation.recompute-on-start=false \
     --crm.loyalty.evaluate-on-start=false --crm.metrics.refresh-on-start=false \
     --crm.engagement.dispatch=false --crm.engagement.scan=false \
     --crm.import.dir=$WORK/uploads ${CHUNK:+--crm.import.chunk-size=$CHUNK} > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$BASE/login"; do sleep 1; kill -0 $APP || { tail -50 "$WORK/app.log"; exit 1; }; done
peak_rss=0
watch_rss() { while kill -0 $APP 2>/dev/null; do r=$(awk '/VmHWM/ {print $2}' /proc/$APP/status 2>/dev/null || echo 0); echo "$r" > "$WORK/rss"; sleep 1; done; }
watch_rss & WATCH=$!

. bench/import-lib.sh
IMPORT_TIMEOUT=3600 IMPORT_POLL=1
{
echo "== import policies, $ROWS rows, $(date -Is), $(nproc) cores, -Xmx512m, database $DB"
run_import "first " policies
FIRST_TOTAL=$LAST_TOTAL
FIRST_COMMIT=$LAST_COMMIT
echo "first  load: $(uptime | sed 's/.*load average/load average/')"
run_import "again " policies
AGAIN_TOTAL=$LAST_TOTAL
echo "again  load: $(uptime | sed 's/.*load average/load average/')"
# baseline 1: the raw COPY the issue's aim is set against — text into an unlogged all-text table, nothing checked
$PSQL -c "drop table if exists bench_raw_policy; create unlogged table bench_raw_policy (policy_number text,
          customer_number text, id_number text, product_code text, premium text, payment_frequency text,
          sum_insured text, start_date text, status text, terminated_on text, agent_code text)"
t0=$(now)
$PSQL -c "\\copy bench_raw_policy from '$FILE' (format csv, header true)"
t1=$(now)
raw=$(python3 -c "print($t1-$t0)")
$PSQL -c "drop table bench_raw_policy"
# baseline 2: COPY into a logged, typed table shaped like policy with as many indexes as policy has that an import
# fills (primary key, unique policy number, holder where ACTIVE, holder, and three more b-trees), checks on amounts
typed_sql="drop table if exists bench_typed_policy; create table bench_typed_policy (
          id bigint generated by default as identity primary key, policy_number text not null unique,
          customer_number bigint, id_number text, product_code text not null,
          premium numeric(14,2) not null check (premium >= 0), payment_frequency text not null,
          sum_insured numeric(16,2) not null check (sum_insured >= 0), start_date date not null, status text not null,
          terminated_on date, agent_code text not null);
        create index on bench_typed_policy (customer_number) where status = 'ACTIVE';
        create index on bench_typed_policy (customer_number); create index on bench_typed_policy (start_date);
        create index on bench_typed_policy (product_code); create index on bench_typed_policy (agent_code)"
$PSQL -c "$typed_sql"
t0=$(now)
$PSQL -c "\\copy bench_typed_policy (policy_number, customer_number, id_number, product_code, premium, payment_frequency, sum_insured, start_date, status, terminated_on, agent_code) from '$FILE' (format csv, header true)"
t1=$(now)
typed=$(python3 -c "print($t1-$t0)")
$PSQL -c "drop table bench_typed_policy"
# baseline 3, the floor: what the commit writes — the imported rows with holder, insured, product, agent and branch
# resolved — COPYed straight into the real policy table of this book copy (its 8 indexes, 6 foreign keys, checks and the
# segmentation dirty-mark trigger), in a transaction that is rolled back. The import's rows are in policy by now, so
# the copy gets other numbers (FLR… for IMP…): the table holds 1,000,000 rows more than when the import wrote them, which
# if anything makes the floor slower, not faster.
FLOOR_FILE="$WORK/policies-floor-$ROWS.csv"
floor_cols="policy_number, holder_id, insured_id, product_id, premium, payment_frequency, annual_premium, sum_insured,
            start_date, end_date, status, terminated_on, renews_policy_id, channel, agent_id, branch_id, created_at"
$PSQL -c "\\copy (select 'FLR' || substr(policy_number, 4), holder_id, insured_id, product_id, premium, payment_frequency,
                  annual_premium, sum_insured, start_date, end_date, status, terminated_on, renews_policy_id, channel,
                  agent_id, branch_id, created_at
             from policy where policy_number like 'IMP%' order by policy_number) to '$FLOOR_FILE' with (format csv)"
floor_rows=$(wc -l < "$FLOOR_FILE")
t0=$(now)
$PSQL -c "begin" -c "\\copy policy ($floor_cols) from '$FLOOR_FILE' (format csv)" -c "rollback"
t1=$(now)
floor=$(python3 -c "print($t1-$t0)")
echo "copy   load: $(uptime | sed 's/.*load average/load average/')"
python3 -c "
r=$ROWS; imp=$FIRST_TOTAL; commit=$FIRST_COMMIT; again=$AGAIN_TOTAL; raw=$raw; typed=$typed; floor=$floor; fr=$floor_rows
print('raw COPY (psql \\\\copy into an unlogged all-text table) %.1f s (%.0f rows/s)' % (raw, r/raw))
print('typed COPY (psql \\\\copy into a logged typed table with 7 indexes) %.1f s (%.0f rows/s)' % (typed, r/typed))
print('floor COPY (psql \\\\copy of the %d resolved rows into the real policy table, rolled back) %.1f s (%.0f rows/s)' % (fr, floor, fr/floor))
print('import (upload + dry run + commit) %.1f s (%.0f rows/s): %.1f %% of the raw COPY, %.1f %% of the typed COPY, %.1f %% of the floor COPY' % (imp, r/imp, 100*raw/imp, 100*typed/imp, 100*(r/imp)/(fr/floor)))
print('commit alone %.1f s (%.0f rows/s): %.1f %% of the floor COPY' % (commit, r/commit, 100*(r/commit)/(fr/floor)))
print('same file again %.1f s (%.0f rows/s): %.1f %% of the raw COPY' % (again, r/again, 100*raw/again))"
python3 - "$GC_LOG" <<'PY'
import re, sys
peak = 0
for line in open(sys.argv[1]):
    m = re.search(r'(\d+)M->(\d+)M\((\d+)M\)', line)
    if m:
        peak = max(peak, int(m.group(1)))
print('peak heap before a GC (from the GC log): %d MB of 512 MB' % peak)
PY
echo "peak RSS of the app (VmHWM): $(( $(cat $WORK/rss) / 1024 )) MB"
echo "load: $(uptime | sed 's/.*load average/load average/')"
echo "app's phase timings:"; grep -o 'Import job [0-9]* \(dry run\|committed\).*' "$WORK/app.log" || true
} | tee "bench/results/import-policies-$(date +%Y%m%dT%H%M%S).txt"
kill $WATCH 2>/dev/null || true
