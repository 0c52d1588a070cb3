from markupsafe import Markup

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools.translate import LazyTranslate

from .access_tools import answers_domain, forbidden_answers
from .hr_mentoring_program_acknowledgement import PARTICIPANT_ROLES
from .hr_mentoring_role_mixin import COORDINATOR_GROUP
from .input_checks import boolean_search_domain
from .message_tools import in_lang_of

_lt = LazyTranslate(__name__)

# the participant's activity on the programme, done when they answer
SURVEY_ACTIVITY = "hr_mentoring.mail_activity_type_feedback_survey"


class SurveyUserInput(models.Model):
    """A participant's answer to a mentoring programme's feedback survey.

    Odoo gives the Survey user group to every new internal user, and that
    group reads every answer of unrestricted surveys. ``_search`` and
    ``_check_access`` keep the answers of mentoring programmes to the
    coordinators of the programme's company (``_mentoring_read_domain``), for
    every operation, as a record rule would; respondents answer through their
    token (Survey's controller works as superuser), so they never need to
    read answers.
    """

    _inherit = "survey.user_input"

    mentoring_program_id = fields.Many2one(
        "hr.mentoring.program", string="Mentoring Programme", index="btree_not_null", ondelete="set null"
    )
    mentoring_role = fields.Selection(PARTICIPANT_ROLES)
    mentoring_employee_id = fields.Many2one(
        "hr.employee", string="Participant", index="btree_not_null", ondelete="set null", readonly=True
    )
    mentoring_department_id = fields.Many2one(
        "hr.department",
        string="Participant's Department",
        ondelete="set null",
        readonly=True,
        help="The participant's department when they were invited.",
    )
    mentoring_invite_pending = fields.Boolean(
        string="Invitation to Send", readonly=True, help="The invitation mail is sent by a scheduled action."
    )
    mentoring_can_read = fields.Boolean(compute="_compute_mentoring_can_read", search="_search_mentoring_can_read")

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_mentoring_can_read(self):
        coordinator = self.env.user.has_group(COORDINATOR_GROUP)
        for answer in self:
            # sudo: the company of the programme only, to decide the right
            program = answer.sudo().mentoring_program_id
            answer.mentoring_can_read = not program or (coordinator and program.company_id <= self.env.companies)

    def _search_mentoring_can_read(self, operator, value):
        return boolean_search_domain(self, "mentoring_can_read", operator, value, self._mentoring_read_domain())

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        return super()._search(answers_domain(self, domain), offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        return super()._check_access(operation) or forbidden_answers(self)

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        # the feedback stage counts the programme's completed answers
        answers.filtered(lambda a: a.state == "done").mentoring_program_id._mentoring_update_auto_stages()
        return answers

    def write(self, vals):
        programs = self.mentoring_program_id
        res = super().write(vals)
        if {"state", "mentoring_program_id", "survey_id"} & set(vals):
            (programs | self.mentoring_program_id)._mentoring_update_auto_stages()
        if vals.get("state") == "done":
            self._mentoring_close_survey_activities()
        return res

    @api.model
    def _mentoring_read_domain(self, path="mentoring_program_id"):
        """The answers the current user may read and change: those of no
        mentoring programme, and, for a coordinator, those of the programmes
        of their companies. ``path`` leads to the programme (answer lines
        keep it too)."""
        domain = [(path, "=", False)]
        if self.env.user.has_group(COORDINATOR_GROUP):
            domain = expression.OR([domain, [(f"{path}.company_id", "in", self.env.companies.ids)]])
        return domain

    def _mentoring_send_survey_invitations(self):
        """Mail each answer's personal link, rendered in its recipient's
        language, in batches (``mail.template.send_mail_batch``)."""
        answers = self.filtered("mentoring_invite_pending")
        if not answers:
            return
        by_mail = answers.filtered(lambda a: a.sudo().email)
        template = self.env.ref("hr_mentoring.mail_template_survey_invitation")
        if by_mail:
            # sudo: the mail carries the personal token of each answer
            template.sudo().send_mail_batch(by_mail.ids, email_layout_xmlid="mail.mail_notification_light")
        (answers - by_mail)._mentoring_ask_to_record()
        answers._mentoring_schedule_survey_activities()
        answers.sudo().write({"mentoring_invite_pending": False})

    def _mentoring_schedule_survey_activities(self):
        """The participants with a user account get an activity on the
        programme as well as the mail, in their language, in one batch (one
        per participant and programme); it is done when they answer. Its note
        holds no personal link: whoever reads the programme reads its
        activities (those without a user get a to-do with the link from who
        records for them, _mentoring_ask_to_record)."""
        # sudo: the participants' users and the programmes' activities
        answers = self.sudo().filtered(lambda a: a.mentoring_program_id and a.mentoring_employee_id.user_id)
        if not answers:
            return
        programs = answers.mentoring_program_id
        existing = {
            (activity.res_id, activity.user_id.id) for activity in programs._mentoring_activities(SURVEY_ACTIVITY)
        }
        items = []
        for answer in answers:
            program, user = answer.mentoring_program_id, answer.mentoring_employee_id.user_id
            if (program.id, user.id) in existing:
                continue
            existing.add((program.id, user.id))
            items.append(
                {
                    "record": program,
                    "type": SURVEY_ACTIVITY,
                    "user": user,
                    "summary": _lt("Answer the feedback survey of %(program)s", program=program.name),
                    "note": _lt("Your personal link to the survey is in the invitation e-mail."),
                    "date_deadline": answer.deadline and answer.deadline.date(),
                }
            )
        programs._mentoring_schedule_activities(items)

    def _mentoring_close_survey_activities(self):
        """These answers are done: their participants' survey activities on
        the programme are done too."""
        # sudo: the programmes' activities of the participants who answered
        answers = self.sudo().filtered(lambda a: a.mentoring_program_id and a.mentoring_employee_id.user_id)
        if not answers:
            return
        done = {(a.mentoring_program_id.id, a.mentoring_employee_id.user_id.id) for a in answers}
        activities = answers.mentoring_program_id._mentoring_activities(SURVEY_ACTIVITY).filtered(
            lambda activity: (activity.res_id, activity.user_id.id) in done
        )
        if activities:
            activities.with_context(mentoring_activity_done=True).action_feedback()

    def _mentoring_ask_to_record(self):
        """Participants without an e-mail address answer with someone who
        records their answers: a to-do with the personal link, for the mentor
        of a mentee (on the pairing; the coordinator when the mentor has no
        user either), for the programme's coordinator otherwise (on the
        programme)."""
        if not self:
            return
        # sudo: the to-dos carry the personal link; they go to who acts for the participant
        answers = self.sudo()
        mentee_answers = answers.filtered(lambda a: a.mentoring_role == "mentee")
        pairings = self.env["hr.mentoring.pairing"].sudo()
        if mentee_answers:
            pairings = pairings.search(
                [
                    ("program_id", "in", mentee_answers.mentoring_program_id.ids),
                    ("mentee_id", "in", mentee_answers.mentoring_employee_id.ids),
                    ("state", "in", ("proposed", "active", "done")),
                ],
                order="date_start desc, id desc",
            )
        pairing_of = {}
        for pairing in pairings:
            pairing_of.setdefault((pairing.program_id.id, pairing.mentee_id.id), pairing)
        # one batch per model, each to-do in its assignee's language
        items = {"pairing": [], "program": []}
        for answer in answers:
            program = answer.mentoring_program_id
            pairing = pairing_of.get((program.id, answer.mentoring_employee_id.id))
            user = (pairing and pairing.mentor_id.user_id) or program.coordinator_id
            if not user:
                continue
            env = in_lang_of(answer, user).env
            participant = answer.mentoring_employee_id.name
            items["pairing" if pairing else "program"].append(
                {
                    "record": pairing or program,
                    "type": "mail.mail_activity_data_todo",
                    "user": user,
                    "summary": env._("Record the feedback survey of %(participant)s", participant=participant),
                    "note": Markup("<p>%s</p><p><a href='%s'>%s</a></p>")
                    % (
                        env._(
                            "%(participant)s has no e-mail address: go through the survey with them and record "
                            "their answers through their personal link.",
                            participant=participant,
                        ),
                        answer._mentoring_invitation_link(),
                        answer.survey_id.with_context(lang=env.lang).title,
                    ),
                }
            )
        pairings._mentoring_schedule_activities(items["pairing"])
        answers.mentoring_program_id._mentoring_schedule_activities(items["program"])

    def _mentoring_invitation_link(self):
        self.ensure_one()
        return Markup("%s%s") % (self.survey_id.get_base_url(), self.get_start_url())
