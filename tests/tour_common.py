from odoo import Command
from odoo.tests import HttpCase, new_test_user

COORDINATOR = "hr_mentoring.group_mentoring_coordinator"


class MentoringTourCase(HttpCase):
    """The browser tours' set-up: their own data, not the demo's, in a company
    of their own, logins ``mentoring_test_*``, so that ``make test DEMO=1``
    runs them next to the demo's Cora, Maria and "New Client Managers", which
    the tours' users do not see there.

    ``_setup_tour_company`` makes the people every tour meets: the coordinator
    Cora, the head Hanna of Sales, the approved mentors Maria (Sales) and Marc
    (Support), and the mentee Nina Newcomer (Sales); ``_tour_program`` the
    running programme "New Client Managers" Cora coordinates.
    """

    @classmethod
    def _setup_tour_company(cls, company_name, prefix="", tz=None, mentor_joined="2015-03-01", mentee_user=False):
        """The tour's company and people; ``prefix`` keeps the logins of a
        class apart, ``mentee_user`` gives Nina a login of her own."""
        env = cls.tour_env = cls.env(context=dict(cls.env.context, tracking_disable=True, no_reset_password=True))
        cls.tour_company = company = env["res.company"].create({"name": company_name})
        extra = {"tz": tz} if tz else {}

        def user(login, name, groups="base.group_user"):
            # logins of their own: the demo data's users are cora, hanna, maria, ...
            return new_test_user(
                env,
                login=f"mentoring_test_{prefix}{login}",
                name=name,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
                **extra,
            )

        cls.user_coordinator = user("cora", "Cora Coordinator", f"base.group_user,{COORDINATOR}")
        cls.user_head = user("hanna", "Hanna Head")
        cls.user_mentor = user("maria", "Maria Mentor")
        cls.user_mentor_2 = user("marc", "Marc Mentor")
        if mentee_user:
            cls.user_mentee = user("nina", "Nina Newcomer")
        Employee = env["hr.employee"].with_company(company)
        head = Employee.create({"name": "Hanna Head", "user_id": cls.user_head.id})
        sales = env["hr.department"].create({"name": "Sales", "manager_id": head.id, "company_id": company.id})
        support = env["hr.department"].create({"name": "Support", "company_id": company.id})
        head.department_id = sales
        cls.sales = sales
        # Maria shares the mentee's department: she ranks first, Marc second
        cls.mentor = Employee.create(
            {
                "name": "Maria Mentor",
                "user_id": cls.user_mentor.id,
                "department_id": sales.id,
                "mentor_state": "approved",
                **({"mentoring_joined_date": mentor_joined} if mentor_joined else {}),
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
        mentee_vals = {"name": "Nina Newcomer", "department_id": sales.id}
        if mentee_user:
            mentee_vals["user_id"] = cls.user_mentee.id
        cls.mentee = Employee.create(mentee_vals)
        return env

    def _tour_pairing(self, mentor, why):
        """The one pairing a coordinator's tour proposed for Nina, with ``mentor``."""
        pairing = self.env["hr.mentoring.pairing"].search([("mentee_id", "=", self.mentee.id)])
        self.assertEqual(len(pairing), 1, "the wizard proposed one pairing")
        self.assertEqual(pairing.mentor_id, mentor, why)
        self.assertEqual(pairing.program_id, self.program)
        return pairing

    def _first_event(self, pairing):
        return pairing.event_ids.sorted(lambda e: (e.date_due, e.sequence, e.id))[:1]

    @classmethod
    def _tour_program(cls, **vals):
        """The running programme of the tour's company, coordinated by Cora."""
        env = cls.tour_env
        return env["hr.mentoring.program"].create(
            {
                "name": "New Client Managers",
                "company_id": cls.tour_company.id,
                "coordinator_id": cls.user_coordinator.id,
                "state": "running",
                "scale_id": env.ref("hr_mentoring.scale_behaviour").id,
                **vals,
            }
        )
