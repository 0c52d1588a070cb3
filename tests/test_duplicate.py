from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestNoDuplicate(MentoringCase):
    """Events, pairings, evaluations and acknowledgements are not copied: a
    copy of a signed event with past dates turned missed, with activities, a
    digest and a phantom line in the printed plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing = cls._pairing(cls.mentee_x)
        cls._create_plan(cls.pairing, template=cls.program.plan_template_id)
        cls.evaluation = cls.env["hr.mentoring.evaluation"].create(
            {"pairing_id": cls.pairing.id, "kind": "mentor_on_mentee", "evaluator_id": cls.user_mentor.id}
        )
        cls.acknowledgement = cls.env["hr.mentoring.program.acknowledgement"].create(
            {"program_id": cls.program.id, "employee_id": cls.mentee_x.id, "role": "mentee"}
        )

    def test_copy_is_refused_to_everyone(self):
        event = self.pairing.event_ids[0]
        event.write({"state": "done"})
        records = {
            event: "A plan event cannot be duplicated",
            self.pairing: "A pairing cannot be duplicated",
            self.evaluation: "An evaluation cannot be duplicated",
            self.acknowledgement: "An acknowledgement of the regulations cannot be duplicated",
        }
        for record, message in records.items():
            counted = self.env[record._name].search_count([])
            for user in (self.env.user, self.user_coordinator, self.user_head_x, self.user_mentor):
                with self.subTest(model=record._name, user=user.login), self.assertRaisesRegex(UserError, message):
                    record.with_user(user).copy()
            self.assertEqual(self.env[record._name].search_count([]), counted, "nothing copied")

    def test_views_offer_no_duplicate(self):
        for model in (
            "hr.mentoring.event",
            "hr.mentoring.pairing",
            "hr.mentoring.evaluation",
            "hr.mentoring.program.acknowledgement",
        ):
            views = self.env[model].with_user(self.user_coordinator).get_views([(False, "list"), (False, "form")])
            for view_type in ("list", "form"):
                with self.subTest(model=model, view=view_type):
                    arch = etree.fromstring(views["views"][view_type]["arch"])
                    self.assertEqual(arch.get("duplicate"), "0")

    def test_rescheduling_a_missed_event_still_makes_its_new_event(self):
        event = self.pairing.event_ids.filtered(lambda e: e.state == "planned")[0]
        event.write({"state": "missed"})
        wizard = (
            self.env["hr.mentoring.missed.wizard"]
            .with_user(self.user_coordinator)
            .create(
                {
                    "event_id": event.id,
                    "reason_category": "other",
                    "reason": "Ill",
                    "outcome": "reschedule",
                    "new_date": fields.Date.today() + timedelta(days=7),
                }
            )
        )
        wizard.action_confirm()
        new_event = self.env["hr.mentoring.event"].search([("rescheduled_from_id", "=", event.id)])
        self.assertEqual(new_event.state, "planned")
        self.assertEqual(new_event.name, event.name)
