#!/usr/bin/env bash
# Makes PostgreSQL and Redis available for `yarn demo`, `yarn test:all` and CI.
# Idempotent; prints what it did. In order:
#   1. DATABASE_URL (the runtime role), MIGRATION_DATABASE_URL (the owner of
#      the tables) and REDIS_URL (environment, else .env, else the development
#      defaults) already answer: use them.
#   2. A Docker engine answers: `docker compose up -d postgres redis mailpit`.
#   3. Debian/Ubuntu as root: install `postgresql` / `redis-server` from the OS
#      packages if missing, start them (no systemd needed), create the roles
#      (owner, runtime role in app_runtime) and the database.
#   4. Otherwise stop and say exactly what to install.
# Needs the npm dependencies (it checks the services with the `pg` and `ioredis`
# packages the apps use).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[services] %s\n' "$*"; }
check() { node tools/lib/services-check.mjs "$@"; }

# The owner's URL decides the server and database; the runtime role's must reach the same.
DB_URL="$(check url MIGRATION_DATABASE_URL)"
APP_DB_URL="$(check url DATABASE_URL)"
REDIS_URL_VALUE="$(check url REDIS_URL)"

missing=()
check check MIGRATION_DATABASE_URL DATABASE_URL || missing+=(DATABASE_URL)
check check REDIS_URL || missing+=(REDIS_URL)
if [ ${#missing[@]} -eq 0 ]; then
  say "PostgreSQL and Redis answer; nothing to start."
  exit 0
fi
say "not answering: ${missing[*]}"
# What to wait for: the database means both of its roles.
wait_names=()
for name in "${missing[@]}"; do
  if [ "$name" = DATABASE_URL ]; then wait_names+=(MIGRATION_DATABASE_URL DATABASE_URL); else wait_names+=("$name"); fi
done

is_local() { case "$1" in 127.0.0.1 | localhost | ::1 | '[::1]') return 0 ;; *) return 1 ;; esac; }

# --- 2. Docker ---------------------------------------------------------------
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  say "a Docker engine answers: docker compose up -d postgres redis mailpit"
  docker compose up -d postgres redis mailpit
  if check wait 60 "${wait_names[@]}"; then
    say "services started with Docker."
    exit 0
  fi
  say "the containers did not answer within 60 s; see 'docker compose logs'."
  exit 1
fi
say "no Docker engine answers ('docker info' failed or docker is not installed); trying the OS packages next."

# --- 3. Debian/Ubuntu packages -----------------------------------------------
if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" -ne 0 ]; then
  cat >&2 <<MSG
[services] cannot start PostgreSQL and Redis here (no Docker engine; not Debian/Ubuntu as root).
[services] Install and start them yourself, then run this again:
[services]   - PostgreSQL 15+ reachable as MIGRATION_DATABASE_URL=$(node -e 'const u=new URL(process.argv[1]);u.password&&(u.password="***");console.log(u.toString())' "$DB_URL")
[services]     (the owner of the tables: LOGIN, CREATEDB, BYPASSRLS; the tests create one database per test file)
[services]     and as DATABASE_URL=$(node -e 'const u=new URL(process.argv[1]);u.password&&(u.password="***");console.log(u.toString())' "$APP_DB_URL")
[services]     (the runtime role: LOGIN, a member of the NOLOGIN role app_runtime, not the owner, no BYPASSRLS)
[services]   - Redis 7+ reachable as REDIS_URL=$REDIS_URL_VALUE
[services] or install Docker and run: yarn docker:dev
MSG
  exit 1
fi

