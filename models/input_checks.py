"""Checks shared by the mentoring models and wizards against hostile or
clumsy input: names without bound, dates out of any sane range, searches the
computed fields do not understand. Plain functions, so that a model only
imports what it uses."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

# dates a user may give: at most this many years from today, either way
DATE_WINDOW_YEARS = 10
# the longest plan: as many working days as the window holds
PLAN_MAX_WORKING_DAYS = DATE_WINDOW_YEARS * 260
# names a user types: titles, not texts
NAME_MAX_LENGTH = 256
# day counts of the company settings (reminders, escalation)
SETTING_MAX_DAYS = 365


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
