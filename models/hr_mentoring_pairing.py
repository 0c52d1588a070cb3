from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .hr_mentoring_figures import percent_label
from .hr_mentoring_tools import window_action

PAIRING_STATES = [
    ("draft", "Draft"),
    ("proposed", "Proposed"),
    ("active", "Active"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]

PHASES = [
    ("adaptation", "Adaptation"),
    ("training", "Training"),
    ("workplace_coaching", "Coaching at the Workplace"),
]
PHASE_ORDER = {key: index for index, (key, _label) in enumerate(PHASES)}

# (from, to): roles allowed to make the step. Coordinators may make every step
# of this table; nobody may make a step outside it, not even by a direct write.
TRANSITIONS = {
    ("draft", "proposed"): {"coordinator"},
    ("draft", "active"): {"coordinator"},
    ("draft", "cancelled"): {"coordinator"},
    ("proposed", "draft"): {"coordinator"},
    ("proposed", "active"): {"coordinator", "head"},
    ("proposed", "cancelled"): {"coordinator", "head", "mentor"},
    ("active", "done"): {"coordinator", "head"},
    ("active", "cancelled"): {"coordinator"},
    ("done", "active"): {"coordinator"},
    ("cancelled", "draft"): {"coordinator"},
}

OPEN_STATES = ("draft", "proposed", "active")

# who may do the steps that are not a plain state change: the mentor declines
# (with a reason) what the coordinator proposed; the plan is made by the
# coordinator or the department head while the pairing is proposed or active;
# discussions are logged on active pairings by the mentor, the head or the
# coordinator
DECLINE_ROLES = frozenset({"mentor", "coordinator"})
PLAN_ROLES = frozenset({"coordinator", "head"})
PLAN_STATES = ("proposed", "active")
LOG_DISCUSSION_ROLES = frozenset({"coordinator", "head", "mentor"})


class HrMentoringPairing(models.Model):
    _name = "hr.mentoring.pairing"
    _description = "Mentoring Pairing"
    _inherit = ["hr.mentoring.activity.mixin", "hr.mentoring.role.mixin"]
    _order = "date_start desc, id desc"
    _rec_names_search = ["mentee_id.name", "mentor_id.name", "program_id.name"]
    _check_company_auto = True
    _mentoring_pairing_path = ""
    _mentoring_writable_fields = {
        "head": {"state", "date_end"},
        "mentor": {"state"},
    }

    program_id = fields.Many2one(
        "hr.mentoring.program",
        string="Programme",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('state', '!=', 'closed')]",
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True, precompute=True)
    mentor_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        domain="[('mentor_state', '=', 'approved'), ('company_id', '=', company_id)]",
    )
    mentee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        domain="[('company_id', '=', company_id)]",
    )
    mentor_user_id = fields.Many2one(related="mentor_id.user_id", string="Mentor User")
    mentee_user_id = fields.Many2one(related="mentee_id.user_id", string="Mentee User")
    department_id = fields.Many2one(
        "hr.department",
        string="Department",
        related="mentee_id.department_id",
        store=True,
        index=True,
        help="The mentee's department; its manager (and the managers above) check the plan.",
    )
    relationship_type = fields.Selection(
        [("mentoring", "Mentoring"), ("coaching", "Coaching")],
        required=True,
        default="mentoring",
        tracking=True,
    )
    phase = fields.Selection(PHASES, required=True, default="adaptation", tracking=True)
    date_start = fields.Date(string="Start Date", required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    state = fields.Selection(
        PAIRING_STATES, required=True, default="draft", tracking=True, copy=False, index=True, group_expand=True
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_approved = fields.Datetime(string="Approved On", readonly=True, copy=False)
    decline_reason = fields.Text(
        copy=False,
        groups="hr_mentoring.group_mentoring_coordinator",
        help="Why the mentor declined this proposal (coordinators only; the mentor gives it in the decline wizard).",
    )
    match_score = fields.Float(digits=(5, 1), copy=False, aggregator="avg", help="Score of the selection, 0 to 100.")
    match_reasons = fields.Text(string="Why This Mentor", copy=False, groups="hr_mentoring.group_mentoring_coordinator")
    match_reasons_shared = fields.Text(
        string="Why This Mentor (Shared)",
        copy=False,
        groups="hr_mentoring.group_mentoring_coordinator",
        help="The reasons of the selection that are not confidential to coordinators, "
        "filled in with the reasons: what the department head approving reads.",
    )
    approval_reasons = fields.Text(
        string="Reasons for the Approval",
        compute="_compute_approval_reasons",
        help="Why the selection proposed this mentor: places left, departments, tenure, earlier pairings. "
        "The mentor's evaluations and both sides' wishes stay with the coordinators.",
    )
    color = fields.Integer(compute="_compute_color")

    # One active pairing per mentee and programme also when two requests
    # activate pairings at the same moment: the Python check gives the message
    # in the normal case, this exclusion constraint makes the rule hold under
    # concurrency (and gives the same message over RPC).
    _sql_constraints = [
        (
            "one_active_per_mentee",
            "EXCLUDE USING btree (program_id WITH =, mentee_id WITH =) WHERE (state = 'active')",
            "A mentee has at most one active pairing per programme.",
        ),
    ]
    event_ids = fields.One2many("hr.mentoring.event", "pairing_id", string="Plan")
    evaluation_ids = fields.One2many("hr.mentoring.evaluation", "pairing_id", string="Evaluations")
    head_user_id = fields.Many2one(
        "res.users", string="Department Head", compute="_compute_head_user_id", help="Checks and keeps the plan."
    )
    fit_concern = fields.Boolean(
        string="Fit Alert",
        copy=False,
        groups="hr_mentoring.group_mentoring_coordinator",
        help="The mentee's fit check after the first weeks scored low: the coordinator looks into it. "
        "Coordinators only: the mentee answered in confidence.",
    )
    # plan figures, stored so that lists, reports and the dashboard read them
    # without a query per pairing
    event_count = fields.Integer(string="Events", compute="_compute_plan_figures", store=True)
    event_done_count = fields.Integer(string="Events Done", compute="_compute_plan_figures", store=True)
    missed_event_count = fields.Integer(string="Missed", compute="_compute_plan_figures", store=True)
    feedback_due_count = fields.Integer(compute="_compute_plan_figures", store=True)
    feedback_on_time_count = fields.Integer(compute="_compute_plan_figures", store=True)
    on_time_rate = fields.Float(
        string="On-Time Feedback (%)",
        compute="_compute_plan_figures",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the feedback events due so far that were done on or before their due date.",
    )
    next_event_date = fields.Date(string="Next Event", compute="_compute_plan_figures", store=True)
    # no feedback due yet: no rate at all, not 0 % ("—" in views and reports)
    has_feedback_due = fields.Boolean(compute="_compute_on_time_label")
    on_time_label = fields.Char(string="On Time", compute="_compute_on_time_label", help="On-time feedback so far.")
    evaluation_count = fields.Integer(compute="_compute_evaluation_count")

    @api.depends("state")
    def _compute_color(self):
        colors = {"draft": 0, "proposed": 3, "active": 10, "done": 4, "cancelled": 1}
        for pairing in self:
            pairing.color = colors.get(pairing.state, 0)

    def _compute_head_user_id(self):
        heads = self._head_users()
        for pairing in self:
            pairing.head_user_id = heads.get(pairing.id, False)

    @api.depends("event_ids.state", "event_ids.done_on_time", "event_ids.date_due", "event_ids.event_type")
    def _compute_plan_figures(self):
        figures = self.env["hr.mentoring.figures"]._event_figures([("pairing_id", "in", self.ids)], ["pairing_id"])
        empty = self.env["hr.mentoring.figures"]._empty_event_figures()
        for pairing in self:
            data = figures.get((pairing._origin,), empty)
            pairing.event_count = data["events"]
            pairing.event_done_count = data["done"]
            pairing.missed_event_count = data["missed"]
            pairing.feedback_due_count = data["feedback_due"]
            pairing.feedback_on_time_count = data["feedback_on_time"]
            pairing.on_time_rate = data["on_time_rate"] or 0.0
            pairing.next_event_date = data["next_date"]

    @api.depends("feedback_due_count", "on_time_rate")
    def _compute_on_time_label(self):
        for pairing in self:
            pairing.has_feedback_due = bool(pairing.feedback_due_count)
            pairing.on_time_label = percent_label(pairing.env, pairing.on_time_rate, pairing.feedback_due_count)

    @api.depends_context("uid")
    def _compute_evaluation_count(self):
        # with the reader's rights: never count what the reader may not read
        groups = self.env["hr.mentoring.evaluation"]._read_group(
            [("pairing_id", "in", self.ids)], ["pairing_id"], ["__count"]
        )
        counts = {pairing.id: count for pairing, count in groups}
        for pairing in self:
            pairing.evaluation_count = counts.get(pairing.id, 0)

    @api.depends_context("uid")
    def _compute_approval_reasons(self):
        roles = self._mentoring_roles()
        for pairing in self:
            if roles[pairing.id] & {"coordinator", "head"}:
                # sudo: the shared reasons are written for the heads to read
                pairing.approval_reasons = pairing.sudo().match_reasons_shared
            else:
                pairing.approval_reasons = False

    @api.depends("mentor_id", "mentee_id")
    def _compute_display_name(self):
        for pairing in self:
            if pairing.mentor_id and pairing.mentee_id:
                pairing.display_name = _(
                    "%(mentee)s with %(mentor)s", mentee=pairing.mentee_id.name, mentor=pairing.mentor_id.name
                )
            else:
                pairing.display_name = _("New Pairing")

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._add_shared_reasons(vals_list)
        self._check_active_conflicts(
            [
                (None, vals.get("mentee_id"), vals.get("program_id"))
                for vals in vals_list
                if vals.get("state") == "active"
            ]
        )
        pairings = super().create(vals_list)
        pairings.filtered(lambda p: p.state == "active")._on_activated()
        pairings.filtered(lambda p: p.state == "proposed")._on_proposed()
        pairings._mentoring_sync_roles()
        return pairings

    def write(self, vals):
        self._mentoring_check_write(vals)
        if vals.get("match_reasons") and "match_reasons_shared" not in vals:
            for pairing in self:
                pairing_vals = dict(vals, mentor_id=pairing.mentor_id.id, mentee_id=pairing.mentee_id.id)
                pairing_vals.setdefault("program_id", pairing.program_id.id)
                self._add_shared_reasons([pairing_vals])
                super(HrMentoringPairing, pairing).write({"match_reasons_shared": pairing_vals["match_reasons_shared"]})
        new_state = vals.get("state")
        if new_state:
            self._check_state_transition(new_state, vals)
            if new_state == "active":
                vals = dict(vals, approved_by_id=self.env.uid, date_approved=fields.Datetime.now())
        old_users = self._mentoring_participant_users() if {"mentor_id", "mentee_id", "state"} & set(vals) else None
        activated = self.filtered(lambda p: p.state != "active") if new_state == "active" else self.browse()
        if new_state == "active" or ({"mentee_id", "program_id"} & set(vals) and "active" in self.mapped("state")):
            self._check_active_conflicts(
                [
                    (p.id, vals.get("mentee_id", p.mentee_id.id), vals.get("program_id", p.program_id.id))
                    for p in self
                    if (new_state or p.state) == "active"
                ]
            )
        old_phases = {p.id: p.phase for p in self} if "phase" in vals else {}
        res = super().write(vals)
        activated._on_activated()
        if new_state == "proposed":
            self._on_proposed()
        if new_state in ("active", "cancelled", "draft"):
            self._close_approval_activities()
        if new_state in ("done", "cancelled"):
            self._settle_open_events()
        if old_phases:
            self.filtered(lambda p: p.state == "active" and old_phases[p.id] != p.phase)._notify_new_phase()
        if old_users is not None:
            self._mentoring_sync_roles(old_users)
        return res

    def unlink(self):
        users = self._mentoring_participant_users()
        res = super().unlink()
        users._mentoring_sync_role_groups()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = self.filtered(lambda p: p.state in ("active", "done"))
        if started:
            raise UserError(
                _(
                    "%(pairing)s has started: cancel it instead of deleting it, so that its plan stays on record.",
                    pairing=started[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_propose(self):
        self.write({"state": "proposed"})

    def action_approve(self):
        self.write({"state": "active"})

    def action_done(self):
        for pairing in self:
            vals = {"state": "done"}
            today = fields.Date.context_today(pairing)
            if not pairing.date_end and today > pairing.date_start:
                vals["date_end"] = today
            pairing.write(vals)

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_reset_draft(self):
        self.write({"state": "draft"})

    def action_decline(self):
        self.ensure_one()
        self._mentoring_check_role(DECLINE_ROLES, _("decline this pairing"))
        if self.state != "proposed":
            raise UserError(_("Only a proposed pairing can be declined."))
        return self._mentoring_form_action(
            "hr.mentoring.decline.wizard",
            _("Decline the Pairing"),
            {"default_pairing_id": self.id},
        )

    def action_open_plan_wizard(self):
        self.ensure_one()
        self._mentoring_check_role(PLAN_ROLES, _("create the plan of this pairing"))
        if self.state not in PLAN_STATES:
            raise UserError(_("Plans are made for proposed or active pairings."))
        return self._mentoring_form_action(
            "hr.mentoring.plan.wizard",
            _("Create the Plan"),
            {"default_pairing_id": self.id},
        )

    def action_open_events(self):
        return window_action(
            self,
            "hr_mentoring.hr_mentoring_event_action",
            [("pairing_id", "=", self.id)],
            {"default_pairing_id": self.id, "search_default_filter_open": 0},
        )

    def action_open_evaluations(self):
        return window_action(
            self,
            "hr_mentoring.hr_mentoring_evaluation_action",
            [("pairing_id", "=", self.id)],
            {"default_pairing_id": self.id},
        )

    def action_log_discussion(self):
        """A mentor logs a situational discussion at any time, without a template."""
        self.ensure_one()
        self._mentoring_check_role(LOG_DISCUSSION_ROLES, _("log a discussion on this pairing"))
        if self.state != "active":
            raise UserError(_("Discussions are logged on active pairings."))
        return self._mentoring_form_action(
            "hr.mentoring.event",
            _("Situational Discussion"),
            {
                "default_pairing_id": self.id,
                "default_event_type": "situational_discussion",
                "default_name": _("Situational discussion"),
                "default_date_due": fields.Date.context_today(self),
                "default_phase": self.phase,
            },
            target="current",
        )

    def action_clear_fit_concern(self):
        self._mentoring_check_coordinator(_("clear a fit alert"))
        self.write({"fit_concern": False})

    # ------------------------------------------------------------------
    # business
    # ------------------------------------------------------------------

    def _check_state_transition(self, new_state, vals):
        labels = dict(self._fields["state"]._description_selection(self.env))
        roles = self._mentoring_roles()
        for pairing in self:
            old_state = pairing.state
            if old_state == new_state:
                continue
            allowed = TRANSITIONS.get((old_state, new_state))
            if allowed is None:
                raise ValidationError(
                    _(
                        "A pairing cannot go from %(old)s to %(new)s (%(pairing)s).",
                        old=labels[old_state],
                        new=labels[new_state],
                        pairing=pairing.display_name,
                    )
                )
            if not self.env.su:
                pairing._mentoring_check_role(allowed, _("move this pairing to %(state)s", state=labels[new_state]))
                if roles[pairing.id] == {"mentor"} and not (
                    vals.get("decline_reason") or pairing.sudo().decline_reason
                ):
                    raise ValidationError(_("Say why you decline this pairing before declining it."))

    @api.model
    def _add_shared_reasons(self, vals_list):
        """Fill in ``match_reasons_shared`` of the values that bring the
        selection's reasons, from the matching (one scoring per programme)."""
        todo = defaultdict(set)
        for vals in vals_list:
            if vals.get("match_reasons") and "match_reasons_shared" not in vals:
                todo[vals.get("program_id")].add((vals.get("mentee_id"), vals.get("mentor_id")))
        # sudo: the matching reads the mentors' records as the selection did;
        # only the reasons that are not confidential are kept
        Matching = self.env["hr.mentoring.matching"].sudo()
        Program = self.env["hr.mentoring.program"].sudo()
        shared = {}
        for program_id, pairs in todo.items():
            for pair, reasons in Matching._shared_reasons(Program.browse(program_id), pairs).items():
                shared[(program_id, *pair)] = "\n".join(reasons)
        for vals in vals_list:
            if vals.get("match_reasons") and "match_reasons_shared" not in vals:
                key = (vals.get("program_id"), vals.get("mentee_id"), vals.get("mentor_id"))
                vals["match_reasons_shared"] = shared.get(key, False)

    def _mentoring_participant_users(self):
        # sudo: the users behind the two employees, to keep role menus in sync
        return self.sudo().mentor_id.user_id | self.sudo().mentee_id.user_id

    def _mentoring_sync_roles(self, extra_users=None):
        users = self._mentoring_participant_users() | (extra_users or self.env["res.users"])
        users._mentoring_sync_role_groups()
