"""make load: a bounded load test of `make serve` on localhost.

For each configuration (1, 4 and 8 HTTP workers, without and with the read
replica) it copies the demo database, starts `scripts/serve.sh` on the copy,
plays a fixed number of requests of a realistic morning with a time cap, has
the module's crons run on the cron workers meanwhile, stops the server, checks
the database for what the crons must never do twice, and writes
benchmarks/LOAD.md. Only the venv's packages (requests, psycopg2).

The morning, one session per demo user (a user does one thing at a time):
- coordinators (cora, admin): the programme dashboard (kanban), the pairing
  list, the Excel export;
- department heads (hanna, diane, kevin): approve a proposed pairing, review a
  signed event, or read their To Review list when nothing is left;
- mentors (maria, paul, samuel, lea): their activities, sign an event;
- mentees (xavier, nora, ...): their plan, acknowledge a signed event.
Meanwhile an administrator sets the next call of the missed-events, the
escalation and the phase/health crons to now, every few seconds: the cron
workers run them while the users work.
"""

import argparse
import contextlib
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

import psycopg2
import requests

CRONS = (
    "hr_mentoring.ir_cron_flag_missed_events",
    "hr_mentoring.ir_cron_escalate_unexplained",
    "hr_mentoring.ir_cron_advance_phases",
    "hr_mentoring.ir_cron_update_health",
)
COORDINATORS = ("cora", "admin")
HEADS = ("hanna", "diane", "kevin")
MENTORS = ("maria", "paul", "samuel", "lea")
MENTEES = ("xavier", "nora", "yasmin", "olivia", "quentin", "umar", "rita", "tom")
# request type: (weight, who)
MIX = {
    "dashboard": (12, COORDINATORS),
    "pairing_list": (16, COORDINATORS),
    "export_xlsx": (6, COORDINATORS),
    "approve_or_review": (8, HEADS),
    "to_review_list": (8, HEADS),
    "my_activities": (14, MENTORS),
    "sign_event": (10, MENTORS),
    "my_plan": (14, MENTEES),
    "acknowledge": (12, MENTEES),
}
# what a write falls back to when nothing is left to write
FALLBACK = {"approve_or_review": "to_review_list", "sign_event": "my_activities", "acknowledge": "my_plan"}


class ServerError(Exception):
    pass


class User:
    """One demo user's session; one request at a time."""

    def __init__(self, url, db, login):
        self.url, self.db, self.login = url, db, login
        self.session = requests.Session()
        self.lock = threading.Lock()
        self.uid = None
        self.specs = {}

    def rpc(self, path, params, timeout=120):
        response = self.session.post(
            self.url + path, json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}, timeout=timeout
        )
        if response.status_code != 200:
            raise ServerError(f"HTTP {response.status_code} on {path}")
        body = response.json()
        if body.get("error"):
            error = body["error"].get("data", {})
            raise ServerError(f"{path}: {error.get('name')}: {error.get('message')}")
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def button(self, model, method, ids):
        return self.rpc(
            f"/web/dataset/call_button/{model}/{method}",
            {"model": model, "method": method, "args": [ids], "kwargs": {"context": {}}},
        )

    def login_session(self):
        info = self.rpc("/web/session/authenticate", {"db": self.db, "login": self.login, "password": self.login})
        self.uid = info["uid"]
        return self.uid

    def spec(self, model, view_type):
        """The web client's specification of a view: its fields, many2one and
        x2many read with their display name (the web client caches the views)."""
        key = (model, view_type)
        if key not in self.specs:
            views = self.call(model, "get_views", [[False, view_type]], options={})
            fields = views["models"][model]["fields"]
            spec = {}
            for name, field in fields.items():
                if field["type"] in ("many2one", "many2many", "one2many"):
                    spec[name] = {"fields": {"display_name": {}}}
                else:
                    spec[name] = {}
            self.specs[key] = spec
        return self.specs[key]

    def list(self, model, view_type, domain, limit=80):
        return self.call(model, "web_search_read", domain, specification=self.spec(model, view_type), limit=limit)


# ----------------------------------------------------------------------
# the database
# ----------------------------------------------------------------------


def connect(args, db, port=None):
    return psycopg2.connect(
        host=args.db_host, port=port or args.db_port, dbname=db, user=args.db_user, password=args.db_password
    )


