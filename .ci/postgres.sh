# shellcheck shell=bash
# A throwaway PostgreSQL 15 cluster for the test suite. Source this file, then:
#   start_postgres   initdb a cluster in a temporary directory, start it on a free port of
#                    127.0.0.1, create an empty database and export AWARDS_TEST_DATABASE_URL
#                    (and AWARDS_TEST_POSTGRES_DATA, its data folder, for the restart drill)
#   stop_postgres    stop the cluster and remove its directory (safe to call twice)
# As root the cluster belongs to the postgres user; otherwise to whoever runs this.

PG_VERSION=15
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
PG_DATABASE=awards_test
PG_DIR=""

_as_cluster_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_install_postgres() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    make --no-print-directory _debs DEBS="postgresql-$PG_VERSION"
  fi
}

start_postgres() {
  _install_postgres
  PG_DIR=$(mktemp -d /tmp/awards-postgres.XXXXXX)
  local password port attempt
  password=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  (umask 077 && echo "$password" >"$PG_DIR/password")
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres: "$PG_DIR"
  fi
  # ICU's root collation sorts text as a production server would (not byte by byte), so
  # ordering the tests take for granted on SQLite shows up here. The Unix socket lives in
  # the cluster's own 0700 directory, so only its owner can use it without a password.
  _as_cluster_owner "$PG_BIN/initdb" --pgdata="$PG_DIR/data" --username=postgres \
    --pwfile="$PG_DIR/password" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 --locale-provider=icu --icu-locale=und >/dev/null
  # Durability is worthless for a cluster that is deleted afterwards; speed is not.
  # Another program may take the free port first: then try another one.
  for attempt in 1 2 3; do
    port=$(_free_port)
    if _as_cluster_owner "$PG_BIN/pg_ctl" --pgdata="$PG_DIR/data" --log="$PG_DIR/server.log" \
      --wait --silent start --options="-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 \
        -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; then
      break
    fi
    if [ "$attempt" = 3 ]; then
      cat "$PG_DIR/server.log" >&2
      return 1
    fi
  done
  _as_cluster_owner "$PG_BIN/createdb" --host="$PG_DIR" --port="$port" --username=postgres \
    "$PG_DATABASE"
  export AWARDS_TEST_DATABASE_URL="postgresql://postgres:$password@127.0.0.1:$port/$PG_DATABASE"
  # The fault drill (tests/judging/test_database_restart.py) stops and starts this cluster.
  export AWARDS_TEST_POSTGRES_DATA="$PG_DIR/data"
  echo "PostgreSQL $PG_VERSION running on 127.0.0.1:$port (database $PG_DATABASE, in $PG_DIR)"
}

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then
      _as_cluster_owner "$PG_BIN/pg_ctl" --pgdata="$PG_DIR/data" --mode=fast --wait --silent \
        stop || true
    fi
    rm -rf "$PG_DIR"
    echo "PostgreSQL stopped and removed"
  fi
  PG_DIR=""
  unset AWARDS_TEST_DATABASE_URL AWARDS_TEST_POSTGRES_DATA
}
