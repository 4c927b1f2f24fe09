# shellcheck shell=bash
# Sourced by the distribution's bin/slipway and lib/train-aot-cache, and by the checkout's ./slipway, so that every
# way of starting Slipway finds its Java, picks its JVM flags and decides on the AOT cache the same way.
# Functions only: sourcing it runs nothing.

# The Java feature release (25) of a Java home, read from its `release` file (no JVM start); empty when unknown.
slipway_java_feature() {
  local home=$1 version=""
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$version" ] && [ -x "$home/bin/java" ]; then
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
  printf '%s' "$version"
}

# Prints the first Java home (JDK or JRE) of release 25 or newer: SLIPWAY_JAVA_HOME, JAVA_HOME, the Java that
# trained the AOT cache in APP_DIR (when given), JDK 25s under /usr/lib/jvm, then any other installed Java, then the
# java on PATH. Fails when there is none.
slipway_find_java() {
  local app=${1:-} trained="" candidate feature on_path=""
  [ -n "$app" ] && [ -f "$app/slipway.aot.jvm" ] && trained=$(sed -n 's/^home=//p' "$app/slipway.aot.jvm")
  if command -v java >/dev/null 2>&1; then
    on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  # the JDK search needs globbing even when the caller turned it off
  set +f
  for candidate in "${SLIPWAY_JAVA_HOME-}" "${JAVA_HOME-}" "$trained" /usr/lib/jvm/*25* /usr/lib/jvm/* "${HOME:-/nonexistent}"/.jdks/* \
      /opt/java/* "$on_path"; do
    if [ -z "$candidate" ] || [ ! -x "$candidate/bin/java" ]; then continue; fi
    feature=$(slipway_java_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge 25 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

slipway_no_java() {
  echo "slipway: needs Java 25 or newer and found none (looked at SLIPWAY_JAVA_HOME, JAVA_HOME, /usr/lib/jvm, ~/.jdks, /opt/java, PATH)." >&2
  echo "Install one (for example Temurin 25) and set SLIPWAY_JAVA_HOME or JAVA_HOME to its directory." >&2
}

# The command a Slipway argument list runs: the first word that is neither a start-up option nor its value.
slipway_command_of() {
  while [ $# -gt 0 ]; do
    case $1 in
      --config) shift 2 || return 0 ;;
      --config=* | --verbose) shift ;;
      *) printf '%s' "$1"; return 0 ;;
    esac
  done
}

# JVM flags for a mode. `cli`: a process that lives a second or two (no C2 compiler, the smallest GC, no perf data
# file, and none of Spring Boot's background pre-initialisation, which warms Jackson, validation and charsets for a
# server and only competes for the CPU here; no collection runs in a command, so heap sizes would change nothing).
# `server`: `slipway serve`, long-lived, so both compilers; the serial collector with a small starting heap that
# gives memory back (a 2-core server's heap of a few dozen MB collects in milliseconds, and it rests at about 190 MB
# resident instead of 260 MB with G1), at most 75 % of the container's memory, and an exit on running out of it so that
# the supervisor restarts a healthy process. SLIPWAY_JAVA_OPTS overrides any of these.
# Class data sharing is on by default (-Xshare:auto is implied); naming it would forbid training the AOT cache.
slipway_jvm_flags() {
  case $1 in
    server) printf '%s\n' -XX:+UseSerialGC -Xms48m -XX:MaxRAMPercentage=75 -XX:MinHeapFreeRatio=15 -XX:MaxHeapFreeRatio=40 \
         -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED ;;
    *) printf '%s\n' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Dspring.backgroundpreinitializer.ignore=true \
         --enable-native-access=ALL-UNNAMED ;;
  esac
}

# What identifies a Java runtime for the AOT cache: vendor, exact build, image type and the size of its module image.
# The JVM itself refuses a cache from another runtime; checking first, by reading two files, avoids asking it to try.
slipway_jvm_fingerprint() {
  local home=$1
  [ -f "$home/release" ] || return 1
  grep -E '^(IMPLEMENTOR|JAVA_RUNTIME_VERSION|IMAGE_TYPE|OS_ARCH)=' "$home/release" | sort
  printf 'modules=%s\n' "$(stat -c %s "$home/lib/modules" 2>/dev/null || echo none)"
}

# Prints the flags that use APP_DIR's AOT cache when JAVA_HOME is the runtime that trained it; nothing otherwise, or
# when SLIPWAY_NO_AOT=1. The JVM's default AOTMode=auto still runs without the cache should it refuse it anyway.
slipway_aot_flags() {
  local app=$1 home=$2
  [ "${SLIPWAY_NO_AOT:-}" != 1 ] && [ -f "$app/slipway.aot" ] && [ -f "$app/slipway.aot.jvm" ] || return 0
  if [ "$(grep -v '^home=' "$app/slipway.aot.jvm")" = "$(slipway_jvm_fingerprint "$home")" ]; then
    printf '%s\n' -XX:AOTCache="$app/slipway.aot" -Xlog:aot=off -Xlog:cds=off
  fi
}

# Runs Slipway from APP_DIR (an extracted slipway.jar) on JAVA_HOME with every further argument; replaces the shell.
# SLIPWAY_JAVA_OPTS adds JVM options after ours, so they win.
slipway_exec() {
  local home=$1 app=$2 mode=cli
  shift 2
  [ "$(slipway_command_of "$@")" = serve ] && mode=server
  local flags=() aot=() extra=()
  mapfile -t flags < <(slipway_jvm_flags "$mode")
  mapfile -t aot < <(slipway_aot_flags "$app" "$home")
  # shellcheck disable=SC2206 # options are words, as in JAVA_OPTS everywhere
  extra=(${SLIPWAY_JAVA_OPTS:-})
  exec "$home/bin/java" "${flags[@]}" "${aot[@]}" "${extra[@]}" -jar "$app/slipway.jar" "$@"
}

# Trains APP_DIR's AOT cache on JAVA_HOME: runs the representative commands of dev.slipway.bootstrap.AotTraining
# (status, plan, history, lock, help against a scratch repository) with the CLI flags, then records which runtime
# trained it. The log goes to APP_DIR/aot-training.log. Fails, leaving no cache behind, when the training fails.
slipway_train() {
  local app=$1 home=$2 flags=()
  mapfile -t flags < <(slipway_jvm_flags cli)
  rm -f "$app/slipway.aot" "$app/slipway.aot.jvm"
  if ! "$home/bin/java" "${flags[@]}" -XX:AOTCacheOutput="$app/slipway.aot" -Xlog:aot=off -Xlog:cds=off \
        -cp "$app/slipway.jar" dev.slipway.bootstrap.AotTraining >"$app/aot-training.log" 2>&1 || [ ! -f "$app/slipway.aot" ]; then
    rm -f "$app/slipway.aot"
    return 1
  fi
  { slipway_jvm_fingerprint "$home"; printf 'home=%s\n' "$home"; } >"$app/slipway.aot.jvm"
}
