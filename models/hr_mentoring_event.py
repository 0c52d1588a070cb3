from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .hr_mentoring_evaluation import KIND_SPEC
from .hr_mentoring_pairing import PHASES
from .hr_mentoring_plan_template import EVALUATION_KINDS, EVENT_TYPES, RESPONSIBLE_ROLES
from .hr_mentoring_tools import boolean_search_domain, check_date_window, check_name_length

EVENT_STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("missed", "Missed"),
    ("cancelled", "Cancelled"),
]

MISSED_REASONS = [
    ("mentor_absent", "Mentor Absent"),
    ("mentee_absent", "Mentee Absent or on Leave"),
    ("workload", "Workload"),
    ("forgotten", "Forgotten"),
    ("agreed", "Moved by Agreement"),
    ("other", "Other"),
]

DISCUSSION_TYPES = ("planned_discussion", "situational_discussion")

# the form's editable parts, by who writes them (see _mentoring_writable_fields)
MENTOR_PART = (
    "name",
    "description",
    "mentor_comment",
    "discussion_reason",
    "discussion_situation",
    "mentee_agreement",
    "criterion_id",
    "current_level_id",
    "desired_level_id",
    "action_item_ids",
)
MENTEE_PART = ("mentee_comment",)
HEAD_PART = ("review_comment",)
MISSED_PART = ("missed_reason_category", "missed_reason")
PLAN_PART = ("date_due", "phase")

# (from, to) -> roles that may make the step ("responsible": the user of the
# event's responsible role). Nobody makes a step outside this table.
TRANSITIONS = {
    ("planned", "done"): {"coordinator", "responsible"},
    ("planned", "cancelled"): {"coordinator", "head"},
    ("planned", "missed"): {"coordinator"},
    ("missed", "done"): {"coordinator", "mentor", "head"},
    ("missed", "cancelled"): {"coordinator", "mentor", "head"},
    ("done", "planned"): {"coordinator"},
    ("cancelled", "planned"): {"coordinator"},
}

# set by the server when the event moves on, never given at creation by a participant
SERVER_SET_FIELDS = (
    "date_done",
    "signed_by_id",
    "signed_on",
    "acknowledged",
    "acknowledged_on",
    "reviewed",
    "reviewed_by_id",
    "reviewed_on",
    "missed_on",
    "missed_reason_category",
    "missed_reason",
    "explained_by_id",
    "explained_on",
    "escalated_on",
    "reminder_sent",
)