apt_updated=0
apt_install() {
  if [ $apt_updated -eq 0 ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

start_postgres() {
  eval "$(check parse-db "$DB_URL")"
  if ! is_local "$PG_HOST"; then
    say "DATABASE_URL points at $PG_HOST, not this machine: fix that server or DATABASE_URL."
    return 1
  fi
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql
  fi
  # A cluster on the URL's port: start it, or create one if there is none.
  local cluster
  cluster="$(pg_lsclusters -h 2>/dev/null | awk -v port="$PG_PORT" '$3 == port { print $1 " " $2; exit }')"
  if [ -z "$cluster" ]; then
    if [ -n "$(pg_lsclusters -h 2>/dev/null)" ]; then
      say "the local PostgreSQL clusters listen on port(s) $(pg_lsclusters -h | awk '{print $3}' | paste -sd, -), but DATABASE_URL asks for port $PG_PORT: fix DATABASE_URL or the cluster's port."
      return 1
    fi
    local version
    version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
    say "pg_createcluster $version main --port $PG_PORT"
    pg_createcluster "$version" main --port "$PG_PORT" >/dev/null
    cluster="$version main"
  fi
  # shellcheck disable=SC2086
  if pg_ctlcluster $cluster status >/dev/null 2>&1; then
    say "PostgreSQL cluster $cluster is running"
  else
    say "pg_ctlcluster $cluster start"
    # shellcheck disable=SC2086
    pg_ctlcluster $cluster start
  fi
  # The roles (idempotent). The owner: CREATEDB (the e2e tests create one
  # database per test file), BYPASSRLS (tests and data migrations read
  # every tenant) and pg_signal_backend (dropping those databases ends the
  # runtime role's connections). The runtime role: a member of app_runtime, which the
  # migrations grant table privileges to, and nothing more.
  local APP_USER APP_PASSWORD
  APP_USER="$(node -e 'console.log(decodeURIComponent(new URL(process.argv[1]).username))' "$APP_DB_URL")"
  APP_PASSWORD="$(node -e 'console.log(decodeURIComponent(new URL(process.argv[1]).password))' "$APP_DB_URL")"
  runuser -u postgres -- psql -q -p "$PG_PORT" -v ON_ERROR_STOP=1 -v u="$PG_USER" -v p="$PG_PASSWORD" \
    -v au="$APP_USER" -v ap="$APP_PASSWORD" >/dev/null <<SQL
SELECT set_config('app.u', :'u', false), set_config('app.p', :'p', false),
       set_config('app.au', :'au', false), set_config('app.ap', :'ap', false);
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = current_setting('app.u')) THEN
    EXECUTE format('CREATE ROLE %I LOGIN CREATEDB BYPASSRLS PASSWORD %L', current_setting('app.u'), current_setting('app.p'));
  ELSE
    EXECUTE format('ALTER ROLE %I LOGIN CREATEDB BYPASSRLS PASSWORD %L', current_setting('app.u'), current_setting('app.p'));
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_runtime') THEN
    CREATE ROLE app_runtime NOLOGIN;
  END IF;
  IF current_setting('app.au') <> current_setting('app.u') THEN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = current_setting('app.au')) THEN
      EXECUTE format('CREATE ROLE %I LOGIN NOCREATEDB NOBYPASSRLS PASSWORD %L', current_setting('app.au'), current_setting('app.ap'));
    ELSE
      EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD %L', current_setting('app.au'), current_setting('app.ap'));
    END IF;
  END IF;
  EXECUTE format('GRANT app_runtime TO %I', current_setting('app.au'));
  -- DROP DATABASE … WITH (FORCE) of a test or bench database ends the runtime role's connections.
  EXECUTE format('GRANT pg_signal_backend TO %I', current_setting('app.u'));
END \$\$;
SQL
  if [ "$(runuser -u postgres -- psql -p "$PG_PORT" -tAc "SELECT 1 FROM pg_database WHERE datname = '${PG_DB//\'/\'\'}'")" != "1" ]; then
    say "createdb $PG_DB (owner $PG_USER)"
    runuser -u postgres -- createdb -p "$PG_PORT" -O "$PG_USER" "$PG_DB"
  fi
  say "roles $PG_USER (owner) and $APP_USER (runtime, in app_runtime) and database $PG_DB are ready"
}

start_redis() {
  local host port
  host="$(node -e 'console.log(new URL(process.argv[1]).hostname)' "$REDIS_URL_VALUE")"
  port="$(node -e 'console.log(new URL(process.argv[1]).port || 6379)' "$REDIS_URL_VALUE")"
  if ! is_local "$host"; then
    say "REDIS_URL points at $host, not this machine: fix that server or REDIS_URL."
    return 1
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server
  fi
  mkdir -p /var/lib/redis-local
  say "redis-server --daemonize yes --bind 127.0.0.1 --port $port (append-only file in /var/lib/redis-local)"
  # appendonly: queued jobs survive a restart of this Redis, as they must in production.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir /var/lib/redis-local \
    --appendonly yes --maxmemory-policy noeviction --logfile /var/lib/redis-local/redis.log \
    --pidfile "/var/lib/redis-local/redis-$port.pid"
}

status=0
for name in "${missing[@]}"; do
  case "$name" in
    DATABASE_URL) start_postgres || status=1 ;;
    REDIS_URL) start_redis || status=1 ;;
  esac
done
if [ $status -eq 0 ] && check wait 30 "${wait_names[@]}"; then
  say "PostgreSQL and Redis are ready."
  exit 0
fi
say "could not make ${missing[*]} answer; see the lines above."
exit 1
