#!/usr/bin/env bash
# make test: a fresh database, hr_mentoring installed (no demo data), every test of
# the module run inside Odoo on PostgreSQL, then a pytest-style summary line.
# make test DEMO=1: the same tests on a fresh database installed WITH demo data
# (as OCA's and Odoo's CI do), in a database of its own (TEST_DB_DEMO).
# Fails when a test fails, or when the install or the tests log a WARNING or worse.
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all

DEMO="${DEMO:-0}"
case "$DEMO" in
    1 | yes | true) DEMO=1 ;;
    0 | no | false | "") DEMO=0 ;;
    *) die "DEMO=$DEMO: use DEMO=1 (with demo data) or DEMO=0 (without, the default)" ;;
esac
if [ "$DEMO" = 1 ]; then
    DB="${TEST_DB_DEMO:-${TEST_DB:-hr_mentoring_test}_demo}"
    demo_args=()
    with="WITH demo data"
else
    DB="${TEST_DB:-hr_mentoring_test}"
    demo_args=(--without-demo=all)
    with="without demo data"
fi
TEST_TAGS="${TEST_TAGS:-/hr_mentoring}"
LOG="$VENV/test-$DB.log"
drop_db "$DB"
: > "$LOG"
log "installing hr_mentoring $with in a fresh database $DB and running its tests ($TEST_TAGS)"
start=$(date +%s)
set +e
# hr_holidays is no dependency of hr_mentoring: it is installed beside it so
# that the plans are tested against real, validated Time Off requests
odoo_bin -d "$DB" -i "${TEST_MODULES:-hr_mentoring,hr_holidays}" "${demo_args[@]}" --test-enable --test-tags="$TEST_TAGS" \
    --stop-after-init --log-level=test --max-cron-threads=0 --http-port="${TEST_HTTP_PORT:-8169}" \
    --data-dir="$VENV/filestore" --logfile="$LOG"
rc=$?
set -e
elapsed=$(( $(date +%s) - start ))
"$PY" "$REPO_DIR/scripts/test_summary.py" "$LOG" "$rc" "$elapsed"
