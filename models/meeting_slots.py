"""Where a mentoring meeting fits in the Calendar: Odoo's own working time
(each person's working schedule in their own time zone, minus their time off
and the public holidays) of both the mentor and the mentee, minus the meetings
either attends (free/busy: not declined, shown as busy). A few queries for any
number of events."""

from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import fields
from odoo.addons.resource.models.utils import Intervals
from odoo.exceptions import UserError

from .hr_mentoring_meeting_mixin import MEETING_DURATIONS

# who may put an event of the plan in the Calendar
SCHEDULE_ROLES = frozenset({"coordinator", "mentor"})
# a meeting is looked for on its due date and this many more of the mentee's working days
MEETING_SEARCH_WORKING_DAYS = 10
# ... within this many calendar days (a mentee who works one day a week has fewer)
SEARCH_MAX_CALENDAR_DAYS = 42
# meetings start on the quarter hour
SLOT_STEP_MINUTES = 15


def person_tz(employee):
    """An employee's time zone, as Odoo HR has it (``hr.employee._get_tz``: their
    own, else their working hours', else their company's)."""
    return pytz.timezone(employee._get_tz())


def meeting_partner(employee):
    """The partner who attends an employee's meetings: their user's (whose Calendar it is), else their work contact."""
    return employee.user_id.partner_id or employee.work_contact_id


def round_up(moment, minutes):
    """``moment`` moved up to the next multiple of ``minutes`` past the hour (itself if it is one)."""
    extra = timedelta(minutes=moment.minute % minutes, seconds=moment.second, microseconds=moment.microsecond)
    return moment if not extra else moment - extra + timedelta(minutes=minutes)


def to_naive_utc(moment):
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


def find_meeting_slots(events, preferred=None, moving=None):
    """{event id: (start, stop) in naive UTC, as calendar.event stores them,
    or None}: for each of the hr.mentoring.event ``events``, the first slot of
    its meeting's length on its due date (today, if that is past), else on the
    mentee's next working days. The events of one batch keep clear of each other.

    For meetings that move: ``preferred`` {event id: (start, stop), naive UTC}
    is an event's slot when it is free, and the calendar.event ``moving``
    (the meetings being moved) do not count as busy."""
    preferred = preferred or {}
    if not events:
        return {}
    env = events.env
    # sudo: the two people's working hours, time zones and meetings are
    # read (free/busy only) to find a slot; the caller checked the role
    events = events.sudo()
    now = round_up(pytz.utc.localize(fields.Datetime.now()), SLOT_STEP_MINUTES)
    firsts = {event.id: max(event.date_due, now.astimezone(person_tz(event.mentee_id)).date()) for event in events}
    start = pytz.utc.localize(datetime.combine(min(firsts.values()) - timedelta(days=1), time.min))
    end = pytz.utc.localize(
        datetime.combine(max(firsts.values()) + timedelta(days=SEARCH_MAX_CALENDAR_DAYS + 1), time.min)
    )
    people = events.mentor_id | events.mentee_id
    work = work_intervals(people, start, end)
    busy = busy_intervals(people, start, end, ignore=moving)
    work_days = {
        mentee.id: sorted({moment.astimezone(person_tz(mentee)).date() for moment, _stop, _r in work[mentee.id]})
        for mentee in events.mentee_id
    }
    both = {}
    slots = {}
    for event in events.sorted(lambda e: (e.date_due, e.sequence, e.id)):
        mentor, mentee = event.mentor_id, event.mentee_id
        if (mentor.id, mentee.id) not in both:
            both[mentor.id, mentee.id] = work[mentor.id] & work[mentee.id]
        free = both[mentor.id, mentee.id] - busy[mentor.id] - busy[mentee.id]
        days = [day for day in work_days[mentee.id] if day >= firsts[event.id]][:MEETING_SEARCH_WORKING_DAYS]
        hours = event.meeting_duration or MEETING_DURATIONS.get(event.event_type, 1.0)
        slot = preferred_slot(free, person_tz(mentee), set(days), now, preferred.get(event.id)) or first_slot(
            free, person_tz(mentee), set(days), now, timedelta(hours=hours)
        )
        slots[event.id] = slot and (to_naive_utc(slot[0]), to_naive_utc(slot[1]))
        if slot:
            taken = Intervals([(*slot, env["calendar.event"])])
            busy[mentor.id] = busy[mentor.id] | taken
            busy[mentee.id] = busy[mentee.id] | taken
    return slots


