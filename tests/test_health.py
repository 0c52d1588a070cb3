import logging
from datetime import date
from unittest.mock import patch

from psycopg2 import errors

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import MentoringCase

_logger = logging.getLogger(__name__)

CHECKIN = "hr_mentoring.mail_activity_type_checkin"
AT_RISK = "hr_mentoring.mail_activity_type_at_risk"
# Monday 15 June 2026; with the defaults (10 working days, 15 of grace) in a
# Monday-to-Friday week: a check-in is due when nothing was signed since 2 June
# (the 10th working day back), the pairing is at risk when nothing was signed
# since 19 May (the 20th), and too early when it started on 26 May or later
TODAY = "2026-06-15 09:00:00"
# recomputing and writing the health of any number of pairings of one company,
# with the mentors' nudges (34 queries, also beside the other HR apps)
HEALTH_QUERIES = 36


@tagged("post_install", "-at_install", "upgrade")
class TestPairingHealth(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"mentoring_health_checkin_days": 10, "mentoring_health_grace_days": 15})
        cls.mentor.mentor_capacity = 200
        cls.pairing = cls._pairing(cls.mentee_x, date_start=date(2026, 3, 2))

    def _event(self, pairing, state, day, **vals):
        event = self.env["hr.mentoring.event"].create(
            {"pairing_id": pairing.id, "name": "Weekly discussion", "event_type": "planned_discussion", "date_due": day}
        )
        if state == "done":
            event.write({"state": "done", "date_done": day, **vals})
        elif state == "missed":
            event.write({"state": "missed", "missed_on": day, **vals})
        return event

    def _update(self):
        with freeze_time(TODAY):
            return self.env["hr.mentoring.pairing"]._cron_update_health()

    def _health(self, pairing):
        self.env.invalidate_all()
        return pairing.health

    # ------------------------------------------------------------------
    # the rules
    # ------------------------------------------------------------------

    def test_first_weeks_are_too_early(self):
        young = self._pairing(self.mentee_y, mentor=self.mentor_y, date_start=date(2026, 5, 26))
        older = self._pairing(self.emp_outsider, mentor=self.mentor_y, date_start=date(2026, 5, 25))
        self._event(older, "done", date(2026, 6, 10))
        self._update()
        self.assertEqual(self._health(young), "too_early")
        self.assertEqual(self._health(older), "on_track")

    def test_signed_recently_is_on_track(self):
        self._event(self.pairing, "done", date(2026, 6, 2))
        self._update()
        self.assertEqual(self._health(self.pairing), "on_track")
        self.assertEqual(self.pairing.health_since, date(2026, 6, 15))
        self.assertFalse(self._activities(self.pairing, CHECKIN) | self._activities(self.pairing, AT_RISK))

    def test_nothing_signed_for_n_working_days_nudges_the_mentor_once(self):
        self._event(self.pairing, "done", date(2026, 6, 1))
        self._update()
        self.assertEqual(self._health(self.pairing), "needs_checkin")
        nudge = self._activities(self.pairing, CHECKIN)
        self.assertEqual(len(nudge), 1)
        self.assertEqual(nudge.user_id, self.user_mentor)
        self.assertIn("Xavier", nudge.summary)
        # the next nights change nothing: no second nudge
        self.pairing.health_checked_on = False
        self._update()
        with freeze_time("2026-06-16 09:00:00"):
            self.env["hr.mentoring.pairing"]._cron_update_health()
        self.assertEqual(self._activities(self.pairing, CHECKIN), nudge)
        self.assertFalse(self._activities(self.pairing, AT_RISK))

    def test_an_unexplained_missed_event_needs_a_checkin(self):
        self._event(self.pairing, "done", date(2026, 6, 10))
        missed = self._event(self.pairing, "missed", date(2026, 6, 11))
        self._update()
        self.assertEqual(self._health(self.pairing), "needs_checkin")
        self.assertEqual(self.pairing.health_reason, "A missed event is unexplained")
        # explained: back on track, the nudge goes away
        missed.write({"missed_reason_category": "agreed", "missed_reason": "Moved by agreement."})
        with freeze_time("2026-06-16 09:00:00"):
            self.env["hr.mentoring.pairing"]._cron_update_health()
        self.assertEqual(self._health(self.pairing), "on_track")
        self.assertFalse(self._activities(self.pairing, CHECKIN))

    def test_two_unexplained_missed_events_are_at_risk_for_the_coordinator_once(self):
        self._event(self.pairing, "done", date(2026, 6, 10))
        self._event(self.pairing, "missed", date(2026, 6, 11))
        self._update()
        self.assertTrue(self._activities(self.pairing, CHECKIN))
        self._event(self.pairing, "missed", date(2026, 6, 12))
        with freeze_time("2026-06-16 09:00:00"):
            self.env["hr.mentoring.pairing"]._cron_update_health()
        self.assertEqual(self._health(self.pairing), "at_risk")
        alert = self._activities(self.pairing, AT_RISK)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.user_id, self.user_coordinator)
        self.assertIn("2 missed events unexplained", alert.summary)
        self.assertFalse(self._activities(self.pairing, CHECKIN), "the mentor's nudge is replaced")
        with freeze_time("2026-06-17 09:00:00"):
            self.env["hr.mentoring.pairing"]._cron_update_health()
        self.assertEqual(self._activities(self.pairing, AT_RISK), alert, "never every night")

    def test_fit_alert_is_at_risk(self):
        self._event(self.pairing, "done", date(2026, 6, 12))
        self.pairing.fit_concern = True
        self._update()
        self.assertEqual(self._health(self.pairing), "at_risk")
        self.assertEqual(self.pairing.health_reason, "A fit alert is open")

    def test_nothing_signed_for_2n_working_days_is_at_risk(self):
        self._event(self.pairing, "done", date(2026, 5, 18))
        other = self._pairing(self.mentee_y, mentor=self.mentor_y, date_start=date(2026, 3, 2))
        self._event(other, "done", date(2026, 5, 19))
        self._update()
        self.assertEqual(self._health(self.pairing), "at_risk")
        self.assertEqual(self._health(other), "needs_checkin")

    def test_thresholds_come_from_the_settings(self):
        self._event(self.pairing, "done", date(2026, 6, 1))
        settings = self.env["res.config.settings"].create({"mentoring_health_checkin_days": 15})
        settings.execute()
        self.assertEqual(self.company.mentoring_health_checkin_days, 15)
        self._update()
        self.assertEqual(self._health(self.pairing), "on_track")
        self.company.mentoring_health_checkin_days = 0
        self.pairing.health_checked_on = False
        self._update()
        self.assertEqual(self._health(self.pairing), "on_track", "0 turns the rule off")
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            self.company.mentoring_health_grace_days = -1

    def test_only_active_pairings_have_a_health(self):
        proposed = self._pairing(self.mentee_y, mentor=self.mentor_y, state="proposed", date_start=date(2026, 1, 5))
        self._event(self.pairing, "done", date(2026, 5, 1))
        self._update()
        self.assertEqual(self._health(self.pairing), "at_risk")
        self.assertFalse(self._health(proposed))
        self.assertTrue(self._activities(self.pairing, AT_RISK))
        self.pairing.with_user(self.user_coordinator).action_done()
        self.assertFalse(self._health(self.pairing))
        self.assertFalse(self._activities(self.pairing, AT_RISK), "nobody acts on an ended pairing")

    def test_cron_works_in_batches(self):
        others = self.env["hr.mentoring.pairing"]
        for index in range(4):
            others |= self._pairing(self._employee(f"Batch {index}"), date_start=date(2026, 6, 8))
        with freeze_time(TODAY):
            Pairing = self.env["hr.mentoring.pairing"]
            first = Pairing._cron_update_health(batch_size=3)
            second = Pairing._cron_update_health(batch_size=3)
            third = Pairing._cron_update_health(batch_size=3)
        self.assertEqual((len(first), len(second), len(third)), (3, 2, 0))
        self.assertEqual(set((others | self.pairing).mapped("health")), {"too_early", "at_risk"})

    def test_the_daily_health_action_keeps_health_current(self):
        """The health is a scheduled action of its own: the phases action
        leaves it alone, the health action (run as ir.cron._callback runs it)
        computes it."""
        with freeze_time(TODAY):
            self.env["hr.mentoring.pairing"]._cron_advance_phases()
        self.assertFalse(self._health(self.pairing), "the phases action does not check the health")
        cron = self.env.ref("hr_mentoring.ir_cron_update_health")
        self.assertEqual(
            (cron.interval_number, cron.interval_type, cron.model_id.model), (1, "days", "hr.mentoring.pairing")
        )
        with freeze_time(TODAY):
            cron.ir_actions_server_id.with_user(cron.user_id).run()
        self.assertEqual(self._health(self.pairing), "at_risk")

    def test_a_concurrent_update_leaves_the_health_for_a_run_shortly(self):
        """A user updated the same pairings meanwhile (PostgreSQL's
        serialization failure, raised here by hand; tests/test_concurrency.py
        makes a real one): the health batch is undone, and the scheduler runs
        the health action again in a minute."""
        cron = self.env.ref("hr_mentoring.ir_cron_update_health")
        Pairing = type(self.env["hr.mentoring.pairing"])

        def refused(pairings):
            pairings.write({"health": "on_track"})
            raise errors.SerializationFailure("could not serialize access due to concurrent update")

        with freeze_time(TODAY), patch.object(Pairing, "_mentoring_update_health", refused, create=False):
            self.assertFalse(self.env["hr.mentoring.pairing"]._cron_update_health())
        self.assertFalse(self._health(self.pairing), "the health batch was undone")
        self.assertEqual(self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), 1)
        with freeze_time(TODAY):
            self.env["hr.mentoring.pairing"]._cron_update_health()
        self.assertEqual(self._health(self.pairing), "at_risk", "the next run does it")

    # ------------------------------------------------------------------
    # who sees it
    # ------------------------------------------------------------------

    def test_roles_see_the_health_of_their_pairings_only(self):
        other = self._pairing(self.mentee_y, mentor=self.mentor_y, date_start=date(2026, 3, 2))
        self._event(self.pairing, "done", date(2026, 6, 1))
        self._event(other, "done", date(2026, 6, 12))
        self.pairing.fit_concern = True
        self._update()
        self.env.invalidate_all()
        Pairing = self.env["hr.mentoring.pairing"]
        # the test's own pairings: a demo database has healthy pairings of its own
        domain = [("health", "in", ("at_risk", "on_track")), ("id", "in", (self.pairing | other).ids)]
        expected = {
            self.user_coordinator: self.pairing | other,
            self.user_head_x: self.pairing,
            self.user_mentor: self.pairing,
            self.user_mentee_x: self.pairing,
            self.user_mentee_y: other,
            self.user_outsider: Pairing,
            self.user_other_company: Pairing,
        }
        for user, pairings in expected.items():
            with self.subTest(user=user.login):
                # the full health (with the fit alert) is the coordinators'; the others read the
                # shared one, where Xavier's pairing needs a check-in (its fit alert left out)
                field = "health" if user.has_group("hr_mentoring.group_mentoring_coordinator") else "health_shared"
                user_domain = (
                    domain
                    if field == "health"
                    else [("health_shared", "in", ("needs_checkin", "on_track")), *domain[1:]]
                )
                found = Pairing.with_user(user).search(user_domain)
                self.assertEqual(found, pairings)
                groups = Pairing.with_user(user)._read_group(user_domain, [field], ["__count"])
                self.assertEqual(sum(count for _h, count in groups), len(pairings))
        # the reason (a fit alert is confidential) is for coordinators
        self.assertEqual(
            Pairing.with_user(self.user_coordinator).browse(self.pairing.id).health_reason, "A fit alert is open"
        )
        for user in (self.user_head_x, self.user_mentor, self.user_mentee_x):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Pairing.with_user(user).browse(self.pairing.id).read(["health_reason"])
            # at risk for the coordinator by the fit alert alone: the others read the health without it
            self.assertEqual(self.pairing.health, "at_risk")
            with self.assertRaises(AccessError):
                Pairing.with_user(user).browse(self.pairing.id).read(["health"])
            self.assertEqual(
                Pairing.with_user(user).browse(self.pairing.id).read(["health_shared"])[0]["health_shared"],
                "needs_checkin",
            )
        with self.assertRaises(AccessError):
            Pairing.with_user(self.user_mentor).browse(self.pairing.id).write({"health": "on_track"})

    def test_programme_card_counts(self):
        other = self._pairing(self.mentee_y, mentor=self.mentor_y, date_start=date(2026, 3, 2))
        third = self._pairing(self.emp_outsider, mentor=self.mentor_y, date_start=date(2026, 3, 2))
        self._event(self.pairing, "done", date(2026, 6, 1))
        self._event(other, "done", date(2026, 6, 12))
        self._event(third, "done", date(2026, 6, 12))
        self._update()
        self.env.invalidate_all()
        program = self.program.with_user(self.user_coordinator)
        self.assertEqual(
            (program.health_on_track_count, program.health_needs_checkin_count, program.health_at_risk_count), (2, 1, 0)
        )
        self.env.invalidate_all()
        program = self.program.with_user(self.user_head_x)
        self.assertEqual((program.health_on_track_count, program.health_needs_checkin_count), (0, 1))

    # ------------------------------------------------------------------
    # no query per pairing
    # ------------------------------------------------------------------

    def _queries_for(self, count, signed_on):
        self.company.mentoring_escalation_days = 3  # nothing else changes
        pairings = self.env["hr.mentoring.pairing"]
        for index in range(count):
            pairing = self._pairing(self._employee(f"Q{signed_on} {count} {index}"), date_start=date(2026, 3, 2))
            self._event(pairing, "done", signed_on)
            pairings |= pairing
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(TODAY), self.countQueries() as queries:
            pairings._mentoring_update_health()
        _logger.info("health of %s pairings: %s queries", count, queries.count)
        self.assertEqual(set(pairings.mapped("health")), {"on_track" if signed_on.day > 1 else "needs_checkin"})
        return queries.count

    def test_update_has_no_query_per_pairing(self):
        # the first run warms the caches (activity types, company calendars)
        quiet = [self._queries_for(n, date(2026, 6, 10)) for n in (5, 5, 40)][1:]
        self.assertEqual(quiet[0], quiet[1], f"queries for 5 and 40 pairings on track: {quiet}")
        nudged = [self._queries_for(n, date(2026, 6, 1)) for n in (5, 5, 40)][1:]
        self.assertEqual(nudged[0], nudged[1], f"queries for 5 and 40 pairings nudged: {nudged}")
        self.assertQueriesWithin(nudged[1], HEALTH_QUERIES)
