#!/usr/bin/env bash
# FieldCipher's per-thread Cipher reuse: CipherBenchmark against the FieldCipher of a baseline revision (a new
# javax.crypto.Cipher per seal and per open) and against the working tree's, alternating round by round in one run,
# so both see the same load.
# Usage: bench/cipher-reuse.sh [baseline-revision] [values=200000] [rounds=4]   (after ./mvnw -B -q test-compile)
# The default baseline is the revision before the last change of FieldCipher.java.
set -euo pipefail
cd "$(dirname "$0")/.."
source_file=src/main/java/io/insurecrm/platform/crypto/FieldCipher.java
base=${1:-$(git log -1 --format=%H -- "$source_file")^}
values=${2:-200000}
rounds=${3:-4}
classes=${CLASSES:-target/test-classes:target/classes}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src" "$tmp/classes" bench/results
git show "$base:$source_file" > "$tmp/src/FieldCipher.java"
javac -nowarn -d "$tmp/classes" -cp target/classes "$tmp/src/FieldCipher.java"
out=bench/results/cipher-reuse-$(date -u +%Y%m%dT%H%M%S).txt
{
  echo "== cipher reuse ($(date -Is), commit $(git rev-parse --short HEAD)$(git diff --quiet -- "$source_file" || echo '+changes'), baseline $(git rev-parse --short "$base"), $(nproc) cores)"
  for round in $(seq 1 "$rounds"); do
    echo "-- round $round, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'baseline (Cipher per call): '
    java -cp "$tmp/classes:$classes" io.insurecrm.platform.crypto.CipherBenchmark "$values"
    printf 'reuse (Cipher per thread):  '
    java -cp "$classes" io.insurecrm.platform.crypto.CipherBenchmark "$values"
  done
  echo "-- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
echo "raw output: $out"
