#!/usr/bin/env bash
# Sieve from a source checkout: builds what it needs, then runs it.
#
#   ./sieve run [--config FILE] [--no-demo] [--rate N] [--devices N] [--seed N] [--duration 60s]
#                           the whole pipeline in one process, with demo traffic (Ctrl-C stops it);
#                           its JVM runs with -Xmx1g unless SIEVE_JAVA_OPTS gives other options
#   ./sieve COMMAND ...     the operator CLI (policy, topics, ddl, retention, erase, ...); ./sieve --help lists them
#   ./sieve test            installs the test engine (chdb-core) if missing, then runs every test
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The ClickHouse engine the tests run Sieve's SQL through (ClickHouse 26.x, in-process).
CHDB_VERSION=26.9.0

# Builds MODULE (and what it needs) when its jar is missing or any main source, pom or resource is newer,
# then sets CLASSPATH to its jar and runtime dependencies.
build_if_stale() {
  local module="$1"
  local jar="$root/$module/target/sieve-$module-0.1.0-SNAPSHOT.jar"
  local cp="$root/$module/target/runtime-classpath.txt"
  if [[ ! -f $jar || ! -f $cp ]] \
      || [[ -n "$(find "$root"/pom.xml "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -print -quit)" ]]; then
    echo "sieve: building $module (mvn package)..." >&2
    mvn -q -B -f "$root/pom.xml" -pl "$module" -am package -DskipTests >&2
  fi
  CLASSPATH="$jar:$(cat "$cp")"
}

ensure_chdb() {
  local python="${SIEVE_PYTHON:-python3}"
  if ! "$python" -c "import chdb" 2>/dev/null; then
    echo "sieve: installing chdb-core==$CHDB_VERSION for $python (the ClickHouse engine of the tests and ./sieve run)..." >&2
    "$python" -m pip install -q "chdb-core==$CHDB_VERSION"
  fi
}

case "${1:-}" in
  test)
    shift
    ensure_chdb
    exec mvn -B -f "$root/pom.xml" verify "$@"
    ;;
  run)
    shift
    ensure_chdb
    build_if_stale local
    # A bounded heap keeps the whole local pipeline, engine included, within 2 GiB (BENCHMARKS.md, "Memory");
    # SIEVE_JAVA_OPTS replaces the JVM options.
    # shellcheck disable=SC2086
    exec java ${SIEVE_JAVA_OPTS--Xmx1g} -cp "$CLASSPATH" dev.sieve.local.console.LocalMain "$@"
    ;;
  "")
    sed -n '4,8p' "${BASH_SOURCE[0]}" | sed 's/^#   /usage: /' >&2
    exit 2
    ;;
  *)
    build_if_stale cli
    # The CLI's output is its answer: only warnings and errors are logged (JSON lines on stderr), unless
    # SIEVE_LOG_LEVEL says otherwise.
    exec java -DSIEVE_LOG_LEVEL="${SIEVE_LOG_LEVEL:-WARN}" -cp "$CLASSPATH" dev.sieve.cli.SieveCli "$@"
    ;;
esac
