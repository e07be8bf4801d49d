#!/usr/bin/env bash
# Shared by the benchmark-*.sh scripts: builds the benchmarks module and what it depends on (offline, no tests),
# then runs the named main class on a JDK of 21 or later. Usage: scripts/benchmark-run.sh <MainClass> [options]
# Set BENCHMARK_SKIP_BUILD=1 to reuse the last build, BENCHMARK_JAVA_OPTS for the JVM (default -Xmx3g).
set -euo pipefail
cd "$(dirname "$0")/.."
main_class="$1"; shift

if [ "${BENCHMARK_SKIP_BUILD:-0}" != 1 ]; then
  echo "Building the benchmarks module (mvn -q -pl benchmarks -am package -Dmaven.test.skip=true -Pbenchmark-run)..." >&2
  mvn -q -pl benchmarks -am package -Dmaven.test.skip=true -Pbenchmark-run
fi

java_bin=""
for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
  [ -x "$candidate" ] || continue
  major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then java_bin="$candidate"; break; fi
done
[ -n "$java_bin" ] || { echo "No JDK 21 or later found (set JAVA_HOME)" >&2; exit 1; }

# shellcheck disable=SC2086
exec "$java_bin" ${BENCHMARK_JAVA_OPTS:--Xmx3g -XX:+UseParallelGC} \
  -Dbenchmark.commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)')" \
  -Dbenchmark.command="$(basename "${BENCHMARK_SCRIPT:-$main_class}") $*" \
  -cp "benchmarks/target/classes:benchmarks/target/lib/*" "org.opencrm.benchmarks.$main_class" "$@"
