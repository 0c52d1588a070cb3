"""What every hot path shares: Odoo's start-up, the savepoint runs and their
timing, the summary of a path's runs, the profiler, and the SQL helpers that
set up a scenario (more places, more mentors)."""

import cProfile
import io
import pstats
import statistics
import sys
import time
from collections import Counter, defaultdict
from contextlib import contextmanager

# ----------------------------------------------------------------------
# Odoo
# ----------------------------------------------------------------------


def start_odoo(args):
    sys.path.insert(0, args.odoo_src)
    import odoo

    odoo_args = [
        f"--addons-path={args.addons_path}",
        f"--db_host={args.db_host}",
        f"--db_port={args.db_port}",
        f"--db_user={args.db_user}",
        f"--db_password={args.db_password}",
        f"--database={args.db}",
        f"--log-level={args.log_level}",
        "--max-cron-threads=0",
        "--no-http",
    ]
    if args.data_dir:
        odoo_args.append(f"--data-dir={args.data_dir}")
    odoo.tools.config.parse_config(odoo_args)
    return odoo


@contextmanager
def environment(odoo, db, commit=False):
    from odoo import SUPERUSER_ID, api

    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tz": "UTC", "lang": "en_US"})
        try:
            yield env
        except BaseException:
            cr.rollback()
            raise
        if commit:
            cr.commit()
        else:
            cr.rollback()


def start_http(odoo, port):
    """wkhtmltopdf fetches the report's style sheets over HTTP: serve them."""
    odoo.tools.config["http_interface"] = "127.0.0.1"
    odoo.tools.config["http_port"] = port
    server = odoo.service.server.ThreadedServer(odoo.http.root)
    server.http_spawn()
    return f"http://127.0.0.1:{port}"


# ----------------------------------------------------------------------
# measuring
# ----------------------------------------------------------------------


class Runner:
    """Runs a hot path and its floor alternately, each run in a savepoint that
    is rolled back, and keeps (seconds, queries) of every run."""

    def __init__(self, env, runs, profile=None):
        self.env = env
        self.cr = env.cr
        self.runs = runs
        self.profile = profile

    def _reset(self):
        self.env.invalidate_all(flush=False)
        self.env.transaction.clear()
        self.cr.precommit.clear()
        self.cr.postcommit.clear()

    def once(self, fn):
        from odoo import sql_db

        self.env.flush_all()
        self.cr.execute("SAVEPOINT bench_run")
        self._reset()
        try:
            before = sql_db.sql_counter
            started = time.perf_counter()
            result = fn()
            elapsed = time.perf_counter() - started
            queries = sql_db.sql_counter - before
        finally:
            self.cr.execute("ROLLBACK TO SAVEPOINT bench_run")
            self.cr.execute("RELEASE SAVEPOINT bench_run")
            self._reset()
        return elapsed, queries, result

    def compare(self, name, orm, floor, runs=None):
        runs = runs or self.runs
        samples = {"orm": [], "floor": []}
        results = {}
        if self.profile == name:
            self.once(orm)  # warm-up
            elapsed, queries, results["orm"] = self.once(lambda: profile(orm))
            samples["orm"].append((elapsed, queries))
            if floor:
                elapsed, queries, results["floor"] = self.once(floor)
                samples["floor"].append((elapsed, queries))
            return samples, results
        # one untimed warm-up of each, then alternate
        for index in range(runs + 1):
            for kind, fn in (("orm", orm), ("floor", floor)):
                if fn is None:
                    continue
                elapsed, queries, result = self.once(fn)
                results[kind] = result
                if index:
                    samples[kind].append((elapsed, queries))
        return samples, results

    @contextmanager
    def scenario(self):
        """Set-up made for one hot path (more candidates, ...), undone after it."""
        self.env.flush_all()
        self.cr.execute("SAVEPOINT bench_scenario")
        try:
            yield
            self.env.flush_all()
        finally:
            self.cr.execute("ROLLBACK TO SAVEPOINT bench_scenario")
            self.cr.execute("RELEASE SAVEPOINT bench_scenario")
            self._reset()


