from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import freeze_time, tagged
from odoo.tools.translate import code_translations

from .common import MONDAY, MentoringCase

# what a French translation of the module would say (the .po files are not this
# test's business: the code must pick the reader's language, whatever it holds)
FRENCH = {
    "Missed mentoring events": "Événements de mentorat manqués",
    "%(count)s mentoring events were missed:": "%(count)s événements de mentorat manqués :",
    "%(mentee)s: %(event)s, due on %(date)s": "%(mentee)s : %(event)s, prévu le %(date)s",
    "Find out why this was missed: %(event)s": "Savoir pourquoi ceci a été manqué : %(event)s",
    "Missed: explain or reschedule": "Manqué : expliquer ou replanifier",
    "Still unexplained %(days)s working days after it was missed": "Toujours inexpliqué %(days)s jours ouvrés après",
    "Approve the pairing of %(mentee)s": "Approuver le binôme de %(mentee)s",
    "Low pairing fit check: look into this pairing": "Adéquation faible : examiner ce binôme",
    "Check in with %(mentee)s": "Faire le point avec %(mentee)s",
    "Nothing was signed for a while, or a missed event is unexplained: plan a conversation and sign the next event.": (
        "Rien de signé depuis un moment : prévoyez une conversation."
    ),
    "Pairing at risk: %(reason)s": "Binôme à risque : %(reason)s",
    "A fit alert is open": "Une alerte d'adéquation est ouverte",
    "%(count)s missed events unexplained": "%(count)s événements manqués inexpliqués",
    "Pairing declined: %(pairing)s": "Binôme refusé : %(pairing)s",
    "%(mentee)s with %(mentor)s": "%(mentee)s avec %(mentor)s",
    "%(user)s declined this pairing: %(reason)s": "%(user)s a refusé ce binôme : %(reason)s",
    "The programme changed during the pilot: give the reason of each change, or discard it.": (
        "Le programme a changé pendant le pilote : donnez la raison de chaque changement."
    ),
    "In all, %(program)s has %(total)s missed events to explain or reschedule.": (
        "En tout, %(program)s a %(total)s événements manqués à expliquer ou replanifier."
    ),
    "Acknowledge %(event)s": "Prendre connaissance de %(event)s",
}


