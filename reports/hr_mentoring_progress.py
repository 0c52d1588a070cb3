from odoo import fields, models, tools


class HrMentoringProgress(models.Model):
    """Each mentee's ratings per criterion over time: one row per submitted
    rating of a mentee, with the first rating of the same criterion by the
    same source and the change since then."""

    _name = "hr.mentoring.progress"
    _description = "Mentee Progress"
    _auto = False
    _order = "date desc, id desc"
    _inherit = ["hr.mentoring.role.mixin"]
    _rec_names_search = ["mentee_id.name", "criterion_id.name"]
    _mentoring_pairing_path = "pairing_id"

    evaluation_id = fields.Many2one("hr.mentoring.evaluation", readonly=True)
    pairing_id = fields.Many2one("hr.mentoring.pairing", readonly=True)
    program_id = fields.Many2one("hr.mentoring.program", string="Programme", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    mentee_id = fields.Many2one("hr.employee", readonly=True)
    mentor_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    criterion_id = fields.Many2one("hr.mentoring.criterion", readonly=True)
    kind = fields.Selection(
        [("mentor_on_mentee", "Mentor"), ("self", "Self"), ("coordinator_on_mentee", "Coordinator")],
        string="Rated By",
        readonly=True,
    )
    date = fields.Date(readonly=True)
    value = fields.Integer(string="Level", readonly=True, aggregator="avg")
    score = fields.Float(readonly=True, aggregator="avg", digits=(5, 1))
    first_score = fields.Float(readonly=True, aggregator="avg", digits=(5, 1))
    score_change = fields.Float(string="Change Since First", readonly=True, aggregator="avg", digits=(5, 1))
    is_latest = fields.Boolean(string="Latest Rating", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT l.id,
                       l.evaluation_id,
                       l.pairing_id,
                       l.program_id,
                       l.company_id,
                       l.mentee_id,
                       l.mentor_id,
                       l.department_id,
                       l.criterion_id,
                       l.kind,
                       l.date,
                       l.value,
                       l.score,
                       first_value(l.score) OVER w_asc AS first_score,
                       l.score - first_value(l.score) OVER w_asc AS score_change,
                       row_number() OVER w_desc = 1 AS is_latest
                  FROM hr_mentoring_evaluation_line l
                 WHERE l.subject = 'mentee'
                   AND l.state IN ('submitted', 'acknowledged')
                   AND l.level_id IS NOT NULL
                WINDOW w_asc AS (PARTITION BY l.pairing_id, l.criterion_id, l.kind ORDER BY l.date, l.id),
                       w_desc AS (PARTITION BY l.pairing_id, l.criterion_id, l.kind ORDER BY l.date DESC, l.id DESC)
            )
            """  # noqa: S608 - the table name is the model's
        )
