from odoo import api, fields, models

from .hr_mentoring_program_acknowledgement import PARTICIPANT_ROLES
from .hr_mentoring_role_mixin import ALWAYS_WRITABLE


class SurveyQuestion(models.Model):
    """A question (or page) of a survey; those of mentoring programmes'
    surveys are changed by mentoring coordinators only (survey.survey)."""

    _inherit = "survey.question"

    mentoring_role = fields.Selection(
        PARTICIPANT_ROLES,
        string="Asked To",
        help="In a mentoring programme's feedback, only participants of this role get the question (empty: everyone).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        surveys = self.env["survey.survey"].browse({vals["survey_id"] for vals in vals_list if vals.get("survey_id")})
        surveys._mentoring_check_may_change()
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - ALWAYS_WRITABLE:
            surveys = self.survey_id
            if vals.get("survey_id"):
                surveys |= surveys.browse(vals["survey_id"])
            surveys._mentoring_check_may_change()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_mentoring(self):
        self.survey_id._mentoring_check_may_change()
