#!/usr/bin/env python3
"""hr_mentoring at scale: query counts and ratios to the SQL floor (``make bench``).

Builds (or reuses) a database with a large programme set-up, then measures each
hot path of the module against a raw-SQL "floor" that does the same work on the
same data, and writes ``benchmarks/RESULTS.md``.

This file is the runner. The dataset is ``dataset.py`` (and ``dataset_sql.py``),
what the paths share (Odoo, savepoint runs, timing) ``common.py``, the report
``report.py``, and each hot path a module of ``paths/``, found at start-up: a new
hot path is a new module there (``paths/__init__.py`` shows how).

Every measured run happens in a savepoint that is rolled back, so runs see
identical data; the ORM path and its floor alternate (ORM, floor, ORM, floor,
...) after one untimed warm-up of each, and the median of the runs is reported.
Before each run the record caches are emptied (like a new request); the
registry's ormcaches stay warm (like a running server).

Usage (through ``scripts/bench.sh``, which passes the connection options)::

    scripts/bench.sh                  # reuse the dataset when it exists
    scripts/bench.sh --rebuild        # drop and rebuild the dataset
    scripts/bench.sh --only cron_full --runs 3
    scripts/bench.sh --profile wizard_1000   # Odoo profiler + cProfile of one path
    scripts/bench.sh --rebuild --scale 0.02 --runs 1   # smoke run on a small dataset
                                      # (written to a temporary file, not RESULTS.md)
"""

import argparse
import logging
import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime

import common
import dataset
import paths
import report

_logger = logging.getLogger("hr_mentoring.bench")

HERE = os.path.dirname(os.path.abspath(__file__))


@dataclass
class Context:
    """What a hot path's ``measure`` works with (``paths/__init__.py``)."""

    env: object
    runner: common.Runner
    data: dataset.Data
    sizes: dataset.Sizes
    pdf: bool
    profile: str | None
    results: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def as_coordinator(self, context=None):
        """The dataset's coordinator's environment (its context replaced by
        ``context`` when given) and the dataset's programme in it."""
        user = self.data.coordinator.id
        env = self.env(user=user) if context is None else self.env(user=user, context=context)
        return env, self.data.program.with_env(env)

    def record(self, name, label, n, samples, **options):
        """Add the summary of a hot path's runs to the results (``common.summarize``)."""
        self.results.append(common.summarize(name, label, n, samples, **options))


def main():
    hot_paths = paths.discover()
    names = [path.name for path in hot_paths]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--odoo-src", default=os.environ.get("ODOO_SRC", "/opt/odoo/18.0"))
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db", default="hr_mentoring_bench")
    parser.add_argument("--db-host", default="localhost")
    parser.add_argument("--db-port", default="5432")
    parser.add_argument("--db-user", default="hr_mentoring")
    parser.add_argument("--db-password", default="hr_mentoring")
    parser.add_argument("--data-dir")
    parser.add_argument("--log-level", default="warn")
    parser.add_argument("--http-port", type=int, default=8679, help="serves the report assets to wkhtmltopdf")
    parser.add_argument("--rebuild", action="store_true", help="build the dataset even if one exists")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=names, help="measure these hot paths only")
    parser.add_argument("--profile", help="profile one hot path (cron_flags, cron_full, wizard_1000, list, ...)")
    parser.add_argument("--no-pdf", action="store_true", help="skip wkhtmltopdf")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="the dataset's size: 0.02 is a smoke run of 6 mentors and 2,000 events, 10 is 50,000 employees and"
        " 1,000,000 events (default 1)",
    )
    parser.add_argument(
        "--output",
        help="default: benchmarks/RESULTS.md (the figures of --scale 1 and 10 are kept in benchmarks/results/);"
        " with another --scale, a file in the temporary directory",
    )
    args = parser.parse_args()
    try:
        sizes = dataset.Sizes.at(args.scale)
    except ValueError as error:
        parser.error(str(error))
    # RESULTS.md holds the figures of 1x and 10x (report.SCALES), kept in benchmarks/results/
    keep = not args.output and args.scale in report.SCALES
    if not args.output:
        # the figures of a smoke run are not the results of the targets: keep them out of RESULTS.md
        args.output = (
            os.path.join(HERE, "RESULTS.md")
            if keep
            else os.path.join(tempfile.gettempdir(), f"hr_mentoring_bench_scale_{args.scale}.md")
        )

    odoo = common.start_odoo(args)
    logging.getLogger("hr_mentoring.bench").setLevel(logging.INFO)
    # wkhtmltopdf 0.12.6 without patched Qt says it ignores the header options: known, harmless
    logging.getLogger("odoo.addons.base.models.ir_actions_report").setLevel(logging.ERROR)
    with common.environment(odoo, args.db, commit=True) as env:
        info = dataset.dataset_info(env)
        if args.rebuild or not info:
            _logger.info("building the dataset in %s (scale %s)", args.db, args.scale)
            info = dataset.build_dataset(env, sizes)
        elif dataset.dataset_sizes(info) != sizes:
            parser.error(f"the dataset of {args.db} is at scale {info.get('scale', 1.0)}, not {args.scale}: --rebuild")
        else:
            _logger.info("reusing the dataset of %s (built on %s)", args.db, info["built_on"])
    started = datetime.utcnow()
    load_before = os.getloadavg()[0]
    todo = [path for path in hot_paths if not args.only or path.name in args.only]
    pdf = not args.no_pdf
    base_url = None
    if pdf and any(path.needs_http for path in todo):
        try:
            base_url = common.start_http(odoo, args.http_port)
        except OSError as error:
            _logger.warning("no HTTP server for wkhtmltopdf (%s): PDF skipped", error)
            pdf = False
    with common.environment(odoo, args.db) as env:
        if base_url:
            env["ir.config_parameter"].sudo().set_param("report.url", base_url)
        data = dataset.Data(env)
        counts = data.counts()
        runner = common.Runner(env, args.runs, profile=args.profile)
        ctx = Context(env, runner, data, sizes, pdf, args.profile)
        for path in todo:
            _logger.info("measuring %s", path.name)
            path.measure(ctx)
        host = report.machine(env)
    results = ctx.results
    load_after = os.getloadavg()[0]
    for r in results:
        _logger.info(
            "%-60s N=%-7s queries %s/%s  orm %s  floor %s  ratio %s",
            r["label"],
            r["n"],
            report.fmt_queries(r["orm_queries"]),
            report.fmt_queries(r["floor_queries"]),
            report.fmt_seconds(r["orm_seconds"]),
            report.fmt_seconds(r["floor_seconds"]),
            f"{r['ratio']:.1f}x" if r["ratio"] else "-",
        )
    if args.profile:
        return 0
    checks = report.verdicts(results, ctx.extra, hot_paths)
    run = {
        "results": results,
        "extra": ctx.extra,
        "counts": counts,
        "info": info,
        "host": host,
        "load": [load_before, load_after],
        "started": started.isoformat(),
        "runs": args.runs,
    }
    if keep:
        report.save_run(HERE, args.scale, run, partial=bool(args.only))
        runs = report.load_runs(HERE)
    else:
        runs = {args.scale: run}
    report.write_results(args.output, runs, hot_paths)
    for check in checks:
        if not check.ok:
            _logger.warning("target missed: %s", check.text)
    _logger.info("wrote %s", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
