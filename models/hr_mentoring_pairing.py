import operator as py_operator
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_date
from odoo.tools.translate import LazyTranslate

from .action_tools import records_action
from .cron_tools import batch_entry, claim, report_progress, retry_later, run_again_shortly
from .hr_mentoring_figures import UNEXPLAINED_DOMAIN, percent_label
from .hr_mentoring_meeting_mixin import MEETING_TYPES
from .input_checks import check_date_window, shift_days
from .meeting_slots import SCHEDULE_ROLES
from .message_tools import in_lang_of
from .skill_portrait import portrait_rows, render_svg
from .state_machine import ANY_STATE, allowed_steps, check_step, set_can, step, take_step, transition

_lt = LazyTranslate(__name__)

PAIRING_STATES = [
    ("draft", "Draft"),
    ("proposed", "Proposed"),
    ("active", "Active"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]

PHASES = [("adaptation", "Adaptation"), ("training", "Training"), ("workplace_coaching", "Coaching at the Workplace")]
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
# what a pause writes on the pairing, and a resume clears
PAUSE_FIELDS = (
    "paused_since",
    "pause_return_date",
    "pause_reason",
    "pause_auto_resume",
    "pause_frees_place",
    "pause_escalated_on",
)

# who may do the steps that are not a plain state change: the mentor declines
# (with a reason) what the coordinator proposed; the plan is made by the
# coordinator or the department head while the pairing is proposed or active;
# discussions are logged on active pairings by the mentor, the head or the
# coordinator
DECLINE_ROLES = frozenset({"mentor", "coordinator"})
PLAN_ROLES = frozenset({"coordinator", "head"})
PLAN_STATES = ("proposed", "active")
LOG_DISCUSSION_ROLES = frozenset({"coordinator", "head", "mentor"})

# button permission -> target state of the step it makes (TRANSITIONS decides who)
STEP_BUTTONS = {
    "can_propose": "proposed",
    "can_approve": "active",
    "can_done": "done",
    "can_cancel": "cancelled",
    "can_reset": "draft",
}

HEALTH_STATES = [
    ("too_early", "Too Early"),
    ("on_track", "On Track"),
    ("needs_checkin", "Needs a Check-in"),
    ("at_risk", "At Risk"),
    ("paused", "Paused"),
]

# the activity each health sends, once, when a pairing turns to it
HEALTH_ACTIVITY_TYPES = {
    "needs_checkin": "hr_mentoring.mail_activity_type_checkin",
    "at_risk": "hr_mentoring.mail_activity_type_at_risk",
}
HEALTH_BATCH_SIZE = 1000
# the pairing form's smart buttons open these lists
EVENT_ACTION = "hr_mentoring.hr_mentoring_event_action"
GOAL_ACTION = "hr_mentoring.hr_mentoring_goal_action"
# the daily actions that move the phases, and that check the health
PHASES_CRON = "hr_mentoring.ir_cron_advance_phases"
HEALTH_CRON = "hr_mentoring.ir_cron_update_health"
# the daily action that resumes the paused pairings on their return date
PAUSE_CRON = "hr_mentoring.ir_cron_resume_paused_pairings"
PAUSE_BATCH_SIZE = 200
# a pairing still paused this many working days after its return date goes to the coordinator
PAUSE_ESCALATION_DAYS = 10

# the comparisons a search on a plan figure accepts (besides in / not in)
FIGURE_COMPARATORS = {
    "=": py_operator.eq,
    "!=": py_operator.ne,
    "<": py_operator.lt,
    "<=": py_operator.le,
    ">": py_operator.gt,
    ">=": py_operator.ge,
}

# the pairings whose integration checklist may be filled: at the end of adaptation
CHECKLIST_STATES = ("active", "done")
CHECKLIST_ROLES = frozenset({"coordinator", "mentor", "head"})

# an active pairing is paused and resumed by the coordinator or the department
# head; its mentor asks them to pause it
PAUSE_ROLES = frozenset({"coordinator", "head"})
PAUSE_REQUEST_ROLES = frozenset({"mentor"})

# the buttons of a pairing (hr_mentoring.state_machine): who presses each, in which states.
# Approving starts a draft or proposed pairing; a done pairing is reopened by a direct
# write of a coordinator (TRANSITIONS), not by "Approve".
STEPS = {
    "propose": transition(_lt("propose this pairing"), TRANSITIONS, "proposed"),
    "approve": transition(_lt("approve this pairing"), TRANSITIONS, "active", sources=("draft", "proposed")),
    "done": transition(_lt("end this pairing"), TRANSITIONS, "done"),
    "cancel": transition(_lt("cancel this pairing"), TRANSITIONS, "cancelled"),
    "reset": transition(_lt("reset this pairing to draft"), TRANSITIONS, "draft"),
    "decline": step(
        _lt("decline this pairing"),
        ("proposed",),
        DECLINE_ROLES,
        wrong_states={ANY_STATE: _lt("Only a proposed pairing can be declined.")},
    ),
    "plan": step(
        _lt("create the plan of this pairing"),
        PLAN_STATES,
        PLAN_ROLES,
        wrong_states={ANY_STATE: _lt("Plans are made for proposed or active pairings.")},
    ),
    "log_discussion": step(
        _lt("log a discussion on this pairing"),
        ("active",),
        LOG_DISCUSSION_ROLES,
        wrong_states={ANY_STATE: _lt("Discussions are logged on active pairings.")},
    ),
    "schedule_meetings": step(
        _lt("schedule the meetings of this pairing"),
        ("active",),
        SCHEDULE_ROLES,
        wrong_states={ANY_STATE: _lt("Meetings are scheduled for active pairings.")},
    ),
    "integration_checklist": step(
        _lt("open the integration checklist"),
        CHECKLIST_STATES,
        CHECKLIST_ROLES,
        wrong_states={ANY_STATE: _lt("The integration checklist is filled for active or ended pairings only.")},
    ),
    "clear_fit_concern": step(_lt("clear a fit alert"), (ANY_STATE,), {"coordinator"}),
    "pause": step(
        _lt("pause this pairing"),
        ("active",),
        PAUSE_ROLES,
        wrong_states={ANY_STATE: _lt("Only an active pairing can be paused.")},
    ),
    "resume": step(
        _lt("resume this pairing"),
        ("active",),
        PAUSE_ROLES,
        wrong_states={ANY_STATE: _lt("Only an active pairing is paused and resumed.")},
    ),
    "request_pause": step(
        _lt("ask to pause this pairing"),
        ("active",),
        PAUSE_REQUEST_ROLES,
        wrong_states={ANY_STATE: _lt("Only an active pairing can be paused.")},
    ),
}
# can_* field -> the step it shows
CAN_STEPS = {
    "can_propose": "propose",
    "can_approve": "approve",
    "can_done": "done",
    "can_cancel": "cancel",
    "can_reset": "reset",
    "can_decline": "decline",
    "can_plan": "plan",
    "can_log_discussion": "log_discussion",
    "can_pause": "pause",
    "can_resume": "resume",
    "can_request_pause": "request_pause",
}


class HrMentoringPairing(models.Model):
    """A mentee paired with a mentor in a programme, with its plan of events.

    Its rules are constraints, so that they hold for direct writes too: no
    self-mentoring, an approved mentor within their capacity, one open
    (draft, proposed or active) pairing per mentee and programme, sane dates, one company. What the
    current user may do is read by ``can_*`` booleans from the same checks the
    server runs. ``health`` says how each active pairing is doing, kept current
    by the daily scheduled action in batches; the mentor is nudged when a
    pairing needs a check-in and the coordinator told when it is at risk, once
    per change. The mentee's integration checklist is filled at the end of
    adaptation.

    A pause (a mentee on long leave, a mentor at a project peak) is not a
    state: a paused pairing stays ``active``, with ``paused_since``, its
    expected return and its reason. The one active pairing per mentee, the
    record rules, the reports and the figures keep reading it as the running
    pairing it is; only what must wait checks the pause: the missed-events
    flag, the reminders and the escalation of unexplained events skip it, its
    health is "Paused", and the mentor's capacity counts it unless the
    coordinator freed the place. The coordinator or the department head
    pauses and resumes it; the mentor asks them. On resume, by hand or by the
    daily action on the return date, the planned events move by the working
    days the pause lasted; a pairing still paused some working days after its
    return date goes to the coordinator."""

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
    _mentoring_steps = STEPS

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
    # plan figures, counted from the events when read (one query for a whole
    # list page), never stored: a sign-off and the missed-events action then
    # write the event rows only, never the pairing row they share
    event_count = fields.Integer(
        string="Events", compute="_compute_plan_figures", compute_sudo=True, search="_search_event_count"
    )
    event_done_count = fields.Integer(
        string="Events Done", compute="_compute_plan_figures", compute_sudo=True, search="_search_event_done_count"
    )
    missed_event_count = fields.Integer(
        string="Missed", compute="_compute_plan_figures", compute_sudo=True, search="_search_missed_event_count"
    )
    feedback_due_count = fields.Integer(
        compute="_compute_plan_figures", compute_sudo=True, search="_search_feedback_due_count"
    )
    feedback_on_time_count = fields.Integer(
        compute="_compute_plan_figures", compute_sudo=True, search="_search_feedback_on_time_count"
    )
    on_time_rate = fields.Float(
        string="On-Time Feedback (%)",
        compute="_compute_plan_figures",
        compute_sudo=True,
        search="_search_on_time_rate",
        digits=(5, 1),
        help="Share of the feedback events due so far that were done on or before their due date.",
    )
    next_event_date = fields.Date(
        string="Next Event", compute="_compute_plan_figures", compute_sudo=True, search="_search_next_event_date"
    )
    # no feedback due yet: no rate at all, not 0 % ("—" in views and reports)
    has_feedback_due = fields.Boolean(compute="_compute_on_time_label")
    on_time_label = fields.Char(string="On Time", compute="_compute_on_time_label", help="On-time feedback so far.")
    evaluation_count = fields.Integer(compute="_compute_evaluation_count")
    # the health, written by the daily scheduled action: the full one, with
    # the confidential fit alert, for coordinators; the shared one, computed
    # the same way without the fit alert, for everyone who reads the pairing
    health = fields.Selection(
        HEALTH_STATES,
        readonly=True,
        copy=False,
        index=True,
        groups="hr_mentoring.group_mentoring_coordinator",
        help="Too Early: the first weeks of the pairing. Needs a Check-in: nothing signed for a while, "
        "or a missed event nobody explained. At Risk: several unexplained missed events, a fit alert, "
        "or nothing signed for twice as long. Recomputed every day (Settings > Mentoring). "
        "Coordinators only: a fit alert is confidential.",
    )
    health_since = fields.Date(readonly=True, copy=False, groups="hr_mentoring.group_mentoring_coordinator")
    health_shared = fields.Selection(
        HEALTH_STATES,
        string="Pairing Health",
        readonly=True,
        copy=False,
        index=True,
        help="Too Early: the first weeks of the pairing. Needs a Check-in: nothing signed for a while, "
        "or a missed event nobody explained. At Risk: several unexplained missed events, or nothing signed "
        "for twice as long. Recomputed every day.",
    )
    health_shared_since = fields.Date(string="Pairing Health Since", readonly=True, copy=False)
    health_checked_on = fields.Date(readonly=True, copy=False)
    health_reason = fields.Char(
        string="Why",
        readonly=True,
        copy=False,
        groups="hr_mentoring.group_mentoring_coordinator",
        help="What decided the pairing's health (coordinators only: a fit alert is confidential).",
    )
    # what the current user may do here (hr_holidays' can_approve style): the
    # buttons and fields show only what the server would accept
    can_schedule_meetings = fields.Boolean(compute="_compute_can_schedule_meetings")
    can_propose = fields.Boolean(compute="_compute_can_buttons")
    can_approve = fields.Boolean(compute="_compute_can_buttons")
    can_done = fields.Boolean(compute="_compute_can_buttons")
    can_cancel = fields.Boolean(compute="_compute_can_buttons")
    can_reset = fields.Boolean(compute="_compute_can_buttons")
    can_decline = fields.Boolean(compute="_compute_can_buttons")
    can_plan = fields.Boolean(compute="_compute_can_buttons")
    can_log_discussion = fields.Boolean(compute="_compute_can_buttons")
    can_clear_fit_concern = fields.Boolean(compute="_compute_can_clear_fit_concern")
    can_edit = fields.Boolean(compute="_compute_can_buttons", help="The user may change every field (coordinators).")
    can_edit_date_end = fields.Boolean(compute="_compute_can_buttons")
    # the mentee's integration checklist
    integration_check_ids = fields.One2many("hr.mentoring.integration.check", "pairing_id", string="Integration")
    integration_check_count = fields.Integer(compute="_compute_integration", store=True)
    integration_met_count = fields.Integer(string="Criteria Met", compute="_compute_integration", store=True)
    integration_reached = fields.Boolean(
        compute="_compute_integration",
        store=True,
        help="The mentee meets every integration criterion of the checklist, by the mentor and the head.",
    )
    can_integration_checklist = fields.Boolean(compute="_compute_can_integration_checklist")
    # the mentee's development: goals and competency portrait
    goal_ids = fields.One2many("hr.mentoring.goal", "pairing_id", string="Goals")
    goal_count = fields.Integer(string="Goals Set", compute="_compute_goal_figures")
    goal_reached_count = fields.Integer(string="Goals Reached", compute="_compute_goal_figures")
    skill_portrait_svg = fields.Html(
        string="Competency Portrait",
        compute="_compute_skill_portrait_svg",
        sanitize=False,
        help="For each skill of the programme's target portrait: the target, the mentee's level at the start "
        "of the pairing and their level now (Employees > Skills).",
    )
    skill_proposal_count = fields.Integer(string="Skill Levels to Confirm", compute="_compute_skill_proposal_count")
    # a pause of an active pairing (see the class docstring): it stays active,
    # with the day it was paused and its expected return
    paused_since = fields.Date(readonly=True, copy=False, tracking=True, index="btree_not_null")
    pause_return_date = fields.Date(string="Expected Return", readonly=True, copy=False, tracking=True)
    pause_reason = fields.Text(readonly=True, copy=False)
    pause_auto_resume = fields.Boolean(
        string="Resume on the Return Date",
        readonly=True,
        copy=False,
        help="The daily action resumes the pairing on its expected return date.",
    )
    pause_frees_place = fields.Boolean(
        string="Place Freed",
        readonly=True,
        copy=False,
        help="The coordinator freed the mentor's place while the pairing is paused: "
        "the mentor's capacity does not count it until it resumes.",
    )
    pause_escalated_on = fields.Date(readonly=True, copy=False)
    can_pause = fields.Boolean(compute="_compute_can_buttons")
    can_resume = fields.Boolean(compute="_compute_can_buttons")
    can_request_pause = fields.Boolean(compute="_compute_can_buttons")

    # One open pairing per mentee and programme is checked in Python (with its
    # message); for active pairings the rule also holds when two requests
    # activate pairings at the same moment: this exclusion constraint makes it
    # hold under concurrency (and gives the same message over RPC).
    _sql_constraints = [
        (
            "one_active_per_mentee",
            "EXCLUDE USING btree (program_id WITH =, mentee_id WITH =) WHERE (state = 'active')",
            "A mentee has at most one active pairing per programme.",
        ),
    ]

    @api.depends("mentor_id", "mentee_id")
    def _compute_display_name(self):
        for pairing in self:
            if pairing.mentor_id and pairing.mentee_id:
                pairing.display_name = _(
                    "%(mentee)s with %(mentor)s", mentee=pairing.mentee_id.name, mentor=pairing.mentor_id.name
                )
            else:
                pairing.display_name = _("New Pairing")

    @api.depends_context("uid")
    def _compute_approval_reasons(self):
        roles = self._mentoring_roles()
        for pairing in self:
            if roles[pairing.id] & {"coordinator", "head"}:
                # sudo: the shared reasons are written for the heads to read
                pairing.approval_reasons = pairing.sudo().match_reasons_shared
            else:
                pairing.approval_reasons = False

    @api.depends("state")
    def _compute_color(self):
        colors = {"draft": 0, "proposed": 3, "active": 10, "done": 4, "cancelled": 1}
        for pairing in self:
            pairing.color = colors.get(pairing.state, 0)

    def _compute_head_user_id(self):
        heads = self._mentoring_head_users()
        for pairing in self:
            pairing.head_user_id = heads.get(pairing.id, False)

    @api.depends("event_ids.state", "event_ids.done_on_time", "event_ids.date_due", "event_ids.event_type")
    def _compute_plan_figures(self):
        figures = self.env["hr.mentoring.figures"]._mentoring_event_figures(
            [("pairing_id", "in", self.ids)], ["pairing_id"]
        )
        empty = self.env["hr.mentoring.figures"]._mentoring_empty_event_figures()
        for pairing in self:
            data = figures.get((pairing._origin,), empty)
            pairing.event_count = data["events"]
            pairing.event_done_count = data["done"]
            pairing.missed_event_count = data["missed"]
            pairing.feedback_due_count = data["feedback_due"]
            pairing.feedback_on_time_count = data["feedback_on_time"]
            pairing.on_time_rate = data["on_time_rate"] or 0.0
            pairing.next_event_date = data["next_date"]

    def _search_event_count(self, operator, value):
        return self._search_plan_figure("event_count", operator, value)

    def _search_event_done_count(self, operator, value):
        return self._search_plan_figure("event_done_count", operator, value)

    def _search_missed_event_count(self, operator, value):
        return self._search_plan_figure("missed_event_count", operator, value)

    def _search_feedback_due_count(self, operator, value):
        return self._search_plan_figure("feedback_due_count", operator, value)

    def _search_feedback_on_time_count(self, operator, value):
        return self._search_plan_figure("feedback_on_time_count", operator, value)

    def _search_on_time_rate(self, operator, value):
        return self._search_plan_figure("on_time_rate", operator, value)

    def _search_next_event_date(self, operator, value):
        return self._search_plan_figure("next_event_date", operator, value)

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

    @api.depends("state", "event_ids.state", "event_ids.calendar_event_id", "program_id.calendar_meetings")
    @api.depends_context("uid")
    def _compute_can_schedule_meetings(self):
        # apart from the other buttons: it looks at the plan's events
        set_can(self, "can_schedule_meetings", "schedule_meetings")

    # the buttons of the state machine: the list of pairings reads them too
    @api.depends("state", "paused_since")
    @api.depends_context("uid")
    def _compute_can_buttons(self):
        roles = self._mentoring_roles()
        allowed = allowed_steps(self, CAN_STEPS.values(), roles)
        editor = self._mentoring_is_coordinator()
        for pairing in self:
            for fname, name in CAN_STEPS.items():
                pairing[fname] = allowed[name][pairing.id]
            pairing.can_edit = editor
            pairing.can_edit_date_end = editor or any(
                "date_end" in self._mentoring_writable_fields.get(role, ()) for role in roles[pairing.id]
            )

    @api.depends("fit_concern")
    @api.depends_context("uid")
    def _compute_can_clear_fit_concern(self):
        set_can(self, "can_clear_fit_concern", "clear_fit_concern")

    @api.depends("integration_check_ids.is_met")
    def _compute_integration(self):
        # sudo: a stored figure of the whole checklist, whoever triggers it
        groups = (
            self.env["hr.mentoring.integration.check"]
            .sudo()
            ._read_group([("pairing_id", "in", self.ids)], ["pairing_id", "is_met"], ["__count"])
        )
        counts = {}
        for pairing, is_met, count in groups:
            total, met = counts.get(pairing.id, (0, 0))
            counts[pairing.id] = (total + count, met + (count if is_met else 0))
        for pairing in self:
            total, met = counts.get(pairing._origin.id, (0, 0))
            pairing.integration_check_count = total
            pairing.integration_met_count = met
            pairing.integration_reached = bool(total) and met == total

    @api.depends("goal_ids.state")
    @api.depends_context("uid")
    def _compute_goal_figures(self):
        # with the reader's rights: never count what the reader may not read
        groups = self.env["hr.mentoring.goal"]._read_group(
            [("pairing_id", "in", self.ids), ("state", "!=", "dropped")], ["pairing_id", "state"], ["__count"]
        )
        counts = defaultdict(dict)
        for pairing, state, count in groups:
            counts[pairing.id][state] = count
        for pairing in self:
            by_state = counts.get(pairing._origin.id, {})
            pairing.goal_count = sum(by_state.values())
            pairing.goal_reached_count = by_state.get("reached", 0)

    @api.depends("program_id", "mentee_id", "date_start")
    @api.depends_context("lang")
    def _compute_skill_portrait_svg(self):
        pairings = self.filtered("id")
        rows = portrait_rows(self.env, pairings._origin)
        for pairing in self:
            pairing.skill_portrait_svg = render_svg(self.env, rows.get(pairing._origin.id)) or False

    @api.depends_context("uid")
    def _compute_skill_proposal_count(self):
        # with the reader's rights: the proposals they may decide on or read
        groups = self.env["hr.mentoring.skill.proposal"]._read_group(
            [("pairing_id", "in", self.ids), ("state", "=", "proposed")], ["pairing_id"], ["__count"]
        )
        counts = {pairing.id: count for pairing, count in groups}
        for pairing in self:
            pairing.skill_proposal_count = counts.get(pairing._origin.id, 0)

    @api.depends("state", "program_id.integration_criterion_ids")
    @api.depends_context("uid")
    def _compute_can_integration_checklist(self):
        set_can(self, "can_integration_checklist", "integration_checklist")

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
    def _check_one_open_per_mentee(self):
        self._check_open_conflicts([(p.id, p.mentee_id.id, p.program_id.id) for p in self if p.state in OPEN_STATES])

    @api.constrains("mentor_id", "state", "pause_frees_place")
    def _check_mentor_capacity(self):
        mentors = self.filtered(lambda p: p.state == "active").mentor_id
        mentors._mentoring_check_capacity()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._mentoring_add_shared_reasons(vals_list)
        self._check_open_conflicts(
            [
                (None, vals.get("mentee_id"), vals.get("program_id"))
                for vals in vals_list
                if vals.get("state", "draft") in OPEN_STATES
            ]
        )
        pairings = super().create(vals_list)
        pairings.filtered(lambda p: p.state == "active")._mentoring_on_activated()
        pairings.filtered(lambda p: p.state == "proposed")._mentoring_on_proposed()
        pairings._mentoring_sync_roles()
        pairings._mentoring_follow_acknowledgers()
        return pairings

    def write(self, vals):
        self._mentoring_check_write(vals)
        if vals.get("match_reasons") and "match_reasons_shared" not in vals:
            for pairing in self:
                pairing_vals = dict(vals, mentor_id=pairing.mentor_id.id, mentee_id=pairing.mentee_id.id)
                pairing_vals.setdefault("program_id", pairing.program_id.id)
                self._mentoring_add_shared_reasons([pairing_vals])
                super(HrMentoringPairing, pairing).write({"match_reasons_shared": pairing_vals["match_reasons_shared"]})
        new_state = vals.get("state")
        if new_state:
            self._check_state_transition(new_state, vals)
            if new_state == "active":
                vals = dict(vals, approved_by_id=self.env.uid, date_approved=fields.Datetime.now())
            elif new_state != "active" and any(self.mapped("paused_since")):
                # a pause is of an active pairing: ending or resetting it ends the pause
                vals = dict(vals, **dict.fromkeys(PAUSE_FIELDS, False))
        old_users = self._mentoring_participant_users() if {"mentor_id", "mentee_id", "state"} & set(vals) else None
        activated = self.filtered(lambda p: p.state != "active") if new_state == "active" else self.browse()
        if new_state in OPEN_STATES or (
            {"mentee_id", "program_id"} & set(vals) and set(OPEN_STATES) & set(self.mapped("state"))
        ):
            self._check_open_conflicts(
                [
                    (p.id, vals.get("mentee_id", p.mentee_id.id), vals.get("program_id", p.program_id.id))
                    for p in self
                    if (new_state or p.state) in OPEN_STATES
                ]
            )
        old_phases = {p.id: p.phase for p in self} if "phase" in vals else {}
        old_acting = (
            self._mentoring_mentee_keys() if {"state", "mentor_id", "mentee_id", "program_id"} & set(vals) else None
        )
        res = super().write(vals)
        activated._mentoring_on_activated()
        if new_state == "proposed":
            self._mentoring_on_proposed()
        if new_state in ("active", "cancelled", "draft"):
            self._mentoring_close_approval_activities()
        if new_state in ("done", "cancelled"):
            self._mentoring_settle_open_events()
        if old_phases:
            self.filtered(lambda p: p.state == "active" and old_phases[p.id] != p.phase)._mentoring_notify_new_phase()
        if old_users is not None:
            self._mentoring_sync_roles(old_users)
        if new_state == "done":
            # the end of adaptation: the mentee's integration checklist
            self._mentoring_create_integration_checks()
        if old_acting is not None:
            self._mentoring_follow_acknowledgers(old_acting)
        return res

    def _mentoring_mentee_keys(self):
        """{(programme id, mentee id)} of these pairings."""
        return {(pairing.program_id.id, pairing.mentee_id.id) for pairing in self}

    def _mentoring_follow_acknowledgers(self, old_keys=frozenset()):
        """These pairings were made or changed (unlink: deleted): whoever acts for their mentees
        without a user account (and for the mentees they had) may have
        changed, and the regulations activities follow (one search)."""
        keys = self._mentoring_mentee_keys() | old_keys
        self.env["hr.mentoring.program.acknowledgement"]._mentoring_follow_proxies(keys)

    def copy_data(self, default=None):
        raise UserError(
            _(
                "A pairing cannot be duplicated: a mentee has one open pairing per programme. "
                "Use Find a Mentor to propose another mentor."
            )
        )

    def unlink(self):
        users = self._mentoring_participant_users()
        keys = self._mentoring_mentee_keys()
        res = super().unlink()
        users._mentoring_sync_role_groups()
        self.env["hr.mentoring.program.acknowledgement"]._mentoring_follow_proxies(keys)
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
        return take_step(self, "propose")

    def action_approve(self):
        return take_step(self, "approve")

    def action_done(self):
        check_step(self, "done")
        for pairing in self:
            today = fields.Date.context_today(pairing)
            take_step(
                pairing, "done", {"date_end": today} if not pairing.date_end and today > pairing.date_start else None
            )
        return True

    def action_cancel(self):
        return take_step(self, "cancel")

    def action_reset_draft(self):
        return take_step(self, "reset")

    def action_decline(self):
        return self._mentoring_step_form(
            "decline", "hr.mentoring.decline.wizard", _("Decline the Pairing"), {"default_pairing_id": self.id}
        )

    def action_open_plan_wizard(self):
        return self._mentoring_step_form(
            "plan", "hr.mentoring.plan.wizard", _("Create the Plan"), {"default_pairing_id": self.id}
        )

    def action_open_events(self):
        # every event, done ones included: the pairing's whole plan
        return records_action(self, EVENT_ACTION, "pairing_id", {"search_default_filter_open": 0})

    def action_open_evaluations(self):
        return records_action(self, "hr_mentoring.hr_mentoring_evaluation_action", "pairing_id")

    def action_open_goals(self):
        return records_action(self, GOAL_ACTION, "pairing_id", {"search_default_filter_open": 1})

    def action_open_skill_proposals(self):
        proposals = "hr_mentoring.hr_mentoring_skill_proposal_action"
        return records_action(self, proposals, "pairing_id", {"search_default_filter_proposed": 1}, default=False)

    def action_log_discussion(self):
        """A mentor logs a situational discussion at any time, without a template."""
        self.ensure_one()
        check_step(self, "log_discussion")
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
        return take_step(self, "clear_fit_concern", {"fit_concern": False})

    def action_open_meeting_wizard(self):
        """Propose a slot for each planned discussion and feedback without
        meeting, in a wizard that creates the meetings only on Confirm."""
        self.ensure_one()
        check_step(self, "schedule_meetings")
        wizard = self.env["hr.mentoring.meeting.wizard"].create({"pairing_id": self.id})
        wizard._mentoring_propose()
        return wizard._mentoring_reopen()

    def action_pause(self):
        """Pause the pairing: a wizard asks the reason and the expected return."""
        return self._mentoring_step_form(
            "pause", "hr.mentoring.pause.wizard", _("Pause the Pairing"), {"default_pairing_id": self.id}
        )

    def action_request_pause(self):
        """The mentor asks the department head (or the coordinator) to pause the pairing."""
        return self._mentoring_step_form(
            "request_pause", "hr.mentoring.pause.wizard", _("Ask to Pause the Pairing"), {"default_pairing_id": self.id}
        )

    def action_resume(self):
        check_step(self, "resume")
        self._mentoring_resume()
        return True

    def action_open_integration_checklist(self):
        """The mentee's integration checklist, created from the programme's
        criteria if needed (the end of adaptation): mentor, head or coordinator."""
        self.ensure_one()
        check_step(self, "integration_checklist")
        self._mentoring_create_integration_checks()
        return {
            "type": "ir.actions.act_window",
            "name": _("Integration Checklist"),
            "res_model": "hr.mentoring.integration.check",
            "view_mode": "list",
            "views": [(False, "list")],
            "domain": [("pairing_id", "=", self.id)],
            "context": {"search_default_pairing_id": self.id},
        }

    # ------------------------------------------------------------------
    # business
    # ------------------------------------------------------------------

    def _mentoring_check_step(self, name, roles):
        """The conditions of the pairing's buttons that are not a state nor a
        role (hr_mentoring.state_machine)."""
        self.ensure_one()
        # sudo: only whether a reason, an alert, criteria or events exist
        pairing = self.sudo()
        if name == "cancel" and roles == {"mentor"} and not pairing.decline_reason:
            # a mentor alone cancels only with a reason, through the decline wizard
            raise ValidationError(_("Say why you decline this pairing before declining it."))
        if name in ("pause", "request_pause") and pairing.paused_since:
            raise UserError(_("%(pairing)s is already paused.", pairing=self.display_name))
        if name == "resume" and not pairing.paused_since:
            raise UserError(_("%(pairing)s is not paused.", pairing=self.display_name))
        if name == "clear_fit_concern" and not pairing.fit_concern:
            raise UserError(_("%(pairing)s has no fit alert to clear.", pairing=self.display_name))
        if name == "integration_checklist" and not pairing.program_id.integration_criterion_ids:
            raise UserError(
                _("The programme %(name)s has no integration criteria yet.", name=self.program_id.display_name)
            )
        if name == "schedule_meetings" and not pairing.program_id.calendar_meetings:
            raise UserError(
                _(
                    "The programme %(program)s keeps its meetings out of the Calendar: agree on a time with "
                    "each other instead.",
                    program=pairing.program_id.name,
                )
            )
        if name == "schedule_meetings" and not pairing.event_ids.filtered(
            lambda e: e.state == "planned" and e.event_type in MEETING_TYPES and not e.calendar_event_id
        ):
            raise UserError(_("Every planned discussion and feedback of this plan already has its meeting."))

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
    def _check_open_conflicts(self, candidates):
        """Refuse a second open pairing (draft, proposed or active) of a mentee
        in a programme.

        ``candidates`` are (pairing id or None, mentee id, programme id) about
        to be open. Runs before the candidates are written, so that it gives
        its message before the exclusion constraint on active pairings would
        fire; what else is pending on pairings is flushed first, so that the
        database it reads is current. The message names the state of the
        pairing already open.
        """
        candidates = [c for c in candidates if c[1] and c[2]]
        if not candidates:
            return
        self.flush_model(["state", "mentee_id", "program_id"])
        seen = {}
        for pairing_id, mentee_id, program_id in candidates:
            key = (mentee_id, program_id)
            if key in seen and seen[key] != pairing_id:
                self._mentoring_raise_open_conflict(mentee_id, program_id, None)
            seen[key] = pairing_id
        self.env.cr.execute(
            """
            SELECT mentee_id, program_id, state FROM hr_mentoring_pairing
             WHERE state IN %s AND (mentee_id, program_id) IN %s AND NOT (id = ANY(%s))
             ORDER BY state = 'active' DESC, state = 'proposed' DESC
             LIMIT 1
            """,
            [OPEN_STATES, tuple(seen), [pid for pid, _m, _p in candidates if pid]],
        )
        row = self.env.cr.fetchone()
        if row:
            self._mentoring_raise_open_conflict(*row)

    @api.model
    def _mentoring_raise_open_conflict(self, mentee_id, program_id, state):
        # sudo: names for the message only
        mentee = self.env["hr.employee"].sudo().browse(mentee_id)
        program = self.env["hr.mentoring.program"].sudo().browse(program_id)
        messages = {
            "active": _(
                "%(mentee)s already has an active pairing in %(program)s. "
                "End or cancel it before activating another one.",
                mentee=mentee.name,
                program=program.name,
            ),
            "proposed": _(
                "%(mentee)s already has a proposed pairing in %(program)s. "
                "Open it, or cancel it before making another one.",
                mentee=mentee.name,
                program=program.name,
            ),
            "draft": _(
                "%(mentee)s already has a draft pairing in %(program)s. "
                "Open it, or cancel it before making another one.",
                mentee=mentee.name,
                program=program.name,
            ),
        }
        raise ValidationError(
            messages.get(state)
            or _(
                "%(mentee)s can have only one open pairing in %(program)s.",
                mentee=mentee.name,
                program=program.name,
            )
        )

    def _mentoring_on_proposed(self):
        """The department head (or the coordinator) gets an activity to approve."""
        heads = self._mentoring_head_users()
        self._mentoring_schedule_activities(
            [
                {
                    "record": pairing,
                    "type": "hr_mentoring.mail_activity_type_approval",
                    "user": heads.get(pairing.id) or pairing.program_id.coordinator_id,
                    "summary": _lt("Approve the pairing of %(mentee)s", mentee=pairing.mentee_id.name),
                }
                for pairing in self.sudo()
            ]
        )

    def _mentoring_close_approval_activities(self):
        self._mentoring_close_activities("hr_mentoring.mail_activity_type_approval", done=False)

    def _mentoring_settle_open_events(self):
        """An ended or cancelled pairing leaves no open work behind: its planned
        events are cancelled (their activities go with them) and the 'find out
        why' and escalation activities of its missed events are closed, so that
        nobody is asked to act on a pairing that is over. The missed events stay
        on record as missed. The pairing has no health any more, and the
        activities of its health are closed too."""
        # sudo: settling the plan is the consequence of the pairing's end, which
        # the caller was allowed to make (a mentor declining, a head ending)
        events = self.sudo().event_ids
        events.filtered(lambda e: e.state == "planned").write({"state": "cancelled"})
        events.filtered(lambda e: e.state == "missed")._mentoring_close_activities(
            ["hr_mentoring.mail_activity_type_missed", "hr_mentoring.mail_activity_type_escalation"],
            done=False,
        )
        # nor to acknowledge the signed events of a pairing that is over
        events.filtered(lambda e: e.state == "done")._mentoring_close_activities(
            "hr_mentoring.mail_activity_type_acknowledge", done=False
        )
        pairings = self.sudo().filtered(lambda p: p.health or p.health_shared)
        pairings.write(
            {
                "health": False,
                "health_since": False,
                "health_reason": False,
                "health_shared": False,
                "health_shared_since": False,
            }
        )
        pairings._mentoring_close_activities(list(HEALTH_ACTIVITY_TYPES.values()), done=False)

    def _mentoring_on_activated(self):
        """A pairing became active: the activities of its planned events start
        (its plan was a draft until now), and optionally the mentor becomes
        the mentee's coach."""
        # sudo: the approver may not read every event of the plan (a head
        # reads them, a coordinator too); the activities are bookkeeping
        self.sudo().event_ids.filtered(lambda e: e.state == "planned")._mentoring_sync_activities()
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

    def _mentoring_end_for_archived(self, employees):
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

    def _mentoring_notify_new_phase(self):
        """Tell mentor and mentee that their pairing entered a new phase."""
        template = self.env.ref("hr_mentoring.mail_template_pairing_new_phase")
        for pairing in self.sudo():
            users = pairing.mentor_id.user_id | pairing.mentee_id.user_id
            # one notice per language of its readers (mostly one)
            for lang, readers in users.grouped(lambda u: u.lang or self.env.lang).items():
                pairing.with_context(lang=lang).message_post_with_source(
                    template,
                    partner_ids=readers.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                )

    def _mentoring_flag_fit_concern(self, evaluations):
        """A low fit check flags the pairing for the coordinator, who gets an
        activity on the fit check itself (which only the mentee and the
        coordinators read), not on the pairing that mentor and head read."""
        # sudo: the mentee submitting the check may not write the pairing;
        # the flag is the system's consequence of their answer.
        self.sudo().filtered(lambda p: not p.fit_concern).write({"fit_concern": True})
        evaluations._mentoring_schedule_activities(
            [
                {
                    "record": evaluation,
                    "type": "hr_mentoring.mail_activity_type_fit",
                    "user": evaluation.program_id.coordinator_id,
                    "summary": _lt("Low pairing fit check: look into this pairing"),
                }
                for evaluation in evaluations.sudo()
            ]
        )

    @api.model
    def _cron_advance_phases(self):
        """The daily action: move active pairings to the phase of their plan's
        current events (their participants are notified), in a savepoint run
        again shortly after a concurrent update. An event is due from the day
        it falls on in its company's time zone, as for the other scheduled
        actions, whatever the time zone of the user the scheduler runs as. The
        pairings a user is writing are left to the next run (claimed as
        hr.mentoring.event._mentoring_flag_missed_events explains)."""
        moved = self.browse()
        with retry_later(self.env, PHASES_CRON) as batch:
            companies_by_day = defaultdict(list)
            for company_id, today in self.env["hr.mentoring.event"]._mentoring_today_by_company().items():
                companies_by_day[today].append(company_id)
            due = expression.OR(
                [("company_id", "in", company_ids), ("date_due", "<=", today)]
                for today, company_ids in companies_by_day.items()
            )
            groups = (
                self.env["hr.mentoring.event"]
                .sudo()
                ._read_group(
                    [
                        ("pairing_id.state", "=", "active"),
                        *due,
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
            behind = [
                pairing.id
                for pairing in self.sudo().browse(list(current))
                if PHASE_ORDER[current[pairing.id]] > PHASE_ORDER[pairing.phase]
            ]
            claimed = claim(self.sudo(), [("id", "in", behind)], len(behind))
            by_phase = defaultdict(list)
            for pairing in claimed:
                by_phase[current[pairing.id]].append(pairing.id)
            for phase, pairing_ids in by_phase.items():
                pairings = self.sudo().browse(pairing_ids)
                pairings.write({"phase": phase})
                moved |= pairings
            if len(claimed) < len(behind):
                run_again_shortly(self.env, PHASES_CRON)
        return self.browse() if batch.undone else moved.with_env(self.env)

    _cron_update_health = batch_entry(HEALTH_CRON, "_mentoring_update_health_batch", HEALTH_BATCH_SIZE)

    @api.model
    def _mentoring_update_health_batch(self, batch_size=HEALTH_BATCH_SIZE):
        """Recompute the health of the active pairings not checked today, by
        batches of ``batch_size`` claimed as hr.mentoring.event.
        _mentoring_flag_missed_events explains; the scheduler calls again
        while some remain."""
        today_by_company = self.env["hr.mentoring.event"]._mentoring_today_by_company()
        Pairing = self.sudo()
        updated = Pairing.browse()
        remaining = 0
        for company_id, today in today_by_company.items():
            domain = [
                ("company_id", "=", company_id),
                ("state", "=", "active"),
                "|",
                ("health_checked_on", "=", False),
                ("health_checked_on", "<", today),
            ]
            pairings = claim(Pairing, domain, batch_size - len(updated))
            pairings._mentoring_update_health()
            updated |= pairings
            # what this batch did not take: beyond the batch, or held by a user
            remaining += Pairing.search_count(domain)
        report_progress(self.env, HEALTH_CRON, len(updated), remaining)
        return updated.with_env(self.env)

    def _mentoring_update_health(self):
        """Recompute ``health`` and ``health_shared`` of these pairings; notify
        the changes. A fixed number of queries for any number of pairings of a
        few companies."""
        pairings = self.sudo().filtered(lambda p: p.state == "active")
        if not pairings:
            return
        computed = pairings._mentoring_compute_health()
        today_by_company = self.env["hr.mentoring.event"]._mentoring_today_by_company()
        groups = defaultdict(list)
        changed = defaultdict(lambda: pairings.browse())
        shared_reasons = {}
        for pairing in pairings:
            health, reason, shared, shared_reasons[pairing.id] = computed[pairing.id]
            is_change = pairing.health != health
            shared_change = pairing.health_shared != shared
            today = today_by_company.get(pairing.company_id.id) or fields.Date.context_today(pairing)
            groups[(health, reason, shared, is_change, shared_change, today)].append(pairing.id)
            if shared_change:
                changed[shared] |= pairing
        for (health, reason, shared, is_change, shared_change, today), ids in groups.items():
            vals = {"health": health, "health_reason": reason, "health_shared": shared, "health_checked_on": today}
            if is_change:
                vals["health_since"] = today
            if shared_change:
                vals["health_shared_since"] = today
            pairings.browse(ids).write(vals)
        if changed:
            pairings._mentoring_notify_health(changed, shared_reasons)

    def _mentoring_compute_health(self):
        """{pairing id: (health, reason, shared health, its reason)} of active pairings,
        from the company thresholds, the signed and the unexplained missed
        events; the health is at risk when a fit alert is open, the shared
        health is the same rules without the fit alert."""
        Event = self.env["hr.mentoring.event"].sudo()
        signed = dict(
            Event._read_group(
                [("pairing_id", "in", self.ids), ("state", "=", "done")], ["pairing_id"], ["date_done:max"]
            )
        )
        unexplained = dict(
            Event._read_group([("pairing_id", "in", self.ids), *UNEXPLAINED_DOMAIN], ["pairing_id"], ["__count"])
        )
        today_by_company = self.env["hr.mentoring.event"]._mentoring_today_by_company()
        cutoffs = {}
        for company in self.company_id:
            today = today_by_company.get(company.id) or fields.Date.context_today(self)
            days = company.mentoring_health_checkin_days
            cutoffs[company.id] = {
                "days": days,
                "grace_days": company.mentoring_health_grace_days,
                "checkin": company._mentoring_nth_working_day_back(today, days),
                "risk": company._mentoring_nth_working_day_back(today, 2 * days),
                "grace": company._mentoring_nth_working_day_back(today, company.mentoring_health_grace_days),
            }
        _ = self.env._
        result = {}
        for pairing in self:
            cut = cutoffs[pairing.company_id.id]
            last = max(filter(None, (signed.get(pairing), pairing.date_start)))
            missed = unexplained.get(pairing, 0)
            if pairing.paused_since:
                paused = (
                    "paused",
                    _("Paused until %(date)s", date=format_date(self.env, pairing.pause_return_date))
                    if pairing.pause_return_date
                    else _("Paused"),
                )
                result[pairing.id] = (*paused, *paused)
                continue
            if missed >= 2:
                shared = ("at_risk", _("%(count)s missed events unexplained", count=missed))
            elif cut["days"] and last < cut["risk"]:
                shared = ("at_risk", _("Nothing signed for %(days)s working days", days=2 * cut["days"]))
            elif missed:
                shared = ("needs_checkin", _("A missed event is unexplained"))
            elif cut["grace_days"] and pairing.date_start >= cut["grace"]:
                shared = ("too_early", _("Started less than %(days)s working days ago", days=cut["grace_days"]))
            elif cut["days"] and last < cut["checkin"]:
                shared = ("needs_checkin", _("Nothing signed for %(days)s working days", days=cut["days"]))
            else:
                shared = ("on_track", _("Events signed on time"))
            full = ("at_risk", _("A fit alert is open")) if pairing.fit_concern else shared
            result[pairing.id] = (*full, *shared)
        return result

    def _mentoring_notify_health(self, changed, reasons):
        """``changed``: {shared health: pairings that just turned to it},
        ``reasons``: {pairing id: why, without the fit alert}. The
        mentor gets a nudge for a check-in, the coordinator an activity for a
        pairing at risk; the activities of the health a pairing left are
        removed. Both follow the shared health: the activities of a pairing
        are read by whoever reads it, and a fit alert reaches the coordinator
        on the fit check itself (_flag_fit_concern)."""
        all_changed = self.browse().union(*changed.values())
        for health, xmlid in HEALTH_ACTIVITY_TYPES.items():
            left = all_changed - changed.get(health, self.browse())
            left._mentoring_close_activities(xmlid, done=False)
        _ = _lt
        items = [
            {
                "record": pairing,
                "type": HEALTH_ACTIVITY_TYPES["needs_checkin"],
                "user": pairing.mentor_id.user_id,
                "summary": _("Check in with %(mentee)s", mentee=pairing.mentee_id.name),
                "note": _(
                    "Nothing was signed for a while, or a missed event is unexplained: "
                    "plan a conversation and sign the next event."
                ),
            }
            for pairing in changed.get("needs_checkin", ())
        ]
        # the reason in the coordinator's language: the health is read again
        # once per language of the coordinators
        at_risk = changed.get("at_risk", self.browse())
        by_lang = defaultdict(lambda: self.browse())
        for pairing in at_risk:
            by_lang[pairing.program_id.coordinator_id.lang or self.env.lang] |= pairing
        for lang, group in by_lang.items():
            computed = group.with_context(lang=lang)._mentoring_compute_health()
            reasons = {**reasons, **{pairing_id: values[3] for pairing_id, values in computed.items()}}
        items += [
            {
                "record": pairing,
                "type": HEALTH_ACTIVITY_TYPES["at_risk"],
                "user": pairing.program_id.coordinator_id,
                "summary": _("Pairing at risk: %(reason)s", reason=reasons[pairing.id]),
            }
            for pairing in at_risk
        ]
        self._mentoring_schedule_activities(items)

    # ------------------------------------------------------------------
    # pause and resume (see the class docstring)
    # ------------------------------------------------------------------

    def _mentoring_pause(self, reason, return_date, auto_resume=True, free_place=False):
        """Pause these active pairings until ``return_date``, the caller's
        right to pause them checked (the Pause step): their health turns to
        Paused, their open activities and their events' move to the return
        date, mentor and mentee are told. Only a coordinator frees the place."""
        check_step(self, "pause")
        if free_place and not self._mentoring_is_coordinator():
            raise AccessError(_("Only mentoring coordinators may free the mentor's place during a pause."))
        if not (reason or "").strip():
            raise ValidationError(_("Say why the pairing is paused."))
        for pairing in self:
            today = fields.Date.context_today(pairing)
            if not return_date or return_date <= today:
                raise ValidationError(
                    _("The expected return of %(pairing)s must be after today.", pairing=pairing.display_name)
                )
            # sudo: the pause fields are the pause's only (the step above checked who pauses)
            pairing.sudo().write(
                {
                    "paused_since": today,
                    "pause_return_date": return_date,
                    "pause_reason": reason.strip(),
                    "pause_auto_resume": auto_resume,
                    "pause_frees_place": free_place,
                    "pause_escalated_on": False,
                }
            )
        self._mentoring_update_health()
        self._mentoring_postpone_activities()
        # sudo: the note and the notice are the pause's, written by whoever paused it
        for pairing in self.sudo():
            date = format_date(self.env, pairing.pause_return_date)
            env = pairing._mentoring_reader_env()
            pairing._message_log(
                body=env._(
                    "%(user)s paused this pairing until %(date)s: %(reason)s",
                    user=self.env.user.name,
                    date=format_date(env, pairing.pause_return_date),
                    reason=pairing.pause_reason,
                )
            )
            pairing._mentoring_notify(
                pairing._mentoring_participant_users(),
                subject=_lt("Mentoring paused until %(date)s", date=date),
                body=_lt(
                    "Your mentoring pairing is paused until %(date)s: no event is due meanwhile, "
                    "and the planned events move when it resumes.",
                    date=date,
                ),
            )
        return True

    def _mentoring_reader_env(self):
        """The environment of ``self`` in the language of the pairing's reader:
        its mentor, who keeps the plan. Its chatter lines are written in it, as
        its events' are."""
        return in_lang_of(self, self[:1].sudo().mentor_id.user_id).env

    def _mentoring_request_pause(self, reason, return_date):
        """The mentor asks to pause this pairing: its department head (the
        coordinator when it has none) gets an activity with the reason and
        the expected return, and decides."""
        self.ensure_one()
        check_step(self, "request_pause")
        if not (reason or "").strip():
            raise ValidationError(_("Say why the pairing should pause."))
        if not return_date or return_date <= fields.Date.context_today(self):
            raise ValidationError(
                _("The expected return of %(pairing)s must be after today.", pairing=self.display_name)
            )
        # sudo: the head and the coordinator of the pairing, to ask them
        pairing = self.sudo()
        user = self._mentoring_head_users().get(self.id) or pairing.program_id.coordinator_id
        date = format_date(in_lang_of(self, user).env, return_date) if user else ""
        pairing._mentoring_schedule_activities(
            [
                {
                    "record": pairing,
                    "type": "mail.mail_activity_data_todo",
                    "user": user,
                    "summary": _lt("Pause requested until %(date)s", date=date),
                    "note": _lt(
                        "%(mentor)s asks to pause this pairing: %(reason)s",
                        mentor=self.env.user.name,
                        reason=reason.strip(),
                    ),
                }
            ]
        )
        env = pairing._mentoring_reader_env()
        pairing._message_log(
            body=env._(
                "%(user)s asked to pause this pairing until %(date)s.",
                user=self.env.user.name,
                date=format_date(env, return_date),
            )
        )
        return True

    def _mentoring_postpone_activities(self):
        """The open activities of these paused pairings and of their events
        that are due before the return date move to it: one search, one
        write per return date."""
        pairings = self.sudo().filtered("pause_return_date")
        if not pairings:
            return
        events = pairings.event_ids
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    "|",
                    "&",
                    ("res_model", "=", self._name),
                    ("res_id", "in", pairings.ids),
                    "&",
                    ("res_model", "=", "hr.mentoring.event"),
                    ("res_id", "in", events.ids),
                ]
            )
        )
        pairing_of = {event.id: event.pairing_id for event in events}
        by_date = defaultdict(lambda: activities.browse())
        for activity in activities:
            pairing = (
                pairings.browse(activity.res_id) if activity.res_model == self._name else pairing_of[activity.res_id]
            )
            if activity.date_deadline < pairing.pause_return_date:
                by_date[pairing.pause_return_date] |= activity
        for day, group in by_date.items():
            group.write({"date_deadline": day})

    def _mentoring_resume(self, day=None):
        """Resume these paused pairings on ``day`` (today by default): their
        planned events move by the mentee's working days the pause lasted,
        each move a line in the pairing's chatter, the health is computed
        again and mentor and mentee are told in their language. A freed
        place is taken again: a mentor now full refuses the resume (the
        capacity rule)."""
        pairings = self.sudo().filtered("paused_since")
        if not pairings:
            return pairings
        paused_days = {}
        for pairing in pairings:
            today = day or fields.Date.context_today(pairing)
            last_paused = shift_days(today, -1)
            paused_days[pairing] = (
                len(pairing.mentee_id._mentoring_work_dates_between(pairing.paused_since, last_paused))
                if last_paused >= pairing.paused_since
                else 0
            )
        pairings.write(dict.fromkeys(PAUSE_FIELDS, False))
        for pairing, days in paused_days.items():
            events = pairing.event_ids.filtered(lambda e: e.state == "planned")
            events._mentoring_shift_working_days(
                days, _lt("Moved by %(days)s working days after the pause:", days=days)
            )
            pairing._message_log(
                body=pairing._mentoring_reader_env()._(
                    "%(user)s resumed this pairing after %(days)s working days.", user=self.env.user.name, days=days
                )
            )
            pairing._mentoring_notify(
                pairing._mentoring_participant_users(),
                subject=_lt("Mentoring resumed"),
                body=_lt(
                    "Your mentoring pairing has resumed: its planned events moved by %(days)s working days.",
                    days=days,
                ),
            )
        pairings._mentoring_update_health()
        return pairings.with_env(self.env)

    _cron_resume_paused_pairings = batch_entry(PAUSE_CRON, "_mentoring_resume_paused_batch", PAUSE_BATCH_SIZE)

    @api.model
    def _mentoring_resume_paused_batch(self, batch_size=PAUSE_BATCH_SIZE):
        """Resume the paused pairings whose return date has come (those the
        pause says resume then), and give the coordinator an activity, once,
        for each pairing still paused ``PAUSE_ESCALATION_DAYS`` working days
        (of the company's calendar) after its return date. The rows are claimed
        as hr.mentoring.event._mentoring_flag_missed_events explains; the
        scheduler calls again while some remain. A pairing whose freed place
        was taken meanwhile stays paused, and says so: the coordinator raises
        the capacity or resumes it later."""
        today_by_company = self.env["hr.mentoring.event"]._mentoring_today_by_company()
        Pairing = self.sudo()
        done = Pairing.browse()
        remaining = 0
        paused = [("state", "=", "active"), ("paused_since", "!=", False)]
        for company in self.env["res.company"].sudo().browse(list(today_by_company)):
            today = today_by_company[company.id]
            due_domain = [
                ("company_id", "=", company.id),
                *paused,
                ("pause_auto_resume", "=", True),
                ("pause_return_date", "<=", today),
            ]
            due = claim(Pairing, due_domain, batch_size - len(done))
            kept = due.filtered("pause_frees_place")
            (due - kept)._mentoring_resume(today)
            for pairing in kept:
                try:
                    with self.env.cr.savepoint():
                        pairing._mentoring_resume(today)
                except ValidationError as error:
                    pairing.write({"pause_auto_resume": False})
                    pairing._message_log(
                        body=pairing._mentoring_reader_env()._(
                            "This pairing could not resume on its return date: %(why)s", why=str(error)
                        )
                    )
            done |= due
            remaining += Pairing.search_count(due_domain)
            cutoff = company._mentoring_nth_working_day_back(today, PAUSE_ESCALATION_DAYS)
            late_domain = [
                ("company_id", "=", company.id),
                *paused,
                ("pause_escalated_on", "=", False),
                ("pause_return_date", "<", cutoff),
            ]
            late = claim(Pairing, late_domain, batch_size - len(done))
            if late:
                late.write({"pause_escalated_on": today})
                late._mentoring_schedule_activities(
                    [
                        {
                            "record": pairing,
                            "type": "mail.mail_activity_data_todo",
                            "user": pairing.program_id.coordinator_id,
                            "summary": _lt(
                                "Still paused %(days)s working days after its return date", days=PAUSE_ESCALATION_DAYS
                            ),
                            "date_deadline": today,
                        }
                        for pairing in late
                    ]
                )
                done |= late
            remaining += Pairing.search_count(late_domain)
        report_progress(self.env, PAUSE_CRON, len(done), remaining)
        return done.with_env(self.env)

    def _mentoring_create_integration_checks(self):
        """One check per criterion of the programme for each pairing, the
        missing ones only; three queries for any number of pairings."""
        # sudo: the checklist comes with the end of adaptation, which the
        # caller was allowed to reach (a head ending the pairing, a mentor)
        pairings = self.sudo()
        Check = self.env["hr.mentoring.integration.check"].sudo()
        existing = {
            (check.pairing_id.id, check.criterion_id.id) for check in Check.search([("pairing_id", "in", pairings.ids)])
        }
        vals_list = [
            {"pairing_id": pairing.id, "criterion_id": criterion.id}
            for pairing in pairings
            for criterion in pairing.program_id.integration_criterion_ids
            if (pairing.id, criterion.id) not in existing
        ]
        return Check.create(vals_list)

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    @api.model
    def _mentoring_add_shared_reasons(self, vals_list):
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
            for pair, reasons in Matching._mentoring_shared_reasons(Program.browse(program_id), pairs).items():
                shared[(program_id, *pair)] = "\n".join(reasons)
        for vals in vals_list:
            if vals.get("match_reasons") and "match_reasons_shared" not in vals:
                key = (vals.get("program_id"), vals.get("mentee_id"), vals.get("mentor_id"))
                vals["match_reasons_shared"] = shared.get(key, False)

    @api.model
    def _search_plan_figure(self, fname, operator, value):
        """The domain of the pairings whose plan figure ``fname`` compares to
        ``value`` by ``operator``: one SQL subquery over the events the figure
        counts (as _compute_plan_figures does), grouped by pairing. A pairing
        without such events has 0, or no date for ``next_event_date``."""
        Figures = self.env["hr.mentoring.figures"]
        # sudo: the figures count every event of the pairing, as they show
        Event = self.env["hr.mentoring.event"].sudo()
        alias = Event._table
        feedback_due = Figures._mentoring_feedback_due_domain()
        domain, aggregate = {
            "event_count": ([("state", "!=", "cancelled")], SQL("count(*)")),
            "event_done_count": ([("state", "=", "done")], SQL("count(*)")),
            "missed_event_count": (Figures._mentoring_missed_domain(), SQL("count(*)")),
            "feedback_due_count": (feedback_due, SQL("count(*)")),
            "feedback_on_time_count": ([*feedback_due, ("done_on_time", "=", True)], SQL("count(*)")),
            "on_time_rate": (
                feedback_due,
                SQL("100.0 * count(*) FILTER (WHERE %s) / count(*)", SQL.identifier(alias, "done_on_time")),
            ),
            "next_event_date": ([("state", "=", "planned")], SQL("min(%s)", SQL.identifier(alias, "date_due"))),
        }[fname]
        field = self._fields[fname]
        empty = None if field.type == "date" else 0

        def convert(item):
            if item is False or item is None:
                return empty
            if field.type == "date":
                return fields.Date.to_date(item)
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                return item
            raise ValueError(item)

        try:
            if operator in ("in", "not in"):
                values = {convert(item) for item in value}
            elif operator in FIGURE_COMPARATORS:
                value = convert(value)
            else:
                raise ValueError(operator)
        except (ValueError, TypeError):
            raise UserError(
                _(
                    "Filter %(field)s with a number (a date for the next event), using =, !=, <, <=, >, >=, "
                    "in or not in.",
                    field=field._description_string(self.env),
                )
            ) from None

        def holds(figure):
            """Whether a pairing whose figure is ``figure`` matches (None: no date)."""
            if operator in ("in", "not in"):
                return (figure in values) == (operator == "in")
            if figure is None or value is None:
                # as for a stored field: "!=" a value also finds the empty ones
                return operator in ("=", "!=") and (figure is value) == (operator == "=")
            return FIGURE_COMPARATORS[operator](figure, value)

        # the condition on the figure of the pairings that have counted events
        if operator in ("in", "not in"):
            present = tuple(item for item in values if item is not None)
            condition = SQL("%s IN %s", aggregate, present) if present else SQL("FALSE")
            if operator == "not in":
                condition = SQL("NOT (%s)", condition)
        elif value is None:
            condition = SQL("TRUE" if operator == "!=" else "FALSE")
        else:
            condition = SQL("%s %s %s", aggregate, expression.SQL_OPERATORS[operator], value)
        query = Event._search(domain)
        query.groupby = SQL.identifier(alias, "pairing_id")
        if holds(empty):
            # the pairings without counted events match: exclude the others that do not
            query.having = SQL("NOT (%s)", condition)
            return [("id", "not in", SQL("(%s)", query.select(SQL.identifier(alias, "pairing_id"))))]
        query.having = condition
        return [("id", "in", SQL("(%s)", query.select(SQL.identifier(alias, "pairing_id"))))]

    def _mentoring_head_users(self):
        """{pairing id: user} heading each pairing's mentee: the manager of the
        mentee's department, or of the nearest parent department with one (never
        the mentee themself)."""
        # sudo: the mentee's department and user, for notifications and display
        pairings = self.sudo()
        chains = pairings.department_id._mentoring_head_chain()
        result = {}
        for pairing in pairings:
            heads = chains.get(pairing.department_id.id, ()) if pairing.department_id else ()
            head = next((user for user in heads if user != pairing.mentee_id.user_id), None)
            if head:
                result[pairing.id] = head.with_env(self.env)
        return result

    def _mentoring_participant_users(self):
        # sudo: the users behind the two employees, to keep role menus in sync
        return self.sudo().mentor_id.user_id | self.sudo().mentee_id.user_id

    def _mentoring_sync_roles(self, extra_users=None):
        users = self._mentoring_participant_users() | (extra_users or self.env["res.users"])
        users._mentoring_sync_role_groups()
