from odoo import fields, models

from .hr_mentoring_program_acknowledgement import PARTICIPANT_ROLES


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    mentoring_anonymous = fields.Boolean(
        string="Anonymous to All but Coordinators",
        default=True,
        help="Mentoring programmes show who answered what only to mentoring coordinators.",
    )

    def _mentoring_questions_by_role(self):
        """{(survey id, role): questions}: what each role is asked in a
        programme's feedback (the questions of that role and those of everyone)."""
        result = {}
        for survey in self:
            questions = survey._prepare_user_input_predefined_questions()
            for role, _label in PARTICIPANT_ROLES:
                result[survey.id, role] = questions.filtered(lambda q, r=role: q.mentoring_role in (False, r))
        return result
