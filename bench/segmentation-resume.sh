#!/usr/bin/env bash
# Chunked, resumable whole-book segment run (docs/benchmarks.md, "Segmentation: chunked and resumable whole-book run"):
# in one run of this script, on the same book, (1) the previous single-transaction whole-book run from scratch (rolled
# back) against the chunked run from scratch, (2) a chunked run
# from scratch whose JVM halts inside chunk K's transaction (as a killed instance: no clean-up runs, its connections
# drop), then (3) a new JVM that resumes it as a restarted instance does, and checks that the placements equal those
# of the uninterrupted run and that a single-transaction run after it writes nothing; (4) both runs again on the
# placed book (nothing changes).
# It WRITES (truncates the placements): use a scratch copy of a PLACED book (bench/segmentation.sh URL fill), e.g.
#   psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE seg_resume TEMPLATE book1m'
#   bench/segmentation.sh 'jdbc:postgresql://127.0.0.1:5432/seg_resume?user=postgres' fill
#   bench/segmentation-resume.sh 'jdbc:postgresql://127.0.0.1:5432/seg_resume?user=postgres' [chunk=100000] [kill-in-chunk=4]
#   psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE seg_resume'
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?JDBC URL of a database holding a scratch copy of a placed book}
shift
mkdir -p bench/results
out="bench/results/segmentation-resume-$(date +%Y%m%d-%H%M%S).txt"
. bench/java-bench.sh
bench_classpath
# a private copy of the classes: a build in this work tree while the benchmark runs (it takes long) must not swap them
snap=$(mktemp -d /tmp/segmentation-resume.XXXXXX)
trap 'rm -rf "$snap"' EXIT
cp -r target/classes target/test-classes "$snap"/
cp="$snap/test-classes:$snap/classes:$(cat target/bench-classpath.txt)"
run() { java -Xmx512m -cp "$cp" io.insurecrm.segmentation.SegmentBenchmark "$url" "$@"; }
{
  echo "== segmentation-resume ($(date -Is), $(nproc) cores, git $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+changes'))"
  echo "load at start: $(uptime)"
  run chunked "$@"
  echo "load: $(uptime)"
  t0=$(date +%s%N)
  set +e
  run interrupt "$@"
  rc=$?
  set -e
  t1=$(date +%s%N)
  echo "interrupted JVM exit code $rc (137 = halted as planned) after $(( (t1 - t0) / 1000000 )) ms wall, JVM start included"
  run resume
  t2=$(date +%s%N)
  echo "kill + resume: $(( (t2 - t0) / 1000000 )) ms wall in all, both JVM starts included"
  run again "$@"
  echo "load at end: $(uptime)"
} 2>&1 | tee "$out"
