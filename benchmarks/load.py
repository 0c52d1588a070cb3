"""make load: the soak test of `make serve` on localhost, with Locust.

It copies the demo database, prepares the morning in the copy, starts
`scripts/serve.sh` on it (4 HTTP workers and 2 cron workers by default, on
127.0.0.1), and runs Locust (benchmarks/locustfile.py: the demo users of each
role through OdooLocust) for LOAD_MINUTES minutes, with a bound on the users,
the requests and the time. Meanwhile:
- the module's scheduled actions (missed events, escalation, phases and
  health) are due once every user has logged in, then every minute: at each
  minute the cron workers are woken, as Odoo wakes them for a job due now;
- planned events fall due: a few before the start (the morning after a long
  weekend), then more in the middle of each minute;
- the event states are sampled every two seconds: when each was flagged.
Then the load stops, the scheduled actions run once more with nobody else
working, the server stops, and it writes LOAD.md, the plot and Locust's
statistics, and exits non-zero when a must of the report fails.

Runs in the venv of requirements/load.txt (scripts/load.sh makes it).
"""

import argparse
import contextlib
import csv
import importlib.metadata
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

import psycopg2

HOST = "127.0.0.1"
CRONS = (
    "ir_cron_flag_missed_events",
    "ir_cron_escalate_unexplained",
    "ir_cron_advance_phases",
    "ir_cron_update_health",
)
FLAG_CRON = "ir_cron_flag_missed_events"
# the scheduled actions are due every CRON_INTERVAL seconds
CRON_INTERVAL = 60
# events fall due this long after each minute starts, between two runs
DUE_OFFSET = 30
SAMPLE_EVERY = 2
# the scheduled actions start once every user logged in, at the latest this
# many seconds after the start
RAMP_UP = 30
LOGIN_REQUESTS = re.compile(r",(POST /web/session/authenticate|common : login),")
ACTION = "action"
# a worker closes a kept-alive connection that sent nothing for 2 s and
# werkzeug logs it as an error (scripts/serve.sh ignores it too)
IGNORED_LOG = "Request timed out: TimeoutError"
MEMORY_GROWTH_MAX = 10.0


# ----------------------------------------------------------------------
# the database
# ----------------------------------------------------------------------


class Database:
    def __init__(self, args, name):
        self.args = args
        self.name = name

    def connect(self, name=None):
        args = self.args
        return psycopg2.connect(
            host=args.db_host, port=args.db_port, dbname=name or self.name, user=args.db_user, password=args.db_password
        )

    def query(self, sql, params=None):
        cnx = self.connect()
        try:
            with cnx, cnx.cursor() as cr:
                cr.execute(sql, params)
                return cr.fetchall() if cr.description else cr.rowcount
        finally:
            cnx.close()

    def copy_from(self, template):
        self.drop()
        cnx = self.connect("postgres")
        cnx.autocommit = True
        with cnx.cursor() as cr:
            cr.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{template}"')
        cnx.close()
        filestore = os.path.join(self.args.data_dir, "filestore")
        if os.path.isdir(os.path.join(filestore, template)):
            shutil.copytree(os.path.join(filestore, template), os.path.join(filestore, self.name))

    def drop(self):
        cnx = self.connect("postgres")
        cnx.autocommit = True
        with cnx.cursor() as cr:
            cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [self.name])
            cr.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
        cnx.close()
        shutil.rmtree(os.path.join(self.args.data_dir, "filestore", self.name), ignore_errors=True)

    def wake_crons(self):
        """What Odoo does for a job due now (ir.cron._notifydb): the cron
        workers stop waiting and run every job that is due."""
        cnx = self.connect("postgres")
        cnx.autocommit = True
        with cnx.cursor() as cr:
            cr.execute("SELECT pg_notify('cron_trigger', %s)", [self.name])
        cnx.close()


