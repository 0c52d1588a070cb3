import logging
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import MentoringCase

_logger = logging.getLogger(__name__)

# Monday 2 March 2026, early: the week's slots are all still to come
NOW = "2026-03-02 06:00:00"
WEDNESDAY = date(2026, 3, 4)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestMeetings(MentoringCase):
    """Discussions and feedback as meetings in Odoo's Calendar.
    The fixtures work Monday to Friday, 8-12 and 13-17 UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing = cls._pairing(cls.mentee_x, date_start=date(2026, 3, 2))
        cls.mentor_partner = cls.user_mentor.partner_id
        cls.mentee_partner = cls.user_mentee_x.partner_id

    def _event(self, day=WEDNESDAY, event_type="feedback", name="Feedback on the 3rd working day", **vals):
        return self.env["hr.mentoring.event"].create(
            {"pairing_id": self.pairing.id, "name": name, "event_type": event_type, "date_due": day, **vals}
        )

    def _busy(self, partner, start, stop, **vals):
        """A meeting of ``partner`` (and nobody else) in the Calendar."""
        return (
            self.env["calendar.event"]
            .with_context(no_mail_to_attendees=True)
            .create(
                {
                    "name": "Other meeting",
                    "start": start,
                    "stop": stop,
                    "partner_ids": [Command.set(partner.ids)],
                    "user_id": self.env.ref("base.user_root").id,
                    **vals,
                }
            )
        )

    def _office(self, name, tz, hour_from=9, hour_to=17):
        return self.env["resource.calendar"].create(
            {
                "name": name,
                "tz": tz,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {d}",
                            "dayofweek": str(d),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": "morning",
                        }
                    )
                    for d in range(5)
                ],
            }
        )

    def _in_time_zones(self):
        """Maria works 9-17 in Kyiv (UTC+2 in March), Xavier 9-17 in New York
        (UTC-5, UTC-4 from Sunday 8 March): they overlap one hour, then two."""
        self.mentor.write({"resource_calendar_id": self._office("Kyiv", "Europe/Kyiv").id, "tz": "Europe/Kyiv"})
        self.mentee_x.write(
            {"resource_calendar_id": self._office("New York", "America/New_York").id, "tz": "America/New_York"}
        )

    def _activity(self, event):
        return self.env["mail.activity"].search([("res_model", "=", event._name), ("res_id", "=", event.id)])

    def _notes(self):
        return " ".join(self.pairing.message_ids.mapped("body"))

    # ------------------------------------------------------------------
    # the slot
    # ------------------------------------------------------------------

    def test_meeting_with_both_as_attendees_in_the_first_free_slot(self):
        event = self._event()
        event.with_user(self.user_mentor).action_schedule_meeting()
        meeting = event.calendar_event_id
        self.assertTrue(meeting)
        self.assertEqual((meeting.start, meeting.stop), (datetime(2026, 3, 4, 8, 0), datetime(2026, 3, 4, 8, 30)))
        self.assertEqual(meeting.partner_ids, self.mentor_partner | self.mentee_partner)
        self.assertEqual(meeting.user_id, self.user_mentor, "the mentor organises it")
        self.assertEqual((meeting.res_model, meeting.res_id), (event._name, event.id))
        self.assertEqual(meeting.privacy, "private", "others see the mentor and mentee busy, not why")
        self.assertEqual(meeting.show_as, "busy")
        self.assertEqual(event.state, "planned")
        self.assertEqual(
            self._activity(event).activity_type_id, self.env.ref("hr_mentoring.mail_activity_type_mentoring")
        )
        self.assertEqual(len(self._activity(event)), 1, "no second 'Meeting' activity: the event's own follows it")
        self.assertIn("Meetings scheduled:", self._notes())
        # Odoo's own invitation, to the mentee (the mentor scheduled it)
        invitations = self.env["mail.message"].search([("model", "=", "calendar.event"), ("res_id", "=", meeting.id)])
        self.assertIn(self.mentee_partner, invitations.partner_ids)
        self.assertIn("Invitation", " ".join(invitations.mapped("subject")))
        with self.assertRaisesRegex(UserError, "already has its meeting"):
            event.with_user(self.user_mentor).action_schedule_meeting()

    def test_the_forms_button_shows_the_slot_and_books_it_on_confirm(self):
        """Schedule Meeting on an event's form opens a confirm step with the
        free slot action_schedule_meeting would take; nothing is booked
        before Confirm, and the server checks the event again then."""
        event = self._event()
        other = self._event(date(2026, 3, 5), "planned_discussion", "Weekly discussion")
        self.env.invalidate_all()
        action = event.with_user(self.user_mentor).action_open_meeting_wizard()
        self.assertEqual((action["res_model"], action["target"]), ("hr.mentoring.meeting.wizard", "new"))
        self.assertEqual(action["name"], "Schedule the Meeting")
        wizard = self.env["hr.mentoring.meeting.wizard"].with_user(self.user_mentor).browse(action["res_id"])
        self.assertEqual(wizard.line_ids.event_id, event, "this event's meeting only, not the rest of the plan")
        self.assertEqual(wizard.line_ids.start, datetime(2026, 3, 4, 8, 0), "the first free slot, as booked at once")
        self.assertTrue(wizard.line_ids.selected)
        self.assertIn("Maria", wizard.line_ids.local_times)
        self.assertFalse(event.calendar_event_id, "nothing is booked before Confirm")
        # the slot taken meanwhile by another way: Confirm checks again
        other.with_user(self.user_mentor).action_schedule_meeting()
        event.with_user(self.user_mentor).action_schedule_meeting()
        with self.assertRaisesRegex(UserError, "already has its meeting"):
            wizard.action_confirm()
        # a fresh confirm step books the proposed slot
        event.calendar_event_id.unlink()
        self.env.invalidate_all()
        action = event.with_user(self.user_mentor).action_open_meeting_wizard()
        wizard = self.env["hr.mentoring.meeting.wizard"].with_user(self.user_mentor).browse(action["res_id"])
        start = wizard.line_ids.start
        self.assertEqual(wizard.action_confirm(), {"type": "ir.actions.act_window_close"})
        self.assertEqual(event.calendar_event_id.start, start)
        self.assertEqual(event.calendar_event_id.partner_ids, self.mentor_partner | self.mentee_partner)
        self.env.invalidate_all()
        self.assertFalse(event.with_user(self.user_mentor).can_schedule_meeting)
        with self.assertRaisesRegex(UserError, "already has its meeting"):
            event.with_user(self.user_mentor).action_open_meeting_wizard()
        # who may not schedule it is refused before anything opens
        for user in (self.user_head_y, self.user_outsider):
            with self.assertRaises(AccessError):
                other.with_user(user).action_open_meeting_wizard()

    def test_time_zones_and_working_hours(self):
        self._in_time_zones()
        feedback = self._event()
        discussion = self._event(date(2026, 3, 10), "planned_discussion", "Weekly discussion")
        (feedback | discussion).with_user(self.user_mentor).action_schedule_meeting()
        # 9:00 in New York is 16:00 in Kyiv: the one hour both work
        self.assertEqual(feedback.calendar_event_id.start, datetime(2026, 3, 4, 14, 0))
        self.assertEqual(feedback.calendar_event_id.stop, datetime(2026, 3, 4, 14, 30))
        # New York has moved its clocks, Kyiv not yet: 9:00 in New York is 13:00 UTC
        self.assertEqual(discussion.calendar_event_id.start, datetime(2026, 3, 10, 13, 0))
        self.assertEqual(discussion.calendar_event_id.stop, datetime(2026, 3, 10, 14, 0))
        # longer than the two hours they share at most: no slot, in words the mentor understands
        long = self._event(name="Long feedback", meeting_duration=2.5)
        with self.assertRaisesRegex(UserError, "No free slot of 150 minutes for Maria and Xavier"):
            long.with_user(self.user_mentor).action_schedule_meeting()
        self.assertFalse(long.calendar_event_id)

    def test_due_date_in_the_mentees_time_zone(self):
        """A meeting at 20:00 UTC on Wednesday is Wednesday in New York, and
        a meeting moved to 02:00 UTC on Friday is still Thursday there."""
        self._in_time_zones()
        event = self._event()
        event.with_user(self.user_mentor).action_schedule_meeting()
        meeting = event.calendar_event_id.with_user(self.user_mentee_x)
        meeting.write({"start": datetime(2026, 3, 6, 2, 0), "stop": datetime(2026, 3, 6, 2, 30)})
        self.assertEqual(event.date_due, date(2026, 3, 5))

    def test_busy_slots_are_skipped(self):
        self._busy(self.mentor_partner, datetime(2026, 3, 4, 8, 0), datetime(2026, 3, 4, 9, 0))
        self._busy(self.mentee_partner, datetime(2026, 3, 4, 9, 0), datetime(2026, 3, 4, 9, 20))
        # neither a meeting shown as free, nor one the mentor declined, keeps them busy
        self._busy(self.mentor_partner, datetime(2026, 3, 4, 9, 30), datetime(2026, 3, 4, 12, 0), show_as="free")
        declined = self._busy(self.mentee_partner, datetime(2026, 3, 4, 9, 30), datetime(2026, 3, 4, 12, 0))
        declined.attendee_ids.state = "declined"
        # somebody else's meeting is nobody's business here
        self._busy(self.user_outsider.partner_id, datetime(2026, 3, 4, 9, 30), datetime(2026, 3, 4, 12, 0))
        feedback = self._event()
        discussion = self._event(event_type="planned_discussion", name="Discussion")
        (feedback | discussion).with_user(self.user_mentor).action_schedule_meeting()
        # on the quarter hour after 9:20; the second keeps clear of the first
        self.assertEqual(feedback.calendar_event_id.start, datetime(2026, 3, 4, 9, 30))
        self.assertEqual(discussion.calendar_event_id.start, datetime(2026, 3, 4, 10, 0))

    def test_full_due_date_goes_to_the_next_working_day(self):
        # Friday is full for the mentee (an all-day meeting), the weekend is not worked
        self._busy(
            self.mentee_partner,
            date(2026, 3, 6),
            date(2026, 3, 6),
            allday=True,
            start_date=date(2026, 3, 6),
            stop_date=date(2026, 3, 6),
        )
        self._busy(self.mentor_partner, datetime(2026, 3, 9, 8, 0), datetime(2026, 3, 9, 12, 0))
        event = self._event(date(2026, 3, 6))
        event.with_user(self.user_mentor).action_schedule_meeting()
        self.assertEqual(event.calendar_event_id.start, datetime(2026, 3, 9, 13, 0), "Monday afternoon")
        self.assertEqual(event.date_due, date(2026, 3, 9), "the event is due when it is held")
        self.assertEqual(self._activity(event).date_deadline, date(2026, 3, 9))

    def test_no_slot_in_the_search_is_a_clear_error(self):
        self.mentor.resource_calendar_id = self._calendar("Mornings", range(5), 12)
        self.mentee_x.resource_calendar_id = self._office("Afternoons", "UTC", 13, 17)
        event = self._event()
        with self.assertRaisesRegex(UserError, "No free slot of 30 minutes .* 10 working days"):
            event.with_user(self.user_mentor).action_schedule_meeting()

    def test_past_due_date_looks_from_now_on(self):
        with freeze_time("2026-03-04 10:05:00"):
            event = self._event(date(2026, 3, 3))
            event.with_user(self.user_mentor).action_schedule_meeting()
        self.assertEqual(event.calendar_event_id.start, datetime(2026, 3, 4, 10, 15))

    def test_duration_from_the_plan_template(self):
        template = self._plan_template(
            "Meetings",
            ("Feedback day 3", "feedback", 3),
            ("Long talk", "planned_discussion", 4, {"meeting_duration": 1.5}),
            ("Welcome", "milestone", 1),
        )
        line = template.line_ids.filtered(lambda rec: rec.event_type == "feedback")
        self.assertEqual(line.meeting_duration, 0.5, "the type's default")
        self._create_plan(self.pairing, template)
        durations = {e.name: e.meeting_duration for e in self.pairing.event_ids}
        self.assertEqual(durations["Feedback day 3"], 0.5)
        self.assertEqual(durations["Long talk"], 1.5)
        long = self.pairing.event_ids.filtered(lambda e: e.name == "Long talk")
        long.with_user(self.user_mentor).action_schedule_meeting()
        self.assertEqual(long.calendar_event_id.duration, 1.5)
        welcome = self.pairing.event_ids.filtered(lambda e: e.event_type == "milestone")
        self.assertFalse(welcome.with_user(self.user_mentor).can_schedule_meeting)
        with self.assertRaisesRegex(UserError, "only the planned discussions and feedback"):
            welcome.with_user(self.user_mentor).action_schedule_meeting()

    # ------------------------------------------------------------------
    # meeting <-> event
    # ------------------------------------------------------------------

    def test_meeting_moved_in_the_calendar_moves_the_event_and_its_activity(self):
        event = self._event()
        event.with_user(self.user_mentor).action_schedule_meeting()
        self.env.invalidate_all()
        meeting = event.calendar_event_id.with_user(self.user_mentor)
        meeting.write({"start": datetime(2026, 3, 5, 10, 0), "stop": datetime(2026, 3, 5, 10, 30)})
        self.assertEqual(event.date_due, date(2026, 3, 5))
        self.assertEqual(self._activity(event).date_deadline, date(2026, 3, 5))
        self.assertIn("Moved with their meeting:", self._notes())
        self.assertEqual(meeting.start, datetime(2026, 3, 5, 10, 0), "the meeting is where it was put")
        # the mentee may move it too (an attendee, as Google or Outlook sync does)
        meeting.with_user(self.user_mentee_x).write(
            {"start": datetime(2026, 3, 6, 9, 0), "stop": datetime(2026, 3, 6, 9, 30)}
        )
        self.assertEqual(event.date_due, date(2026, 3, 6))

    def test_event_date_moves_the_meeting(self):
        event = self._event()
        event.with_user(self.user_mentor).action_schedule_meeting()
        self.env.invalidate_all()
        event.with_user(self.user_coordinator).date_due = date(2026, 3, 10)
        meeting = event.calendar_event_id
        self.assertEqual((meeting.start, meeting.stop), (datetime(2026, 3, 10, 8, 0), datetime(2026, 3, 10, 8, 30)))
        self.assertEqual(self._activity(event).date_deadline, date(2026, 3, 10))

    def test_event_date_keeps_the_mentees_time_of_day(self):
        self._in_time_zones()
        event = self._event()
        event.with_user(self.user_mentor).action_schedule_meeting()
        self.assertEqual(event.calendar_event_id.start, datetime(2026, 3, 4, 14, 0), "9:00 in New York")
        event.with_user(self.user_coordinator).date_due = date(2026, 3, 10)
        self.assertEqual(event.calendar_event_id.start, datetime(2026, 3, 10, 13, 0), "still 9:00 in New York")

    def test_cancelled_meeting_leaves_the_event_planned(self):
        deleted, archived = self._event(), self._event(name="Weekly discussion", event_type="planned_discussion")
        (deleted | archived).with_user(self.user_mentor).action_schedule_meeting()
        self.env.invalidate_all()
        deleted.calendar_event_id.with_user(self.user_mentor).unlink()
        archived.calendar_event_id.with_user(self.user_mentor).action_archive()
        for event in (deleted, archived):
            self.assertEqual(event.state, "planned")
            self.assertFalse(event.calendar_event_id)
            self.assertEqual(event.date_due, WEDNESDAY)
            self.assertEqual(len(self._activity(event)), 1, "still to do")
            self.assertIn(f"The meeting of {event.name} was cancelled in the Calendar", self._notes())
        self.assertTrue(deleted.with_user(self.user_mentor).can_schedule_meeting, "it can be scheduled again")

    def test_cancelled_event_takes_its_meeting_out_of_the_calendar(self):
        event = self._event()
        event.with_user(self.user_mentor).action_schedule_meeting()
        meeting = event.calendar_event_id
        event.with_user(self.user_head_x).action_cancel()
        self.assertFalse(meeting.exists())
        self.assertNotIn("was cancelled in the Calendar", self._notes())

    def test_time_off_moves_the_meeting_with_its_event(self):
        event = self._event()
        event.with_user(self.user_mentor).action_schedule_meeting()
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Time off",
                "resource_id": self.mentee_x.resource_id.id,
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 4, 0, 0),
                "date_to": datetime(2026, 3, 4, 23, 59, 59),
            }
        )
        self.assertEqual(event.date_due, date(2026, 3, 5))
        self.assertEqual(event.calendar_event_id.start, datetime(2026, 3, 5, 8, 0))
        self.assertEqual(self._activity(event).date_deadline, date(2026, 3, 5))

    def test_two_meetings_moved_by_one_time_off_never_share_an_hour(self):
        wednesday = self._event()
        thursday = self._event(day=date(2026, 3, 5), name="Weekly discussion", event_type="planned_discussion")
        (wednesday | thursday).with_user(self.user_mentor).action_schedule_meeting()
        self.assertEqual(
            [event.calendar_event_id.start for event in (wednesday, thursday)],
            [datetime(2026, 3, 4, 8, 0), datetime(2026, 3, 5, 8, 0)],
            "each on its day, at the same hour",
        )
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Time off",
                "resource_id": self.mentee_x.resource_id.id,
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 4, 0, 0),
                "date_to": datetime(2026, 3, 5, 23, 59, 59),
            }
        )
        first, second = wednesday.calendar_event_id, thursday.calendar_event_id
        self.assertEqual((wednesday.date_due, thursday.date_due), (date(2026, 3, 6), date(2026, 3, 6)))
        self.assertEqual((first.start, first.stop), (datetime(2026, 3, 6, 8, 0), datetime(2026, 3, 6, 8, 30)))
        self.assertEqual(second.start, datetime(2026, 3, 6, 8, 30), "the next free slot, not beside the first")
        self.assertFalse(first.start < second.stop and second.start < first.stop)
        self.assertEqual(self._activity(thursday).date_deadline, date(2026, 3, 6))

    def test_a_moved_meeting_skips_a_busy_hour(self):
        event = self._event()
        event.with_user(self.user_mentor).action_schedule_meeting()
        self._busy(self.mentor_partner, datetime(2026, 3, 10, 8, 0), datetime(2026, 3, 10, 9, 0))
        event.with_user(self.user_coordinator).date_due = date(2026, 3, 10)
        self.assertEqual(event.calendar_event_id.start, datetime(2026, 3, 10, 9, 0))
        self.assertEqual(event.date_due, date(2026, 3, 10))

    def test_time_off_is_not_a_free_slot(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Time off",
                "resource_id": self.mentor.resource_id.id,
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 4, 0, 0),
                "date_to": datetime(2026, 3, 4, 12, 0),
            }
        )
        event = self._event()
        event.with_user(self.user_mentor).action_schedule_meeting()
        self.assertEqual(event.calendar_event_id.start, datetime(2026, 3, 4, 13, 0))

    # ------------------------------------------------------------------
    # rights
    # ------------------------------------------------------------------

    def test_who_may_schedule(self):
        event = self._event()
        self.env.invalidate_all()
        # the mentee and the head read the event, without the button
        for user in (self.user_mentee_x, self.user_head_x):
            self.assertFalse(event.with_user(user).can_schedule_meeting)
        for user in (
            self.user_mentee_x,
            self.user_head_x,
            self.user_mentor_y,
            self.user_outsider,
            self.user_other_company,
        ):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                event.with_user(user).action_schedule_meeting()
        self.assertFalse(event.calendar_event_id)
        self.assertTrue(event.with_user(self.user_mentor).can_schedule_meeting)
        self.assertTrue(event.with_user(self.user_coordinator).can_schedule_meeting)
        event.with_user(self.user_coordinator).action_schedule_meeting()
        self.assertEqual(
            event.calendar_event_id.user_id, self.user_mentor, "the coordinator schedules the mentor's meeting"
        )

    def test_who_may_move_the_meeting(self):
        event = self._event()
        event.with_user(self.user_mentor).action_schedule_meeting()
        meeting = event.calendar_event_id
        # made public (by the server: an attendee may not, see test_hostile_meetings),
        # anybody may write it in the Calendar: not its event's date
        meeting.privacy = "public"
        self.env.invalidate_all()
        for user in (self.user_outsider, self.user_head_x):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                meeting.with_user(user).write(
                    {"start": datetime(2026, 3, 5, 10, 0), "stop": datetime(2026, 3, 5, 10, 30)}
                )
        self.assertEqual(event.date_due, WEDNESDAY)
        # renaming it is not moving it
        meeting.with_user(self.user_outsider).name = "Renamed"
        self.assertEqual(event.date_due, WEDNESDAY)

    # ------------------------------------------------------------------
    # the whole plan at once
    # ------------------------------------------------------------------

    def _plan(self, count):
        template = self._plan_template(
            "Weekly",
            ("Welcome", "milestone", 1),
            ("Feedback day 3", "feedback", 3),
            ("Weekly discussion", "planned_discussion", 2, {"repeat_count": count - 2, "repeat_unit": "weeks"}),
        )
        return self._create_plan(self.pairing, template).filtered(lambda e: e.event_type != "milestone")

    def test_schedule_the_whole_plan(self):
        events = self._plan(4)
        self.assertEqual(len(events), 4)
        self.env.invalidate_all()
        pairing = self.pairing.with_user(self.user_mentor)
        self.assertTrue(pairing.can_schedule_meetings)
        action = pairing.action_open_meeting_wizard()
        wizard = self.env["hr.mentoring.meeting.wizard"].with_user(self.user_mentor).browse(action["res_id"])
        self.assertEqual(
            wizard.line_ids.event_id, events, "one proposal per discussion and feedback, the milestone aside"
        )
        self.assertTrue(all(wizard.line_ids.mapped("start")))
        self.assertFalse(events.calendar_event_id, "nothing is created or sent before Confirm")
        self.assertIn("Maria", wizard.line_ids[0].local_times)
        # the mentor moves one proposal and leaves one out
        first, second, *_rest = wizard.line_ids.sorted(lambda rec: rec.event_id.date_due)
        with Form(wizard) as form:
            with form.line_ids.edit(0) as line:
                self.assertEqual(line.event_id, first.event_id)
                line.start = datetime(2026, 3, 3, 15, 0)
            with form.line_ids.edit(1) as line:
                line.selected = False
        wizard.action_confirm()
        self.assertEqual(first.event_id.calendar_event_id.start, datetime(2026, 3, 3, 15, 0))
        self.assertFalse(second.event_id.calendar_event_id)
        self.assertEqual(len(events.calendar_event_id), 3)
        self.env.invalidate_all()
        self.assertTrue(self.pairing.with_user(self.user_mentor).can_schedule_meetings, "one is left")
        second.event_id.with_user(self.user_mentor).action_schedule_meeting()
        self.env.invalidate_all()
        self.assertFalse(self.pairing.with_user(self.user_mentor).can_schedule_meetings)
        with self.assertRaisesRegex(UserError, "already has its meeting"):
            self.pairing.with_user(self.user_mentor).action_open_meeting_wizard()

    def test_the_whole_plan_with_lengths_chosen_in_the_wizard(self):
        """A length typed in a proposal is the event's and its meeting's; one
        longer than a working day is refused, and nothing is created."""
        events = self._plan(3)
        wizard = self.pairing.with_user(self.user_mentor).action_open_meeting_wizard()
        wizard = self.env["hr.mentoring.meeting.wizard"].with_user(self.user_mentor).browse(wizard["res_id"])
        first = wizard.line_ids.sorted(lambda rec: rec.event_id.date_due)[0]
        first.duration = 9
        with self.assertRaisesRegex(ValidationError, "at most 8 hours"):
            wizard.action_confirm()
        self.assertFalse(events.calendar_event_id)
        first.duration = 1.5
        wizard.action_confirm()
        self.assertEqual(first.event_id.meeting_duration, 1.5)
        self.assertEqual(first.event_id.calendar_event_id.duration, 1.5)
        self.assertEqual(len(events.calendar_event_id), 3)

    def test_schedule_the_whole_plan_rights(self):
        self._plan(3)
        self.env.invalidate_all()
        for user in (self.user_mentee_x, self.user_head_x, self.user_mentor_y, self.user_outsider):
            with self.subTest(user=user.login):
                pairing = self.pairing.with_user(user)
                with self.assertRaises(AccessError):
                    pairing.action_open_meeting_wizard()
                with self.assertRaises(AccessError):
                    self.env["hr.mentoring.meeting.wizard"].with_user(user).create({"pairing_id": self.pairing.id})
        self.assertTrue(self.pairing.with_user(self.user_coordinator).can_schedule_meetings)
        self.assertFalse(self.pairing.with_user(self.user_head_x).can_schedule_meetings)

    def test_a_line_of_another_pairing_is_refused(self):
        self._plan(3)
        other = self._pairing(self.mentee_y, mentor=self.mentor_y)
        foreign = self.env["hr.mentoring.event"].create(
            {"pairing_id": other.id, "name": "Theirs", "event_type": "feedback", "date_due": WEDNESDAY}
        )
        wizard = (
            self.env["hr.mentoring.meeting.wizard"].with_user(self.user_mentor).create({"pairing_id": self.pairing.id})
        )
        with self.assertRaises(AccessError):
            wizard.write(
                {
                    "line_ids": [
                        Command.create({"event_id": foreign.id, "start": datetime(2026, 3, 4, 8, 0), "duration": 1})
                    ]
                }
            )
        coordinator_wizard = (
            self.env["hr.mentoring.meeting.wizard"]
            .with_user(self.user_coordinator)
            .create({"pairing_id": self.pairing.id})
        )
        coordinator_wizard.write(
            {"line_ids": [Command.create({"event_id": foreign.id, "start": datetime(2026, 3, 4, 8, 0), "duration": 1})]}
        )
        with self.assertRaisesRegex(UserError, "one event of this pairing's plan"):
            coordinator_wizard.action_confirm()
        self.assertFalse(foreign.calendar_event_id)

    def test_proposals_cost_no_query_per_event(self):
        """The proposal of a plan: the same queries for 4 events as for 12."""
        counts = []
        for count in (4, 12):
            self.pairing.event_ids.sudo().unlink()
            events = self._plan(count)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.countQueries() as queries:
                slots = events._mentoring_meeting_slots()
            counts.append(queries.count)
            self.assertEqual(len([s for s in slots.values() if s]), count)
        _logger.info("Meeting proposals: %s queries for 4 events, %s for 12", *counts)
        self.assertEqual(counts[0], counts[1], f"queries for 4 and 12 events: {counts}")
        self.assertQueriesWithin(counts[0], 24)
