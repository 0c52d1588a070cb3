"""(h) The pairings' health, recomputed by the daily scheduled action: the
query count for 100 and 1,000 active pairings, which must not grow with the
number of pairings (no query per pairing)."""

import logging

from paths import Check, hot_path

_logger = logging.getLogger("hr_mentoring.bench")

SIZES = (100, 1000)
# what the ORM's batches of 100 rows may add per 100 pairings: the activities,
# their followers and the pairings' health, each inserted or updated by 100
TARGETS = {"queries_per_100": 5}

FLOORS = """\
- health: per batch, two grouped reads of the events (last signature, unexplained missed events), the
  company calendars' working days, one `UPDATE` per distinct (health, reason), and the nudges in one batch.
"""


@hot_path("health", order=70, floors=FLOORS)
def measure(ctx):
    from odoo import SUPERUSER_ID

    env = ctx.env(user=SUPERUSER_ID, context={"lang": "en_US"})
    Pairing = env["hr.mentoring.pairing"]
    counts = []
    for size in SIZES:
        pairings = Pairing.search([("state", "=", "active")], limit=size, order="id")

        def run(pairings=pairings):
            # never checked: every pairing of the batch is recomputed, changes notified
            pairings.write({"health": False, "health_checked_on": False})
            env.flush_all()
            start = env.cr.sql_log_count
            pairings._mentoring_update_health()
            env.flush_all()
            return env.cr.sql_log_count - start

        ctx.runner.once(run)  # warm-up
        _elapsed, _queries, queries = ctx.runner.once(run)
        counts.append((len(pairings), queries))
    ctx.extra["health_queries"] = counts
    _logger.info("health queries (pairings, queries): %s", counts)


@measure.target(order=70)
def targets(by_name, extra):
    counts = extra.get("health_queries")
    if counts:
        (small, q_small), (large, q_large) = counts[0], counts[-1]
        per_100 = (q_large - q_small) * 100 / max(large - small, 1)
        why = "; ".join(f"{n:,} pairings: {q} queries" for n, q in counts) + (
            f"; growth {per_100:.1f} queries per 100 pairings (the ORM writes rows by batches of 100: the "
            "activities, their followers, the pairings' health)"
        )
        yield Check(
            "health_queries",
            f"health: no query per pairing (growth <= {TARGETS['queries_per_100']} queries per 100 pairings)",
            per_100 <= TARGETS["queries_per_100"],
            why,
        )
