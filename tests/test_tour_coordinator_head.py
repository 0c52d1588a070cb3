from odoo import Command
from odoo.tests import new_test_user, tagged

from .tour_common import MentoringTourCase


@tagged("post_install", "-at_install", "tour")
class TestMentoringRoleToursCoordinatorHead(MentoringTourCase):
    """The coordinator's and the department head's paths in the browser
    (static/tests/tours/hr_mentoring_tour_coordinator.js and
    hr_mentoring_tour_head.js); each tour fails when a button or menu of
    another role shows on its screens, and the test asserts what it left.

    Its own data in a company of its own, logins ``mentoring_test_*``: ``make
    test DEMO=1`` runs it next to the demo's users and programmes.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls._setup_tour_company("Mentoring Role Tours Company", prefix="role_")
        cls.mentee_2 = (
            env["hr.employee"]
            .with_company(cls.tour_company)
            .create(
                {
                    "name": "Oscar Onboard",
                    "department_id": cls.sales.id,
                    # a mentee with a login: the head reviews, and nobody acknowledges for him
                    "user_id": new_test_user(
                        env,
                        login="mentoring_test_role_oscar",
                        name="Oscar Onboard",
                        company_id=cls.tour_company.id,
                        company_ids=[Command.set(cls.tour_company.ids)],
                    ).id,
                }
            )
        )
        cls.template = env.ref("hr_mentoring.plan_template_adaptation")
        cls.welcome = env.ref("hr_mentoring.plan_template_adaptation_welcome")
        cls.program = cls._tour_program(plan_template_id=cls.template.id)

    def _planned_pairing(self, mentee, mentor, state):
        """A pairing the coordinator made, with its plan, as the wizards leave it."""
        Pairing = self.env["hr.mentoring.pairing"].with_user(self.user_coordinator)
        pairing = Pairing.create(
            {"program_id": self.program.id, "mentor_id": mentor.id, "mentee_id": mentee.id, "state": state}
        )
        wizard = (
            self.env["hr.mentoring.plan.wizard"]
            .with_user(self.user_coordinator)
            .create({"pairing_id": pairing.id, "template_id": self.template.id, "date_start": pairing.date_start})
        )
        wizard.action_create_plan()
        return pairing

    def _approvals(self, pairing):
        approval = self.env.ref("hr_mentoring.mail_activity_type_approval")
        return pairing.activity_ids.filtered(lambda a: a.activity_type_id == approval)

    def test_coordinator_finds_a_mentor_with_two_ticks_and_plans(self):
        self.start_tour("/odoo", "hr_mentoring_tour_role_coordinator", login=self.user_coordinator.login)

        pairing = self._tour_pairing(self.mentor_2, "the mentor ticked second was proposed, not rank 1")
        self.assertEqual(pairing.state, "proposed", "the plan waits for the head's approval")
        self.assertFalse(pairing.approved_by_id)
        self.assertEqual(pairing.event_count, self.template.event_count, "the plan has every event of its template")
        self.assertTrue(all(event.state == "planned" for event in pairing.event_ids))
        self.assertEqual(self._first_event(pairing).template_line_id, self.welcome)
        self.assertEqual(self._approvals(pairing).user_id, self.user_head, "the department head is asked to approve")

    def test_head_approves_from_the_activity_and_reviews(self):
        proposed = self._planned_pairing(self.mentee, self.mentor, "proposed")
        running = self._planned_pairing(self.mentee_2, self.mentor_2, "active")
        signed = self._first_event(running).with_user(self.user_mentor_2)
        signed.write({"mentor_comment": "Walked Oscar through the plan."})
        signed.action_mark_done()
        self.assertEqual(signed.state, "done")
        self.assertEqual(self._approvals(proposed).user_id, self.user_head, "the approval waits for the head")

        self.start_tour("/odoo", "hr_mentoring_tour_role_head", login=self.user_head.login)

        self.env.invalidate_all()
        self.assertEqual(proposed.state, "active")
        self.assertEqual(proposed.approved_by_id, self.user_head, "the head approved it")
        self.assertFalse(self._approvals(proposed), "the approval activity is closed")
        self.assertTrue(signed.reviewed)
        self.assertEqual(signed.reviewed_by_id, self.user_head)
        self.assertTrue(signed.reviewed_on)
        self.assertIn("Good start, plan the client calls", signed.review_comment)
        self.assertEqual(signed.state, "done", "the review changes nothing of the mentor's sign-off")
        self.assertEqual(signed.signed_by_id, self.user_mentor_2)
        self.assertEqual(signed.mentor_comment, "Walked Oscar through the plan.")
        self.assertFalse(signed.acknowledged, "the head does not acknowledge for the mentee")
        others = running.event_ids - signed
        self.assertFalse(any(others.mapped("reviewed")), "only the opened event was reviewed")
