"""The scheduled actions are the scheduler's: nobody else runs them over RPC."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MentoringCase
from .test_access_matrix import REFUSALS_ELSEWHERE, USER_FIELDS

# the scheduled actions every test here knows by name; test_every_cron_is_covered
# checks that the module ships no other one, so a new cron is covered by adding it
CRONS = (
    "hr_mentoring.ir_cron_flag_missed_events",
    "hr_mentoring.ir_cron_escalate_unexplained",
    "hr_mentoring.ir_cron_send_reminders",
    "hr_mentoring.ir_cron_advance_phases",
    "hr_mentoring.ir_cron_update_health",
    "hr_mentoring.ir_cron_resume_paused_pairings",
    "hr_mentoring.ir_cron_sync_role_groups",
    "hr_mentoring.ir_cron_check_program_stages",
    "hr_mentoring.ir_cron_send_campaign",
    "hr_mentoring.ir_cron_send_survey_invitations",
)


@tagged("post_install", "-at_install", "upgrade", "access")
class TestCronAccess(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.pairing = cls._pairing(cls.mentee_x, date_start=today - timedelta(days=30))
        Event = cls.env["hr.mentoring.event"]
        # past due and still planned: the flag cron would make it missed
        cls.event_due = Event.create(
            {
                "pairing_id": cls.pairing.id,
                "name": "Feedback day 3",
                "event_type": "feedback",
                "date_due": today - timedelta(days=5),
            }
        )
        # a training event already due: the phase cron would move the pairing on
        cls.event_training = Event.create(
            {
                "pairing_id": cls.pairing.id,
                "name": "Training",
                "event_type": "training",
                "phase": "training",
                "date_due": today - timedelta(days=2),
            }
        )
        cls.crons = cls.env["ir.cron"].browse([cls.env.ref(xmlid).id for xmlid in CRONS])

    def _state(self):
        self.env.invalidate_all()
        return self.event_due.state, self.pairing.phase

    def test_every_cron_is_covered(self):
        """The refusals below hold for each scheduled action of the module."""
        shipped = self.env["ir.model.data"].search([("module", "=", "hr_mentoring"), ("model", "=", "ir.cron")])
        self.assertEqual(set(shipped.mapped("complete_name")), set(CRONS))

    def test_crons_are_for_administrators(self):
        system = self.env.ref("base.group_system")
        for cron in self.crons:
            self.assertEqual(cron.groups_id, system, cron.name)

    def test_employees_cannot_run_the_scheduled_actions(self):
        """No user of the access matrix (an employee, a mentor, a mentee, a
        head, a coordinator, an HR officer...) runs a cron's server action
        (ir.actions.server.run() over RPC) or triggers the cron."""
        self.assertEqual(self._state(), ("planned", "adaptation"))
        allowed = REFUSALS_ELSEWHERE["ir.cron run / trigger (each scheduled action)"][0]
        users = [getattr(self, field) for key, field in USER_FIELDS.items() if key not in allowed]
        self.assertTrue(users)
        for user in users:
            for cron in self.crons:
                with self.subTest(user=user.login, cron=cron.name):
                    action = self.env["ir.actions.server"].with_user(user).browse(cron.ir_actions_server_id.id)
                    with self.assertRaises(AccessError):
                        action.run()
                    with self.assertRaises(AccessError):
                        cron.with_user(user).method_direct_trigger()
                    self.assertEqual(self._state(), ("planned", "adaptation"), "a refused run changes nothing")

    def test_the_scheduler_still_runs_them(self):
        """Run Manually as an administrator, and the scheduler's own call (as
        the cron's user, the superuser) both run the job."""
        admin = self.env.ref("base.user_admin")
        flag = self.env.ref("hr_mentoring.ir_cron_flag_missed_events")
        flag.with_user(admin).method_direct_trigger()
        self.assertEqual(self._state(), ("missed", "adaptation"))
        advance = self.env.ref("hr_mentoring.ir_cron_advance_phases")
        # as ir.cron._callback does: the server action, as the cron's user
        advance.ir_actions_server_id.with_user(advance.user_id).run()
        self.assertEqual(self._state(), ("missed", "training"))
