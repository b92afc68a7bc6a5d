#!/usr/bin/env bash
# A streaming replica of the local PostgreSQL server, for the read-replica tests
# (tests/directory/test_replica.py). Idempotent: a replica that is already streaming is left
# alone, a stopped one is started, and one that cannot catch up is made again with
# pg_basebackup.
#
#   .ci/replica.sh [start]   make or start the replica and wait until it streams
#   .ci/replica.sh stop      stop it (only this replica; the primary is never stopped)
#   .ci/replica.sh status    exit 0 when it is up and streaming
#
# The primary is the Debian cluster on 127.0.0.1:$PRIMARY_PORT. Its pg_hba.conf gets a
# `host replication` line if it has none, followed by a reload (never a restart: other
# users may be connected). The replica takes no replication slot, so a stopped replica never
# holds back WAL on the primary; when the WAL it needs is gone it is simply made again.
set -euo pipefail

PRIMARY_PORT="${PRIMARY_PORT:-5432}"
REPLICA_PORT="${REPLICA_PORT:-5433}"
VERSION="${PG_VERSION:-$(ls /etc/postgresql | sort -V | tail -n 1)}"
BIN="/usr/lib/postgresql/$VERSION/bin"
HBA="/etc/postgresql/$VERSION/main/pg_hba.conf"
DATA="${REPLICA_DATA:-/var/lib/postgresql/$VERSION/replica-$REPLICA_PORT}"
LOG="$DATA/replica.log"

as_postgres() { runuser -u postgres -- "$@"; }
primary_sql() { psql -X -q -At -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -c "$1"; }
replica_sql() { psql -X -q -At -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d postgres -c "$1"; }

streaming() {
  [ "$(replica_sql "SELECT pg_is_in_recovery()" 2>/dev/null)" = t ] &&
    [ "$(replica_sql "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null)" = streaming ]
}

ours_is_running() {
  as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

allow_replication_connections() {
  if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' "$HBA"; then
    echo "replica: allowing replication connections from 127.0.0.1 in $HBA (reload)"
    printf '# Streaming replica for the read-replica tests (.ci/replica.sh)\nhost replication all 127.0.0.1/32 trust\n' >>"$HBA"
    pg_ctlcluster --skip-systemctl-redirect "$VERSION" main reload
    sleep 1
  fi
}

make_replica() {
  echo "replica: pg_basebackup of 127.0.0.1:$PRIMARY_PORT into $DATA"
  rm -rf "$DATA"
  install -d -o postgres -g postgres -m 700 "$DATA"
  as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DATA" \
    --write-recovery-conf --wal-method=stream --checkpoint=fast
  # Debian keeps a cluster's configuration in /etc, so the copy has none of its own. A hot
  # standby needs at least the primary's values for these.
  {
    echo "port = $REPLICA_PORT"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '/var/run/postgresql'"
    echo "hot_standby = on"
    echo "hot_standby_feedback = on"
    for name in max_connections max_worker_processes max_wal_senders \
      max_prepared_transactions max_locks_per_transaction; do
      echo "$name = $(primary_sql "SHOW $name")"
    done
  } | as_postgres tee "$DATA/postgresql.conf" >/dev/null
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' |
    as_postgres tee "$DATA/pg_hba.conf" >/dev/null
  as_postgres touch "$DATA/pg_ident.conf"
}

start_replica() {
  # 9>&-: the server must not inherit the lock below, or it would hold it for good.
  as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null 9>&-
}

wait_until_streaming() {
  for _ in $(seq 1 "${1:-30}"); do
    streaming && return 0
    sleep 1
  done
  return 1
}

start() {
  if streaming; then
    echo "replica: streaming on 127.0.0.1:$REPLICA_PORT"
    return 0
  fi
  if pg_isready -q -h 127.0.0.1 -p "$REPLICA_PORT" && ! ours_is_running; then
    echo "replica: port $REPLICA_PORT is taken by another server; set REPLICA_PORT" >&2
    return 1
  fi
  if ! pg_isready -q -h 127.0.0.1 -p "$PRIMARY_PORT"; then
    echo "replica: the primary on 127.0.0.1:$PRIMARY_PORT is not running" >&2
    return 1
  fi
  allow_replication_connections
  if [ -f "$DATA/standby.signal" ]; then
    ours_is_running || start_replica || true
    if wait_until_streaming 20; then
      echo "replica: streaming on 127.0.0.1:$REPLICA_PORT"
      return 0
    fi
    echo "replica: it does not stream (see $LOG); making it again"
    ours_is_running && as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  fi
  make_replica
  start_replica
  if ! wait_until_streaming 60; then
    echo "replica: not streaming after 60 s; log follows" >&2
    tail -n 30 "$LOG" >&2
    return 1
  fi
  echo "replica: streaming on 127.0.0.1:$REPLICA_PORT"
}

stop() {
  if ours_is_running; then
    as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  fi
  echo "replica: stopped"
}

# Two CI runs on one machine would otherwise race to make the same data directory.
exec 9>"/run/lock/ci-replica-$REPLICA_PORT.lock"
flock 9

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) streaming ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
