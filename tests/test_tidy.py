from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestDemoStoryIsNoModel(MentoringCase):
    def test_demo_story_is_not_in_the_registry(self):
        # this database is installed without demo data: no trace of the demo code
        self.assertNotIn("hr.mentoring.demo", self.env.registry)
        self.assertFalse(self.env["ir.model"].search([("model", "=", "hr.mentoring.demo")]))
        self.assertFalse(self.env["ir.model.access"].search([("model_id.model", "=", "hr.mentoring.demo")]))

    def test_only_the_demo_installation_plays_the_story(self):
        Template = self.env["hr.mentoring.plan.template"]
        for user in (self.user_coordinator, self.user_mentor, self.env.ref("base.user_admin")):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Template.with_user(user)._mentoring_play_demo_story()
