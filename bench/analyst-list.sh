#!/usr/bin/env bash
# Times the analysts' pseudonymised customer list (docs/privacy.md section 7) on a database holding a book, e.g. the
# 1M book loaded by bench/load-book.sh with this branch's jar (so the stored list's tables exist):
#   live   the statements the list ran per request before the stored list (kept as the tests' oracle in
#          src/test/java/io/insurecrm/metrics/LiveAnalystList.java): the whole list's counts, a first page in the keyed
#          order, a filtered and sorted page, page 101;
#   model  a rebuild of the stored list (AnalystModelSql.REBUILD and the switch, in one transaction, as AnalystModel
#          runs it), then the same four reads from it (PseudonymousCustomers.ROWS, the summary row, and the count a
#          filtered page needs), and whether each page names the same customers in the same order as the live one.
# The SQL is taken from the Java text blocks with the parameters written in (salt 'bench', k 5, today).
# Usage: [REBUILDS=1] bench/analyst-list.sh <database> [runs of each read] [work_mem for the live statements]
set -euo pipefail
db=${1:?database}; runs=${2:-2}; workmem=${3:-}
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
slot=$(psql -h 127.0.0.1 -U postgres -d "$db" -Atq -c "select coalesce(1 - current_slot, 0) from analyst_model where id = 1")
python3 - "$here" "$out" <<'PY'
import re, sys
here, out = sys.argv[1], sys.argv[2]
def blocks(path):
    return re.findall(r'"""\n(.*?)"""', open(here + '/' + path).read(), re.S)
consent = ("coalesce((select k.granted from consent k where k.customer_id = c.id and k.purpose = 'ANALYTICS' "
           "order by k.recorded_at desc, k.id desc limit 1), false)")
def bind(sql, extra):
    p = {'today': 'current_date', 'k': '5', 'salt': "'bench'", 'region': 'null', 'branch': 'null', 'channel': 'null',
         'ageFrom': 'null', 'tag': 'null', 'segment': 'null', 'dimension': 'null', 'english': 'false', 'limit': '50',
         'offset': '0', 'scopeBranch': '0'}
    p.update(extra)
    for k, v in sorted(p.items(), key=lambda x: -len(x[0])):
        sql = re.sub(r'(?<!:):' + k + r'\b', v, sql)
    return sql.rstrip() + ';\n'
def write(name, sql):
    open(out + '/' + name + '.sql', 'w').write(sql)

# live: the oracle's text blocks (published, summary tail, rows tail)
published, summary_tail, rows_tail = blocks('src/test/java/io/insurecrm/metrics/LiveAnalystList.java')[:3]
published = published.replace('%1$s', consent).replace('%2$s', "(true or c.agent_id = null or c.branch_id = null)")
rows = published + rows_tail
write('live-summary', bind(published + summary_tail, {}))
write('live-page1', bind(rows.replace('%1$s', 'keyed'), {}))
write('live-filtered', bind(rows.replace('%1$s', 'active_policies desc nulls last, keyed'), {'region': "'33'", 'ageFrom': '40'}))
write('live-page101', bind(rows.replace('%1$s', 'keyed'), {'offset': '5000'}))

# model: the rebuild and the switch, one transaction, into slot :SLOT (filled in by the shell)
sql = blocks('src/main/java/io/insurecrm/metrics/AnalystModelSql.java')
rebuild, removed = sql[0], sql[1]
table = 'analyst_customer_SLOT'
rebuild = rebuild.replace('%1$s', table).replace('%2$s', consent)
removed = removed.replace('%1$s', table).replace('%2$s', consent)
detach = ('alter table analyst_customer detach partition ' + table + ';\n'
          + "do $$ declare r record; begin\n"
          + "  for r in select conname from pg_constraint where conrelid = '" + table + "'::regclass and contype = 'p' loop\n"
          + "    execute format('alter table " + table + " drop constraint %I', r.conname); end loop;\n"
          + "  for r in select indexname from pg_indexes where schemaname = current_schema() and tablename = '" + table + "' loop\n"
          + "    execute format('drop index %I', r.indexname); end loop;\nend $$;\n")
