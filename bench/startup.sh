#!/usr/bin/env bash
# Start-up benchmark (prints figures; not a test). Cold wall time (each run a fresh JVM), median and minimum of RUNS
# runs (default 10), of `slipway status` and `slipway plan dev` on the embedded default registry (H2 under the state
# directory), in a scratch git repository holding the hello service, three ways, taking turns:
#   aws --version      the AWS CLI on this machine, the yardstick CI is used to paying (python3 -c 'import sys' stands
#                      in, and says so, where there is no aws)
#   distribution       bin/slipway of the tarball (distribution/target/slipway-VERSION.tar.gz) unpacked into a fresh
#                      folder: the extracted jar, CLI flags and the AOT cache trained at build time
#   fat jar            java -jar bootstrap/target/slipway.jar, no JVM flags at all
# The first call of each command creates the registry and is not counted. Everything stops by itself; the scratch
# directory is removed at the end. Usage: bench/startup.sh [RUNS]
# Needs the tarball: ./mvnw -B -DskipTests package (or -pl distribution -am).
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
runs=${1:-${RUNS:-10}}
jar="$root/bootstrap/target/slipway.jar"
tarball=$(find "$root/distribution/target" -maxdepth 1 -name 'slipway-*.tar.gz' 2>/dev/null | head -n 1)
if [ -z "$tarball" ] || [ ! -f "$jar" ]; then
  echo "no distribution tarball or no $jar: run ./mvnw -B -DskipTests package first" >&2
  exit 1
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/dist"
tar -xzf "$tarball" -C "$scratch/dist" --strip-components=1
# a copy, so that a rebuild of the jar during the run does not pull it from under a running JVM
cp "$jar" "$scratch/slipway.jar"
jar="$scratch/slipway.jar"
slipway="$scratch/dist/bin/slipway"

if command -v aws >/dev/null 2>&1 && aws --version >/dev/null 2>&1; then
  yardstick=(aws --version)
  yardstick_label="aws --version"
else
  yardstick=(python3 -c 'import sys')
  yardstick_label="python3 -c 'import sys' (no aws CLI here; a stand-in)"
fi

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

# row LABEL KEY: the median and minimum of the times in the file KEY
row() {
  local file="$scratch/$2.ms"
  printf '| %-44s | %6d | %6d |\n' "$1" "$(median <"$file")" "$(sort -n "$file" | head -n 1)"
  rm -f "$file"
}

for _ in 1 2 3; do run_once reference "$java" -version; done
echo "Slipway start-up, $runs cold runs each ($("$java" -version 2>&1 | head -n 1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "(this machine starts \`java -version\` in $(median <"$scratch/reference.ms") ms; the ways take turns, so a busy moment hits them all)"
rm -f "$scratch/reference.ms"
[ -f "$scratch/dist/app/slipway.aot" ] || echo "(the tarball has no AOT cache: the distribution rows run without one)"
echo
echo "| what                                         | median | min    |"
echo "|----------------------------------------------|-------:|-------:|"
"$slipway" "${config[@]}" status >/dev/null 2>&1 || true
for command in "status" "plan dev"; do
  # shellcheck disable=SC2206
  words=($command)
  (cd "$scratch" && "$java" -jar "$jar" "${config[@]}" "${words[@]}" >/dev/null 2>&1) || true
  for _ in $(seq "$runs"); do
    run_once yardstick "${yardstick[@]}"
    run_once dist "$slipway" "${config[@]}" "${words[@]}"
    run_once fat "$java" -jar "$jar" "${config[@]}" "${words[@]}"
  done
  row "$yardstick_label" yardstick
  row "slipway $command (distribution bin/slipway)" dist
  row "slipway $command (fat jar, java -jar)" fat
done
echo
echo "(load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
