from odoo.tests import tagged

from .tour_common import MentoringTourCase


@tagged("post_install", "-at_install", "tour")
class TestMentoringTour(MentoringTourCase):
    """A pairing starts in the browser: the coordinator finds the mentor,
    proposes, plans and approves; the mentor signs the first event from their
    activities (static/tests/tours/hr_mentoring_tour.js).

    Its own data, not the demo's, in a company of its own: ``make test DEMO=1``
    runs it next to the demo's Cora, Maria and "New Client Managers", which
    the tour's users do not see there.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls._setup_tour_company("Mentoring Tour Company")
        cls.template = env.ref("hr_mentoring.plan_template_adaptation")
        cls.program = cls._tour_program(plan_template_id=cls.template.id)

    def test_pairing_starts_in_the_browser(self):
        self.start_tour("/odoo", "hr_mentoring_tour_coordinator", login=self.user_coordinator.login)

        pairing = self._tour_pairing(self.mentor, "the top-ranked mentor was proposed")
        self.assertEqual(pairing.state, "active")
        self.assertEqual(pairing.approved_by_id, self.user_coordinator)
        self.assertEqual(pairing.event_count, self.template.event_count, "the plan has every event of its template")
        first = self._first_event(pairing)
        self.assertEqual(first.template_line_id, self.env.ref("hr_mentoring.plan_template_adaptation_welcome"))
        self.assertEqual(first.state, "planned")
        self.assertEqual(first.activity_ids.user_id, self.user_mentor, "the mentor has the event in their activities")

        self.start_tour("/odoo", "hr_mentoring_tour_mentor", login=self.user_mentor.login)

        self.env.invalidate_all()
        self.assertEqual(first.state, "done")
        self.assertEqual(first.signed_by_id, self.user_mentor, "the mentor signed the event")
        self.assertIn("Explained the plan and its dates", first.mentor_comment)
        mentoring_type = self.env.ref("hr_mentoring.mail_activity_type_mentoring")
        self.assertFalse(first.activity_ids.filtered(lambda a: a.activity_type_id == mentoring_type), "it is done")
        # what is left is the mentee's (or whoever acts for them): acknowledge the signed event
        self.assertEqual(
            first.activity_ids.activity_type_id, self.env.ref("hr_mentoring.mail_activity_type_acknowledge")
        )
        self.assertEqual(pairing.event_done_count, 1)
