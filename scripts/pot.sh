#!/usr/bin/env bash
# make pot: regenerate i18n/hr_mentoring.pot, the template translators start from.
# The terms are read from a fresh database with hr_mentoring installed without demo
# data (demo records are not part of the module's translatable terms): Python _()
# and _lt() strings, views, menus, field labels, help and selection values, data
# records' translatable fields, QWeb reports and JavaScript.
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all
# Odoo's export walks the addons paths following symbolic links; the usual link
# (.venv/addons/hr_mentoring -> the repository, which holds .venv) would make it
# walk in circles through .venv. Export from a clean addons folder instead: a link
# per file or folder of the addon, none to the tooling.
ADDONS_LINK_DIR="$VENV/pot-addons"
rm -rf "$ADDONS_LINK_DIR"
mkdir -p "$ADDONS_LINK_DIR/hr_mentoring"
for entry in "$REPO_DIR"/*; do  # dot folders (.venv, .git) are not matched
    case "$(basename "$entry")" in
        benchmarks | docs | requirements | scripts | Makefile | README.md | pyproject.toml) continue ;;
    esac
    ln -s "$entry" "$ADDONS_LINK_DIR/hr_mentoring/"
done
DB="${POT_DB:-hr_mentoring_pot}"
POT="$REPO_DIR/i18n/hr_mentoring.pot"
LOG="$VENV/pot.log"
: > "$LOG"
drop_db "$DB"
log "installing hr_mentoring in $DB (no demo data)"
odoo_bin -d "$DB" -i hr_mentoring --without-demo=all --stop-after-init --max-cron-threads=0 \
    --data-dir="$VENV/filestore" --logfile="$LOG"
log "exporting the terms to i18n/hr_mentoring.pot"
mkdir -p "$REPO_DIR/i18n"
odoo_bin -d "$DB" --i18n-export="$POT" --modules=hr_mentoring --stop-after-init \
    --data-dir="$VENV/filestore" --logfile="$LOG"
drop_db "$DB"
rm -rf "$ADDONS_LINK_DIR"
if grep -E " (WARNING|ERROR|CRITICAL) " "$LOG"; then
    die "the export logged warnings or errors (log: $LOG)"
fi
[ -s "$POT" ] || die "no $POT written (log: $LOG)"
log "i18n/hr_mentoring.pot: $(( $(grep -c '^msgid ' "$POT") - 1 )) terms (msgids, the header left out)"
