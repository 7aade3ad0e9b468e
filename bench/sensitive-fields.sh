#!/usr/bin/env bash
# CPU cost of the sensitive-field encryption (health readings, bank account) beside its clear baseline, same run.
# Usage: bench/sensitive-fields.sh [rounds=20000]   (after ./mvnw -B -q test-compile)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-20000}
echo "== sensitive fields ($(date -Is), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg))"
java -cp target/test-classes:target/classes io.insurecrm.platform.crypto.SensitiveFieldsBenchmark "$rounds"
echo "-- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
