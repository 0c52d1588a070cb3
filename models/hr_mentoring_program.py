"""The mentoring programme: its settings, its monitoring figures, and its own
lifecycle (the twelve stages of the method, the regulations and the
information campaign, the participants' feedback survey, the adjustments and
the approval of the pilot's final report).

The stages (``hr.mentoring.program.stage``) follow the programme's data where
the data says it (``AUTO_STAGE_CODES``):

* ``goals``: the goals and the expected results are written;
* ``integration_criteria``: the integration criteria are written;
* ``program``: a default plan template is set;
* ``evaluation_criteria``: a scale, mentee criteria and mentor criteria;
* ``regulations``: the regulations are attached;
* ``mentor_selection``: the approved mentors of the company have enough places
  for the planned intake: their free places plus the places this programme's
  pairings (proposed, active, done) already take;
* ``campaign``: the information campaign created acknowledgements;
* ``pilot``: in progress while the programme is in pilot, done once a pilot
  programme has been approved (running or closed);
* ``feedback``: the feedback survey has at least one completed answer of this
  programme;
* ``adjustment``: an adjustment is logged (proposals waiting for a reason do
  not count).

A stage set from the data follows it both ways (``state_from_data``); a stage
a coordinator marked by hand keeps its state. Recomputed in one batch when the
data changes, by the button "Check Stages" and by a daily scheduled action
(which also catches mentors' places that other programmes took).
"""

from datetime import datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty
from odoo.tools.misc import formatLang
from odoo.tools.translate import LazyTranslate

from .action_tools import records_action, window_action
from .hr_mentoring_figures import FEEDBACK_DUE_DOMAIN, MISSED_DOMAIN, NO_DATA, percent_label, rate
from .hr_mentoring_program_acknowledgement import CAMPAIGN_BATCH_SIZE, PARTICIPANT_ROLES
from .hr_mentoring_program_stage import AUTO_STAGE_CODES
from .input_checks import check_date_window, check_name_length
from .state_machine import ANY_STATE, REFUSALS, allowed_steps, check_step, step, take_step, transition

_lt = LazyTranslate(__name__)

PROGRAM_STATES = [("draft", "Draft"), ("pilot", "Pilot"), ("running", "Running"), ("closed", "Closed")]

MANAGER_GROUP = "hr_mentoring.group_mentoring_manager"

# (from, to) -> roles that may make the step: coordinators run the programme;
# a pilot runs once a mentoring administrator ("manager") approves its final report
TRANSITIONS = {
    ("draft", "pilot"): {"coordinator"},
    ("draft", "running"): {"coordinator"},
    ("pilot", "running"): {"manager"},
    ("pilot", "closed"): {"coordinator"},
    ("running", "closed"): {"coordinator"},
    ("pilot", "draft"): {"coordinator"},
    ("running", "draft"): {"coordinator"},
    ("closed", "draft"): {"coordinator"},
}
OPEN_STATES = ("draft", "pilot", "running")
CLOSED_REFUSAL = _lt("The programme %(name)s is closed: reopen it first.")

# the buttons of a programme (hr_mentoring.state_machine): who presses each, in which states
STEPS = {
    "start_pilot": transition(_lt("start the pilot"), TRANSITIONS, "pilot"),
    "run": transition(
        _lt("run this programme"),
        TRANSITIONS,
        "running",
        sources=("draft",),
        wrong_states={
            "pilot": _lt("A pilot runs once its final report is approved: a mentoring administrator approves it.")
        },
    ),
    "approve": transition(
        _lt("approve a programme's final report"),
        TRANSITIONS,
        "running",
        sources=("pilot",),
        wrong_states={ANY_STATE: _lt("Only a pilot's final report is approved: %(name)s is not in pilot.")},
    ),
    "close": transition(_lt("close this programme"), TRANSITIONS, "closed"),
    "reset": transition(_lt("put this programme back to draft"), TRANSITIONS, "draft"),
    "check_stages": step(_lt("check the stages of a programme"), (ANY_STATE,), {"coordinator"}),
    "select_mentors": step(
        _lt("select mentors"), OPEN_STATES, {"coordinator"}, wrong_states={ANY_STATE: CLOSED_REFUSAL}
    ),
    "match_cohort": step(_lt("match a cohort"), OPEN_STATES, {"coordinator"}, wrong_states={ANY_STATE: CLOSED_REFUSAL}),
    "launch_campaign": step(
        _lt("launch the information campaign"), OPEN_STATES, {"coordinator"}, wrong_states={ANY_STATE: CLOSED_REFUSAL}
    ),
    "remind": step(_lt("remind the participants"), (ANY_STATE,), {"coordinator"}),
    "send_survey": step(
        _lt("send the feedback survey"), OPEN_STATES, {"coordinator"}, wrong_states={ANY_STATE: CLOSED_REFUSAL}
    ),
    "open_survey_answers": step(_lt("see the survey's answers"), (ANY_STATE,), {"coordinator"}),
    "open_survey_results": step(_lt("see the survey's results"), (ANY_STATE,), {"coordinator"}),
}
# can_* field -> the step it shows
CAN_STEPS = {
    "can_start_pilot": "start_pilot",
    "can_run": "run",
    "can_approve": "approve",
    "can_close": "close",
    "can_reset": "reset",
    "can_manage_stages": "check_stages",
    "can_select_mentors": "select_mentors",
    "can_match_cohort": "match_cohort",
    "can_launch_campaign": "launch_campaign",
    "can_remind": "remind",
    "can_open_survey_answers": "open_survey_answers",
    "can_open_survey_results": "open_survey_results",
}
# Odoo's eLearning course, read where website_slides is installed (never a dependency)
TRAINING_COURSE_MODEL = "slide.channel"
REPORT_XMLID = "hr_mentoring.action_report_program"
# written by the approval of the final report only (action_approve)
APPROVAL_FIELDS = frozenset({"approved_by_id", "approved_on"})
# the largest intake a programme plans
PLANNED_INTAKE_MAX = 100000

# programme fields whose change may complete (or undo) an auto stage
STAGE_DATA_FIELDS = frozenset(
    {
        "goals",
        "expected_results",
        "integration_criteria",
        "plan_template_id",
        "scale_id",
        "mentee_criterion_ids",
        "mentor_criterion_ids",
        "planned_intake",
        "regulation_ids",
        "survey_id",
        "state",
        "is_pilot",
        "company_id",
    }
)

# changed during the pilot: offered for logging as an adjustment
ADJUSTMENT_FIELDS = (
    "plan_template_id",
    "scale_id",
    "mentee_criterion_ids",
    "mentor_criterion_ids",
    "fit_criterion_ids",
    "same_department",
)
# and every selection weight (the fields weight_*)
WEIGHT_PREFIX = "weight_"