def prepare_morning(db, args):
    """The morning after a long weekend, in the copy. The planned events that
    users never sign in the mix (a head's milestone, an evaluation, a
    mentee's task) of running pairings (a paused pairing's are never flagged
    missed) are the ones that fall due: the first `--morning-due`
    fell due three days ago, the rest wait for their minute. The missed
    events not explained yet were flagged ten days ago (the escalation has
    work), no pairing's health was checked today. Every scheduled action
    waits a day (none is triggered either), but the module's, which run every
    minute once the users are there (start_crons)."""
    today = date.today()
    pool = [
        row[0]
        for row in db.query(
            """SELECT e.id FROM hr_mentoring_event e JOIN hr_mentoring_pairing p ON p.id = e.pairing_id
                WHERE p.state = 'active' AND p.paused_since IS NULL AND e.state = 'planned' AND e.date_due >= %s
                  AND NOT (e.responsible_role = 'mentor' AND e.event_type != 'evaluation')
             ORDER BY e.date_due, e.id""",
            [today],
        )
    ]
    morning, later = pool[: args.morning_due], pool[args.morning_due :]
    db.query("UPDATE hr_mentoring_event SET date_due = %s WHERE id = ANY(%s)", [today - timedelta(days=3), morning])
    unexplained = [
        row[0]
        for row in db.query(
            """UPDATE hr_mentoring_event SET missed_on = %s, escalated_on = NULL
                WHERE state = 'missed' AND missed_reason_category IS NULL RETURNING id""",
            [today - timedelta(days=10)],
        )
    ]
    # as if never escalated: the demo's escalation activities of those events go
    db.query(
        """DELETE FROM mail_activity a USING ir_model_data d
            WHERE d.module = 'hr_mentoring' AND d.name = 'mail_activity_type_escalation'
              AND d.model = 'mail.activity.type' AND a.activity_type_id = d.res_id
              AND a.res_model = 'hr.mentoring.event' AND a.res_id = ANY(%s)""",
        [unexplained],
    )
    db.query("UPDATE hr_mentoring_pairing SET health_checked_on = NULL WHERE state = 'active'")
    crons = dict(
        db.query(
            """SELECT name, res_id FROM ir_model_data
                WHERE module = 'hr_mentoring' AND model = 'ir.cron' AND name = ANY(%s)""",
            [list(CRONS)],
        )
    )
    db.query("UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' + interval '1 day'")
    db.query("DELETE FROM ir_cron_trigger")
    return morning, later, unexplained, crons


def start_crons(db, crons):
    """Due now, then every minute; the cron workers are woken."""
    db.query(
        """UPDATE ir_cron SET interval_number = 1, interval_type = 'minutes', active = true,
                              nextcall = now() AT TIME ZONE 'UTC'
            WHERE id = ANY(%s)""",
        [list(crons.values())],
    )
    db.wake_crons()


def fall_due(db, ids):
    """Time passes: these planned events were due yesterday."""
    return [
        row[0]
        for row in db.query(
            "UPDATE hr_mentoring_event SET date_due = %s WHERE id = ANY(%s) AND state = 'planned' RETURNING id",
            [date.today() - timedelta(days=1), ids],
        )
    ]


def crons_ran(db, crons, since):
    """Each of the module's actions finished a run after ``since`` (a run
    writes its lastcall when it ends, in the transaction that releases it)."""
    return not db.query(
        "SELECT count(*) FROM ir_cron WHERE id = ANY(%s) AND (lastcall IS NULL OR lastcall < %s)",
        [list(crons.values()), since],
    )[0][0]


def duplicates(db, since=None):
    """What the scheduled actions must do once only, counted in the database:
    an open activity of the module's types twice on the same record for the
    same user; an event with the missed note twice; an event listed twice in
    the coordinators' digests of missed events sent since ``since``."""
    activities = db.query(
        """SELECT a.res_model, a.res_id, d.name, a.user_id, count(*)
             FROM mail_activity a
             JOIN ir_model_data d ON d.model = 'mail.activity.type' AND d.res_id = a.activity_type_id
            WHERE d.module = 'hr_mentoring'
         GROUP BY 1, 2, 3, 4 HAVING count(*) > 1"""
    )
    notes = db.query(
        """SELECT res_id, count(*) FROM mail_message
            WHERE model = 'hr.mentoring.event' AND body::text LIKE '%%Missed: no sign-off%%'
         GROUP BY res_id HAVING count(*) > 1"""
    )
    digest_lines = Counter()
    digests = 0
    if since:
        for (body,) in db.query(
            """SELECT body FROM mail_message
                WHERE model = 'hr.mentoring.program' AND message_type = 'user_notification' AND create_date >= %s""",
            [since],
        ):
            digests += 1
            digest_lines.update(re.findall(r"<li>([^<]*)</li>", body or ""))
    return {
        "activities": len(activities),
        "missed_notes": len(notes),
        "digest_lines": sum(n - 1 for n in digest_lines.values() if n > 1),
        "digests": digests,
        "digest_events": sum(digest_lines.values()),
        "details": [f"activity twice: {row}" for row in activities]
        + [f"missed note twice: event {row}" for row in notes],
    }


