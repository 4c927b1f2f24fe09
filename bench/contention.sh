#!/usr/bin/env bash
# Contention benchmark (prints figures; not a test): PROCS concurrent `slipway deploy dev --output json` (default 20) on
# the embedded default registry (the H2 file under the state directory), ROUNDS rounds (default 10), a new commit on
# dev before each round. Per round it prints how many processes exited 0, 3, 1 and otherwise, the wall time, and the
# first line of every unexpected answer; at the end the totals, and exits 1 unless every round held. Everything stops by itself; the scratch directory and
# the releases it started are removed at the end. Usage: bench/contention.sh [PROCS] [ROUNDS]
# Needs the jar: ./mvnw -B -DskipTests -pl bootstrap -am package.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
procs=${1:-${PROCS:-20}}
rounds=${2:-${ROUNDS:-10}}
jar="$root/bootstrap/target/slipway.jar"
[ -f "$jar" ] || { echo "no $jar: run ./mvnw -B -DskipTests -pl bootstrap -am package first" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/slipway-contention.XXXXXX")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() {
  # stop the releases the deploys started, by the pids their run-state files record, then remove the scratch directory
  for pid in $(grep -rhoE '^(previous\.)?pid=[0-9]+' "$scratch/.slipway" 2>/dev/null | cut -d= -f2 | sort -u); do
    kill "$pid" 2>/dev/null || true
  done
  if [ -n "${KEEP:-}" ]; then echo "kept $scratch"; else rm -rf "$scratch"; fi
}
trap cleanup EXIT
cp "$jar" "$scratch/slipway.jar"

mkdir -p "$scratch/hello-service"
cp "$root/examples/hello-service/app.py" "$scratch/hello-service/"
git -C "$scratch/hello-service" init -q -b dev
git -C "$scratch/hello-service" -c user.name=bench -c user.email=bench@slipway.invalid add app.py
git -C "$scratch/hello-service" -c user.name=bench -c user.email=bench@slipway.invalid commit -q -m "Say hello"
cat >"$scratch/slipway.yml" <<YAML
slipway:
  state-dir: .slipway
  services:
    hello:
      repository: hello-service
      environments:
        dev:
          branch: dev
          tag: "{version}-dev"
          target: { type: local, command: "python3 app.py", port: $port }
          health: { path: /health, timeout: 1s, attempts: 100, interval: 150ms }
YAML

now_ms() { date +%s%3N; }
total0=0 total3=0 total1=0 totalother=0 roundsok=0
for round in $(seq "$rounds"); do
  echo "round $round" >>"$scratch/hello-service/README.md"
  git -C "$scratch/hello-service" -c user.name=bench -c user.email=bench@slipway.invalid add README.md
  git -C "$scratch/hello-service" -c user.name=bench -c user.email=bench@slipway.invalid commit -q -m "Round $round"
  start=$(now_ms)
  pids=()
  for i in $(seq "$procs"); do
    (code=0
     cd "$scratch" && SLIPWAY_ACTOR="bench-$i" "$java" -jar slipway.jar --config slipway.yml deploy dev --output json \
        >"$scratch/$round-$i.out" 2>"$scratch/$round-$i.err" || code=$?
     echo "$code" >"$scratch/$round-$i.code") &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  end=$(now_ms)
  c0=0 c3=0 c1=0 cother=0
  for i in $(seq "$procs"); do
    code=$(cat "$scratch/$round-$i.code")
    case $code in
      0) c0=$((c0 + 1)) ;;
      3) c3=$((c3 + 1)) ;;
      1) c1=$((c1 + 1)); echo "  exit 1: $(head -c 300 "$scratch/$round-$i.out" | tr '\n' ' ') $(grep -m1 -v '^\s*at ' "$scratch/$round-$i.err" | head -c 200)" ;;
      *) cother=$((cother + 1)); echo "  exit $code: $(head -c 300 "$scratch/$round-$i.out" | tr '\n' ' ')" ;;
    esac
  done
  [ "$c0" -eq 1 ] && [ "$c3" -eq $((procs - 1)) ] && roundsok=$((roundsok + 1))
  printf 'round %2d: exit0=%d exit3=%d exit1=%d other=%d  wall %d ms\n' "$round" "$c0" "$c3" "$c1" "$cother" $((end - start))
  total0=$((total0 + c0)) total3=$((total3 + c3)) total1=$((total1 + c1)) totalother=$((totalother + cother))
done
printf 'total over %d rounds of %d processes: exit0=%d exit3=%d exit1=%d other=%d; rounds with exactly one deploy and %d refusals: %d\n' \
  "$rounds" "$procs" "$total0" "$total3" "$total1" "$totalother" $((procs - 1)) "$roundsok"
# The figures are the point; the exit status says whether every round held, for whoever runs it from a script.
[ "$roundsok" -eq "$rounds" ]
