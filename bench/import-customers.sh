#!/usr/bin/env bash
# Import-customers benchmark: dry run + commit of a generated N-row customer CSV through the REST API of a running
# app (started with -Xmx512m -Xlog:gc:file=$GC_LOG), beside a raw PostgreSQL COPY of the same file in the same run.
# usage: bench/import-customers.sh [rows]   (env: BASE=http://localhost:8085 PGPORT=15432 GC_LOG=/tmp/crm-run/gc.log)
set -euo pipefail
ROWS=${1:-200000}
BASE=${BASE:-http://localhost:8085}
PGPORT=${PGPORT:-15432}
GC_LOG=${GC_LOG:-/tmp/crm-run/gc.log}
WORK=${WORK:-/tmp/crm-bench}
mkdir -p "$WORK"
export PGPASSWORD=${PGPASSWORD:-postgres}
PSQL="psql -h 127.0.0.1 -p $PGPORT -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt"
$PSQL -c "insert into branch (code, name, region_code, city) values ('BENCH', '基准分公司', '33', '杭州') on conflict do nothing;
          insert into agent (code, name, kind, branch_id) select c, '基准代理', 'AGENT', (select id from branch where code = 'BENCH')
            from unnest(array['BENCH-A1','BENCH-A2']) c on conflict do nothing;
          insert into staff_user (username, password_hash, display_name, role)
            values ('bench', '{noop}demo1234', 'bench', 'ADMIN') on conflict do nothing"
FILE="$WORK/customers-$ROWS.csv"
python3 "$(dirname "$0")/gen-customers.py" "$ROWS" BENCH-A1,BENCH-A2 > "$FILE"
ls -l "$FILE"

. "$(dirname "$0")/import-lib.sh"
IMPORT_TIMEOUT=900 IMPORT_POLL=0.2

run_import "first " customers
run_import "again " customers

$PSQL -c "drop table if exists bench_raw_customer; create unlogged table bench_raw_customer (name text, id_number text,
          phone text, province text, city text, agent_code text, occupation text, marital text)"
t0=$(now)
$PSQL -c "\\copy bench_raw_customer from '$FILE' (format csv, header true)"
t1=$(now)
python3 -c "r=$ROWS; d=$t1-$t0; print('raw COPY (psql \\\\copy, unlogged text table) %.1f s (%.0f rows/s)' % (d, r/d))"
$PSQL -c "drop table bench_raw_customer"
python3 - "$GC_LOG" <<'PY'
import re, sys
peak = 0
for line in open(sys.argv[1]):
    m = re.search(r'(\d+)M->(\d+)M\((\d+)M\)', line)
    if m:
        peak = max(peak, int(m.group(1)))
print('peak heap before a GC (from the GC log): %d MB' % peak)
PY
