#!/usr/bin/env bash
# A PostgreSQL hot standby of the project's database server, on this machine:
# a second cluster (Debian's `replica`, port REPLICA_PORT, default 5433) copied
# with pg_basebackup -R and kept up to date by streaming replication. Odoo
# reads there with --db_replica_host/--db_replica_port (make serve REPLICA=1).
#
#   scripts/replica.sh up       create (first time) or start it, wait until it streams
#   scripts/replica.sh status   the primary's and the standby's view of the replication
#   scripts/replica.sh down     stop it (the primary keeps no WAL for it: no slot)
#   scripts/replica.sh drop     stop and delete it
#
# A physical standby copies the whole server (every database of the primary):
# that is how PostgreSQL replicates. Only Debian's cluster tools
# (pg_createcluster, pg_ctlcluster, pg_conftool) and PostgreSQL's own are used.
source "$(dirname "$0")/lib.sh"

REPLICA_PORT="${REPLICA_PORT:-5433}"
REPLICA_CLUSTER="${REPLICA_CLUSTER:-replica}"
what="${1:-up}"

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        su postgres -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

command -v pg_lsclusters >/dev/null 2>&1 || die "Debian's PostgreSQL cluster tools (postgresql-common) are missing"
read -r VERSION PRIMARY_CLUSTER _ < <(pg_lsclusters -h | awk -v port="$PGPORT" '$3 == port')
[ -n "${VERSION:-}" ] || die "no PostgreSQL cluster of this machine listens on port $PGPORT (pg_lsclusters)"
DATA_DIR="/var/lib/postgresql/$VERSION/$REPLICA_CLUSTER"

replica_exists() { pg_lsclusters -h | awk -v c="$REPLICA_CLUSTER" -v v="$VERSION" '$1 == v && $2 == c' | grep -q .; }
replica_online() { pg_lsclusters -h | awk -v c="$REPLICA_CLUSTER" -v v="$VERSION" '$1 == v && $2 == c && $4 ~ /online/' | grep -q .; }
replica_sql() { psql_admin -p "$REPLICA_PORT" -d postgres -c "$1"; }
streaming() {
    [ "$(replica_sql "SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')" 2>/dev/null)" = t ]
}
wait_streaming() {
    for _ in $(seq 60); do streaming && return 0; sleep 0.5; done
    return 1
}

prepare_primary() {
    local wal_level hba
    wal_level="$(psql_admin -d postgres -c "SHOW wal_level")"
    if [ "$wal_level" = minimal ]; then
        die "the primary runs with wal_level = minimal: set wal_level = replica (PostgreSQL's default) in its postgresql.conf and restart it"
    fi
    if [ "$(psql_admin -d postgres -c "SHOW max_wal_senders")" -lt 1 ]; then
        die "the primary allows no WAL sender (max_wal_senders = 0): raise it and restart the primary"
    fi
    if [ "$(psql_admin -d postgres -c "SELECT rolreplication FROM pg_roles WHERE rolname = '$DB_USER'")" != t ]; then
        log "granting REPLICATION to the role $DB_USER (pg_basebackup and the standby connect as it)"
        psql_admin -d postgres -c "ALTER ROLE \"$DB_USER\" REPLICATION"
    fi
    # a host line of pg_hba.conf that lets the role open a replication connection from localhost
    hba="$(psql_admin -d postgres -c "SELECT count(*) FROM pg_hba_file_rules
        WHERE type = 'host' AND 'replication' = ANY(database)
          AND ('all' = ANY(user_name) OR '$DB_USER' = ANY(user_name))
          AND address IN ('127.0.0.1', '::1')")"
    if [ "$hba" = 0 ]; then
        local file
        file="$(psql_admin -d postgres -c "SHOW hba_file")"
        log "adding a replication line for $DB_USER from localhost to $file"
        printf 'host    replication     %s    127.0.0.1/32    scram-sha-256\n' "$DB_USER" >> "$file"
        psql_admin -d postgres -c "SELECT pg_reload_conf()" >/dev/null
    fi
}

create_replica() {
    log "creating the standby cluster $VERSION/$REPLICA_CLUSTER on port $REPLICA_PORT (pg_basebackup of $VERSION/$PRIMARY_CLUSTER)"
    pg_createcluster "$VERSION" "$REPLICA_CLUSTER" -p "$REPLICA_PORT" --start-conf=manual >/dev/null
    # the standby reads queries (hot_standby) and tells the primary which rows its
    # queries still see, so that the primary's vacuum does not cancel them
    pg_conftool "$VERSION" "$REPLICA_CLUSTER" set hot_standby on
    pg_conftool "$VERSION" "$REPLICA_CLUSTER" set hot_standby_feedback on
    # pg_basebackup wants an empty data directory: the one initdb made goes
    as_postgres find "$DATA_DIR" -mindepth 1 -delete
    # -R writes standby.signal and primary_conninfo; -X stream copies the WAL of the copy's own time
    as_postgres env PGPASSWORD="$DB_PASSWORD" pg_basebackup -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" \
        -D "$DATA_DIR" -R -X stream -c fast \
        || die "pg_basebackup from $PGHOST:$PGPORT failed"
}

up() {
    prepare_primary
    if replica_exists; then
        if ! replica_online; then
            log "starting the standby $VERSION/$REPLICA_CLUSTER"
            pg_ctlcluster "$VERSION" "$REPLICA_CLUSTER" start || true
        fi
        if wait_streaming; then
            log "the standby $VERSION/$REPLICA_CLUSTER streams from the primary (port $REPLICA_PORT)"
            return 0
        fi
        # it fell too far behind (the primary keeps no WAL for it) or broke: copy again
        log "the standby does not stream: copying it again"
        pg_dropcluster --stop "$VERSION" "$REPLICA_CLUSTER"
    fi
    create_replica
    pg_ctlcluster "$VERSION" "$REPLICA_CLUSTER" start || die "the standby did not start (see /var/log/postgresql/postgresql-$VERSION-$REPLICA_CLUSTER.log)"
    wait_streaming || die "the standby started but does not stream (see /var/log/postgresql/postgresql-$VERSION-$REPLICA_CLUSTER.log)"
    log "the standby $VERSION/$REPLICA_CLUSTER streams from the primary (port $REPLICA_PORT)"
}

case "$what" in
    up) up ;;
    status)
        pg_lsclusters
        echo "primary (pg_stat_replication):"
        psql_admin -d postgres -c "SELECT client_addr, state, sent_lsn, replay_lsn, replay_lag FROM pg_stat_replication"
        if replica_online; then
            echo "standby (pg_stat_wal_receiver):"
            replica_sql "SELECT status, latest_end_lsn, pg_last_xact_replay_timestamp() FROM pg_stat_wal_receiver"
        fi
        ;;
    down)
        replica_online && pg_ctlcluster "$VERSION" "$REPLICA_CLUSTER" stop
        log "the standby $VERSION/$REPLICA_CLUSTER is stopped"
        ;;
    drop)
        replica_exists && pg_dropcluster --stop "$VERSION" "$REPLICA_CLUSTER"
        log "the standby $VERSION/$REPLICA_CLUSTER is gone"
        ;;
    *) die "usage: replica.sh [up|status|down|drop]" ;;
esac
