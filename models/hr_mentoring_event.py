import json
from bisect import bisect_right
from collections import defaultdict
from datetime import datetime, timedelta

import pytz
from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import format_date, format_datetime
from odoo.tools.sql import create_index
from odoo.tools.translate import LazyTranslate

from .cron_tools import batch_entry, claim, execute_claim, report_progress
from .hr_mentoring_evaluation import CONFIDENTIAL_FROM_MENTOR, KIND_SPEC
from .hr_mentoring_meeting_mixin import MEETING_SYNC, MEETING_TIME_FIELDS, MEETING_TYPES
from .hr_mentoring_pairing import PHASES
from .hr_mentoring_plan_template import EVALUATION_KINDS, EVENT_TYPES, RESPONSIBLE_ROLES
from .input_checks import boolean_search_domain, check_date_window, check_name_length, date_window, shift_days
from .meeting_slots import (
    MEETING_SEARCH_WORKING_DAYS,
    SCHEDULE_ROLES,
    find_meeting_slots,
    meeting_partner,
    person_tz,
    work_intervals,
)
from .message_tools import in_lang_of, log_list
from .state_machine import ANY_STATE, allowed_steps, check_step, set_can, step, take_step, transition

_lt = LazyTranslate(__name__)

EVENT_STATES = [("planned", "Planned"), ("done", "Done"), ("missed", "Missed"), ("cancelled", "Cancelled")]

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
    "goal_ids",
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
    "signed_on_behalf",
    "acknowledged",
    "acknowledged_on",
    "acknowledged_by_id",
    "acknowledged_on_behalf",
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

CRON_BATCH_SIZE = 1000
# a reminder is a message with its notification: smaller batches, so that the
# planned events a batch holds are soon free again for their sign-offs
REMINDER_BATCH_SIZE = 100
FLAG_CRON = "hr_mentoring.ir_cron_flag_missed_events"
ESCALATION_CRON = "hr_mentoring.ir_cron_escalate_unexplained"
REMINDER_CRON = "hr_mentoring.ir_cron_send_reminders"
# the mentee's (or whoever acts for them) activity on a signed event, done when acknowledged
ACKNOWLEDGE_ACTIVITY = "hr_mentoring.mail_activity_type_acknowledge"

# who may move a mentoring meeting in the Calendar: its two attendees, and coordinators
MOVE_ROLES = frozenset({"coordinator", "mentor", "mentee"})
# who may put back the date an event had before a time off that was cancelled
RESTORE_ROLES = frozenset({"coordinator", "mentor"})
# a time off moves an event to the mentee's first working day after it when
# that day comes within this many days of the event's date; beyond (an
# open-ended or very long time off) the event stays and the coordinator decides
TIME_OFF_HORIZON_DAYS = 92
# who explains a missed event (and closes it, through the explanation wizard)
EXPLAIN_ROLES = frozenset({"coordinator", "mentor", "head"})
# whoever takes part in the pairing (the record rules let them read the event)
PARTICIPANT_ROLES = frozenset({"coordinator", "head", "mentor", "mentee"})

# the buttons of an event (hr_mentoring.state_machine): who presses each, in which states
STEPS = {
    "sign": transition(
        _lt("sign this event"),
        TRANSITIONS,
        "done",
        sources=("planned",),
        wrong_states={"missed": _lt("A missed event is closed with an explanation: use 'Explain' on it.")},
    ),
    "acknowledge": step(
        _lt("acknowledge this event"),
        ("done",),
        {"mentee", "mentee_proxy", "coordinator"},
        wrong_states={ANY_STATE: _lt("A mentee acknowledges an event once the mentor has signed it done.")},
    ),
    "review": step(
        _lt("review this event"),
        ("done", "missed", "cancelled"),
        {"head", "coordinator"},
        wrong_states={"planned": _lt("%(record)s is not signed yet: a head reviews signed events.")},
    ),
    "cancel": transition(_lt("cancel this event"), TRANSITIONS, "cancelled"),
    "reset": transition(_lt("put this event back to planned"), TRANSITIONS, "planned"),
    "explain": step(
        _lt("explain a missed event"),
        ("missed",),
        EXPLAIN_ROLES,
        wrong_states={ANY_STATE: _lt("%(record)s is not missed: nothing to explain.")},
    ),
    "open_evaluation": step(_lt("open the evaluation of this event"), ("planned", "done", "missed"), PARTICIPANT_ROLES),
    "restore_date": step(_lt("restore the date of this event"), ("planned",), RESTORE_ROLES),
    # its states are the meeting's own condition (_mentoring_check_may_have_meeting)
    "schedule_meeting": step(_lt("schedule the meeting of this event"), (ANY_STATE,), SCHEDULE_ROLES),
}
# can_* field -> the step it shows
CAN_STEPS = {
    "can_sign": "sign",
    "can_acknowledge": "acknowledge",
    "can_review": "review",
    "can_cancel": "cancel",
    "can_explain": "explain",
    "can_reset": "reset",
    "can_open_evaluation": "open_evaluation",
}


