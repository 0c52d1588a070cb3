from odoo import api, fields, models

from .access_tools import answers_domain, forbidden_answers


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    # stored for the programme's results, read in a few read_group
    mentoring_program_id = fields.Many2one(
        related="user_input_id.mentoring_program_id", store=True, index="btree_not_null"
    )
    mentoring_role = fields.Selection(related="user_input_id.mentoring_role", store=True)
    mentoring_department_id = fields.Many2one(related="user_input_id.mentoring_department_id", store=True)
    # the one satisfaction figure of the programmes averages this
    # (hr.mentoring.figures: SATISFACTION_DOMAIN, _satisfaction_figures)
    mentoring_satisfaction = fields.Float(
        string="Satisfaction (0-100)",
        compute="_compute_mentoring_satisfaction",
        store=True,
        aggregator="avg",
        help="A mentoring feedback survey's scale answer, from 0 at the scale's minimum to 100 at its maximum.",
    )

    @api.depends("answer_type", "value_scale", "question_id.scale_min", "question_id.scale_max", "mentoring_program_id")
    def _compute_mentoring_satisfaction(self):
        for line in self:
            question = line.question_id
            if line.mentoring_program_id and line.answer_type == "scale" and question.scale_max > question.scale_min:
                line.mentoring_satisfaction = (
                    100.0 * (line.value_scale - question.scale_min) / (question.scale_max - question.scale_min)
                )
            else:
                line.mentoring_satisfaction = 0.0

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        return super()._search(answers_domain(self, domain), offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        """The lines of a mentoring programme's answers follow their answer."""
        return super()._check_access(operation) or forbidden_answers(self)

    @api.model
    def _mentoring_read_domain(self):
        return self.env["survey.user_input"]._mentoring_read_domain(path="mentoring_program_id")
