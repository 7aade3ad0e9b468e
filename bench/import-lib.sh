# Shared by the import benchmarks (source it): one import through the REST API of a running app, signed in as
# bench/demo1234 — upload + dry run, commit, polled until it leaves COMMITTING — with the job's counts and rows/s.
# Sets LAST_TOTAL (seconds, upload to COMMITTED) and LAST_COMMIT (seconds, commit request to COMMITTED). Needs FILE, ROWS and BASE; IMPORT_TIMEOUT (seconds for the upload, default 900) and IMPORT_POLL (default 1).
# BEFORE_COMMIT, when set, is run (eval) after the dry run, right before the commit request.

now() { date +%s.%N; }
job_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

# run_import LABEL PROFILE
run_import() {
  local label=$1 profile=$2 t0 t1 t2 id status
  t0=$(now)
  id=$(curl -sS --max-time "${IMPORT_TIMEOUT:-900}" -u bench:demo1234 -F "file=@$FILE" "$BASE/api/imports?profile=$profile" | job_field id)
  if [ -n "${BEFORE_COMMIT:-}" ]; then eval "$BEFORE_COMMIT"; fi
  t1=$(now)
  curl -sf -u bench:demo1234 -X POST "$BASE/api/imports/$id/commit" > /dev/null
  while status=$(curl -sf -u bench:demo1234 "$BASE/api/imports/$id" | job_field status); [ "$status" = COMMITTING ]; do sleep "${IMPORT_POLL:-1}"; done
  t2=$(now)
  curl -sf -u bench:demo1234 "$BASE/api/imports/$id" | python3 -c "
import json,sys; j=json.load(sys.stdin)
print('$label job %d %s: create %d update %d unchanged %d invalid %d; created %d updated %d' % (j['id'], j['status'],
  j['rowsToCreate'], j['rowsToUpdate'], j['rowsUnchanged'], j['rowsInvalid'], j['rowsCreated'], j['rowsUpdated']))"
  LAST_TOTAL=$(python3 -c "print($t2-$t0)")
  LAST_COMMIT=$(python3 -c "print($t2-$t1)")
  python3 -c "r=$ROWS; u=$t1-$t0; c=$t2-$t1; print('$label upload+dry run %.1f s (%.0f rows/s), commit %.1f s (%.0f rows/s), total %.1f s (%.0f rows/s)' % (u, r/u, c, r/c, u+c, r/(u+c)))"
}
