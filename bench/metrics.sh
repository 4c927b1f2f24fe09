#!/usr/bin/env bash
# Times the four delivery keys (slipway metrics, GET /api/metrics) through MetricsService over JdbcDeploymentRegistry on an
# embedded PostgreSQL 17 (zonky binaries from Maven Central) holding 100 000 deployments with two commits each: one service
# over 30 days, one production environment over 90 days, and every service over 30 and 90 days (all 100 000 deployments).
# Prints median, p90 and p99 after a warm-up. Not a test: nothing here passes or fails on speed. Target: within 50 ms.
#
#   bench/metrics.sh                                   # build adapters-jdbc (and what it needs) offline, load, measure
#   DEPLOYMENTS=20000 RUNS=100 bench/metrics.sh         # smaller and quicker
set -euo pipefail

DEPLOYMENTS=${DEPLOYMENTS:-100000}
WARMUP=${WARMUP:-200}
RUNS=${RUNS:-500}
DEADLINE_SECONDS=${DEADLINE_SECONDS:-420}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/slipway-metrics.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# shellcheck source=/dev/null
. "$ROOT/.mvn/jdk.sh"
JAVA="$JAVA_HOME/bin/java"

echo "== building adapters-jdbc and its test classpath"
build() {
  timeout 300 "$ROOT/mvnw" -B -o -q -f "$ROOT/pom.xml" "$@" \
    dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
}
# Always in the reactor: the metrics service lives in this tree's application module, which ~/.m2 may not have yet.
build -pl adapters-jdbc -am test-compile >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
CP="$ROOT/adapters-jdbc/target/test-classes:$ROOT/adapters-jdbc/target/classes"
CP="$CP:$ROOT/application/target/classes:$ROOT/application/target/test-classes:$ROOT/domain/target/classes"
CP="$CP:$(cat "$ROOT/adapters-jdbc/target/bench-classpath.txt")"

echo "== $DEPLOYMENTS deployments, $WARMUP warm-up calls, $RUNS measured calls per figure (gives up after ${DEADLINE_SECONDS}s)"
# The JVM measures itself; the outer timeout is only a backstop should PostgreSQL hang.
timeout $((DEADLINE_SECONDS + 120)) "$JAVA" -Xms512m -Xmx1g -XX:+UseSerialGC \
  -Dexplain="${EXPLAIN:-false}" -Ddeployments="$DEPLOYMENTS" -Dwarmup="$WARMUP" -Druns="$RUNS" -DdeadlineSeconds="$DEADLINE_SECONDS" \
  -cp "$CP" dev.slipway.adapter.jdbc.MetricsBenchmark
