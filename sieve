#!/usr/bin/env bash
# Sieve from a source checkout: builds what it needs, then runs it.
#
#   ./sieve policy validate|render|topics|diff [POLICY.yaml] [--out FILE]
#   ./sieve topics apply --bootstrap-servers HOST:PORT [--partitions N] [--replication-factor R] [--policy FILE]
#   ./sieve test            installs the test engine (chdb-core) if missing, then runs every test
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The ClickHouse engine the tests run Sieve's SQL through (ClickHouse 26.x, in-process).
CHDB_VERSION=26.9.0

usage() {
  sed -n '4,6p' "${BASH_SOURCE[0]}" | sed 's/^#   /usage: /' >&2
  exit 2
}

build_if_stale() {
  local jar="$root/schemas/target/sieve-schemas-0.1.0-SNAPSHOT.jar"
  local cp="$root/schemas/target/runtime-classpath.txt"
  if [[ ! -f $jar || ! -f $cp ]] || [[ -n "$(find "$root/pom.xml" "$root/schemas/pom.xml" "$root/schemas/src/main" -newer "$jar" -print -quit)" ]]; then
    echo "sieve: building (mvn package)..." >&2
    mvn -q -B -f "$root/pom.xml" -pl schemas -am package -DskipTests >&2
  fi
  CLASSPATH="$jar:$(cat "$cp")"
}

ensure_chdb() {
  local python="${SIEVE_PYTHON:-python3}"
  if ! "$python" -c "import chdb" 2>/dev/null; then
    echo "sieve: installing chdb-core==$CHDB_VERSION for $python (the tests' ClickHouse engine)..." >&2
    "$python" -m pip install -q "chdb-core==$CHDB_VERSION"
  fi
}

case "${1:-}" in
  policy)
    shift
    build_if_stale
    # The policy tool logs nothing; silence SLF4J's notice that no logging backend is bound.
    exec java -Dslf4j.internal.verbosity=ERROR -cp "$CLASSPATH" dev.sieve.schemas.PolicyTool "$@"
    ;;
  topics)
    shift
    build_if_stale
    exec java -Dslf4j.internal.verbosity=ERROR -cp "$CLASSPATH" dev.sieve.schemas.TopicsTool "$@"
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
