#!/usr/bin/env bash
# Times the what-if preview of every dimension over HTTP, as the background job it is since 2026-12-02: the POST
# (answered at once: 202 RUNNING, or 200 DONE within answer-within) and the job (polled every second until DONE),
# with each dimension's active rules as the proposal (so the matrix is the diagonal: nothing moves).
#   APP_URL=http://localhost:8082 APP_USER=admin APP_PASSWORD=demo1234 bench/segment-preview.sh [VALUE LIFE_STAGE ...]
# Prints per dimension: HTTP status and time of the POST, the job's own elapsed time, and the wall time to DONE.
# Results are printed and kept in bench/results/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
app=${APP_URL:?APP_URL of a running app}
auth="${APP_USER:-admin}:${APP_PASSWORD:-demo1234}"
dimensions=("$@")
[[ ${#dimensions[@]} -gt 0 ]] || dimensions=(VALUE LIFE_STAGE BEHAVIOUR RISK DYNAMIC)
mkdir -p bench/results
out="bench/results/segment-preview-$(date +%Y%m%d-%H%M%S).txt"
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get(sys.argv[1]))' "$1"; }
{
  echo "== what-if previews over HTTP ($(date -Is), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)) as ${APP_USER:-admin}"
  for dimension in "${dimensions[@]}"; do
    rules=$(curl -sf -u "$auth" "$app/api/segments/rules?dimension=$dimension" \
            | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["rules"]))')
    start=$(date +%s.%N)
    response=$(curl -s -D /tmp/segment-preview-headers.$$ -u "$auth" -H 'Content-Type: application/json' \
               -w '\n%{http_code} %{time_total}' -d "$rules" "$app/api/segments/rules/$dimension/preview")
    status_time=$(tail -1 <<<"$response")
    body=$(sed '$d' <<<"$response")
    location=$(grep -i '^location:' /tmp/segment-preview-headers.$$ | tr -d '\r' | cut -d' ' -f2)
    state=$(field state <<<"$body")
    while [[ $state == RUNNING ]]; do
      sleep 1
      body=$(curl -sf -u "$auth" "$app$location")
      state=$(field state <<<"$body")
    done
    wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
    printf '  %-11s POST %s in %5.2f s  job %-6s %6s s  wall %6s s  moved %s\n' "$dimension" "${status_time%% *}" \
           "${status_time#* }" "$state" "$(field elapsedSeconds <<<"$body")" "$wall" \
           "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(c["customers"] for c in d.get("cells") or [] if c["from"]!=c["to"]))' <<<"$body")"
  done
  rm -f /tmp/segment-preview-headers.$$
} 2>&1 | tee "$out"
echo "kept in $out"