@tagged("post_install", "-at_install")
class TestRecipientLanguage(MentoringCase):
    """Every notice the module sends is read by someone else than whoever (or
    whichever scheduled action) triggers it, in that reader's language: the
    digests, reminders, phase notices, missed-event and escalation activities,
    the approval activity, the fit alert, the health nudges, the decline
    notice, the adjustment activity and the survey invitations (the campaign's
    mails: test_campaign). Here the coordinator, the head of Key Accounts and
    Maria (Xavier's mentor) work in French, Marc (Yara's mentor) and the head
    of Support in English; the triggers run in English."""

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

    def assertSummaries(self, records, activity_type, expected):
        """``records`` have one activity of ``activity_type`` per user of
        ``expected``, with the summary it gives for that user."""
        activities = self._activities(records, activity_type)
        self.assertEqual(
            sorted((activity.user_id.id, activity.summary) for activity in activities),
            sorted((user.id, summary) for user, summary in expected.items()),
        )

    def _activity(self, event, user):
        return self._activities(event, self.missed_type).filtered(lambda activity: activity.user_id == user)

    def _digest(self):
        """The missed-events digest the coordinator was notified of."""
        return self.env["mail.message"].search(
            [
                ("model", "=", "hr.mentoring.program"),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.user_coordinator.partner_id.ids),
            ]
        )

    def test_missed_digest_and_activities_in_the_readers_language(self):
        with freeze_time("2026-03-05 01:00:00"):
            self.Event._cron_flag_missed_events()
        digest = self._digest()
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

    def test_to_acknowledge_activity_in_the_mentees_language(self):
        """Marc, who reads English, signs; Xavier reads French and Yara
        English: each gets their 'to acknowledge' activity in their language,
        both scheduled in one batch."""
        (self.user_mentee_x).lang = "fr_FR"
        self.user_mentee_y.lang = "en_US"
        events = self._feedback(self.pairing_x) | self._feedback(self.pairing_y)
        events.with_context(lang="en_US").write({"state": "done"})
        self.assertSummaries(
            events,
            "hr_mentoring.mail_activity_type_acknowledge",
            {
                self.user_mentee_x: "Prendre connaissance de Feedback day 3",
                self.user_mentee_y: "Acknowledge Feedback day 3",
            },
        )

    def test_escalation_in_the_coordinators_language(self):
        self.company.mentoring_escalation_days = 1
        with freeze_time("2026-03-05 01:00:00"):
            self.Event._cron_flag_missed_events()
        with freeze_time("2026-03-09 08:00:00"):
            escalated = self.Event._cron_escalate_unexplained()
        self.assertTrue(escalated)
        activities = self._activities(escalated, "hr_mentoring.mail_activity_type_escalation")
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

    def test_missed_digest_says_the_programmes_missed_events_in_all(self):
        with freeze_time("2026-03-05 01:00:00"):
            self.Event._cron_flag_missed_events()
        digest = self._digest()
        self.assertIn(f"En tout, {self.program.name} a 2 événements manqués à expliquer ou replanifier.", digest.body)

    def test_approval_activity_in_the_heads_language(self):
        """Proposed by an English-speaking coordinator: Hanna reads French, Yusuf English."""
        zoe = self._employee("Zoé", department_id=self.dept_x_sub.id)
        zack = self._employee("Zack", department_id=self.dept_y.id)
        proposals = self._pairing(zoe, state="draft", program=self.program_2) | self._pairing(
            zack, mentor=self.mentor_y, state="draft", program=self.program_2
        )
        proposals.with_context(lang="en_US").action_propose()
        self.assertSummaries(
            proposals,
            "hr_mentoring.mail_activity_type_approval",
            {self.user_head_x: "Approuver le binôme de Zoé", self.user_head_y: "Approve the pairing of Zack"},
        )

    def test_fit_alert_in_the_coordinators_language(self):
        """Xavier, who reads English, answers a low fit check: the coordinator's alert is in French."""
        fit = self.env["hr.mentoring.criterion"].search([("subject", "=", "fit")])
        self.program.fit_criterion_ids = fit
        self.user_mentee_x.lang = "en_US"
        evaluation = (
            self.env["hr.mentoring.evaluation"]
            .with_user(self.user_mentee_x)
            .with_context(lang="en_US")
            .create({"pairing_id": self.pairing_x.id, "kind": "fit_check", "evaluator_id": self.user_mentee_x.id})
        )
        for line in evaluation.line_ids:
            line.level_id = line.criterion_id.scale_id.level_ids.sorted("value")[:1]
        evaluation.action_submit()
        [activity] = self._activities(evaluation, "hr_mentoring.mail_activity_type_fit")
        self.assertEqual(activity.user_id, self.user_coordinator)
        self.assertEqual(activity.summary, "Adéquation faible : examiner ce binôme")

    def test_health_nudges_in_each_readers_language(self):
        """Xavier's pairing needs a check-in: Maria's nudge is in French; Yara's
        has two missed events unexplained and a fit alert: the coordinator's
        activity gives the reason everyone reads (the shared health, without
        the fit alert) in French."""
        with freeze_time("2026-03-05 01:00:00"):
            self.Event._cron_flag_missed_events()
        training = self.pairing_y.event_ids.filtered(lambda e: e.name == "Training day 6")
        training.write({"state": "missed", "missed_on": date(2026, 3, 5)})
        self.pairing_y.fit_concern = True
        with freeze_time("2026-03-05 06:00:00"):
            self.pairings.with_context(lang="en_US")._mentoring_update_health()
        self.assertEqual(self.pairing_x.health, "needs_checkin")
        self.assertEqual(self.pairing_y.health, "at_risk")
        [checkin] = self._activities(self.pairing_x, "hr_mentoring.mail_activity_type_checkin")
        self.assertEqual(checkin.user_id, self.user_mentor)
        self.assertEqual(checkin.summary, "Faire le point avec Xavier")
        self.assertIn("Rien de signé", str(checkin.note))
        [at_risk] = self._activities(self.pairing_y, "hr_mentoring.mail_activity_type_at_risk")
        self.assertEqual(at_risk.user_id, self.user_coordinator)
        self.assertEqual(at_risk.summary, "Binôme à risque : 2 événements manqués inexpliqués")
        # the reason kept on the pairing is in the language of the run
        self.assertEqual(self.pairing_y.health_reason, "A fit alert is open")

    def test_decline_notice_in_each_readers_language(self):
        """Marc (English) declines: the coordinator reads French, Hanna here English."""
        self.user_head_x.lang = "en_US"
        proposal = self._pairing(self.mentee_x, mentor=self.mentor_y, state="proposed", program=self.program_2)
        self.env["hr.mentoring.decline.wizard"].with_user(self.user_mentor_y).with_context(lang="en_US").create(
            {"pairing_id": proposal.id, "reason": "No time this quarter"}
        ).action_decline()
        notices = self.env["mail.message"].search(
            [
                ("model", "=", "hr.mentoring.pairing"),
                ("res_id", "=", proposal.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        by_reader = {notice.partner_ids: (notice.subject, notice.body) for notice in notices}
        self.assertEqual(
            set(by_reader), {self.user_coordinator.partner_id, self.user_head_x.partner_id}, "one notice each"
        )
        subject, body = by_reader[self.user_coordinator.partner_id]
        self.assertEqual(subject, "Binôme refusé : Xavier avec Marc")
        self.assertIn("Marc a refusé ce binôme : No time this quarter", body)
        subject, body = by_reader[self.user_head_x.partner_id]
        self.assertEqual(subject, "Pairing declined: Xavier with Marc")
        self.assertIn("Marc declined this pairing: No time this quarter", body)

    def test_adjustment_activity_in_the_coordinators_language(self):
        """An administrator working in English changes the pilot: its coordinator's activity is in French."""
        adjustment = self.env.ref("hr_mentoring.mail_activity_type_adjustment")
        adjustment.with_context(lang="fr_FR").summary = "Justifier les changements du pilote"
        pilot = self.program_2
        pilot.write({"state": "pilot", "is_pilot": True})
        pilot.with_context(lang="en_US").weight_tenure = 3.0
        [activity] = self._activities(pilot, "hr_mentoring.mail_activity_type_adjustment")
        self.assertEqual(activity.user_id, self.user_coordinator)
        self.assertEqual(activity.summary, "Justifier les changements du pilote")
        self.assertIn("Le programme a changé pendant le pilote", str(activity.note))

    def test_survey_invitation_in_each_participants_language(self):
        """The coordinator (French) sends the survey: Maria's invitation is in French, Marc's in English."""
        template = self.env.ref("hr_mentoring.mail_template_survey_invitation")
        template.with_context(lang="fr_FR").subject = "Votre avis sur {{ object.mentoring_program_id.name }}"
        self.program.with_user(self.user_coordinator).action_send_feedback_survey()
        answers = self.env["survey.user_input"].search([("mentoring_program_id", "=", self.program.id)])
        mails = self.env["mail.mail"].search([("model", "=", "survey.user_input"), ("res_id", "in", answers.ids)])
        subjects = {mail.recipient_ids: mail.subject for mail in mails}
        self.assertEqual(subjects[self.user_mentor.partner_id], f"Votre avis sur {self.program.name}")
        self.assertNotIn("Votre avis", subjects[self.user_mentor_y.partner_id])
