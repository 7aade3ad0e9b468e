#!/usr/bin/env bash
# Trains the caravan propensity model on TRAIN (ticdata2000.txt format, 86 columns) and ranks the customers of EVAL
# (85 columns): OUT gets one line per EVAL customer, its 1-based row number and score, tab-separated, highest score
# first, ties by row number.
#   bench/coil-rank.sh ../shared/data/coil2000/ticdata2000.txt ../shared/data/coil2000/ticeval2000.txt /tmp/ranked.txt
# Builds the classes first when they are missing (./mvnw -B -q package -DskipTests). The model needs no library
# beyond the JDK, so target/classes is the whole classpath.
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "usage: $0 TRAIN EVAL OUT" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ ! -f "$root/target/classes/io/insurecrm/crosssell/CoilRank.class" ]]; then
  (cd "$root" && ./mvnw -B -q package -DskipTests)
fi
exec java -cp "$root/target/classes" io.insurecrm.crosssell.CoilRank "$1" "$2" "$3"
