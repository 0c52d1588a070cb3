"""Hostile users on the meetings in the Calendar: moved by an attendee into
the past or off a working day, to the ends of the calendar, made public;
the programme setting that keeps meetings out of the Calendar. Each attempt
is made as an RPC client would (write on calendar.event, the buttons),
refused with a clear error, and the records are read again."""

from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import MentoringCase

# Tuesday 3 March 2026, early; the fixtures work Monday to Friday, 8-12 and 13-17 UTC
NOW = "2026-03-03 06:00:00"
THURSDAY = date(2026, 3, 5)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestHostileMeetings(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing = cls._pairing(cls.mentee_x, date_start=date(2026, 3, 2))

    def _event(self, day=THURSDAY):
        return self.env["hr.mentoring.event"].create(
            {"pairing_id": self.pairing.id, "name": "Feedback", "event_type": "feedback", "date_due": day}
        )

    def _scheduled(self):
        event = self._event()
        event.with_user(self.user_mentor).action_schedule_meeting()
        self.env.invalidate_all()
        return event, event.calendar_event_id

    def _state(self, event, meeting):
        self.env.invalidate_all()
        return (event.date_due, event.state, event.mentor_away, meeting.start, meeting.stop, meeting.privacy)

    def test_an_attendee_cannot_move_the_meeting_into_the_past_or_a_day_off(self):
        """The mentee moves the meeting to yesterday: the event would be due in
        the past and the next cron run would flag it missed for the mentor."""
        event, meeting = self._scheduled()
        self.assertEqual(meeting.start, datetime(2026, 3, 5, 8, 0))
        before = self._state(event, meeting)
        # the mentor is away on Friday
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Time off",
                "resource_id": self.mentor.resource_id.id,
                "date_from": datetime(2026, 3, 6, 0, 0),
                "date_to": datetime(2026, 3, 6, 23, 59, 59),
            }
        )
        attempts = {
            "yesterday": (
                {"start": datetime(2026, 3, 2, 10, 0), "stop": datetime(2026, 3, 2, 10, 30)},
                "into the past",
            ),
            "yesterday, all day": (
                {"allday": True, "start_date": date(2026, 3, 2), "stop_date": date(2026, 3, 2)},
                "into the past",
            ),
            "a Saturday": (
                {"start": datetime(2026, 3, 7, 10, 0), "stop": datetime(2026, 3, 7, 10, 30)},
                "working day of both",
            ),
            "the mentor's day off": (
                {"start": datetime(2026, 3, 6, 10, 0), "stop": datetime(2026, 3, 6, 10, 30)},
                "working day of both",
            ),
        }
        for user in (self.user_mentee_x, self.user_mentor, self.user_coordinator):
            for label, (vals, message) in attempts.items():
                with self.subTest(user=user.login, attempt=label), self.assertRaisesRegex(UserError, message):
                    meeting.with_user(user).write(vals)
        self.assertEqual(self._state(event, meeting), before)
        # the next day's cron finds nothing past due
        with freeze_time("2026-03-04 06:00:00"):
            self.env["hr.mentoring.event"]._cron_flag_missed_events()
        self.assertEqual(event.state, "planned")
        # onto a coming working day of both: the event follows
        meeting.with_user(self.user_mentee_x).write(
            {"start": datetime(2026, 3, 9, 10, 0), "stop": datetime(2026, 3, 9, 10, 30)}
        )
        self.assertEqual(event.date_due, date(2026, 3, 9))

    def test_the_whole_plan_wizard_keeps_the_same_rule(self):
        """The meetings wizard lets the mentor type any start: the event follows its meeting."""
        event = self._event()
        for start, message in (
            (datetime(2026, 3, 2, 10, 0), "into the past"),
            (datetime(2026, 3, 7, 10, 0), "working day of both"),
            (datetime(9999, 12, 31, 23, 30), "moves to a date between"),
        ):
            wizard = (
                self.env["hr.mentoring.meeting.wizard"]
                .with_user(self.user_mentor)
                .create(
                    {
                        "pairing_id": self.pairing.id,
                        "line_ids": [Command.create({"event_id": event.id, "start": start, "duration": 0.5})],
                    }
                )
            )
            with self.subTest(start=start), self.assertRaisesRegex(UserError, message):
                wizard.action_confirm()
            self.env.invalidate_all()
            self.assertFalse(event.calendar_event_id)
            self.assertEqual(event.date_due, THURSDAY)

    def test_a_coordinator_moves_a_meeting_they_do_not_attend(self):
        """The module's rule says coordinators may move a mentoring meeting:
        the Calendar's rule on private meetings no longer refuses them."""
        event, meeting = self._scheduled()
        self.assertNotIn(self.user_coordinator.partner_id, meeting.partner_ids)
        meeting.with_user(self.user_coordinator).write(
            {"start": datetime(2026, 3, 10, 9, 0), "stop": datetime(2026, 3, 10, 9, 30)}
        )
        self.assertEqual(event.date_due, date(2026, 3, 10))
        before = self._state(event, meeting)
        self.assertEqual(before[3], datetime(2026, 3, 10, 9, 0))
        for user in (self.user_head_x, self.user_mentor_y, self.user_outsider, self.user_other_company):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                meeting.with_user(user).write(
                    {"start": datetime(2026, 3, 11, 9, 0), "stop": datetime(2026, 3, 11, 9, 30)}
                )
        self.assertEqual(self._state(event, meeting), before)

    def test_a_meeting_at_the_ends_of_the_calendar_is_refused(self):
        """9999-12-31 23:30 UTC raised OverflowError in the time-zone conversion
        (a mentee east of Greenwich: it is already the year 10000 for them)."""
        self.mentee_x.tz = "Europe/Kyiv"
        event, meeting = self._scheduled()
        before = self._state(event, meeting)
        for vals in (
            {"start": "9999-12-31 23:30:00", "stop": "9999-12-31 23:59:00"},
            {"start": datetime(9999, 12, 31, 23, 30)},
            {"start": "0001-01-01 00:00:00", "stop": "0001-01-01 00:30:00"},
            {"allday": True, "start_date": "9999-12-31", "stop_date": "9999-12-31"},
            {"start": "not a date"},
            {"stop": datetime(2099, 1, 1, 10, 0)},
        ):
            for user in (self.user_mentor, self.user_mentee_x, self.user_coordinator):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaisesRegex(ValidationError, "moves to a date between"),
                ):
                    meeting.with_user(user).write(vals)
        self.assertEqual(self._state(event, meeting), before)

    def test_an_attendee_cannot_make_the_meeting_public(self):
        """Made public by an attendee, the head would read its name (who meets whom, about what)."""
        _event, meeting = self._scheduled()
        name = meeting.name
        for user in (self.user_mentee_x, self.user_mentor):
            for privacy in ("public", "confidential", False):
                with (
                    self.subTest(user=user.login, privacy=privacy),
                    self.assertRaisesRegex(UserError, "stays private"),
                ):
                    meeting.with_user(user).write({"privacy": privacy})
        self.env.invalidate_all()
        self.assertEqual(meeting.privacy, "private")
        self.env.invalidate_all()
        self.assertEqual(meeting.with_user(self.user_head_x).read(["name"])[0]["name"], "Busy")
        self.assertIn("Xavier", name)
        # a meeting of no mentoring event is the Calendar's own business
        other = self.env["calendar.event"].create(
            {
                "name": "Lunch",
                "start": datetime(2026, 3, 5, 12, 0),
                "stop": datetime(2026, 3, 5, 13, 0),
                "privacy": "private",
                "user_id": self.user_mentee_x.id,
                "partner_ids": [Command.set(self.user_mentee_x.partner_id.ids)],
            }
        )
        other.with_user(self.user_mentee_x).write({"privacy": "public"})
        self.assertEqual(other.privacy, "public")

    def test_meetings_can_be_kept_out_of_the_calendar(self):
        """A company that must hide who meets whom turns the Calendar meetings off for a programme."""
        self.assertTrue(self.program.calendar_meetings, "on by default")
        for user in (self.user_mentor, self.user_head_x, self.user_outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.program.with_user(user).write({"calendar_meetings": False})
        self.program.with_user(self.user_coordinator).write({"calendar_meetings": False})
        event = self._event()
        self.env.invalidate_all()
        self.assertFalse(event.with_user(self.user_mentor).can_schedule_meeting)
        self.assertFalse(self.pairing.with_user(self.user_mentor).can_schedule_meetings)
        Meeting = self.env["calendar.event"]
        for user in (self.user_mentor, self.user_coordinator):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, "keeps its meetings out of the Calendar"):
                    event.with_user(user).action_schedule_meeting()
                with self.assertRaisesRegex(UserError, "keeps its meetings out of the Calendar"):
                    self.pairing.with_user(user).action_open_meeting_wizard()
                wizard = (
                    self.env["hr.mentoring.meeting.wizard"]
                    .with_user(user)
                    .create(
                        {
                            "pairing_id": self.pairing.id,
                            "line_ids": [
                                Command.create(
                                    {"event_id": event.id, "start": datetime(2026, 3, 5, 8, 0), "duration": 0.5}
                                )
                            ],
                        }
                    )
                )
                with self.assertRaisesRegex(UserError, "keeps its meetings out of the Calendar"):
                    wizard.action_confirm()
        self.env.invalidate_all()
        self.assertFalse(event.calendar_event_id)
        self.assertEqual(event.date_due, THURSDAY)
        self.assertFalse(Meeting.search([("res_model", "=", event._name), ("res_id", "=", event.id)]))
        # on again: scheduled as before
        self.program.with_user(self.user_coordinator).write({"calendar_meetings": True})
        event.with_user(self.user_mentor).action_schedule_meeting()
        self.assertTrue(event.calendar_event_id)

    def test_the_wizard_form_shows_no_event_of_another_pairing(self):
        """The wizard's form computes its lines with it: the event typed into
        a line shows its name, its mentee, its due date and, with a start, the
        mentor's and the mentee's names and time zones (read as superuser).
        The line's own form refuses an event one may not schedule; the
        wizard's form refused only its pairing: Maria (mentor of Xavier), or
        Otto with no pairing at all, read any event of Yara's plan by its id."""
        other = self._pairing(self.mentee_y, mentor=self.mentor_y, date_start=date(2026, 3, 2))
        secret = self.env["hr.mentoring.event"].create(
            {"pairing_id": other.id, "name": "Secret talk", "event_type": "feedback", "date_due": THURSDAY}
        )
        spec = {
            "pairing_id": {"fields": {"display_name": {}}},
            "line_ids": {
                "fields": {
                    "event_id": {"fields": {"display_name": {}}},
                    "date_due": {},
                    "local_times": {},
                    "start": {},
                }
            },
        }

        def form(user, event, pairing=None):
            values = {
                "line_ids": [Command.create({"event_id": event.id, "start": "2026-03-05 09:00:00", "duration": 1.0})]
            }
            if pairing:
                values["pairing_id"] = pairing.id
            return self.env["hr.mentoring.meeting.wizard"].with_user(user).onchange(values, [], spec)

        for user, pairing in ((self.user_mentor, self.pairing), (self.user_outsider, None)):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as cm:
                form(user, secret, pairing)
            self.assertNotIn("Yara", str(cm.exception))
            self.assertNotIn("Secret talk", str(cm.exception))
        # Maria's form of her own pairing's event is computed as before
        own = self._event()
        line = form(self.user_mentor, own, self.pairing)["value"]["line_ids"][0][2]
        self.assertEqual(line["event_id"]["id"], own.id)
        self.assertIn("Xavier", line["local_times"])
