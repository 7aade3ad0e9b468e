#!/usr/bin/env bash
# Segmentation benchmark (docs/benchmarks.md, "Segmentation: incremental nightly run"): applies the pending Flyway
# migrations, then recomputeAll on the book (first run, an unchanged second run), the incremental nightly run (same day,
# next day, next day again, a day after 1% of the book got an interaction — or, writes=policies, as many active policies a
# premium change), a whole-book run checking that the nightly
# runs left exactly what it computes, and recompute(customerId) one by one for a random sample, extrapolated.
# It WRITES placements, tags and interactions (truncates segment_placement first): use a scratch copy of a book, e.g.
#   psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE seg_bench TEMPLATE book1m'
#   bench/segmentation.sh 'jdbc:postgresql://127.0.0.1:5432/seg_bench?user=postgres' [sample=1000] [keep] [writes=policies]
#   psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE seg_bench'
# A rule change, the whole book (all five dimensions) on copy A against the run of the changed dimension alone on copy B
# (docs/benchmarks.md, "Segmentation: a rule change re-places only its dimension"):
#   psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE dim_a TEMPLATE book1m'; psql ... -c 'CREATE DATABASE dim_b TEMPLATE book1m'
#   bench/segmentation.sh 'jdbc:postgresql://127.0.0.1:5432/dim_a?user=postgres' rule-change-dim \
#       twin='jdbc:postgresql://127.0.0.1:5432/dim_b?user=postgres' [sample=200] [also=BEHAVIOUR,RISK] [check=no] [placed=yesterday]
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a scratch book}
shift
. bench/java-bench.sh
run_bench segmentation "segmentation" io.insurecrm.segmentation.SegmentBenchmark "$url" "$@"
