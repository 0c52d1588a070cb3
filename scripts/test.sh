#!/usr/bin/env bash
# make test: a fresh database, hr_mentoring installed (no demo data), every test of
# the module run inside Odoo on PostgreSQL, then a pytest-style summary line.
# Fails when a test fails, or when the install or the tests log a WARNING or worse.
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all

DB="${TEST_DB:-hr_mentoring_test}"
TEST_TAGS="${TEST_TAGS:-/hr_mentoring}"
LOG="$VENV/test-$DB.log"
drop_db "$DB"
: > "$LOG"
log "installing hr_mentoring in a fresh database $DB and running its tests ($TEST_TAGS)"
start=$(date +%s)
set +e
odoo_bin -d "$DB" -i hr_mentoring --without-demo=all --test-enable --test-tags="$TEST_TAGS" \
    --stop-after-init --log-level=test --max-cron-threads=0 --http-port="${TEST_HTTP_PORT:-8169}" \
    --data-dir="$VENV/filestore" --logfile="$LOG"
rc=$?
set -e
elapsed=$(( $(date +%s) - start ))
"$PY" "$REPO_DIR/scripts/test_summary.py" "$LOG" "$rc" "$elapsed"