def copy_database(args, load_db):
    cnx = connect(args, "postgres")
    cnx.autocommit = True
    with cnx.cursor() as cr:
        cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [load_db])
        cr.execute(f'DROP DATABASE IF EXISTS "{load_db}"')
        cr.execute(f'CREATE DATABASE "{load_db}" TEMPLATE "{args.db}"')
    cnx.close()
    filestore = os.path.join(args.data_dir, "filestore")
    subprocess.run(["rm", "-rf", os.path.join(filestore, load_db)], check=True)
    if os.path.isdir(os.path.join(filestore, args.db)):
        subprocess.run(["cp", "-a", os.path.join(filestore, args.db), os.path.join(filestore, load_db)], check=True)


def drop_database(args, load_db):
    cnx = connect(args, "postgres")
    cnx.autocommit = True
    with cnx.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{load_db}"')
    cnx.close()
    subprocess.run(["rm", "-rf", os.path.join(args.data_dir, "filestore", load_db)], check=True)


def prepare_morning(args, load_db):
    """The morning after a long weekend: the crons have work. Some planned
    events of the running pairings fell due three days ago unsigned (the
    missed-events cron flags them), the events already missed were flagged ten
    days ago and are still unexplained (the escalation cron), and no pairing's
    health was checked today (the health cron). What the users sign is still
    ahead: the crons and the users never want the same event."""
    today = date.today()
    cnx = connect(args, load_db)
    with cnx, cnx.cursor() as cr:
        cr.execute(
            """UPDATE hr_mentoring_event SET date_due = %s WHERE id IN (
                 SELECT e.id FROM hr_mentoring_event e JOIN hr_mentoring_pairing p ON p.id = e.pairing_id
                  WHERE p.state = 'active' AND e.state = 'planned' AND e.date_due >= %s
               ORDER BY e.date_due, e.id LIMIT %s) RETURNING id""",
            [today - timedelta(days=3), today, args.due_events],
        )
        due = [row[0] for row in cr.fetchall()]
        cr.execute(
            """UPDATE hr_mentoring_event SET missed_on = %s, escalated_on = NULL
                WHERE state = 'missed' AND missed_reason_category IS NULL RETURNING id""",
            [today - timedelta(days=10)],
        )
        unexplained = [row[0] for row in cr.fetchall()]
        # as if never escalated: the demo's escalation activities of those events go
        cr.execute(
            """DELETE FROM mail_activity a USING ir_model_data d
                WHERE d.module = 'hr_mentoring' AND d.name = 'mail_activity_type_escalation'
                  AND d.model = 'mail.activity.type' AND a.activity_type_id = d.res_id
                  AND a.res_model = 'hr.mentoring.event' AND a.res_id = ANY(%s)""",
            [unexplained],
        )
        cr.execute("UPDATE hr_mentoring_pairing SET health_checked_on = NULL WHERE state = 'active'")
        cr.execute("UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' + interval '1 day'")
    cnx.close()
    return due, unexplained


def duplicates(args, load_db):
    """What the crons must do once only, counted in the database."""
    cnx = connect(args, load_db)
    with cnx, cnx.cursor() as cr:
        cr.execute(
            """SELECT a.res_model, a.res_id, d.name, a.user_id, count(*), string_agg(a.summary, ' | ')
                 FROM mail_activity a
                 JOIN ir_model_data d ON d.model = 'mail.activity.type' AND d.res_id = a.activity_type_id
                WHERE d.module = 'hr_mentoring'
             GROUP BY 1, 2, 3, 4 HAVING count(*) > 1"""
        )
        details = cr.fetchall()
        activities = len(details)
        cr.execute(
            """SELECT count(*) FROM (SELECT res_id FROM mail_message
                WHERE model = 'hr.mentoring.event' AND body::text LIKE '%%Missed: no sign-off%%'
             GROUP BY res_id HAVING count(*) > 1) dup"""
        )
        flagged_twice = cr.fetchone()[0]
    cnx.close()
    return {"activities": activities, "missed_notes": flagged_twice}, details


def outcome(args, load_db, due, unexplained):
    cnx = connect(args, load_db)
    with cnx, cnx.cursor() as cr:
        cr.execute("SELECT count(*) FROM hr_mentoring_event WHERE id = ANY(%s) AND state = 'missed'", [due])
        flagged = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM hr_mentoring_event WHERE id = ANY(%s) AND escalated_on IS NOT NULL", [unexplained]
        )
        escalated = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM hr_mentoring_pairing WHERE state = 'active' AND health_checked_on IS NOT NULL")
        checked = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM hr_mentoring_pairing WHERE state = 'active'")
        active = cr.fetchone()[0]
    cnx.close()
    return {
        "flagged": f"{flagged}/{len(due)}",
        "escalated": f"{escalated}/{len(unexplained)}",
        "health": f"{checked}/{active}",
    }


