#!/usr/bin/env bash
# Times the 客均合同 dashboard queries and the snapshot refresh on an existing, migrated book.
#   bench/metrics-queries.sh 'jdbc:postgresql://127.0.0.1:5432/metrics_scratch?user=postgres' [runs=5] [agent=ID] [branch=ID] [naive=true] [rebuild=false]
# Optional environment:
#   APP_URL=http://localhost:8082 APP_USER=analyst APP_PASSWORD=demo1234  also time the dashboard page and the API over HTTP
#   APP_PID=<pid of the running app>                                     also print the app's heap (jcmd GC.heap_info)
# Results are printed and kept in bench/results/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a book}
shift
mkdir -p bench/results
out="bench/results/metrics-$(date +%Y%m%d-%H%M%S).txt"
. bench/java-bench.sh
bench_classpath
{
  echo "== queries ($(date -Is), $(nproc) cores)"
  java -Xmx512m -cp "$cp" io.insurecrm.metrics.ContractsPerCustomerBenchmark "$url" "$@"
  if [[ -n "${APP_URL:-}" ]]; then
    echo
    echo "== over HTTP: $APP_URL as ${APP_USER:-analyst} (5 runs each: first, then median of the rest, ms)"
    for path in "/" "/api/metrics/contracts-per-customer" "/api/metrics/contracts-per-customer?by=region" \
                "/api/metrics/contracts-per-customer?by=agent" "/api/metrics/contracts-per-customer?by=household" \
                "/api/metrics/contracts-per-customer/trend?months=36" "/metrics/contracts-per-customer.csv?by=household"; do
      times=()
      for i in 1 2 3 4 5; do
        t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -u "${APP_USER:-analyst}:${APP_PASSWORD:-demo1234}" "$APP_URL$path")
        [[ ${t%% *} == 200 ]] || { echo "  $path -> HTTP ${t%% *}"; continue 2; }
        times+=("$(awk -v s="${t#* }" 'BEGIN{printf "%d", s*1000}')")
      done
      median=$(printf '%s\n' "${times[@]:1}" | sort -n | sed -n 2p)
      printf '  %-60s first %6s  median %6s\n' "$path" "${times[0]}" "$median"
    done
  fi
  if [[ -n "${APP_PID:-}" ]]; then
    echo
    echo "== app heap (pid $APP_PID)"
    jcmd "$APP_PID" GC.heap_info | sed 's/^/  /'
  fi
} 2>&1 | tee "$out"
echo "kept in $out"
