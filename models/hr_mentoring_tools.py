"""Checks shared by the mentoring models and wizards against hostile or
clumsy input: names without bound, dates out of any sane range, searches the
computed fields do not understand. Plain functions, so that a model only
imports what it uses."""

import logging
from contextlib import contextmanager
from datetime import date, timedelta
from types import SimpleNamespace

from dateutil.relativedelta import relativedelta
from markupsafe import Markup
from psycopg2 import errors

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

_logger = logging.getLogger(__name__)

# dates a user may give: at most this many years from today, either way
DATE_WINDOW_YEARS = 10
# the longest plan: as many working days as the window holds
PLAN_MAX_WORKING_DAYS = DATE_WINDOW_YEARS * 260
# names a user types: titles, not texts
NAME_MAX_LENGTH = 256
# day counts of the company settings (reminders, escalation)
SETTING_MAX_DAYS = 365
# context key set while a mentoring event and its meeting in the Calendar
# follow each other: the other side does not follow back
MEETING_SYNC = "mentoring_meeting_sync"


def date_window(today):
    """(first, last) date a user may give, ``today`` being today."""
    return today - relativedelta(years=DATE_WINDOW_YEARS), today + relativedelta(years=DATE_WINDOW_YEARS)


def check_date_window(records, fnames):
    """Raise ValidationError when a date field of ``records`` lies more than
    ``DATE_WINDOW_YEARS`` years from today: such a date is a typo, and the
    working-day computations of the plan do not reach the ends of the calendar."""
    if not records:
        return
    env = records.env
    first, last = date_window(fields.Date.context_today(records))
    for record in records:
        for fname in fnames:
            value = record[fname]
            if value and not first <= value <= last:
                raise ValidationError(
                    env._(
                        "%(field)s %(date)s of a %(model)s is too far from today: "
                        "choose a date between %(first)s and %(last)s.",
                        field=record._fields[fname]._description_string(env),
                        date=value,
                        model=env["ir.model"]._get(records._name).name or records._description,
                        first=first,
                        last=last,
                    )
                )


def shift_days(day, days):
    """``day`` moved by ``days`` days, held at the ends of the calendar
    instead of raising OverflowError."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def check_name_length(records, fnames=("name",), limit=NAME_MAX_LENGTH):
    """Raise ValidationError when a typed name of ``records`` is longer than
    ``limit`` characters (it would end up in file names and mail subjects)."""
    env = records.env
    for record in records:
        for fname in fnames:
            value = record[fname]
            if value and len(value) > limit:
                raise ValidationError(
                    env._(
                        "%(field)s of a %(model)s is %(length)s characters long: keep it to %(limit)s at most.",
                        field=record._fields[fname]._description_string(env),
                        model=env["ir.model"]._get(records._name).name or records._description,
                        length=len(value),
                        limit=limit,
                    )
                )


def boolean_search_domain(model, fname, operator, value, domain):
    """The domain of a search on the computed boolean ``fname`` of ``model``,
    ``domain`` being the records where the field is True.

    Accepts what the web client and RPC send: ``=``/``!=`` with True or False,
    ``in``/``not in`` with a list of booleans. Anything else raises a UserError
    that names the field.
    """
    values = None
    if operator in ("=", "!=") and isinstance(value, bool):
        values = {value}
    elif (
        operator in ("in", "not in")
        and isinstance(value, (list, tuple, set))
        and all(isinstance(item, bool) for item in value)
    ):
        values = set(value)
    if values is None:
        env = model.env
        raise UserError(
            env._(
                "Filter %(field)s with True or False, using =, !=, in or not in.",
                field=model._fields[fname]._description_string(env),
            )
        )
    if operator in ("!=", "not in"):
        values = {True, False} - values
    if values == {True}:
        return domain
    if values == {False}:
        return ["!", *expression.normalize_domain(domain)]
    return expression.TRUE_DOMAIN if values else expression.FALSE_DOMAIN


def in_lang_of(records, user):
    """``records`` in the language of ``user``, who reads what is written for
    them: the scheduled actions run in the cron user's language, their
    messages and activities are for someone else."""
    return records.with_context(lang=user.lang or records.env.lang)


def window_action(record, xml_id, domain=None, context=None):
    """The window action ``xml_id`` that a button of ``record`` opens, with its
    ``domain`` and ``context``: refused, as reading ``record`` would be, to a
    user who may not read it (a caller over RPC learns nothing of it)."""
    record.ensure_one()
    record.check_access("read")
    action = record.env["ir.actions.act_window"]._for_xml_id(xml_id)
    if domain is not None:
        action["domain"] = domain
    if context is not None:
        action["context"] = context
    return action


def log_list(record, title, lines):
    """Log on ``record``'s chatter (a note that notifies nobody) ``title``
    over the bulleted ``lines`` (texts already translated)."""
    items = Markup("").join(Markup("<li>%s</li>") % line for line in lines)
    record._message_log(body=Markup("<p>%s</p><ul>%s</ul>") % (title, items))


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
