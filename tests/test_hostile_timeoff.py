"""Hostile users on the plans that follow time off: a bare leave row moves
nothing, only what an authorised person validated; leaves at the ends of
the calendar are refused; an open-ended leave flags the plan for the
coordinator instead of raising. Each attempt is made as an RPC client would
(create and write on resource.calendar.leaves), and the plans are read again."""

from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import TimeOffCase

TUESDAY = date(2026, 3, 10)
WEDNESDAY = date(2026, 3, 11)
THURSDAY = date(2026, 3, 12)


@tagged("post_install", "-at_install")
class TestHostileTimeOff(TimeOffCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a mentee without a user, managed by Yusuf
        cls.mentee_nouser = cls._employee("Nadia", department_id=cls.dept_y.id, parent_id=cls.emp_head_y.id)
        cls.pairing_nouser = cls._pairing(cls.mentee_nouser, mentor=cls.mentor_y, date_start=date(2026, 3, 2))

    def _plan(self, *events):
        self.env.invalidate_all()
        return [(e.date_due, e.date_before_time_off, e.moved_reason) for e in events]

    def _todos(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", self.pairing._name),
                ("res_id", "=", self.pairing.id),
                ("activity_type_id", "=", self.env.ref("mail.mail_activity_data_todo").id),
            ]
        )

    def test_a_bare_leave_of_ones_own_moves_nothing(self):
        """Any employee creates a leave row on their own resource: no Time
        Off request, no approval. Odoo keeps the row; the plan does not follow."""
        event = self._event(TUESDAY)
        theirs = self._event(TUESDAY, pairing=self.pairing_nouser)
        before = self._plan(event, theirs)
        leave = self._leave(self.mentee_x, TUESDAY, WEDNESDAY, user=self.user_mentee_x)
        self.assertEqual(self._plan(event, theirs), before)
        # stretched, or turned into a public holiday of the whole company by its author
        leave.with_user(self.user_mentee_x).write({"date_from": datetime(2026, 3, 9, 0, 0)})
        leave.with_user(self.user_mentee_x).write({"resource_id": False})
        self.assertEqual(self._plan(event, theirs), before)
        self.assertNotIn("Moved for time off", self._notes(self.pairing))

    def test_a_bare_leave_on_a_colleague_without_a_user_moves_nothing(self):
        """Odoo's rule lets any employee write a leave row on the resource of
        an employee without a user: only who manages that employee's time off
        moves the plan."""
        first = self._event(TUESDAY, pairing=self.pairing_nouser)
        before = self._plan(first)
        for user in (self.user_outsider, self.user_mentor_y, self.user_head_x):
            with self.subTest(user=user.login):
                self._leave(self.mentee_nouser, TUESDAY, TUESDAY, user=user)
                self.assertEqual(self._plan(first), before)
        # her manager, and an HR officer, manage her time off
        by_manager = self._event(date(2026, 3, 16), pairing=self.pairing_nouser)
        self._leave(self.mentee_nouser, date(2026, 3, 16), date(2026, 3, 16), user=self.user_head_y)
        self.assertEqual(self._plan(by_manager)[0][:3], (date(2026, 3, 17), date(2026, 3, 16), "time off"))
        by_officer = self._event(date(2026, 3, 18), pairing=self.pairing_nouser)
        self._leave(self.mentee_nouser, date(2026, 3, 18), date(2026, 3, 18), user=self.user_hr_officer)
        self.assertEqual(self._plan(by_officer)[0][0], date(2026, 3, 19))

    def test_time_off_requests_move_plans_once_validated_only(self):
        event = self._event(TUESDAY)
        later = self._event(date(2026, 3, 13), name="Friday feedback")
        request = self._time_off_request(TUESDAY, WEDNESDAY)
        before = self._plan(event, later)
        # the employee writes the row validation would write, for the request waiting for approval
        self._leave(self.mentee_x, TUESDAY, WEDNESDAY, user=self.user_mentee_x, holiday_id=request.id)
        self.assertEqual(self._plan(event, later), before)
        request.action_validate()
        self.assertEqual(self._plan(event)[0][0], THURSDAY)
        # the validated request's own row, stretched by the employee: the plan does not follow
        row = self.env["resource.calendar.leaves"].search(
            [("holiday_id", "=", request.id), ("create_uid", "!=", self.user_mentee_x.id)]
        )
        self.assertEqual(len(row), 1)
        row.with_user(self.user_mentee_x).write({"date_to": datetime(2026, 3, 13, 23, 59, 59)})
        self.assertEqual(self._plan(later), before[1:])

    def test_leaves_at_the_ends_of_the_calendar_are_refused(self):
        """A leave from 0001-01-01 raised ValueError (ordinal must be >= 1)."""
        event = self._event(TUESDAY)
        before = self._plan(event)
        for user in (False, self.user_mentee_x):
            for first, last in (
                (datetime(1, 1, 1), datetime(2026, 3, 11, 23, 59, 59)),
                (datetime(2026, 3, 10), datetime(9999, 12, 31, 23, 59, 59)),
                (datetime(1899, 12, 31), datetime(2026, 3, 10, 23, 59, 59)),
            ):
                with (
                    self.subTest(user=user and user.login, first=first, last=last),
                    self.assertRaisesRegex(ValidationError, "Time off lies between"),
                ):
                    self._leave(self.mentee_x, first, last, user=user, name="Out of range")
        with self.assertRaisesRegex(ValidationError, "Time off lies between"):
            self._leave(self.mentee_x, TUESDAY, TUESDAY).write({"date_from": datetime(1, 1, 1)})
        self.assertEqual(self._plan(event), before)
        self.assertFalse(self.env["resource.calendar.leaves"].search([("name", "=", "Out of range")]))

    def test_an_open_ended_leave_flags_the_plan_for_the_coordinator(self):
        """HR records a leave until 2099 (it was refused with "fewer than 2
        working days in the coming years"): events with no working day of
        the mentee within three months keep their dates, flagged for the
        coordinator; the events before the leave are untouched."""
        before_leave = self._event(date(2026, 3, 6), name="Before")
        covered = [self._event(day, name=f"Week {n}") for n, day in enumerate((TUESDAY, date(2026, 3, 17)))]
        leave = self._leave(self.mentee_x, date(2026, 3, 9), date(2099, 12, 31))
        self.assertTrue(leave.exists())
        self.assertEqual(self._plan(before_leave), [(date(2026, 3, 6), False, False)])
        self.assertFalse(before_leave.mentee_away)
        self.assertEqual(self._plan(*covered), [(TUESDAY, False, False), (date(2026, 3, 17), False, False)])
        self.assertEqual([e.mentee_away for e in covered], [True, True])
        self.assertEqual({e.state for e in covered}, {"planned"})
        todo = self._todos()
        self.assertEqual(todo.user_id, self.user_coordinator)
        self.assertIn("pause the pairing or reschedule", todo.summary)
        self.assertIn("no working day in the next three months", self._notes(self.pairing))
        # once: recording it again flags nothing new
        leave.write({"name": "Long leave"})
        leave.write({"date_to": datetime(2098, 12, 31, 23, 59, 59)})
        self.assertEqual(self._todos(), todo)
        # rescheduled by the coordinator, the flag goes
        covered[0].with_user(self.user_coordinator).write({"date_due": date(2026, 3, 5)})
        self.assertFalse(covered[0].mentee_away)

    def test_a_long_leave_with_an_end_in_sight_moves_the_plan(self):
        """A leave of seven weeks: the events it covers move after it."""
        event = self._event(TUESDAY)
        self._leave(self.mentee_x, date(2026, 3, 9), date(2026, 4, 24))
        self.assertEqual(self._plan(event), [(date(2026, 4, 27), TUESDAY, "time off")])
        self.assertFalse(event.mentee_away)
