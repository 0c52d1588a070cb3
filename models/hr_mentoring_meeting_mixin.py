from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the events that can become a meeting in the Calendar, and the meeting's
# length by default, in hours (a plan template line may set its own)
MEETING_DURATIONS = {
    "feedback": 0.5,
    "planned_discussion": 1.0,
    "situational_discussion": 1.0,
}
MEETING_TYPES = tuple(MEETING_DURATIONS)
# a meeting fits in a working day
MEETING_MAX_HOURS = 8
# the fields of a meeting in the Calendar that say when it is
MEETING_TIME_FIELDS = frozenset({"start", "stop", "start_date", "stop_date", "allday"})
# context key set while a mentoring event and its meeting in the Calendar
# follow each other: the other side does not follow back
MEETING_SYNC = "mentoring_meeting_sync"


class HrMentoringMeetingMixin(models.AbstractModel):
    """The length of a discussion's or a feedback's meeting in the Calendar,
    for what has an ``event_type`` and a ``name``: a plan template line sets
    it, the plan's event takes it (and may change it) and its meeting lasts it."""

    _name = "hr.mentoring.meeting.mixin"
    _description = "Mentoring: Meeting Length"

    meeting_duration = fields.Float(
        compute="_compute_meeting_duration",
        store=True,
        readonly=False,
        precompute=True,
        help="Length of the meeting in the Calendar, in hours, for a discussion or a feedback.",
    )

    @api.depends("event_type")
    def _compute_meeting_duration(self):
        for record in self:
            record.meeting_duration = MEETING_DURATIONS.get(record.event_type, 0.0)

    @api.constrains("meeting_duration", "event_type")
    def _check_meeting_duration(self):
        for record in self:
            if record.event_type in MEETING_TYPES and not 0 < record.meeting_duration <= MEETING_MAX_HOURS:
                raise ValidationError(
                    self.env._(
                        "%(event)s: a meeting lasts more than 0 and at most %(max)s hours.",
                        event=record.name,
                        max=MEETING_MAX_HOURS,
                    )
                )
