#!/usr/bin/env bash
# make lint: ruff (lint + format check), pylint-odoo's mandatory checks, and the
# translations: every i18n/*.po translates every msgid of i18n/hr_mentoring.pot.
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" python
cd "$REPO_DIR"
log "ruff check"
"$VENV/bin/ruff" check .
log "ruff format --check"
"$VENV/bin/ruff" format --check .
log "pylint-odoo (mandatory checks)"
# pylint-odoo knows an addon by its directory name: lint it through the link
mkdir -p "$ADDONS_LINK_DIR"
ln -sfn "$REPO_DIR" "$ADDONS_LINK_DIR/hr_mentoring"
(cd "$ADDONS_LINK_DIR" && "$VENV/bin/pylint" --rcfile="$REPO_DIR/.pylintrc" --ignore=.venv,scripts,benchmarks hr_mentoring)
log "translations (i18n/*.po against i18n/hr_mentoring.pot)"
"$PY" "$REPO_DIR/scripts/check_po.py" "$REPO_DIR/i18n"
log "lint clean"
