from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import freeze_time, tagged
from odoo.tools.translate import code_translations

from .common import MentoringCase

MONDAY = date(2026, 3, 2)
# what a French translation of the module would say (the .po files are not this
# test's business: the code must pick the reader's language, whatever it holds)
FRENCH = {
    "Missed mentoring events": "Événements de mentorat manqués",
    "%(count)s mentoring events were missed:": "%(count)s événements de mentorat manqués :",
    "%(mentee)s: %(event)s, due on %(date)s": "%(mentee)s : %(event)s, prévu le %(date)s",
    "Find out why this was missed: %(event)s": "Savoir pourquoi ceci a été manqué : %(event)s",
    "Missed: explain or reschedule": "Manqué : expliquer ou replanifier",
    "Still unexplained %(days)s working days after it was missed": "Toujours inexpliqué %(days)s jours ouvrés après",
}


@tagged("post_install", "-at_install")
class TestRecipientLanguage(MentoringCase):
    """The scheduled actions run as the cron user, in the cron user's language;
    what they send (digests, reminders, phase notices, missed-event
    activities) is read by someone else, in that reader's language: here the
    coordinator, the head of Key Accounts and Maria (Xavier's mentor) work in
    French, Marc (Yara's mentor) and the head of Support in English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        (cls.user_coordinator | cls.user_head_x | cls.user_mentor).lang = "fr_FR"
        (cls.user_mentor_y | cls.user_head_y).lang = "en_US"
        cls.company.partner_id.tz = "UTC"
        template = cls.env["hr.mentoring.plan.template"].create(
            {
                "name": "Feedback plan",
                "line_ids": [
                    Command.create({"name": "Feedback day 3", "event_type": "feedback", "day_offset": 3}),
                    Command.create(
                        {"name": "Training day 6", "event_type": "training", "day_offset": 6, "phase": "training"}
                    ),
                ],
            }
        )
        cls.pairings = cls.env["hr.mentoring.pairing"]
        for mentee, mentor in ((cls.mentee_x, cls.mentor), (cls.mentee_y, cls.mentor_y)):
            cls.pairings |= cls._planned_pairing(mentee, mentor, template, date_start=MONDAY)
        cls.pairing_x, cls.pairing_y = cls.pairings
        # the cron user reads English
        cls.Event = cls.env["hr.mentoring.event"].with_context(lang="en_US")
        cls.missed_type = cls.env.ref("hr_mentoring.mail_activity_type_missed")

    def setUp(self):
        super().setUp()
        self.startPatcher(patch.dict(code_translations.python_translations, {("hr_mentoring", "fr_FR"): FRENCH}))

    def _feedback(self, pairing):
        return pairing.event_ids.filtered(lambda e: e.name == "Feedback day 3")

    def _activity(self, event, user):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.mentoring.event"),
                ("res_id", "=", event.id),
                ("activity_type_id", "=", self.missed_type.id),
                ("user_id", "=", user.id),
            ]
        )

    def test_missed_digest_and_activities_in_the_readers_language(self):
        with freeze_time("2026-03-05 01:00:00"):
            self.Event._cron_flag_missed_events()
        digest = self.env["mail.message"].search(
            [
                ("model", "=", "hr.mentoring.program"),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.user_coordinator.partner_id.ids),
            ]
        )
        self.assertEqual(digest.subject, "Événements de mentorat manqués")
        self.assertIn("2 événements de mentorat manqués", digest.body)
        # the date as Odoo writes it in French (day first), not the cron's 03/04/2026
        self.assertIn("Xavier", digest.body)
        self.assertIn("prévu le 04/03/2026", digest.body)
        feedback_x, feedback_y = self._feedback(self.pairing_x), self._feedback(self.pairing_y)
        self.assertEqual(
            self._activity(feedback_x, self.user_head_x).summary,
            "Savoir pourquoi ceci a été manqué : Feedback day 3",
        )
        self.assertEqual(
            self._activity(feedback_y, self.user_head_y).summary, "Find out why this was missed: Feedback day 3"
        )
        self.assertEqual(self._activity(feedback_x, self.user_mentor).summary, "Manqué : expliquer ou replanifier")
        self.assertEqual(self._activity(feedback_y, self.user_mentor_y).summary, "Missed: explain or reschedule")

    def test_escalation_in_the_coordinators_language(self):
        self.company.mentoring_escalation_days = 1
        with freeze_time("2026-03-05 01:00:00"):
            self.Event._cron_flag_missed_events()
        with freeze_time("2026-03-09 08:00:00"):
            escalated = self.Event._cron_escalate_unexplained()
        self.assertTrue(escalated)
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.mentoring.event"),
                ("res_id", "in", escalated.ids),
                ("activity_type_id", "=", self.env.ref("hr_mentoring.mail_activity_type_escalation").id),
            ]
        )
        self.assertEqual(set(activities.mapped("summary")), {"Toujours inexpliqué 1 jours ouvrés après"})

    def test_reminder_in_the_mentors_language(self):
        self.company.write({"mentoring_reminder": True, "mentoring_reminder_days": 2})
        with freeze_time("2026-03-02 06:00:00"):
            self.Event._cron_send_reminders()
        # the template is rendered in each reader's language: Odoo's date format
        subjects = {
            pairing: self._feedback(pairing).message_ids.filtered(lambda m: "Reminder" in (m.subject or "")).subject
            for pairing in self.pairings
        }
        self.assertEqual(subjects[self.pairing_x], "Reminder: Feedback day 3 is due on 04/03/2026")
        self.assertEqual(subjects[self.pairing_y], "Reminder: Feedback day 3 is due on 03/04/2026")

    def test_phase_notice_in_each_readers_language(self):
        # Xavier reads English, his mentor Maria French: one notice each
        self.mentee_x.user_id.lang = "en_US"
        training = self.env["ir.model.fields.selection"].search(
            [
                ("field_id.model", "=", "hr.mentoring.pairing"),
                ("field_id.name", "=", "phase"),
                ("value", "=", "training"),
            ]
        )
        training.with_context(lang="fr_FR").name = "Formation"
        with freeze_time("2026-03-10 06:00:00"):
            self.env["hr.mentoring.pairing"].with_context(lang="en_US")._cron_advance_phases()
        self.assertEqual(self.pairing_x.phase, "training")
        notices = self.pairing_x.message_ids.filtered(lambda m: "new phase" in (m.subject or ""))
        by_partner = {notice.partner_ids: notice.subject for notice in notices}
        self.assertEqual(
            by_partner,
            {
                self.user_mentor.partner_id: "Your mentoring enters a new phase: Formation",
                self.mentee_x.user_id.partner_id: "Your mentoring enters a new phase: Training",
            },
        )
