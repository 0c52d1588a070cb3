from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.hr_mentoring_figures import MENTEE_RATING_DOMAIN, domain_sql


class HrMentoringProgress(models.Model):
    """Each mentee's ratings per criterion over time: one row per submitted
    rating of a mentee (MENTEE_RATING_DOMAIN), with the first rating of the
    same criterion by the same source and the change since then."""

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
        # A pairing's ratings share its programme and company: partitioned by
        # them too (the same partitions), the windows let PostgreSQL apply a
        # filter on the programme or the company (the programme form's
        # progress, the record rules) before it sorts, instead of numbering
        # every rating of the database first (benchmarks/RESULTS.md).
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %(table)s AS (
                SELECT id,
                       evaluation_id,
                       pairing_id,
                       program_id,
                       company_id,
                       mentee_id,
                       mentor_id,
                       department_id,
                       criterion_id,
                       kind,
                       date,
                       value,
                       score,
                       first_value(score) OVER w_asc AS first_score,
                       score - first_value(score) OVER w_asc AS score_change,
                       row_number() OVER w_desc = 1 AS is_latest
                  FROM hr_mentoring_evaluation_line
                 WHERE %(rated)s
                WINDOW w_asc AS (PARTITION BY program_id, company_id, pairing_id, criterion_id, kind ORDER BY date, id),
                       w_desc AS (
                           PARTITION BY program_id, company_id, pairing_id, criterion_id, kind
                           ORDER BY date DESC, id DESC
                       )
            )
            """,
                table=SQL.identifier(self._table),
                rated=domain_sql(self.env["hr.mentoring.evaluation.line"], MENTEE_RATING_DOMAIN),
            )
        )
