#!/usr/bin/env bash
# Times the statements behind the analysts' pseudonymised customer list (docs/privacy.md section 7) on a database
# holding a book, e.g. a copy of the 1M book:  createdb -h 127.0.0.1 -U postgres -T book1m <name>
# The SQL is taken from PseudonymousCustomers.java (its text blocks) with the parameters written in, so what is timed is
# what the application runs: the whole list's counts, a first page in the keyed order, a filtered and sorted page, and
# page 101. Usage: bench/analyst-list.sh <database> [runs] [work_mem]
set -euo pipefail
db=${1:?database}; runs=${2:-2}; workmem=${3:-}
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
python3 - "$here/src/main/java/io/insurecrm/metrics/PseudonymousCustomers.java" "$out" <<'PY'
import re, sys
src = open(sys.argv[1]).read(); out = sys.argv[2]
blocks = re.findall(r'"""\n(.*?)"""', src, re.S)
published, summary_tail, rows_tail = blocks[0], blocks[1], blocks[2]
consent = ("coalesce((select k.granted from consent k where k.customer_id = c.id and k.purpose = 'ANALYTICS' "
           "order by k.recorded_at desc, k.id desc limit 1), false)")
published = published.replace('%1$s', consent).replace('%2$s', "(true or c.agent_id = null or c.branch_id = null)")
def bind(sql, extra):
    p = {'today': 'current_date', 'k': '5', 'salt': "'bench'", 'region': 'null', 'branch': 'null', 'channel': 'null',
         'ageFrom': 'null', 'tag': 'null', 'segment': 'null', 'dimension': 'null', 'english': 'false', 'limit': '50',
         'offset': '0'}
    p.update(extra)
    for k, v in sorted(p.items(), key=lambda x: -len(x[0])):
        sql = re.sub(r':' + k + r'\b', v, sql)
    return sql + ';\n'
rows = published + rows_tail
open(out + '/summary.sql', 'w').write(bind(published + summary_tail, {}))
open(out + '/page1.sql', 'w').write(bind(rows.replace('%1$s', 'keyed'), {}))
open(out + '/filtered.sql', 'w').write(bind(rows.replace('%1$s', 'active_policies desc nulls last, keyed'),
                                            {'region': "'33'", 'ageFrom': '40'}))
open(out + '/page101.sql', 'w').write(bind(rows.replace('%1$s', 'keyed'), {'offset': '5000'}))
PY
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for q in summary page1 filtered page101; do
  for i in $(seq 1 "$runs"); do
    ms=$( { echo '\timing on'; [ -n "$workmem" ] && echo "set work_mem = '$workmem';"; cat "$out/$q.sql"; } \
          | psql -h 127.0.0.1 -U postgres -d "$db" -q -o /dev/null 2>&1 | grep -E '^Time' | tail -1 | awk '{print $2}')
    echo "$q run $i: $ms ms"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out"
