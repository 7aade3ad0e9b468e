#!/usr/bin/env bash
# The what-if preview's statement on a placed book (docs/benchmarks.md, "what-if preview without reasons"): each
# dimension with its active rules as the proposal, the statement building every reason beside the segments alone,
# alternated; the two migration matrices compared. Reads only.
#   bench/segment-preview-sql.sh 'jdbc:postgresql://127.0.0.1:5432/<placed book>?user=postgres' [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a placed book}
shift
. bench/java-bench.sh
run_bench segment-preview-sql "segment preview sql" io.insurecrm.segmentation.PreviewSqlBenchmark "$url" "$@"
