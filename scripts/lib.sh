#!/usr/bin/env bash
# Shared settings for the project's scripts. Sourced, never run.
# Everything here can be overridden from the environment.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_SRC="${ODOO_SRC:-/opt/odoo/18.0}"
VENV="${VENV:-$REPO_DIR/.venv}"
PY="$VENV/bin/python"
# The venv's bin comes first on the PATH of Odoo (and of every script): there
# setup.sh puts the wkhtmltopdf with patched Qt, ahead of the system's.
export PATH="$VENV/bin:$PATH"
# Odoo refuses to run as the `postgres` role: the project uses its own role,
# reached over TCP on localhost with a password (peer auth needs a system user).
PGHOST="${PGHOST:-localhost}"
PGPORT="${PGPORT:-5432}"
DB_USER="${DB_USER:-hr_mentoring}"
DB_PASSWORD="${DB_PASSWORD:-hr_mentoring}"
# The repository root *is* the addon, but Odoo finds an addon by its directory
# name: a link named hr_mentoring in a folder of its own goes on the addons path.
ADDONS_LINK_DIR="${ADDONS_LINK_DIR:-$VENV/addons}"
HTTP_PORT="${HTTP_PORT:-8069}"

log() { printf '\033[1m[hr_mentoring]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[hr_mentoring] %s\033[0m\n' "$*" >&2; exit 1; }

require_odoo() {
    if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
        die "No Odoo 18 source tree found: looked for $ODOO_SRC/odoo-bin.
Point ODOO_SRC at an Odoo 18.0 source tree, e.g.  ODOO_SRC=/path/to/odoo make test
(README.md, 'Odoo source', shows how to get one)."
    fi
    if ! grep -q "^version_info = (18, 0" "$ODOO_SRC/odoo/release.py" 2>/dev/null; then
        die "$ODOO_SRC does not hold Odoo 18.0 (odoo/release.py says otherwise). Point ODOO_SRC at an Odoo 18.0 tree."
    fi
}

addons_path() {
    local path="$ADDONS_LINK_DIR,$ODOO_SRC/odoo/addons"
    if [ -d "$ODOO_SRC/addons" ]; then
        path="$path,$ODOO_SRC/addons"
    fi
    echo "$path"
}

odoo_bin() {
    "$PY" "$ODOO_SRC/odoo-bin" \
        --addons-path="$(addons_path)" \
        --db_host="$PGHOST" --db_port="$PGPORT" \
        --db_user="$DB_USER" --db_password="$DB_PASSWORD" \
        "$@"
}

psql_admin() {
    # Role and database administration runs as the cluster's superuser.
    if [ "$(id -u)" = 0 ]; then
        su postgres -c "psql -v ON_ERROR_STOP=1 -qAtX $(printf '%q ' "$@")"
    else
        psql -v ON_ERROR_STOP=1 -qAtX "$@"
    fi
}

drop_db() {
    PGPASSWORD="$DB_PASSWORD" dropdb --if-exists -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" "$1"
    rm -rf "$VENV/filestore/filestore/$1"
}

db_exists() {
    [ "$(PGPASSWORD="$DB_PASSWORD" psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d postgres -qAtX \
        -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

# demo_db_init DB "reusing ..." "creating ...": sets init=(-u|-i hr_mentoring) for
# odoo_bin, the database DB with the demo data dropped first when RESET=1, kept
# (and updated) when it exists, else created
demo_db_init() {
    if [ "${RESET:-0}" = 1 ]; then
        log "RESET=1: dropping $1"
        drop_db "$1"
    fi
    if db_exists "$1"; then
        log "$2"
        init=(-u hr_mentoring)
    else
        log "$3"
        init=(-i hr_mentoring)
    fi
}

# update_demo_db DB: the demo database DB for a server (make run, serve, load):
# created with hr_mentoring and its demo data, or kept and hr_mentoring updated
# in it (RESET=1 recreates it), by an odoo-bin that stops once done
update_demo_db() {
    demo_db_init "$1" "reusing database $1 (RESET=1 recreates it); updating hr_mentoring" \
        "creating database $1 with hr_mentoring and its demo data (a minute or two)"
    odoo_bin -d "$1" "${init[@]}" --stop-after-init --max-cron-threads=0 --no-http \
        --data-dir="$VENV/filestore" --log-level=warn
}

# stop_server PID: stop the Odoo server PID started in the background, and wait
# for it: TERM (a prefork master then stops its workers, cron workers and gevent
# process), KILL if it still runs 30 s later
stop_server() {
    if kill -0 "$1" 2>/dev/null; then
        kill -TERM "$1"
        for _ in $(seq 60); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$1" 2>/dev/null && kill -KILL "$1"
    fi
    wait "$1" 2>/dev/null || true
}
