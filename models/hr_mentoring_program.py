from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .hr_mentoring_figures import percent_label
from .hr_mentoring_tools import check_date_window, check_name_length, window_action

PROGRAM_STATES = [
    ("draft", "Draft"),
    ("pilot", "Pilot"),
    ("running", "Running"),
    ("closed", "Closed"),
]


class HrMentoringProgram(models.Model):
    _name = "hr.mentoring.program"
    _description = "Mentoring Programme"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    coordinator_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref("hr_mentoring.group_mentoring_coordinator").id)],
        help="Monitors the programme, notifies participants and processes evaluations.",
    )
    state = fields.Selection(PROGRAM_STATES, required=True, default="draft", tracking=True, copy=False)
    is_pilot = fields.Boolean(string="Pilot Programme", help="A pilot run before the programme is rolled out.")
    date_start = fields.Date(string="Start Date", required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    goals = fields.Html(help="Why the company runs this programme.")
    expected_results = fields.Html()
    integration_criteria = fields.Html(help="When is a newcomer integrated? The criteria the programme checks.")
    conclusions = fields.Html(
        help="Pilot findings, participants' feedback, adjustments: printed in the programme report."
    )
    plan_template_id = fields.Many2one(
        "hr.mentoring.plan.template",
        string="Default Plan",
        check_company=True,
        help="Plan proposed when a pairing of this programme gets its plan.",
    )
    scale_id = fields.Many2one("hr.mentoring.scale", string="Evaluation Scale", check_company=True)
    mentee_criterion_ids = fields.Many2many(
        "hr.mentoring.criterion",
        "hr_mentoring_program_mentee_criterion_rel",
        "program_id",
        "criterion_id",
        string="Mentee Criteria",
        domain="[('subject', '=', 'mentee')]",
        help="The integration criteria on which mentees are evaluated.",
    )
    mentor_criterion_ids = fields.Many2many(
        "hr.mentoring.criterion",
        "hr_mentoring_program_mentor_criterion_rel",
        "program_id",
        "criterion_id",
        string="Mentor Criteria",
        domain="[('subject', '=', 'mentor')]",
        help="The qualities on which mentors are evaluated, also by their mentees.",
    )
    fit_criterion_ids = fields.Many2many(
        "hr.mentoring.criterion",
        "hr_mentoring_program_fit_criterion_rel",
        "program_id",
        "criterion_id",
        string="Fit Check Questions",
        domain="[('subject', '=', 'fit')]",
        help="A short check the mentee answers after the first weeks.",
    )
    pairing_ids = fields.One2many("hr.mentoring.pairing", "program_id", string="Pairings")
    color = fields.Integer()

    # the programme's own lifecycle (seed 000, stages 1-12)
    stage_ids = fields.One2many("hr.mentoring.program.stage", "program_id", string="Stages of the Method")
    regulation_ids = fields.Many2many(
        "ir.attachment",
        "hr_mentoring_program_regulation_rel",
        "program_id",
        "attachment_id",
        string="Regulations",
        help="The programme's regulations, sent with the information campaign. A new version asks every "
        "participant to acknowledge again.",
    )
    regulation_version = fields.Integer(
        default=0, copy=False, readonly=True, help="Raised each time the regulations change after the campaign."
    )
    acknowledgement_ids = fields.One2many(
        "hr.mentoring.program.acknowledgement", "program_id", string="Acknowledgements"
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Feedback Survey",
        help="The participants' feedback on the pilot, collected with Odoo's Survey app.",
    )
    adjustment_ids = fields.One2many("hr.mentoring.program.adjustment", "program_id", string="Adjustments")
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_on = fields.Datetime(readonly=True, copy=False, tracking=True)

    # selection weights (mentor selection wizard and cohort matching)
    weight_capacity = fields.Float(string="Capacity Left", default=1.0)
    weight_department = fields.Float(string="Department", default=2.0)
    same_department = fields.Selection(
        [("prefer", "Prefer the Same Department"), ("avoid", "Prefer Another Department"), ("ignore", "Ignore")],
        string="Department Preference",
        default="prefer",
        required=True,
        help="Adaptation goes best with a mentor who knows the mentee's daily work; "
        "some companies prefer a mentor outside the line instead.",
    )
    weight_evaluation = fields.Float(string="Mentor Evaluations", default=2.0)
    weight_feedback = fields.Float(string="Mentee Feedback", default=2.0)
    weight_training = fields.Float(string="Mentor Training", default=1.0)
    weight_tenure = fields.Float(string="Tenure", default=1.0)
    weight_preference = fields.Float(string="Mutual Choice", default=3.0)
    weight_history = fields.Float(string="Earlier Pairing", default=1.0)

    # monitoring figures (computed with the reader's rights)
    pairing_count = fields.Integer(compute="_compute_figures")
    active_pairing_count = fields.Integer(string="Active Pairings", compute="_compute_figures")
    proposed_pairing_count = fields.Integer(string="Waiting for Approval", compute="_compute_figures")
    event_done_count = fields.Integer(string="Events Done", compute="_compute_figures")
    event_on_time_count = fields.Integer(string="Feedback Done on Time", compute="_compute_figures")
    missed_event_count = fields.Integer(string="Missed Events", compute="_compute_figures")
    on_time_rate = fields.Float(string="On-Time Feedback (%)", compute="_compute_figures", digits=(5, 1))
    has_feedback_due = fields.Boolean(compute="_compute_figures")
    on_time_label = fields.Char(string="On Time", compute="_compute_figures")
    fit_concern_count = fields.Integer(
        string="Fit Alerts", compute="_compute_figures", groups="hr_mentoring.group_mentoring_coordinator"
    )
    average_mentee_score = fields.Float(compute="_compute_figures", digits=(5, 1))

    @api.depends_context("uid")
    def _compute_figures(self):
        Pairing = self.env["hr.mentoring.pairing"]
        Figures = self.env["hr.mentoring.figures"]
        empty = Figures._empty_event_figures()
        pairing_groups = Pairing._read_group([("program_id", "in", self.ids)], ["program_id", "state"], ["__count"])
        fit_groups = []
        if self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator():
            fit_groups = Pairing._read_group(
                [("program_id", "in", self.ids), ("fit_concern", "=", True)], ["program_id"], ["__count"]
            )
        events = Figures._event_figures([("program_id", "in", self.ids)], ["program_id"])
        score_groups = self.env["hr.mentoring.evaluation"]._read_group(
            [
                ("program_id", "in", self.ids),
                ("subject", "=", "mentee"),
                ("state", "in", ("submitted", "acknowledged")),
            ],
            ["program_id"],
            ["score:avg"],
        )
        pairings, fits, scores = {}, {}, {}
        for program, state, count in pairing_groups:
            pairings.setdefault(program.id, {})[state] = count
        for program, count in fit_groups:
            fits[program.id] = count
        for program, score in score_groups:
            scores[program.id] = score
        for program in self:
            by_state = pairings.get(program.id, {})
            figures = events.get((program._origin,), empty)
            program.pairing_count = sum(by_state.values())
            program.active_pairing_count = by_state.get("active", 0)
            program.proposed_pairing_count = by_state.get("proposed", 0)
            program.event_done_count = figures["done"]
            program.event_on_time_count = figures["feedback_on_time"]
            program.missed_event_count = figures["missed"]
            program.on_time_rate = figures["on_time_rate"] or 0.0
            program.has_feedback_due = bool(figures["feedback_due"])
            program.on_time_label = percent_label(self.env, figures["on_time_rate"])
            program.fit_concern_count = fits.get(program.id, 0)
            program.average_mentee_score = scores.get(program.id, 0.0)

    @api.model_create_multi
    def create(self, vals_list):
        programs = super().create(vals_list)
        Stage = self.env["hr.mentoring.program.stage"]
        # sudo: the stages come with the programme, whoever creates it
        Stage.sudo().create([vals for program in programs for vals in Stage._mentoring_stage_values(program)])
        return programs

    def _mentoring_participants(self):
        """{program id: {employee: role}}: who takes part in each programme.

        The mentors and mentees of its pairings that are not drafts or
        cancelled, and the nearest department head of each mentee. Someone
        with two roles is counted once, by the first of mentee, mentor, head.
        Batched: three reads for any number of programmes.
        """
        # sudo: the campaign and the survey reach every participant, whoever sends them
        pairings = (
            self.env["hr.mentoring.pairing"]
            .sudo()
            .search([("program_id", "in", self.ids), ("state", "in", ("proposed", "active", "done"))])
        )
        chains = pairings.department_id._mentoring_head_chain()
        head_user_ids = {user.id for users in chains.values() for user in users}
        # the head's employee in the programme's company (a user may have one per company)
        employee_of = {
            (employee.user_id.id, employee.company_id.id): employee
            for employee in self.env["hr.employee"].sudo().search([("user_id", "in", list(head_user_ids))])
        }
        Employee = self.env["hr.employee"]
        result = {program.id: {} for program in self}
        for role in ("mentee", "mentor", "head"):
            for pairing in pairings:
                participants = result[pairing.program_id.id]
                if role == "mentee":
                    employees = pairing.mentee_id
                elif role == "mentor":
                    employees = pairing.mentor_id
                else:
                    # the nearest head who is not the mentee (a manager mentored in their own department)
                    heads = (chains.get(pairing.department_id.id) or self.env["res.users"]) - pairing.mentee_id.user_id
                    employees = employee_of.get((heads[:1].id, pairing.company_id.id), Employee)
                for employee in employees.filtered("active"):
                    participants.setdefault(employee.with_env(self.env), role)
        return result

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        check_date_window(self, ("date_start", "date_end"))
        for program in self:
            if program.date_end and program.date_end <= program.date_start:
                raise ValidationError(_("The programme %(name)s must end after it starts.", name=program.name))

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)

    @api.constrains(
        "weight_capacity",
        "weight_department",
        "weight_evaluation",
        "weight_feedback",
        "weight_training",
        "weight_tenure",
        "weight_preference",
        "weight_history",
    )
    def _check_weights(self):
        for program in self:
            weights = program._selection_weights()
            if any(w < 0 for w in weights.values()):
                raise ValidationError(_("Selection weights cannot be negative."))
            if not any(weights.values()):
                raise ValidationError(_("At least one selection weight must be above zero."))

    def action_start_pilot(self):
        self.write({"state": "pilot", "is_pilot": True})

    def action_run(self):
        self.write({"state": "running"})

    def action_close(self):
        open_pairings = self.pairing_ids.filtered(lambda p: p.state in ("draft", "proposed", "active"))
        if open_pairings:
            raise ValidationError(
                _(
                    "%(count)s pairings of this programme are still open. End or cancel them before closing it.",
                    count=len(open_pairings),
                )
            )
        self.write({"state": "closed"})

    def action_reset_draft(self):
        self.write({"state": "draft"})

    def _open_pairings(self, domain=None, context=None):
        return window_action(
            self,
            "hr_mentoring.hr_mentoring_pairing_action",
            [("program_id", "=", self.id), *(domain or [])],
            {"default_program_id": self.id, **(context or {})},
        )

    def action_open_pairings(self):
        return self._open_pairings()

    def action_open_proposed_pairings(self):
        return self._open_pairings([("state", "=", "proposed")])

    def action_open_events(self):
        return window_action(
            self,
            "hr_mentoring.hr_mentoring_event_action",
            [("program_id", "=", self.id)],
            {"search_default_filter_overdue": 0},
        )

    def action_open_missed_events(self):
        action = self.action_open_events()
        action["domain"] = [("program_id", "=", self.id), ("state", "=", "missed")]
        return action

    def action_open_mentor_selection(self):
        """Find a Mentor for this programme (coordinators)."""
        return self._open_wizard("hr_mentoring.hr_mentoring_mentor_selection_wizard_action", _("select mentors"))

    def action_open_cohort(self):
        """Match a Cohort in this programme (coordinators)."""
        return self._open_wizard("hr_mentoring.hr_mentoring_cohort_wizard_action", _("match a cohort"))

    def _open_wizard(self, xml_id, action_label):
        self.ensure_one()
        self.env["hr.mentoring.role.mixin"]._mentoring_check_coordinator(action_label)
        if self.state == "closed":
            raise UserError(_("The programme %(name)s is closed: reopen it first.", name=self.name))
        return window_action(self, xml_id, context={"default_program_id": self.id})

    def _selection_weights(self):
        self.ensure_one()
        return {
            "capacity": self.weight_capacity,
            "department": self.weight_department,
            "evaluation": self.weight_evaluation,
            "feedback": self.weight_feedback,
            "training": self.weight_training,
            "tenure": self.weight_tenure,
            "preference": self.weight_preference,
            "history": self.weight_history,
        }

    # ------------------------------------------------------------------
    # reports and exports
    # ------------------------------------------------------------------

    def action_export_xlsx(self):
        """Download the whole programme as an Excel workbook."""
        self.ensure_one()
        self._check_report_access()
        return {
            "type": "ir.actions.act_url",
            "url": f"/hr_mentoring/program/{self.id}/xlsx",
            "target": "download",
        }

    def _check_report_access(self):
        """Raise AccessError unless the user may print or export these programmes
        (coordinators, and department heads for their departments)."""
        self.env["report.hr_mentoring.report_program"]._check_program_access(self)

    def _export_xlsx(self):
        """The programme's pairings, events, evaluations and mentors as the bytes
        of an .xlsx file, read with the user's rights."""
        self.ensure_one()
        self._check_report_access()
        return self.env["report.hr_mentoring.program_xlsx"]._generate_xlsx(self)
