#!/usr/bin/env bash
# Hostile-input benchmark (prints figures; not a test). Starts `slipway serve` from bootstrap/target/slipway.jar on
# 127.0.0.1 with the API, Slack and GitHub webhooks enabled over a scratch service, then sends COUNT (default 100) of
# each oversized request and prints the server's resident memory (VmRSS) before and after, and the time to refuse each:
#   api        POST /api/deployments, 1 MiB body with Content-Length (limit 64 KiB)
#   slack      POST /slack/events, 300 KiB form body with Content-Length (limit 256 KiB)
#   webhook    POST /webhooks/github, 26 MiB unsigned body with Content-Length (limit 25 MiB)
#   chunked    POST /webhooks/github, 26 MiB unsigned body without Content-Length (a webhook must declare its length: 411)
#   api-chunked POST /api/deployments, 1 MiB body without Content-Length (counted while read, refused past 64 KiB)
# Secrets are made up for the run and passed through the environment only. Everything it starts, it stops.
# Build the jar first: ./mvnw -B -ntp -DskipTests package -pl bootstrap -am
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
count=${COUNT:-100}
jar="$root/bootstrap/target/slipway.jar"
[ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -B -ntp -DskipTests package -pl bootstrap -am)" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/slipway-hostile.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

git -C "$scratch" init -q -b dev hello-service
printf 'print("hello")\n' >"$scratch/hello-service/app.py"
git -C "$scratch/hello-service" add app.py
git -C "$scratch/hello-service" -c user.name=bench -c user.email=bench@example.invalid commit -q -m "Start hello"
cat >"$scratch/slipway.yml" <<'YAML'
slipway:
  slack: { enabled: true, team-id: T0SLIPWAY, api-url: "http://127.0.0.1:9/api/" }
  api:
    tokens:
      - { actor: bench, env: SLIPWAY_API_TOKEN_BENCH }
  webhooks: { github: { enabled: true } }
  services:
    hello:
      repository: hello-service
      environments:
        dev:
          branch: dev
          tag: "{version}-dev"
          target: { type: local, command: "python3 app.py", port: 18081 }
YAML

# The server's flags as bin/slipway runs `slipway serve` (distribution/src/main/dist/lib/launcher.sh); SERVER_JAVA_OPTS overrides.
read -r -a jvm_opts <<<"${SERVER_JAVA_OPTS:--XX:+UseSerialGC -Xms48m -XX:MaxRAMPercentage=75 -XX:MinHeapFreeRatio=15 -XX:MaxHeapFreeRatio=40 -XX:ReservedCodeCacheSize=64m -Xss512k}"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
token=$(secret)
SERVER_ADDRESS=127.0.0.1 SLIPWAY_API_TOKEN_BENCH=$token GITHUB_WEBHOOK_SECRET=$(secret) SLACK_SIGNING_SECRET=$(secret) \
  SLACK_BOT_TOKEN=bench-bot-token-placeholder "$java" "${jvm_opts[@]}" -jar "$jar" serve --config "$scratch/slipway.yml" --port "$port" \
  >"$scratch/server.log" 2>&1 &
server=$!

deadline=$((SECONDS + 120))
until grep -q "listening on port" "$scratch/server.log" 2>/dev/null; do
  if ! kill -0 "$server" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "the server did not start; its output:" >&2
    cat "$scratch/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
sleep 5 # at rest: start-up work (class loading, the first GC) has settled

rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
head -c $((1024 * 1024)) /dev/zero | tr '\0' 'a' | sed 's/^/{"environment":"dev","name":"/; s/$/"}/' >"$scratch/api.json"
printf 'command=%%2Fdeploy&text=' >"$scratch/slack.form"; head -c $((300 * 1024)) /dev/zero | tr '\0' 'a' >>"$scratch/slack.form"
head -c $((26 * 1024 * 1024)) /dev/zero >"$scratch/webhook.bin"

echo "server: slipway.jar serve on 127.0.0.1:$port (${jvm_opts[*]}), $count requests of each kind, one at a time"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$java" -version 2>&1 | head -n 1)"
before=$(rss)
echo "resident memory before: ${before} MB"

send() { # kind, then curl arguments; prints the status codes seen and the time to refuse
  local kind=$1; shift
  local times="$scratch/$kind.times"
  : >"$times"
  for _ in $(seq "$count"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@" >>"$times" || echo "000 0" >>"$times"
  done
  local codes p50
  codes=$(cut -d' ' -f1 "$times" | sort | uniq -c | awk '{ printf "%s%sx%s", sep, $2, $1; sep = " " }')
  p50=$(cut -d' ' -f2 "$times" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] * 1000 }')
  awk -v kind="$kind" -v codes="$codes" -v p50="$p50" '{ t = $2 * 1000; sum += t; if (t > max) max = t }
    END { printf "%-11s statuses %s; refused in p50 %s ms, mean %.1f ms, max %.1f ms\n", kind, codes, p50, sum / NR, max }' "$times"
}

send api -X POST "http://127.0.0.1:$port/api/deployments" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
  --data-binary @"$scratch/api.json"
send slack -X POST "http://127.0.0.1:$port/slack/events" -H "Content-Type: application/x-www-form-urlencoded" \
  -H "X-Slack-Request-Timestamp: $(date +%s)" -H "X-Slack-Signature: v0=00" --data-binary @"$scratch/slack.form"
send webhook -X POST "http://127.0.0.1:$port/webhooks/github" -H "Content-Type: application/json" -H "X-GitHub-Event: push" \
  --data-binary @"$scratch/webhook.bin"
send chunked -X POST "http://127.0.0.1:$port/webhooks/github" -H "Content-Type: application/json" -H "X-GitHub-Event: push" \
  -H "Transfer-Encoding: chunked" --data-binary @"$scratch/webhook.bin"
send api-chunked -X POST "http://127.0.0.1:$port/api/deployments" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
  -H "Transfer-Encoding: chunked" --data-binary @"$scratch/api.json"

after=$(rss)
echo "resident memory after:  ${after} MB (grew by $((after - before)) MB; target: less than 64 MB)"
