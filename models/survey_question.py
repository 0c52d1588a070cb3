from odoo import fields, models

from .hr_mentoring_program_acknowledgement import PARTICIPANT_ROLES


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    mentoring_role = fields.Selection(
        PARTICIPANT_ROLES,
        string="Asked To",
        help="In a mentoring programme's feedback, only participants of this role get the question (empty: everyone).",
    )
