from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.hr_mentoring_figures import (
    FEEDBACK_DUE_DOMAIN,
    GOAL_AGREED_DOMAIN,
    GOAL_REACHED_DOMAIN,
    INTEGRATION_CHECKED_DOMAIN,
    INTEGRATION_REACHED_DOMAIN,
    ON_TIME_DOMAIN,
    PROGRESS_DOMAIN,
    SATISFACTION_DOMAIN,
    SURVEY_ANSWERED_DOMAIN,
    domain_query,
    domain_sql,
)

# where the programme does not take hold: a row needs attention when
# its on-time feedback or its integration rate is below these (percent)
ON_TIME_ATTENTION = 70.0
INTEGRATION_ATTENTION = 50.0

# the rates of a group of rows (a programme, a department across programmes):
# its parts added up, then divided, as on the programme (not the average of
# its rows' rates). {measure: (numerator column, denominator column, factor)}
GROUP_RATES = {
    "on_time_rate:avg": ("feedback_on_time", "feedback_due", 100.0),
    "integration_rate:avg": ("integration_reached_count", "integration_checked_count", 100.0),
    "mentee_progress:avg": ("progress_sum", "progress_count", 1.0),
    "mentee_score:avg": ("score_sum", "progress_count", 1.0),
    "goal_progress:avg": ("goal_progress_sum", "goal_count", 1.0),
    "goal_reached_rate:avg": ("goal_reached_count", "goal_count", 100.0),
}


