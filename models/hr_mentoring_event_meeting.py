from collections import defaultdict
from datetime import datetime

import pytz

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date, format_datetime

from .hr_mentoring_meeting_mixin import MEETING_TYPES
from .hr_mentoring_tools import MEETING_SYNC, log_list

# who may put an event of the plan in the Calendar
SCHEDULE_ROLES = frozenset({"coordinator", "mentor"})
# who may move a mentoring meeting in the Calendar: its two attendees, and coordinators
MOVE_ROLES = frozenset({"coordinator", "mentor", "mentee"})


def person_tz(employee):
    """The time zone of an employee's working hours (their resource's, else their calendar's)."""
    calendar = employee.resource_calendar_id or employee.company_id.resource_calendar_id
    return pytz.timezone(employee.resource_id.tz or calendar.tz or "UTC")


def meeting_partner(employee):
    """The partner who attends an employee's meetings: their user's (whose Calendar it is), else their work contact."""
    return employee.user_id.partner_id or employee.work_contact_id


class HrMentoringEvent(models.Model):
    """Discussions and feedback held as meetings in Odoo's Calendar: a slot
    inside both people's working hours and free of their other meetings
    (hr_mentoring_event_meeting_slots.py), the meeting with mentor and mentee
    as attendees, and the meeting and the event's date following each other.
    Invitations, and Google or Outlook sync, are the Calendar's own."""

    _name = "hr.mentoring.event"
    _inherit = ["hr.mentoring.event", "hr.mentoring.meeting.mixin"]

    calendar_event_id = fields.Many2one(
        "calendar.event", string="Meeting", readonly=True, copy=False, index="btree_not_null", ondelete="set null"
    )
    meeting_start = fields.Datetime(related="calendar_event_id.start", string="Meeting Starts")
    has_meeting = fields.Boolean(compute="_compute_has_meeting", string="In the Calendar")
    can_schedule_meeting = fields.Boolean(compute="_compute_can_schedule_meeting")

    @api.depends("calendar_event_id")
    def _compute_has_meeting(self):
        for event in self:
            event.has_meeting = bool(event.calendar_event_id)

    @api.depends_context("uid")
    @api.depends("state", "event_type", "calendar_event_id", "pairing_id.state")
    def _compute_can_schedule_meeting(self):
        roles = self._mentoring_roles()
        for event in self:
            event.can_schedule_meeting = bool(
                event._mentoring_may_have_meeting() and roles.get(event.id, set()) & SCHEDULE_ROLES
            )

    # ------------------------------------------------------------------
    # CRUD: the meeting follows its event
    # ------------------------------------------------------------------

    def write(self, vals):
        if self.env.context.get(MEETING_SYNC) or not {"date_due", "state"} & set(vals):
            return super().write(vals)
        # sudo: which events have a meeting, whoever moves them (time off moves them as superuser)
        with_meeting = self.sudo().filtered("calendar_event_id")
        old_dates = {event.id: event.date_due for event in with_meeting}
        res = super().write(vals)
        if with_meeting:
            if vals.get("state") == "cancelled":
                with_meeting._mentoring_drop_meetings()
            elif "date_due" in vals:
                with_meeting._mentoring_move_meetings(old_dates)
        return res

    def unlink(self):
        # sudo: the meetings of the events deleted (a plan replaced) leave the Calendar with them
        meetings = self.sudo().calendar_event_id
        res = super().unlink()
        meetings.exists().with_context(**{MEETING_SYNC: True}).unlink()
        return res

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_schedule_meeting(self):
        """Put these discussions or feedback events in the Calendar: the first
        slot of each (on its due date, else the next working days) inside both
        people's working hours and free of their other meetings."""
        self._mentoring_check_role(SCHEDULE_ROLES, _("schedule the meeting of this event"))
        self._mentoring_check_may_have_meeting()
        slots = self._mentoring_meeting_slots()
        missing = self.filtered(lambda e: not slots.get(e.id))
        if missing:
            raise UserError(missing[0]._mentoring_no_slot_message())
        self._mentoring_create_meetings(slots)
        return True

    # ------------------------------------------------------------------
    # business
    # ------------------------------------------------------------------

    def _mentoring_may_have_meeting(self):
        """Whether this event can become a meeting now (whoever asks)."""
        self.ensure_one()
        # sudo: the pairing's state only
        return bool(
            self.state == "planned"
            and self.event_type in MEETING_TYPES
            and not self.calendar_event_id
            and self.sudo().pairing_id.state == "active"
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

    def _mentoring_no_slot_message(self):
        self.ensure_one()
        return _(
            "No free slot of %(minutes)s minutes for %(mentor)s and %(mentee)s in the %(days)s working days from "
            "%(date)s: their working hours do not overlap enough, or their calendars are full. Schedule the "
            "meeting yourself in the Calendar.",
            minutes=round(self.meeting_duration * 60),
            mentor=self.sudo().mentor_id.name,
            mentee=self.sudo().mentee_id.name,
            days=self._mentoring_search_days(),
            date=format_date(self.env, self.date_due),
        )

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
            vals_list.append(
                {
                    "name": _(
                        "%(event)s: %(mentee)s and %(mentor)s", event=event.name, mentee=mentee.name, mentor=mentor.name
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
            log_list(
                pairing,
                _("Meetings scheduled:"),
                (
                    _("%(event)s: %(start)s", event=event.name, start=format_datetime(self.env, meeting.start))
                    for event, meeting in items
                ),
            )
        # a meeting on a later day (the due date was full): the event is due when it is held
        events._mentoring_follow_meetings(meetings)
        return meetings

    def _mentoring_move_meetings(self, old_dates):
        """The events' dates moved (``old_dates`` {event id: date}): their
        meetings move to the new dates at the same time of the mentee's day."""
        for event in self.sudo():
            meeting = event.calendar_event_id
            old = old_dates.get(event.id)
            if event.state != "planned" or not old or old == event.date_due:
                continue
            if meeting.allday:
                delta = event.date_due - old
                vals = {"start": meeting.start + delta, "stop": meeting.stop + delta}
            else:
                tz = person_tz(event.mentee_id)
                local = pytz.utc.localize(meeting.start).astimezone(tz)
                start = tz.localize(datetime.combine(event.date_due, local.time().replace(tzinfo=None)))
                start = start.astimezone(pytz.utc).replace(tzinfo=None)
                vals = {"start": start, "stop": start + (meeting.stop - meeting.start)}
            # sudo (above): the meeting is private to its attendees; it follows its event
            meeting.with_context(**{MEETING_SYNC: True}).write(vals)

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
            event.pairing_id._message_log(
                body=_(
                    "The meeting of %(event)s was cancelled in the Calendar: the event stays planned on %(date)s. "
                    "Schedule a new meeting when you agree on one.",
                    event=event.name,
                    date=format_date(self.env, event.date_due),
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
        for pairing, items in moved.items():
            log_list(
                pairing,
                _("Moved with their meeting:"),
                (
                    _(
                        "%(event)s: %(old)s → %(new)s",
                        event=event.name,
                        old=format_date(self.env, old),
                        new=format_date(self.env, new),
                    )
                    for event, old, new in items
                ),
            )
