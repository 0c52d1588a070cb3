from odoo import api, models

from .hr_mentoring_role_mixin import ALWAYS_WRITABLE


class SurveyQuestionAnswer(models.Model):
    """A choice (or matrix row) of a survey question; those of mentoring
    programmes' surveys are changed by mentoring coordinators only (survey.survey)."""

    _inherit = "survey.question.answer"

    @api.model_create_multi
    def create(self, vals_list):
        question_ids = {
            vals.get(fname) for vals in vals_list for fname in ("question_id", "matrix_question_id") if vals.get(fname)
        }
        self.env["survey.question"].browse(question_ids).survey_id._mentoring_check_may_change()
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - ALWAYS_WRITABLE:
            questions = self.question_id | self.matrix_question_id
            for fname in ("question_id", "matrix_question_id"):
                if vals.get(fname):
                    questions |= questions.browse(vals[fname])
            questions.survey_id._mentoring_check_may_change()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_mentoring(self):
        (self.question_id | self.matrix_question_id).survey_id._mentoring_check_may_change()
