from collections import defaultdict

from odoo import api, models
from odoo.tools.misc import formatLang

# One definition of each figure: the pairing, programme and employee forms, the
# reports, the Excel export and the digests all count through this file, and
# every counter opens a list with the same domain.

# a feedback event counts as due once it is done or missed; it is on time when
# it was done on or before its due date (hr.mentoring.event.done_on_time)
FEEDBACK_DUE_DOMAIN = [("event_type", "=", "feedback"), ("state", "in", ("done", "missed"))]
# missed: every event flagged missed, feedback or not
MISSED_DOMAIN = [("state", "=", "missed")]
# progress: the change of each mentee's score since their first evaluation, per
# series (the mentor's ratings, the self-evaluations), read on the latest one
# (hr.mentoring.progress); the mentor's own record counts the mentor's ratings
PROGRESS_DOMAIN = [("is_latest", "=", True)]
MENTOR_RATED_DOMAIN = [("kind", "=", "mentor_on_mentee")]
# the figures of a pairing's plan, stored on the pairing (hr.mentoring.pairing._compute_plan_figures)
PAIRING_PLAN_FIGURES = (
    "event_count",
    "event_done_count",
    "missed_event_count",
    "feedback_due_count",
    "feedback_on_time_count",
    "on_time_rate",
    "next_event_date",
)


def rate(part, whole):
    """``part`` of ``whole`` in percent, or None when there is no whole."""
    return 100.0 * part / whole if whole else None


def compare(value, average, margin):
    """'below', 'above' or '' when ``value`` is well away from ``average``
    (the mentors and heads of the programme report)."""
    if value is None or average is None:
        return ""
    if value < average - margin:
        return "below"
    if value > average + margin:
        return "above"
    return ""


# what people see where a figure has no data (nothing due yet): not a zero
NO_DATA = "—"


def percent_label(env, value, whole=1):
    """A rate as shown to people: "—" when there is no data (``whole`` is 0
    or ``value`` None), else "87.5 %" in the user's language."""
    if value is None or not whole:
        return NO_DATA
    return f"{formatLang(env, value, digits=1)} %"


class HrMentoringFigures(models.AbstractModel):
    _name = "hr.mentoring.figures"
    _description = "Mentoring figures (one definition of each)"

    @api.model
    def _mentoring_missed_domain(self):
        return list(MISSED_DOMAIN)

    @api.model
    def _mentoring_feedback_due_domain(self):
        return list(FEEDBACK_DUE_DOMAIN)

    @api.model
    def _mentoring_event_figures(self, domain, groupby):
        """Plan figures of the events in ``domain``, grouped by ``groupby`` (a
        list of event fields), with the reader's rights, in one query.

        Returns ``{key: figures}``, ``key`` the tuple of the group's values
        (records for many2one fields), ``figures`` a dict: ``events`` (not
        cancelled), ``planned``, ``done``, ``missed``, ``cancelled``,
        ``feedback_due``, ``feedback_on_time``, ``on_time_rate`` (None when no
        feedback is due yet) and ``next_date`` (first planned due date or False).
        """
        groups = self.env["hr.mentoring.event"]._read_group(
            domain,
            [*groupby, "state", "event_type", "done_on_time"],
            ["__count", "date_due:min"],
        )
        figures = defaultdict(self._mentoring_empty_event_figures)
        for *key, state, event_type, on_time, count, first_due in groups:
            data = figures[tuple(key)]
            data[state] += count
            if state != "cancelled":
                data["events"] += count
            if event_type == "feedback" and state in ("done", "missed"):
                data["feedback_due"] += count
                data["feedback_on_time"] += count if on_time else 0
            if state == "planned" and (not data["next_date"] or first_due < data["next_date"]):
                data["next_date"] = first_due
        for data in figures.values():
            data["on_time_rate"] = rate(data["feedback_on_time"], data["feedback_due"])
        return figures

    @api.model
    def _mentoring_empty_event_figures(self):
        return {
            "events": 0,
            "planned": 0,
            "done": 0,
            "missed": 0,
            "cancelled": 0,
            "feedback_due": 0,
            "feedback_on_time": 0,
            "on_time_rate": None,
            "next_date": False,
        }

    @api.model
    def _mentoring_progress_figures(self, domain, groupby, mentor_rated=False):
        """{key: (sum, count)} of the mentees' progress in ``domain`` grouped by
        ``groupby`` (fields of hr.mentoring.progress), with the reader's rights;
        the average is ``sum / count``. ``mentor_rated``: the mentor's ratings
        only (a mentor's record: what the mentor saw change)."""
        Progress = self.env["hr.mentoring.progress"]
        # the progress view reads the ratings' table: write pending ratings first
        self.env["hr.mentoring.evaluation.line"].flush_model()
        domain = [*PROGRESS_DOMAIN, *(MENTOR_RATED_DOMAIN if mentor_rated else []), *domain]
        groups = Progress._read_group(domain, groupby, ["score_change:sum", "__count"])
        return {tuple(key): (total or 0.0, count) for *key, total, count in groups}
