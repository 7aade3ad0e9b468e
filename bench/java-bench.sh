# Sourced by the benchmark scripts that run a benchmark class of the test sources against a database:
#   bench_classpath            compiles the test sources (offline when it can) and sets cp to their classpath
#                              (target/bench-classpath.txt holds the dependencies alone)
#   run_bench NAME TITLE CLASS URL [ARGS…]
#                              runs CLASS with URL and ARGS, with the machine, the commit and the load before and after,
#                              printed and kept in bench/results/NAME-<time>.txt (not committed)
# The caller has cd'ed to the project root.

bench_classpath() {
  ./mvnw -B -q -o test-compile >/dev/null 2>&1 || ./mvnw -B -q test-compile
  ./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null 2>&1 \
    || ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
  cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
}

run_bench() {
  local name=$1 title=$2 class=$3
  shift 3
  mkdir -p bench/results
  local out
  out="bench/results/$name-$(date +%Y%m%d-%H%M%S).txt"
  bench_classpath
  {
    echo "== $title ($(date -Is), $(nproc) cores, git $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+changes'))"
    echo "load at start: $(uptime)"
    java -Xmx512m -cp "$cp" "$class" "$@"
    echo "load at end: $(uptime)"
  } | tee "$out"
}
