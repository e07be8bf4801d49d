#!/usr/bin/env bash
# Builds the platform and starts it on embedded PostgreSQL and Kafka with demo data.
# External infrastructure instead: CRM_LOCAL_POSTGRES_URL (with CRM_LOCAL_POSTGRES_USER and
# CRM_LOCAL_POSTGRES_PASSWORD) and CRM_LOCAL_KAFKA_BOOTSTRAP_SERVERS. Ports: CRM_LOCAL_GATEWAY_PORT
# (default 8080; the other services take the next four) and CRM_LOCAL_GRPC_PORT (default 9090).
set -euo pipefail
cd "$(dirname "$0")"

# The platform needs Java 21 or later; Maven itself may run on an older default JDK.
find_java() {
  local candidate version
  for candidate in "${JAVA_HOME:-}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    version=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
java_bin=$(find_java) || { echo "No Java 21 or later found (set JAVA_HOME)." >&2; exit 1; }

echo "Building (tests skipped; run 'mvn -B verify' for them)..."
mvn -B -q install -DskipTests
exec "$java_bin" -XX:+UseParallelGC -Xmx2g -jar local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar "$@"
