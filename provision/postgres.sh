# Makes a real PostgreSQL reachable for the test suite and exports DATABASE_URL.
# With DATABASE_URL set it only checks that the server answers. Without it, it installs
# PostgreSQL 15 from apt when absent, starts the machine's cluster on loopback and creates a
# `backoffice` login role. Tests create their own database on that server (never touching the
# one DATABASE_URL names). Sourced after lib.sh.

LOCAL_PG_ROLE=backoffice

ensure_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then
    note "PostgreSQL: using DATABASE_URL"
    return
  fi
  if ! command -v pg_lsclusters >/dev/null; then
    apt_install postgresql || fail "PostgreSQL is not installed and apt-get could not install it." \
      "Install PostgreSQL 15 or newer and start it, or set DATABASE_URL=postgresql://USER:PASS@HOST:PORT/DB."
  fi
  local version cluster port status
  # `|| true`: with no cluster at all, read meets end of input, which `set -e` would make fatal.
  read -r version cluster port status < <(pg_lsclusters --no-header | awk '{print $1, $2, $3, $4; exit}') || true
  if [ -z "${version:-}" ]; then
    step "Creating a PostgreSQL cluster"
    as_root pg_createcluster --start "$(ls /usr/lib/postgresql | sort -V | tail -1)" main >/dev/null
    read -r version cluster port status < <(pg_lsclusters --no-header | awk '{print $1, $2, $3, $4; exit}') || true
  fi
  [ "${version%%.*}" -ge 15 ] 2>/dev/null || note "warning: PostgreSQL $version found; this project is tested on PostgreSQL 15."
  if [ "$status" != online ]; then
    step "Starting PostgreSQL $version/$cluster (port $port)"
    as_root pg_ctlcluster "$version" "$cluster" start || fail "PostgreSQL $version/$cluster did not start." \
      "See /var/log/postgresql/postgresql-$version-$cluster.log."
  fi
  # Idempotent: create the role once, with the right to create the test databases.
  as_root runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 <<SQL >/dev/null \
    || fail "Could not create the PostgreSQL role '$LOCAL_PG_ROLE'." "Set DATABASE_URL to a server you can use instead."
SELECT 'CREATE ROLE $LOCAL_PG_ROLE LOGIN CREATEDB PASSWORD ''$LOCAL_PG_ROLE'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$LOCAL_PG_ROLE')\gexec
SQL
  export DATABASE_URL="postgresql://$LOCAL_PG_ROLE:$LOCAL_PG_ROLE@127.0.0.1:$port/postgres"
  note "PostgreSQL $version/$cluster: 127.0.0.1:$port (role $LOCAL_PG_ROLE)"
}
