# hr_mentoring: the repository root is the addon; this file and scripts/ are tooling.
# ODOO_SRC points at an Odoo 18.0 source tree (default /opt/odoo/18.0).
ODOO_SRC ?= /opt/odoo/18.0
export ODOO_SRC
# make test DEMO=1: the tests on a database installed with demo data (scripts/test.sh)
DEMO ?= 0
export DEMO

.PHONY: run serve load test lint bench bench-browser setup install-check upgrade-check wheel odoo-test screenshots pot help

help:
	@echo "make run            serve a demo database (mentoring_demo) at http://localhost:8069"
	@echo "make run RESET=1    the same, recreating the demo database"
	@echo "make serve          the demo database on Odoo's multi-process server (WORKERS=4, 2 cron workers)"
	@echo "make serve REPLICA=1  the same, read-only requests on a PostgreSQL hot standby (port 5433)"
	@echo "make serve CHECK=1  start, log in, read a pairing list over JSON-RPC, stop (REPLICA=1: on the standby)"
	@echo "make load           the soak test with Locust, 10 minutes on make serve (benchmarks/LOAD.md)"
	@echo "make load LOAD_MINUTES=1 LOAD_CHECK=1   its 1-minute version for CI"
	@echo "make test           fresh database, install, the whole test suite under pytest (pytest-odoo)"
	@echo "make test PYTEST_ARGS=\"tests/test_plan.py -k weekend\"   some tests (KEEP_DB=1: reuse the database)"
	@echo "make test DEMO=1    the same on a fresh database installed with demo data"
	@echo "make lint           ruff (lint + format) and pylint-odoo"
	@echo "make bench          the benchmark at scale (writes benchmarks/RESULTS.md)"
	@echo "make bench-browser  each role's screens in headless Chromium on make bench SCALE=10's database (SCALE=1: 1x)"
	@echo "make install-check  install with and without demo, upgrade, uninstall: logs must be clean"
	@echo "make wheel          the OCA-style wheel (whool) without the tooling; CHECK=1 installs it in a fresh venv"
	@echo "make odoo-test      the tests under Odoo's own runner, beside the rest of Odoo HR, with hr/survey/test_mail suites"
	@echo "make upgrade-check  upgrade a demo database of each release in scripts/upgrade_releases.txt, check nothing is lost"

setup:
	@scripts/setup.sh all

run:
	@scripts/run.sh

serve:
	@scripts/serve.sh

load:
	@scripts/load.sh

test:
	@scripts/test.sh

lint:
	@scripts/lint.sh

bench:
	@scripts/bench.sh

bench-browser:
	@scripts/bench_browser.sh

install-check:
	@scripts/install_check.sh

upgrade-check:
	@scripts/upgrade_check.sh

wheel:
	@scripts/wheel.sh

odoo-test:
	@scripts/odoo_test.sh

screenshots:
	@scripts/screenshots.sh

pot:
	@scripts/pot.sh
