#!/usr/bin/env bash
# make install-check: install hr_mentoring without and with demo data, upgrade it
# on a database that holds data, uninstall it (checked in SQL: nothing left) and
# install it again there. Every step must log no WARNING and no ERROR.
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all
LOGDIR="$VENV/install-check"
mkdir -p "$LOGDIR"
failed=0

step() {  # step NAME -- odoo args...
    local name="$1"; shift
    local logfile="$LOGDIR/$name.log"
    : > "$logfile"
    set +e
    "$@" --logfile="$logfile"
    local rc=$?
    set -e
    if "$PY" "$REPO_DIR/scripts/test_summary.py" --no-tests "$logfile" "$rc" "$name" >/dev/null; then
        log "  ok: $name"
    else
        "$PY" "$REPO_DIR/scripts/test_summary.py" --no-tests "$logfile" "$rc" "$name" || true
        log "  FAILED: $name (log: $logfile)"
        failed=1
    fi
}

common=(--stop-after-init --max-cron-threads=0 --data-dir="$VENV/filestore" --http-port="${TEST_HTTP_PORT:-8169}")
for db in hr_mentoring_check_nodemo hr_mentoring_check_demo; do drop_db "$db"; done

log "install-check: install without demo data"
step install-without-demo odoo_bin -d hr_mentoring_check_nodemo -i hr_mentoring --without-demo=all "${common[@]}"
if [ -n "${INSTALL_CHECK_DEMO_DB:-}" ]; then
    # CI: `make test DEMO=1` has just installed with demo data in that database and
    # failed on any warning of its log: upgrade and uninstall a copy of it instead
    # of installing once more
    db_exists "$INSTALL_CHECK_DEMO_DB" || die "INSTALL_CHECK_DEMO_DB=$INSTALL_CHECK_DEMO_DB: no such database"
    log "install-check: install with demo data: checked by make test DEMO=1, copying $INSTALL_CHECK_DEMO_DB"
    PGPASSWORD="$DB_PASSWORD" createdb -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" \
        -T "$INSTALL_CHECK_DEMO_DB" hr_mentoring_check_demo
    if [ -d "$VENV/filestore/filestore/$INSTALL_CHECK_DEMO_DB" ]; then
        cp -a "$VENV/filestore/filestore/$INSTALL_CHECK_DEMO_DB" "$VENV/filestore/filestore/hr_mentoring_check_demo"
    fi
else
    log "install-check: install with demo data"
    step install-with-demo odoo_bin -d hr_mentoring_check_demo -i hr_mentoring "${common[@]}"
fi
log "install-check: upgrade a database that holds data (-u hr_mentoring)"
step upgrade odoo_bin -d hr_mentoring_check_demo -u hr_mentoring "${common[@]}"
log "install-check: uninstall"
uninstall() {
    "$PY" "$ODOO_SRC/odoo-bin" shell --addons-path="$(addons_path)" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$DB_USER" --db_password="$DB_PASSWORD" \
        -d hr_mentoring_check_demo --no-http --data-dir="$VENV/filestore" "$@" <<'PY'
module = env["ir.module.module"].search([("name", "=", "hr_mentoring")])
module.button_immediate_uninstall()
env.cr.commit()
left = env["ir.model"].search_count([("model", "like", "hr.mentoring.%")])
assert module.state == "uninstalled" and not left, f"uninstall left {left} models, state {module.state}"
print("UNINSTALLED")
PY
}
unchecker() { "$PY" "$REPO_DIR/scripts/uninstall_check.py" --db-host "$PGHOST" --db-port "$PGPORT" \
    --db-user "$DB_USER" --db-password "$DB_PASSWORD" "$@"; }
unchecker record hr_mentoring_check_demo "$LOGDIR/module-schema.json"
step uninstall uninstall
# the log is not enough: in SQL, no table, column, view, menu, action, rule, group,
# message or xmlid of the module is left, and no cron or follower points at nothing
if unchecker check hr_mentoring_check_demo "$LOGDIR/module-schema.json"; then
    log "  ok: uninstall left nothing behind"
else
    log "  FAILED: uninstall left things behind"
    failed=1
fi
log "install-check: install again, with demo data, where it was uninstalled"
step reinstall odoo_bin -d hr_mentoring_check_demo -i hr_mentoring "${common[@]}"
for db in hr_mentoring_check_nodemo hr_mentoring_check_demo; do drop_db "$db"; done
if [ "$failed" != 0 ]; then
    die "install-check failed"
fi
log "install-check: install, upgrade and uninstall logs are clean"