def preferred_slot(free, tz, days, now, slot):
    """The aware (start, stop) of ``slot`` (naive UTC) if it lies within the
    ``free`` intervals, on one of ``days`` (in ``tz``) and not before ``now``;
    else None."""
    if not slot:
        return None
    begin, stop = pytz.utc.localize(slot[0]), pytz.utc.localize(slot[1])
    if begin < now or begin.astimezone(tz).date() not in days:
        return None
    inside = any(opens <= begin and stop <= closes for opens, closes, _records in free)
    return (begin, stop) if inside else None


def first_slot(free, tz, days, now, duration):
    """The first (start, stop) of ``duration`` in the ``free`` intervals
    that starts on one of ``days`` (the mentee's dates, in ``tz``), on the
    quarter hour, not before ``now``; None if there is none."""
    if not days:
        return None
    last = max(days)
    for opens, closes, _records in free:
        day = opens.astimezone(tz).date()
        if day > last:
            break
        if day not in days:
            continue
        begin = round_up(max(opens, now), SLOT_STEP_MINUTES)
        if begin + duration <= closes:
            return begin, begin + duration
    return None


def work_intervals(employees, start, end):
    """{employee id: Intervals} of their working time between the aware
    datetimes ``start`` and ``end``: one computation per working schedule."""
    by_calendar = defaultdict(lambda: employees.browse())
    for employee in employees:
        calendar = employee.resource_calendar_id or employee.company_id.resource_calendar_id
        if not calendar:
            raise UserError(
                employees.env._(
                    "%(employee)s has no working schedule: set one to find a meeting slot.",
                    employee=employee.name,
                )
            )
        by_calendar[calendar] |= employee
    nothing = employees.env["calendar.event"]
    result = {}
    for calendar, people in by_calendar.items():
        # no tz: each resource's own time zone
        intervals = calendar._work_intervals_batch(start, end, resources=people.resource_id)
        for employee in people:
            result[employee.id] = Intervals(
                [(begin, stop, nothing) for begin, stop, _meta in intervals[employee.resource_id.id]]
            )
    return result


def busy_intervals(employees, start, end, ignore=None):
    """{employee id: Intervals} of the meetings they attend between
    ``start`` and ``end`` (aware): not declined, shown as busy, but the
    calendar.event ``ignore``; an all-day meeting takes the person's whole days."""
    partners = {employee.id: meeting_partner(employee) for employee in employees}
    busy = {employee.id: Intervals() for employee in employees}
    if not any(partners.values()):
        return busy
    attendees = (
        employees.env["calendar.attendee"]
        .sudo()
        .search_fetch(
            [
                ("partner_id", "in", [partner.id for partner in partners.values() if partner]),
                ("state", "!=", "declined"),
                ("event_id.show_as", "=", "busy"),
                ("event_id.start", "<", to_naive_utc(end)),
                ("event_id.stop", ">", to_naive_utc(start)),
                ("event_id", "not in", ignore.ids if ignore else []),
            ],
            ["partner_id", "event_id"],
        )
    )
    attendees.event_id.fetch(["start", "stop", "allday", "start_date", "stop_date"])
    by_partner = defaultdict(list)
    for attendee in attendees:
        by_partner[attendee.partner_id.id].append(attendee.event_id)
    for employee in employees:
        partner = partners[employee.id]
        if not partner:
            continue
        tz = person_tz(employee)
        items = []
        for meeting in by_partner[partner.id]:
            if meeting.allday:
                begin = tz.localize(datetime.combine(meeting.start_date, time.min))
                stop = tz.localize(datetime.combine(meeting.stop_date + timedelta(days=1), time.min))
            else:
                begin, stop = pytz.utc.localize(meeting.start), pytz.utc.localize(meeting.stop)
            items.append((begin, stop, meeting))
        busy[employee.id] = Intervals(items)
    return busy