def outcome(db, unexplained):
    escalated = db.query(
        "SELECT count(*) FROM hr_mentoring_event WHERE id = ANY(%s) AND escalated_on IS NOT NULL", [unexplained]
    )[0][0]
    checked, active = db.query(
        """SELECT count(*) FILTER (WHERE health_checked_on IS NOT NULL), count(*)
             FROM hr_mentoring_pairing WHERE state = 'active'"""
    )[0]
    return {"escalated": f"{escalated}/{len(unexplained)}", "health": f"{checked}/{active}"}


# ----------------------------------------------------------------------
# the server
# ----------------------------------------------------------------------


def start_server(args, db_name, logfile):
    env = dict(
        os.environ,
        SERVE_DB=db_name,
        SERVE_UPDATE="0",
        WORKERS=str(args.workers),
        CRON_WORKERS=str(args.cron_workers),
        HTTP_INTERFACE=HOST,
        HTTP_PORT=str(args.port),
        GEVENT_PORT=str(args.gevent_port or args.port + 3),
        SERVE_LOGFILE=logfile,
        REPLICA="0",
        CHECK="0",
    )
    open(logfile, "w").close()
    process = subprocess.Popen(
        [os.path.join(args.repo, "scripts", "serve.sh")], env=env, start_new_session=True, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"load: the server stopped at start (log: {logfile})")
        with open(logfile, encoding="utf-8") as log:
            text = log.read()
        if "Failed to initialize database" in text or "Failed to load server-wide module" in text:
            stop_server(process)
            sys.exit(f"load: the server could not load Odoo or the database (log: {logfile})")
        # the workers answer once they are forked
        if len(re.findall(r"Worker WorkerHTTP \(\d+\) alive", text)) >= args.workers and healthy(args.port):
            return process
        time.sleep(0.5)
    stop_server(process)
    sys.exit(f"load: the server did not answer within 180 s (log: {logfile})")


def healthy(port):
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/web/health", timeout=10) as response:
            return response.status == 200
    except OSError:
        return False


def stop_server(process):
    """The prefork master stops its workers; a cron worker waits for the end
    of its sleep (up to 70 s) before it sees it should stop: after 15 s,
    anything left of the group is killed (the load and its checks are over)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def worker_memory(logfile):
    """{pid: (kind, resident MiB, virtual MiB)} of the live workers."""
    with open(logfile, encoding="utf-8") as log:
        kinds = {
            int(pid): kind for kind, pid in re.findall(r"Worker (WorkerHTTP|WorkerCron) \((\d+)\) alive", log.read())
        }
    memory = {}
    for pid, kind in kinds.items():
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as status:
                values = dict(line.split(":", 1) for line in status if ":" in line)
        except FileNotFoundError:
            continue
        memory[pid] = (kind, int(values["VmRSS"].split()[0]) / 1024, int(values["VmSize"].split()[0]) / 1024)
    return memory


LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) \d+ (\w+) \S+ (\S+): (.*)$")


def read_log(logfile, crons):
    """The scheduled actions' runs and the warning and error lines."""
    names = {str(cron_id): xmlid for xmlid, cron_id in crons.items()}
    runs = defaultdict(list)
    retries = defaultdict(list)
    problems = []
    running = {}
    with open(logfile, encoding="utf-8") as log:
        for line in log:
            match = LOG_LINE.match(line.rstrip("\n"))
            if not match:
                continue
            stamp, millis, level, logger, message = match.groups()
            when = time.mktime(time.strptime(stamp, "%Y-%m-%d %H:%M:%S")) + int(millis) / 1000
            if level in ("WARNING", "ERROR", "CRITICAL") and IGNORED_LOG not in message:
                problems.append(line.strip()[:400])
            job = re.match(
                r"Job '.*' \((\d+)\) (starting|done in|server action #\d+ failed|processed (\d+) records)", message
            )
            if job and job.group(1) in names:
                xmlid, what = names[job.group(1)], job.group(2)
                if what == "starting":
                    running[xmlid] = {"start": when, "end": None, "failed": False, "processed": 0}
                    runs[xmlid].append(running[xmlid])
                elif xmlid in running and what.startswith("done in"):
                    running[xmlid]["end"] = when
                elif xmlid in running and what.endswith("failed"):
                    running[xmlid]["failed"] = True
                elif xmlid in running and job.group(3):
                    running[xmlid]["processed"] += int(job.group(3))
            # the module's own notice: a batch undone by a concurrent update, run again shortly
            if logger.startswith("odoo.addons.hr_mentoring"):
                for xmlid in crons:
                    if f"hr_mentoring.{xmlid}" in message and "again" in message:
                        retries[xmlid].append(when)
    return runs, retries, problems


