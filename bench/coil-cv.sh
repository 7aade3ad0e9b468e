#!/usr/bin/env bash
# Repeated stratified k-fold cross-validation of the caravan propensity model on the CoIL 2000 training file only,
# beside the car-policy baseline; prints a table (holders in the top 20% of each held-out fold, scaled to "per 800
# of 4,000") and the training time.
#   bench/coil-cv.sh [TRAIN=../shared/data/coil2000/ticdata2000.txt] [folds=5] [seeds=5]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
train="${1:-$root/../shared/data/coil2000/ticdata2000.txt}"
if [[ ! -f "$root/target/classes/io/insurecrm/crosssell/CoilCrossValidation.class" ]]; then
  (cd "$root" && ./mvnw -B -q package -DskipTests)
fi
exec java -cp "$root/target/classes" io.insurecrm.crosssell.CoilCrossValidation "$train" "${2:-5}" "${3:-5}"
