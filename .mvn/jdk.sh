# Sourced by ./mvnw, ./slipway and .ci/run: points JAVA_HOME at a JDK 25 or newer.
# Slipway is built and run with Java 25 while the machine's default java may be older.
# Order: SLIPWAY_JAVA_HOME, JAVA_HOME, the java on PATH, then JDKs installed under /usr/lib/jvm and ~/.jdks.
slipway_java_feature() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
slipway_find_jdk() {
  # callers may run with globbing off (mvnw uses set -f); the JDK search needs it
  set +f
  for candidate in "${SLIPWAY_JAVA_HOME-}" "${JAVA_HOME-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)" 2>/dev/null || echo /nonexistent)")")" \
      /usr/lib/jvm/* "$HOME"/.jdks/* /opt/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    feature=$(slipway_java_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge 25 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}
if slipway_jdk=$(slipway_find_jdk); then
  JAVA_HOME=$slipway_jdk
  export JAVA_HOME
else
  echo "Slipway needs a JDK 25 or newer and found none (looked at SLIPWAY_JAVA_HOME, JAVA_HOME, PATH, /usr/lib/jvm, ~/.jdks)." >&2
  echo "Install one (for example Temurin 25) and set SLIPWAY_JAVA_HOME to its directory." >&2
  exit 2
fi
