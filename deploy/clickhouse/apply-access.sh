#!/usr/bin/env bash
# Roles, grants and users of Sieve's ClickHouse (policy 7.3, "strictly limit who has access"), for every
# ClickHouse named on the command line. Run by the clickhouse-access service of deploy/compose.yaml and by the
# clickhouse-access Job of deploy/k8s; safe to run again: roles and users are created if missing, grants and
# passwords set to what they should be.
#
#   apply-access.sh HOST [HOST...]
#
# Environment (passwords at least 16 characters; none is ever printed or passed on a command line):
#   CLICKHOUSE_USER / CLICKHOUSE_PASSWORD   a user with access management; clickhouse client reads both itself
#   CLICKHOUSE_PORT                         native port, default 9000 (9440 with CLICKHOUSE_SECURE=1)
#   CLICKHOUSE_SECURE                       1: TLS to the native port
#   SIEVE_CH_SINK_PASSWORD                  user sieve_sink: the sink (roles sieve_sink_writer, sieve_sink_admin)
#   SIEVE_CH_ANALYST_PASSWORD               user sieve_analyst: analysts (role sieve_analyst)
#   SIEVE_CH_SECURITY_PASSWORD              user sieve_security: the security team (role sieve_security)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ $# -eq 0 ]]; then
  echo "usage: apply-access.sh HOST [HOST...]" >&2
  exit 2
fi

# sha256_hash: only the hash travels to the server and into its logs, and a hex digest cannot break out of
# the SQL string it is written in, whatever characters the password has.
password_hash() {
  local name="$1" value="${!1:-}"
  if [[ ${#value} -lt 16 ]]; then
    echo "apply-access.sh: $name must be set to at least 16 characters" >&2
    return 1
  fi
  printf '%s' "$value" | sha256sum | cut -d' ' -f1
}

sink_hash="$(password_hash SIEVE_CH_SINK_PASSWORD)"
analyst_hash="$(password_hash SIEVE_CH_ANALYST_PASSWORD)"
security_hash="$(password_hash SIEVE_CH_SECURITY_PASSWORD)"

# user, password hash, roles: each user holds exactly these roles and uses them on login.
users_sql() {
  local user hash roles
  while read -r user hash roles; do
    cat <<SQL
CREATE USER IF NOT EXISTS $user IDENTIFIED WITH sha256_hash BY '$hash';
ALTER USER $user IDENTIFIED WITH sha256_hash BY '$hash';
GRANT $roles TO $user;
ALTER USER $user DEFAULT ROLE $roles;
SQL
  done <<USERS
sieve_sink $sink_hash sieve_sink_writer, sieve_sink_admin
sieve_analyst $analyst_hash sieve_analyst
sieve_security $security_hash sieve_security
USERS
}

port="${CLICKHOUSE_PORT:-$([[ ${CLICKHOUSE_SECURE:-0} == 1 ]] && echo 9440 || echo 9000)}"
secure=()
[[ ${CLICKHOUSE_SECURE:-0} == 1 ]] && secure=(--secure)

for host in "$@"; do
  echo "apply-access.sh: roles, grants and users on $host:$port"
  # roles.sql first: the users are granted its roles. Statements go through standard input, never argv.
  { cat "$here/roles.sql"; users_sql; } | clickhouse client --host "$host" --port "$port" "${secure[@]}" --multiquery
done