# ----------------------------------------------------------------------
# the server
# ----------------------------------------------------------------------


def start_server(args, load_db, workers, replica, logfile):
    env = dict(
        os.environ,
        SERVE_DB=load_db,
        SERVE_UPDATE="0",
        WORKERS=str(workers),
        REPLICA="1" if replica else "0",
        HTTP_PORT=str(args.port),
        GEVENT_PORT=str(args.port + 3),
        SERVE_LOGFILE=logfile,
        # the crons' next call, written by the administrator, wakes the cron workers at once
        ODOO_NOTIFY_CRON_CHANGES="1",
    )
    open(logfile, "w").close()
    process = subprocess.Popen(
        [os.path.join(args.repo, "scripts", "serve.sh")],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    url = f"http://localhost:{args.port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"load: the server stopped at start (log: {logfile})")
        try:
            if requests.get(url + "/web/health", timeout=5).status_code == 200:
                return process, url
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    stop_server(process)
    sys.exit(f"load: the server did not answer within 180 s (log: {logfile})")


def stop_server(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    # the prefork master stops its workers; anything left of the group goes too
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def worker_memory(logfile):
    """Resident and virtual size (MiB) of each live worker, by kind."""
    with open(logfile, encoding="utf-8") as log:
        text = log.read()
    kinds = {int(pid): kind for kind, pid in re.findall(r"Worker (WorkerHTTP|WorkerCron) \((\d+)\) alive", text)}
    memory = defaultdict(list)
    for pid, kind in kinds.items():
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as status:
                values = dict(line.split(":", 1) for line in status if ":" in line)
        except FileNotFoundError:
            continue
        rss = int(values["VmRSS"].split()[0]) / 1024
        vms = int(values["VmSize"].split()[0]) / 1024
        memory[kind].append((rss, vms))
    return memory


def log_figures(logfile, started_at):
    with open(logfile, encoding="utf-8") as log:
        lines = log.readlines()
    retries = Counter()
    problems = []
    modes = Counter()
    cron_failures = Counter()
    failed_job = None
    for line in lines:
        match = re.search(
            r"ERROR \S+ odoo\.addons\.base\.models\.ir_cron: Job '([^']+)' \(\d+\) server action #\d+ failed", line
        )
        if match:
            failed_job = match.group(1)
        elif failed_job and re.match(r"^[\w.]+(Error|Failure|Exception)\b", line):
            cron_failures[(failed_job, line.split(":")[0].rsplit(".", 1)[-1])] += 1
            failed_job = None
        match = re.search(r" INFO \S+ odoo\.service\.model: (\w+), \d+ tries left, try again", line)
        if match:
            retries[match.group(1)] += 1
        if re.search(r" (WARNING|ERROR|CRITICAL) ", line) and "Request timed out: TimeoutError" not in line:
            problems.append(line.strip()[:300])
        match = re.search(r'"(?:GET|POST) (\S+) HTTP/1\.1" \d+ .* (ro|rw|ro->rw)$', line.strip())
        if match:
            modes[match.group(2)] += 1
    return retries, problems, modes, cron_failures


# ----------------------------------------------------------------------
# the morning
# ----------------------------------------------------------------------


class Morning:
    def __init__(self, args, url, load_db):
        self.args = args
        self.users = {login: User(url, load_db, login) for login in (*COORDINATORS, *HEADS, *MENTORS, *MENTEES)}
        self.pool_lock = threading.Lock()
        self.pools = {}
        self.timings = defaultdict(list)
        self.errors = Counter()
        self.error_samples = []
        self.done_writes = Counter()
        self.stop = threading.Event()
        self.cron_triggers = 0
        self.cron_busy = 0

    def prepare(self):
        today = date.today().isoformat()
        for user in self.users.values():
            user.login_session()
        program = self.users["cora"].call("hr.mentoring.program", "search", [], limit=1)
        self.program_id = program[0]
        pools = {}
        for login in HEADS:
            user = self.users[login]
            proposed = user.call("hr.mentoring.pairing", "search", [("state", "=", "proposed")])
            review = user.call(
                "hr.mentoring.event",
                "search",
                [("state", "=", "done"), ("reviewed", "=", False), ("is_department_head", "=", True)],
            )
            pools[login] = [("hr.mentoring.pairing", "action_approve", i) for i in proposed] + [
                ("hr.mentoring.event", "action_review", i) for i in review
            ]
        for login in MENTORS:
            user = self.users[login]
            events = user.call(
                "hr.mentoring.event",
                "search",
                [
                    ("mentor_id.user_id", "=", user.uid),
                    ("state", "=", "planned"),
                    ("date_due", ">=", today),
                    ("pairing_id.state", "=", "active"),
                    # what the mentor signs with a click (an evaluation is done when it is submitted)
                    ("responsible_role", "=", "mentor"),
                    ("event_type", "!=", "evaluation"),
                ],
                order="date_due, id",
            )
            pools[login] = [("hr.mentoring.event", "action_mark_done", i) for i in events]
        for login in MENTEES:
            user = self.users[login]
            events = user.call(
                "hr.mentoring.event",
                "search",
                [("mentee_id.user_id", "=", user.uid), ("state", "=", "done"), ("acknowledged", "=", False)],
            )
            pools[login] = [("hr.mentoring.event", "action_acknowledge", i) for i in events]
        self.pools = pools
        # the views, as the web client loads them once
        for login in COORDINATORS:
            self.users[login].spec("hr.mentoring.program", "kanban")
            self.users[login].spec("hr.mentoring.pairing", "list")
        for login in (*HEADS, *MENTEES):
            self.users[login].spec("hr.mentoring.event", "list")
        for login in MENTORS:
            self.users[login].spec("mail.activity", "list")
        return {who: len(pool) for who, pool in pools.items()}

    def plan(self):
        rng = random.Random(self.args.seed)
        kinds = list(MIX)
        weights = [MIX[kind][0] for kind in kinds]
        items = []
        for kind in rng.choices(kinds, weights=weights, k=self.args.requests):
            items.append((kind, rng.choice(MIX[kind][1])))
        return items

    def take(self, login):
        with self.pool_lock:
            pool = self.pools.get(login)
            return pool.pop(0) if pool else None

    def run_one(self, kind, login):
        user = self.users[login]
        write = None
        if kind in FALLBACK:
            write = self.take(login)
            if write is None:
                kind = FALLBACK[kind]
        start = time.perf_counter()
        if write:
            model, method, record_id = write
            user.button(model, method, [record_id])
            self.done_writes[method] += 1
        elif kind == "dashboard":
            user.list("hr.mentoring.program", "kanban", [], limit=40)
        elif kind == "pairing_list":
            user.list("hr.mentoring.pairing", "list", [])
        elif kind == "export_xlsx":
            response = user.session.get(f"{user.url}/hr_mentoring/program/{self.program_id}/xlsx", timeout=120)
            if response.status_code != 200 or not response.content.startswith(b"PK"):
                raise ServerError(f"export: HTTP {response.status_code}")
        elif kind == "to_review_list":
            user.list(
                "hr.mentoring.event",
                "list",
                [("state", "in", ("done", "missed")), ("reviewed", "=", False), ("is_department_head", "=", True)],
            )
        elif kind == "my_activities":
            user.list("mail.activity", "list", [("user_id", "=", user.uid)])
        elif kind == "my_plan":
            user.list("hr.mentoring.event", "list", [("mentee_id.user_id", "=", user.uid)])
        label = write[1] if write else kind
        return label, time.perf_counter() - start

    def client(self, queue, deadline):
        while not self.stop.is_set():
            with self.pool_lock:
                if not queue:
                    return
                kind, login = queue.pop(0)
            if time.monotonic() > deadline:
                self.stop.set()
                return
            user = self.users[login]
            with user.lock:
                try:
                    label, elapsed = self.run_one(kind, login)
                    with self.pool_lock:
                        self.timings[label].append(elapsed)
                except (ServerError, requests.RequestException) as exc:
                    with self.pool_lock:
                        self.errors[kind] += 1
                        if len(self.error_samples) < 10:
                            self.error_samples.append(f"{kind} as {login}: {exc}")

    def crons(self, interval):
        """The administrator sets the module's crons' next call to now, every
        few seconds; a cron running at that moment refuses (it is busy)."""
        admin = User(self.users["admin"].url, self.users["admin"].db, "admin")
        admin.login_session()
        names = [xmlid.split(".")[1] for xmlid in CRONS]
        cron_ids = [
            row["res_id"]
            for row in admin.call(
                "ir.model.data",
                "search_read",
                [("module", "=", "hr_mentoring"), ("model", "=", "ir.cron"), ("name", "in", names)],
                fields=["res_id"],
            )
        ]
        while True:
            for cron_id in cron_ids:
                now = datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
                try:
                    admin.call("ir.cron", "write", [cron_id], {"nextcall": now})
                    self.cron_triggers += 1
                except ServerError as exc:
                    if "currently being executed" not in str(exc):
                        raise
                    self.cron_busy += 1
            if self.stop.wait(interval):
                return

    def play(self):
        queue = self.plan()
        deadline = time.monotonic() + self.args.time_cap
        cron_thread = threading.Thread(target=self.crons, args=(self.args.cron_interval,), daemon=True)
        cron_thread.start()
        started = time.monotonic()
        threads = [threading.Thread(target=self.client, args=(queue, deadline)) for _ in range(self.args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        capped = bool(queue)
        self.stop.set()
        cron_thread.join()
        return elapsed, capped


def wait_crons_done(args, load_db, since, timeout=90):
    """Until each module cron ran after ``since`` and none is running."""
    cnx = connect(args, load_db)
    cnx.autocommit = True
    deadline = time.monotonic() + timeout
    try:
        with cnx.cursor() as cr:
            while time.monotonic() < deadline:
                cr.execute(
                    """SELECT count(*) FROM ir_cron c JOIN ir_model_data d ON d.model = 'ir.cron' AND d.res_id = c.id
                        WHERE d.module = 'hr_mentoring' AND d.name = ANY(%s)
                          AND (c.lastcall IS NULL OR c.lastcall < %s)""",
                    [[x.split(".")[1] for x in CRONS], since],
                )
                if not cr.fetchone()[0]:
                    break
                time.sleep(1)
            # a cron still running holds its row lock
            for _ in range(timeout):
                try:
                    cr.execute("BEGIN; SELECT id FROM ir_cron FOR UPDATE NOWAIT; ROLLBACK")
                    return True
                except psycopg2.errors.LockNotAvailable:
                    cr.execute("ROLLBACK")
                    time.sleep(1)
    finally:
        cnx.close()
    return False


def percentile(values, q):
    values = sorted(values)
    if not values:
        return 0.0
    index = min(len(values) - 1, max(0, round(q / 100 * len(values) + 0.5) - 1))
    return values[index]


def run_config(args, workers, replica):
    load_db = f"{args.db}_load"
    label = f"{workers} worker{'s' if workers > 1 else ''}, {'with' if replica else 'without'} replica"
    print(f"load: {label}: copying {args.db}", flush=True)
    copy_database(args, load_db)
    due, unexplained = prepare_morning(args, load_db)
    if replica:
        subprocess.run([os.path.join(args.repo, "scripts", "replica.sh"), "up"], check=True)
        # the copy made on the primary must have reached the standby
        for _ in range(120):
            try:
                connect(args, load_db, args.replica_port).close()
                break
            except psycopg2.OperationalError:
                time.sleep(0.5)
    dups_before, _details = duplicates(args, load_db)
    logfile = os.path.join(os.path.dirname(args.data_dir), f"load-{workers}-{'replica' if replica else 'primary'}.log")
    process, url = start_server(args, load_db, workers, replica, logfile)
    try:
        morning = Morning(args, url, load_db)
        pools = morning.prepare()
        since = datetime.utcnow()
        print(f"load: {label}: {args.requests} requests by {args.clients} clients (cap {args.time_cap} s)", flush=True)
        elapsed, capped = morning.play()
        crons_done = wait_crons_done(args, load_db, since)
        during = outcome(args, load_db, due, unexplained)
        # the crons once more, with nobody else working: what a failed run left undone
        quiet_since = datetime.utcnow()
        morning.stop.set()
        for _ in range(30):
            busy = morning.cron_busy
            morning.crons(0)
            if morning.cron_busy == busy:
                break
            time.sleep(2)  # a cron was running and refused its next call: again
        crons_done = wait_crons_done(args, load_db, quiet_since) and crons_done
        memory = worker_memory(logfile)
    finally:
        stop_server(process)
    retries, problems, modes, cron_failures = log_figures(logfile, since)
    dups_after, dup_details = duplicates(args, load_db)
    result = {
        "label": label,
        "workers": workers,
        "replica": replica,
        "elapsed": elapsed,
        "capped": capped,
        "requests": sum(len(t) for t in morning.timings.values()),
        "timings": dict(morning.timings),
        "errors": sum(morning.errors.values()),
        "error_samples": morning.error_samples + [f"duplicate activities: {row}" for row in dup_details],
        "writes": dict(morning.done_writes),
        "pools": pools,
        "retries": dict(retries),
        "problems": problems,
        "modes": dict(modes),
        "cron_failures": dict(cron_failures),
        "duplicates": {k: dups_after[k] - dups_before[k] for k in dups_after},
        "outcome": outcome(args, load_db, due, unexplained),
        "during": during,
        "crons_done": crons_done,
        "cron_triggers": morning.cron_triggers,
        "cron_busy": morning.cron_busy,
        "memory": memory,
        "logfile": logfile,
    }
    drop_database(args, load_db)
    print(
        f"load: {label}: {result['requests']} requests in {elapsed:.1f} s, {result['errors']} errors, "
        f"retries {result['retries'] or 0}, duplicates {result['duplicates']}, crons {result['outcome']}",
        flush=True,
    )
    return result


# ----------------------------------------------------------------------
# LOAD.md
# ----------------------------------------------------------------------


def write_report(args, results, path):
    kinds = sorted({kind for r in results for kind in r["timings"]})
    out = [
        "# Load test: `make load`",
        "",
        f"Run on {date.today().isoformat()} by `make load` (benchmarks/load.py) against `make serve` on localhost,",
        f"on a fresh copy of the demo database for each configuration: {args.requests} requests from",
        f"{args.clients} concurrent clients (one session per demo user, one request at a time per user),",
        f"time cap {args.time_cap} s, seed {args.seed}. Meanwhile an administrator sets the next call of the",
        "missed-events, escalation and phase/health crons to now every",
        f"{args.cron_interval:g} s, and the two cron workers run them.",
        "",
        f"**The machine has {os.cpu_count()} CPU cores**: the clients, the Odoo workers and PostgreSQL",
        "(primary and standby) share those cores,",
        "so more workers than cores cannot add throughput here, and the figures vary from run to run.",
        "They show the behaviour (no errors, no duplicates, where the reads run), not a capacity.",
        "",
        "## Summary",
        "",
        "*missed flagged*, *escalated*, *health checked*: during the load → after one more run of the crons alone.",
        "",
        "| configuration | requests | time (s) | requests/s | errors | serialization retries "
        "| crons' duplicates | missed flagged | escalated | health checked "
        "| readonly on replica (ro / ro->rw / rw) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        retries = sum(r["retries"].values())
        retry_text = f"{retries}" + (f" ({', '.join(f'{k} {v}' for k, v in r['retries'].items())})" if retries else "")
        modes = r["modes"]
        out.append(
            f"| {r['label']}{' (capped)' if r['capped'] else ''} | {r['requests']} | {r['elapsed']:.1f} | "
            f"{r['requests'] / r['elapsed']:.1f} | {r['errors']} | {retry_text} | "
            f"{sum(r['duplicates'].values())} | {r['during']['flagged']} → {r['outcome']['flagged']} | "
            f"{r['during']['escalated']} → {r['outcome']['escalated']} | "
            f"{r['during']['health']} → {r['outcome']['health']} | "
            f"{modes.get('ro', 0)} / {modes.get('ro->rw', 0)} / {modes.get('rw', 0)} |"
        )
    out += ["", "## Latency per request type (ms: p50 / p95 / p99, count)", ""]
    out.append("| request | " + " | ".join(r["label"] for r in results) + " |")
    out.append("|---|" + "---:|" * len(results))
    for kind in kinds:
        cells = []
        for r in results:
            values = [v * 1000 for v in r["timings"].get(kind, [])]
            if values:
                cells.append(
                    f"{percentile(values, 50):.0f} / {percentile(values, 95):.0f} / "
                    f"{percentile(values, 99):.0f} ({len(values)})"
                )
            else:
                cells.append("—")
        out.append(f"| {kind} | " + " | ".join(cells) + " |")
    out += ["", "## Memory per worker (MiB, resident / virtual, at the end of the run)", ""]
    out.append("| configuration | HTTP workers (each) | cron workers (each) |")
    out.append("|---|---|---|")
    for r in results:
        cells = []
        for kind in ("WorkerHTTP", "WorkerCron"):
            values = r["memory"].get(kind, [])
            if values:
                rss = [v[0] for v in values]
                vms = [v[1] for v in values]
                cells.append(
                    f"{len(values)} x {statistics.median(rss):.0f} / {statistics.median(vms):.0f} "
                    f"(max {max(rss):.0f} / {max(vms):.0f})"
                )
            else:
                cells.append("—")
        out.append(f"| {r['label']} | {cells[0]} | {cells[1]} |")
    out += [
        "",
        "## What was written, and the checks",
        "",
        "| configuration | approved / reviewed / signed / acknowledged | cron next calls set (refused: running) "
        "| cron runs that failed | crons finished | log warnings and errors |",
        "|---|---|---|---|---|---:|",
    ]
    for r in results:
        w = r["writes"]
        out.append(
            f"| {r['label']} | {w.get('action_approve', 0)} / {w.get('action_review', 0)} / "
            f"{w.get('action_mark_done', 0)} / {w.get('action_acknowledge', 0)} | "
            f"{r['cron_triggers']} ({r['cron_busy']}) | "
            f"{', '.join(f'{job}: {n} x {cause}' for (job, cause), n in r['cron_failures'].items()) or 'none'} | "
            f"{'yes' if r['crons_done'] else 'no'} | {len(r['problems'])} |"
        )
    out += [
        "",
        "- *errors*: a request answered with an HTTP error or a JSON-RPC error (must be 0).",
        "- *serialization retries*: the server log's `SERIALIZATION_FAILURE, n tries left, try again` lines",
        "  (Odoo runs a request again when PostgreSQL refuses a concurrent update; any other code is named).",
        "- *crons' duplicates*: after the run, in the database: open activities of the module's types",
        "  with the same record, type and user more than once, and events with the missed note more than",
        "  once, minus those before the run (must be 0). *missed flagged*: of the events that fell due",
        "  unsigned, those flagged; *escalated*: of the unexplained missed events, those escalated;",
        "  *health checked*: active pairings whose health was checked today.",
        "- *readonly on replica*: Odoo's own cursor mode of each request, from its access log: `ro` ran",
        "  on the replica (when there is one), `ro->rw` was readonly but wrote and ran again on the",
        "  primary (must be 0), `rw` ran on the primary.",
        "- *memory*: `VmRSS` / `VmSize` of each worker from /proc just before the server stopped; Odoo's",
        "  `--limit-memory-soft/-hard` apply to the virtual size.",
        "- When a head has nothing left to approve or review, the request reads their To Review list;",
        "  a mentor with nothing left to sign reads their activities; a mentee with nothing to",
        "  acknowledge reads their plan (the demo database is small: a few writes of each kind).",
        "",
    ]
    problems = [p for r in results for p in r["problems"]]
    samples = [s for r in results for s in r["error_samples"]]
    if problems or samples:
        out += ["## Problems seen", ""] + [f"    {line}" for line in (samples + problems)[:30]] + [""]
    with open(path, "w", encoding="utf-8") as report:
        report.write("\n".join(out))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--db", required=True, help="the demo database to copy for each configuration")
    parser.add_argument("--db-host", default="localhost")
    parser.add_argument("--db-port", type=int, default=5432)
    parser.add_argument("--db-user", required=True)
    parser.add_argument("--db-password", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--port", type=int, default=8269, help="the server's HTTP port (the gevent port is +3)")
    parser.add_argument("--replica-port", type=int, default=5433)
    parser.add_argument("--workers", default="1,4,8")
    parser.add_argument("--replica", choices=("both", "on", "off"), default="both")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--time-cap", type=float, default=180)
    parser.add_argument("--cron-interval", type=float, default=5)
    parser.add_argument("--due-events", type=int, default=10)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    replicas = {"both": (False, True), "on": (True,), "off": (False,)}[args.replica]
    results = []
    for replica in replicas:
        for workers in (int(w) for w in args.workers.split(",")):
            results.append(run_config(args, workers, replica))
    write_report(args, results, args.output)
    print(f"load: wrote {args.output}")
    failed = [r["label"] for r in results if r["errors"] or sum(r["duplicates"].values()) or r["modes"].get("ro->rw")]
    if failed:
        sys.exit(f"load: errors, duplicates or readonly requests that wrote in: {', '.join(failed)}")


if __name__ == "__main__":
    main()
