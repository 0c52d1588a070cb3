from datetime import date, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MONDAY, MentoringCase, repeating


@tagged("post_install", "-at_install")
class TestPlanWorkingDays(MentoringCase):
    PLAN_TEMPLATE = (
        "Every other week",
        ("Welcome", "milestone", 1),
        ("Planned discussion", "planned_discussion", 3, repeating(4, 2, "weeks")),
        ("Check-in", "feedback", 2, repeating(5, 3)),
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lines = {line.name: line for line in cls.template.line_ids}
        cls.welcome, cls.discussion, cls.check_in = lines["Welcome"], lines["Planned discussion"], lines["Check-in"]
        cls.six_days = cls._calendar("Mon-Sat", range(6), 16)

    def test_one_formula_for_the_working_days_of_a_plan(self):
        # a repeated week counts 5 working days in the template's length (a standard
        # week), 7 in what a plan reads of the mentee's working days (the most a week holds)
        self.assertEqual(self.discussion._mentoring_last_working_day(5), 3 + 4 * 2 * 5)
        self.assertEqual(self.discussion._mentoring_last_working_day(7), 3 + 4 * 2 * 7)
        self.assertEqual(self.check_in._mentoring_last_working_day(5), 2 + 5 * 3)
        self.assertEqual(
            self.check_in._mentoring_last_working_day(7), 2 + 5 * 3, "working-day repetitions ignore the week"
        )
        template = self.template.with_user(self.user_coordinator)
        self.assertEqual(template.duration_days, 43)
        self.assertEqual(template._mentoring_working_days_needed(), 59)

    def test_weekly_events_on_a_six_day_week(self):
        # 5 working days a week would be too few here: the plan reads 7 a week
        mentee = self._employee("Sid", resource_calendar_id=self.six_days.id)
        pairing = self._pairing(mentee, date_start=MONDAY)
        wizard = (
            self.env["hr.mentoring.plan.wizard"]
            .with_user(self.user_coordinator)
            .create({"pairing_id": pairing.id, "template_id": self.template.id})
        )
        wizard.action_create_plan()
        events = pairing.event_ids
        discussions = events.filtered(lambda e: e.template_line_id == self.discussion).sorted("date_due")
        first = date(2026, 3, 4)  # working day 3 from a Monday: Wednesday
        self.assertEqual(discussions.mapped("date_due"), [first + timedelta(weeks=2 * k) for k in range(5)])
        check_ins = events.filtered(lambda e: e.template_line_id == self.check_in).sorted("date_due")
        # working days 2, 5, 8, 11, 14, 17 of a Monday-to-Saturday week
        self.assertEqual(
            check_ins.mapped("date_due"),
            [date(2026, 3, d) for d in (3, 6, 10, 13, 17, 20)],
        )

    def test_too_few_working_days_is_a_clear_error(self):
        enough = self.mentee_x._mentoring_work_dates(MONDAY, self.template._mentoring_working_days_needed())
        self.assertEqual(self.discussion._mentoring_occurrences(enough)[-1], date(2026, 4, 29))
        # four weeks of a Monday-to-Friday schedule: the third discussion is past them
        work_dates = enough[:20]
        with self.assertRaisesRegex(UserError, r"Planned discussion \(occurrence 3 of 5\) falls after the 20 working"):
            self.discussion._mentoring_occurrences(work_dates)
        with self.assertRaisesRegex(UserError, r"Check-in \(occurrence 6 of 6\) falls after the 16 working"):
            self.check_in._mentoring_occurrences(work_dates[:16])
        with self.assertRaisesRegex(UserError, r"Welcome \(occurrence 1 of 1\) falls after the 0 working"):
            self.welcome._mentoring_occurrences([])