write('model-rebuild', 'begin;\nset local jit = off;\nset local work_mem = \'64MB\';\n' + detach
      + 'truncate ' + table + ';\ndelete from analyst_customer_summary where slot = SLOT;\n'
      + bind(rebuild, {'slot': 'SLOT'})
      + 'alter table analyst_customer attach partition ' + table + ' for values in (SLOT);\n'
      + 'analyze ' + table + ';\n'
      + 'select id from analyst_model where id = 1 for update;\n'
      + bind(removed, {'since': "now() - interval '1 day'", 'slot': 'SLOT'})
      + "delete from analyst_customer_removal where removed_at < now() - interval '1 day';\n"
      + "update analyst_model set current_slot = SLOT, build_id = coalesce(build_id, 0) + 1, built_at = now(), k = 5, "
      + "key_fingerprint = 'bench' where id = 1;\ncommit;\n")
# model reads: PseudonymousCustomers.ROWS with the where, order and paging it builds
model_rows = blocks('src/main/java/io/insurecrm/metrics/PseudonymousCustomers.java')[0]
def page(where, order, paging, extra={}):
    return bind(model_rows.replace('%1$s', 'analyst_customer_CURRENT').replace('%2$s', where)
                .replace('%3$s', order).replace('%4$s', paging), extra)
write('model-summary', 'select in_scope, without_consent, published, generalised, suppressed from analyst_customer_summary '
      'where slot = CURRENT and scope_branch = 0;\n')
write('model-page1', page('a.scope_branch = :scopeBranch', 'a.keyed', 'limit 50 offset 0'))
filtered_where = 'a.scope_branch = :scopeBranch and a.region_code = :region and a.age_from = :ageFrom'
write('model-filtered', page(filtered_where, 'a.active_policies desc nulls last, a.keyed', 'limit 50 offset 0',
                             {'region': "'33'", 'ageFrom': '40'})
      + bind('select count(*) from analyst_customer_CURRENT a where ' + filtered_where, {'region': "'33'", 'ageFrom': '40'}))
write('model-page101', page('a.scope_branch = :scopeBranch', 'a.keyed', 'limit 50 offset 5000'))
PY
ms() {  # the total of psql's timings for a file
  { echo '\timing on'; [ -n "${2:-}" ] && echo "set work_mem = '$2';"; cat "$1"; } \
    | psql -h 127.0.0.1 -U postgres -d "$db" -q -o /dev/null -v ON_ERROR_STOP=1 2>&1 \
    | awk '/^Time/ {t += $2} /ERROR/ {print; exit 1} END {printf "%.0f", t}'
}
ids() {  # the first column of the first statement's rows (the customer ids), in order
  sed '/;$/q' "$1" | psql -h 127.0.0.1 -U postgres -d "$db" -Atq -F, | cut -d, -f1 | md5sum | cut -c1-12
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "${REBUILDS:-1}"); do
  sed "s/SLOT/$slot/g" "$out/model-rebuild.sql" > "$out/rebuild-now.sql"
  start=$(date +%s%N)
  steps=$( { echo '\timing on'; cat "$out/rebuild-now.sql"; } \
    | psql -h 127.0.0.1 -U postgres -d "$db" -q -o /dev/null -v ON_ERROR_STOP=1 2>&1 \
    | awk '/^Time/ {printf "%.0f ", $2} /ERROR/ {print; exit 1}')
  echo "model rebuild run $i (slot $slot): $(( ($(date +%s%N) - start) / 1000000 )) ms wall (ms per statement: $steps)," \
       "$(psql -h 127.0.0.1 -U postgres -d "$db" -Atq -c "select count(*) || ' rows, ' || count(*) filter (where scope_branch = 0) || ' in the whole book' from analyst_customer_$slot")"
  slot=$(( 1 - slot ))
done
current=$(psql -h 127.0.0.1 -U postgres -d "$db" -Atq -c "select current_slot from analyst_model where id = 1")
for f in "$out"/model-*.sql; do sed -i "s/CURRENT/$current/g" "$f"; done
for q in summary page1 filtered page101; do
  for i in $(seq 1 "$runs"); do
    echo "$q run $i: live $(ms "$out/live-$q.sql" "$workmem") ms, model $(ms "$out/model-$q.sql") ms"
  done
  if [ "$q" = summary ]; then
    live=$(psql -h 127.0.0.1 -U postgres -d "$db" -Atq -f "$out/live-summary.sql")
    model=$(psql -h 127.0.0.1 -U postgres -d "$db" -Atq -f "$out/model-summary.sql")
    echo "summary (in scope|no consent|published|generalised|suppressed): live $live, model $model"
  else
    echo "$q same customers in the same order: $([ "$(ids "$out/live-$q.sql")" = "$(ids "$out/model-$q.sql")" ] && echo yes || echo NO)"
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out"
