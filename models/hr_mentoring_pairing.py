from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .hr_mentoring_tools import check_date_window

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


class HrMentoringPairing(models.Model):
    _name = "hr.mentoring.pairing"
    _description = "Mentoring Pairing"
    _inherit = ["mail.thread", "mail.activity.mixin", "hr.mentoring.role.mixin"]
    _order = "date_start desc, id desc"
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
        groups = self.env["hr.mentoring.event"]._read_group(
            [("pairing_id", "in", self.ids)],
            ["pairing_id", "state", "event_type", "done_on_time"],
            ["__count", "date_due:min"],
        )
        figures = defaultdict(lambda: defaultdict(int))
        next_dates = {}
        for pairing, state, event_type, on_time, count, first_due in groups:
            data = figures[pairing.id]
            data["all"] += count if state != "cancelled" else 0
            data[state] += count
            if event_type == "feedback" and state in ("done", "missed"):
                data["feedback_due"] += count
                data["feedback_on_time"] += count if on_time else 0
            if state == "planned":
                next_dates[pairing.id] = min(first_due, next_dates.get(pairing.id, first_due))
        for pairing in self:
            data = figures[pairing.id]
            pairing.event_count = data["all"]
            pairing.event_done_count = data["done"]
            pairing.missed_event_count = data["missed"]
            pairing.feedback_due_count = data["feedback_due"]
            pairing.feedback_on_time_count = data["feedback_on_time"]
            pairing.on_time_rate = (
                100.0 * data["feedback_on_time"] / data["feedback_due"] if data["feedback_due"] else 0.0
            )
            pairing.next_event_date = next_dates.get(pairing.id, False)

    @api.depends_context("uid")
    def _compute_evaluation_count(self):
        # with the reader's rights: never count what the reader may not read
        groups = self.env["hr.mentoring.evaluation"]._read_group(
            [("pairing_id", "in", self.ids)], ["pairing_id"], ["__count"]
        )
        counts = {pairing.id: count for pairing, count in groups}
        for pairing in self:
            pairing.evaluation_count = counts.get(pairing.id, 0)

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
    # constraints
    # ------------------------------------------------------------------

    @api.constrains("mentor_id", "mentee_id")
    def _check_not_self(self):
        for pairing in self:
            if pairing.mentor_id == pairing.mentee_id:
                raise ValidationError(
                    _("%(employee)s cannot mentor themself: choose another mentor.", employee=pairing.mentee_id.name)
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        check_date_window(self, ("date_start", "date_end"))
        for pairing in self:
            if pairing.date_end and pairing.date_end <= pairing.date_start:
                raise ValidationError(
                    _(
                        "The pairing of %(pairing)s ends on %(end)s, which is not after its start on %(start)s.",
                        pairing=pairing.display_name,
                        end=pairing.date_end,
                        start=pairing.date_start,
                    )
                )

    @api.constrains("mentor_id", "mentee_id", "program_id", "company_id")
    def _check_same_company(self):
        for pairing in self:
            companies = pairing.mentor_id.company_id | pairing.mentee_id.company_id | pairing.program_id.company_id
            if companies != pairing.company_id:
                raise ValidationError(
                    _(
                        "The mentor, the mentee and the programme of a pairing must belong to the same company "
                        "(%(pairing)s mixes %(companies)s).",
                        pairing=pairing.display_name,
                        companies=", ".join((companies | pairing.company_id).mapped("name")),
                    )
                )

    @api.constrains("mentor_id", "mentee_id", "state")
    def _check_participants(self):
        for pairing in self.filtered(lambda p: p.state in OPEN_STATES):
            for employee, role in ((pairing.mentor_id, _("mentor")), (pairing.mentee_id, _("mentee"))):
                if not employee.active:
                    raise ValidationError(
                        _(
                            "%(employee)s is archived and cannot be the %(role)s of a new or running pairing.",
                            employee=employee.name,
                            role=role,
                        )
                    )
            # sudo: the mentor status is HR's; a department head approving reads it to check
            mentor = pairing.mentor_id.sudo()
            if mentor.mentor_state != "approved":
                state_label = dict(mentor._fields["mentor_state"]._description_selection(self.env))
                raise ValidationError(
                    _(
                        "%(mentor)s is not an approved mentor (status: %(status)s). Approve them as a mentor first.",
                        mentor=pairing.mentor_id.name,
                        status=state_label.get(mentor.mentor_state),
                    )
                )

    @api.constrains("mentee_id", "program_id", "state")
    def _check_one_active_per_mentee(self):
        self._check_active_conflicts([(p.id, p.mentee_id.id, p.program_id.id) for p in self if p.state == "active"])

    @api.model
    def _check_active_conflicts(self, candidates):
        """Refuse a second active pairing of a mentee in a programme.

        ``candidates`` are (pairing id or None, mentee id, programme id) about
        to be active. Reads the database without flushing the candidates, so
        that the check runs before the exclusion constraint would fire.
        """
        if not candidates:
            return
        seen = {}
        for pairing_id, mentee_id, program_id in candidates:
            key = (mentee_id, program_id)
            if key in seen and seen[key] != pairing_id:
                self._raise_active_conflict(mentee_id, program_id)
            seen[key] = pairing_id
        self.env.cr.execute(
            """
            SELECT mentee_id, program_id FROM hr_mentoring_pairing
             WHERE state = 'active' AND (mentee_id, program_id) IN %s AND NOT (id = ANY(%s))
             LIMIT 1
            """,
            [tuple(seen), [pid for pid, _m, _p in candidates if pid]],
        )
        row = self.env.cr.fetchone()
        if row:
            self._raise_active_conflict(*row)

    @api.model
    def _raise_active_conflict(self, mentee_id, program_id):
        # sudo: names for the message only
        mentee = self.env["hr.employee"].sudo().browse(mentee_id)
        program = self.env["hr.mentoring.program"].sudo().browse(program_id)
        raise ValidationError(
            _(
                "%(mentee)s already has an active pairing in %(program)s. "
                "End or cancel it before activating another one.",
                mentee=mentee.name,
                program=program.name,
            )
        )

    @api.constrains("mentor_id", "state")
    def _check_mentor_capacity(self):
        mentors = self.filtered(lambda p: p.state == "active").mentor_id
        mentors._mentoring_check_capacity()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
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
        self._mentoring_check_role({"mentor", "coordinator"}, _("decline this pairing"))
        if self.state != "proposed":
            raise UserError(_("Only a proposed pairing can be declined."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Decline the Pairing"),
            "res_model": "hr.mentoring.decline.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pairing_id": self.id},
        }

    def action_open_plan_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Create the Plan"),
            "res_model": "hr.mentoring.plan.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pairing_id": self.id},
        }

    def action_open_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_mentoring.hr_mentoring_event_action")
        action["domain"] = [("pairing_id", "=", self.id)]
        action["context"] = {"default_pairing_id": self.id, "search_default_filter_open": 0}
        return action

    def action_open_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_mentoring.hr_mentoring_evaluation_action")
        action["domain"] = [("pairing_id", "=", self.id)]
        action["context"] = {"default_pairing_id": self.id}
        return action

    def action_log_discussion(self):
        """A mentor logs a situational discussion at any time, without a template."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Situational Discussion"),
            "res_model": "hr.mentoring.event",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_pairing_id": self.id,
                "default_event_type": "situational_discussion",
                "default_name": _("Situational discussion"),
                "default_date_due": fields.Date.context_today(self),
                "default_phase": self.phase,
            },
        }

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

    def _on_proposed(self):
        """The department head (or the coordinator) gets an activity to approve."""
        heads = self._head_users()
        activity_type = self.env.ref("hr_mentoring.mail_activity_type_approval")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for pairing in self.sudo():
            user = heads.get(pairing.id) or pairing.program_id.coordinator_id
            if user:
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": pairing.id,
                        "activity_type_id": activity_type.id,
                        "summary": _("Approve the pairing of %(mentee)s", mentee=pairing.mentee_id.name),
                        "date_deadline": fields.Date.context_today(self) + timedelta(days=activity_type.delay_count),
                        "user_id": user.id,
                    }
                )
        if vals_list:
            # sudo: the approval activity is bookkeeping of the proposal
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(vals_list)

    def _close_approval_activities(self):
        activity_type = self.env.ref("hr_mentoring.mail_activity_type_approval")
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        activities.unlink()

    def _on_activated(self):
        """A pairing became active: optionally make the mentor the mentee's coach."""
        for pairing in self.filtered(lambda p: p.company_id.mentoring_set_coach):
            if pairing.mentee_id.coach_id != pairing.mentor_id:
                # sudo: the department head approving may not write employees;
                # the company asked for this synchronisation in its settings.
                pairing.mentee_id.sudo().coach_id = pairing.mentor_id
                pairing.message_post(
                    body=_(
                        "%(mentor)s is now the coach of %(mentee)s.",
                        mentor=pairing.mentor_id.name,
                        mentee=pairing.mentee_id.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def _end_for_archived(self, employees):
        """Employees were archived: end their running pairings, cancel the pending ones."""
        today = fields.Date.context_today(self)
        for pairing in self:
            who = (pairing.mentor_id | pairing.mentee_id) & employees
            if pairing.state == "active":
                vals = {"state": "done"}
                if today > pairing.date_start and (not pairing.date_end or pairing.date_end > today):
                    vals["date_end"] = today
            else:
                vals = {"state": "cancelled"}
            # sudo: whoever archives the employee (an HR officer) need not be a
            # coordinator; ending the pairings is the consequence, not a choice.
            pairing.sudo().write(vals)
            pairing.message_post(
                body=_(
                    "This pairing was %(outcome)s because %(names)s was archived.",
                    outcome=_("ended") if vals["state"] == "done" else _("cancelled"),
                    names=", ".join(who.mapped("name")),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _head_users(self):
        """{pairing id: user} heading each pairing's mentee: the manager of the
        mentee's department, or of the nearest parent department with one."""
        # sudo: department managers are looked up for notifications and display
        pairings = self.sudo()
        ancestor_ids = {
            int(x) for pairing in pairings for x in (pairing.department_id.parent_path or "").split("/") if x
        }
        departments = self.env["hr.department"].sudo().browse(ancestor_ids)
        managers = {d.id: d.manager_id.user_id for d in departments}
        result = {}
        for pairing in pairings:
            chain = [int(x) for x in (pairing.department_id.parent_path or "").split("/") if x]
            for department_id in reversed(chain):
                user = managers.get(department_id)
                if user and user != pairing.mentee_id.user_id:
                    result[pairing.id] = user
                    break
        return result

    def _notify_new_phase(self):
        """Tell mentor and mentee that their pairing entered a new phase (seed 000: a coordinator's duty)."""
        template = self.env.ref("hr_mentoring.mail_template_pairing_new_phase")
        for pairing in self.sudo():
            partners = (pairing.mentor_id.user_id | pairing.mentee_id.user_id).partner_id
            pairing.message_post_with_source(
                template,
                partner_ids=partners.ids,
                subtype_xmlid="mail.mt_comment",
            )

    def _flag_fit_concern(self, evaluations):
        """A low fit check flags the pairing for the coordinator, who gets an
        activity on the fit check itself (which only the mentee and the
        coordinators read), not on the pairing that mentor and head read."""
        # sudo: the mentee submitting the check may not write the pairing;
        # the flag is the system's consequence of their answer.
        self.sudo().filtered(lambda p: not p.fit_concern).write({"fit_concern": True})
        for evaluation in evaluations.sudo():
            coordinator = evaluation.program_id.coordinator_id
            if coordinator:
                evaluation.activity_schedule(
                    "hr_mentoring.mail_activity_type_fit",
                    user_id=coordinator.id,
                    summary=_("Low pairing fit check: look into this pairing"),
                )

    @api.model
    def _cron_advance_phases(self):
        """Move active pairings to the phase of their plan's current events and notify them."""
        today = fields.Date.context_today(self)
        groups = (
            self.env["hr.mentoring.event"]
            .sudo()
            ._read_group(
                [
                    ("pairing_id.state", "=", "active"),
                    ("date_due", "<=", today),
                    ("state", "!=", "cancelled"),
                    ("phase", "!=", False),
                ],
                ["pairing_id", "phase"],
            )
        )
        current = {}
        for pairing, phase in groups:
            if PHASE_ORDER[phase] > PHASE_ORDER.get(current.get(pairing.id), -1):
                current[pairing.id] = phase
        by_phase = defaultdict(list)
        for pairing in self.sudo().browse(list(current)):
            if PHASE_ORDER[current[pairing.id]] > PHASE_ORDER[pairing.phase]:
                by_phase[current[pairing.id]].append(pairing.id)
        moved = self.browse()
        for phase, pairing_ids in by_phase.items():
            pairings = self.sudo().browse(pairing_ids)
            pairings.write({"phase": phase})
            moved |= pairings
        return moved.with_env(self.env)

    def _mentoring_participant_users(self):
        # sudo: the users behind the two employees, to keep role menus in sync
        return self.sudo().mentor_id.user_id | self.sudo().mentee_id.user_id

    def _mentoring_sync_roles(self, extra_users=None):
        users = self._mentoring_participant_users() | (extra_users or self.env["res.users"])
        users._mentoring_sync_role_groups()
