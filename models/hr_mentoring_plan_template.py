from bisect import bisect_left
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .hr_mentoring_evaluation import EVALUATION_KINDS
from .hr_mentoring_pairing import PHASES
from .input_checks import PLAN_MAX_WORKING_DAYS, check_name_length

EVENT_TYPES = [
    ("feedback", "Feedback"),
    ("planned_discussion", "Planned Discussion"),
    ("situational_discussion", "Situational Discussion"),
    ("training", "Training"),
    ("evaluation", "Evaluation"),
    ("milestone", "Milestone"),
]

# Working days in a week, for a plan line that repeats every so many weeks (the
# single formula is ``HrMentoringPlanTemplateLine._mentoring_last_working_day``):
# - a standard Monday-to-Friday week, to show how long a template is;
STANDARD_WEEK_WORKING_DAYS = 5
# - the most a calendar week can hold, to read enough of a mentee's working days
#   for a plan: a weekly event then always finds its date, whatever the schedule.
MAX_WEEK_WORKING_DAYS = 7

RESPONSIBLE_ROLES = [
    ("mentor", "Mentor"),
    ("mentee", "Mentee"),
    ("head", "Department Head"),
    ("coordinator", "Coordinator"),
]

# the template fields that change the plans a pilot proposes
TEMPLATE_FIELDS = ("name", "line_ids", "description", "duration_days")


class HrMentoringPlanTemplate(models.Model):
    _name = "hr.mentoring.plan.template"
    _description = "Mentoring Plan Template"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Leave empty to share the template between companies.")
    description = fields.Html(translate=True)
    line_ids = fields.One2many("hr.mentoring.plan.template.line", "template_id", string="Events", copy=True)
    event_count = fields.Integer(string="Events per Plan", compute="_compute_event_count")
    duration_days = fields.Integer(
        string="Length (Working Days)", compute="_compute_event_count", help="Working day of the last event."
    )

    @api.depends("line_ids.day_offset", "line_ids.repeat_count", "line_ids.repeat_interval", "line_ids.repeat_unit")
    def _compute_event_count(self):
        for template in self:
            template.event_count = sum(1 + line.repeat_count for line in template.line_ids)
            template.duration_days = max(
                (line._mentoring_last_working_day(STANDARD_WEEK_WORKING_DAYS) for line in template.line_ids),
                default=0,
            )

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)

    def write(self, vals):
        fnames = [fname for fname in TEMPLATE_FIELDS if fname in vals]
        res = super().write(vals)
        if fnames:
            # sudo: which pilots use the template, whatever the writer reads
            pilots = (
                self.env["hr.mentoring.program"]
                .sudo()
                .search([("plan_template_id", "in", self.ids), ("state", "=", "pilot")])
            )
            labels = ", ".join(self._fields[fname]._description_string(self.env) for fname in fnames)
            pilots._mentoring_propose_adjustments(
                {
                    program.id: [
                        self.env._(
                            "Plan template %(template)s edited: %(fields)s",
                            template=program.plan_template_id.display_name,
                            fields=labels,
                        )
                    ]
                    for program in pilots
                }
            )
        return res

    @api.model
    def _mentoring_play_demo_story(self):
        """Play the demo story; ``demo/hr_mentoring_demo_story.xml`` calls it once.

        The story's code lives with the demo data, in ``demo/``, and is imported
        here on demand: a database installed without demo data never loads it.
        """
        if not self.env.su:
            raise AccessError(_("Only the installation of the demo data plays the demo story."))
        from ..demo import hr_mentoring_demo_story  # noqa: PLC0415 - demo code, loaded with the demo data only

        hr_mentoring_demo_story.play(self.env)

    def _mentoring_working_days_needed(self):
        """How many of the mentee's working days a plan of this template reads:
        enough for the last occurrence of every line, whatever the schedule."""
        self.ensure_one()
        return max((line._mentoring_last_working_day(MAX_WEEK_WORKING_DAYS) for line in self.line_ids), default=0)