def summarize(name, label, n, samples, unit_count=None, target=None):
    def med(values):
        return statistics.median(values) if values else None

    orm_t = med([t for t, _q in samples["orm"]])
    orm_q = sorted({q for _t, q in samples["orm"]})
    floor_t = med([t for t, _q in samples.get("floor", [])])
    floor_q = sorted({q for _t, q in samples.get("floor", [])})
    return {
        "name": name,
        "label": label,
        "n": n,
        "orm_seconds": orm_t,
        "orm_queries": orm_q,
        "orm_all": [round(t, 4) for t, _q in samples["orm"]],
        "floor_seconds": floor_t,
        "floor_queries": floor_q,
        "ratio": orm_t / floor_t if floor_t else None,
        "us_per_record": 1e6 * orm_t / (unit_count or n) if (unit_count or n) else None,
        "target": target,
    }


# ----------------------------------------------------------------------
# SQL set-up of a scenario (inside Runner.scenario, rolled back after it)
# ----------------------------------------------------------------------


# the plan figures of a pairing, counted from its events ``e`` as the pairing
# counts them when read: the columns of a query over the events of one pairing,
# or grouped by pairing
PLAN_FIGURES_SQL = """
    count(*) FILTER (WHERE e.state <> 'cancelled') AS events,
    count(*) FILTER (WHERE e.state = 'done') AS done,
    count(*) FILTER (WHERE e.state = 'missed') AS missed,
    count(*) FILTER (WHERE e.event_type = 'feedback' AND e.state IN ('done', 'missed')) AS due,
    count(*) FILTER (WHERE e.event_type = 'feedback' AND e.state IN ('done', 'missed') AND e.done_on_time) AS on_time,
    min(e.date_due) FILTER (WHERE e.state = 'planned') AS next_date
"""


def open_places(env, mentors, capacity):
    """Give ``mentors`` (approved, full) ``capacity`` places in all: the stored
    counters follow, as the ORM would compute them."""
    env.cr.execute(
        """UPDATE hr_employee SET mentor_capacity = %s,
                  mentor_available_capacity = greatest(%s - active_mentee_count - proposed_mentee_count, 0)
            WHERE id = ANY(%s)""",
        [capacity, capacity, mentors.ids],
    )


def approve_mentors(env, employees, capacity):
    """More approved mentors with their ``capacity`` places (as the ORM writes them)."""
    env.cr.execute(
        """UPDATE hr_employee SET mentor_state = 'approved', mentor_capacity = %s, mentor_available_capacity = %s,
                  active_mentee_count = 0, proposed_mentee_count = 0, mentor_approved_date = current_date
            WHERE id = ANY(%s)""",
        [capacity, capacity, employees.ids],
    )


# ----------------------------------------------------------------------
# profiling (--profile NAME): where the time and the queries go
# ----------------------------------------------------------------------


def profile(fn):
    """Run ``fn`` under Odoo's profiler (SQL collector) and cProfile, print both."""
    from odoo.tools.profiler import Profiler

    python = cProfile.Profile()
    with Profiler(collectors=["sql"], db=None) as profiler:
        python.enable()
        result = fn()
        python.disable()
    stream = io.StringIO()
    pstats.Stats(python, stream=stream).sort_stats("cumulative").print_stats(45)
    print(stream.getvalue())
    entries = profiler.collectors[0].entries
    origins = Counter()
    seconds = defaultdict(float)
    for entry in entries:
        frames = [f for f in entry["stack"] if "/odoo/" in f[0] or "hr_mentoring" in f[0]]
        ours = [f for f in frames if "hr_mentoring" in f[0] and "benchmarks" not in f[0]]
        frame = (ours or frames or entry["stack"])[-1]
        key = f"{frame[0].split('/')[-1]}:{frame[1]} {frame[2]}"
        origins[key] += 1
        seconds[key] += entry["time"]
    print(f"{len(entries)} queries, by the module's (else Odoo's) innermost frame:")
    for key, count in origins.most_common(40):
        print(f"{count:6d} {1000 * seconds[key]:9.1f} ms  {key}")
    return result
