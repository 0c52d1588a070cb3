from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

COORDINATOR = "hr_mentoring.group_mentoring_coordinator"


@tagged("post_install", "-at_install")
class TestMentoringTour(HttpCase):
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
        env = cls.env(context=dict(cls.env.context, tracking_disable=True, no_reset_password=True))
        company = env["res.company"].create({"name": "Mentoring Tour Company"})

        def user(login, name, groups="base.group_user"):
            # logins of their own: the demo data's users are cora, hanna, maria, ...
            return new_test_user(
                env,
                login=f"mentoring_test_{login}",
                name=name,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.user_coordinator = user("cora", "Cora Coordinator", f"base.group_user,{COORDINATOR}")
        cls.user_head = user("hanna", "Hanna Head")
        cls.user_mentor = user("maria", "Maria Mentor")
        cls.user_mentor_2 = user("marc", "Marc Mentor")
        Employee = env["hr.employee"].with_company(company)
        head = Employee.create({"name": "Hanna Head", "user_id": cls.user_head.id})
        sales = env["hr.department"].create({"name": "Sales", "manager_id": head.id, "company_id": company.id})
        support = env["hr.department"].create({"name": "Support", "company_id": company.id})
        head.department_id = sales
        cls.mentor = Employee.create(
            {
                "name": "Maria Mentor",
                "user_id": cls.user_mentor.id,
                "department_id": sales.id,
                "mentor_state": "approved",
                "mentoring_joined_date": "2015-03-01",
            }
        )
        cls.mentor_2 = Employee.create(
            {
                "name": "Marc Mentor",
                "user_id": cls.user_mentor_2.id,
                "department_id": support.id,
                "mentor_state": "approved",
            }
        )
        cls.mentee = Employee.create({"name": "Nina Newcomer", "department_id": sales.id})
        cls.template = env.ref("hr_mentoring.plan_template_adaptation")
        cls.program = env["hr.mentoring.program"].create(
            {
                "name": "New Client Managers",
                "company_id": company.id,
                "coordinator_id": cls.user_coordinator.id,
                "state": "running",
                "plan_template_id": cls.template.id,
                "scale_id": env.ref("hr_mentoring.scale_behaviour").id,
            }
        )

    def test_pairing_starts_in_the_browser(self):
        self.start_tour("/odoo", "hr_mentoring_tour_coordinator", login=self.user_coordinator.login)

        pairing = self.env["hr.mentoring.pairing"].search([("mentee_id", "=", self.mentee.id)])
        self.assertEqual(len(pairing), 1, "the wizard proposed one pairing")
        self.assertEqual(pairing.mentor_id, self.mentor, "the top-ranked mentor was proposed")
        self.assertEqual(pairing.program_id, self.program)
        self.assertEqual(pairing.state, "active")
        self.assertEqual(pairing.approved_by_id, self.user_coordinator)
        self.assertEqual(pairing.event_count, self.template.event_count, "the plan has every event of its template")
        first = pairing.event_ids.sorted(lambda e: (e.date_due, e.sequence, e.id))[:1]
        self.assertEqual(first.template_line_id, self.env.ref("hr_mentoring.plan_template_adaptation_welcome"))
        self.assertEqual(first.state, "planned")
        self.assertEqual(first.activity_ids.user_id, self.user_mentor, "the mentor has the event in their activities")

        self.start_tour("/odoo", "hr_mentoring_tour_mentor", login=self.user_mentor.login)

        self.env.invalidate_all()
        self.assertEqual(first.state, "done")
        self.assertEqual(first.signed_by_id, self.user_mentor, "the mentor signed the event")
        self.assertIn("Explained the plan and its dates", first.mentor_comment)
        self.assertFalse(first.activity_ids, "the activity is done")
        self.assertEqual(pairing.event_done_count, 1)