# ----------------------------------------------------------------------
# the run
# ----------------------------------------------------------------------


def run_locust(args, run_dir, db_name, seconds, users):
    env = dict(
        os.environ,
        LOAD_DB=db_name,
        LOAD_PORT=str(args.port),
        LOAD_RATE=str(args.rate),
        LOAD_SESSIONS=str(args.sessions),
        LOAD_REQUESTS=str(args.requests),
        LOAD_REQUEST_LOG=os.path.join(run_dir, "requests.csv"),
    )
    command = [
        os.path.join(os.path.dirname(sys.executable), "locust"),
        "-f",
        os.path.join(args.repo, "benchmarks", "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        # the users log in over a few seconds, as a morning starts
        "--spawn-rate",
        "2",
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "30",
        "--csv",
        os.path.join(run_dir, "locust"),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    output = open(os.path.join(run_dir, "locust.log"), "w", encoding="utf-8")  # noqa: SIM115
    return subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)


def play(args, db, crons, later, logfile, run_dir, due):
    """The load, with its clock. Once every user has logged in (at most
    RAMP_UP seconds), the scheduled actions are due, then every minute, and
    events fall due in the middle of each minute; the event states are
    sampled. ``due`` maps each event that fell due to when it did. Returns
    the start of the load, of the scheduled actions, the flagged events and
    the workers' memory."""
    seconds = int(args.minutes * 60)
    users = sum(len(logins) for logins in LOGINS_PER_ROLE) * args.sessions
    flagged = {}
    per_minute = max(1, min(2, len(later) // max(1, int(args.minutes))))
    warmup = min(60, seconds / 2)
    memory_start = None
    locust = run_locust(args, run_dir, db.name, seconds, users)
    t0 = time.time()
    crons_at = None
    next_tick = next_due = next_sample = t0
    print(f"load: {users} users for {seconds} s (cap {args.requests} requests)", flush=True)
    while locust.poll() is None:
        now = time.time()
        if crons_at is None and (now > t0 + RAMP_UP or logged_in(run_dir) >= users):
            start_crons(db, crons)
            crons_at = now
            next_tick, next_due = now + CRON_INTERVAL + 2, now + DUE_OFFSET
        if crons_at and now >= next_tick:
            db.wake_crons()
            next_tick += CRON_INTERVAL
            print(f"load: {(now - t0) / 60:.1f} min, the scheduled actions woken", flush=True)
        if crons_at and now >= next_due and later and now < t0 + seconds:
            batch, later[:] = later[:per_minute], later[per_minute:]
            for event_id in fall_due(db, batch):
                due[event_id] = time.time()
            next_due += CRON_INTERVAL
        if now >= next_sample:
            sample(db, due, flagged)
            next_sample += SAMPLE_EVERY
        if memory_start is None and now >= t0 + warmup:
            memory_start = worker_memory(logfile)
        time.sleep(0.2)
    memory_end = worker_memory(logfile)
    sample(db, due, flagged)
    return t0, crons_at or t0, flagged, memory_start or {}, memory_end


def logged_in(run_dir):
    """The users who logged in so far (their first request)."""
    try:
        with open(os.path.join(run_dir, "requests.csv"), encoding="utf-8") as log:
            return sum(1 for line in log if LOGIN_REQUESTS.search(line))
    except FileNotFoundError:
        return 0


def sample(db, due, flagged):
    now = time.time()
    for event_id, state in db.query("SELECT id, state FROM hr_mentoring_event WHERE id = ANY(%s)", [list(due)]):
        if state != "planned" and event_id not in flagged:
            flagged[event_id] = (now, state)


def quiet_runs(db, crons, due, flagged, logfile):
    """The scheduled actions once more with nobody else working, and again
    while a run undid a batch (it asks to run again), at most 5 times."""
    for _ in range(5):
        deadline = time.monotonic() + 150
        # a run still going would set its next call after this one
        while any(run["end"] is None for runs in read_log(logfile, crons)[0].values() for run in runs):
            if time.monotonic() > deadline:
                break
            time.sleep(1)
        # Odoo writes lastcall to the second
        since = datetime.utcnow().replace(microsecond=0)
        retried = sum(len(stamps) for stamps in read_log(logfile, crons)[1].values())
        start_crons(db, crons)
        while not crons_ran(db, crons, since):
            if time.monotonic() > deadline:
                print("load: the scheduled actions did not run after the load", flush=True)
                return
            sample(db, due, flagged)
            time.sleep(1)
        sample(db, due, flagged)
        if len(flagged) == len(due) and retried == sum(len(s) for s in read_log(logfile, crons)[1].values()):
            return


# the demo users Locust plays, one Locust user each (LOGINS of benchmarks/locustfile.py)
LOGINS_PER_ROLE = (
    ("cora", "admin"),
    ("hanna", "diane", "kevin"),
    ("maria", "paulp", "samuel", "lea"),
    ("xavier", "nora", "yasmin", "olivia", "quentin", "umar", "rita", "tom"),
)


def read_stats(run_dir):
    with open(os.path.join(run_dir, "locust_stats.csv"), encoding="utf-8") as stats:
        return [row for row in csv.DictReader(stats) if row["Name"] != "Aggregated"]


def read_requests(run_dir):
    rows = []
    with open(os.path.join(run_dir, "requests.csv"), encoding="utf-8") as log:
        for row in csv.DictReader(log):
            rows.append((float(row["time"]), row["type"], row["name"], float(row["response_ms"]), row["failed"] == "1"))
    return rows


def percentile(values, q):
    values = sorted(values)
    if not values:
        return 0.0
    return values[min(len(values) - 1, max(0, round(q / 100 * len(values) + 0.5) - 1))]


# ----------------------------------------------------------------------
# LOAD.md and the plot
# ----------------------------------------------------------------------


def plot(path, requests, t0, t_end, runs, retries, due):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    span = t_end - t0
    bucket = 60 if span >= 180 else 10
    counts, latencies = defaultdict(int), defaultdict(list)
    for when, kind, _name, ms, _failed in requests:
        if kind != ACTION and t0 <= when <= t_end:
            index = int((when - t0) // bucket)
            counts[index] += 1
            latencies[index].append(ms)
    indexes = range(int(span // bucket) + 1)
    x = [(i + 0.5) * bucket / 60 for i in indexes]
    figure, (top, bottom) = pyplot.subplots(2, 1, sharex=True, figsize=(10, 6))
    top.bar(x, [counts[i] / bucket for i in indexes], width=bucket / 60 * 0.8, color="#4c72b0")
    top.set_ylabel("requests/s")
    bottom.plot(x, [percentile(latencies[i], 95) for i in indexes], marker="o", color="#dd8452")
    bottom.set_ylabel("p95 (ms)")
    bottom.set_xlabel(f"minutes since the start (per {'minute' if bucket == 60 else '10 s'})")
    colors = {"ir_cron_flag_missed_events": "#55a868", "ir_cron_escalate_unexplained": "#8172b2"}
    for xmlid, job_runs in runs.items():
        color = colors.get(xmlid, "#937860")
        for i, run in enumerate(job for job in job_runs if job["start"] <= t_end):
            for axis in (top, bottom):
                axis.axvline(
                    (run["start"] - t0) / 60,
                    color=color,
                    linewidth=1,
                    alpha=0.7,
                    label=xmlid.removeprefix("ir_cron_") if axis is top and i == 0 else None,
                )
    for xmlid, stamps in retries.items():
        during = [(stamp - t0) / 60 for stamp in stamps if stamp <= t_end]
        if during:
            top.plot(during, [0] * len(during), "rx", markersize=10, label=f"{xmlid.removeprefix('ir_cron_')}: retried")
    bottom.plot([(s - t0) / 60 for s in due.values()], [0] * len(due), "k^", label="an event falls due")
    top.set_xlim(min([-0.25, *((s - t0) / 60 - 0.1 for s in due.values())]), span / 60 + 0.1)
    top.legend(loc="upper right", fontsize="small")
    bottom.legend(loc="upper right", fontsize="small")
    top.set_title("make load: requests per second and p95, with the scheduled actions' runs")
    figure.tight_layout()
    figure.savefig(path, dpi=80)


def ms(value):
    return "—" if value in ("N/A", "", None) else f"{float(value):.0f}"


def write_report(args, path, plot_name, r):
    checks = r["checks"]
    out = [
        "# Load test: `make load`",
        "",
        f"Run on {date.fromtimestamp(r['t0']).isoformat()} by `{r['command']}` (benchmarks/load.py, Locust "
        f"{r['locust_version']} through OdooLocust) against `make serve` on {HOST}: {args.workers} HTTP workers, "
        f"{args.cron_workers} cron workers, on a fresh copy of `{args.db}`. {r['users']} users (one Locust user "
        f"per demo user) for {r['seconds'] / 60:g} min, about {args.rate:g} actions/s in all, at most "
        f"{args.requests} requests. The module's scheduled actions (missed events, escalation, phases and "
        f"health) are due once every user has logged in ({r['crons_at'] - r['t0']:.0f} s after the start), then "
        f"every minute; {len(r['morning'])} planned events fell due before the start and "
        f"{len(r['due']) - len(r['morning'])} more during the run, {DUE_OFFSET} s into each minute of the "
        "scheduled actions.",
        "",
        f"**The machine has {os.cpu_count()} CPU cores**, shared by Locust, the Odoo workers and PostgreSQL: the",
        "figures show the behaviour under a steady load, not a capacity.",
        "",
        "## The musts",
        "",
        "| check | value | must | |",
        "|---|---|---|---|",
    ]
    for name, value, must, ok in checks:
        out.append(f"| {name} | {value} | {must} | {'ok' if ok else '**FAILED**'} |")
    out += [
        "",
        f"![requests per second and p95 per minute, with the scheduled actions' runs]({plot_name})",
        "",
        "## Requests",
        "",
        f"{r['requests']} requests (JSON-RPC calls and HTTP requests) in {r['span']:.0f} s: "
        f"**{r['rps']:.1f} requests/s**, {r['failures']} failed. Figures from Locust's statistics "
        "(`locust_stats.csv`); times in ms.",
        "",
        "Per action of a user (each is one to three calls below):",
        "",
        "| role: action | count | failed | per s | p50 | p95 | p99 | max |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in sorted(r["stats"], key=lambda row: row["Name"]):
        if row["Type"] == ACTION:
            out.append(stat_row(row))
    out += [
        "",
        "Per request (OdooLocust names a JSON-RPC call `model : method`):",
        "",
        "| request | count | failed | per s | p50 | p95 | p99 | max |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in sorted(r["stats"], key=lambda row: row["Name"]):
        if row["Type"] != ACTION:
            out.append(stat_row(row))
    out += [
        "",
        "## The scheduled actions",
        "",
        "Runs during the load and after it (the quiet runs, nobody else working), from the server log: "
        "*retried* counts the batches undone by a concurrent update and run again a minute later.",
        "",
        "| action | started | finished | failed | retried | records processed | longest run (s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for xmlid in CRONS:
        job_runs = r["runs"].get(xmlid, [])
        durations = [run["end"] - run["start"] for run in job_runs if run["end"]]
        out.append(
            f"| {xmlid} | {len(job_runs)} | {len(durations)} | {sum(run['failed'] for run in job_runs)} | "
            f"{len(r['retries'].get(xmlid, []))} | {sum(run['processed'] for run in job_runs)} | "
            f"{max(durations, default=0):.1f} |"
        )
    out += [
        "",
        f"The runs of {FLAG_CRON} (seconds from the start of the load):",
        "",
        "| started | took | events flagged | |",
        "|---:|---:|---:|---|",
    ]
    rows = []
    for run in r["runs"].get(FLAG_CRON, []):
        took = f"{run['end'] - run['start']:.1f}" if run["end"] else "—"
        when = "during the load" if run["start"] <= r["t_end"] else "after it"
        rows.append((run["start"], f"| {run['start'] - r['t0']:.0f} | {took} | {run['processed']} | {when} |"))
    for stamp in r["retries"].get(FLAG_CRON, []):
        rows.append((stamp, f"| {stamp - r['t0']:.0f} | | | its batch undone, to run again shortly |"))
    out += [row for _stamp, row in sorted(rows)]
    out += [
        "",
        f"Escalated during the run and after: {r['outcome']['escalated']} of the unexplained missed events; "
        f"health checked today: {r['outcome']['health']} active pairings.",
        "",
        "## The events that fell due",
        "",
        f"Each must be flagged by the missed-events action **during** the load when it fell due more than one "
        f"cron interval ({CRON_INTERVAL} s) before the end of the load; the others may be flagged after it. "
        "Times in seconds from the start of the load (negative: before it).",
        "",
        "| event | fell due | flagged | must during the load | |",
        "|---:|---:|---:|---|---|",
    ]
    for event_id, due_at in sorted(r["due"].items(), key=lambda item: (item[1], item[0])):
        flagged = r["flagged"].get(event_id)
        must = due_at < r["t_end"] - CRON_INTERVAL
        if flagged is None:
            when, verdict = "never", "**not flagged**"
        else:
            when = f"{flagged[0] - r['t0']:.0f}" + ("" if flagged[1] == "missed" else f" ({flagged[1]})")
            during = flagged[0] <= r["t_end"] and flagged[1] == "missed"
            verdict = "during" if during else ("**after**" if must else "after")
        out.append(f"| {event_id} | {due_at - r['t0']:.0f} | {when} | {'yes' if must else 'no'} | {verdict} |")
    out += [
        "",
        "## Memory per worker",
        "",
        f"Resident / virtual size (MiB, /proc) after {r['warmup']:.0f} s of load and at its end; the "
        "growth is of the resident size. Odoo's `--limit-memory-soft/-hard` apply to the virtual size.",
        "",
        "| worker | start | end | growth |",
        "|---|---:|---:|---:|",
    ]
    for pid, kind, start, end, growth in r["memory"]:
        out.append(
            f"| {kind} {pid} | {f'{start[1]:.0f} / {start[2]:.0f}' if start else '—'} | "
            f"{f'{end[1]:.0f} / {end[2]:.0f}' if end else '—'} | "
            f"{'—' if growth is None else f'{growth:+.1f} %'} |"
        )
    dup = r["duplicates"]
    out += [
        "",
        "## Duplicates",
        "",
        f"- open activities of the module's types twice on one record for one user (new during the run): "
        f"{dup['activities']};",
        f"- events with the missed note twice (new during the run): {dup['missed_notes']};",
        f"- events listed twice in the coordinators' digests of missed events: {dup['digest_lines']} "
        f"(digests sent: {dup['digests']}, listing {dup['digest_events']} events).",
        "",
        "## Server log",
        "",
        f"{len(r['problems'])} WARNING, ERROR or CRITICAL lines (werkzeug's `{IGNORED_LOG}` of a kept-alive "
        "connection left idle is not counted, as in `make serve CHECK=1`).",
        "",
    ]
    out += [f"    {line}" for line in r["problems"][:30]]
    if r["problems"]:
        out.append("")
    with open(path, "w", encoding="utf-8") as report:
        report.write("\n".join(out))


def stat_row(row):
    return (
        f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {float(row['Requests/s']):.2f} | "
        f"{ms(row['50%'])} | {ms(row['95%'])} | {ms(row['99%'])} | {ms(row['Max Response Time'])} |"
    )


def memory_rows(start, end):
    rows = []
    for pid in sorted(set(start) | set(end)):
        kind = (start.get(pid) or end.get(pid))[0]
        growth = None
        if pid in start and pid in end:
            growth = (end[pid][1] - start[pid][1]) / start[pid][1] * 100
        rows.append((pid, kind, start.get(pid), end.get(pid), growth))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--db", required=True, help="the demo database to copy")
    parser.add_argument("--db-host", default="localhost")
    parser.add_argument("--db-port", type=int, default=5432)
    parser.add_argument("--db-user", required=True)
    parser.add_argument("--db-password", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--port", type=int, default=8269, help="the server's HTTP port on 127.0.0.1")
    parser.add_argument("--gevent-port", type=int, help="default: the HTTP port + 3")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--cron-workers", type=int, default=2)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=float, default=5, help="actions per second of all the users together")
    parser.add_argument("--sessions", type=int, default=1, help="Locust users per demo user")
    parser.add_argument("--requests", type=int, help="Locust stops at this many requests (default: 20 per second)")
    parser.add_argument("--morning-due", type=int, default=4, help="events that fell due before the start")
    parser.add_argument("--check", action="store_true", help="the CI's version: memory growth is not a must")
    parser.add_argument("--run-dir", required=True, help="the server log, Locust's output")
    parser.add_argument("--output", required=True, help="LOAD.md; the plot and Locust's statistics go beside it")
    parser.add_argument("--command", default="make load")
    args = parser.parse_args()
    if args.requests is None:
        args.requests = int(args.minutes * 60 * 20)

    os.makedirs(args.run_dir, exist_ok=True)
    for name in ("requests.csv", "locust_stats.csv", "locust.log"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(args.run_dir, name))
    db = Database(args, f"{args.db}_load")
    print(f"load: copying {args.db} to {db.name}", flush=True)
    db.copy_from(args.db)
    morning, later, unexplained, crons = prepare_morning(db, args)
    prepared_at = time.time()
    due = dict.fromkeys(morning, prepared_at)
    before = duplicates(db)
    logfile = os.path.join(args.run_dir, "server.log")
    print(f"load: starting the server on {HOST}:{args.port} (log: {logfile})", flush=True)
    process = start_server(args, db.name, logfile)
    try:
        since = datetime.utcnow()
        t0, crons_at, flagged, memory_start, memory_end = play(args, db, crons, later, logfile, args.run_dir, due)
        print("load: the load stopped; the scheduled actions once more, alone", flush=True)
        quiet_runs(db, crons, due, flagged, logfile)
    finally:
        stop_server(process)
    after = duplicates(db, since)
    result_outcome = outcome(db, unexplained)
    db.drop()

    if not os.path.exists(os.path.join(args.run_dir, "locust_stats.csv")):
        sys.exit(f"load: Locust wrote no statistics (its output: {os.path.join(args.run_dir, 'locust.log')})")
    stats = read_stats(args.run_dir)
    requests = read_requests(args.run_dir)
    calls = [row for row in requests if row[1] != ACTION]
    t_end = max((row[0] for row in calls), default=t0)
    runs, retries, problems = read_log(logfile, crons)
    real = [row for row in stats if row["Type"] != ACTION]
    memory = memory_rows(memory_start, memory_end)
    dup = {key: after[key] - before[key] for key in ("activities", "missed_notes")}
    dup.update({key: after[key] for key in ("digest_lines", "digests", "digest_events")})
    must_flag = [event_id for event_id, due_at in due.items() if due_at < t_end - CRON_INTERVAL]
    flagged_during = [
        event_id
        for event_id in must_flag
        if event_id in flagged and flagged[event_id][0] <= t_end and flagged[event_id][1] == "missed"
    ]
    growths = [row[4] for row in memory if row[4] is not None]
    failures = sum(int(row["Failure Count"]) for row in real)
    checks = [
        ("requests failed", f"{failures} of {len(calls)}", "0", failures == 0),
        (
            "due events flagged during the load",
            f"{len(flagged_during)} of {len(must_flag)} due more than {CRON_INTERVAL} s before the end "
            f"({sum(1 for f in flagged.values() if f[1] == 'missed')} of {len(due)} in all, after the quiet runs)",
            "all",
            len(flagged_during) == len(must_flag),
        ),
        ("ERROR and WARNING lines in the server log", str(len(problems)), "0", not problems),
        (
            "duplicates (activities, missed notes, digest entries)",
            f"{dup['activities'] + dup['missed_notes'] + dup['digest_lines']}",
            "0",
            not (dup["activities"] or dup["missed_notes"] or dup["digest_lines"]),
        ),
        (
            "memory growth per worker",
            f"largest {max(growths, default=0):+.1f} % over {len(growths)} workers",
            f"< {MEMORY_GROWTH_MAX:g} %" + (" (not with --check)" if args.check else ""),
            args.check or (bool(growths) and max(growths) < MEMORY_GROWTH_MAX),
        ),
    ]
    output_dir = os.path.dirname(os.path.abspath(args.output))
    base = os.path.splitext(os.path.basename(args.output))[0].lower()
    plot_name = f"{base}.png"
    plot(os.path.join(output_dir, plot_name), requests, t0, t_end, runs, retries, due)
    shutil.copy(os.path.join(args.run_dir, "locust_stats.csv"), os.path.join(output_dir, f"{base}_stats.csv"))
    write_report(
        args,
        args.output,
        plot_name,
        {
            "command": args.command,
            "locust_version": importlib.metadata.version("locust"),
            "t0": t0,
            "crons_at": crons_at,
            "t_end": t_end,
            "seconds": int(args.minutes * 60),
            "span": t_end - t0,
            "users": sum(len(logins) for logins in LOGINS_PER_ROLE) * args.sessions,
            "warmup": min(60, args.minutes * 30),
            "checks": checks,
            "stats": stats,
            "requests": len(calls),
            "rps": sum(float(row["Requests/s"]) for row in real),
            "failures": failures,
            "runs": runs,
            "retries": retries,
            "outcome": result_outcome,
            "morning": morning,
            "due": due,
            "flagged": flagged,
            "memory": memory,
            "duplicates": dup,
            "problems": problems,
        },
    )
    print(f"load: wrote {args.output}", flush=True)
    for name, value, must, ok in checks:
        print(f"load: {'ok    ' if ok else 'FAILED'} {name}: {value} (must: {must})", flush=True)
    if dup["activities"] or dup["missed_notes"]:
        print("\n".join(after["details"][:20]), file=sys.stderr)
    if not all(check[3] for check in checks):
        sys.exit(f"load: a must failed (see {args.output}; the server log: {logfile})")


if __name__ == "__main__":
    main()
