from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TimeOffCase


@tagged("post_install", "-at_install")
class TestPlanFollowsTimeOff(TimeOffCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls._pairing(cls.mentee_y, mentor=cls.mentor_y, date_start=date(2026, 3, 2))

    def _activity(self, event):
        return self.env["mail.activity"].search([("res_model", "=", "hr.mentoring.event"), ("res_id", "=", event.id)])

    def test_bare_leave_moves_the_planned_events_it_covers(self):
        tuesday = self._event(date(2026, 3, 10))
        wednesday = self._event(date(2026, 3, 11), name="Weekly discussion")
        thursday = self._event(date(2026, 3, 12), name="After")
        done = self._event(date(2026, 3, 10), name="Signed", state="done")
        self._leave(self.mentee_x, date(2026, 3, 10), date(2026, 3, 11))
        self.assertEqual(tuesday.date_due, date(2026, 3, 12))
        self.assertEqual(wednesday.date_due, date(2026, 3, 12))
        self.assertEqual(thursday.date_due, date(2026, 3, 12), "not covered: not moved")
        self.assertEqual(done.date_due, date(2026, 3, 10), "done events are never touched")
        self.assertEqual(tuesday.date_before_time_off, date(2026, 3, 10))
        self.assertEqual(tuesday.moved_reason, "time off")
        self.assertFalse(thursday.date_before_time_off)
        notes = self._notes(self.pairing)
        self.assertIn("Feedback on the 3rd working day: 03/10/2026 → 03/12/2026, time off", notes)
        self.assertIn("Weekly discussion: 03/11/2026 → 03/12/2026, time off", notes)
        self.assertEqual(self._activity(tuesday).date_deadline, date(2026, 3, 12), "the activity moves with it")
        # the other mentee's plan is not concerned
        self.assertFalse(self.other.event_ids)

    def test_time_off_over_a_weekend(self):
        friday = self._event(date(2026, 3, 13))
        monday = self._event(date(2026, 3, 16), name="Monday")
        self._leave(self.mentee_x, date(2026, 3, 13), date(2026, 3, 16))
        self.assertEqual(friday.date_due, date(2026, 3, 17))
        self.assertEqual(monday.date_due, date(2026, 3, 17))

    def test_two_overlapping_leaves(self):
        event = self._event(date(2026, 3, 10))
        self._leave(self.mentee_x, date(2026, 3, 10), date(2026, 3, 11))
        self.assertEqual(event.date_due, date(2026, 3, 12))
        second = self._leave(self.mentee_x, date(2026, 3, 11), date(2026, 3, 13))
        self.assertEqual(event.date_due, date(2026, 3, 16))
        self.assertEqual(event.date_before_time_off, date(2026, 3, 10), "the plan's own date is kept")
        self.assertEqual(event.moved_leave_id, second)

    def test_cancelled_leave_offers_to_restore(self):
        event = self._event(date(2026, 3, 10))
        leave = self._leave(self.mentee_x, date(2026, 3, 10), date(2026, 3, 10))
        self.assertEqual(event.date_due, date(2026, 3, 11))
        leave.unlink()
        self.assertEqual(event.date_due, date(2026, 3, 11), "never moved back silently")
        self.assertEqual(event.restore_date, date(2026, 3, 10))
        self.assertIn("can go back to 03/10/2026", self._notes(self.pairing))
        self.env.invalidate_all()
        for user in (self.user_mentee_x, self.user_head_x, self.user_outsider, self.user_other_company):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                event.with_user(user).action_restore_date()
        self.assertTrue(event.with_user(self.user_mentor).can_restore_date)
        self.assertFalse(event.with_user(self.user_mentee_x).can_restore_date)
        event.with_user(self.user_mentor).action_restore_date()
        self.assertEqual(event.date_due, date(2026, 3, 10))
        self.assertFalse(event.restore_date)
        with self.assertRaisesRegex(UserError, "no date to restore"):
            event.with_user(self.user_mentor).action_restore_date()

    def test_mentors_time_off_is_flagged_not_moved(self):
        event = self._event(date(2026, 3, 10))
        self._leave(self.mentor, date(2026, 3, 9), date(2026, 3, 10))
        self.assertEqual(event.date_due, date(2026, 3, 10))
        self.assertTrue(event.mentor_away)
        self.assertIn("is away on time off", self._notes(self.pairing))
        event.with_user(self.user_coordinator).date_due = date(2026, 3, 12)
        self.assertFalse(event.mentor_away, "rescheduled")

    def test_public_holiday_moves_every_mentee(self):
        mine = self._event(date(2026, 3, 10))
        theirs = self._event(date(2026, 3, 10), pairing=self.other)
        elsewhere = self._event(date(2026, 3, 11))
        self._leave(False, date(2026, 3, 10), date(2026, 3, 10), calendar_id=self.calendar.id, name="Founders' Day")
        self.assertEqual((mine.date_due, theirs.date_due), (date(2026, 3, 11), date(2026, 3, 11)))
        self.assertEqual(elsewhere.date_due, date(2026, 3, 11))
        self.assertEqual(mine.moved_reason, "public holiday: Founders' Day")

    def test_validated_time_off_request(self):
        """A real Time Off request: hr_holidays is no dependency of the module;
        ``make test`` installs it beside the module, elsewhere this test is skipped."""
        event = self._event(date(2026, 3, 10))
        request = self._time_off_request(date(2026, 3, 10), date(2026, 3, 11))
        self.assertEqual(event.date_due, date(2026, 3, 10), "a request waiting for approval moves nothing")
        request.action_validate()
        self.assertEqual(event.date_due, date(2026, 3, 12))
        self.assertIn("→ 03/12/2026, time off", self._notes(self.pairing))
        request.action_refuse()
        self.assertEqual(event.date_due, date(2026, 3, 12))
        self.assertEqual(event.restore_date, date(2026, 3, 10))
