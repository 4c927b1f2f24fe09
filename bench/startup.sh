#!/usr/bin/env bash
# Start-up benchmark (prints figures; not a test). Cold wall time, median of RUNS runs (default 10), each a fresh JVM,
# of `slipway status` and `slipway plan dev` on the embedded default registry (H2 under the state directory), in a
# scratch git repository holding the hello service:
#   fat jar            java -jar bootstrap/target/slipway.jar, no JVM flags at all
#   fat jar + flags    the same jar with the short-lived-CLI flags ./slipway uses
#   extracted + AOT    what ./slipway runs: the extracted jar, those flags and the JDK AOT cache it trained
#   ./slipway          the script itself, including its are-the-sources-newer check
# The first call of each command creates the registry and is not counted. Everything stops by itself; the scratch
# directory is removed at the end. Usage: bench/startup.sh [RUNS]
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
runs=${1:-${RUNS:-10}}
jar="$root/bootstrap/target/slipway.jar"
fast="$root/bootstrap/target/fast"
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData --enable-native-access=ALL-UNNAMED)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# ./slipway builds the jar and trains the AOT cache when they are missing or stale.
"$root/slipway" --help >/dev/null 2>&1 || true
[ -f "$jar" ] || { echo "no $jar: the build failed (see bootstrap/target/build.log)" >&2; exit 1; }

mkdir -p "$scratch/hello-service"
cp "$root/examples/hello-service/app.py" "$scratch/hello-service/"
git -C "$scratch/hello-service" init -q -b dev
git -C "$scratch/hello-service" -c user.name=bench -c user.email=bench@slipway.invalid add app.py
git -C "$scratch/hello-service" -c user.name=bench -c user.email=bench@slipway.invalid commit -q -m "Say hello"
cat >"$scratch/slipway.yml" <<'YAML'
slipway:
  state-dir: .slipway
  services:
    hello:
      repository: hello-service
      environments:
        dev:
          branch: dev
          tag: "{version}-dev"
          target: { type: local, command: "python3 app.py", port: 18580 }
YAML
config=(--config "$scratch/slipway.yml")

now_ms() { date +%s%3N; }

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# run_once KEY COMMAND...: runs the command once in the scratch directory, adds its wall time (ms) to the file KEY
run_once() {
  local label=$1; shift
  local start end code
  start=$(now_ms)
  set +e
  (cd "$scratch" && "$@" >/dev/null 2>"$scratch/last.err")
  code=$?
  set -e
  end=$(now_ms)
  # plan answers 3 when a deploy would be refused; any other code means the run did not measure a start-up
  if [ "$code" -ne 0 ] && [ "$code" -ne 3 ]; then
    echo "$label failed with exit code $code:" >&2
    cat "$scratch/last.err" >&2
    exit 1
  fi
  echo $((end - start)) >>"$scratch/$label.ms"
}

# report LABEL KEY: the median, minimum and maximum of the times in the file KEY
report() {
  local file="$scratch/$2.ms"
  printf '  %-34s median %5d ms   min %5d   max %5d\n' "$1" "$(median <"$file")" "$(sort -n "$file" | head -n 1)" "$(sort -n "$file" | tail -n 1)"
  rm -f "$file"
}

aot=()
if [ -f "$fast/slipway.aot" ]; then aot=(-XX:AOTCache="$fast/slipway.aot" -Xlog:aot=off -Xlog:cds=off); fi

for _ in 1 2 3; do run_once reference "$java" -version; done
echo "Slipway start-up, median of $runs cold runs ($("$java" -version 2>&1 | head -n 1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "  (this machine starts \`java -version\` in $(median <"$scratch/reference.ms") ms; the four ways take turns, so a busy moment hits them all)"
[ ${#aot[@]} -gt 0 ] || echo "  (no AOT cache at $fast/slipway.aot: the extracted rows run without one)"
for command in "status" "plan dev"; do
  # shellcheck disable=SC2206
  words=($command)
  (cd "$scratch" && "$java" -jar "$jar" "${config[@]}" "${words[@]}" >/dev/null 2>&1) || true
  for _ in $(seq "$runs"); do
    run_once fat "$java" -jar "$jar" "${config[@]}" "${words[@]}"
    run_once fat-flags "$java" "${flags[@]}" -jar "$jar" "${config[@]}" "${words[@]}"
    run_once extracted "$java" "${flags[@]}" "${aot[@]}" -jar "$fast/slipway.jar" "${config[@]}" "${words[@]}"
    run_once script "$root/slipway" "${config[@]}" "${words[@]}"
  done
  echo "slipway $command"
  report "fat jar" fat
  report "fat jar + flags" fat-flags
  report "extracted + AOT cache + flags" extracted
  report "./slipway" script
done
echo "  (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
