#!/usr/bin/env bash
# make load: the soak test of `make serve` with Locust (benchmarks/locustfile.py,
# through OdooLocust), driven by benchmarks/load.py: a fresh copy of the demo
# database, the server on 127.0.0.1 with 4 HTTP workers and 2 cron workers,
# the demo users of each role for LOAD_MINUTES minutes, the module's scheduled
# actions due every minute and planned events falling due meanwhile. It starts
# and stops the server itself, writes benchmarks/LOAD.md (with load.png and
# load_stats.csv beside it), and fails when a must of the report fails.
# Not part of `make test`.
#
#   make load                                  10 minutes (about 13 in all)
#   make load LOAD_MINUTES=1 LOAD_CHECK=1      CI's version: 1 minute, the report in
#                                              $VENV/load-<db>/ (not benchmarks/), fails on a
#                                              failed request, an ERROR or WARNING line, a
#                                              duplicate, a due event left unflagged
#
# LOAD_DB (default mentoring_demo, built as `make run` builds it; LOAD_UPDATE=0
# uses it as it is, else hr_mentoring is installed or updated first),
# LOAD_PORT (8269) and LOAD_GEVENT_PORT (LOAD_PORT + 3) on 127.0.0.1,
# LOAD_WORKERS (4), LOAD_CRON_WORKERS (2), LOAD_RATE (actions per second of all
# the users, 5), LOAD_PROTOCOL (websession: the users' calls in web sessions, as
# the web client makes them; jsonrpc: OdooLocust's own connector, the password
# with every call), LOAD_ARGS (more options of benchmarks/load.py), LOAD_OUTPUT.
#
# Locust runs in a venv of its own, $VENV/locust (LOAD_VENV), made here on first
# use from requirements/load.txt: Locust needs newer gevent and requests than
# the versions Odoo 18 pins in $VENV.
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all

LOAD_VENV="${LOAD_VENV:-$VENV/locust}"
want="$(sha256sum < "$REPO_DIR/requirements/load.txt" | cut -d' ' -f1)"
if [ ! -f "$LOAD_VENV/.requirements.$want" ]; then
    [ -x "$LOAD_VENV/bin/python" ] || { log "creating $LOAD_VENV (Locust, OdooLocust, matplotlib)"; python3 -m venv "$LOAD_VENV"; }
    log "installing requirements/load.txt into $LOAD_VENV"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$LOAD_VENV/bin/python" -m pip install -q -r "$REPO_DIR/requirements/load.txt" \
        2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
    touch "$LOAD_VENV/.requirements.$want"
fi

DB="${LOAD_DB:-${RUN_DB:-mentoring_demo}}"
if [ "${LOAD_UPDATE:-1}" = 1 ]; then
    update_demo_db "$DB"
else
    db_exists "$DB" || die "no database $DB (LOAD_UPDATE=0 uses an existing database)"
fi

MINUTES="${LOAD_MINUTES:-10}"
RUN_DIR="$VENV/load-$DB"
command="make load"
[ "$MINUTES" != 10 ] && command+=" LOAD_MINUTES=$MINUTES"
check=()
if [ "${LOAD_CHECK:-0}" = 1 ]; then
    check=(--check)
    command+=" LOAD_CHECK=1"
    OUTPUT="${LOAD_OUTPUT:-$RUN_DIR/LOAD.md}"
else
    OUTPUT="${LOAD_OUTPUT:-$REPO_DIR/benchmarks/LOAD.md}"
fi
PORT="${LOAD_PORT:-8269}"
read -r -a extra <<< "${LOAD_ARGS:-}"
"$LOAD_VENV/bin/python" "$REPO_DIR/benchmarks/load.py" --repo "$REPO_DIR" --db "$DB" \
    --db-host "$PGHOST" --db-port "$PGPORT" --db-user "$DB_USER" --db-password "$DB_PASSWORD" \
    --data-dir "$VENV/filestore" --port "$PORT" --gevent-port "${LOAD_GEVENT_PORT:-$((PORT + 3))}" \
    --workers "${LOAD_WORKERS:-4}" --cron-workers "${LOAD_CRON_WORKERS:-2}" \
    --minutes "$MINUTES" --rate "${LOAD_RATE:-5}" "${check[@]}" \
    --run-dir "$RUN_DIR" --output "$OUTPUT" --command "$command" "${extra[@]}"