class HrMentoringPlanTemplateLine(models.Model):
    _name = "hr.mentoring.plan.template.line"
    _inherit = ["hr.mentoring.meeting.mixin"]
    _description = "Mentoring Plan Template Event"
    _order = "template_id, day_offset, sequence, id"

    template_id = fields.Many2one("hr.mentoring.plan.template", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    event_type = fields.Selection(EVENT_TYPES, required=True, default="planned_discussion")
    evaluation_kind = fields.Selection(EVALUATION_KINDS, help="For evaluation events: who evaluates whom.")
    phase = fields.Selection(PHASES, required=True, default="adaptation")
    day_offset = fields.Integer(
        string="Working Day",
        required=True,
        default=1,
        help="1 is the first working day of the plan (its start date when that is a working day).",
    )
    responsible_role = fields.Selection(RESPONSIBLE_ROLES, string="Responsible", required=True, default="mentor")
    instructions = fields.Html(string="Instructions for the Mentor", translate=True)
    repeat_count = fields.Integer(
        string="Repeat",
        default=0,
        help="How many more times the event comes back after the first one (7 = eight events in all).",
    )
    repeat_interval = fields.Integer(string="Every", default=1)
    repeat_unit = fields.Selection(
        [("working_days", "Working Days"), ("weeks", "Weeks")], string="Unit", default="weeks", required=True
    )

    _sql_constraints = [
        ("day_offset_positive", "CHECK(day_offset >= 1)", "The working day of a plan event starts at 1."),
        ("repeat_count_positive", "CHECK(repeat_count >= 0)", "The number of repetitions cannot be negative."),
    ]

    @api.constrains(
        "name",
        "day_offset",
        "repeat_count",
        "repeat_interval",
        "repeat_unit",
        "event_type",
        "evaluation_kind",
        "meeting_duration",
    )
    def _check_values(self):
        check_name_length(self)
        for line in self:
            if line.day_offset < 1:
                raise ValidationError(_("%(event)s: the working day of a plan event starts at 1.", event=line.name))
            if line.repeat_count < 0:
                raise ValidationError(_("%(event)s: the number of repetitions cannot be negative.", event=line.name))
            if line.repeat_count and line.repeat_interval < 1:
                raise ValidationError(
                    _("%(event)s: a repeated event needs an interval of at least 1.", event=line.name)
                )
            if line._mentoring_last_working_day(STANDARD_WEEK_WORKING_DAYS) > PLAN_MAX_WORKING_DAYS:
                raise ValidationError(
                    _(
                        "%(event)s comes back until working day %(day)s: a plan lasts at most %(max)s working days.",
                        event=line.name,
                        day=line._mentoring_last_working_day(STANDARD_WEEK_WORKING_DAYS),
                        max=PLAN_MAX_WORKING_DAYS,
                    )
                )
            if line.event_type == "evaluation" and not line.evaluation_kind:
                raise ValidationError(_("%(event)s: say who evaluates whom in this evaluation.", event=line.name))

    def _mentoring_last_working_day(self, week_working_days):
        """The working day of the line's last occurrence, counting a week of
        repetition as ``week_working_days`` working days."""
        self.ensure_one()
        step = self.repeat_interval * (week_working_days if self.repeat_unit == "weeks" else 1)
        return self.day_offset + self.repeat_count * step

    def _mentoring_occurrences(self, work_dates):
        """The due dates of this line for a plan whose working days are ``work_dates``.

        ``work_dates`` is the sorted list of the mentee's working days from the
        plan's start; it must be long enough (see
        ``HrMentoringPlanTemplate._mentoring_working_days_needed``).
        Weekly repetitions fall on the same weekday, moved to the next working
        day when the mentee does not work that day.
        """
        self.ensure_one()
        dates = []
        for k in range(self.repeat_count + 1):
            if not dates or self.repeat_unit == "working_days":
                index = self.day_offset - 1 + k * self.repeat_interval
            else:
                index = bisect_left(work_dates, dates[0] + timedelta(weeks=k * self.repeat_interval))
            if index >= len(work_dates):
                raise UserError(
                    _(
                        "The plan event %(event)s (occurrence %(occurrence)s of %(total)s) falls after the "
                        "%(count)s working days planned for the mentee: check the mentee's working schedule, "
                        "or repeat the event fewer times.",
                        event=self.name,
                        occurrence=k + 1,
                        total=self.repeat_count + 1,
                        count=len(work_dates),
                    )
                )
            dates.append(work_dates[index])
        return dates
