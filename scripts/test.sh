#!/usr/bin/env bash
# make test: a fresh database, hr_mentoring installed in it (no demo data) by
# odoo-bin, then every test of the module run by pytest with pytest-odoo, the
# browser tours included (--odoo-http). The closing line is pytest's own.
# make test DEMO=1: the same tests on a fresh database installed WITH demo data
# (as OCA's and Odoo's CI do), in a database of its own (TEST_DB_DEMO).
# Fails when a test fails, or when the install or the tests log a WARNING or worse.
#
# Targeting: PYTEST_ARGS="tests/test_plan.py -k weekend" (pytest's arguments,
# paths relative to the addon), or Odoo's TEST_TAGS=/hr_mentoring:Class[.method],...
# mapped to pytest node ids. KEEP_DB=1 reuses the test database when it exists
# (no install: for Python changes; an XML or field change needs the fresh one).
#
# pytest-odoo knows an addon only by the real name of its folder (a link is
# resolved to the clone's folder, named anything): the addon is copied to
# $TEST_ADDONS_DIR/hr_mentoring (default: $ADDONS_LINK_DIR-pytest), that copy
# is installed and tested, with a pytest.ini and this project's conftest.py
# (scripts/pytest_conftest.py) beside it.
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
INSTALL_LOG="$VENV/install-$DB.log"
LOG="$VENV/test-$DB.log"

# the addon under its own name, in a folder of its own
TEST_ADDONS_DIR="${TEST_ADDONS_DIR:-$ADDONS_LINK_DIR-pytest}"
ADDON="$TEST_ADDONS_DIR/hr_mentoring"
mkdir -p "$TEST_ADDONS_DIR"
rm -rf "$ADDON.new"
mkdir "$ADDON.new"
venv_in_repo=()
case "$(realpath -m "$VENV")/" in
    "$REPO_DIR"/*) venv_in_repo=(--exclude="./${VENV#"$REPO_DIR"/}") ;;
esac
tar -C "$REPO_DIR" --exclude=./.git --exclude=./.venv "${venv_in_repo[@]}" --exclude=__pycache__ \
    --exclude='*.pyc' --exclude=./.ruff_cache -cf - . | tar -C "$ADDON.new" -xf -
rm -rf "$ADDON"
mv "$ADDON.new" "$ADDON"
cp "$REPO_DIR/scripts/pytest_conftest.py" "$TEST_ADDONS_DIR/conftest.py"
ADDONS_LINK_DIR="$TEST_ADDONS_DIR"

# TEST_TAGS (Odoo's form) -> pytest node ids
targets=()
if [ -n "${TEST_TAGS:-}" ] && [ "$TEST_TAGS" != /hr_mentoring ]; then
    IFS=, read -r -a specs <<< "$TEST_TAGS"
    for spec in "${specs[@]}"; do
        case "$spec" in
            /hr_mentoring:*) ;;
            *) die "TEST_TAGS=$TEST_TAGS: only /hr_mentoring:Class or /hr_mentoring:Class.method are understood (or use PYTEST_ARGS)" ;;
        esac
        spec="${spec#/hr_mentoring:}"
        cls="${spec%%.*}"
        file="$(grep -l -E "^class $cls\b" "$ADDON"/tests/test_*.py | head -n1 || true)"
        [ -n "$file" ] || die "TEST_TAGS: no test class $cls in tests/"
        node="tests/$(basename "$file")::$cls"
        [ "$spec" = "$cls" ] || node="$node::${spec#*.}"
        targets+=("$node")
    done
fi
read -r -a pytest_args <<< "${PYTEST_ARGS:-}"
if [ ${#pytest_args[@]} = 0 ] && [ ${#targets[@]} = 0 ]; then
    targets=(tests)
fi

start=$(date +%s)
if [ "${KEEP_DB:-0}" = 1 ] && db_exists "$DB"; then
    log "KEEP_DB=1: testing in the existing database $DB (no install)"
else
    drop_db "$DB"
    : > "$INSTALL_LOG"
    log "installing hr_mentoring $with in a fresh database $DB (log: $INSTALL_LOG)"
    set +e
    # hr_holidays is no dependency of hr_mentoring: it is installed beside it so
    # that the plans are tested against real, validated Time Off requests
    odoo_bin -d "$DB" -i "${TEST_MODULES:-hr_mentoring,hr_holidays}" "${demo_args[@]}" --stop-after-init --no-http --max-cron-threads=0 \
        --data-dir="$VENV/filestore" --log-level=info --logfile="$INSTALL_LOG"
    rc=$?
    set -e
    if ! "$PY" "$REPO_DIR/scripts/test_summary.py" --no-tests "$INSTALL_LOG" "$rc" "install" > "$INSTALL_LOG.summary"; then
        cat "$INSTALL_LOG.summary"
        die "installing hr_mentoring logged warnings or errors, or failed (log: $INSTALL_LOG)"
    fi
fi

# the options in a pytest.ini, so that `pytest tests/test_plan.py -k weekend`
# run in $ADDON tests the same database
cat > "$TEST_ADDONS_DIR/pytest.ini" <<EOF
# written by scripts/test.sh: hr_mentoring's tests under pytest-odoo
[pytest]
addopts =
    -p no:cacheprovider
    --odoo-database=$DB
    --odoo-addons-path=$(addons_path)
    --odoo-log-level=info
    --odoo-http
    --odoo-extra=db_host=$PGHOST
    --odoo-extra=db_port=$PGPORT
    --odoo-extra=db_user=$DB_USER
    --odoo-extra=db_password=$DB_PASSWORD
    --odoo-extra=data-dir=$VENV/filestore
    --odoo-extra=max-cron-threads=0
    --odoo-extra=logfile=$LOG
EOF
: > "$LOG"
log "pytest (pytest-odoo) in $ADDON on $DB ${pytest_args[*]} ${targets[*]} (Odoo log: $LOG)"
cd "$ADDON"
set +e
# Odoo is a source tree, not an installed package: pytest-odoo imports it from there
PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}" "$PY" -m pytest "${pytest_args[@]}" "${targets[@]}"
rc=$?
set -e
log "make test: $(( $(date +%s) - start ))s in all (install included)"
exit $rc
