# The slowest SQL queries of each screen of make bench-browser, run through
# `odoo-bin shell` on the benchmark's database (env is the shell's):
#
#   BROWSER_ARGS="--calls /tmp/calls.json" make bench-browser
#   CALLS=/tmp/calls.json [SCREEN="To Review"] [TOP=5] \
#       odoo-bin shell -d hr_mentoring_bench_x10 ... < benchmarks/browser_profile.py
#
# Replays each screen's model RPCs as its user, with the parameters the web
# client sent (a second run is timed: the registry's caches are warm, the
# record caches empty), and prints the time and query count of each and its
# TOP slowest queries, ready for EXPLAIN ANALYZE. Nothing is written.
import json
import os
import time

from odoo.api import call_kw
from odoo.sql_db import Cursor

with open(os.environ["CALLS"], encoding="utf-8") as fh:
    calls = json.load(fh)
only = os.environ.get("SCREEN")
top = int(os.environ.get("TOP", "5"))
queries = []
execute = Cursor.execute


def timed_execute(self, query, params=None, log_exceptions=True):
    started = time.perf_counter()
    try:
        return execute(self, query, params, log_exceptions)
    finally:
        code, args = (query.code, query.params) if hasattr(query, "code") else (query, params)
        queries.append((time.perf_counter() - started, self.mogrify(code, args).decode()))


Cursor.execute = timed_execute
try:
    for screen in calls:
        if only and only != screen["screen"]:
            continue
        user = env["res.users"].search([("login", "=", screen["login"])])  # noqa: F821
        for call in screen["calls"]:
            params = call["params"]
            if "model" not in params:
                print(f"== {screen['screen']} {call['url']}: not a model's method, not replayed")
                continue
            kwargs = dict(params.get("kwargs", {}))
            context = kwargs.pop("context", {})
            user_env = env(user=user.id, context=context)  # noqa: F821
            for _run in range(2):
                user_env.invalidate_all()
                queries.clear()
                started = time.perf_counter()
                call_kw(user_env[params["model"]], params["method"], params.get("args", []), kwargs)
                total = time.perf_counter() - started
            sql = sum(q[0] for q in queries)
            print(
                f"== {screen['screen']} ({screen['login']}) {params['model']}.{params['method']}:"
                f" {total * 1000:.0f} ms, {len(queries)} queries, SQL {sql * 1000:.0f} ms"
            )
            for duration, text in sorted(queries, reverse=True)[:top]:
                print(f"   {duration * 1000:7.1f} ms  {text}")
finally:
    Cursor.execute = execute
    env.cr.rollback()  # noqa: F821
