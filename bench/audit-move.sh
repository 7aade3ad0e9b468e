#!/usr/bin/env bash
# The cost of the audit writer's move (docs/benchmarks.md "The audit writer's move"): moves of pending audit rows into
# the chain as AccessAudit.movePending makes them (the chain's lock, up to LIMIT rows read by index, the head, one
# insert with the rows' pending ids, one delete, commit; hashes computed in SQL here, in Java in the app, timed apart),
# on two databases of the PostgreSQL server side by side: privacy/V30 + V95 as on main ("v95": the per-row DELETE
# guard) and the same plus this branch's migrations ("v101": the DELETE guard per statement), each with CHAINED chained
# rows and PENDING pending rows; a variant whose name holds "async" (e.g. v101async) also commits each move with
# synchronous_commit off, as AccessAudit does since this branch; …nohash and …bare drop indexes of audit_event (what-if
# variants, below).
# ROUNDS rounds of MOVES moves on each, the order alternating (v95 first, then v101 first), so drift of the shared
# machine's load hits both. Prints µs a row, per statement.
# usage: bench/audit-move.sh   (env: PGHOST=127.0.0.1, CHAINED=200000, PENDING=100000, ROUNDS=6, MOVES=40, LIMIT=200,
#        VARIANTS="v95 v101"; the databases are named audit_move_<pid>_<variant> and dropped at the end, KEEP=1 keeps them)
set -euo pipefail
cd "$(dirname "$0")/.."
PGHOST=${PGHOST:-127.0.0.1}
CHAINED=${CHAINED:-200000}; PENDING=${PENDING:-100000}; ROUNDS=${ROUNDS:-6}; MOVES=${MOVES:-40}; LIMIT=${LIMIT:-200}
read -r -a VARIANTS <<< "${VARIANTS:-v95 v101}"
DB=audit_move_$$
M=src/main/resources/db/migration/privacy
migrations() {  # v95…: as on main; v101…: with this branch's privacy migrations
  case $1 in
    v95*) echo "$M/V30__audit_event.sql $M/V95__audit_pending.sql" ;;
    *) echo "$M/V30__audit_event.sql $M/V95__audit_pending.sql $(ls $M/V10[0-9]__*.sql | tr '\n' ' ')" ;;
  esac
}
psql_admin() { psql -h "$PGHOST" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_on() { local db=$1; shift; psql -h "$PGHOST" -U postgres -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
cleanup() { [ "${KEEP:-0}" = 1 ] || for v in "${VARIANTS[@]}"; do psql_admin -c "drop database if exists ${DB}_$v" || true; done; }
trap cleanup EXIT
for v in "${VARIANTS[@]}"; do
  psql_admin -c "create database ${DB}_$v"
  for f in $(migrations "$v"); do psql_on "${DB}_$v" -f "$f"; done
  # what-if variants, not migrations of this branch: …nohash without the unique index on hash, …bare without any
  # index of audit_event but its key and the pending id's
  case $v in
    *nohash*) psql_on "${DB}_$v" -c "alter table audit_event drop constraint audit_event_hash_key" ;;
    *bare*) psql_on "${DB}_$v" -c "alter table audit_event drop constraint audit_event_hash_key" \
              -c "drop index audit_event_customer_idx, audit_event_actor_idx, audit_event_action_idx, audit_event_occurred_idx" ;;
  esac
  psql_on "${DB}_$v" -v chained="$CHAINED" -v pending="$PENDING" -f bench/audit-move-setup.sql
  psql_on "${DB}_$v" -f bench/audit-move.sql
  echo "$v: $(psql_on "${DB}_$v" -c "select string_agg(indexrelid::regclass::text, ' ') from pg_index where indrelid = 'audit_event'::regclass")"
  echo "$v: triggers on audit_pending: $(psql_on "${DB}_$v" -c "select string_agg(tgname, ' ') from pg_trigger where tgrelid = 'audit_pending'::regclass")"
done
for round in $(seq 1 "$ROUNDS"); do
  order=("${VARIANTS[@]}")
  if (( round % 2 == 0 )); then order=($(printf '%s\n' "${VARIANTS[@]}" | tac)); fi
  for v in "${order[@]}"; do
    psql_on "${DB}_$v" -c "call bench_moves($MOVES, $LIMIT, '$v', $round)"
  done
done
echo "µs a row moved (rounds $ROUNDS × $MOVES moves of $LIMIT; chained $CHAINED, pending $PENDING; $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-6s %5s %8s %8s %8s %8s %8s %8s %8s %8s\n' variant round rows total select head hash insert delete commit
for round in $(seq 1 "$ROUNDS"); do
  for v in "${VARIANTS[@]}"; do
    psql_on "${DB}_$v" -F' ' -c "select variant, round, moved, round(1e6 * total / moved), round(1e6 * t_select / moved),
        round(1e6 * t_head / moved), round(1e6 * t_hash / moved), round(1e6 * t_insert / moved),
        round(1e6 * t_delete / moved), round(1e6 * t_commit / moved) from bench_move_result where round = $round" |
      xargs printf '%-6s %5s %8s %8s %8s %8s %8s %8s %8s %8s\n'
  done
done
echo "median over the rounds (µs a row): total / insert / delete"
for v in "${VARIANTS[@]}"; do
  psql_on "${DB}_$v" -c "select '$v', percentile_cont(0.5) within group (order by 1e6 * total / moved)::int,
      percentile_cont(0.5) within group (order by 1e6 * t_insert / moved)::int,
      percentile_cont(0.5) within group (order by 1e6 * t_delete / moved)::int from bench_move_result"
done
