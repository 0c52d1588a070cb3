from odoo import fields, models


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    # stored for the programme's results, read in a few read_group
    mentoring_program_id = fields.Many2one(
        related="user_input_id.mentoring_program_id", store=True, index="btree_not_null"
    )
    mentoring_role = fields.Selection(related="user_input_id.mentoring_role", store=True)
    mentoring_department_id = fields.Many2one(related="user_input_id.mentoring_department_id", store=True)