class HrMentoringEvent(models.Model):
    """One dated item of a pairing's plan: the mentor signs it, the mentee
    acknowledges it, the department head reviews it; its activities, the
    scheduled actions that follow missed events up, its meeting in the
    Calendar and the moves that time off makes."""

    _name = "hr.mentoring.event"
    _description = "Mentoring Plan Event"
    _inherit = [
        "hr.mentoring.activity.mixin",
        "hr.mentoring.role.mixin",
        "hr.mentoring.meeting.mixin",
        "hr.mentoring.pairing.part.mixin",
    ]
    _order = "date_due, sequence, id"
    _rec_names_search = ["name", "mentee_id.name"]
    _check_company_auto = True
    _mentoring_writable_fields = {
        "mentor": {"state", *MENTOR_PART, *MISSED_PART},
        "mentee": {"acknowledged", *MENTEE_PART},
        # the mentor or the head of a mentee without a user account acknowledges for them
        "mentee_proxy": {"acknowledged", *MENTEE_PART},
        "head": {"state", "reviewed", *HEAD_PART, *MISSED_PART},
        # the user of the event's responsible role completes it (e.g. a self-evaluation)
        "responsible": {"state"},
    }
    _mentoring_steps = STEPS

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    event_type = fields.Selection(EVENT_TYPES, string="Type", required=True, default="situational_discussion")
    evaluation_kind = fields.Selection(EVALUATION_KINDS)
    phase = fields.Selection(PHASES, default="adaptation")
    responsible_role = fields.Selection(RESPONSIBLE_ROLES, string="Responsible", required=True, default="mentor")
    instructions = fields.Html(string="Instructions for the Mentor", readonly=True, translate=True)
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
    signed_on_behalf = fields.Boolean(
        readonly=True,
        copy=False,
        help="Signed for the person responsible, who has no user account (a coordinator for a mentor, the "
        "mentor for a mentee).",
    )
    mentor_comment = fields.Text(string="Mentor's Comment", copy=False)
    # the mentee's acknowledgement
    acknowledged = fields.Boolean(string="Acknowledged by the Mentee", copy=False, tracking=True)
    acknowledged_on = fields.Datetime(readonly=True, copy=False)
    acknowledged_by_id = fields.Many2one("res.users", string="Acknowledgement Recorded By", readonly=True, copy=False)
    acknowledged_on_behalf = fields.Boolean(
        string="Acknowledged on the Mentee's Behalf",
        readonly=True,
        copy=False,
        help="The mentee has no user account: their mentor, their department head or a coordinator recorded "
        "the acknowledgement for them.",
    )
    mentee_has_no_user = fields.Boolean(
        compute="_compute_mentee_has_no_user",
        help="The mentee has no user account: whoever acts for them records their acknowledgements.",
    )
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
    # the pairing's goals, on the discussions: the mentor updates their progress
    # where the conversation happens (written to the goals themselves, see write)
    goal_ids = fields.Many2many("hr.mentoring.goal", string="Goals", compute="_compute_goal_ids", readonly=False)
    evaluation_ids = fields.One2many("hr.mentoring.evaluation", "event_id", string="Evaluations")

    # time off moved the date, or the mentor is away on it
    date_before_time_off = fields.Date(
        string="Planned Date", readonly=True, copy=False, help="The date the plan gave, before time off moved it."
    )
    moved_reason = fields.Char(string="Moved Because", readonly=True, copy=False, translate=True)
    moved_leave_id = fields.Many2one("resource.calendar.leaves", readonly=True, copy=False, ondelete="set null")
    restore_date = fields.Date(
        readonly=True, copy=False, help="The time off that moved this event was cancelled: its date can be restored."
    )
    mentor_away = fields.Boolean(readonly=True, copy=False, help="Due during the mentor's time off: reschedule it.")
    mentee_away = fields.Boolean(
        readonly=True,
        copy=False,
        help="Due during a time off of the mentee that leaves no working day in the next three months: the "
        "coordinator pauses the pairing or reschedules.",
    )

    # the meeting in the Calendar
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Meeting", readonly=True, copy=False, index="btree_not_null", ondelete="set null"
    )
    meeting_start = fields.Datetime(related="calendar_event_id.start", string="Meeting Starts")
    has_meeting = fields.Boolean(compute="_compute_has_meeting", string="In the Calendar")

    # what the current user may do on the form (the server checks it again)
    can_sign = fields.Boolean(compute="_compute_can", help="The current user may sign the event done.")
    can_acknowledge = fields.Boolean(compute="_compute_can")
    can_review = fields.Boolean(compute="_compute_can")
    can_cancel = fields.Boolean(compute="_compute_can")
    can_explain = fields.Boolean(compute="_compute_can")
    can_reset = fields.Boolean(compute="_compute_can")
    can_open_evaluation = fields.Boolean(compute="_compute_can")
    can_edit_mentor_part = fields.Boolean(compute="_compute_can")
    can_edit_mentee_part = fields.Boolean(compute="_compute_can")
    can_edit_head_part = fields.Boolean(compute="_compute_can")
    can_edit_missed = fields.Boolean(compute="_compute_can")
    can_edit_plan = fields.Boolean(compute="_compute_can")
    can_schedule_meeting = fields.Boolean(compute="_compute_can_schedule_meeting")
    can_restore_date = fields.Boolean(compute="_compute_can_restore_date")

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

    @api.depends("pairing_id")
    @api.depends_context("uid")
    def _compute_goal_ids(self):
        # with the reader's rights: the goals every reader of the event reads
        goals = self.env["hr.mentoring.goal"].search(
            [("pairing_id", "in", self.pairing_id.ids), ("state", "!=", "dropped")]
        )
        by_pairing = goals.grouped("pairing_id")
        for event in self:
            event.goal_ids = by_pairing.get(event.pairing_id, goals.browse())

    @api.depends("name", "mentee_id")
    def _compute_display_name(self):
        for event in self:
            event.display_name = f"{event.name} ({event.mentee_id.name})" if event.mentee_id else event.name

    @api.depends("mentee_id")
    def _compute_mentee_has_no_user(self):
        for event in self:
            # sudo: whether the mentee has a user, not who it is
            event.mentee_has_no_user = bool(event.sudo().mentee_id and not event.sudo().mentee_id.user_id)

    @api.depends("calendar_event_id")
    def _compute_has_meeting(self):
        for event in self:
            event.has_meeting = bool(event.calendar_event_id)

    @api.depends(
        "state", "event_type", "acknowledged", "reviewed", "missed_reason_category", "pairing_id", "evaluation_ids"
    )
    @api.depends_context("uid")
    def _compute_can(self):
        """Odoo's Time Off way (hr.leave.can_approve): the form shows a
        button when its step passes for the current user, and lets a field be
        typed into when the server would accept it; roles are computed once."""
        roles = self._mentoring_roles()
        writable = self._mentoring_writable_by_user(roles)
        allowed = allowed_steps(self, CAN_STEPS.values(), roles)
        for event in self:
            for fname, name in CAN_STEPS.items():
                event[fname] = allowed[name][event.id]
            fields_ok = writable[event.id]
            event.can_edit_mentor_part = set(MENTOR_PART) <= fields_ok
            event.can_edit_mentee_part = set(MENTEE_PART) <= fields_ok
            event.can_edit_head_part = set(HEAD_PART) <= fields_ok
            event.can_edit_missed = set(MISSED_PART) <= fields_ok
            event.can_edit_plan = set(PLAN_PART) <= fields_ok

    @api.depends_context("uid")
    @api.depends("state", "event_type", "calendar_event_id", "pairing_id.state", "program_id.calendar_meetings")
    def _compute_can_schedule_meeting(self):
        set_can(self, "can_schedule_meeting", "schedule_meeting")

    @api.depends_context("uid")
    @api.depends("state", "restore_date")
    def _compute_can_restore_date(self):
        set_can(self, "can_restore_date", "restore_date")

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

    def init(self):
        res = super().init()
        # the missed-events batch reads the oldest planned events first: with
        # this index it reads just those, however many events are done (on
        # 1,000,000 events the date index alone made it 3 times slower)
        create_index(
            self.env.cr,
            "hr_mentoring_event_planned_due_index",
            self._table,
            ["date_due", "id"],
            where="state = 'planned'",
        )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        if not self._mentoring_is_coordinator():
            self._check_create_by_role(vals_list)
        goal_updates = [vals.pop("goal_ids", None) for vals in vals_list]
        events = super().create(vals_list)
        for event, commands in zip(events, goal_updates, strict=True):
            if commands:
                event._mentoring_update_goals(commands)
        if not self.env.context.get("mentoring_no_activity_sync"):
            events.filtered(lambda e: e.state == "planned")._mentoring_sync_activities()
        return events

    def write(self, vals):
        if "date_due" in vals and not {"mentor_away", "mentee_away"} & set(vals):
            # a new date is the rescheduling the mentor_away and mentee_away flags asked for
            vals = dict(vals, mentor_away=False, mentee_away=False)
        # a meeting follows its event's date and cancellation (not when the meeting moved the event)
        with_meeting = self.browse()
        if not self.env.context.get(MEETING_SYNC) and {"date_due", "state"} & set(vals):
            # sudo: which events have a meeting, whoever moves them (time off moves them as superuser)
            with_meeting = self.sudo().filtered("calendar_event_id")
        old_dates = {event.id: event.date_due for event in with_meeting}
        self._mentoring_check_write(vals)
        # un-ticked, it would leave who and when behind: it goes with the reset to planned only
        withdrawn = "acknowledged" in vals and not vals["acknowledged"] and vals.get("state") != "planned"
        if withdrawn and not self.env.su and any(self.mapped("acknowledged")):
            raise UserError(
                _(
                    "An acknowledgement is not withdrawn: the coordinator puts the event back to planned, and the "
                    "mentee acknowledges it again once it is signed."
                )
            )
        vals = dict(vals)
        if "goal_ids" in vals:
            self._mentoring_update_goals(vals.pop("goal_ids"))
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
                # signed again later, it is acknowledged again
                vals.update(
                    date_done=False,
                    signed_by_id=False,
                    signed_on=False,
                    signed_on_behalf=False,
                    missed_on=False,
                    acknowledged=False,
                    acknowledged_on=False,
                    acknowledged_by_id=False,
                    acknowledged_on_behalf=False,
                )
        if vals.get("acknowledged"):
            if any(event.state != "done" for event in self):
                raise UserError(_("A mentee acknowledges an event once the mentor has signed it done."))
            vals.update(acknowledged_on=fields.Datetime.now(), acknowledged_by_id=self.env.uid)
        if vals.get("reviewed"):
            vals.update(reviewed_by_id=self.env.uid, reviewed_on=fields.Datetime.now())
        if vals.get("missed_reason_category"):
            vals.update(explained_by_id=self.env.uid, explained_on=fields.Datetime.now())
        on_behalf = self._mentoring_on_behalf_of(vals)
        res = super().write(vals)
        if "state" in vals or "acknowledged" in vals:
            self._mentoring_sync_acknowledge_activities()
        if on_behalf:
            self._mentoring_record_on_behalf(on_behalf)
        if {"state", "date_due", "responsible_role", "name"} & set(vals) and not self.env.context.get(
            "mentoring_activity_done"
        ):
            self._mentoring_sync_activities()
        if with_meeting:
            if vals.get("state") == "cancelled":
                with_meeting._mentoring_drop_meetings()
            elif "date_due" in vals:
                with_meeting._mentoring_move_meetings(old_dates)
        return res

    def copy_data(self, default=None):
        # a missed event is copied as its rescheduled event (the explanation
        # wizard); any other copy would be a second event of the plan with the
        # original's dates and signatures
        default = default or {}
        if not all(event.state == "missed" and default.get("rescheduled_from_id") == event.id for event in self):
            raise UserError(
                _(
                    "A plan event cannot be duplicated. Reschedule a missed event by explaining it, "
                    "or make the plan again with the plan wizard."
                )
            )
        return super().copy_data(default=default)

    def copy_translations(self, new, excluded=()):
        # the rescheduled event takes the missed one's texts in every language:
        # part of the copy its creator was allowed to make (copy_data, create),
        # not a change of the texts by that user
        return super(HrMentoringEvent, self.sudo()).copy_translations(new.sudo(), excluded=excluded)

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

    def unlink(self):
        # sudo: the meetings of the events deleted (a plan replaced) leave the Calendar with them
        meetings = self.sudo().calendar_event_id
        res = super().unlink()
        meetings.exists().with_context(**{MEETING_SYNC: True}).unlink()
        return res

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_mark_done(self):
        """The mentor (or the event's responsible) signs the event done."""
        return take_step(self, "sign")

    def action_acknowledge(self):
        """The mentee acknowledges the signed event; for a mentee without a
        user account, their mentor, their department head or a coordinator
        records it on their behalf."""
        return take_step(self, "acknowledge", {"acknowledged": True})

    def action_review(self):
        return take_step(self, "review", {"reviewed": True})

    def action_cancel(self):
        return take_step(self, "cancel")

    def action_reset_planned(self):
        return take_step(self, "reset")

    def action_explain_missed(self):
        return self._mentoring_step_form(
            "explain", "hr.mentoring.missed.wizard", _("Explain the Missed Event"), {"default_event_id": self.id}
        )

    def action_open_evaluation(self):
        """Evaluation events open their evaluation, creating it the first time."""
        self.ensure_one()
        check_step(self, "open_evaluation")
        # sudo: whether it exists; the check above made sure the user reads it
        evaluation = self.sudo().evaluation_ids[:1].with_env(self.env)
        if not evaluation:
            evaluation = self.env["hr.mentoring.evaluation"].create(self._mentoring_prepare_evaluation_vals())
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.mentoring.evaluation",
            "res_id": evaluation.id,
            "view_mode": "form",
            "views": [(False, "form")],
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

    def action_schedule_meeting(self):
        """Put these discussions or feedback events in the Calendar: the first
        slot of each (on its due date, else the next working days) inside both
        people's working hours and free of their other meetings."""
        check_step(self, "schedule_meeting")
        slots = self._mentoring_meeting_slots()
        missing = self.filtered(lambda e: not slots.get(e.id))
        if missing:
            raise UserError(missing[0]._mentoring_no_slot_message())
        self._mentoring_create_meetings(slots)
        return True

    def action_open_meeting_wizard(self):
        """The form's Schedule Meeting: the first free slot of this event's
        meeting (as action_schedule_meeting finds it), shown in a wizard that
        books it only on Confirm; no slot found, the wizard asks for one."""
        self.ensure_one()
        check_step(self, "schedule_meeting")
        wizard = self.env["hr.mentoring.meeting.wizard"].create(
            {"pairing_id": self.pairing_id.id, "event_ids": [Command.set(self.ids)]}
        )
        wizard._mentoring_propose()
        return wizard._mentoring_reopen()

    def action_restore_date(self):
        """Put back the date of the plan, its time off being cancelled."""
        check_step(self, "restore_date")
        for event in self.sudo():
            old = event.date_due
            event.write({"date_due": event.restore_date, "restore_date": False, "moved_reason": False})
            env = event._mentoring_reader_env()
            event.pairing_id._message_log(
                body=env._(
                    "%(event)s: %(old)s → %(new)s, restored after the time off was cancelled",
                    event=event.with_env(env).name,
                    old=format_date(env, old),
                    new=format_date(env, event.date_due),
                )
            )

    # ------------------------------------------------------------------
    # business
    # ------------------------------------------------------------------

    def _mentoring_roles(self):
        """Pairing roles, plus 'responsible' for the user who must act on the event."""
        roles = super()._mentoring_roles()
        if self.env.su:
            return roles
        responsible = self.filtered(lambda e: e.state in ("planned", "missed"))._mentoring_responsible_users()
        for event in self:
            if responsible.get(event.id) == self.env.user:
                roles[event.id].add("responsible")
        return roles

    def _mentoring_check_step(self, name, roles):
        """The conditions of the event's buttons that are not a state nor a
        role (hr_mentoring.state_machine)."""
        self.ensure_one()
        if name == "sign":
            self._check_evaluation_submitted(roles)
        elif name == "acknowledge" and self.acknowledged:
            raise UserError(_("%(event)s is already acknowledged.", event=self.display_name))
        elif name == "review" and self.reviewed:
            raise UserError(_("%(event)s is already reviewed.", event=self.display_name))
        elif name == "review" and not self._mentoring_is_reviewable():
            raise UserError(
                _(
                    "%(event)s was missed and is not explained yet: it is reviewed once it is explained.",
                    event=self.display_name,
                )
            )
        elif name == "cancel" and self.state == "missed":
            self._check_missed_explained({})
        elif name == "open_evaluation":
            self._check_may_open_evaluation(roles)
        elif name == "restore_date" and not self.restore_date:
            raise UserError(_("%(event)s has no date to restore.", event=self.name))
        elif name == "schedule_meeting":
            self._mentoring_check_may_have_meeting()

    def _check_evaluation_submitted(self, roles):
        """An evaluation event is done when its evaluation is submitted (coordinators close it anyway)."""
        if (
            self.event_type == "evaluation"
            and not self.env.su
            and "coordinator" not in roles
            and not self.sudo().evaluation_ids.filtered(lambda e: e.state != "draft")
        ):
            raise UserError(
                _("%(event)s is done when its evaluation is submitted: open it and submit it.", event=self.name)
            )

    def _check_missed_explained(self, vals):
        if self.state == "missed" and not (vals.get("missed_reason_category") or self.missed_reason_category):
            raise ValidationError(_("%(event)s was missed: say why before closing it.", event=self.display_name))

    def _check_may_open_evaluation(self, roles):
        """The evaluation of an evaluation event opens for who reads it, and
        is started by its evaluator (or a coordinator)."""
        if self.event_type != "evaluation":
            raise UserError(_("Only evaluation events have an evaluation."))
        # sudo: whether the evaluation exists; who may read it is checked next
        evaluation = self.sudo().evaluation_ids[:1]
        if evaluation:
            evaluation.with_env(self.env).check_access("read")
        elif "coordinator" not in roles and not self.env.su and self._mentoring_evaluator() != self.env.user:
            # a mentee without a user: their mentor or head records it for them
            # (the evaluation's _check_evaluator says which of them, by its kind)
            by_proxy = (
                KIND_SPEC[self.evaluation_kind or "mentor_on_mentee"][1] == "mentee"
                and not self.sudo().mentee_id.user_id
                and bool(roles & {"mentor", "head"})
            )
            if not by_proxy:
                raise AccessError(_("Only its evaluator starts the evaluation of %(event)s.", event=self.name))

    def _mentoring_update_goals(self, commands):
        """The goals' progress updated on the discussion (the form's list of
        the pairing's goals): each change is written to the goal itself, with
        the user's rights and the goal's own checks. Adding or removing goals
        is done on the pairing's goals, not here."""
        goals = self.env["hr.mentoring.goal"]
        for command in commands or ():
            if not isinstance(command, (list, tuple)) or not command:
                continue
            if command[0] == Command.UPDATE:
                goal = goals.browse(command[1])
                if goal.pairing_id not in self.pairing_id:
                    raise UserError(_("A discussion updates the goals of its own pairing only."))
                if command[2]:
                    goal.write(command[2])
            elif command[0] in (Command.CREATE, Command.DELETE):
                raise UserError(_("Add and remove goals on the pairing's Goals; a discussion updates their progress."))

    def _check_create_by_role(self, vals_list):
        """Mentors log situational discussions on their own pairings; plans come from the wizard."""
        pairings = self._mentoring_readable_pairings(vals_list)
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
            if new_state == "done":
                event._check_evaluation_submitted(roles.get(event.id, set()))
            event._check_missed_explained(vals)
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

    def _mentoring_prepare_evaluation_vals(self):
        self.ensure_one()
        return {
            "pairing_id": self.pairing_id.id,
            "event_id": self.id,
            "kind": self.evaluation_kind or "mentor_on_mentee",
            "evaluator_id": (self._mentoring_evaluator() or self.env.user).id,
        }

    def _mentoring_evaluator(self):
        """The user who writes the evaluation of this evaluation event, by its kind."""
        self.ensure_one()
        # sudo: the users of the pairing's two employees and programme
        pairing = self.pairing_id.sudo()
        return {
            "mentor": pairing.mentor_id.user_id,
            "mentee": pairing.mentee_id.user_id,
            "coordinator": pairing.program_id.coordinator_id,
        }[KIND_SPEC[self.evaluation_kind or "mentor_on_mentee"][1]].with_env(self.env)

    def _mentoring_copy_template_texts(self, suffixes):
        """Give these events the name and instructions of their plan template
        lines in every language the lines are translated into, in one query:
        ``suffixes`` {event id: text after the name in every language, the
        occurrence of a repeated line such as " (2/8)"}."""
        if not self:
            return
        self.env.flush_all()
        ids = list(suffixes)
        self.env.cr.execute(
            SQL(
                """
                UPDATE hr_mentoring_event e
                   SET name = (SELECT jsonb_object_agg(t.key, t.value || v.suffix) FROM jsonb_each_text(l.name) t),
                       instructions = l.instructions
                  FROM unnest(%s::int[], %s::varchar[]) AS v(event_id, suffix),
                       hr_mentoring_plan_template_line l
                 WHERE e.id = v.event_id
                   AND l.id = e.template_line_id
                """,
                ids,
                [suffixes[event_id] for event_id in ids],
            )
        )
        self.invalidate_recordset(["name", "instructions", "display_name"])

    # ------------------------------------------------------------------
    # activities: one "Mentoring" activity per planned event for whoever
    # must act on it, the "find out why" activities of missed events, and
    # an event completed from its activity (the batching is the mixin's)
    # ------------------------------------------------------------------

    def _mentoring_responsible_users(self):
        """{event id: user} who must act on each event, per its responsible role.

        A person without a user account has someone to act for them: the
        mentor for a mentee (the department head for the mentee's answers the
        mentor does not read), the programme's coordinator for a mentor. Whoever is
        missing, the coordinator acts: no event waits for nobody."""
        pairings = self.pairing_id.sudo()
        heads = pairings._mentoring_head_users()
        result = {}
        for event in self:
            pairing = event.pairing_id.sudo()
            role = event.responsible_role
            coordinator = pairing.program_id.coordinator_id
            if role == "mentor":
                user = pairing.mentor_id.user_id
            elif role == "mentee":
                user = pairing.mentee_id.user_id
                if not user and event.evaluation_kind in CONFIDENTIAL_FROM_MENTOR:
                    user = heads.get(pairing.id)
                elif not user:
                    user = pairing.mentor_id.user_id
            elif role == "head":
                user = heads.get(pairing.id)
            else:
                user = coordinator
            result[event.id] = user or coordinator or self.env["res.users"]
        return result

    def _mentoring_on_behalf_of(self, vals):
        """{event id: (what, person)} for the sign-offs and acknowledgements
        that ``vals`` records for a person without a user account; computed
        before the write, recorded after it (_mentoring_record_on_behalf)."""
        if self.env.su or not (vals.get("state") == "done" or vals.get("acknowledged")):
            return {}
        result = {}
        # sudo: whether the mentor and the mentee have a user, nothing more
        for event in self.sudo():
            if vals.get("state") == "done" and event.state != "done":
                person = {"mentor": event.mentor_id, "mentee": event.mentee_id}.get(event.responsible_role)
                if person and not person.user_id:
                    result[event.id] = ("signed", person)
            if vals.get("acknowledged") and not event.acknowledged and not event.mentee_id.user_id:
                result[event.id] = ("acknowledged", event.mentee_id)
        return result

    def _mentoring_record_on_behalf(self, on_behalf):
        """Keep on the event, and in its chatter, that the current user signed
        or acknowledged it for someone without a user account."""
        user = self.env.user
        bodies = {}
        # sudo: the flags are the server's record of the write the caller was allowed to make
        for event in self.sudo().browse(list(on_behalf)):
            what, person = on_behalf[event.id]
            if what == "signed":
                event.signed_on_behalf = True
                bodies[event.id] = _(
                    "Signed by %(user)s on behalf of %(person)s, who has no user account.",
                    user=user.name,
                    person=person.name,
                )
            else:
                event.acknowledged_on_behalf = True
                bodies[event.id] = _(
                    "Acknowledged by %(user)s on behalf of %(person)s, who has no user account.",
                    user=user.name,
                    person=person.name,
                )
        self.sudo().browse(list(bodies))._message_log_batch(bodies=bodies)

    def _mentoring_sync_activities(self):
        """Keep one 'Mentoring' activity per planned event of an active
        pairing, for the responsible user, in batch. The plan of a draft or
        proposed pairing is a draft: nobody is asked to act on a plan that may
        be declined; its activities start when the pairing becomes active
        (hr.mentoring.pairing._mentoring_on_activated)."""
        activity_xmlid = "hr_mentoring.mail_activity_type_mentoring"
        by_event = defaultdict(lambda: self.env["mail.activity"])
        for activity in self._mentoring_activities(activity_xmlid):
            by_event[activity.res_id] |= activity
        # sudo: the pairing's state only, whoever changed the event
        running = self.sudo().filtered(lambda e: e.state == "planned" and e.pairing_id.state == "active")
        users = self.browse(running.ids)._mentoring_responsible_users()
        texts = self._mentoring_texts_for(users)
        to_create, to_unlink = [], self.env["mail.activity"].sudo()
        for event in self:
            activities = by_event[event.id]
            user = users.get(event.id)
            if not user:
                to_unlink |= activities
                continue
            summary, note = texts[event.id]
            keep = activities[:1]
            to_unlink |= activities[1:]
            if keep:
                if (keep.date_deadline, keep.user_id, keep.summary) != (event.date_due, user, summary):
                    keep.write({"date_deadline": event.date_due, "user_id": user.id, "summary": summary})
            else:
                to_create.append(
                    {
                        "record": event,
                        "type": activity_xmlid,
                        "user": user,
                        "summary": summary,
                        "note": note,
                        "date_deadline": event.date_due,
                    }
                )
        to_unlink.unlink()
        self._mentoring_schedule_activities(to_create)

    def _mentoring_acknowledger_users(self):
        """{event id: user} who acknowledges each event: the mentee; for a
        mentee without a user account, whoever acts for them as for the
        mentee's part of the plan (_mentoring_responsible_users): the mentor,
        else the department head, else the programme's coordinator."""
        # sudo: the users of the pairing's people and programme, to assign the activity
        events = self.sudo()
        no_user = events.filtered(lambda e: not e.mentee_id.user_id)
        heads = no_user.pairing_id._mentoring_head_users() if no_user else {}
        return {
            event.id: event.mentee_id.user_id
            or event.mentor_id.user_id
            or heads.get(event.pairing_id.id)
            or event.program_id.coordinator_id
            for event in events
        }

    def _mentoring_sync_acknowledge_activities(self):
        """Keep one 'to acknowledge' activity per event signed done and not
        acknowledged yet, of an active pairing, for the mentee or whoever acts
        for them, in batch: scheduled when the event is signed, done when it is
        acknowledged, removed when the event goes back to planned or is
        cancelled (nothing to acknowledge any more)."""
        activities = self._mentoring_activities(ACKNOWLEDGE_ACTIVITY)
        by_event = defaultdict(lambda: self.env["mail.activity"].sudo())
        for activity in activities:
            by_event[activity.res_id] |= activity
        # sudo: the pairing's state only, whoever changed the event
        events = self.sudo()
        waiting = events.filtered(lambda e: e.state == "done" and not e.acknowledged and e.pairing_id.state == "active")
        acknowledged = events.filtered(lambda e: e.state == "done" and e.acknowledged)
        to_close = activities.filtered(lambda a: a.res_id in acknowledged.ids)
        (activities - to_close).filtered(lambda a: a.res_id not in waiting.ids).unlink()
        # an acknowledgement made from the activity itself: Odoo closes that activity
        if to_close and not self.env.context.get("mentoring_activity_done"):
            to_close.with_context(mentoring_activity_done=True).action_feedback()
        new = waiting.filtered(lambda e: not by_event[e.id])
        if not new:
            return
        users = new._mentoring_acknowledger_users()
        names = new._mentoring_texts_for(users)
        self._mentoring_schedule_activities(
            [
                {
                    "record": event,
                    "type": ACKNOWLEDGE_ACTIVITY,
                    "user": users[event.id],
                    "summary": _lt("Acknowledge %(event)s", event=names[event.id][0]),
                    "note": _lt(
                        "The mentor signed this event done: read their comment and acknowledge it, or add yours."
                    ),
                }
                for event in new
            ]
        )

    def _mentoring_acknowledge_from_activity(self, feedback=None):
        """The mentee (or whoever acts for them) marked the 'to acknowledge'
        activity done: the event is acknowledged, with the same checks as the
        button."""
        events = self.filtered(lambda e: e.state == "done" and not e.acknowledged)
        if events:
            events.with_context(mentoring_activity_done=True).action_acknowledge()

    def _mentoring_reader_env(self):
        """The environment of ``self`` in the language of the plan's reader:
        the mentor of its (first) pairing, who keeps the plan."""
        return self.pairing_id[:1]._mentoring_reader_env() if self.pairing_id else in_lang_of(self, self.env.user).env

    def _mentoring_texts_for(self, users):
        """{event id: (name, instructions)} of each event in the language of
        its reader ``users`` {event id: user}: one read per language."""
        by_lang = defaultdict(list)
        for event in self:
            user = users.get(event.id)
            by_lang[(user and user.lang) or self.env.lang].append(event.id)
        texts = {}
        for lang, event_ids in by_lang.items():
            for event in self.with_context(lang=lang).browse(event_ids):
                texts[event.id] = (event.name, event.instructions)
        return texts

    def _mentoring_close_missed_activities(self, feedback):
        """The explanation is in: the 'why was it missed' activities are done
        for everyone (they belong to the head and the coordinator)."""
        self._mentoring_close_activities(
            ["hr_mentoring.mail_activity_type_missed", "hr_mentoring.mail_activity_type_escalation"],
            feedback=feedback,
        )

    def _mentoring_done_from_activity(self, feedback):
        """The responsible marked the event's activity done: the event is done."""
        events = self.filtered(lambda e: e.state == "planned").with_context(mentoring_activity_done=True)
        # the feedback given on the activity is the mentor's comment on the mentor's events
        with_comment = events.filtered(lambda e: e.responsible_role == "mentor") if feedback else events.browse()
        if with_comment:
            with_comment.write({"state": "done", "mentor_comment": feedback})
        if events - with_comment:
            (events - with_comment).write({"state": "done"})

    # ------------------------------------------------------------------
    # scheduled actions: missed events flagged and followed up, unexplained
    # ones escalated, reminders before due dates. They only look at the
    # events of active pairings: a proposed pairing's plan is a draft, and
    # an ended or cancelled pairing's open events were settled when it
    # ended (hr.mentoring.pairing._mentoring_settle_open_events)
    # ------------------------------------------------------------------

    @api.model
    def _mentoring_today_by_company(self):
        """{company id: today's date in that company's time zone}."""
        now = fields.Datetime.now().replace(tzinfo=pytz.utc)
        companies = self.env["res.company"].sudo().search([])
        return {c.id: now.astimezone(pytz.timezone(c._mentoring_tz())).date() for c in companies}

    _cron_flag_missed_events = batch_entry(FLAG_CRON, "_mentoring_flag_missed_events", CRON_BATCH_SIZE)

    @api.model
    def _mentoring_flag_missed_events(self, batch_size=CRON_BATCH_SIZE):
        """Every planned event whose due date has passed (in its company's time
        zone) becomes missed, exactly once, by batches of ``batch_size``. The
        head of each event's department gets an activity to find out why, the
        mentor's activity turns into "missed, explain", the event's chatter
        gets a note, and each coordinator gets one digest per batch. A run
        changes nothing for events already flagged.

        The scheduled actions run while users sign, acknowledge and explain
        the same plans all morning. This is how they stay out of each other's
        way (the other actions claim their rows the same way, through
        cron_tools.claim):

        - One statement claims and flags the batch: ``FOR NO KEY UPDATE SKIP
          LOCKED`` takes the events that no transaction is writing, and
          ``state = 'planned'`` is checked again in the UPDATE. Two workers
          never flag an event twice, and the action never waits for a user:
          an event a user is writing is left to the next run, asked for in a
          minute when nothing else could be taken (cron_tools.report_progress).
        - The action writes no row that users write for another reason: the
          pairing's plan figures (missed, next event, on-time rate...) are
          counted from the events when read, not stored on the pairing. Stored,
          each sign-off, acknowledgement and flag rewrote the pairing row they
          share, and under PostgreSQL's repeatable read the later transaction
          was refused: the action lost its batch all morning, and odoo.sql_db
          logged each refusal as an error. Locking the pairing rows as well
          would only move the refusals to the users' sign-offs.
        - The one refusal left is the claim of an event that a user changed
          after this transaction's snapshot (a late sign-off committed in the
          instant before the claim): it is not logged as an error, and the
          batch runs again in a minute (cron_tools.execute_claim, retry_later).
        - The flags and all they send are committed together by the
          scheduler, which calls again while events remain (``_notify_progress``):
          a process killed at any point leaves whole batches only, and an
          event's activities and its digest line go with its flag.
        """
        today_by_company = self._mentoring_today_by_company()
        if not today_by_company:
            return self.browse()
        self.env.flush_all()
        values = ", ".join(["(%s, %s::date)"] * len(today_by_company))
        params = [x for item in today_by_company.items() for x in item]
        due = """
                  FROM hr_mentoring_event e
                  JOIN today t ON t.company_id = e.company_id
                  JOIN hr_mentoring_pairing p ON p.id = e.pairing_id AND p.state = 'active'
                       AND p.paused_since IS NULL
                 WHERE e.state = 'planned' AND e.date_due < t.day
        """
        # the count of the past-due events is read in the statement's
        # snapshot, the batch's included: what remains is the count minus the batch
        ((flagged_ids, due_count),) = execute_claim(
            self.env,
            f"""
            WITH today(company_id, day) AS (VALUES {values}),
            batch AS (
                SELECT e.id {due}
              ORDER BY e.date_due, e.id
                 LIMIT %s
                   FOR NO KEY UPDATE OF e SKIP LOCKED
            ),
            flagged AS (
                UPDATE hr_mentoring_event e
                   SET state = 'missed', missed_on = t.day, write_date = now() AT TIME ZONE 'UTC', write_uid = %s
                  FROM batch, today t
                 WHERE e.id = batch.id AND t.company_id = e.company_id AND e.state = 'planned'
             RETURNING e.id
            )
            SELECT ARRAY(SELECT id FROM flagged ORDER BY id), (SELECT count(*) {due})
            """,  # noqa: S608 - only placeholders are interpolated
            [*params, batch_size, self.env.uid],
        )
        flagged = self.browse(flagged_ids)
        # the rows changed under the ORM's feet: drop what it cached, recompute
        # what depends on the state (on-time figures)
        flagged.invalidate_recordset(["state", "missed_on", "write_date", "write_uid"])
        flagged.modified(["state", "missed_on"])
        if flagged:
            flagged._mentoring_notify_missed()
        report_progress(self.env, FLAG_CRON, len(flagged), due_count - len(flagged))
        return flagged

    def _mentoring_notify_missed(self):
        """Tell who must know that these events were missed; a bounded number of
        queries. What each one gets is in their own language."""
        events = self.sudo()
        heads = events.pairing_id._mentoring_head_users()
        readers = {event: heads.get(event.pairing_id.id) or event.program_id.coordinator_id for event in events}
        # the responsible's own activity on the event turns into "explain or
        # reschedule" below: a head responsible for the event (a review) is not
        # also asked to find out why from themselves
        mentor_activities = self._mentoring_activities("hr_mentoring.mail_activity_type_mentoring")
        responsible = {(activity.res_id, activity.user_id.id) for activity in mentor_activities}
        names = events._mentoring_texts_for({event.id: user for event, user in readers.items()})
        items = []
        for event, user in readers.items():
            if (event.id, user.id) in responsible:
                continue
            items.append(
                {
                    "record": event,
                    "type": "hr_mentoring.mail_activity_type_missed",
                    "user": user,
                    "summary": _lt("Find out why this was missed: %(event)s", event=names[event.id][0]),
                    "date_deadline": event.missed_on,
                }
            )
        self._mentoring_schedule_activities(items)
        # the mentor's own activity on the event now asks for the explanation
        self._mentoring_retype_activities(
            mentor_activities, "hr_mentoring.mail_activity_type_missed", _lt("Missed: explain or reschedule")
        )
        bodies = {}
        for event in events:
            env = event._mentoring_reader_env()
            bodies[event.id] = env._(
                "Missed: no sign-off by the due date %(date)s. The department head was asked why.",
                date=format_date(env, event.date_due),
            )
        events._message_log_batch(bodies=bodies)
        self._mentoring_send_missed_digests()

    def _mentoring_send_missed_digests(self):
        """One notification per programme and run to its coordinator: the
        events of the programme flagged missed in this run, by department, and
        the programme's missed events in all (MISSED_DOMAIN: the Missed figure
        of its card, which counts the earlier ones not settled yet and no
        longer those explained as done late or cancelled since)."""
        by_program = defaultdict(lambda: self.browse())
        for event in self.sudo():
            by_program[event.program_id] |= event
        programs = self.env["hr.mentoring.program"].sudo().union(*by_program)
        # sudo: the coordinator's card counts every event of their programme
        totals = (
            self.env["hr.mentoring.figures"]
            .sudo()
            ._mentoring_event_figures([("program_id", "in", programs.ids)], ["program_id"])
        )
        for program, events in by_program.items():
            coordinator = program.coordinator_id
            if not coordinator:
                continue
            # in the coordinator's language, not the cron user's
            env = in_lang_of(events, coordinator).env
            by_department = defaultdict(list)
            for event in events:
                by_department[event.department_id.display_name or env._("No Department")].append(event)
            rows = Markup("")
            for department, department_events in sorted(by_department.items()):
                items = Markup("")
                for event in department_events:
                    line = env._(
                        "%(mentee)s: %(event)s, due on %(date)s",
                        mentee=event.mentee_id.name,
                        event=event.name,
                        date=format_date(env, event.date_due),
                    )
                    items += Markup("<li>%s</li>") % line
                rows += Markup("<li><b>%s</b><ul>%s</ul></li>") % (department, items)
            total = totals.get((program,), {}).get("missed", 0)
            body = Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
                env._("%(count)s mentoring events were missed:", count=len(events)),
                rows,
                env._(
                    "In all, %(program)s has %(total)s missed events to explain or reschedule.",
                    program=program.with_env(env).name,
                    total=total,
                ),
            )
            # a notification, not a note in the programme's chatter: mentee names
            # and departments are for the coordinator only
            program.with_env(env).message_notify(
                body=body,
                subject=env._("Missed mentoring events"),
                partner_ids=coordinator.partner_id.ids,
            )

    _cron_escalate_unexplained = batch_entry(ESCALATION_CRON, "_mentoring_escalate_unexplained", CRON_BATCH_SIZE)

    @api.model
    def _mentoring_escalate_unexplained(self, batch_size=CRON_BATCH_SIZE):
        """Missed events still without an explanation N working days after the
        flag (company setting) go to the programme coordinator, once, by
        batches of ``batch_size``; the scheduler calls again while some remain."""

        def unexplained(company, today):
            days = company.mentoring_escalation_days
            if days <= 0:
                return None
            return [
                ("state", "=", "missed"),
                ("missed_reason_category", "=", False),
                ("escalated_on", "=", False),
                ("missed_on", "<", company._mentoring_nth_working_day_back(today, days)),
            ]

        escalated, today_by_company, remaining = self._mentoring_claim_by_company(batch_size, unexplained)
        for company, events in escalated.grouped("company_id").items():
            events.write({"escalated_on": today_by_company[company.id]})
        escalated._mentoring_schedule_activities(
            [
                {
                    "record": event,
                    "type": "hr_mentoring.mail_activity_type_escalation",
                    "user": event.program_id.coordinator_id,
                    "summary": in_lang_of(self, event.program_id.coordinator_id).env._(
                        "Still unexplained %(days)s working days after it was missed",
                        days=event.company_id.mentoring_escalation_days,
                    ),
                    "date_deadline": today_by_company[event.company_id.id],
                }
                for event in escalated
            ]
        )
        report_progress(self.env, ESCALATION_CRON, len(escalated), remaining)
        return escalated.with_env(self.env)

    _cron_send_reminders = batch_entry(REMINDER_CRON, "_mentoring_send_reminders", REMINDER_BATCH_SIZE)

    @api.model
    def _mentoring_send_reminders(self, batch_size=REMINDER_BATCH_SIZE):
        """Remind the responsible some days before the due date (company
        setting), once per event, by batches of ``batch_size``; the scheduler
        calls again while some remain."""

        def coming(company, today):
            if not company.mentoring_reminder:
                return None
            return [
                ("state", "=", "planned"),
                ("reminder_sent", "=", False),
                ("date_due", ">=", today),
                ("date_due", "<=", shift_days(today, company.mentoring_reminder_days)),
            ]

        sent, _today_by_company, remaining = self._mentoring_claim_by_company(batch_size, coming)
        sent.write({"reminder_sent": True})
        sent = sent.with_env(self.env)
        sent._mentoring_post_reminders()
        report_progress(self.env, REMINDER_CRON, len(sent), remaining)
        return sent

    @api.model
    def _mentoring_claim_by_company(self, batch_size, domain_of):
        """One batch of a scheduled action's events, company by company: in each
        company, with today in its time zone, ``domain_of(company, today)`` names
        the events to process (None: nothing to do there) among those of the
        company's running pairings: active, not paused. At most ``batch_size``
        events in all are claimed, as _mentoring_flag_missed_events explains
        (cron_tools.claim). Returns the claimed events (as superuser), today in
        each company, and how many remain: beyond the batch, or held by a user."""
        today_by_company = self._mentoring_today_by_company()
        claimed = self.sudo().browse()
        remaining = 0
        for company in self.env["res.company"].sudo().browse(list(today_by_company)):
            domain = domain_of(company, today_by_company[company.id])
            if domain is None:
                continue
            domain = [
                ("company_id", "=", company.id),
                ("pairing_id.state", "=", "active"),
                ("pairing_id.paused_since", "=", False),
                *domain,
            ]
            events = claim(self.sudo(), domain, batch_size - len(claimed))
            claimed |= events
            remaining += self.sudo().search_count(domain) - len(events)
        return claimed, today_by_company, remaining

    def _mentoring_post_reminders(self):
        """Post the reminder of each of these events on its chatter, to its
        responsible: the template is rendered once for all the events of a
        language (its subject and dates in the reader's language), then each
        event gets its message."""
        if not self:
            return
        template = self.env.ref("hr_mentoring.mail_template_event_reminder")
        users = self._mentoring_responsible_users()
        by_lang = defaultdict(list)
        for event in self:
            user = users.get(event.id)
            if user:
                by_lang[user.lang or self.env.lang].append(event.id)
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        for lang, event_ids in by_lang.items():
            subjects = template._render_field("subject", event_ids, set_lang=lang)
            bodies = template._render_field("body_html", event_ids, set_lang=lang)
            for event in self.browse(event_ids).with_context(lang=lang):
                event.message_post(
                    subject=subjects[event.id],
                    body=bodies[event.id],
                    partner_ids=users[event.id].partner_id.ids,
                    message_type="notification",
                    subtype_id=note,
                    email_add_signature=False,
                    mail_auto_delete=template.auto_delete,
                )

    # ------------------------------------------------------------------
    # meetings: discussions and feedback held as meetings in Odoo's
    # Calendar, in a slot free for both people (meeting_slots.py), with
    # mentor and mentee as attendees; the meeting and the event's date
    # follow each other. Invitations, and Google or Outlook sync, are the
    # Calendar's own
    # ------------------------------------------------------------------

    def _mentoring_may_have_meeting(self):
        """Whether this event can become a meeting now (whoever asks)."""
        self.ensure_one()
        # sudo: the pairing's state and the programme's setting only
        return bool(
            self.state == "planned"
            and self.event_type in MEETING_TYPES
            and not self.calendar_event_id
            and self.sudo().pairing_id.state == "active"
            and self.sudo().program_id.calendar_meetings
        )

    def _mentoring_check_may_have_meeting(self):
        for event in self:
            if event.calendar_event_id:
                raise UserError(
                    _(
                        "%(event)s already has its meeting, on %(start)s: move it in the Calendar.",
                        event=event.name,
                        start=format_datetime(self.env, event.sudo().calendar_event_id.start),
                    )
                )
            # sudo: the programme's setting only
            if not event.sudo().program_id.calendar_meetings:
                raise UserError(
                    _(
                        "The programme %(program)s keeps its meetings out of the Calendar: agree on a time with "
                        "each other instead.",
                        program=event.sudo().program_id.name,
                    )
                )
            if not event._mentoring_may_have_meeting():
                raise UserError(
                    _(
                        "%(event)s cannot be scheduled as a meeting: only the planned discussions and "
                        "feedback of an active pairing are.",
                        event=event.name,
                    )
                )

    def _mentoring_check_may_move(self):
        """Only the meeting's two attendees and coordinators move a mentoring meeting (its event follows)."""
        if self.env.su or not self:
            return
        roles = self._mentoring_roles()
        for event in self:
            if not roles.get(event.id, set()) & MOVE_ROLES:
                raise AccessError(
                    _("Only the mentor, the mentee or a coordinator may move the meeting of a mentoring event.")
                )

    def _mentoring_check_meeting_change(self, meetings, vals):
        """Before ``vals`` is written on ``meetings`` (the meetings of these
        events) in the Calendar, raise unless the change is one the events
        allow: a mentoring meeting stays private (its name says who meets
        whom); it moves only by the events' roles (``MOVE_ROLES``), to real
        dates within the date window of the module, and a planned event's
        meeting neither into the past nor off a working day of both the
        mentor and the mentee (each in their own time zone, their time off
        and public holidays counted), so that nobody makes the other's event
        missed or due on a day off. Nothing is written before these checks."""
        if "privacy" in vals and vals["privacy"] != "private" and not self.env.su:
            raise UserError(
                _("A mentoring meeting stays private: its name and contents are for the mentor and the mentee only.")
            )
        if not MEETING_TIME_FIELDS & set(vals):
            return
        self._mentoring_check_may_move()
        values = self._mentoring_meeting_values(vals)
        by_meeting = {event.calendar_event_id.id: event for event in self.sudo()}
        starts = {}
        for meeting in meetings.sudo():
            event = by_meeting.get(meeting.id)
            if not event or event.state != "planned":
                continue
            start = values.get("start") or meeting.start
            if vals.get("allday", meeting.allday):
                day = values.get("start_date") or (values["start"].date() if "start" in values else None)
                starts[event] = day or meeting.start_date or start.date()
            else:
                starts[event] = start
        self._mentoring_check_meeting_days(starts)

    def _mentoring_check_meeting_days(self, starts):
        """``starts``: {event: when its meeting starts, a naive UTC datetime,
        or a date for an all-day meeting}. Raise a UserError unless each lies
        today or later for the mentee, on a working day of both the mentor and
        the mentee, each in their own time zone (their time off and public
        holidays counted). The server's own moves (superuser) are not checked."""
        if self.env.su:
            return
        now = fields.Datetime.now().replace(tzinfo=pytz.utc)
        for record, start in starts.items():
            event = record.sudo()
            mentor, mentee = event.mentor_id, event.mentee_id
            if isinstance(start, datetime):
                moment = pytz.utc.localize(start)
                days = {person: moment.astimezone(person_tz(person)).date() for person in (mentor, mentee)}
            else:
                days = {mentor: start, mentee: start}
            if days[mentee] < now.astimezone(person_tz(mentee)).date():
                raise UserError(
                    _(
                        "The meeting of %(event)s cannot move to %(date)s: a mentoring meeting does not move "
                        "into the past.",
                        event=event.name,
                        date=format_date(self.env, days[mentee]),
                    )
                )
            around = pytz.utc.localize(datetime.combine(days[mentee], datetime.min.time()))
            work = work_intervals(mentor | mentee, around - timedelta(days=2), around + timedelta(days=3))
            for person, day in days.items():
                tz = person_tz(person)
                if day not in {begin.astimezone(tz).date() for begin, _stop, _records in work[person.id]}:
                    raise UserError(
                        _(
                            "The meeting of %(event)s cannot move to %(date)s: a mentoring meeting lands on a "
                            "working day of both %(mentor)s and %(mentee)s.",
                            event=event.name,
                            date=format_date(self.env, days[mentee]),
                            mentor=mentor.name,
                            mentee=mentee.name,
                        )
                    )

    @api.model
    def _mentoring_meeting_values(self, vals):
        """The dates and datetimes of a meeting's ``vals``, parsed: a value
        that is not one, or lies out of the module's date window, raises a
        ValidationError (the Calendar would raise OverflowError near the ends
        of the calendar)."""
        first, last = date_window(fields.Date.context_today(self))
        values = {}
        for fname in ("start", "stop", "start_date", "stop_date"):
            if not vals.get(fname):
                continue
            try:
                if fname in ("start", "stop"):
                    value = fields.Datetime.to_datetime(vals[fname])
                    day = value.date()
                else:
                    value = day = fields.Date.to_date(vals[fname])
            except (ValueError, TypeError, AttributeError):
                day = None
            if not day or not first <= day <= last:
                raise ValidationError(
                    _(
                        "A mentoring meeting moves to a date between %(first)s and %(last)s, not to %(value)s.",
                        first=format_date(self.env, first),
                        last=format_date(self.env, last),
                        value=str(vals[fname])[:40],
                    )
                )
            values[fname] = value
        return values

    def _mentoring_no_slot_message(self):
        self.ensure_one()
        return _(
            "No free slot of %(minutes)s minutes for %(mentor)s and %(mentee)s in the %(days)s working days from "
            "%(date)s: their working hours do not overlap enough, or their calendars are full. Schedule the "
            "meeting yourself in the Calendar.",
            minutes=round(self.meeting_duration * 60),
            mentor=self.sudo().mentor_id.name,
            mentee=self.sudo().mentee_id.name,
            days=MEETING_SEARCH_WORKING_DAYS,
            date=format_date(self.env, self.date_due),
        )

    def _mentoring_meeting_slots(self):
        """{event id: (start, stop) in naive UTC, or None}: the first free slot
        of each event's meeting (meeting_slots.find_meeting_slots)."""
        return find_meeting_slots(self)

    def _mentoring_create_meetings(self, slots):
        """Create the meetings ``slots`` gives ({event id: (start, stop)},
        naive UTC) in one batch, link them, and note them on the pairings.
        The caller checked that the user may schedule them."""
        if not self:
            return self.env["calendar.event"]
        # sudo: the meetings are the mentor's and private to the two
        # attendees; a coordinator who is neither creates them too
        events = self.sudo()
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for event in events:
            start, stop = slots[event.id]
            mentor, mentee = event.mentor_id, event.mentee_id
            partners = meeting_partner(mentor) | meeting_partner(mentee)
            # the meeting is the mentor's: named in their language
            env = event._mentoring_reader_env()
            vals_list.append(
                {
                    "name": env._(
                        "%(event)s: %(mentee)s and %(mentor)s",
                        event=event.with_env(env).name,
                        mentee=mentee.name,
                        mentor=mentor.name,
                    ),
                    "start": start,
                    "stop": stop,
                    "duration": (stop - start).total_seconds() / 3600,
                    "user_id": (mentor.user_id or self.env.user).id,
                    "partner_ids": [Command.set(partners.ids)],
                    "res_model_id": model_id,
                    "res_id": event.id,
                    # mentoring is between the two of them: others see "Busy"
                    "privacy": "private",
                    "show_as": "busy",
                }
            )
        meetings = self.env["calendar.event"].sudo().with_context(**{MEETING_SYNC: True}).create(vals_list)
        by_pairing = defaultdict(list)
        for event, meeting in zip(events, meetings, strict=True):
            event.with_context(**{MEETING_SYNC: True}).write({"calendar_event_id": meeting.id})
            by_pairing[event.pairing_id].append((event, meeting))
        for pairing, items in by_pairing.items():
            env = items[0][0]._mentoring_reader_env()
            log_list(
                pairing,
                env._("Meetings scheduled:"),
                (
                    env._(
                        "%(event)s: %(start)s",
                        event=event.with_env(env).name,
                        start=format_datetime(env, meeting.start),
                    )
                    for event, meeting in items
                ),
            )
        # a meeting on a later day (the due date was full): the event is due when it is held
        events._mentoring_follow_meetings(meetings)
        return meetings

    def _mentoring_is_reviewable(self):
        """A head reviews what is on record: an event signed done, cancelled,
        or missed with its explanation (a missed event without one waits for it)."""
        self.ensure_one()
        return self.state in ("done", "cancelled") or (self.state == "missed" and bool(self.missed_reason_category))

    def _mentoring_move_meetings(self, old_dates):
        """The events' dates moved (``old_dates`` {event id: date}): their
        meetings move with them. A timed meeting keeps its time of the
        mentee's day on the new date when both people are free then, else it
        takes the first free slot from the new date on, as scheduling finds
        one: the meetings moved together keep clear of each other (two
        sessions moved by one time off never share an hour), and an event
        whose meeting lands on a later day follows it. With no free slot, the
        meeting keeps its time of day; an all-day meeting moves by the days."""
        events = self.sudo().filtered(
            lambda e: e.state == "planned" and old_dates.get(e.id) and old_dates[e.id] != e.date_due
        )
        timed = events.filtered(lambda e: not e.calendar_event_id.allday)
        same_time = {}
        for event in timed:
            meeting = event.calendar_event_id
            tz = person_tz(event.mentee_id)
            local = pytz.utc.localize(meeting.start).astimezone(tz)
            start = tz.localize(datetime.combine(event.date_due, local.time().replace(tzinfo=None)))
            start = start.astimezone(pytz.utc).replace(tzinfo=None)
            same_time[event.id] = (start, start + (meeting.stop - meeting.start))
        slots = find_meeting_slots(timed, preferred=same_time, moving=timed.calendar_event_id) if timed else {}
        for event in events:
            meeting = event.calendar_event_id
            if meeting.allday:
                delta = event.date_due - old_dates[event.id]
                vals = {"start": meeting.start + delta, "stop": meeting.stop + delta}
            else:
                start, stop = slots.get(event.id) or same_time[event.id]
                vals = {"start": start, "stop": stop}
            # sudo (above): the meeting is private to its attendees; it follows its event
            meeting.with_context(**{MEETING_SYNC: True}).write(vals)
            if not meeting.allday:
                day = pytz.utc.localize(meeting.start).astimezone(person_tz(event.mentee_id)).date()
                if day != event.date_due:
                    # no free slot on the new date: the event follows its meeting
                    event.with_context(**{MEETING_SYNC: True}).write({"date_due": day})

    def _mentoring_drop_meetings(self):
        """The events were cancelled: their meetings leave the Calendar."""
        meetings = self.sudo().calendar_event_id
        self.sudo().with_context(**{MEETING_SYNC: True}).write({"calendar_event_id": False})
        meetings.with_context(**{MEETING_SYNC: True}).unlink()

    def _mentoring_meetings_cancelled(self):
        """Their meetings were deleted or archived in the Calendar: the events
        stay planned, without meeting, and the pairing says so."""
        events = self.sudo()
        events.filtered("calendar_event_id").with_context(**{MEETING_SYNC: True}).write({"calendar_event_id": False})
        for event in events.filtered(lambda e: e.state == "planned"):
            env = event._mentoring_reader_env()
            event.pairing_id._message_log(
                body=env._(
                    "The meeting of %(event)s was cancelled in the Calendar: the event stays planned on %(date)s. "
                    "Schedule a new meeting when you agree on one.",
                    event=event.with_env(env).name,
                    date=format_date(env, event.date_due),
                )
            )

    def _mentoring_follow_meetings(self, meetings):
        """The ``meetings`` of these events moved in the Calendar: each
        planned event takes its meeting's date, in the mentee's time zone
        (its activity moves with it), and the pairing says so."""
        by_meeting = {meeting.id: meeting for meeting in meetings}
        moved = defaultdict(list)
        for event in self.sudo().filtered(lambda e: e.state == "planned"):
            meeting = by_meeting.get(event.calendar_event_id.id)
            if not meeting:
                continue
            if meeting.allday:
                new = meeting.start_date
            else:
                new = pytz.utc.localize(meeting.start).astimezone(person_tz(event.mentee_id)).date()
            if new and new != event.date_due:
                moved[event.pairing_id].append((event, event.date_due, new))
                event.with_context(**{MEETING_SYNC: True}).write({"date_due": new})
        self._mentoring_log_moves(moved, _lt("Moved with their meeting:"))

    # ------------------------------------------------------------------
    # time off: the planned events a new time off (or public holiday) of
    # the mentee covers move to the mentee's next working day, each move
    # noted on the pairing; the events of the mentor's own time off are
    # flagged for rescheduling; a cancelled time off offers to restore
    # ------------------------------------------------------------------

    def _mentoring_follow_leaves(self, leaves):
        """Move the planned events of ``self`` (sudo, of the leaves' mentees) that
        are no longer on a working day to the mentee's next working day, and
        flag those of a mentor away. One working-day computation per mentee.

        An event moves only to a working day within ``TIME_OFF_HORIZON_DAYS``
        of its date. A time off that leaves none (an open-ended one, recorded
        until 2099, or a long illness) does not push the plan months or years
        away: its events keep their dates, are flagged ``mentee_away``, and
        the programme's coordinator gets an activity to pause the pairing or
        reschedule them."""
        moves = defaultdict(list)  # pairing -> [(event, old, new, leave)]
        away = self.browse()
        by_mentee = defaultdict(lambda: self.browse())
        for event in self:
            by_mentee[event.mentee_id] |= event
        for mentee, events in by_mentee.items():
            first, last = min(events.mapped("date_due")), max(events.mapped("date_due"))
            work_dates = mentee._mentoring_work_dates_between(first, shift_days(last, TIME_OFF_HORIZON_DAYS))
            for event in events:
                new = next((day for day in work_dates if day >= event.date_due), None)
                if new == event.date_due:
                    continue
                if not new or new > shift_days(event.date_due, TIME_OFF_HORIZON_DAYS):
                    away |= event
                    continue
                leave = leaves._mentoring_leave_of(event)
                moves[event.pairing_id].append((event, event.date_due, new, leave))
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for pairing, items in moves.items():
            env = items[0][0]._mentoring_reader_env()
            lines = []
            for event, old, new, leave in items:
                event.write(
                    {
                        "date_due": new,
                        "date_before_time_off": event.date_before_time_off or old,
                        "moved_leave_id": leave.id,
                        "restore_date": False,
                    }
                )
                reasons = {
                    lang: self._mentoring_moved_reason(leave, self.with_context(lang=lang).env) for lang in langs
                }
                event._mentoring_write_moved_reason(reasons)
                line = env._(
                    "%(event)s: %(old)s → %(new)s, %(reason)s",
                    event=event.with_env(env).name,
                    old=format_date(env, old),
                    new=format_date(env, new),
                    reason=reasons.get(env.lang) or self._mentoring_moved_reason(leave, env),
                )
                lines.append(line)
            log_list(pairing, env._("Moved for time off:"), lines)
        away._mentoring_flag_mentee_away()
        return moves

    @api.model
    def _mentoring_moved_reason(self, leave, env):
        """Why ``leave`` moved an event, in the language of ``env``."""
        if leave.resource_id:
            return env._("time off")
        return env._("public holiday: %(name)s", name=leave.name or "")

    def _mentoring_write_moved_reason(self, reasons):
        """Store why these events moved in every language of ``reasons``
        {lang: text} (English too, the fallback of the others), in one query."""
        reasons = dict(reasons)
        reasons.setdefault("en_US", next(iter(reasons.values())))
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE hr_mentoring_event SET moved_reason = %s::jsonb WHERE id IN %s",
                json.dumps(reasons),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["moved_reason"])

    def _mentoring_shift_working_days(self, days, title):
        """Move these planned events ``days`` working days of their mentee
        later (the working days that _mentoring_follow_leaves follows: the
        mentee's calendar, public holidays and time off), keeping their order
        and spacing in working days. Their meetings and activities follow the
        new dates (write); each pairing logs one line per moved event under
        ``title`` (a lazy translation), in its reader's language. Two
        working-day computations per mentee."""
        if days <= 0:
            return {}
        moves = defaultdict(list)
        for mentee, events in self.sudo().filtered(lambda e: e.state == "planned").grouped("mentee_id").items():
            first, last = min(events.mapped("date_due")), max(events.mapped("date_due"))
            after_first = shift_days(first, 1)
            span = len(mentee._mentoring_work_dates_between(after_first, last)) if last > first else 0
            work_dates = mentee._mentoring_work_dates(after_first, span + days)
            for event in events.sorted("date_due"):
                # the working days after ``first`` up to the event's date, then ``days`` more
                new = work_dates[bisect_right(work_dates, event.date_due) + days - 1]
                moves[event.pairing_id].append((event, event.date_due, new))
        # one write per new date: the meetings and activities follow in batch
        by_date = defaultdict(lambda: self.sudo().browse())
        for items in moves.values():
            for event, _old, new in items:
                by_date[new] |= event
        for new, events in by_date.items():
            events.write({"date_due": new})
        self._mentoring_log_moves(moves, title)
        return moves

    @api.model
    def _mentoring_log_moves(self, moves, title):
        """Log on each pairing of ``moves`` {pairing: [(event, old date, new
        date)]} one line per moved event under ``title`` (a lazy
        translation), in the language of the pairing's reader."""
        for pairing, items in moves.items():
            env = pairing._mentoring_reader_env()
            log_list(
                pairing,
                env._(title),
                [
                    env._(
                        "%(event)s: %(old)s → %(new)s",
                        event=event.with_env(env).name,
                        old=format_date(env, old),
                        new=format_date(env, new),
                    )
                    for event, old, new in items
                ],
            )

    def _mentoring_flag_mentee_away(self):
        """The mentee is on a time off with no working day in sight when these
        are due: flag them, say it on the pairing, and ask the coordinator to
        pause the pairing or reschedule (once per event)."""
        events = self.filtered(lambda e: not e.mentee_away)
        if not events:
            return
        events.write({"mentee_away": True})
        items = []
        for pairing, pairing_events in events.grouped("pairing_id").items():
            env = pairing._mentoring_reader_env()
            names = pairing_events._mentoring_dated_names(env)
            pairing._message_log(
                body=env._(
                    "%(mentee)s is on time off with no working day in the next three months when these are due: "
                    "%(events)s. They keep their dates: pause the pairing or reschedule them.",
                    mentee=pairing.mentee_id.name,
                    events=names,
                )
            )
            coordinator = pairing.program_id.coordinator_id
            items.append(
                {
                    "record": pairing,
                    "type": "mail.mail_activity_data_todo",
                    "user": coordinator,
                    "summary": in_lang_of(self, coordinator).env._(
                        "%(mentee)s is away for long: pause the pairing or reschedule", mentee=pairing.mentee_id.name
                    )
                    if coordinator
                    else "",
                }
            )
        self.env["hr.mentoring.pairing"]._mentoring_schedule_activities(items)

    def _mentoring_flag_mentor_away(self, leaves):
        """The mentor is away when these events are due: flag them, say it on the pairing."""
        events = self.filtered(lambda e: not e.mentor_away)
        if not events:
            return
        events.write({"mentor_away": True})
        for pairing, pairing_events in events.grouped("pairing_id").items():
            env = pairing._mentoring_reader_env()
            names = pairing_events._mentoring_dated_names(env)
            pairing._message_log(
                body=env._(
                    "%(mentor)s is away on time off when these are due: %(events)s. Reschedule them.",
                    mentor=pairing.mentor_id.name,
                    events=names,
                )
            )

    def _mentoring_dated_names(self, env):
        """The list "name (due date), ..." of these events, in the language of ``env``."""
        return ", ".join(f"{event.with_env(env).name} ({format_date(env, event.date_due)})" for event in self)

    def _mentoring_offer_restore(self):
        """Their time off was cancelled: offer to restore the plan's dates, never move them back silently."""
        for event in self.filtered(lambda e: e.state == "planned" and e.date_before_time_off):
            event.write({"restore_date": event.date_before_time_off, "moved_leave_id": False})
            env = event._mentoring_reader_env()
            event.pairing_id._message_log(
                body=env._(
                    "The time off that moved %(event)s was cancelled: it can go back to %(date)s (Restore Date).",
                    event=event.with_env(env).name,
                    date=format_date(env, event.date_before_time_off),
                )
            )
