#!/usr/bin/env bash
# The cost of counting each group's customers for the small-cell rule (analysts only) in a key figure: the Kpis
# statement of CLAIM_FREQUENCY by region over a year, whole book, as other roles run it (customers = null) and as
# analysts run it (count(distinct customer_id)), alternated run by run so both see the same load.
#   bench/kpi-small-cells.sh <database on 127.0.0.1:5432 holding a book> [runs=5] [from=2025-12-01] [to=2026-12-01]
set -euo pipefail
db=${1:?database name}
runs=${2:-5}
from=${3:-2025-12-01}
to=${4:-2026-12-01}
statement() {
  cat <<SQL
with g as (
  select c.region_code as key, sum(b.num) as numerator, sum(b.den) as denominator, $1 as customers
    from (select p.holder_id as customer_id, p.channel, pr.line, coalesce(cl.n, 0) as num, 1 as den
            from policy p join product pr on pr.id = p.product_id
            left join (select policy_id, count(*) as n from claim
                        where reported_on >= date '$from' and reported_on < date '$to' group by policy_id) cl on cl.policy_id = p.id
           where p.start_date < date '$to' and p.end_date > date '$from'
             and (p.terminated_on is null or p.terminated_on > date '$from')) b
    join customer c on c.id = b.customer_id
   where (true or c.agent_id = null or c.branch_id = null)
   group by 1)
select count(*) from g;
SQL
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  other=$( { echo '\timing on'; statement 'null::bigint'; } | psql -h 127.0.0.1 -U postgres -d "$db" -q 2>&1 | grep '^Time' )
  analyst=$( { echo '\timing on'; statement 'count(distinct b.customer_id)'; } | psql -h 127.0.0.1 -U postgres -d "$db" -q 2>&1 | grep '^Time' )
  echo "run $i  other roles: ${other#Time: }  analysts: ${analyst#Time: }"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
