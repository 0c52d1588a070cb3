#!/usr/bin/env bash
# make load: the bounded load test (benchmarks/load.py) against `make serve` on
# localhost: 1, 4 and 8 HTTP workers, without and with the read replica, each
# on a fresh copy of the demo database; a fixed number of requests, a time cap;
# it starts and stops the servers itself and writes benchmarks/LOAD.md.
# Not part of `make test` nor CI (about 8 minutes).
#
#   make load                                   the whole matrix
#   make load LOAD_ARGS="--workers 4 --replica off --requests 100"   a part of it
#
# LOAD_DB (default mentoring_demo, built as `make run` builds it), LOAD_PORT
# (8269; the gevent port is +3), REPLICA_PORT (5433).
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all

DB="${LOAD_DB:-${RUN_DB:-mentoring_demo}}"
demo_db_init "$DB" "reusing database $DB (RESET=1 recreates it); updating hr_mentoring" \
    "creating database $DB with hr_mentoring and its demo data (a minute or two)"
odoo_bin -d "$DB" "${init[@]}" --stop-after-init --max-cron-threads=0 --no-http \
    --data-dir="$VENV/filestore" --log-level=warn

read -r -a extra <<< "${LOAD_ARGS:-}"
"$PY" "$REPO_DIR/benchmarks/load.py" --repo "$REPO_DIR" --db "$DB" \
    --db-host "$PGHOST" --db-port "$PGPORT" --db-user "$DB_USER" --db-password "$DB_PASSWORD" \
    --data-dir "$VENV/filestore" --port "${LOAD_PORT:-8269}" --replica-port "${REPLICA_PORT:-5433}" \
    --output "${LOAD_OUTPUT:-$REPO_DIR/benchmarks/LOAD.md}" "${extra[@]}"
