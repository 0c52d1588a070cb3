#!/usr/bin/env bash
# make wheel: the addon as OCA ships its 18.0 addons, a wheel built by whool
# (odoo-addon-hr_mentoring-<version>-py3-none-any.whl in $WHEEL_DIR).
# whool packages the files git tracks; the tooling beside the addon is marked
# export-ignore in .gitattributes, so the wheel is built from `git archive` of the
# working tree's tracked files, in a staging repository of its own.
# make wheel CHECK=1 (CI): then install it into a fresh virtualenv beside the Odoo
# source (Odoo's requirements, Odoo itself as an editable distribution, then the
# wheel with its dependencies from the index), and install the module from there
# into a fresh database, with no addons-path link: the log must be clean.
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all
WHEEL_DIR="${WHEEL_DIR:-$VENV/wheel/dist}"
work="$VENV/wheel"
stage="$work/stage/hr_mentoring"
rm -rf "$work/stage" "$WHEEL_DIR"
mkdir -p "$stage" "$WHEEL_DIR"
# the working tree's tracked files as they are now (a stash commit), or HEAD
tree="$(git -C "$REPO_DIR" stash create 2>/dev/null || true)"
git -C "$REPO_DIR" archive "${tree:-HEAD}" | tar -x -C "$stage"
git -C "$stage" init -q
git -C "$stage" add -A
git -C "$stage" -c user.name=wheel -c user.email=wheel@localhost commit -q -m "hr_mentoring for its wheel"
log "building the wheel with whool"
(cd "$stage" && WHOOL_POST_VERSION_STRATEGY_OVERRIDE=none PIP_DISABLE_PIP_VERSION_CHECK=1 \
    "$PY" -m pip wheel -q --no-deps -w "$WHEEL_DIR" . 2> >(grep -v "is ignored: it is neither" >&2))
wheel="$(ls "$WHEEL_DIR"/odoo_addon_hr_mentoring-*.whl)"
# what it carries: the addon, not the tooling
"$PY" - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
prefix = "odoo/addons/hr_mentoring/"
tooling = ("benchmarks/", "scripts/", "docs/", ".ci/", "Makefile", "requirements/", "pyproject.toml", ".git")
bad = [n for n in names if n.startswith(prefix) and n[len(prefix):].startswith(tooling)]
assert prefix + "__manifest__.py" in names, "the wheel has no odoo/addons/hr_mentoring/__manifest__.py"
assert not bad, f"the wheel carries tooling: {bad[:10]}"
meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
requires = [l.split(":", 1)[1].strip() for l in zipfile.ZipFile(sys.argv[1]).read(meta).decode().splitlines() if l.startswith("Requires-Dist:")]
for dep in ("xlsxwriter", "numpy", "scipy"):
    assert any(r.lower().startswith(dep) for r in requires), f"the wheel does not require {dep}: {requires}"
print(f"{sys.argv[1].rsplit('/', 1)[-1]}: {len(names)} files, no tooling; requires {', '.join(requires)}")
PY
[ "${CHECK:-0}" = 1 ] || exit 0

fresh="$work/venv"
log "installing the wheel into a fresh virtualenv ($fresh)"
rm -rf "$fresh"
python3 -m venv "$fresh"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_CONSTRAINT="$REPO_DIR/requirements/build-constraints.txt"
{
    "$fresh/bin/python" -m pip install -q --upgrade "pip<25" wheel "setuptools<70"
    "$fresh/bin/python" -m pip install -q -r "$VENV/odoo-requirements.txt"
    # Odoo as a distribution (the wheel requires odoo>=18.0,<18.1), from its source;
    # setup.py develop puts the source tree itself on sys.path, so that `odoo` is
    # that package and the wheel's odoo/addons/hr_mentoring joins its addons (a
    # PEP 660 editable install leaves `odoo` a bare namespace next to the wheel's)
    "$fresh/bin/python" -m pip install -q --no-deps --no-build-isolation -e "$ODOO_SRC"
    unset PIP_CONSTRAINT
    "$fresh/bin/python" -m pip install -q "$wheel"
} 2> >(grep -v "is ignored: it is neither" >&2)
where="$("$fresh/bin/python" -c 'import odoo.addons.hr_mentoring as m; print(m.__file__)')"
case "$where" in
    "$fresh"/*) log "  hr_mentoring is imported from the wheel: $where" ;;
    *) die "hr_mentoring is not imported from the fresh virtualenv but from $where" ;;
esac
db=hr_mentoring_wheel
drop_db "$db"
logfile="$work/install.log"
: > "$logfile"
set +e
PATH="$fresh/bin:$VENV/bin:$PATH" "$fresh/bin/python" "$ODOO_SRC/odoo-bin" -d "$db" -i hr_mentoring \
    --addons-path="$ODOO_SRC/odoo/addons" --db_host="$PGHOST" --db_port="$PGPORT" \
    --db_user="$DB_USER" --db_password="$DB_PASSWORD" --without-demo=all \
    --stop-after-init --no-http --max-cron-threads=0 --data-dir="$work/filestore" --logfile="$logfile"
rc=$?
set -e
"$PY" "$REPO_DIR/scripts/test_summary.py" --no-tests "$logfile" "$rc" "install from the wheel" \
    || die "installing hr_mentoring from its wheel failed or logged warnings (log: $logfile)"
drop_db "$db"
log "wheel: built without tooling, installed into a fresh virtualenv, the module installed from it"
