"""make serve CHECK=1: a smoke check of a running multi-process server.

Logs in as the demo coordinator, reads the pairing list over JSON-RPC (as the
web client does: ``web_search_read``), counts the HTTP workers the server
started, and with ``--replica-port`` proves that read-only requests ran on the
PostgreSQL hot standby: the standby's own statistics (``pg_stat_user_tables``
scans, ``pg_stat_database`` transactions of the database) grow while the
Excel export and the list are read, and the standby is in recovery.

Only the venv's packages (requests, psycopg2). Exits non-zero on any failure.
"""

import argparse
import re
import sys
import time

import psycopg2
import requests

PAIRING_SPEC = {
    "display_name": {},
    "mentor_id": {"fields": {"display_name": {}}},
    "mentee_id": {"fields": {"display_name": {}}},
    "state": {},
    "date_start": {},
}


class Client:
    """A JSON-RPC client with a session of its own."""

    def __init__(self, url, db):
        self.url = url
        self.db = db
        self.session = requests.Session()

    def rpc(self, path, params):
        response = self.session.post(
            self.url + path, json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}, timeout=60
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise RuntimeError(f"{path}: {body['error'].get('data', {}).get('message') or body['error']}")
        return body["result"]

    def login(self, login, password):
        return self.rpc("/web/session/authenticate", {"db": self.db, "login": login, "password": password})

    def call_kw(self, model, method, args, kwargs=None):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )


def wait_up(url, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/web/health", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    sys.exit(f"serve check: the server did not answer at {url} within {timeout} s")


def evented_running(logfile):
    with open(logfile, encoding="utf-8") as log:
        return "Evented Service (longpolling) running on" in log.read()


def replica_figures(args):
    """The standby's own counters for the database: scans of the two tables the
    requests read, and the database's transactions (commits + rollbacks)."""
    cnx = psycopg2.connect(
        host=args.db_host, port=args.replica_port, dbname=args.db, user=args.db_user, password=args.db_password
    )
    try:
        with cnx.cursor() as cr:
            cr.execute("SELECT pg_is_in_recovery()")
            in_recovery = cr.fetchone()[0]
            cr.execute(
                """SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables
                    WHERE relname IN ('hr_mentoring_event', 'hr_mentoring_pairing')"""
            )
            scans = dict(cr.fetchall())
            cr.execute("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")
            xacts = cr.fetchone()[0]
    finally:
        cnx.close()
    return in_recovery, scans, xacts


def check_replica(args, client, program_id):
    in_recovery, before, xacts_before = replica_figures(args)
    if not in_recovery:
        sys.exit(f"serve check: the server on port {args.replica_port} is not a standby (not in recovery)")
    exports = 3
    for _ in range(exports):
        response = client.session.get(f"{args.url}/hr_mentoring/program/{program_id}/xlsx", timeout=120)
        response.raise_for_status()
        if not response.content.startswith(b"PK"):
            sys.exit("serve check: the Excel export did not return a workbook")
    client.call_kw("hr.mentoring.pairing", "web_search_read", [[]], {"specification": PAIRING_SPEC, "limit": 80})
    # Odoo's own report route is read-only too: the programme report as a PDF
    # (the module's reports keep no attachment, so printing writes nothing)
    response = client.session.get(f"{args.url}/report/pdf/hr_mentoring.report_program/{program_id}", timeout=120)
    response.raise_for_status()
    if not response.content.startswith(b"%PDF"):
        sys.exit("serve check: the programme report did not print as a PDF")
    # a backend reports its statistics when it goes idle, at most once a second
    # (and after 10 s at the latest): wait for them
    deadline = time.monotonic() + 15
    while True:
        _, after, xacts_after = replica_figures(args)
        grown = {table: after.get(table, 0) - before.get(table, 0) for table in before}
        if all(grown.values()) and xacts_after - xacts_before >= exports:
            break
        if time.monotonic() > deadline:
            sys.exit(
                f"serve check: the read-only requests did not run on the standby "
                f"(scans there grew by {grown}, transactions by {xacts_after - xacts_before})"
            )
        time.sleep(1)
    print(
        f"serve check: on the standby (port {args.replica_port}), the Excel export x{exports}, the pairing list "
        f"and the programme report (PDF) "
        f"scanned hr_mentoring_event {grown['hr_mentoring_event']} and hr_mentoring_pairing "
        f"{grown['hr_mentoring_pairing']} times, in {xacts_after - xacts_before} transactions"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--logfile", required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--login", default="cora")
    parser.add_argument("--replica-port", type=int)
    parser.add_argument("--db-host", default="localhost")
    parser.add_argument("--db-user")
    parser.add_argument("--db-password")
    args = parser.parse_args()

    started = time.monotonic()
    wait_up(args.url)
    client = Client(args.url, args.db)
    info = client.login(args.login, args.login)
    if not info.get("uid"):
        sys.exit(f"serve check: could not log in as {args.login}")
    result = client.call_kw(
        "hr.mentoring.pairing", "web_search_read", [[]], {"specification": PAIRING_SPEC, "limit": 80}
    )
    if not result["length"]:
        sys.exit(f"serve check: {args.login} sees no pairing")
    print(f"serve check: logged in as {args.login}, read {result['length']} pairings over JSON-RPC")

    with open(args.logfile, encoding="utf-8") as log:
        http_workers = set(re.findall(r"Worker WorkerHTTP \((\d+)\) alive", log.read()))
    if len(http_workers) < args.workers:
        sys.exit(f"serve check: {len(http_workers)} HTTP workers started, {args.workers} expected")
    print(f"serve check: {len(http_workers)} HTTP workers answered")
    # the live notifications (bus websocket) run in the gevent process the server starts
    deadline = time.monotonic() + 30
    while not evented_running(args.logfile):
        if time.monotonic() > deadline:
            sys.exit("serve check: the gevent process (live notifications) did not start")
        time.sleep(0.5)
    print("serve check: the gevent process (live notifications) runs")

    if args.replica_port:
        programs = client.call_kw("hr.mentoring.program", "search", [[]], {"limit": 1})
        if not programs:
            sys.exit(f"serve check: {args.login} sees no programme to export")
        check_replica(args, client, programs[0])
    print(f"serve check: passed in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
