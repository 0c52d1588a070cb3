"""Read restrictions this module puts on other modules' models, kept in Python.

A record rule on a core model that names this module's fields breaks that model
whenever this module's code is not loaded: Odoo's and OCA's runners test each
module as it loads, before the modules that depend on it, and every search of
the model then fails on the unknown field. The same restriction written as
``_search`` and ``_check_access`` overrides (these two functions) applies
exactly where a record rule would, and only while this module's code is loaded.
"""

from odoo.exceptions import AccessError
from odoo.osv import expression


def restricted_domain(records, domain, restriction):
    """``domain`` within ``restriction``, unless the environment is superuser
    (where record rules do not apply either)."""
    if records.env.su:
        return domain
    return expression.AND([list(domain or []), restriction])


def forbidden_outside(records, restriction, message):
    """``(forbidden records, error factory)`` for the records outside
    ``restriction``, as ``_check_access`` returns them, or None."""
    if records.env.su or not any(records._ids):
        return None
    # sudo: ``restriction`` was built for the current user; evaluate it on these ids only
    inside = records.sudo().search(expression.AND([[("id", "in", records.ids)], restriction]))
    forbidden = records - records.browse(inside.ids)
    if not forbidden:
        return None
    return forbidden, lambda: AccessError(message)


def answers_domain(records, domain):
    """``domain`` within the answers of feedback surveys (``survey.user_input``
    or its lines) the current user may read: ``_mentoring_read_domain``."""
    return restricted_domain(records, domain, records._mentoring_read_domain())


def forbidden_answers(records):
    """``_check_access``'s answer for the answers of feedback surveys (or
    their lines) outside ``_mentoring_read_domain``: those of a mentoring
    programme go to its coordinators only."""
    return forbidden_outside(
        records,
        records._mentoring_read_domain(),
        records.env._("The answers given in a mentoring programme are read by its coordinators only."),
    )