# feedback survey invitations sent at once; beyond this the scheduled action sends them by batches
SURVEY_SYNC_LIMIT = 100
SURVEY_CRON_BATCH_SIZE = 200
SURVEY_DEADLINE_DAYS = 14
NUMERIC_TYPES = ("scale", "numerical_box")
TEXT_TYPES = ("text_box", "char_box")


class HrMentoringProgram(models.Model):
    """A mentoring programme.

    Regulations are versioned attachments of the programme; the information
    campaign announces them to every participant, who acknowledges them.
    The pilot's feedback is collected with Odoo's Survey app: each
    participant (mentee, mentor, department head) gets a personal
    ``survey.user_input`` of the programme's survey, with the questions of
    their role only (``predefined_question_ids``), and a mail with their link.
    The answers are read back per role on the programme's Feedback page.
    """

    _name = "hr.mentoring.program"
    _description = "Mentoring Programme"
    _inherit = ["hr.mentoring.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _mentoring_steps = STEPS

    def _default_survey_id(self):
        return self.env.ref("hr_mentoring.survey_pilot_feedback", raise_if_not_found=False)

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
    integration_criterion_ids = fields.One2many(
        "hr.mentoring.integration.criterion", "program_id", string="Integration Checklist"
    )
    objective_ids = fields.One2many(
        "hr.mentoring.program.objective",
        "program_id",
        string="Objectives",
        help="The programme's goals and expected results, one per line: each mentee's goal says which it serves.",
    )
    target_skill_ids = fields.One2many(
        "hr.mentoring.program.skill",
        "program_id",
        string="Target Portrait",
        help="The skills, and their levels, that an integrated newcomer has (Employees > Skills).",
    )
    # the mentor-training course in Odoo's eLearning, where it is installed (not
    # a dependency): its id, and the course chosen through a reference field
    mentor_training_channel_id = fields.Integer(
        string="Mentor Training Course ID", copy=False, groups="hr_mentoring.group_mentoring_coordinator"
    )
    mentor_training_course = fields.Reference(
        selection="_selection_mentor_training_course",
        compute="_compute_mentor_training_course",
        inverse="_inverse_mentor_training_course",
        groups="hr_mentoring.group_mentoring_coordinator",
        help="The eLearning course that trains this programme's mentors: a candidate who completes it has their "
        "mentor training on record (checked every day, and when they are approved).",
    )
    elearning_installed = fields.Boolean(compute="_compute_mentor_training_course")
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
    calendar_meetings = fields.Boolean(
        string="Meetings in the Calendar",
        default=True,
        help="Discussions and feedback can be scheduled as meetings in Odoo's Calendar. Every employee reads the "
        "attendees of a private meeting (not its contents): turn this off to keep who meets whom out of the Calendar.",
    )

    # the programme's own lifecycle: the twelve stages of the method
    planned_intake = fields.Integer(
        tracking=True,
        help="The number of mentees the programme plans to take: the mentor selection stage is done when the "
        "approved mentors have that many places.",
    )
    stage_ids = fields.One2many("hr.mentoring.program.stage", "program_id", string="Stages of the Method")
    stage_progress = fields.Float(
        string="Introduction (%)",
        compute="_compute_stage_progress",
        store=True,
        digits=(5, 1),
        help="The share of the method's stages done or skipped.",
    )
    stage_current_id = fields.Many2one(
        "hr.mentoring.program.stage",
        string="Current Stage",
        compute="_compute_stage_progress",
        store=True,
        help="The first stage of the method that is neither done nor skipped.",
    )
    stage_current_name = fields.Char(related="stage_current_id.name", string="Current Stage Name")
    # what the current user may do on the form: each button's step passes (the server checks it again)
    can_manage_stages = fields.Boolean(compute="_compute_lifecycle_rights")
    can_approve = fields.Boolean(compute="_compute_lifecycle_rights")
    can_start_pilot = fields.Boolean(compute="_compute_lifecycle_rights")
    can_run = fields.Boolean(compute="_compute_lifecycle_rights")
    can_close = fields.Boolean(compute="_compute_lifecycle_rights")
    can_reset = fields.Boolean(compute="_compute_lifecycle_rights")
    can_select_mentors = fields.Boolean(compute="_compute_lifecycle_rights")
    can_match_cohort = fields.Boolean(compute="_compute_lifecycle_rights")
    can_launch_campaign = fields.Boolean(compute="_compute_lifecycle_rights")
    can_remind = fields.Boolean(compute="_compute_lifecycle_rights")
    can_open_survey_answers = fields.Boolean(compute="_compute_lifecycle_rights")
    can_open_survey_results = fields.Boolean(compute="_compute_lifecycle_rights")
    can_export = fields.Boolean(
        compute="_compute_lifecycle_rights", help="The user may print and export the programme report."
    )

    # the regulations and the information campaign
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
    campaign_launched_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    acknowledgement_ids = fields.One2many(
        "hr.mentoring.program.acknowledgement", "program_id", string="Acknowledgements"
    )
    acknowledgement_count = fields.Integer(string="Participants", compute="_compute_acknowledgement_figures")
    acknowledged_count = fields.Integer(string="Acknowledged", compute="_compute_acknowledgement_figures")
    acknowledgement_pending_count = fields.Integer(string="Waiting", compute="_compute_acknowledgement_figures")
    acknowledgement_label = fields.Char(string="Acknowledged of All", compute="_compute_acknowledgement_figures")

    # the participants' feedback survey
    survey_id = fields.Many2one(
        "survey.survey",
        string="Feedback Survey",
        default=_default_survey_id,
        help="The participants' feedback on the pilot, collected with Odoo's Survey app.",
    )
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
    survey_satisfaction = fields.Float(
        compute="_compute_survey_satisfaction",
        digits=(5, 1),
        help="The participants' answers to the feedback survey's scale questions, from 0 (each scale's lowest "
        "answer) to 100 (its highest), averaged. For coordinators and the heads of the programme's departments.",
    )
    has_survey_satisfaction = fields.Boolean(compute="_compute_survey_satisfaction")
    survey_satisfaction_label = fields.Char(string="Satisfaction", compute="_compute_survey_satisfaction")

    # the adjustments and the approval of the pilot's final report
    adjustment_ids = fields.One2many("hr.mentoring.program.adjustment", "program_id", string="Adjustments")
    draft_adjustment_count = fields.Integer(string="Adjustments to Confirm", compute="_compute_draft_adjustment_count")
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    final_report_id = fields.Many2one(
        "ir.attachment",
        string="Approved Final Report",
        readonly=True,
        copy=False,
        groups="hr_mentoring.group_mentoring_coordinator",
    )

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
    done_pairing_count = fields.Integer(string="Pairings Done", compute="_compute_figures")
    event_done_count = fields.Integer(string="Events Done", compute="_compute_figures")
    feedback_due_count = fields.Integer(string="Feedback Due", compute="_compute_figures")
    event_on_time_count = fields.Integer(string="Feedback Done on Time", compute="_compute_figures")
    missed_event_count = fields.Integer(string="Missed Events", compute="_compute_figures")
    on_time_rate = fields.Float(string="On-Time Feedback (%)", compute="_compute_figures", digits=(5, 1))
    has_feedback_due = fields.Boolean(compute="_compute_figures")
    on_time_label = fields.Char(string="On Time", compute="_compute_figures")
    fit_concern_count = fields.Integer(
        string="Fit Alerts", compute="_compute_figures", groups="hr_mentoring.group_mentoring_coordinator"
    )
    average_mentee_score = fields.Float(compute="_compute_figures", digits=(5, 1))
    # the results, as the final report and the Excel export show them (computed with the reader's rights)
    average_progress = fields.Float(
        string="Mentee Progress",
        compute="_compute_results",
        digits=(5, 1),
        help="Average change of the mentees' scores since their first evaluation, in points of 100.",
    )
    has_progress = fields.Boolean(compute="_compute_results")
    progress_label = fields.Char(string="Progress", compute="_compute_results")
    integration_checked_count = fields.Integer(string="Integration Checklists", compute="_compute_results")
    integration_reached_count = fields.Integer(string="Integrated Mentees", compute="_compute_results")
    integration_rate = fields.Float(
        string="Integration Reached (%)",
        compute="_compute_results",
        digits=(5, 1),
        help="The mentees who meet every integration criterion, out of those whose checklist was filled.",
    )
    integration_label = fields.Char(string="Integration", compute="_compute_results")
    # the health of the active pairings, counted for the programme's card
    health_on_track_count = fields.Integer(string="On Track", compute="_compute_health_counts")
    health_needs_checkin_count = fields.Integer(string="Need a Check-in", compute="_compute_health_counts")
    health_at_risk_count = fields.Integer(string="At Risk", compute="_compute_health_counts")

    # ------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------

    @api.depends("stage_ids.state", "stage_ids.sequence")
    def _compute_stage_progress(self):
        for program in self:
            stages = program.stage_ids.sorted(lambda s: (s.sequence, s.id))
            closed = stages.filtered(lambda s: s.state in ("done", "skipped"))
            program.stage_progress = 100.0 * len(closed) / len(stages) if stages else 0.0
            program.stage_current_id = (stages - closed)[:1]

    @api.depends_context("uid", "allowed_company_ids")
    @api.depends("state", "company_id", "survey_id", "acknowledgement_ids.state")
    def _compute_lifecycle_rights(self):
        allowed = allowed_steps(self, CAN_STEPS.values())
        for program in self:
            for fname, name in CAN_STEPS.items():
                program[fname] = allowed[name][program.id]
            try:
                program._check_report_access()
            except REFUSALS:
                program.can_export = False
            else:
                program.can_export = True

    @api.depends("mentor_training_channel_id")
    def _compute_mentor_training_course(self):
        installed = TRAINING_COURSE_MODEL in self.env
        for program in self:
            program.elearning_installed = installed
            channel_id = program.sudo().mentor_training_channel_id
            program.mentor_training_course = (
                f"{TRAINING_COURSE_MODEL},{channel_id}" if installed and channel_id else False
            )

    def _inverse_mentor_training_course(self):
        for program in self:
            course = program.mentor_training_course
            if course and course._name != TRAINING_COURSE_MODEL:
                raise ValidationError(_("The mentor training course is a course of Odoo's eLearning."))
            program.mentor_training_channel_id = course.id if course else 0

    @api.model
    def _selection_mentor_training_course(self):
        if TRAINING_COURSE_MODEL not in self.env:
            return []
        return [(TRAINING_COURSE_MODEL, self.env["ir.model"]._get(TRAINING_COURSE_MODEL).name or "eLearning Course")]

    @api.depends_context("uid")
    @api.depends("acknowledgement_ids.state")
    def _compute_acknowledgement_figures(self):
        # with the reader's rights: a participant counts what they may read
        groups = self.env["hr.mentoring.program.acknowledgement"]._read_group(
            [("program_id", "in", self.ids)], ["program_id", "state"], ["__count"]
        )
        counts = {}
        for program, state, count in groups:
            counts.setdefault(program.id, {})[state] = count
        for program in self:
            by_state = counts.get(program._origin.id, {})
            total = sum(by_state.values())
            program.acknowledgement_count = total
            program.acknowledged_count = by_state.get("acknowledged", 0)
            program.acknowledgement_pending_count = by_state.get("pending", 0)
            program.acknowledgement_label = f"{program.acknowledged_count}/{total}"

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_survey_counts(self):
        readable = self._mentoring_survey_readers()
        can_send = allowed_steps(self, ["send_survey"])["send_survey"]
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
            program.survey_can_send = can_send[program.id]

    @api.depends_context("uid", "allowed_company_ids", "lang")
    def _compute_survey_satisfaction(self):
        readable = self._mentoring_survey_readers()
        figures = readable._mentoring_survey_satisfaction() if readable else {}
        for program in self:
            satisfaction = figures.get(program.id)
            program.survey_satisfaction = satisfaction or 0.0
            program.has_survey_satisfaction = satisfaction is not None
            program.survey_satisfaction_label = percent_label(self.env, satisfaction)

    @api.depends_context("uid", "allowed_company_ids", "lang")
    def _compute_survey_results_html(self):
        readable = self._mentoring_survey_readers()
        results = readable._mentoring_survey_results() if readable else {}
        for program in self:
            result = results.get(program.id)
            program.survey_results_html = (
                self.env["ir.qweb"]._render(
                    "hr_mentoring.program_survey_results",
                    {
                        "program": program,
                        "result": result,
                        "roles": PARTICIPANT_ROLES,
                        "percent": self._mentoring_percent,
                    },
                )
                if result
                else False
            )

    @api.depends("adjustment_ids.state")
    def _compute_draft_adjustment_count(self):
        groups = self.env["hr.mentoring.program.adjustment"]._read_group(
            [("program_id", "in", self.ids), ("state", "=", "draft")], ["program_id"], ["__count"]
        )
        counts = {program.id: count for program, count in groups}
        for program in self:
            program.draft_adjustment_count = counts.get(program.id, 0)

    @api.depends_context("uid")
    def _compute_figures(self):
        Pairing = self.env["hr.mentoring.pairing"]
        Figures = self.env["hr.mentoring.figures"]
        empty = Figures._mentoring_empty_event_figures()
        pairing_groups = Pairing._read_group([("program_id", "in", self.ids)], ["program_id", "state"], ["__count"])
        fit_groups = []
        if self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator():
            fit_groups = Pairing._read_group(
                [("program_id", "in", self.ids), ("fit_concern", "=", True)], ["program_id"], ["__count"]
            )
        events = Figures._mentoring_event_figures([("program_id", "in", self.ids)], ["program_id"])
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
            program.done_pairing_count = by_state.get("done", 0)
            program.event_done_count = figures["done"]
            program.feedback_due_count = figures["feedback_due"]
            program.event_on_time_count = figures["feedback_on_time"]
            program.missed_event_count = figures["missed"]
            program.on_time_rate = figures["on_time_rate"] or 0.0
            program.has_feedback_due = bool(figures["feedback_due"])
            program.on_time_label = percent_label(self.env, figures["on_time_rate"])
            program.fit_concern_count = fits.get(program.id, 0)
            program.average_mentee_score = scores.get(program.id, 0.0)

    @api.depends_context("uid", "lang")
    def _compute_results(self):
        Figures = self.env["hr.mentoring.figures"]
        domain = [("program_id", "in", self.ids)]
        progress = Figures._mentoring_progress_figures(domain, ["program_id"])
        integration = Figures._integration_figures(domain, ["program_id"])
        for program in self:
            key = (program._origin,)
            total, count = progress.get(key, (0.0, 0))
            program.average_progress = total / count if count else 0.0
            program.has_progress = bool(count)
            program.progress_label = formatLang(self.env, program.average_progress, digits=1) if count else NO_DATA
            reached, checked = integration.get(key, (0, 0))
            program.integration_checked_count = checked
            program.integration_reached_count = reached
            program.integration_rate = rate(reached, checked) or 0.0
            program.integration_label = (
                f"{percent_label(self.env, rate(reached, checked))} ({reached} / {checked})" if checked else NO_DATA
            )

    @api.depends_context("uid")
    def _compute_health_counts(self):
        # with the reader's rights: a head counts the pairings of their
        # departments, by the health they read (without the fit alert)
        health = "health" if self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator() else "health_shared"
        groups = self.env["hr.mentoring.pairing"]._read_group(
            [("program_id", "in", self.ids), ("state", "=", "active"), (health, "!=", False)],
            ["program_id", health],
            ["__count"],
        )
        counts = {(program.id, health): count for program, health, count in groups}
        for program in self:
            program.health_on_track_count = counts.get((program.id, "on_track"), 0)
            program.health_needs_checkin_count = counts.get((program.id, "needs_checkin"), 0)
            program.health_at_risk_count = counts.get((program.id, "at_risk"), 0)

    # ------------------------------------------------------------------
    # constraints
    # ------------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        check_date_window(self, ("date_start", "date_end"))
        for program in self:
            if program.date_end and program.date_end <= program.date_start:
                raise ValidationError(_("The programme %(name)s must end after it starts.", name=program.name))

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)

    @api.constrains("planned_intake")
    def _check_planned_intake(self):
        for program in self:
            if not 0 <= program.planned_intake <= PLANNED_INTAKE_MAX:
                raise ValidationError(
                    _(
                        "The planned intake of %(name)s is a number of mentees from 0 to %(max)s.",
                        name=program.name,
                        max=PLANNED_INTAKE_MAX,
                    )
                )

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

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._mentoring_check_approval_vals(vals)
                if vals.get("state") == "running" and vals.get("is_pilot"):
                    raise UserError(
                        _(
                            "A pilot becomes the running programme when a mentoring administrator approves its final "
                            "report (Approve Final Report)."
                        )
                    )
        programs = super().create(vals_list)
        Stage = self.env["hr.mentoring.program.stage"]
        # sudo: the stages come with the programme, whoever creates it
        Stage.sudo().create([vals for program in programs for vals in Stage._mentoring_stage_values(program)])
        programs._mentoring_attach_regulations()
        programs._mentoring_update_auto_stages()
        return programs

    def write(self, vals):
        self._mentoring_check_approval_write(vals)
        proposed = {fname for fname in vals if fname in ADJUSTMENT_FIELDS or fname.startswith(WEIGHT_PREFIX)}
        pilots = self.filtered(lambda p: p.state == "pilot") if proposed else self.browse()
        before = pilots._mentoring_adjustment_labels(proposed) if pilots else {}
        regulations_written = "regulation_ids" in vals
        if regulations_written:
            # sudo: every file linked, also those the writer may not read
            regulations_before = {program.id: set(program.sudo().regulation_ids.ids) for program in self}
        res = super().write(vals)
        if regulations_written:
            self._mentoring_attach_regulations(regulations_before)
            changed = self.filtered(
                lambda p: p.campaign_launched_on and set(p.sudo().regulation_ids.ids) != regulations_before[p.id]
            )
            if changed:
                changed._mentoring_new_regulation_version()
        if pilots:
            after = pilots._mentoring_adjustment_labels(proposed)
            pilots._mentoring_propose_adjustments(
                {
                    program.id: [
                        f"{label}: {before[program.id][fname][1]} → {value}"
                        for fname, (label, value) in after[program.id].items()
                        if value != before[program.id][fname][1]
                    ]
                    for program in pilots
                }
            )
        if STAGE_DATA_FIELDS & set(vals):
            self._mentoring_update_auto_stages()
        return res

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_start_pilot(self):
        return take_step(self, "start_pilot", {"is_pilot": True})

    def action_run(self):
        return take_step(self, "run")

    def action_close(self):
        check_step(self, "close")
        open_pairings = self.pairing_ids.filtered(lambda p: p.state in ("draft", "proposed", "active"))
        if open_pairings:
            raise ValidationError(
                _(
                    "%(count)s pairings of this programme are still open. End or cancel them before closing it.",
                    count=len(open_pairings),
                )
            )
        return take_step(self, "close")

    def action_reset_draft(self):
        return take_step(self, "reset")

    def action_approve(self):
        """Approve the pilot's final report (mentoring administrators): the
        programme runs, and the report is attached as a PDF."""
        check_step(self, "approve")
        self.check_access("write")
        # sudo: the approval fields and the step into running are written by
        # this button only, once the administrator's right is checked above
        self.sudo().write({"state": "running", "approved_by_id": self.env.uid, "approved_on": fields.Datetime.now()})
        self._mentoring_attach_final_report()
        # sudo: the approval requests are done, whichever administrator they
        # were assigned to (the approver's right is checked above)
        self.sudo().activity_feedback(
            ["hr_mentoring.mail_activity_type_final_report"],
            feedback=_("Final report approved by %(user)s.", user=self.env.user.name),
        )
        return True

    def action_check_stages(self):
        """Complete (or reopen) the stages the programme's data decides (coordinators)."""
        check_step(self, "check_stages")
        self.check_access("write")
        self._mentoring_update_auto_stages()

    def action_open_stages(self):
        return records_action(self, "hr_mentoring.hr_mentoring_program_stage_action", "program_id")

    def action_open_pairings(self):
        return self._mentoring_open_pairings()

    def action_open_proposed_pairings(self):
        return self._mentoring_open_pairings([("state", "=", "proposed")])

    def action_open_events(self):
        events = "hr_mentoring.hr_mentoring_event_action"
        return records_action(self, events, "program_id", {"search_default_filter_overdue": 0}, default=False)

    def action_open_missed_events(self):
        action = self.action_open_events()
        action["domain"] = [("program_id", "=", self.id), *MISSED_DOMAIN]
        return action

    def action_open_feedback_due(self):
        """The feedback events the on-time rate counts (done or missed), those done on time first."""
        action = self.action_open_events()
        action["domain"] = [("program_id", "=", self.id), *FEEDBACK_DUE_DOMAIN]
        action["context"] = {**action.get("context", {}), "group_by": ["done_on_time"]}
        return action

    def action_open_mentor_selection(self):
        """Find a Mentor for this programme (coordinators)."""
        return self._mentoring_open_wizard("hr_mentoring.hr_mentoring_mentor_selection_wizard_action", "select_mentors")

    def action_open_cohort(self):
        """Match a Cohort in this programme (coordinators)."""
        return self._mentoring_open_wizard("hr_mentoring.hr_mentoring_cohort_wizard_action", "match_cohort")

    def action_launch_campaign(self):
        """Announce the programme and its regulations to every participant
        (mentors, mentees, their department heads), each in their language,
        and ask each one to acknowledge them. Run again, it adds newcomers."""
        check_step(self, "launch_campaign")
        self.check_access("write")
        participants = self._mentoring_participants()
        for program in self:
            if not program.regulation_ids:
                raise UserError(_("Add the regulations of %(name)s before launching its campaign.", name=program.name))
            if not participants[program.id]:
                raise UserError(
                    _(
                        "%(name)s has no participants yet: propose its pairings before launching its campaign.",
                        name=program.name,
                    )
                )
        Ack = self.env["hr.mentoring.program.acknowledgement"]
        existing = {(ack.program_id.id, ack.employee_id.id) for ack in Ack.search([("program_id", "in", self.ids)])}
        Ack.create(
            [
                {"program_id": program.id, "employee_id": employee.id, "role": role}
                for program in self
                for employee, role in participants[program.id].items()
                if (program.id, employee.id) not in existing
            ]
        )
        self.filtered(lambda p: not p.regulation_version).write({"regulation_version": 1})
        self.filtered(lambda p: not p.campaign_launched_on).write({"campaign_launched_on": fields.Datetime.now()})
        queued = self._mentoring_send_campaign()
        message = (
            _("The announcement is being sent to the participants in the background.")
            if queued
            else _("The participants have been asked to acknowledge the regulations.")
        )
        return self._mentoring_campaign_notification(message)

    def action_remind_acknowledgements(self):
        """Remind the participants who have not acknowledged the current regulations."""
        check_step(self, "remind")
        self.check_access("write")
        pending = self.env["hr.mentoring.program.acknowledgement"].search(
            [("program_id", "in", self.ids), ("state", "=", "pending")]
        )
        # sudo: the coordinator's right is checked above; templates and mails are system records
        pending.sudo()._mentoring_send_template(
            self.env.ref("hr_mentoring.mail_template_program_campaign_reminder").sudo()
        )
        pending.sudo().write({"reminded_on": fields.Datetime.now()})
        return self._mentoring_campaign_notification(_("%(count)s participants were reminded.", count=len(pending)))

    def action_open_final_report(self):
        """Open the PDF of the approved final report (coordinators: it belongs
        to a confidential note of the programme)."""
        self.ensure_one()
        self.env["hr.mentoring.role.mixin"]._mentoring_check_coordinator(_("open the approved final report"))
        self.check_access("read")
        report = self.final_report_id
        if not report:
            raise UserError(_("%(name)s has no approved final report.", name=self.name))
        report.check_access("read")
        return {"type": "ir.actions.act_url", "url": f"/web/content/{report.id}", "target": "new"}

    def action_open_acknowledgements(self):
        acknowledgements = "hr_mentoring.hr_mentoring_program_acknowledgement_action"
        context = {"search_default_filter_pending": 1 if self.acknowledgement_pending_count else 0}
        return records_action(self, acknowledgements, "program_id", context, default=False)

    def action_send_feedback_survey(self):
        """Invite every participant of these programmes to their feedback survey.

        Coordinators only (AccessError otherwise). One personal answer per
        participant, created in one batch; who already has an invitation that
        has not expired is not invited again. The mails are sent at once for
        small programmes, by the scheduled action for large ones.
        """
        check_step(self, "send_survey")
        self.check_access("write")
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
        check_step(self, "open_survey_answers")
        return window_action(
            self,
            "survey.action_survey_user_input",
            [("mentoring_program_id", "=", self.id), ("test_entry", "=", False)],
            {"create": False},
        )

    def action_open_survey_results(self):
        """The survey's own results page in the Survey app (coordinators, who are Survey users)."""
        self.ensure_one()
        check_step(self, "open_survey_results")
        return self.survey_id.action_result_survey()

    def action_export_xlsx(self):
        """Download the whole programme as an Excel workbook."""
        self.ensure_one()
        self._check_report_access()
        return {
            "type": "ir.actions.act_url",
            "url": f"/hr_mentoring/program/{self.id}/xlsx",
            "target": "download",
        }

    # ------------------------------------------------------------------
    # scheduled actions
    # ------------------------------------------------------------------

    @api.model
    def _cron_check_stages(self):
        """The daily action: set the auto stages of the open programmes from the
        data. A stage done here is dated with its company's day, as every
        scheduled action counts days, not with the scheduler user's."""
        programs = self.search([("state", "!=", "closed")])
        for company, company_programs in programs.grouped("company_id").items():
            company_programs.with_context(tz=company._mentoring_tz())._mentoring_update_auto_stages()
        # the mentor training completed in eLearning, where a programme names its course
        self.env["hr.employee"]._mentoring_sync_course_training(programs)
        self.env["ir.cron"]._notify_progress(done=len(programs), remaining=0)

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
    # participants
    # ------------------------------------------------------------------

    def _mentoring_participants(self):
        """{program id: {employee: role}}: who takes part in each programme.

        The mentors and mentees of its pairings that are not drafts or
        cancelled, and the department head of each mentee (the pairing's
        ``_mentoring_head_users``). Someone with two roles is counted once, by the first
        of mentee, mentor, head. Batched: three reads for any number of
        programmes.
        """
        # sudo: the campaign and the survey reach every participant, whoever sends them
        pairings = (
            self.env["hr.mentoring.pairing"]
            .sudo()
            .search([("program_id", "in", self.ids), ("state", "in", ("proposed", "active", "done"))])
        )
        head_of = pairings._mentoring_head_users()
        head_user_ids = {user.id for user in head_of.values()}
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
                    head = head_of.get(pairing.id)
                    employees = employee_of.get((head.id, pairing.company_id.id), Employee) if head else Employee
                for employee in employees.filtered("active"):
                    participants.setdefault(employee.with_env(self.env), role)
        return result

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
    # stages from the data
    # ------------------------------------------------------------------

    def _mentoring_stage_targets(self):
        """{program id: {code: 'done' | 'in_progress' | False}} from the data.

        A bounded number of queries for any number of programmes."""
        programs = self.sudo()  # sudo: the stages follow all the data, whoever changed it
        ids = programs.ids
        env = programs.env

        def counts(model, domain, groupby):
            return {
                tuple(rec.id for rec in key): count
                for *key, count in env[model]._read_group(domain, groupby, ["__count"])
            }

        acks = counts("hr.mentoring.program.acknowledgement", [("program_id", "in", ids)], ["program_id"])
        adjustments = counts(
            "hr.mentoring.program.adjustment",
            [("program_id", "in", ids), ("state", "=", "confirmed")],
            ["program_id"],
        )
        answers = counts(
            "survey.user_input",
            [("mentoring_program_id", "in", ids), ("state", "=", "done")],
            ["mentoring_program_id", "survey_id"],
        )
        paired = counts(
            "hr.mentoring.pairing",
            [("program_id", "in", ids), ("state", "in", ("proposed", "active", "done"))],
            ["program_id"],
        )
        places = {
            company.id: free
            for company, free in env["hr.employee"]._read_group(
                [("mentor_state", "=", "approved"), ("company_id", "in", programs.company_id.ids)],
                ["company_id"],
                ["mentor_available_capacity:sum"],
            )
        }
        result = {}
        for program in programs:
            pid = program.id
            intake = program.planned_intake
            approved_pilot = program.is_pilot and program.approved_by_id and program.state in ("running", "closed")
            data = {
                "goals": not is_html_empty(program.goals) and not is_html_empty(program.expected_results),
                "integration_criteria": not is_html_empty(program.integration_criteria),
                "program": bool(program.plan_template_id),
                "evaluation_criteria": bool(
                    program.scale_id and program.mentee_criterion_ids and program.mentor_criterion_ids
                ),
                "regulations": bool(program.regulation_ids),
                "mentor_selection": intake > 0
                and places.get(program.company_id.id, 0) + paired.get((pid,), 0) >= intake,
                "campaign": bool(acks.get((pid,))),
                "pilot": "done" if approved_pilot else ("in_progress" if program.state == "pilot" else False),
                "feedback": bool(program.survey_id and answers.get((pid, program.survey_id.id))),
                "adjustment": bool(adjustments.get((pid,))),
            }
            result[pid] = {code: ("done" if value is True else value) for code, value in data.items()}
        return result

    def _mentoring_update_auto_stages(self):
        """Set the auto stages of ``self`` from the data, in one batch.

        A stage done by hand or skipped keeps its state; a stage set from the
        data goes back to To Do when the data no longer holds."""
        if not self:
            return
        targets = self._mentoring_stage_targets()
        Stage = self.env["hr.mentoring.program.stage"].sudo()
        stages = Stage.search([("program_id", "in", self.ids), ("code", "in", sorted(AUTO_STAGE_CODES))])
        today = fields.Date.context_today(self)
        changes = {}
        for stage in stages:
            target = targets[stage.program_id.id].get(stage.code)
            current, auto = stage.state, stage.state_from_data
            if current == "skipped" or (current == "done" and not auto):
                continue
            if target == "done":
                new = "done" if current != "done" else None
            elif target == "in_progress":
                new = "in_progress" if current == "todo" or (auto and current == "done") else None
            else:
                new = "todo" if auto and current != "todo" else None
            if new:
                changes.setdefault(new, Stage)
                changes[new] |= stage
        for new, group in changes.items():
            group.with_context(mentoring_stage_from_data=True).write(
                {
                    "state": new,
                    "state_from_data": new != "todo",
                    "date_done": today if new == "done" else False,
                }
            )

    # ------------------------------------------------------------------
    # regulations and the information campaign
    # ------------------------------------------------------------------

    def _mentoring_attach_regulations(self, before=None):
        """Uploaded regulations belong to the programme, so that every participant
        who reads the programme may download them (ir.attachment follows its
        res_model and res_id): uploads not yet attached to a document are
        attached; a file of another document is refused (its readers differ).

        The files newly linked (all of them, or those not in ``before``
        {program id: set of attachment ids}) are checked first, with the
        rights of the user who links them: Odoo's own check of the file (an
        upload without a document is its uploader's, a document's file is its
        document's readers'), and a file of another programme must be of the
        same company."""
        Program = self.env[self._name]
        for program in self:
            # sudo: an upload without a document is readable by its creator only;
            # the coordinator's right to write the programme was checked by write()
            attachments = program.regulation_ids.sudo()
            new = attachments.filtered(lambda a, p=program: before is None or a.id not in before.get(p.id, ()))
            if new and not self.env.su:
                try:
                    new.with_env(self.env).check("read")
                except AccessError:
                    raise AccessError(
                        _(
                            "The regulations of %(name)s are your own uploads or files you may read: a file "
                            "uploaded by someone else stays theirs.",
                            name=program.name,
                        )
                    ) from None
            others = new.filtered(lambda a, p=program: a.res_model == self._name and a.res_id and a.res_id != p.id)
            owners = Program.sudo().browse(others.mapped("res_id")).exists()
            if owners.company_id - program.company_id:
                raise ValidationError(
                    _(
                        "The regulations of %(name)s are files of its company: upload them to the programme.",
                        name=program.name,
                    )
                )
            loose = attachments.filtered(lambda a: not a.res_id and a.res_model in (False, self._name))
            loose.write({"res_model": self._name, "res_id": program.id, "company_id": program.company_id.id})
            foreign = attachments.filtered(lambda a: a.res_model != self._name or a.res_field)
            if foreign:
                raise ValidationError(
                    _(
                        "The regulation %(name)s belongs to another document, which the participants may not "
                        "read: upload it to the programme.",
                        name=foreign[0].name,
                    )
                )

    def _mentoring_new_regulation_version(self):
        """The regulations changed after the campaign: every participant is asked again."""
        for program in self:
            if not program.regulation_ids:
                raise UserError(
                    _(
                        "The information campaign of %(name)s was launched: keep at least one regulation.",
                        name=program.name,
                    )
                )
            program.regulation_version += 1
            program.message_post(
                body=_(
                    "New version %(version)s of the regulations: every participant is asked to acknowledge again.",
                    version=program.regulation_version,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._mentoring_send_campaign()

    def _mentoring_send_campaign(self):
        """Send the announcements of these programmes that are still to send: now
        when they are few, else by the scheduled action, batch by batch. Returns
        True when the scheduled action was asked to do it."""
        Ack = self.env["hr.mentoring.program.acknowledgement"].sudo()
        to_send = Ack.search([("program_id", "in", self.ids), ("to_send", "=", True)], limit=CAMPAIGN_BATCH_SIZE + 1)
        if len(to_send) > CAMPAIGN_BATCH_SIZE:
            self.env.ref("hr_mentoring.ir_cron_send_campaign").sudo()._trigger()
            return True
        to_send._mentoring_send_announcement()
        return False

    def _mentoring_campaign_notification(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # the feedback survey: invitations and results
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
                        # its own attempt: a survey limited to one answer (no "Take Again") still
                        # takes the participant's answer for each programme that invites them
                        "invite_token": UserInput._generate_invite_token(),
                        "predefined_question_ids": [fields.Command.set(questions[survey.id, role].ids)],
                    }
                )
        # no chatter bookkeeping on the answers (the sender as follower, the
        # auto-subscriptions, a creation note): mail.thread does it record by
        # record, two queries per participant, and nobody follows an answer
        return UserInput.with_context(tracking_disable=True).create(vals_list)

    def _mentoring_survey_readers(self):
        """The programmes of ``self`` whose feedback the user may see:
        coordinators for their companies' programmes, department heads for
        the programmes with a pairing in their departments (aggregated)."""
        if self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator():
            return self.filtered(lambda p: self.env.su or p.company_id <= self.env.companies)
        departments = self.env["hr.department"]._mentoring_managed_departments()
        if not departments or not self:
            return self.browse()
        domain = [
            ("program_id", "in", self.ids),
            ("department_id", "child_of", departments.ids),
            ("state", "!=", "draft"),
        ]
        # sudo: only which programmes have a pairing in the head's departments
        pairings = self.env["hr.mentoring.pairing"].sudo().search_fetch(domain, ["program_id"])
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
        programme's satisfaction (``_mentoring_survey_satisfaction``).

        Rights: raises AccessError unless the user is a coordinator of the
        programmes' companies or heads a department with a pairing in each
        programme. Then read as superuser (nobody but the Survey app's users
        reads answers): the answers of people the reader may not read
        otherwise. Respondents' names are given to coordinators only, and to
        heads when the survey is not anonymous. Batched: five queries for any
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
        for program, role, question, scale_avg, number_avg in Line._read_group(
            [*line_base, ("answer_type", "in", NUMERIC_TYPES)],
            ["mentoring_program_id", "mentoring_role", "question_id"],
            ["value_scale:avg", "value_numerical_box:avg"],
            order="mentoring_program_id, mentoring_role, question_id",
        ):
            if role not in result[program.id]["roles"]:
                continue
            average = scale_avg if question.question_type == "scale" else number_avg
            result[program.id]["roles"][role]["averages"].append((question.title, average))
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
        satisfaction = self._mentoring_survey_satisfaction()
        for program_id, data in result.items():
            for figures in data["roles"].values():
                if figures["invited"]:
                    figures["rate"] = 100.0 * figures["done"] / figures["invited"]
            data["satisfaction"] = satisfaction.get(program_id)
        return result

    def _mentoring_survey_satisfaction(self):
        """{program id: satisfaction 0-100}: the one satisfaction figure of
        each programme (``survey_satisfaction``, the Feedback page, the final
        report, the Excel export and the Monitoring report), from the scale
        answers of its finished feedback surveys (hr.mentoring.figures,
        SATISFACTION_DOMAIN); programmes without such answers are left out.

        Raises AccessError unless the user may see the feedback of every
        programme of ``self`` (``_mentoring_survey_readers``). One query.
        """
        programs = self._mentoring_check_survey_readers()
        if not programs:
            return {}
        figures = self.env["hr.mentoring.figures"]._satisfaction_figures(
            [("mentoring_program_id", "in", programs.ids)], ["mentoring_program_id"]
        )
        return {program.id: average for (program,), (average, _count) in figures.items()}

    def _mentoring_survey_satisfaction_by_department(self):
        """{(program id, department id): satisfaction 0-100}: the programme's
        satisfaction (``_mentoring_survey_satisfaction``) by the respondent's
        department (when invited).

        Coordinators get every department of their companies' programmes,
        department heads the departments they manage (and their
        sub-departments), others nothing. One query.
        """
        coordinator = self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator()
        programs = self._mentoring_survey_readers()
        if not programs:
            return {}
        domain = [("mentoring_program_id", "in", programs.ids), ("mentoring_department_id", "!=", False)]
        if not coordinator:
            departments = self.env["hr.department"]._mentoring_managed_departments()
            domain.append(("mentoring_department_id", "child_of", departments.ids))
        figures = self.env["hr.mentoring.figures"]._satisfaction_figures(
            domain, ["mentoring_program_id", "mentoring_department_id"]
        )
        return {(program.id, department.id): average for (program, department), (average, _n) in figures.items()}

    # ------------------------------------------------------------------
    # adjustments offered during the pilot
    # ------------------------------------------------------------------

    def _mentoring_adjustment_labels(self, fnames):
        """{program id: {field: (field label, value as text)}}"""
        result = {}
        for program in self.sudo():
            values = {}
            for fname in fnames:
                field = program._fields[fname]
                value = program[fname]
                if field.type in ("many2one", "many2many"):
                    text = ", ".join(value.mapped("display_name")) or "—"
                elif field.type == "selection":
                    text = dict(field._description_selection(self.env)).get(value, "—")
                else:
                    text = f"{value:g}" if isinstance(value, float) else str(value)
                values[fname] = (field._description_string(self.env), text)
            result[program.id] = values
        return result

    def _mentoring_propose_adjustments(self, changes_by_program):
        """Draft adjustments for what changed during the pilot, and an
        activity for the coordinator to log them with a reason.

        ``changes_by_program``: {program id: ["what: before → after", ...]}"""
        vals_list = []
        for program in self:
            changes = changes_by_program.get(program.id)
            if not changes:
                continue
            vals_list.append(
                {
                    "program_id": program.id,
                    "state": "draft",
                    "name": "; ".join(changes),
                    "user_id": self.env.uid,
                }
            )
        if not vals_list:
            return
        # sudo: the change was allowed; the proposal is bookkeeping of it
        adjustments = self.env["hr.mentoring.program.adjustment"].sudo().create(vals_list)
        programs = adjustments.program_id
        existing = programs._mentoring_activities("hr_mentoring.mail_activity_type_adjustment")
        self._mentoring_schedule_activities(
            [
                {
                    "record": program,
                    "type": "hr_mentoring.mail_activity_type_adjustment",
                    "user": program.coordinator_id or self.env.user,
                    "note": _lt(
                        "The programme changed during the pilot: give the reason of each change, or discard it."
                    ),
                }
                for program in programs.sudo() - self.browse(existing.mapped("res_id")).sudo()
            ]
        )

    def _mentoring_close_adjustment_activity(self):
        """The coordinator logged (or discarded) every proposal: the activity is done."""
        done = self.sudo().filtered(lambda p: not p.draft_adjustment_count)
        done._mentoring_close_activities("hr_mentoring.mail_activity_type_adjustment")

    # ------------------------------------------------------------------
    # approval, reports and exports
    # ------------------------------------------------------------------

    @api.model
    def _mentoring_check_approval_vals(self, vals):
        """Who approved a final report, and when, is written by its approval only."""
        if not self.env.su and APPROVAL_FIELDS & set(vals):
            raise AccessError(
                _("Only the approval of the final report (Approve Final Report) records who approved it and when.")
            )

    def _mentoring_check_approval_write(self, vals):
        """A pilot becomes the running programme only by its approval
        (action_approve, which writes as superuser after its own checks).

        Every other way into ``running`` is refused for a programme in pilot,
        and for a programme marked as a pilot that no administrator approved
        (a pilot put back to draft, then run). Only a mentoring administrator
        makes a pilot an ordinary programme again (clears ``is_pilot``)."""
        if self.env.su:
            return
        self._mentoring_check_approval_vals(vals)
        if "is_pilot" in vals and not vals["is_pilot"] and not self.env.user.has_group(MANAGER_GROUP):
            pilots = self.filtered("is_pilot")
            if pilots:
                raise UserError(
                    _(
                        "%(name)s is a pilot: only a mentoring administrator may make it an ordinary programme.",
                        name=pilots[0].name,
                    )
                )
        if vals.get("state") == "running" and self.filtered(
            lambda p: p.state == "pilot" or (vals.get("is_pilot", p.is_pilot) and not p.approved_by_id)
        ):
            raise UserError(
                _(
                    "A pilot becomes the running programme when a mentoring administrator approves its final "
                    "report (Approve Final Report)."
                )
            )

    def _mentoring_attach_final_report(self):
        """Render the programme report of each approved programme and keep it
        for coordinators, then say so in the chatter. The report compares
        mentors and departments: the PDF belongs to a confidential coordinator
        note of the programme (an attachment is readable by whoever reads its
        document, and every employee reads the programme and its notes)."""
        Report = self.env["ir.actions.report"]
        for program in self:
            content, _report_type = Report._render_qweb_pdf(REPORT_XMLID, program.ids)
            note = self.env["hr.mentoring.note"].create(
                {
                    "name": _("Approved final report"),
                    "body": _("Final report approved by %(user)s.", user=self.env.user.name),
                    "program_id": program.id,
                    "company_id": program.company_id.id,
                }
            )
            program.final_report_id = self.env["ir.attachment"].create(
                {
                    "name": _("Final Report - %(name)s.pdf", name=program.name),
                    "raw": content,
                    "res_model": note._name,
                    "res_id": note.id,
                    "mimetype": "application/pdf",
                }
            )
            program.message_post(
                body=_("Final report approved by %(user)s.", user=self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )

    def _check_report_access(self):
        """Raise AccessError unless the user may print or export these programmes
        (coordinators, and department heads for their departments)."""
        self.env["report.hr_mentoring.report_program"]._check_program_access(self)

    def _mentoring_export_xlsx(self):
        """The programme's pairings, events, evaluations and mentors as the bytes
        of an .xlsx file, read with the user's rights."""
        self.ensure_one()
        self._check_report_access()
        return self.env["report.hr_mentoring.program_xlsx"]._mentoring_generate_xlsx(self)

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _mentoring_roles(self):
        """{programme id: roles of the current user}: coordinators coordinate,
        and mentoring administrators ("manager") approve, the programmes of
        their own companies."""
        coordinator = self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator()
        manager = self.env.su or self.env.user.has_group(MANAGER_GROUP)
        roles = {}
        for program in self:
            ours = self.env.su or program.company_id in self.env.companies
            roles[program.id] = {
                role for role, member in (("coordinator", coordinator), ("manager", manager)) if member and ours
            }
        return roles

    def _mentoring_check_step(self, name, roles):
        """The conditions of the programme's buttons that are not a state nor
        a role (hr_mentoring.state_machine)."""
        self.ensure_one()
        if name in ("send_survey", "open_survey_answers", "open_survey_results") and not self.survey_id:
            if name == "send_survey":
                raise UserError(_("Choose the feedback survey of the programme %(name)s first.", name=self.name))
            raise UserError(_("The programme %(name)s has no feedback survey.", name=self.name))
        if name == "send_survey" and not self.survey_id.active:
            raise UserError(_("The survey %(survey)s is archived.", survey=self.survey_id.title))
        if name == "remind" and not self.env["hr.mentoring.program.acknowledgement"].search_count(
            [("program_id", "=", self.id), ("state", "=", "pending")], limit=1
        ):
            raise UserError(_("Every participant has acknowledged the current regulations: nobody to remind."))

    def _mentoring_open_pairings(self, domain=None, context=None):
        return records_action(self, "hr_mentoring.hr_mentoring_pairing_action", "program_id", context, domain or ())

    def _mentoring_open_wizard(self, xml_id, step_name):
        self.ensure_one()
        check_step(self, step_name)
        return window_action(self, xml_id, context={"default_program_id": self.id})

    def _mentoring_percent(self, value):
        return percent_label(self.env, value)
