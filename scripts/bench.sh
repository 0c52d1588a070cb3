#!/usr/bin/env bash
# make bench: hr_mentoring at scale. Builds (once) a database with 5,000
# employees, 1,200 pairings, 100,000 plan events and 40,000 evaluation ratings,
# measures the hot paths against a raw-SQL floor and writes benchmarks/RESULTS.md.
# Not part of `make test`.
#
#   scripts/bench.sh                      reuse the dataset when it exists
#   scripts/bench.sh --rebuild            recreate the database and the dataset
#                                         (also: make bench REBUILD=1)
#   scripts/bench.sh --only cron list     some hot paths only
#   scripts/bench.sh --profile cron_full  profile one hot path (Odoo profiler + cProfile)
#   scripts/bench.sh --runs 3             runs per hot path (default 5)
#   scripts/bench.sh --rebuild --scale 0.02 --runs 1
#                                         smoke run on a dataset 50 times smaller: every hot
#                                         path end to end in a few minutes; the figures go to a
#                                         temporary file (--output FILE to choose), not RESULTS.md
#
# The hot paths are the modules of benchmarks/paths/ (benchmarks/bench.py is the runner).
# BENCH_DB (default hr_mentoring_bench) and BENCH_HTTP_PORT (8679, serves the
# report's style sheets to wkhtmltopdf) can be overridden.
source "$(dirname "$0")/lib.sh"
"$REPO_DIR/scripts/setup.sh" all

# make bench SCALE=10: the dataset at ten times the size (50,000 employees,
# 12,000 pairings, 1,000,000 events), in a database of its own so that the 1x
# dataset stays; built on first use (about half an hour on a 2-core machine).
# RESULTS.md then shows both scales side by side (benchmarks/results/ keeps
# each scale's figures).
SCALE="${SCALE:-1}"
if [ "$SCALE" = 1 ]; then
    DB="${BENCH_DB:-hr_mentoring_bench}"
else
    DB="${BENCH_DB:-hr_mentoring_bench_x$SCALE}"
    set -- --scale "$SCALE" "$@"
fi
if [ "${REBUILD:-0}" = 1 ]; then
    set -- --rebuild "$@"
fi
LOG="$VENV/bench-$DB.log"
rebuild=0
for arg in "$@"; do
    [ "$arg" = "--rebuild" ] && rebuild=1
done

if [ "$rebuild" = 1 ] || ! db_exists "$DB"; then
    log "installing hr_mentoring (no demo data) in a fresh database $DB"
    drop_db "$DB"
    : > "$LOG"
    odoo_bin -d "$DB" -i hr_mentoring --without-demo=all --stop-after-init --max-cron-threads=0 --no-http \
        --data-dir="$VENV/filestore" --logfile="$LOG" \
        || die "installing hr_mentoring in $DB failed (log: $LOG)"
else
    log "updating hr_mentoring in the existing $DB (the code may have changed since the dataset was built)"
    odoo_bin -d "$DB" -u hr_mentoring --stop-after-init --max-cron-threads=0 --no-http \
        --data-dir="$VENV/filestore" --logfile="$LOG" \
        || die "updating hr_mentoring in $DB failed (log: $LOG)"
fi

log "benchmark on $DB (the dataset is built on first use: a few minutes)"
"$PY" "$REPO_DIR/benchmarks/bench.py" \
    --odoo-src "$ODOO_SRC" --addons-path "$(addons_path)" \
    --db "$DB" --db-host "$PGHOST" --db-port "$PGPORT" --db-user "$DB_USER" --db-password "$DB_PASSWORD" \
    --data-dir "$VENV/filestore" --http-port "${BENCH_HTTP_PORT:-8679}" \
    "$@"
