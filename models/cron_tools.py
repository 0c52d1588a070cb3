"""The scheduled actions' batches: the rows each batch claims, its progress,
and the batch run again shortly when a concurrent transaction updated the same
rows."""

import logging
from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace

from psycopg2 import errors

from odoo import api, fields
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# what a concurrent transaction on the same rows makes PostgreSQL raise
CONCURRENT_UPDATE_ERRORS = (errors.SerializationFailure, errors.DeadlockDetected, errors.LockNotAvailable)
# how soon a scheduled action runs again after such a conflict, or to take
# the rows that users held during its run
RETRY_MINUTES = 1


@contextmanager
def retry_later(env, cron_xmlid):
    """Run one batch of a scheduled action in a savepoint. When a user's
    transaction updated the same rows meanwhile (a serialization failure under
    PostgreSQL's repeatable read, or a deadlock), only the batch is undone:
    the scheduler is asked to run ``cron_xmlid`` again in a minute, and the
    job ends without an error (Odoo retries requests, not scheduled actions,
    and deactivates an action that keeps failing). The context value says
    whether the batch was ``undone`` (its results are then void)."""
    batch = SimpleNamespace(undone=False)
    try:
        with env.cr.savepoint():
            yield batch
    except CONCURRENT_UPDATE_ERRORS as error:
        batch.undone = True
        env.invalidate_all()
        run_again_shortly(env, cron_xmlid)
        _logger.info("%s: rows updated concurrently (%s), the batch runs again shortly", cron_xmlid, error.pgcode)


def run_batch(model, cron_xmlid, batch_method, batch_size):
    """A scheduled action's entry point: one batch, ``batch_method(batch_size)``,
    in ``retry_later``. Returns what the batch processed, or an empty recordset
    of ``model`` when the batch was undone (it runs again shortly)."""
    with retry_later(model.env, cron_xmlid) as batch:
        done = batch_method(batch_size)
    return model.browse() if batch.undone else done


def batch_entry(cron_xmlid, batch_method_name, default_batch_size):
    """The method a scheduled action calls, as a class attribute: one batch of
    the model's ``batch_method_name`` through ``run_batch``, which runs it
    again shortly when users updated the same rows meanwhile."""

    @api.model
    def entry(self, batch_size=default_batch_size):
        return run_batch(self, cron_xmlid, getattr(self, batch_method_name), batch_size)

    entry.__doc__ = f"The scheduled action {cron_xmlid}: one batch of {batch_method_name}."
    return entry


def execute_claim(env, query, params=None):
    """Execute ``query``, the statement that claims a batch's rows with
    ``FOR NO KEY UPDATE ... SKIP LOCKED`` (why: hr.mentoring.event.
    _mentoring_flag_missed_events), and return its rows. PostgreSQL refuses
    the claim of a row that a user's transaction changed after this one's
    snapshot was taken: an expected outcome, not an error of the query, so
    the cursor does not log it; retry_later undoes the batch and runs it
    again shortly."""
    env.cr.execute(query, params, log_exceptions=False)
    return env.cr.fetchall()


def claim(records, domain, limit, order="id"):
    """The records of ``records``' model matching ``domain`` (at most
    ``limit``, in ``order``) that no other transaction is writing, locked for
    this batch until it commits; the others are left to the next run. Searched
    with ``records``' environment: pass a sudo model in the scheduled actions."""
    if limit <= 0:
        return records.browse()
    query = records._search(domain, order=order, limit=limit)
    sql = SQL("%s FOR NO KEY UPDATE OF %s SKIP LOCKED", query.select(), SQL.identifier(records._table))
    records.env.flush_query(sql)
    return records.browse([row[0] for row in execute_claim(records.env, sql)])


def report_progress(env, cron_xmlid, done, remaining):
    """Tell the scheduler how far the batch went: it calls the action again
    while some rows remain. When none could be taken because users held them
    all, the scheduler would stop: the action is then asked to run again
    shortly."""
    env["ir.cron"]._notify_progress(done=done, remaining=remaining)
    if remaining and not done:
        run_again_shortly(env, cron_xmlid)


def run_again_shortly(env, cron_xmlid):
    env.ref(cron_xmlid).sudo()._trigger(fields.Datetime.now() + timedelta(minutes=RETRY_MINUTES))
