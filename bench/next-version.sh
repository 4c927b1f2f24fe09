#!/usr/bin/env bash
# Times the next-version path (every tag name, then the highest {version}-dev) over JGit against the git CLI,
# on a repository with 20 000 release tags and some noise, packed as git gc leaves it.
# Prints median figures. Not a test: nothing here passes or fails on speed.
#
#   bench/next-version.sh            # build adapters-git offline, make the repository, measure
#   TAGS=5000 RUNS=50 bench/next-version.sh
set -euo pipefail

TAGS=${TAGS:-20000}
RUNS=${RUNS:-41}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/slipway-next-version.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# shellcheck source=/dev/null
. "$ROOT/.mvn/jdk.sh"
JAVA="$JAVA_HOME/bin/java"

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m }'; }

echo "== building adapters-git and its test classpath"
build() {
  timeout 300 "$ROOT/mvnw" -B -o -q -f "$ROOT/pom.xml" "$@" \
    dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
}
# Uses domain and application from ~/.m2 when they are installed; from a clean clone, builds them in the reactor.
if ! build -pl adapters-git test-compile >"$WORK/build.log" 2>&1; then
  build -pl adapters-git -am package -DskipTests >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
fi
CLASSPATH_FILE="$ROOT/adapters-git/target/bench-classpath.txt"
CP="$ROOT/adapters-git/target/test-classes:$ROOT/adapters-git/target/classes:$(cat "$CLASSPATH_FILE")"

echo "== making a repository with $TAGS annotated {version}-dev tags and noise"
REPO="$WORK/hello"
git init -q -b main "$REPO"
COMMITS=200
NOISE=$((TAGS / 10))
{
  for ((c = 1; c <= COMMITS; c++)); do
    printf 'commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.com> %d +0000\ndata <<EOT\ncommit %d\nEOT\nM 644 inline app.txt\ndata <<EOT\n%d\nEOT\n\n' \
      "$c" $((1700000000 + c * 60)) "$c" "$c"
  done
  for ((n = 0; n < TAGS; n++)); do
    printf 'tag 0.1.%d-dev\nfrom :%d\ntagger Bench <bench@example.com> %d +0000\ndata <<EOT\nrelease 0.1.%d-dev\nEOT\n\n' \
      "$n" $((n % COMMITS + 1)) $((1700000000 + n)) "$n"
  done
  # Noise: other environments' tags, a v-prefixed series that sorts above every -dev tag, and backups.
  for ((n = 0; n < NOISE; n++)); do
    printf 'reset refs/tags/0.1.%d-prod\nfrom :%d\n\n' "$n" $((n % COMMITS + 1))
    printf 'reset refs/tags/v9.%d.0\nfrom :%d\n\n' "$n" $((n % COMMITS + 1))
    printf 'reset refs/tags/backup/2026-01-%05d\nfrom :%d\n\n' "$n" $((n % COMMITS + 1))
  done
} | git -C "$REPO" fast-import --quiet
git -C "$REPO" gc --quiet
LOOSE=$(find "$REPO/.git/refs/tags" -type f | wc -l)
TOTAL=$(git -C "$REPO" tag | wc -l)
echo "   $TOTAL tags, $LOOSE loose tag refs, packed-refs $(wc -c <"$REPO/.git/packed-refs") bytes"

echo "== git CLI: git tag --sort=-version:refname | head -1 ($RUNS runs)"
# head exits after one line and git may die of SIGPIPE, which is how the pipeline is meant to end.
set +o pipefail
cli_times() {
  local pattern=$1 start end
  for ((r = 0; r < 3; r++)); do git -C "$REPO" tag -l "$pattern" --sort=-version:refname | head -1 >/dev/null; done
  for ((r = 0; r < RUNS; r++)); do
    start=$EPOCHREALTIME
    git -C "$REPO" tag -l "$pattern" --sort=-version:refname | head -1 >/dev/null
    end=$EPOCHREALTIME
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", (e - s) * 1000 }'
  done
}
CLI_ALL=$(cli_times '*' | median)
CLI_DEV=$(cli_times '*-dev' | median)
CLI_LATEST=$(git -C "$REPO" tag -l '*-dev' --sort=-version:refname | head -1)
set -o pipefail

echo "== JGit, fresh JVM: first call including class loading (5 runs)"
FIRST=()
for ((r = 0; r < 5; r++)); do
  read -r JGIT_LATEST first_ms < <(timeout 60 "$JAVA" -Xshare:auto -Dslf4j.internal.verbosity=ERROR -cp "$CP" dev.slipway.adapter.git.bench.NextVersionFirstCall "$REPO")
  FIRST+=("$first_ms")
done
FIRST_MEDIAN=$(printf '%s\n' "${FIRST[@]}" | median)
if [[ "$JGIT_LATEST" != "$CLI_LATEST" ]]; then
  echo "JGit found $JGIT_LATEST but git found $CLI_LATEST" >&2
  exit 1
fi

echo "== JGit in a running JVM: JMH, sample time, 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement"
timeout 240 "$JAVA" -cp "$CP" org.openjdk.jmh.Main 'dev.slipway.adapter.git.bench.NextVersionBenchmark' \
  -p repository="$REPO" -f 1 -wi 3 -w 1s -i 5 -r 1s -jvmArgsAppend "-Xmx512m -Dslf4j.internal.verbosity=ERROR" \
  -rf csv -rff "$WORK/jmh.csv" >"$WORK/jmh.log" 2>&1 || { cat "$WORK/jmh.log"; exit 1; }
p50() { awk -F, -v name="\"dev.slipway.adapter.git.bench.NextVersionBenchmark.$1:p0.50\"" '$1 == name { printf "%.2f", $5 }' "$WORK/jmh.csv"; }
p99() { awk -F, -v name="\"dev.slipway.adapter.git.bench.NextVersionBenchmark.$1:p0.99\"" '$1 == name { printf "%.2f", $5 }' "$WORK/jmh.csv"; }

cat <<EOF

next version over $TOTAL tags ($TAGS of them {version}-dev), latest $CLI_LATEST; median milliseconds
  git tag --sort=-version:refname | head -1          $CLI_ALL   (process start included)
  git tag -l '*-dev' --sort=-version:refname | head -1 $CLI_DEV
  JGit tagNames + TagPattern.latest, warm            $(p50 warm)   (p99 $(p99 warm))
  JGit tagNames + TagPattern.latest, cold            $(p50 cold)   (p99 $(p99 cold); repository opened, packed-refs read)
  JGit first call in a fresh JVM                     $FIRST_MEDIAN   (class loading and signed-jar checks included, JVM start excluded)
machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end
EOF
