#!/usr/bin/env bash
# make upgrade-check: for each earlier release named in scripts/upgrade_releases.txt,
# build a database of it WITH demo data from a git worktree of that commit, upgrade
# it to the working tree (-u hr_mentoring) and check that
#   - the upgrade logs no WARNING and no ERROR;
#   - nothing was lost: every pairing, event, evaluation, note, acknowledgement,
#     programme, message and attachment of the old database is still there, in
#     the same state (scripts/upgrade_check.py snapshot / compare);
#   - the invariants of the new version hold (scripts/upgrade_check.py invariants);
#   - the tests tagged `upgrade` pass on the upgraded database (Odoo's own runner).
# A release's freshly installed database is kept as a template
# (hr_mentoring_release_<commit>) and reused by later runs: KEEP_RELEASE_DBS=0 drops it.
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all
LOGDIR="$VENV/upgrade-check"
mkdir -p "$LOGDIR"
failed=0
common=(--stop-after-init --max-cron-threads=0 --data-dir="$VENV/filestore" --no-http)
checker() { "$PY" "$REPO_DIR/scripts/upgrade_check.py" --db-host "$PGHOST" --db-port "$PGPORT" \
    --db-user "$DB_USER" --db-password "$DB_PASSWORD" "$@"; }
clean_log() {  # clean_log LOGFILE RC LABEL: no WARNING/ERROR, exit code 0
    if "$PY" "$REPO_DIR/scripts/test_summary.py" --no-tests "$1" "$2" "$3" > "$1.summary"; then
        log "  ok: $3"
    else
        cat "$1.summary"
        log "  FAILED: $3 (log: $1)"
        failed=1
        return 1
    fi
}
copy_db() {  # copy_db FROM TO, filestore included
    drop_db "$2"
    PGPASSWORD="$DB_PASSWORD" createdb -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -T "$1" "$2"
    if [ -d "$VENV/filestore/filestore/$1" ]; then
        mkdir -p "$VENV/filestore/filestore"
        cp -a "$VENV/filestore/filestore/$1" "$VENV/filestore/filestore/$2"
    fi
}

if [ -n "${UPGRADE_RELEASES:-}" ]; then
    read -r -a releases <<< "$UPGRADE_RELEASES"   # e.g. UPGRADE_RELEASES="65f297b": those only
else
    mapfile -t releases < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$REPO_DIR/scripts/upgrade_releases.txt" | grep -v '^$')
fi
[ ${#releases[@]} -gt 0 ] || die "no release in scripts/upgrade_releases.txt"
for rel in "${releases[@]}"; do
    sha="$(git -C "$REPO_DIR" rev-parse --short=7 "$rel^{commit}" 2>/dev/null)" \
        || die "release $rel: no such commit in this clone"
    template="hr_mentoring_release_$sha"
    db="hr_mentoring_upgrade_$sha"
    log "upgrade-check: release $sha"
    if ! db_exists "$template"; then
        # the release as it was: its own files, under the addon's name, beside Odoo's addons
        src="$LOGDIR/src-$sha"
        rm -rf "$src"
        mkdir -p "$src/hr_mentoring"
        git -C "$REPO_DIR" archive "$sha" | tar -x -C "$src/hr_mentoring"
        drop_db "$template.new"
        log "  installing release $sha with demo data (hr_mentoring, hr_holidays)"
        set +e
        ADDONS_LINK_DIR="$src" odoo_bin -d "$template.new" -i hr_mentoring,hr_holidays "${common[@]}" \
            --log-level=warn --logfile="$LOGDIR/install-$sha.log"
        rc=$?
        set -e
        if [ "$rc" != 0 ]; then
            tail -n 40 "$LOGDIR/install-$sha.log"
            die "release $sha did not install (log: $LOGDIR/install-$sha.log)"
        fi
        copy_db "$template.new" "$template"
        drop_db "$template.new"
        rm -rf "$src"
    else
        log "  reusing the database of release $sha ($template)"
    fi
    copy_db "$template" "$db"
    checker snapshot "$db" "$LOGDIR/before-$sha.json"
    log "  upgrading to the working tree (-u hr_mentoring)"
    # Odoo appends to its log file: each run gets an empty one
    : > "$LOGDIR/upgrade-$sha.log"
    : > "$LOGDIR/test-$sha.log"
    set +e
    odoo_bin -d "$db" -u hr_mentoring "${common[@]}" --log-level=info --logfile="$LOGDIR/upgrade-$sha.log"
    rc=$?
    set -e
    clean_log "$LOGDIR/upgrade-$sha.log" "$rc" "upgrade of $sha" || continue
    checker snapshot "$db" "$LOGDIR/after-$sha.json"
    if checker compare "$LOGDIR/before-$sha.json" "$LOGDIR/after-$sha.json"; then
        log "  ok: nothing lost"
    else
        log "  FAILED: records lost or changed by the upgrade of $sha"
        failed=1
    fi
    if checker invariants "$db" --security-dir "$REPO_DIR/security"; then
        log "  ok: invariants"
    else
        log "  FAILED: invariants after the upgrade of $sha"
        failed=1
    fi
    log "  the tests tagged 'upgrade' on the upgraded database (odoo-bin --test-tags upgrade/hr_mentoring)"
    set +e
    odoo_bin -d "$db" --test-enable --test-tags "upgrade/hr_mentoring" --stop-after-init --max-cron-threads=0 \
        --data-dir="$VENV/filestore" --http-port="${TEST_HTTP_PORT:-8369}" \
        --log-level=info --logfile="$LOGDIR/test-$sha.log"
    rc=$?
    set -e
    if "$PY" "$REPO_DIR/scripts/test_summary.py" "$LOGDIR/test-$sha.log" "$rc" "tests on $sha"; then
        log "  ok: tests"
    else
        log "  FAILED: tests on the upgraded database of $sha (log: $LOGDIR/test-$sha.log)"
        failed=1
    fi
    drop_db "$db"
    [ "${KEEP_RELEASE_DBS:-1}" = 1 ] || drop_db "$template"
done
[ "$failed" = 0 ] || die "upgrade-check failed"
log "upgrade-check: every release upgraded cleanly, nothing lost, invariants hold"
