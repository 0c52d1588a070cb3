#!/usr/bin/env bash
# make screenshots: the README's pictures (docs/screenshots/*.png, and the two the
# app page shows too, in static/description/), taken from the
# running app. A database with the demo data (SHOTS_DB, default mentoring_shots;
# RESET=1 recreates it) is served on SHOTS_PORT (default 8471) for the time of the
# shots, and scripts/screenshots.py photographs it with headless Chromium, logged
# in as each role's demo user. SHOTS_ONLY=name,name takes only those pictures
# (mentor_phone_to_sign, mentor_phone_sign_off: at a phone's size).
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all
DB="${SHOTS_DB:-mentoring_shots}"
PORT="${SHOTS_PORT:-8471}"
OUT="$REPO_DIR/docs/screenshots"
SERVER_LOG="$VENV/screenshots-$DB-server.log"

demo_db_init "$DB" "updating hr_mentoring in $DB" "creating $DB with hr_mentoring and its demo data"
INSTALL_LOG="$VENV/screenshots-$DB-install.log"
: > "$INSTALL_LOG"
odoo_bin -d "$DB" "${init[@]}" --stop-after-init --max-cron-threads=0 --data-dir="$VENV/filestore" \
    --log-level=warn --logfile="$INSTALL_LOG"
if grep -E " (WARNING|ERROR|CRITICAL) " "$INSTALL_LOG"; then
    die "installing hr_mentoring logged warnings or errors: the pictures would not show the demo (log: $INSTALL_LOG)"
fi

log "serving $DB on port $PORT (log: $SERVER_LOG)"
: > "$SERVER_LOG"
(
    exec "$PY" "$ODOO_SRC/odoo-bin" --addons-path="$(addons_path)" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$DB_USER" --db_password="$DB_PASSWORD" \
        -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" --max-cron-threads=0 \
        --data-dir="$VENV/filestore" --logfile="$SERVER_LOG"
) &
server=$!
trap 'stop_server "$server"' EXIT
for _ in $(seq 120); do
    curl -fsS "http://localhost:$PORT/web/health" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || die "the server stopped: see $SERVER_LOG"
    sleep 0.5
done
curl -fsS "http://localhost:$PORT/web/health" >/dev/null || die "the server did not answer on port $PORT: see $SERVER_LOG"

"$PY" "$REPO_DIR/scripts/screenshots.py" --url "http://localhost:$PORT" --db "$DB" --out "$OUT" \
    --app-out "$REPO_DIR/static/description" --only "${SHOTS_ONLY:-}"
