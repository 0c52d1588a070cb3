from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .hr_mentoring_figures import percent_label
from .hr_mentoring_program_acknowledgement import PARTICIPANT_ROLES
from .hr_mentoring_tools import window_action

# invitations sent at once; beyond this the scheduled action sends them by batches
SURVEY_SYNC_LIMIT = 100
SURVEY_CRON_BATCH_SIZE = 200
SURVEY_DEADLINE_DAYS = 14
NUMERIC_TYPES = ("scale", "numerical_box")
TEXT_TYPES = ("text_box", "char_box")


def _rescaled(question, average):
    """An average answer to a scale question, on 0-100."""
    return 100.0 * (average - question.scale_min) / (question.scale_max - question.scale_min)


class HrMentoringProgram(models.Model):
    """The pilot's feedback, collected with Odoo's Survey app (seed 000, stages 9-10).

    Each participant (mentee, mentor, department head) gets a personal
    ``survey.user_input`` of the programme's survey, with the questions of
    their role only (``predefined_question_ids``), and a mail with their link.
    The answers are read back per role on the programme's Feedback page.
    """

    _inherit = "hr.mentoring.program"

    def _default_survey_id(self):
        return self.env.ref("hr_mentoring.survey_pilot_feedback", raise_if_not_found=False)

    survey_id = fields.Many2one(default=_default_survey_id)
    survey_deadline = fields.Date(
        string="Answer By",
        default=lambda self: fields.Date.context_today(self) + timedelta(days=SURVEY_DEADLINE_DAYS),
        help="The last day participants may answer the feedback survey sent from now on.",
    )
    survey_invite_count = fields.Integer(string="Invited", compute="_compute_survey_counts")
    survey_done_count = fields.Integer(string="Answered", compute="_compute_survey_counts")
    survey_can_send = fields.Boolean(compute="_compute_survey_counts")
    survey_can_see_results = fields.Boolean(compute="_compute_survey_counts")
    survey_results_html = fields.Html(string="Feedback", compute="_compute_survey_results_html", sanitize=False)

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_survey_counts(self):
        coordinator = self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator()
        readable = self._mentoring_survey_readers()
        counts = {}
        if readable:
            # sudo: counting invitations only, for programmes the reader may see results of
            for program, state, count in (
                self.env["survey.user_input"]
                .sudo()
                ._read_group(
                    [("mentoring_program_id", "in", readable.ids), ("test_entry", "=", False)],
                    ["mentoring_program_id", "state"],
                    ["__count"],
                )
            ):
                by_state = counts.setdefault(program.id, {})
                by_state[state] = count
        for program in self:
            by_state = counts.get(program.id, {})
            program.survey_invite_count = sum(by_state.values())
            program.survey_done_count = by_state.get("done", 0)
            program.survey_can_see_results = program in readable
            program.survey_can_send = coordinator and program in readable and program.state != "closed"

    @api.depends_context("uid", "allowed_company_ids", "lang")
    def _compute_survey_results_html(self):
        readable = self._mentoring_survey_readers()
        results = readable._mentoring_survey_results() if readable else {}
        for program in self:
            result = results.get(program.id)
            program.survey_results_html = (
                self.env["ir.qweb"]._render(
                    "hr_mentoring.program_survey_results",
                    {"program": program, "result": result, "roles": PARTICIPANT_ROLES, "percent": self._percent},
                )
                if result
                else False
            )

    def _percent(self, value):
        return percent_label(self.env, value)

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_send_feedback_survey(self):
        """Invite every participant of these programmes to their feedback survey.

        Coordinators only (AccessError otherwise). One personal answer per
        participant, created in one batch; who already has an invitation that
        has not expired is not invited again. The mails are sent at once for
        small programmes, by the scheduled action for large ones.
        """
        self.env["hr.mentoring.role.mixin"]._mentoring_check_coordinator(_("send the feedback survey"))
        self.check_access("write")
        for program in self:
            if not program.survey_id:
                raise UserError(_("Choose the feedback survey of the programme %(name)s first.", name=program.name))
            if not program.survey_id.active:
                raise UserError(_("The survey %(survey)s is archived.", survey=program.survey_id.title))
            if program.state == "closed":
                raise UserError(_("The programme %(name)s is closed: reopen it first.", name=program.name))
        participants = self._mentoring_participants()
        if not any(participants.values()):
            raise UserError(_("Nobody takes part in these programmes yet: propose or start pairings first."))
        answers = self._mentoring_create_survey_answers(participants)
        if len(answers) <= SURVEY_SYNC_LIMIT:
            answers._mentoring_send_survey_invitations()
        else:
            self.env.ref("hr_mentoring.ir_cron_send_survey_invitations")._trigger()
        for program in self:
            count = len(answers.filtered(lambda a, p=program: a.mentoring_program_id == p))
            # a log, not a message: a coordinator without an email address sends the survey too
            program._message_log(body=_("Feedback survey sent to %(count)s participants.", count=count))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if answers else "warning",
                "message": _("%(count)s participants invited.", count=len(answers))
                if answers
                else _("Every participant already has an invitation."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_open_survey_answers(self):
        """The programme's survey answers, the ones its button counts
        (answered / invited): Odoo Survey's own list of participations."""
        self.ensure_one()
        self.env["hr.mentoring.role.mixin"]._mentoring_check_coordinator(_("see the survey's answers"))
        return window_action(
            self,
            "survey.action_survey_user_input",
            [("mentoring_program_id", "=", self.id), ("test_entry", "=", False)],
            {"create": False},
        )

    def action_open_survey_results(self):
        """The survey's own results page in the Survey app (coordinators, who are Survey users)."""
        self.ensure_one()
        self.env["hr.mentoring.role.mixin"]._mentoring_check_coordinator(_("see the survey's results"))
        if not self.survey_id:
            raise UserError(_("The programme %(name)s has no feedback survey.", name=self.name))
        return self.survey_id.action_result_survey()

    # ------------------------------------------------------------------
    # invitations
    # ------------------------------------------------------------------

    def _mentoring_create_survey_answers(self, participants):
        """Create the personal answers of the participants not invited yet, in one ``create``."""
        now = fields.Datetime.now()
        # sudo: the coordinator invites whoever takes part; survey rights are not theirs to hold
        UserInput = self.env["survey.user_input"].sudo()
        existing = UserInput.search_fetch(
            [
                ("mentoring_program_id", "in", self.ids),
                ("test_entry", "=", False),
                "|",
                "|",
                ("state", "=", "done"),
                ("deadline", "=", False),
                ("deadline", ">=", now),
            ],
            ["mentoring_program_id", "survey_id", "mentoring_employee_id"],
        )
        invited = {(a.mentoring_program_id.id, a.survey_id.id, a.mentoring_employee_id.id) for a in existing}
        questions = self.survey_id._mentoring_questions_by_role()
        # the participants' contacts in two reads, not one per participant
        employees = UserInput.env["hr.employee"].browse(
            {employee.id for by_program in participants.values() for employee in by_program}
        )
        employees.fetch(["name", "work_email", "work_contact_id", "user_id", "department_id"])
        (employees.work_contact_id | employees.user_id.partner_id).fetch(["email"])
        vals_list = []
        for program in self:
            deadline = datetime.combine(program.survey_deadline, time.max) if program.survey_deadline else False
            survey = program.survey_id
            for participant, role in participants.get(program.id, {}).items():
                employee = participant.sudo()
                partner = employee.work_contact_id or employee.user_id.partner_id
                if not partner or (program.id, survey.id, employee.id) in invited:
                    continue
                vals_list.append(
                    {
                        "survey_id": survey.id,
                        "partner_id": partner.id,
                        "email": partner.email or employee.work_email,
                        "nickname": employee.name,
                        "deadline": deadline and deadline.replace(microsecond=0),
                        "mentoring_program_id": program.id,
                        "mentoring_role": role,
                        "mentoring_employee_id": employee.id,
                        "mentoring_department_id": employee.department_id.id,
                        "mentoring_invite_pending": True,
                        "predefined_question_ids": [fields.Command.set(questions[survey.id, role].ids)],
                    }
                )
        # no chatter bookkeeping on the answers (the sender as follower, the
        # auto-subscriptions, a creation note): mail.thread does it record by
        # record, two queries per participant, and nobody follows an answer
        return UserInput.with_context(tracking_disable=True).create(vals_list)

    @api.model
    def _cron_send_survey_invitations(self, batch_size=SURVEY_CRON_BATCH_SIZE):
        """Send the pending invitations of large programmes, ``batch_size`` at a time."""
        UserInput = self.env["survey.user_input"].sudo()
        domain = [("mentoring_invite_pending", "=", True)]
        answers = UserInput.search(domain, limit=batch_size, order="id")
        answers._mentoring_send_survey_invitations()
        remaining = UserInput.search_count(domain) if len(answers) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(answers), remaining=remaining)
        return answers

    # ------------------------------------------------------------------
    # results
    # ------------------------------------------------------------------

    def _mentoring_survey_readers(self):
        """The programmes of ``self`` whose feedback the user may see:
        coordinators for their companies' programmes, department heads for
        the programmes with a pairing in their departments (aggregated)."""
        if self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator():
            return self.filtered(lambda p: self.env.su or p.company_id <= self.env.companies)
        departments = self.env["hr.department"]._mentoring_managed_departments()
        if not departments or not self:
            return self.browse()
        # sudo: only which programmes have a pairing in the head's departments
        pairings = (
            self.env["hr.mentoring.pairing"]
            .sudo()
            .search_fetch(
                [
                    ("program_id", "in", self.ids),
                    ("department_id", "child_of", departments.ids),
                    ("state", "!=", "draft"),
                ],
                ["program_id"],
            )
        )
        return self & pairings.program_id.with_env(self.env)

    def _mentoring_check_survey_readers(self):
        readable = self._mentoring_survey_readers()
        if self - readable:
            raise AccessError(
                _("Only mentoring coordinators and the programme's department heads see the feedback survey's results.")
            )
        return readable

    def _mentoring_survey_results(self):
        """The feedback of each programme of ``self``, per role::

            {program id: {"roles": {role: {"invited": n, "done": n, "rate": float | None,
                                           "averages": [(question title, average)],
                                           "comments": [(question title, text, respondent name or False)]}},
                          "satisfaction": float | None}}

        ``rate`` is done / invited in %, ``averages`` the numeric (scale and
        number) questions answered in finished answers, ``satisfaction`` the
        scale answers rescaled to 0-100 and averaged.

        Rights: raises AccessError unless the user is a coordinator of the
        programmes' companies or heads a department with a pairing in each
        programme. Then read as superuser (nobody but the Survey app's users
        reads answers): the answers of people the reader may not read
        otherwise. Respondents' names are given to coordinators only, and to
        heads when the survey is not anonymous. Batched: four queries for any
        number of programmes.
        """
        self._mentoring_check_survey_readers()
        coordinator = self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator()
        result = {
            program.id: {
                "roles": {
                    role: {"invited": 0, "done": 0, "rate": None, "averages": [], "comments": []}
                    for role, _label in PARTICIPANT_ROLES
                },
                "satisfaction": None,
            }
            for program in self
        }
        if not self:
            return result
        # sudo: see the docstring, the reader's rights were checked above
        UserInput = self.env["survey.user_input"].sudo()
        Line = self.env["survey.user_input.line"].sudo()
        base = [("mentoring_program_id", "in", self.ids), ("test_entry", "=", False)]
        for domain, key in ((base, "invited"), ([*base, ("state", "=", "done")], "done")):
            for program, role, count in UserInput._read_group(
                domain, ["mentoring_program_id", "mentoring_role"], ["mentoring_employee_id:count_distinct"]
            ):
                if role in result[program.id]["roles"]:
                    result[program.id]["roles"][role][key] = count
        line_base = [
            ("mentoring_program_id", "in", self.ids),
            ("user_input_id.state", "=", "done"),
            ("user_input_id.test_entry", "=", False),
            ("skipped", "=", False),
        ]
        totals = defaultdict(lambda: [0.0, 0])
        for program, role, question, scale_avg, number_avg, count in Line._read_group(
            [*line_base, ("answer_type", "in", NUMERIC_TYPES)],
            ["mentoring_program_id", "mentoring_role", "question_id"],
            ["value_scale:avg", "value_numerical_box:avg", "__count"],
            order="mentoring_program_id, mentoring_role, question_id",
        ):
            if role not in result[program.id]["roles"]:
                continue
            average = scale_avg if question.question_type == "scale" else number_avg
            result[program.id]["roles"][role]["averages"].append((question.title, average))
            if question.question_type == "scale" and question.scale_max > question.scale_min:
                total = totals[program.id]
                total[0] += count * _rescaled(question, average)
                total[1] += count
        lines = Line.search_fetch(
            [*line_base, ("answer_type", "in", TEXT_TYPES)],
            [
                "mentoring_program_id",
                "mentoring_role",
                "question_id",
                "value_text_box",
                "value_char_box",
                "user_input_id",
            ],
            order="mentoring_program_id, mentoring_role, question_sequence, id",
        )
        for line in lines:
            roles = result[line.mentoring_program_id.id]["roles"]
            if line.mentoring_role not in roles:
                continue
            program = line.mentoring_program_id
            named = coordinator or not program.survey_id.mentoring_anonymous
            answer = line.user_input_id
            name = (answer.mentoring_employee_id.name or answer.partner_id.name) if named else False
            text = line.value_text_box if line.answer_type == "text_box" else line.value_char_box
            roles[line.mentoring_role]["comments"].append((line.question_id.title, text, name))
        for program_id, data in result.items():
            for figures in data["roles"].values():
                if figures["invited"]:
                    figures["rate"] = 100.0 * figures["done"] / figures["invited"]
            total = totals.get(program_id)
            if total and total[1]:
                data["satisfaction"] = total[0] / total[1]
        return result

    def _mentoring_survey_satisfaction_by_department(self):
        """{(program id, department id): satisfaction 0-100} from the finished
        answers' scale questions, by the respondent's department (when invited).

        For the monitoring view: coordinators get every department of their
        companies' programmes, department heads the departments they manage
        (and their sub-departments), others nothing. Read as superuser after
        that filter, in one read_group.
        """
        coordinator = self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator()
        programs = self._mentoring_survey_readers()
        if not programs:
            return {}
        domain = [
            ("mentoring_program_id", "in", programs.ids),
            ("user_input_id.state", "=", "done"),
            ("user_input_id.test_entry", "=", False),
            ("skipped", "=", False),
            ("answer_type", "=", "scale"),
            ("mentoring_department_id", "!=", False),
        ]
        if not coordinator:
            departments = self.env["hr.department"]._mentoring_managed_departments()
            domain.append(("mentoring_department_id", "child_of", departments.ids))
        totals = defaultdict(lambda: [0.0, 0])
        # sudo: answers are read by the Survey app's users only; the reader was filtered above
        for program, department, question, average, count in (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                domain,
                ["mentoring_program_id", "mentoring_department_id", "question_id"],
                ["value_scale:avg", "__count"],
            )
        ):
            if question.scale_max <= question.scale_min:
                continue
            total = totals[program.id, department.id]
            total[0] += count * _rescaled(question, average)
            total[1] += count
        return {key: total / count for key, (total, count) in totals.items() if count}
