#!/usr/bin/env bash
# make bench-browser: each role's main screens in headless Chromium, on the
# database of `make bench` (SCALE=10 by default: hr_mentoring_bench_x10, built
# by `make bench SCALE=10`), served by `make serve`. Writes
# benchmarks/results/browser-<scale>.json and RESULTS.md's browser table
# (benchmarks/browser.py says what is measured and how).
#
#   make bench-browser                   10x, 5 timed runs per screen
#   make bench-browser SCALE=1           the 1x dataset (hr_mentoring_bench)
#   make bench-browser BROWSER_ARGS="--runs 3 --only mentor"
#
# Settings: BENCH_DB, BROWSER_HTTP_PORT (8769), WORKERS (2), BROWSER_ARGS,
# BROWSER_UPDATE (1: update the module in the database first; 0: as it is).
# Each screen's RPCs are kept in $VENV/bench-browser-<db>.calls.json: with
# them benchmarks/browser_profile.py prints a screen's slowest queries.
# The server runs without cron workers: the screens are measured alone.
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all

SCALE="${SCALE:-10}"
if [ "$SCALE" = 1 ]; then
    DB="${BENCH_DB:-hr_mentoring_bench}"
else
    DB="${BENCH_DB:-hr_mentoring_bench_x$SCALE}"
fi
db_exists "$DB" || die "no database $DB: build it first with make bench SCALE=$SCALE"
PORT="${BROWSER_HTTP_PORT:-8769}"
WORKERS="${WORKERS:-2}"
LOGFILE="$VENV/bench-browser-$DB.log"
USERS="$VENV/bench-browser-$DB.users"
PASSWORD="bench-browser"

if [ "${BROWSER_UPDATE:-1}" = 1 ]; then
    log "updating hr_mentoring in $DB"
    odoo_bin -d "$DB" -u hr_mentoring --stop-after-init --max-cron-threads=0 --no-http \
        --data-dir="$VENV/filestore" --log-level=warn
fi
log "the users of each role (password $PASSWORD)"
BROWSER_PASSWORD="$PASSWORD" "$PY" "$ODOO_SRC/odoo-bin" shell --addons-path="$(addons_path)" \
    --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$DB_USER" --db_password="$DB_PASSWORD" \
    -d "$DB" --no-http --data-dir="$VENV/filestore" --log-level=warn \
    < "$REPO_DIR/benchmarks/browser_users.py" | grep -E "^(user|program) " > "$USERS"

: > "$LOGFILE"
log "serving $DB on port $PORT ($WORKERS workers, no cron worker; log: $LOGFILE)"
SERVE_DB="$DB" SERVE_UPDATE=0 HTTP_PORT="$PORT" WORKERS="$WORKERS" CRON_WORKERS=0 SERVE_LOGFILE="$LOGFILE" \
    "$REPO_DIR/scripts/serve.sh" &
server=$!
trap 'stop_server "$server"' EXIT
for _ in $(seq 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/web/login" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || die "the server stopped (log: $LOGFILE)"
    sleep 1
done
# shellcheck disable=SC2086
"$PY" "$REPO_DIR/benchmarks/browser.py" --url "http://127.0.0.1:$PORT" --db "$DB" --scale "$SCALE" \
    --logfile "$LOGFILE" --users "$USERS" --password "$PASSWORD" --workers "$WORKERS" \
    --calls "$VENV/bench-browser-$DB.calls.json" ${BROWSER_ARGS:-}
stop_server "$server"
trap - EXIT
"$PY" "$REPO_DIR/benchmarks/report.py"
log "wrote benchmarks/RESULTS.md"