class HrMentoringMonitoring(models.Model):
    """Monitoring the impact across the organisation: one row per programme
    and mentee's department, over the pairings whose figures the programme
    counts (a department shows once a pairing of it started, or has feedback
    due, ratings or a checklist). Every figure is the programme's own, counted
    with the domains of hr.mentoring.figures compiled into this view:

    - pairings: the active and done ones (``pairing_count``), the done ones;
    - on-time feedback: the pairings' feedback events done on or before their
      due date, out of those due (the pairings' stored plan figures);
    - mentee progress and latest score: the latest rating of each series
      (hr.mentoring.progress), averaged over the ratings;
    - integration reached: the pairings whose integration checklist is all met,
      out of the pairings with a checklist;
    - survey answers and satisfaction: the programme's (the finished feedback
      surveys, and ``survey_satisfaction``), on each row of the programme: the
      survey belongs to the programme, not to a department;
    - goals: the mentees' goals agreed on (agreed or reached), those reached,
      and their average progress (0-100).

    A group of rows adds up its parts before it divides (``_read_group_select``):
    grouped by programme, the pivot shows the programme's own rates.
    """

    _name = "hr.mentoring.monitoring"
    _inherit = ["hr.mentoring.department.mixin"]
    _description = "Mentoring Monitoring"
    _auto = False
    _order = "program_id, department_id"
    _rec_name = "program_id"

    program_id = fields.Many2one("hr.mentoring.program", string="Programme", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    pairing_count = fields.Integer(string="Pairings", readonly=True, help="Active and done pairings.")
    pairing_done_count = fields.Integer(string="Pairings Done", readonly=True)
    feedback_due = fields.Integer(readonly=True)
    feedback_on_time = fields.Integer(readonly=True)
    on_time_rate = fields.Float(string="On-Time Feedback (%)", readonly=True, aggregator="avg", digits=(5, 1))
    mentee_progress = fields.Float(
        readonly=True, aggregator="avg", digits=(5, 1), help="Points since the first rating."
    )
    mentee_score = fields.Float(string="Latest Mentee Score", readonly=True, aggregator="avg", digits=(5, 1))
    integration_checked_count = fields.Integer(string="Checklists", readonly=True)
    integration_reached_count = fields.Integer(string="Integrated", readonly=True)
    integration_rate = fields.Float(string="Integration Reached (%)", readonly=True, aggregator="avg", digits=(5, 1))
    survey_responses = fields.Integer(
        string="Survey Answers",
        readonly=True,
        aggregator="max",
        help="The finished answers to the programme's feedback survey.",
    )
    satisfaction = fields.Float(
        string="Survey Satisfaction",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="The programme's satisfaction, 0 to 100: its participants' answers to the feedback survey's scale "
        "questions, from 0 (each scale's lowest answer) to 100 (its highest), averaged.",
    )
    goal_count = fields.Integer(string="Goals Agreed", readonly=True)
    goal_reached_count = fields.Integer(string="Goals Reached", readonly=True)
    goal_progress = fields.Float(
        string="Goal Progress (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Average progress of the goals agreed on.",
    )
    goal_reached_rate = fields.Float(string="Goals Reached (%)", readonly=True, aggregator="avg", digits=(5, 1))
    needs_attention = fields.Boolean(
        readonly=True,
        help="On-time feedback below 70 % or integration reached below 50 %: the programme does not take hold here.",
    )

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec not in GROUP_RATES:
            return super()._read_group_select(aggregate_spec, query)
        numerator, denominator, factor = GROUP_RATES[aggregate_spec]
        return SQL(
            "%s * SUM(%s) / NULLIF(SUM(%s), 0)",
            factor,
            SQL.identifier(self._table, numerator),
            SQL.identifier(self._table, denominator),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        Pairing = self.env["hr.mentoring.pairing"]
        progress = domain_query(self.env["hr.mentoring.progress"], PROGRESS_DOMAIN)
        progress.groupby = SQL("pairing_id")
        lines = domain_query(
            self.env["survey.user_input.line"], [*SATISFACTION_DOMAIN, ("mentoring_program_id", "!=", False)]
        )
        lines.groupby = SQL("mentoring_program_id")
        answers = domain_query(
            self.env["survey.user_input"], [*SURVEY_ANSWERED_DOMAIN, ("mentoring_program_id", "!=", False)]
        )
        answers.groupby = SQL("mentoring_program_id")
        # the pairings' feedback figures, counted from their events as the pairing counts them
        feedback = domain_query(self.env["hr.mentoring.event"], FEEDBACK_DUE_DOMAIN)
        feedback.groupby = SQL("pairing_id")
        Goal = self.env["hr.mentoring.goal"]
        goals = domain_query(Goal, GOAL_AGREED_DOMAIN)
        goals.groupby = SQL("pairing_id")
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %(table)s AS (
                WITH progress AS (%(progress)s),
                satisfaction AS (%(satisfaction)s),
                answers AS (%(answers)s),
                feedback AS (%(feedback)s),
                goals AS (%(goals)s),
                rows AS (
                    SELECT min(hr_mentoring_pairing.id) AS id,
                           hr_mentoring_pairing.program_id,
                           hr_mentoring_pairing.company_id,
                           hr_mentoring_pairing.department_id,
                           count(*) FILTER (WHERE hr_mentoring_pairing.state IN ('active', 'done')) AS pairing_count,
                           count(*) FILTER (WHERE hr_mentoring_pairing.state = 'done') AS pairing_done_count,
                           sum(COALESCE(f.due, 0)) AS feedback_due,
                           sum(COALESCE(f.on_time, 0)) AS feedback_on_time,
                           sum(COALESCE(pg.progress_sum, 0)) AS progress_sum,
                           sum(COALESCE(pg.score_sum, 0)) AS score_sum,
                           sum(COALESCE(pg.progress_count, 0)) AS progress_count,
                           count(*) FILTER (WHERE %(checked)s) AS integration_checked_count,
                           count(*) FILTER (WHERE %(reached)s) AS integration_reached_count,
                           sum(COALESCE(gl.goal_count, 0)) AS goal_count,
                           sum(COALESCE(gl.goal_reached_count, 0)) AS goal_reached_count,
                           sum(COALESCE(gl.goal_progress_sum, 0)) AS goal_progress_sum
                      FROM hr_mentoring_pairing
                 LEFT JOIN progress pg ON pg.pairing_id = hr_mentoring_pairing.id
                 LEFT JOIN feedback f ON f.pairing_id = hr_mentoring_pairing.id
                 LEFT JOIN goals gl ON gl.pairing_id = hr_mentoring_pairing.id
                  GROUP BY hr_mentoring_pairing.program_id,
                           hr_mentoring_pairing.company_id,
                           hr_mentoring_pairing.department_id
                )
                SELECT r.*,
                       COALESCE(a.responses, 0) AS survey_responses,
                       s.satisfaction,
                       COALESCE(r.on_time_rate < %(on_time_attention)s, FALSE)
                           OR COALESCE(r.integration_rate < %(integration_attention)s, FALSE) AS needs_attention
                  FROM (
                        SELECT rows.*,
                               CASE WHEN rows.feedback_due > 0
                                    THEN 100.0 * rows.feedback_on_time / rows.feedback_due END AS on_time_rate,
                               CASE WHEN rows.progress_count > 0
                                    THEN rows.progress_sum / rows.progress_count END AS mentee_progress,
                               CASE WHEN rows.progress_count > 0
                                    THEN rows.score_sum / rows.progress_count END AS mentee_score,
                               CASE WHEN rows.integration_checked_count > 0
                                    THEN 100.0 * rows.integration_reached_count / rows.integration_checked_count
                               END AS integration_rate,
                               CASE WHEN rows.goal_count > 0
                                    THEN rows.goal_progress_sum / rows.goal_count END AS goal_progress,
                               CASE WHEN rows.goal_count > 0
                                    THEN 100.0 * rows.goal_reached_count / rows.goal_count
                               END AS goal_reached_rate
                          FROM rows
                         WHERE rows.pairing_count > 0
                            OR rows.feedback_due > 0
                            OR rows.progress_count > 0
                            OR rows.integration_checked_count > 0
                            OR rows.goal_count > 0
                       ) r
             LEFT JOIN satisfaction s ON s.program_id = r.program_id
             LEFT JOIN answers a ON a.program_id = r.program_id
            )
            """,
                table=SQL.identifier(self._table),
                progress=progress.select(
                    SQL("pairing_id"),
                    SQL("sum(score_change) AS progress_sum"),
                    SQL("sum(score) AS score_sum"),
                    SQL("count(*) AS progress_count"),
                ),
                satisfaction=lines.select(
                    SQL("mentoring_program_id AS program_id"),
                    SQL("avg(mentoring_satisfaction) AS satisfaction"),
                ),
                answers=answers.select(SQL("mentoring_program_id AS program_id"), SQL("count(*) AS responses")),
                feedback=feedback.select(
                    SQL("pairing_id"),
                    SQL("count(*) AS due"),
                    SQL(
                        "count(*) FILTER (WHERE %s) AS on_time",
                        domain_sql(self.env["hr.mentoring.event"], ON_TIME_DOMAIN),
                    ),
                ),
                goals=goals.select(
                    SQL("pairing_id"),
                    SQL("count(*) AS goal_count"),
                    SQL("count(*) FILTER (WHERE %s) AS goal_reached_count", domain_sql(Goal, GOAL_REACHED_DOMAIN)),
                    SQL("sum(progress) AS goal_progress_sum"),
                ),
                checked=domain_sql(Pairing, INTEGRATION_CHECKED_DOMAIN),
                reached=domain_sql(Pairing, INTEGRATION_REACHED_DOMAIN),
                on_time_attention=ON_TIME_ATTENTION,
                integration_attention=INTEGRATION_ATTENTION,
            )
        )
