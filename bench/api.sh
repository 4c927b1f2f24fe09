#!/usr/bin/env bash
# REST API history latency and dashboard time to first byte with 100 000 deployments in a real PostgreSQL 17 (zonky
# embedded binaries from Maven Central), loaded as bench/history.sh loads it. The server is adapters-http's
# WebConfiguration over the real core services and JdbcDeploymentRegistry, in one JVM with an HTTP client on loopback
# (bench/ApiBenchmark.java, run with Java's source launcher). Prints median, p90, p99; not a test: nothing here passes or
# fails on speed. Targets: history query within 5 ms, dashboard pages (the overview, a service's page) within 100 ms.
#
#   bench/api.sh                                   # build offline, load, measure
#   DEPLOYMENTS=20000 RUNS=1000 bench/api.sh       # smaller and quicker
set -euo pipefail

DEPLOYMENTS=${DEPLOYMENTS:-100000}
WARMUP=${WARMUP:-2000}
RUNS=${RUNS:-5000}
DEADLINE_SECONDS=${DEADLINE_SECONDS:-420}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/slipway-api-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# shellcheck source=/dev/null
. "$ROOT/.mvn/jdk.sh"
JAVA="$JAVA_HOME/bin/java"

echo "== building adapters-jdbc and adapters-http with their test classpaths"
build() {
  timeout 300 "$ROOT/mvnw" -B -o -q -f "$ROOT/pom.xml" "$@" \
    dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
}
# Always in the reactor, so that domain and application are this tree's, not whatever ~/.m2 holds.
build -pl adapters-jdbc,adapters-http -am test-compile >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
CP="$ROOT/adapters-http/target/classes:$ROOT/adapters-jdbc/target/test-classes:$ROOT/adapters-jdbc/target/classes"
CP="$CP:$ROOT/application/target/classes:$ROOT/application/target/test-classes:$ROOT/domain/target/classes"
CP="$CP:$(cat "$ROOT/adapters-http/target/bench-classpath.txt"):$(cat "$ROOT/adapters-jdbc/target/bench-classpath.txt")"

echo "== $DEPLOYMENTS deployments, $WARMUP warm-up and $RUNS measured requests per API figure (gives up after ${DEADLINE_SECONDS}s)"
timeout $((DEADLINE_SECONDS + 120)) "$JAVA" -Xms512m -Xmx1g -XX:+UseSerialGC \
  -Ddeployments="$DEPLOYMENTS" -Dwarmup="$WARMUP" -Druns="$RUNS" -DdeadlineSeconds="$DEADLINE_SECONDS" \
  -cp "$CP" "$ROOT/bench/ApiBenchmark.java"
