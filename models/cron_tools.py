"""The scheduled actions' batches, run again shortly when a concurrent
transaction updated the same rows."""

import logging
from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace

from psycopg2 import errors

from odoo import fields

_logger = logging.getLogger(__name__)

# what a concurrent transaction on the same rows makes PostgreSQL raise
CONCURRENT_UPDATE_ERRORS = (errors.SerializationFailure, errors.DeadlockDetected, errors.LockNotAvailable)
# how soon a scheduled action runs again after such a conflict
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
        env.ref(cron_xmlid).sudo()._trigger(fields.Datetime.now() + timedelta(minutes=RETRY_MINUTES))
        _logger.info("%s: rows updated concurrently (%s), the batch runs again shortly", cron_xmlid, error.pgcode)
