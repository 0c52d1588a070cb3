from odoo import api, models

from .hr_mentoring_meeting_mixin import MEETING_SYNC, MEETING_TIME_FIELDS

TIME_FIELDS = MEETING_TIME_FIELDS
# what a move in the Calendar writes (drag and drop, the form's dates)
MOVE_FIELDS = TIME_FIELDS | {"duration"}
# the changes of a mentoring meeting its event checks first
CHECKED_FIELDS = TIME_FIELDS | {"active", "privacy"}


class CalendarEvent(models.Model):
    """The meetings of mentoring events: moved in the Calendar (by hand, or
    by Google or Outlook sync, which write the meeting as its attendee),
    their event's date and activity follow; deleted or archived, their
    event stays planned, with a note. The event decides first
    (hr.mentoring.event._mentoring_check_meeting_change): who may move it,
    where to, and that it stays private."""

    _inherit = "calendar.event"

    @api.model
    def _get_activity_excluded_models(self):
        # the event has its own activity, which follows the meeting: no second "Meeting" one
        return [*super()._get_activity_excluded_models(), "hr.mentoring.event"]

    def write(self, vals):
        if self.env.context.get(MEETING_SYNC) or not CHECKED_FIELDS & set(vals):
            return super().write(vals)
        events = self._mentoring_events()
        if not events:
            return super().write(vals)
        events.with_env(self.env)._mentoring_check_meeting_change(self, vals)
        if TIME_FIELDS & set(vals) and set(vals) <= MOVE_FIELDS and self <= events.calendar_event_id:
            # sudo: the event's roles decided above who moves its meeting (a
            # coordinator who is not an attendee too, whom the Calendar's rule
            # on private meetings would refuse)
            res = super(CalendarEvent, self.sudo()).write(vals)
        else:
            res = super().write(vals)
        if vals.get("active") is False:
            events._mentoring_meetings_cancelled()
        elif TIME_FIELDS & set(vals):
            events._mentoring_follow_meetings(self)
        return res

    def unlink(self):
        events = self.env["hr.mentoring.event"] if self.env.context.get(MEETING_SYNC) else self._mentoring_events()
        res = super().unlink()
        events._mentoring_meetings_cancelled()
        return res

    def _mentoring_events(self):
        """The mentoring events of these meetings (sudo: whoever moves a meeting, its event follows)."""
        if not self:
            return self.env["hr.mentoring.event"].sudo()
        return self.env["hr.mentoring.event"].sudo().search([("calendar_event_id", "in", self.ids)])
