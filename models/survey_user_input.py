from odoo import fields, models

from .hr_mentoring_program_acknowledgement import PARTICIPANT_ROLES


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    mentoring_program_id = fields.Many2one(
        "hr.mentoring.program", string="Mentoring Programme", index="btree_not_null", ondelete="set null"
    )
    mentoring_role = fields.Selection(PARTICIPANT_ROLES)


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    mentoring_anonymous = fields.Boolean(
        string="Anonymous to All but Coordinators",
        default=True,
        help="Mentoring programmes show who answered what only to mentoring coordinators.",
    )
