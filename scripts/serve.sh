#!/usr/bin/env bash
# make serve: the demo database `mentoring_demo` (the one `make run` builds, or
# SERVE_DB) served by Odoo's multi-process server, as in production: HTTP
# worker processes, cron worker processes, memory and time limits, proxy mode.
#
#   make serve                      4 HTTP workers + 2 cron workers on http://localhost:8069
#   make serve WORKERS=8            8 HTTP workers
#   make serve REPLICA=1            and a PostgreSQL hot standby on port 5433 (scripts/replica.sh):
#                                   read-only routes read there
#   make serve CHECK=1              start, log in, read a pairing list over JSON-RPC, stop
#                                   (with REPLICA=1 also: the Excel export ran on the replica)
#
# Settings (environment; README, "Production mode", says what each is for):
#   WORKERS (4), CRON_WORKERS (2), HTTP_PORT (8069), GEVENT_PORT (HTTP_PORT + 3),
#   HTTP_INTERFACE (127.0.0.1), PROXY_MODE (1), LIMIT_MEMORY_SOFT / LIMIT_MEMORY_HARD
#   (MiB, 2048 / 2560), LIMIT_TIME_CPU / LIMIT_TIME_REAL (s, 60 / 120), DB_MAXCONN (16),
#   SERVE_UPDATE (1: install or update the module first; 0: serve the database as it is),
#   SERVE_LOGFILE (the server's log; default stdout, with CHECK=1 $VENV/serve-<db>.log),
#   REPLICA_PORT (5433).
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all

DB="${SERVE_DB:-${RUN_DB:-mentoring_demo}}"
WORKERS="${WORKERS:-4}"
CRON_WORKERS="${CRON_WORKERS:-2}"
GEVENT_PORT="${GEVENT_PORT:-$((HTTP_PORT + 3))}"
HTTP_INTERFACE="${HTTP_INTERFACE:-127.0.0.1}"
PROXY_MODE="${PROXY_MODE:-1}"
LIMIT_MEMORY_SOFT="${LIMIT_MEMORY_SOFT:-2048}"
LIMIT_MEMORY_HARD="${LIMIT_MEMORY_HARD:-2560}"
LIMIT_TIME_CPU="${LIMIT_TIME_CPU:-60}"
LIMIT_TIME_REAL="${LIMIT_TIME_REAL:-120}"
DB_MAXCONN="${DB_MAXCONN:-16}"
REPLICA="${REPLICA:-0}"
REPLICA_PORT="${REPLICA_PORT:-5433}"
CHECK="${CHECK:-0}"
[ "$WORKERS" -ge 1 ] 2>/dev/null || die "WORKERS=$WORKERS: give a number of HTTP workers, 1 or more"

if [ "${SERVE_UPDATE:-1}" = 1 ]; then
    update_demo_db "$DB"
else
    db_exists "$DB" || die "no database $DB (SERVE_UPDATE=0 serves an existing database)"
fi

# wkhtmltopdf, which a worker runs to print a PDF, fetches the report's style
# sheets over HTTP from `report.url` (else `web.base.url`, which may name
# another port): this server itself. The other workers answer it.
PGPASSWORD="$DB_PASSWORD" psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d "$DB" -qAtX -v ON_ERROR_STOP=1 -c "
    INSERT INTO ir_config_parameter (key, value, create_uid, write_uid, create_date, write_date)
    VALUES ('report.url', 'http://127.0.0.1:$HTTP_PORT', 1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, write_date = EXCLUDED.write_date" >/dev/null

opts=(
    -d "$DB" --db-filter="^$DB\$" --data-dir="$VENV/filestore"
    --http-interface="$HTTP_INTERFACE" --http-port="$HTTP_PORT" --gevent-port="$GEVENT_PORT"
    --workers="$WORKERS" --max-cron-threads="$CRON_WORKERS"
    --limit-memory-soft=$((LIMIT_MEMORY_SOFT * 1024 * 1024))
    --limit-memory-hard=$((LIMIT_MEMORY_HARD * 1024 * 1024))
    --limit-time-cpu="$LIMIT_TIME_CPU" --limit-time-real="$LIMIT_TIME_REAL"
    --db_maxconn="$DB_MAXCONN"
)
[ "$PROXY_MODE" = 1 ] && opts+=(--proxy-mode)
if [ "$REPLICA" = 1 ]; then
    REPLICA_PORT="$REPLICA_PORT" "$REPO_DIR/scripts/replica.sh" up
    opts+=(--db_replica_host="$PGHOST" --db_replica_port="$REPLICA_PORT")
    log "generating the asset bundles on the primary (read-only requests must find them on the replica)"
    "$PY" "$ODOO_SRC/odoo-bin" shell --addons-path="$(addons_path)" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$DB_USER" --db_password="$DB_PASSWORD" \
        -d "$DB" --no-http --data-dir="$VENV/filestore" --log-level=warn \
        < "$REPO_DIR/scripts/serve_assets.py" >/dev/null
fi

if [ "$CHECK" != 1 ]; then
    [ -n "${SERVE_LOGFILE:-}" ] && opts+=(--logfile="$SERVE_LOGFILE")
    log "serving $DB at http://localhost:$HTTP_PORT: $WORKERS HTTP workers, $CRON_WORKERS cron workers$(
        [ "$REPLICA" = 1 ] && echo ", read-only requests on the replica (port $REPLICA_PORT)"); Ctrl+C stops"
    exec "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$(addons_path)" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$DB_USER" --db_password="$DB_PASSWORD" \
        "${opts[@]}" --log-level=info
fi

# CHECK=1: start the server, check it, stop it; nothing is left running
LOGFILE="${SERVE_LOGFILE:-$VENV/serve-$DB.log}"
: > "$LOGFILE"
log "CHECK=1: starting $WORKERS workers on port $HTTP_PORT (log: $LOGFILE)"
"$PY" "$ODOO_SRC/odoo-bin" --addons-path="$(addons_path)" \
    --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$DB_USER" --db_password="$DB_PASSWORD" \
    "${opts[@]}" --log-level=info --logfile="$LOGFILE" &
server=$!
trap 'stop_server "$server"' EXIT
check_args=(--url "http://localhost:$HTTP_PORT" --db "$DB" --logfile "$LOGFILE" --workers "$WORKERS")
if [ "$REPLICA" = 1 ]; then
    check_args+=(--replica-port "$REPLICA_PORT" --db-host "$PGHOST" --db-user "$DB_USER" --db-password "$DB_PASSWORD")
fi
"$PY" "$REPO_DIR/scripts/serve_check.py" "${check_args[@]}"
stop_server "$server"
trap - EXIT
# A worker closes a kept-alive connection that sent nothing for 2 s (Odoo's
# socket timeout) and werkzeug logs it as an error: wkhtmltopdf leaves such
# connections behind. Odoo itself logs it as information when testing.
if grep -E " (WARNING|ERROR|CRITICAL) " "$LOGFILE" | grep -v "werkzeug: .* Request timed out: TimeoutError" >&2; then
    die "CHECK=1: the server logged the warnings or errors above ($LOGFILE)"
fi
log "CHECK=1: the server stopped; nothing is left running"
