from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .hr_mentoring_program_acknowledgement import PARTICIPANT_ROLES
from .hr_mentoring_role_mixin import ALWAYS_WRITABLE

PILOT_SURVEY_XMLID = "hr_mentoring.survey_pilot_feedback"


class SurveySurvey(models.Model):
    """The feedback surveys of mentoring programmes: the module's pilot survey
    and every survey a programme links. Odoo makes every new internal user a
    Survey user, and Survey users edit every unrestricted survey; these
    surveys, their anonymity (which decides whether department heads read
    the respondents' names next to their comments) and their questions are
    changed by mentoring coordinators only."""

    _inherit = "survey.survey"

    mentoring_anonymous = fields.Boolean(
        string="Anonymous to All but Coordinators",
        default=True,
        copy=False,
        help="Mentoring programmes show who answered what only to mentoring coordinators.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any("mentoring_anonymous" in vals and not vals["mentoring_anonymous"] for vals in vals_list):
            self._mentoring_check_may_change(("mentoring_anonymous",))
        return super().create(vals_list)

    def write(self, vals):
        self._mentoring_check_may_change(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_mentoring(self):
        self._mentoring_check_may_change()

    def _mentoring_program_surveys(self):
        """The surveys of ``self`` that mentoring programmes collect their feedback with."""
        if not self:
            return self
        pilot = self.env.ref(PILOT_SURVEY_XMLID, raise_if_not_found=False) or self.browse()
        # sudo: which programmes (of any company, archived too) link these surveys, whoever asks
        programs = (
            self.env["hr.mentoring.program"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("survey_id", "in", self.ids)], ["survey_id"])
        )
        return self & (programs.survey_id | pilot).with_env(self.env)

    def _mentoring_check_may_change(self, fnames=None):
        """Raise AccessError unless the user may change ``fnames`` of these
        surveys (every field when None): the anonymity flag and the
        programmes' surveys are mentoring coordinators' (the ORM and the
        chatter keep writing their bookkeeping fields for everyone)."""
        if self.env.su or self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator():
            return
        if fnames is not None:
            fnames = set(fnames) - ALWAYS_WRITABLE
            if not fnames:
                return
            if "mentoring_anonymous" in fnames:
                raise AccessError(
                    _("Only mentoring coordinators decide whether a survey's answers are anonymous to all but them.")
                )
        surveys = self._mentoring_program_surveys()
        if surveys:
            raise AccessError(
                _(
                    "Only mentoring coordinators may change the survey %(survey)s: mentoring programmes collect "
                    "their participants' feedback with it.",
                    survey=surveys[0].title,
                )
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
