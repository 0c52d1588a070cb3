import logging
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MentoringCase

REPORT = "report.hr_mentoring.report_program"

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestFinalReport(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        Criterion = cls.env["hr.mentoring.integration.criterion"]
        cls.criteria = Criterion.create(
            [
                {"program_id": cls.program.id, "sequence": 1, "name": "Works alone on client calls"},
                {"program_id": cls.program.id, "sequence": 2, "name": "Knows the team's tools"},
            ]
        )
        cls.px = cls._pairing(cls.mentee_x)
        cls.py = cls._pairing(cls.mentee_y, mentor=cls.mentor_y)

    def _event(self, pairing, state, days_ago=20, **vals):
        event = self.env["hr.mentoring.event"].create(
            {
                "pairing_id": pairing.id,
                "name": "Feedback",
                "event_type": "feedback",
                "date_due": self.today - timedelta(days=days_ago),
            }
        )
        if state != "planned":
            event.write({"state": state, **vals})
        return event

    def _checks(self, pairing):
        pairing.with_user(self.user_coordinator).action_open_integration_checklist()
        return pairing.integration_check_ids

    # ------------------------------------------------------------------
    # integration checklist
    # ------------------------------------------------------------------

    def test_integration_checks_by_role(self):
        checks = self._checks(self.px)
        self.assertEqual(checks.criterion_id, self.criteria)
        check = checks[0]
        # the mentor ticks their box only
        check.with_user(self.user_mentor).write({"met_mentor": True})
        self.assertEqual(check.mentor_checked_by_id, self.user_mentor)
        with self.assertRaises(AccessError):
            check.with_user(self.user_mentor).write({"met_head": True})
        # the head theirs only
        check.with_user(self.user_head_x).write({"met_head": True})
        self.assertEqual(check.head_checked_by_id, self.user_head_x)
        with self.assertRaises(AccessError):
            check.with_user(self.user_head_x).write({"met_mentor": False})
        self.assertTrue(check.is_met)
        # the mentee reads, writes nothing
        self.assertEqual(self.env["hr.mentoring.integration.check"].with_user(self.user_mentee_x).search([]), checks)
        with self.assertRaises(AccessError):
            check.with_user(self.user_mentee_x).write({"met_mentor": False})
        with self.assertRaises(AccessError):
            self.px.with_user(self.user_mentee_x).action_open_integration_checklist()
        # nobody else sees it
        for user in (self.user_outsider, self.user_head_y, self.user_mentee_y, self.user_other_company):
            Check = self.env["hr.mentoring.integration.check"].with_user(user)
            self.assertFalse(Check.search([("id", "in", checks.ids)]), user.name)
            self.assertFalse(Check._read_group([("id", "in", checks.ids)], [], ["__count"])[0][0], user.name)
            with self.assertRaises(AccessError):
                check.with_user(user).read(["met_mentor"])
        # the buttons and boxes follow the role
        self.assertTrue(check.with_user(self.user_mentor).can_edit_mentor_box)
        self.assertFalse(check.with_user(self.user_mentor).can_edit_head_box)
        self.assertTrue(check.with_user(self.user_head_x).can_edit_head_box)
        self.assertFalse(self.px.with_user(self.user_mentee_x).can_integration_checklist)
        self.assertTrue(self.px.with_user(self.user_mentor).can_integration_checklist)
        # integration reached once every criterion is met by both
        self.assertFalse(self.px.integration_reached)
        checks[1].write({"met_mentor": True, "met_head": True})
        self.assertTrue(self.px.integration_reached)
        self.assertEqual(self.px.integration_met_count, 2)

    def test_checklist_created_when_the_pairing_ends(self):
        self.assertFalse(self.py.integration_check_ids)
        self.py.with_user(self.user_head_y).action_done()
        self.assertEqual(self.py.integration_check_ids.criterion_id, self.criteria)
        # pressing the button again adds nothing twice
        self._checks(self.py)
        self.assertEqual(len(self.py.integration_check_ids), 2)

    # ------------------------------------------------------------------
    # the final report
    # ------------------------------------------------------------------

    def test_final_report_sections(self):
        self.program.write({"state": "pilot", "is_pilot": True, "goals": "<p>Faster onboarding</p>"})
        self.env["hr.mentoring.program.adjustment"].create(
            {"program_id": self.program.id, "name": "Shorter plan", "reason": "Mentors found it too long"}
        )
        self._checks(self.px).write({"met_mentor": True, "met_head": True})
        self._checks(self.py)[0].write({"met_mentor": True})
        self._event(self.px, "done", date_done=self.today - timedelta(days=25))
        Report = self.env[REPORT].with_user(self.user_coordinator)
        values = Report._get_report_values(self.program.ids)
        final = values["final"][self.program.id]
        self.assertEqual(final["measured"]["integration_rate"], 50.0)
        self.assertEqual(final["measured"]["pairings"], 2)
        self.assertEqual(final["measured"]["on_time_rate"], 100.0)
        rows = {row["mentee"]: row for row in final["integration_rows"]}
        self.assertEqual((rows[self.mentee_x]["met"], rows[self.mentee_x]["total"]), (2, 2))
        self.assertEqual(rows[self.mentee_y]["unmet"], self.criteria.mapped("name"))
        self.assertEqual(final["adjustments"].mapped("name"), ["Shorter plan"])
        self.assertIn("head_rows", final)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_coordinator)
            ._render_qweb_html("hr_mentoring.report_program", self.program.ids)[0]
            .decode()
        )
        for text in (
            "Final Report",
            "Faster onboarding",
            "Integration Criteria Met per Mentee",
            "Shorter plan",
            "Mentors and Department Heads",
            "Works alone on client calls",
        ):
            self.assertIn(text, html)
        # a department head's final report counts their departments only
        final_x = self.env[REPORT].with_user(self.user_head_x)._get_report_values(self.program.ids)["final"]
        self.assertEqual([row["mentee"] for row in final_x[self.program.id]["integration_rows"]], [self.mentee_x])
        # a running programme never approved prints no final report
        self.program.write({"state": "running", "is_pilot": False})
        self.assertFalse(Report._get_report_values(self.program.ids)["final"])

    def test_head_performance(self):
        # an approval waiting past its activity's deadline
        newcomer = self._employee("Nina", department_id=self.dept_x.id)
        proposed = self._pairing(newcomer, state="proposed")
        proposed.activity_ids.write({"date_deadline": self.today - timedelta(days=4)})
        # an event done three weeks ago and not reviewed, one reviewed
        self._event(self.px, "done", date_done=self.today - timedelta(days=20))
        self._event(self.px, "done", days_ago=30, date_done=self.today - timedelta(days=30), reviewed=True)
        # a missed event escalated and still unexplained
        self._event(self.px, "missed", days_ago=15, missed_on=self.today - timedelta(days=14), escalated_on=self.today)
        # Support's head reviewed everything
        self._event(self.py, "done", date_done=self.today - timedelta(days=20), reviewed=True)
        rows = self.env["hr.mentoring.performance"].with_user(self.user_coordinator)._mentoring_head_rows(self.program)
        by_head = {row["head"]: row for row in rows}
        hanna = by_head[self.user_head_x]
        self.assertEqual(hanna["approvals_overdue"], 1)
        self.assertEqual((hanna["reviewed"], hanna["reviews_due"]), (1, 3))
        self.assertEqual(hanna["missed_unfollowed"], 1)
        self.assertEqual(hanna["flag"], "below")
        self.assertIn("Training", hanna["action"])
        yusuf = by_head[self.user_head_y]
        self.assertEqual(yusuf["flag"], "above")
        self.assertIn("peer-mentor", yusuf["action"])
        # Hanna's own report shows Hanna only
        rows_x = self.env["hr.mentoring.performance"].with_user(self.user_head_x)._mentoring_head_rows(self.program)
        self.assertEqual([row["head"] for row in rows_x], [self.user_head_x])

    def test_report_queries_do_not_grow_with_pairings(self):
        mentor = self._employee("Max", department_id=self.dept_y.id, mentor_state="approved", mentor_capacity=40)
        programs = []
        for size in (5, 20):
            program = self.env["hr.mentoring.program"].create(
                {"name": f"Pilot {size}", "state": "pilot", "is_pilot": True, "date_start": self.program.date_start}
            )
            self.env["hr.mentoring.integration.criterion"].create({"program_id": program.id, "name": "Integrated"})
            for index in range(size):
                mentee = self._employee(f"Mentee {size}-{index}", department_id=self.dept_x_sub.id)
                pairing = self._pairing(mentee, mentor=mentor, program=program)
                self._event(pairing, "done", date_done=self.today - timedelta(days=20))
                self._event(pairing, "missed", days_ago=15, missed_on=self.today, escalated_on=self.today)
                pairing._mentoring_create_integration_checks()
            programs.append(program)
        Report = self.env[REPORT].with_user(self.user_coordinator)
        counts = []
        for program in (programs[0], *programs):  # the first run warms the caches
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Report._get_report_values(program.ids)
            counts.append(self.env.cr.sql_log_count - before)
        counts = counts[1:]
        _logger.info("Final programme report values: %s queries for 5 pairings, %s for 20", *counts)
        self.assertEqual(counts[0], counts[1], f"queries for 5 and 20 pairings: {counts}")

    # ------------------------------------------------------------------
    # monitoring
    # ------------------------------------------------------------------

    def test_monitoring_rows_and_visibility(self):
        self._event(self.px, "done", date_done=self.today - timedelta(days=20))
        self._event(self.py, "missed", missed_on=self.today - timedelta(days=19))
        self._checks(self.px).write({"met_mentor": True, "met_head": True})
        self.env.flush_all()
        Monitoring = self.env["hr.mentoring.monitoring"]
        domain = [("program_id", "=", self.program.id)]
        rows = {row.department_id: row for row in Monitoring.with_user(self.user_coordinator).search(domain)}
        self.assertEqual(set(rows), {self.dept_x_sub, self.dept_y})
        x, y = rows[self.dept_x_sub], rows[self.dept_y]
        self.assertEqual((x.pairing_count, x.on_time_rate, x.integration_rate), (1, 100.0, 100.0))
        self.assertFalse(x.needs_attention)
        self.assertEqual(y.on_time_rate, 0.0)
        self.assertTrue(y.needs_attention)
        attention = Monitoring.with_user(self.user_coordinator).search([*domain, ("needs_attention", "=", True)])
        self.assertEqual(attention, y)
        # heads: their departments and below; others nothing
        self.assertEqual(Monitoring.with_user(self.user_head_x).search(domain), x)
        self.assertEqual(Monitoring.with_user(self.user_head_y).search(domain), y)
        groups = Monitoring.with_user(self.user_head_x)._read_group(domain, [], ["pairing_count:sum"])
        self.assertEqual(groups[0][0], 1)
        with self.assertRaises(AccessError):
            y.with_user(self.user_head_x).read(["on_time_rate"])
        for user in (self.user_mentor, self.user_mentee_x, self.user_outsider, self.user_other_company):
            self.assertFalse(Monitoring.with_user(user).search(domain), user.name)
            self.assertFalse(Monitoring.with_user(user)._read_group(domain, [], ["__count"])[0][0], user.name)