class HrMentoringEvent(models.Model):
    _name = "hr.mentoring.event"
    _description = "Mentoring Plan Event"
    _inherit = ["hr.mentoring.activity.mixin", "hr.mentoring.role.mixin"]
    _order = "date_due, sequence, id"
    _rec_names_search = ["name", "mentee_id.name"]
    _check_company_auto = True
    _mentoring_writable_fields = {
        "mentor": {"state", *MENTOR_PART, *MISSED_PART},
        "mentee": {"acknowledged", *MENTEE_PART},
        "head": {"state", "reviewed", *HEAD_PART, *MISSED_PART},
        # the user of the event's responsible role completes it (e.g. a self-evaluation)
        "responsible": {"state"},
    }

    pairing_id = fields.Many2one(
        "hr.mentoring.pairing", required=True, index=True, ondelete="cascade", check_company=True
    )
    program_id = fields.Many2one(related="pairing_id.program_id", store=True, index=True, string="Programme")
    company_id = fields.Many2one(related="pairing_id.company_id", store=True, index=True)
    mentor_id = fields.Many2one(related="pairing_id.mentor_id", store=True, index=True, string="Mentor")
    mentee_id = fields.Many2one(related="pairing_id.mentee_id", store=True, index=True, string="Mentee")
    department_id = fields.Many2one(related="pairing_id.department_id", store=True, index=True, string="Department")
    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    event_type = fields.Selection(EVENT_TYPES, string="Type", required=True, default="situational_discussion")
    evaluation_kind = fields.Selection(EVALUATION_KINDS)
    phase = fields.Selection(PHASES, default="adaptation")
    responsible_role = fields.Selection(RESPONSIBLE_ROLES, string="Responsible", required=True, default="mentor")
    instructions = fields.Html(string="Instructions for the Mentor", readonly=True)
    description = fields.Text()
    template_line_id = fields.Many2one("hr.mentoring.plan.template.line", string="Plan Line", readonly=True)
    date_due = fields.Date(string="Due Date", required=True, index=True, tracking=True)
    state = fields.Selection(EVENT_STATES, required=True, default="planned", index=True, tracking=True, copy=False)
    date_done = fields.Date(string="Done On", tracking=True, copy=False)
    done_on_time = fields.Boolean(
        string="On Time", compute="_compute_timeliness", store=True, help="Done on or before its due date."
    )
    done_late = fields.Boolean(string="Late", compute="_compute_timeliness", store=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue")
    color = fields.Integer(compute="_compute_color")

    # the mentor's sign-off
    signed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    signed_on = fields.Datetime(readonly=True, copy=False)
    mentor_comment = fields.Text(string="Mentor's Comment", copy=False)
    # the mentee's acknowledgement
    acknowledged = fields.Boolean(string="Acknowledged by the Mentee", copy=False, tracking=True)
    acknowledged_on = fields.Datetime(readonly=True, copy=False)
    mentee_comment = fields.Text(string="Mentee's Comment", copy=False)
    # the department head's review
    reviewed = fields.Boolean(string="Reviewed by the Head", copy=False, tracking=True)
    reviewed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reviewed_on = fields.Datetime(readonly=True, copy=False)
    review_comment = fields.Text(string="Head's Comment", copy=False)

    # missed events
    missed_on = fields.Date(string="Flagged Missed On", readonly=True, copy=False, index=True)
    missed_reason_category = fields.Selection(MISSED_REASONS, string="Why Missed", tracking=True, copy=False)
    missed_reason = fields.Text(string="Explanation", copy=False)
    explained_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    explained_on = fields.Datetime(readonly=True, copy=False)
    escalated_on = fields.Date(readonly=True, copy=False)
    rescheduled_from_id = fields.Many2one("hr.mentoring.event", readonly=True, index="btree_not_null")
    rescheduled_to_ids = fields.One2many("hr.mentoring.event", "rescheduled_from_id", string="Rescheduled As")
    reminder_sent = fields.Boolean(readonly=True, copy=False)

    # discussions: diagnosis, then an action plan
    discussion_reason = fields.Text(string="Why We Discuss", copy=False)
    discussion_situation = fields.Text(string="Situation Studied", copy=False)
    mentee_agreement = fields.Selection(
        [("agreed", "Agrees"), ("partly", "Partly Agrees"), ("disagreed", "Does Not Agree")],
        string="Mentee's Agreement",
        copy=False,
    )
    scale_id = fields.Many2one(related="program_id.scale_id", string="Scale")
    # a discussion is about the mentee's competences, never the pairing-fit questions
    criterion_id = fields.Many2one(
        "hr.mentoring.criterion", string="Competence Discussed", domain="[('subject', '=', 'mentee')]"
    )
    current_level_id = fields.Many2one("hr.mentoring.scale.level", domain="[('scale_id', '=', scale_id)]")
    desired_level_id = fields.Many2one("hr.mentoring.scale.level", domain="[('scale_id', '=', scale_id)]")
    action_item_ids = fields.One2many("hr.mentoring.action.item", "event_id", string="Action Plan")
    evaluation_ids = fields.One2many("hr.mentoring.evaluation", "event_id", string="Evaluations")

    @api.depends("state", "date_done", "date_due")
    def _compute_timeliness(self):
        for event in self:
            done = event.state == "done" and event.date_done
            event.done_on_time = bool(done and event.date_done <= event.date_due)
            event.done_late = bool(done and event.date_done > event.date_due)

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for event in self:
            event.is_overdue = event.state == "missed" or (event.state == "planned" and event.date_due < today)

    def _search_is_overdue(self, operator, value):
        today = fields.Date.context_today(self)
        domain = ["|", ("state", "=", "missed"), "&", ("state", "=", "planned"), ("date_due", "<", today)]
        return boolean_search_domain(self, "is_overdue", operator, value, domain)

    @api.depends("state", "done_late")
    def _compute_color(self):
        for event in self:
            event.color = {"planned": 0, "done": 10, "missed": 1, "cancelled": 4}[event.state]
            if event.done_late:
                event.color = 2

    @api.depends("name", "mentee_id")
    def _compute_display_name(self):
        for event in self:
            event.display_name = f"{event.name} ({event.mentee_id.name})" if event.mentee_id else event.name

    @api.constrains("current_level_id", "desired_level_id", "criterion_id")
    def _check_levels(self):
        for event in self:
            scales = (event.current_level_id | event.desired_level_id).scale_id
            if len(scales) > 1:
                raise ValidationError(
                    _("The current and desired levels of %(event)s must use one scale.", event=event.name)
                )

    @api.constrains("name", "date_due")
    def _check_name_and_due_date(self):
        check_name_length(self)
        check_date_window(self, ("date_due",))

    @api.constrains("event_type", "evaluation_kind")
    def _check_evaluation_kind(self):
        for event in self:
            if event.event_type == "evaluation" and not event.evaluation_kind:
                raise ValidationError(_("Say who evaluates whom in the evaluation event %(event)s.", event=event.name))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self._mentoring_is_coordinator():
            self._check_create_by_role(vals_list)
        events = super().create(vals_list)
        events.filtered(lambda e: e.state == "planned")._sync_activities()
        return events

    def write(self, vals):
        self._mentoring_check_write(vals)
        vals = dict(vals)
        new_state = vals.get("state")
        if new_state:
            self._check_state_transition(new_state, vals)
            if new_state == "done":
                # the day it is signed; only coordinators (and the explanation
                # wizard, for an event done late) record another day
                if "date_done" not in vals or not self._mentoring_is_coordinator():
                    vals["date_done"] = fields.Date.context_today(self)
                vals.update(signed_by_id=self.env.uid, signed_on=fields.Datetime.now())
            elif new_state == "planned":
                vals.update(date_done=False, signed_by_id=False, signed_on=False, missed_on=False)
        if vals.get("acknowledged"):
            if any(event.state != "done" for event in self):
                raise UserError(_("A mentee acknowledges an event once the mentor has signed it done."))
            vals["acknowledged_on"] = fields.Datetime.now()
        if vals.get("reviewed"):
            vals.update(reviewed_by_id=self.env.uid, reviewed_on=fields.Datetime.now())
        if vals.get("missed_reason_category"):
            vals.update(explained_by_id=self.env.uid, explained_on=fields.Datetime.now())
        res = super().write(vals)
        if {"state", "date_due", "responsible_role", "name"} & set(vals) and not self.env.context.get(
            "mentoring_activity_done"
        ):
            self._sync_activities()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        if not self._mentoring_is_coordinator():
            raise UserError(_("Only coordinators may delete plan events; cancel the event instead."))
        recorded = self.filtered(lambda e: e.state in ("done", "missed") or e.signed_by_id)
        if recorded:
            raise UserError(
                _(
                    "%(event)s is on record (done, missed or signed) and cannot be deleted; cancel it instead.",
                    event=recorded[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_mark_done(self):
        """The mentor (or the event's responsible) signs the event done."""
        todo = self.filtered(lambda e: e.state != "done")
        if todo.filtered(lambda e: e.state == "missed"):
            raise UserError(_("A missed event is closed with an explanation: use 'Explain' on it."))
        todo.write({"state": "done"})

    def action_acknowledge(self):
        self._mentoring_check_role({"mentee", "coordinator"}, _("acknowledge this event"))
        self.filtered(lambda e: not e.acknowledged).write({"acknowledged": True})

    def action_review(self):
        self._mentoring_check_role({"head", "coordinator"}, _("review this event"))
        self.filtered(lambda e: not e.reviewed).write({"reviewed": True})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_reset_planned(self):
        self.write({"state": "planned"})

    def action_explain_missed(self):
        self.ensure_one()
        return self._mentoring_form_action(
            "hr.mentoring.missed.wizard",
            _("Explain the Missed Event"),
            {"default_event_id": self.id},
        )

    def action_open_evaluation(self):
        """Evaluation events open their evaluation, creating it the first time."""
        self.ensure_one()
        if self.event_type != "evaluation":
            raise UserError(_("Only evaluation events have an evaluation."))
        evaluation = self.evaluation_ids[:1]
        if not evaluation:
            evaluation = self.env["hr.mentoring.evaluation"].create(self._prepare_evaluation_vals())
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.mentoring.evaluation",
            "res_id": evaluation.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # business
    # ------------------------------------------------------------------

    def _mentoring_roles(self):
        """Pairing roles, plus 'responsible' for the user who must act on the event."""
        roles = super()._mentoring_roles()
        if self.env.su:
            return roles
        responsible = self.filtered(lambda e: e.state in ("planned", "missed"))._responsible_users()
        for event in self:
            if responsible.get(event.id) == self.env.user:
                roles[event.id].add("responsible")
        return roles

    def _check_create_by_role(self, vals_list):
        """Mentors log situational discussions on their own pairings; plans come from the wizard."""
        pairings = self.env["hr.mentoring.pairing"].browse({vals.get("pairing_id") for vals in vals_list})
        # only on pairings the user reads (a draft is the coordinator's working copy)
        pairings.check_access("read")
        roles = pairings._mentoring_roles()
        for vals in vals_list:
            given = [f for f in SERVER_SET_FIELDS if vals.get(f)]
            if vals.get("state", "planned") != "planned" or given:
                raise AccessError(_("A new plan event starts as planned: sign, acknowledge or review it afterwards."))
        origins = {
            event.id: event
            for event in self.browse(
                [vals["rescheduled_from_id"] for vals in vals_list if vals.get("rescheduled_from_id")]
            )
        }
        for vals in vals_list:
            pairing_roles = roles.get(vals.get("pairing_id"), set())
            if "head" in pairing_roles:
                continue
            if "mentor" in pairing_roles:
                if vals.get("event_type") == "situational_discussion":
                    # a mentor's own discussion is theirs, not work handed to others
                    vals["responsible_role"] = "mentor"
                    continue
                origin = origins.get(vals.get("rescheduled_from_id"))
                if origin and origin.state == "missed" and origin.pairing_id.id == vals.get("pairing_id"):
                    continue
            raise UserError(
                _("Mentors add situational discussions to their own pairings; plans come from the plan wizard.")
            )

    def _check_state_transition(self, new_state, vals):
        labels = dict(self._fields["state"]._description_selection(self.env))
        roles = self._mentoring_roles() if not self.env.su else {}
        for event in self:
            if event.state == new_state:
                continue
            allowed = TRANSITIONS.get((event.state, new_state))
            if allowed is None:
                raise ValidationError(
                    _(
                        "%(event)s cannot go from %(old)s to %(new)s.",
                        event=event.display_name,
                        old=labels[event.state],
                        new=labels[new_state],
                    )
                )
            if (
                new_state == "done"
                and event.event_type == "evaluation"
                and not self.env.su
                and not event.sudo().evaluation_ids.filtered(lambda e: e.state != "draft")
                and "coordinator" not in roles[event.id]
            ):
                raise UserError(
                    _("%(event)s is done when its evaluation is submitted: open it and submit it.", event=event.name)
                )
            if event.state == "missed" and not (vals.get("missed_reason_category") or event.missed_reason_category):
                raise ValidationError(_("%(event)s was missed: say why before closing it.", event=event.display_name))
            if self.env.su:
                continue
            if not roles[event.id] & allowed:
                raise AccessError(
                    _(
                        "You may not move %(event)s from %(old)s to %(new)s in your role.",
                        event=event.display_name,
                        old=labels[event.state],
                        new=labels[new_state],
                    )
                )

    def _prepare_evaluation_vals(self):
        self.ensure_one()
        kind = self.evaluation_kind or "mentor_on_mentee"
        pairing = self.pairing_id.sudo()
        evaluator = {
            "mentor": pairing.mentor_id.user_id,
            "mentee": pairing.mentee_id.user_id,
            "coordinator": pairing.program_id.coordinator_id,
        }[KIND_SPEC[kind][1]]
        return {
            "pairing_id": self.pairing_id.id,
            "event_id": self.id,
            "kind": kind,
            "evaluator_id": (evaluator or self.env.user).id,
        }

    def action_open_self(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
