#!/usr/bin/env bash
# Import-policies benchmark (docs/benchmarks.md, "Import policies"): a policy CSV of N rows generated from a copy of
# the 1M book (customers, products and agents exist), imported with full validation through the REST API of the app
# started on that copy with -Xmx512m (upload + dry run, commit polled until COMMITTED), then the same file again
# (every row unchanged), then a raw PostgreSQL COPY of the same file into a scratch table, in the same run.
#
#   psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE bench_import TEMPLATE book1m"
#   bench/import-policies.sh [rows=1000000]
#
# env: DB=bench_import PGHOST=127.0.0.1 PORT=8105 WORK=/tmp/crm-bench-policies
# The app is started and stopped by this script (jar built when missing); GC log and peak RSS are reported.
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
jar=target/insurecrm-0.1.0-SNAPSHOT.jar
[[ -f $jar ]] || ./mvnw -B -q package -DskipTests

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
java -Xmx512m -Xlog:gc:file=$GC_LOG -jar $jar --server.port=$PORT \
     --spring.datasource.url="jdbc:postgresql://$PGHOST:5432/$DB?user=postgres" \
     --crm.demo.customers=0 --crm.demo.staff-users=false --crm.segmentation.recompute-on-start=false \
     --crm.import.dir=$WORK/uploads > "$WORK/app.log" 2>&1 &
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
echo "first  load: $(uptime | sed 's/.*load average/load average/')"
run_import "again " policies
echo "again  load: $(uptime | sed 's/.*load average/load average/')"
$PSQL -c "drop table if exists bench_raw_policy; create unlogged table bench_raw_policy (policy_number text,
          customer_number text, id_number text, product_code text, premium text, payment_frequency text,
          sum_insured text, start_date text, status text, terminated_on text, agent_code text)"
t0=$(now)
$PSQL -c "\\copy bench_raw_policy from '$FILE' (format csv, header true)"
t1=$(now)
python3 -c "r=$ROWS; d=$t1-$t0; print('raw COPY (psql \\\\copy into an unlogged all-text scratch table) %.1f s (%.0f rows/s)' % (d, r/d))"
$PSQL -c "drop table bench_raw_policy"
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
} | tee "bench/results/import-policies-$(date +%Y%m%dT%H%M%S).txt"
kill $WATCH 2>/dev/null || true
