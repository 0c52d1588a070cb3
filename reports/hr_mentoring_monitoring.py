from odoo import fields, models, tools

# where the programme does not take hold: a row needs attention when
# its on-time feedback or its integration rate is below these (percent)
ON_TIME_ATTENTION = 70.0
INTEGRATION_ATTENTION = 50.0


class HrMentoringMonitoring(models.Model):
    """Monitoring the impact across the organisation: one row per
    programme and mentee's department, over the pairings that started (active
    or done).

    - on-time feedback: the pairings' feedback events done on or before their
      due date, out of those due (done or missed), as on the pairing;
    - mentee progress: the average change of each criterion's latest rating
      since its first (hr.mentoring.progress, latest rows), and the latest score;
    - integration reached: the pairings whose integration checklist is all met,
      out of the pairings with a checklist;
    - survey satisfaction: the average numeric answer (a numerical box's value,
      or a suggested answer's score) of the finished feedback surveys of the
      programme, by the respondent's employee department;
    - goals: the mentees' goals agreed on (agreed or reached), those reached,
      and their average progress (0-100).

    Rates of a group in the pivot are the average of its rows' rates.
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
    pairing_count = fields.Integer(string="Pairings", readonly=True)
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
    survey_responses = fields.Integer(string="Survey Answers", readonly=True)
    satisfaction = fields.Float(string="Survey Satisfaction", readonly=True, aggregator="avg", digits=(5, 2))
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

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                WITH progress AS (
                    SELECT pr.pairing_id, avg(pr.score_change) AS score_change, avg(pr.score) AS score
                      FROM hr_mentoring_progress pr
                     WHERE pr.is_latest
                  GROUP BY pr.pairing_id
                ),
                goals AS (
                    SELECT g.pairing_id,
                           count(*) AS goal_count,
                           count(*) FILTER (WHERE g.state = 'reached') AS goal_reached_count,
                           sum(g.progress) AS goal_progress_sum
                      FROM hr_mentoring_goal g
                     WHERE g.state IN ('agreed', 'reached')
                  GROUP BY g.pairing_id
                ),
                satisfaction AS (
                    SELECT ui.mentoring_program_id AS program_id,
                           e.department_id,
                           count(DISTINCT ui.id) AS responses,
                           avg(COALESCE(l.value_numerical_box, sa.answer_score)) AS satisfaction
                      FROM survey_user_input ui
                      JOIN hr_mentoring_program prog ON prog.id = ui.mentoring_program_id
                      JOIN res_users u ON u.partner_id = ui.partner_id
                      JOIN hr_employee e ON e.user_id = u.id AND e.company_id = prog.company_id AND e.active
                      JOIN survey_user_input_line l ON l.user_input_id = ui.id AND NOT COALESCE(l.skipped, FALSE)
                 LEFT JOIN survey_question_answer sa ON sa.id = l.suggested_answer_id
                     WHERE ui.state = 'done'
                       AND COALESCE(l.value_numerical_box, sa.answer_score) IS NOT NULL
                  GROUP BY ui.mentoring_program_id, e.department_id
                ),
                rows AS (
                    SELECT min(p.id) AS id,
                           p.program_id,
                           p.company_id,
                           p.department_id,
                           count(*) AS pairing_count,
                           count(*) FILTER (WHERE p.state = 'done') AS pairing_done_count,
                           sum(COALESCE(p.feedback_due_count, 0)) AS feedback_due,
                           sum(COALESCE(p.feedback_on_time_count, 0)) AS feedback_on_time,
                           avg(pg.score_change) AS mentee_progress,
                           avg(pg.score) AS mentee_score,
                           count(*) FILTER (WHERE p.integration_check_count > 0) AS integration_checked_count,
                           count(*) FILTER (WHERE p.integration_reached) AS integration_reached_count,
                           sum(COALESCE(gl.goal_count, 0)) AS goal_count,
                           sum(COALESCE(gl.goal_reached_count, 0)) AS goal_reached_count,
                           sum(gl.goal_progress_sum) / NULLIF(sum(COALESCE(gl.goal_count, 0)), 0) AS goal_progress
                      FROM hr_mentoring_pairing p
                 LEFT JOIN progress pg ON pg.pairing_id = p.id
                 LEFT JOIN goals gl ON gl.pairing_id = p.id
                     WHERE p.state IN ('active', 'done')
                  GROUP BY p.program_id, p.company_id, p.department_id
                )
                SELECT r.*,
                       COALESCE(s.responses, 0) AS survey_responses,
                       s.satisfaction,
                       COALESCE(r.on_time_rate < %s, FALSE)
                           OR COALESCE(r.integration_rate < %s, FALSE) AS needs_attention
                  FROM (
                        SELECT rows.*,
                               CASE WHEN rows.feedback_due > 0
                                    THEN 100.0 * rows.feedback_on_time / rows.feedback_due END AS on_time_rate,
                               CASE WHEN rows.integration_checked_count > 0
                                    THEN 100.0 * rows.integration_reached_count / rows.integration_checked_count
                               END AS integration_rate,
                               CASE WHEN rows.goal_count > 0
                                    THEN 100.0 * rows.goal_reached_count / rows.goal_count
                               END AS goal_reached_rate
                          FROM rows
                       ) r
             LEFT JOIN satisfaction s
                    ON s.program_id = r.program_id AND s.department_id IS NOT DISTINCT FROM r.department_id
            )
            """,  # noqa: S608 - the table name is the model's
            (ON_TIME_ATTENTION, INTEGRATION_ATTENTION),
        )
