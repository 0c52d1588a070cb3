from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL
from odoo.tools.misc import formatLang

# One definition of each figure: a domain, and one function that counts it.
# The pairing, programme and employee forms, their buttons, the reports, the
# Excel export, the digests and the SQL view of the Monitoring report (through
# domain_sql/domain_query) all count through this file, and every counter
# opens a list with the same domain.

# events due so far: done or missed (the on-time rate, the heads' reviews)
DUE_STATES = ("done", "missed")
DUE_DOMAIN = [("state", "in", DUE_STATES)]
# on-time rate: the feedback events due so far, and those of them done on or
# before their due date (hr.mentoring.event.done_on_time)
FEEDBACK_TYPE = "feedback"
FEEDBACK_DUE_DOMAIN = [("event_type", "=", FEEDBACK_TYPE), *DUE_DOMAIN]
ON_TIME_DOMAIN = [("done_on_time", "=", True)]
# missed: the events flagged missed and not settled since (an event explained
# as done late or cancelled is no longer missed; a rescheduled one stays
# missed beside its new date), feedback or not
MISSED_DOMAIN = [("state", "=", "missed")]
# missed events nobody explained yet
UNEXPLAINED_DOMAIN = [*MISSED_DOMAIN, ("missed_reason_category", "=", False)]
# the events that were flagged missed at some time, settled since or not: the
# missed events with their reasons, as a pairing's progress report lists them
MISSED_HISTORY_DOMAIN = ["|", *MISSED_DOMAIN, ("missed_on", "!=", False)]
# a rating counts once its evaluation is submitted (a draft is its evaluator's)
SUBMITTED_RATING_DOMAIN = [("state", "in", ("submitted", "acknowledged")), ("level_id", "!=", False)]
# the mentees' ratings (hr.mentoring.evaluation.line), the rows of hr.mentoring.progress
MENTEE_RATING_DOMAIN = [("subject", "=", "mentee"), *SUBMITTED_RATING_DOMAIN]
# progress: the change of each mentee's score since their first evaluation, per
# series (the mentor's ratings, the self-evaluations), read on the latest one
# (hr.mentoring.progress); the mentor's own record counts the mentor's ratings
PROGRESS_DOMAIN = [("is_latest", "=", True)]
MENTOR_RATED_DOMAIN = [("kind", "=", "mentor_on_mentee")]
# integration: the pairings with an integration checklist, and those whose
# mentee meets every criterion of it (hr.mentoring.pairing._compute_integration)
INTEGRATION_CHECKED_DOMAIN = [("integration_check_count", ">", 0)]
INTEGRATION_REACHED_DOMAIN = [*INTEGRATION_CHECKED_DOMAIN, ("integration_reached", "=", True)]
# satisfaction (0-100): the scale answers of the finished feedback surveys
# (test entries left out), each rescaled to 0-100
# (survey.user_input.line.mentoring_satisfaction), averaged
SURVEY_ANSWERED_DOMAIN = [("state", "=", "done"), ("test_entry", "=", False)]
SATISFACTION_DOMAIN = [
    ("answer_type", "=", "scale"),
    ("skipped", "=", False),
    ("user_input_id", "any", SURVEY_ANSWERED_DOMAIN),
]
# goals: the mentees' goals agreed on by mentor and mentee (those reached since
# included), and those reached (hr.mentoring.goal)
GOAL_AGREED_DOMAIN = [("state", "in", ("agreed", "reached"))]
GOAL_REACHED_DOMAIN = [("state", "=", "reached")]
# the figures of a pairing's plan, counted from its events when read (hr.mentoring.pairing._compute_plan_figures)
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


def domain_query(model, domain):
    """The query of ``domain`` on ``model`` (its table aliased by its own
    name), without record rules and archived records included: the SELECT of
    a SQL view that counts a figure with the figure's domain."""
    return model.sudo().with_context(active_test=False)._where_calc(domain)


def domain_sql(model, domain):
    """The SQL condition of ``domain`` on ``model``'s table, aliased by its
    own name (``"hr_mentoring_pairing"."integration_reached" = TRUE``): the
    FILTER of a SQL view that counts a figure with the figure's domain."""
    query = domain_query(model, domain)
    if query.from_clause.code != SQL.identifier(model._table).code:
        raise ValueError(f"the domain {domain} needs a join: use domain_query")
    return query.where_clause


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
        cancelled), ``planned``, ``done``, ``missed`` (MISSED_DOMAIN),
        ``cancelled``, ``feedback_due`` (FEEDBACK_DUE_DOMAIN),
        ``feedback_on_time`` (and ON_TIME_DOMAIN), ``on_time_rate`` (None when
        no feedback is due yet) and ``next_date`` (first planned due date or
        False).
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
            # the groups of FEEDBACK_DUE_DOMAIN, and of ON_TIME_DOMAIN within them
            if event_type == FEEDBACK_TYPE and state in DUE_STATES:
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

    @api.model
    def _integration_figures(self, domain, groupby):
        """{key: (reached, checked)}: the pairings in ``domain`` with an
        integration checklist (INTEGRATION_CHECKED_DOMAIN), and how many of them
        reached integration (INTEGRATION_REACHED_DOMAIN), grouped by ``groupby``
        (pairing fields), with the reader's rights, in one query; the rate is
        ``rate(reached, checked)``."""
        groups = self.env["hr.mentoring.pairing"]._read_group(
            [*INTEGRATION_CHECKED_DOMAIN, *domain], [*groupby, "integration_reached"], ["__count"]
        )
        figures = defaultdict(lambda: (0, 0))
        for *key, reached, count in groups:
            done, checked = figures[tuple(key)]
            figures[tuple(key)] = (done + (count if reached else 0), checked + count)
        return figures

    @api.model
    def _satisfaction_figures(self, domain, groupby):
        """{key: (average, lines)}: the satisfaction (0-100) of the feedback
        survey answer lines in ``domain`` (SATISFACTION_DOMAIN), grouped by
        ``groupby`` (fields of survey.user_input.line), and the number of
        lines it averages; one query.

        Read as superuser: survey answers are read by the Survey app's users
        only. The caller decides first who may see them
        (hr.mentoring.program._mentoring_survey_readers).
        """
        groups = (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                [*SATISFACTION_DOMAIN, *domain],
                groupby,
                ["mentoring_satisfaction:avg", "__count"],
            )
        )
        return {tuple(key): (average, count) for *key, average, count in groups if count}
