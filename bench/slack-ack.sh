#!/usr/bin/env bash
# Slack ack benchmark (prints figures; not a test). Sends REQUESTS (default 200) concurrent signed `/deploy dev` slash
# commands to a running server's /slack/events, ROUNDS times (default 3; the first round pays for the JIT), and prints
# the ack latency p50/p99/max of each round and the server's resident memory (VmRSS) at rest, before the load, and
# after it. The signing secret is made up for the run and passed through the environment only.
#   bench/slack-ack.sh                      the Slack front end over the core's in-memory fakes (adapters-slack's test
#                                           SlackBenchServer), with an in-process stub for Slack's Web API
#   bench/slack-ack.sh --serve slipway.yml  `java -jar bootstrap/target/slipway.jar serve --config FILE` instead; the
#                                           file must enable Slack (slipway.slack.enabled: true) for team T0SLIPWAY and
#                                           point slipway.slack.api-url at a stub (or accept failed chat.postMessage);
#                                           the deployments it starts are real ones
# TEXT replaces the command text (default "dev"; "help" measures the ack alone, with no work behind it).
# SERVER_JAVA_OPTS sets the server's JVM options (default -XX:+UseSerialGC). Everything it starts, it stops.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
requests=${REQUESTS:-200}
rounds=${ROUNDS:-3}
team=T0SLIPWAY
server_opts=${SERVER_JAVA_OPTS:--XX:+UseSerialGC}
read -r -a jvm_opts <<<"$server_opts"
config=""
if [ "${1-}" = "--serve" ]; then
  config=${2:?usage: bench/slack-ack.sh [--serve slipway.yml]}
fi

cp_file="$root/adapters-slack/target/bench.classpath"
(cd "$root" && ./mvnw -B -o -q -pl adapters-slack test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file")
classpath="$root/adapters-slack/target/test-classes:$root/adapters-slack/target/classes:$(cat "$cp_file")"

SLACK_SIGNING_SECRET=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export SLACK_SIGNING_SECRET
log=$(mktemp "${TMPDIR:-/tmp}/slack-ack.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
if [ -n "$config" ]; then
  jar="$root/bootstrap/target/slipway.jar"
  [ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -B -DskipTests package)" >&2; exit 1; }
  SLACK_BOT_TOKEN=${SLACK_BOT_TOKEN:-bench-bot-token-placeholder} "$java" "${jvm_opts[@]}" -jar "$jar" serve --config "$config" --port "$port" >"$log" 2>&1 &
else
  SLACK_BOT_TOKEN=bench-bot-token-placeholder "$java" "${jvm_opts[@]}" -cp "$classpath" dev.slipway.adapter.slack.SlackBenchServer "$port" >"$log" 2>&1 &
fi
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT

deadline=$((SECONDS + 90))
until curl -s -o /dev/null "http://127.0.0.1:$port/slack/events" 2>/dev/null; do
  if ! kill -0 "$server" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "the server did not start; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.5
done
sleep 5 # at rest: start-up work (class loading, the first GC) has settled

echo "server: $([ -n "$config" ] && echo "slipway.jar serve --config $config" || echo "SlackBenchServer (core over fakes)"), JVM options: $server_opts"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$java" -version 2>&1 | head -n 1)"
"$java" -cp "$classpath" dev.slipway.adapter.slack.SlackAckBenchmark "http://127.0.0.1:$port/slack/events" "$team" "$server" "$requests" "$rounds" "${TEXT:-dev}"
