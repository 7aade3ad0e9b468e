#!/usr/bin/env bash
# Need-cluster benchmark (docs/benchmarks.md, "Need clusters on the 1M book"): applies the pending Flyway migrations,
# then times a run with a fixed k and a run with k chosen by the silhouette criterion, in steps (features, sample read,
# fit, set-based assignment of every customer, profile/follow/commit), and beside them the same assignment one customer
# at a time for a random sample (extrapolated), checked to agree with the set-based one. `explain` prints the plan of the
# assignment statement instead (rolled back; needs a finished run). It WRITES need-cluster runs: use a scratch book, e.g.
#   psql -h 127.0.0.1 -U postgres -c 'create database clu1m'
#   BENCH_DATABASE_URL='jdbc:postgresql://127.0.0.1:5432/clu1m?user=postgres' bash bench/load-book.sh 1000000
#   bench/clusters.sh 'jdbc:postgresql://127.0.0.1:5432/clu1m?user=postgres' [k=6] [sample=2000] [explain]
#   psql -h 127.0.0.1 -U postgres -c 'drop database clu1m'
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a scratch book}
shift
. bench/java-bench.sh
run_bench clusters "need clusters" io.insurecrm.segmentation.ClusterBenchmark "$url" "$@"
