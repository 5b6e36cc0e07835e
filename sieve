#!/usr/bin/env bash
# Sieve from a source checkout: builds what it needs, then runs it.
#
#   ./sieve policy validate|render|topics|diff [POLICY.yaml] [--out FILE]
#   ./sieve topics apply --bootstrap-servers HOST:PORT [--partitions N] [--replication-factor R] [--policy FILE]
#   ./sieve run [--config FILE] [--no-demo] [--rate N] [--devices N] [--seed N] [--duration 60s]   the whole pipeline with demo traffic
#   ./sieve test            installs the test engine (chdb-core) if missing, then runs every test
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The ClickHouse engine the tests run Sieve's SQL through (ClickHouse 26.x, in-process).
CHDB_VERSION=26.9.0

usage() {
  sed -n '4,7p' "${BASH_SOURCE[0]}" | sed 's/^#   /usage: /' >&2
  exit 2
}

# build_if_stale MODULE SOURCE...: packages MODULE and what it depends on when its jar is missing or older than
# any SOURCE, then sets CLASSPATH to the jar and its runtime class path.
build_if_stale() {
  local module="$1"
  shift
  local jar="$root/$module/target/sieve-$module-0.1.0-SNAPSHOT.jar"
  local cp="$root/$module/target/runtime-classpath.txt"
  if [[ ! -f $jar || ! -f $cp ]] || [[ -n "$(find "$@" -newer "$jar" -print -quit)" ]]; then
    echo "sieve: building $module (mvn package)..." >&2
    mvn -q -B -f "$root/pom.xml" -pl "$module" -am package -DskipTests >&2
  fi
  CLASSPATH="$jar:$(cat "$cp")"
}

build_schemas_if_stale() {
  build_if_stale schemas "$root/pom.xml" "$root/schemas/pom.xml" "$root/schemas/src/main"
}

ensure_chdb() {
  local python="${SIEVE_PYTHON:-python3}"
  if ! "$python" -c "import chdb" 2>/dev/null; then
    echo "sieve: installing chdb-core==$CHDB_VERSION for $python (the ClickHouse engine of tests and ./sieve run)..." >&2
    "$python" -m pip install -q "chdb-core==$CHDB_VERSION"
  fi
}

case "${1:-}" in
  policy)
    shift
    build_schemas_if_stale
    # The policy tool logs nothing; silence SLF4J's notice that no logging backend is bound.
    exec java -Dslf4j.internal.verbosity=ERROR -cp "$CLASSPATH" dev.sieve.schemas.PolicyTool "$@"
    ;;
  topics)
    shift
    build_schemas_if_stale
    exec java -Dslf4j.internal.verbosity=ERROR -cp "$CLASSPATH" dev.sieve.schemas.TopicsTool "$@"
    ;;
  run)
    shift
    ensure_chdb
    # The local module runs every other module: any of their sources makes it stale.
    build_if_stale local "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src/main
    exec java -cp "$CLASSPATH" dev.sieve.local.console.LocalMain "$@"
    ;;
  test)
    shift
    ensure_chdb
    exec mvn -B -f "$root/pom.xml" verify "$@"
    ;;
  *)
    usage
    ;;
esac
