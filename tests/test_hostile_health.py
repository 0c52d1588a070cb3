"""Hostile users on the pairing's health: the mentor and the head must not
tell the confidential fit alert from the health they read."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import MentoringCase

AT_RISK = "hr_mentoring.mail_activity_type_at_risk"
# Monday 15 June 2026 (see test_health: a check-in is due when nothing was signed since 2 June)
TODAY = "2026-06-15 09:00:00"


@tagged("post_install", "-at_install")
class TestHostileHealth(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"mentoring_health_checkin_days": 10, "mentoring_health_grace_days": 15})
        cls.pairing = cls._pairing(cls.mentee_x, date_start=date(2026, 3, 2))
        cls.other = cls._pairing(cls.mentee_y, mentor=cls.mentor_y, date_start=date(2026, 3, 2))
        for pairing in (cls.pairing, cls.other):
            event = cls.env["hr.mentoring.event"].create(
                {
                    "pairing_id": pairing.id,
                    "name": "Weekly discussion",
                    "event_type": "planned_discussion",
                    "date_due": date(2026, 6, 12),
                }
            )
            event.write({"state": "done", "date_done": date(2026, 6, 12)})

    def _update(self, now=TODAY):
        with freeze_time(now):
            self.env["hr.mentoring.pairing"]._cron_update_health()
        self.env.invalidate_all()

    def _seen_by(self, user, pairing):
        """What ``user`` learns of ``pairing``'s health: every way a client reads it."""
        self.env.invalidate_all()
        Pairing = self.env["hr.mentoring.pairing"].with_user(user)
        [row] = Pairing.browse(pairing.id).read(["health_shared", "health_shared_since"])
        activities = (
            self.env["mail.activity"]
            .with_user(user)
            .search([("res_model", "=", pairing._name), ("res_id", "=", pairing.id)])
        )
        groups = Pairing._read_group(
            [("id", "=", pairing.id), ("state", "=", "active")], ["health_shared"], ["__count"]
        )
        program = self.program.with_user(user)
        return (
            row["health_shared"],
            row["health_shared_since"],
            [health for health, _count in groups],
            sorted(activities.mapped("activity_type_id.name")),
            " ".join(activities.mapped("summary")),
            (program.health_on_track_count, program.health_needs_checkin_count, program.health_at_risk_count),
        )

    def test_the_fit_alert_cannot_be_told_from_the_health(self):
        """The mentor and the head read health = at_risk on a pairing with no
        missed event and a recent sign-off: only the fit alert explains it."""
        self._update()
        healthy = {user: self._seen_by(user, self.pairing) for user in (self.user_mentor, self.user_head_x)}
        # Xavier's fit check raises the alert the next day
        self.pairing.fit_concern = True
        self._update("2026-06-16 09:00:00")
        # the coordinator reads the full health and why
        as_coordinator = self.pairing.with_user(self.user_coordinator)
        self.assertEqual((as_coordinator.health, as_coordinator.health_reason), ("at_risk", "A fit alert is open"))
        self.assertEqual(self.program.with_user(self.user_coordinator).health_at_risk_count, 1)
        for user in (self.user_mentor, self.user_head_x, self.user_mentee_x):
            with self.subTest(user=user.login):
                Pairing = self.env["hr.mentoring.pairing"].with_user(user)
                for fname in ("health", "health_since", "health_reason"):
                    with self.assertRaises(AccessError):
                        Pairing.browse(self.pairing.id).read([fname])
                with self.assertRaises(AccessError):
                    Pairing.search([("health", "=", "at_risk")])
                with self.assertRaises(AccessError):
                    Pairing._read_group([("id", "=", self.pairing.id)], ["health"], ["__count"])
                with self.assertRaises(AccessError):
                    Pairing.browse(self.pairing.id).write({"health_shared": "at_risk"})
                if user in healthy:
                    self.assertEqual(self._seen_by(user, self.pairing), healthy[user], "nothing changed for them")
        self.assertEqual(self._seen_by(self.user_mentor, self.pairing)[:2], ("on_track", date(2026, 6, 15)))
        self.assertFalse(
            self.env["mail.activity"].search(
                [
                    ("res_model", "=", self.pairing._name),
                    ("res_id", "=", self.pairing.id),
                    ("activity_type_id", "=", self.env.ref(AT_RISK).id),
                ]
            ),
            "the fit alert reaches the coordinator on the fit check, not as an activity of the pairing",
        )
        # cleared again: still nothing they could notice
        self.pairing.fit_concern = False
        self._update("2026-06-17 09:00:00")
        self.assertEqual(self.pairing.with_user(self.user_coordinator).health, "on_track")
        for user, seen in healthy.items():
            self.assertEqual(self._seen_by(user, self.pairing), seen)

    def test_shared_reasons_never_name_the_fit_alert(self):
        """At risk for what they may know (two unexplained missed events) while
        a fit alert is open: the activity of the pairing says the first."""
        Event = self.env["hr.mentoring.event"]
        for day in (date(2026, 6, 10), date(2026, 6, 11)):
            event = Event.create(
                {"pairing_id": self.pairing.id, "name": "Feedback", "event_type": "feedback", "date_due": day}
            )
            event.write({"state": "missed", "missed_on": day})
        self.pairing.fit_concern = True
        self._update()
        self.assertEqual(self.pairing.health_reason, "A fit alert is open")
        seen = self._seen_by(self.user_mentor, self.pairing)
        self.assertEqual(seen[0], "at_risk")
        self.assertIn("2 missed events unexplained", seen[4])
        self.assertNotIn("fit", seen[4].lower())
