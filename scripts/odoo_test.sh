#!/usr/bin/env bash
# make odoo-test: the module's tests under Odoo's own runner (odoo-bin --test-tags),
# as OCA's CI and Odoo's runbot see a module, on a fresh database.
#   ODOO_TEST_MODULES: what is installed beside hr_mentoring (default: the rest of
#     Odoo HR, as a company has it: hr_holidays, hr_skills, hr_recruitment, project,
#     website_slides, hr_attendance, hr_expense, and test_mail for its budgets);
#     ODOO_TEST_MODULES= (empty) installs the module and its dependencies only.
#   ODOO_TEST_TAGS: the tests (default: the module's, hr's and survey's, and
#     test_mail's activity budgets: Odoo's own suites must pass with the module
#     installed as they pass without it).
#   ODOO_TEST_DEMO=0: without demo data (default: with).
# A WARNING fails the run when it is this module's (Odoo's own suites log some of
# their own); a failing test fails it unless it is one of Odoo's own tests named in
# scripts/odoo_test_known_failures.txt, which fail on this machine without the
# module too. The closing line is scripts/test_summary.py's "N passed, N failed".
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all
default_modules="hr_holidays,hr_skills,hr_recruitment,project,website_slides,hr_attendance,hr_expense,test_mail"
modules="${ODOO_TEST_MODULES-$default_modules}"
tags="${ODOO_TEST_TAGS:-/hr_mentoring,/hr,/survey,/test_mail:TestBaseAPIPerformance}"
DB="${ODOO_TEST_DB:-hr_mentoring_odoo_test}"
demo_args=()
[ "${ODOO_TEST_DEMO:-1}" = 1 ] || demo_args=(--without-demo=all)
LOG="$VENV/odoo-test-$DB.log"
: > "$LOG"
drop_db "$DB"
log "odoo-bin -i hr_mentoring${modules:+,$modules} --test-tags $tags on $DB ${demo_args[*]} (log: $LOG)"
start=$(date +%s)
set +e
odoo_bin -d "$DB" -i "hr_mentoring${modules:+,$modules}" "${demo_args[@]}" --test-enable --test-tags "$tags" \
    --stop-after-init --max-cron-threads=0 --http-port="${TEST_HTTP_PORT:-8269}" \
    --data-dir="$VENV/filestore" --log-level=info --logfile="$LOG"
rc=$?
set -e
"$PY" "$REPO_DIR/scripts/test_summary.py" --warnings-of 'hr_mentoring|hr\.mentoring' \
    --known-failures "$REPO_DIR/scripts/odoo_test_known_failures.txt" "$LOG" "$rc" "$(( $(date +%s) - start ))"
