"""The pairing pickers of the new-record forms offer the user's pairings.

A new plan event or evaluation has no company before its pairing (its company
is the pairing's): ``check_company``'s domain alone would offer no pairing at
all to whoever is not a coordinator. The forms give the picker the user's
companies as its domain, and the record rules scope the rest. This test reads
the domain the web client gets (the view's, or else the field's), evaluates it
on a new record, and searches as the client's picker does (``name_search``).
"""

from lxml import etree

from odoo import fields
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestUiPickers(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing_x, cls.pairing_y = cls._pairings_x_y()
        other_mentor = cls._employee(
            "Oscar",
            company_id=cls.other_company.id,
            resource_calendar_id=cls.other_company.resource_calendar_id.id,
            mentor_state="approved",
        )
        other_mentee = cls._employee(
            "Odile", company_id=cls.other_company.id, resource_calendar_id=cls.other_company.resource_calendar_id.id
        )
        other_program = cls.env["hr.mentoring.program"].create(
            {
                "name": "Other Programme",
                "company_id": cls.other_company.id,
                "coordinator_id": cls.user_other_company.id,
                "state": "running",
                "date_start": fields.Date.context_today(cls.env.user),
            }
        )
        cls.pairing_oc = cls._pairing(other_mentee, mentor=other_mentor, program=other_program)
        # on a demo database, the demo's pairings are there too
        cls.fixtures = cls.pairing_x | cls.pairing_y | cls.pairing_oc

    def _offered(self, user, model, field="pairing_id"):
        """The pairings that ``field`` of a new ``model`` form offers ``user``."""
        Model = self.env[model].with_user(user)
        views = Model.get_views([(False, "form")])
        node = etree.fromstring(views["views"]["form"]["arch"]).xpath(f"//field[@name='{field}']")
        self.assertTrue(node, f"{model}'s form has no {field}")
        domain = node[0].get("domain") or views["models"][model]["fields"][field].get("domain") or "[]"
        # a new record, as the web client evaluates it: no id, no company yet
        values = dict.fromkeys(Model._fields, False)
        values.update(allowed_company_ids=user.company_ids.ids, context={}, uid=user.id)
        domain = safe_eval(domain, values) if isinstance(domain, str) else domain
        self.env.invalidate_all()
        Pairing = self.env["hr.mentoring.pairing"].with_user(user)
        return Pairing.browse([pairing_id for pairing_id, _name in Pairing.name_search("", domain, limit=None)])

    def _assert_offered(self, model, expected):
        for user, pairings in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._offered(user, model) & self.fixtures, pairings)

    def test_new_plan_event_offers_the_users_pairings(self):
        """Plan Events > New: a mentor logs a situational discussion on their
        own pairing, a head plans in their department, a coordinator anywhere
        in their company; the other company's coordinator only there."""
        self._assert_offered(
            "hr.mentoring.event",
            {
                self.user_coordinator: self.pairing_x | self.pairing_y,
                self.user_head_x: self.pairing_x,
                self.user_mentor: self.pairing_x,
                self.user_mentor_y: self.pairing_y,
                self.user_other_company: self.pairing_oc,
            },
        )

    def test_new_evaluation_offers_the_users_pairings(self):
        """My Evaluations > New: the mentor and the mentee find their pairing."""
        self._assert_offered(
            "hr.mentoring.evaluation",
            {
                self.user_mentor: self.pairing_x,
                self.user_mentee_x: self.pairing_x,
                self.user_mentee_y: self.pairing_y,
                self.user_other_company: self.pairing_oc,
            },
        )

    def test_nobody_is_offered_another_users_pairing(self):
        for user in (self.user_outsider, self.user_hr_officer, self.user_mentee_y):
            with self.subTest(user=user.login):
                self.assertFalse(self._offered(user, "hr.mentoring.event") & (self.fixtures - self.pairing_y))
