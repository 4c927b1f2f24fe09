#!/usr/bin/env bash
# Times DeploymentRegistry.history(service, environment, limit 50) through JdbcDeploymentRegistry on an embedded
# PostgreSQL 17 (zonky binaries from Maven Central) holding 100 000 deployments with four steps and two commits each.
# Prints median and p99 over many calls after a warm-up. Not a test: nothing here passes or fails on speed.
# Target: history(service, env, limit 50) within 5 ms.
#
#   bench/history.sh                                   # build adapters-jdbc offline, load, measure
#   DEPLOYMENTS=20000 RUNS=2000 bench/history.sh        # smaller and quicker
set -euo pipefail

DEPLOYMENTS=${DEPLOYMENTS:-100000}
WARMUP=${WARMUP:-3000}
RUNS=${RUNS:-10000}
DEADLINE_SECONDS=${DEADLINE_SECONDS:-420}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/slipway-history.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# shellcheck source=/dev/null
. "$ROOT/.mvn/jdk.sh"
JAVA="$JAVA_HOME/bin/java"

echo "== building adapters-jdbc and its test classpath"
build() {
  timeout 300 "$ROOT/mvnw" -B -o -q -f "$ROOT/pom.xml" "$@" \
    dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
}
# Uses domain and application from ~/.m2 when they are installed; from a clean clone, builds them in the reactor.
if ! build -pl adapters-jdbc test-compile >"$WORK/build.log" 2>&1; then
  build -pl adapters-jdbc -am test-compile >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
fi
CP="$ROOT/adapters-jdbc/target/test-classes:$ROOT/adapters-jdbc/target/classes:$(cat "$ROOT/adapters-jdbc/target/bench-classpath.txt")"

echo "== $DEPLOYMENTS deployments, $WARMUP warm-up calls, $RUNS measured calls per figure (gives up after ${DEADLINE_SECONDS}s)"
# The JVM measures itself; the outer timeout is only a backstop should PostgreSQL hang.
timeout $((DEADLINE_SECONDS + 120)) "$JAVA" -Xms512m -Xmx1g -XX:+UseSerialGC \
  -Dexplain="${EXPLAIN:-false}" -Ddeployments="$DEPLOYMENTS" -Dwarmup="$WARMUP" -Druns="$RUNS" -DdeadlineSeconds="$DEADLINE_SECONDS" \
  -cp "$CP" dev.slipway.adapter.jdbc.HistoryBenchmark
