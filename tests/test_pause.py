from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import MentoringCase

# Monday 1 June 2026: the pause starts; the plain Monday-to-Friday calendar of
# the test company
PAUSE_DAY = "2026-06-01 09:00:00"
RETURN = date(2026, 6, 15)
TODO = "mail.mail_activity_data_todo"


@tagged("post_install", "-at_install")
class TestPause(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mentor.mentor_capacity = 1
        cls.pairing = cls._pairing(cls.mentee_x, date_start=date(2026, 5, 4))
        cls.due_in_pause = cls._create_event(cls.pairing, "Talk A", "planned_discussion", date(2026, 6, 3))
        cls.later = cls._create_event(cls.pairing, "Talk B", "planned_discussion", date(2026, 6, 26))

    def _pause(self, user=None, **vals):
        wizard_vals = {"pairing_id": self.pairing.id, "reason": "Long leave", "return_date": RETURN, **vals}
        with freeze_time(PAUSE_DAY):
            env_user = user or self.user_coordinator
            wizard = self.env["hr.mentoring.pause.wizard"].with_user(env_user).create(wizard_vals)
            wizard.action_confirm()
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # pause
    # ------------------------------------------------------------------

    def test_pause_by_the_head(self):
        self._pause(self.user_head_x)
        self.assertEqual(self.pairing.state, "active")
        self.assertEqual(self.pairing.paused_since, date(2026, 6, 1))
        self.assertEqual(self.pairing.pause_return_date, RETURN)
        self.assertEqual(self.pairing.pause_reason, "Long leave")
        self.assertEqual(self.pairing.health, "paused")
        self.assertEqual(self.pairing.health_shared, "paused")
        self.assertIn("paused this pairing", self.pairing.message_ids[0].body)
        pairing = self.pairing.with_user(self.user_head_x)
        self.assertFalse(pairing.can_pause)
        self.assertTrue(pairing.can_resume)

    def test_return_date_and_reason_required(self):
        with self.assertRaises(ValidationError):
            self._pause(return_date=date(2026, 6, 1))
        with self.assertRaises(ValidationError):
            self._pause(reason="  ")
        self.env.invalidate_all()
        self.assertFalse(self.pairing.paused_since)

    def test_no_missed_flag_no_reminder_while_paused(self):
        self._pause()
        self.company.write({"mentoring_reminder": True, "mentoring_reminder_days": 30})
        with freeze_time("2026-06-10 09:00:00"):
            self.assertFalse(self.env["hr.mentoring.event"]._cron_flag_missed_events())
            self.assertFalse(self.env["hr.mentoring.event"]._cron_send_reminders())
        self.env.invalidate_all()
        self.assertEqual(self.due_in_pause.state, "planned")
        self.assertFalse(self.due_in_pause.reminder_sent)
        # the same day without the pause: flagged
        self.pairing.sudo().write({"paused_since": False})
        with freeze_time("2026-06-10 09:00:00"):
            self.assertEqual(self.env["hr.mentoring.event"]._cron_flag_missed_events(), self.due_in_pause)

    def test_health_cron_keeps_paused(self):
        self._pause()
        with freeze_time("2026-06-10 09:00:00"):
            self.env["hr.mentoring.pairing"]._cron_update_health()
        self.env.invalidate_all()
        self.assertEqual(self.pairing.health, "paused")
        self.assertIn("Paused until", self.pairing.health_reason)

    def test_activities_postponed(self):
        activity = self.pairing.activity_schedule(TODO, date_deadline=date(2026, 6, 2), user_id=self.user_head_x.id)
        event_activities = self._activities(self.due_in_pause)
        self.assertTrue(event_activities)
        later_activities = self._activities(self.later)
        later_deadlines = later_activities.mapped("date_deadline")
        self._pause()
        self.assertEqual(activity.date_deadline, RETURN)
        self.assertEqual(set(event_activities.mapped("date_deadline")), {RETURN})
        # due after the return date: left as they are
        self.assertEqual(later_activities.mapped("date_deadline"), later_deadlines)

    def test_place_stays_taken_unless_freed(self):
        self._pause()
        self.assertEqual(self.mentor.active_mentee_count, 1)
        with self.assertRaises(ValidationError):
            self._pairing(self.mentee_y)
        # the same pause, its place freed by the coordinator
        self.pairing.sudo().write({"paused_since": False})
        self._resume_fields_cleared()
        self._pause(free_place=True)
        self.assertTrue(self.pairing.pause_frees_place)
        self.assertEqual(self.mentor.active_mentee_count, 0)
        other = self._pairing(self.mentee_y)
        self.assertEqual(other.state, "active")
        # the freed place was taken: the mentor is full, the resume is refused
        with freeze_time("2026-06-15 09:00:00"), self.assertRaises(ValidationError):
            self.pairing.with_user(self.user_coordinator).action_resume()
        self.env.invalidate_all()
        self.assertTrue(self.pairing.paused_since)
        # the daily action leaves it paused, says so, and stops trying
        with freeze_time("2026-06-15 09:00:00"):
            self.env["hr.mentoring.pairing"]._cron_resume_paused_pairings()
        self.env.invalidate_all()
        self.assertTrue(self.pairing.paused_since)
        self.assertFalse(self.pairing.pause_auto_resume)
        self.assertIn("could not resume", self.pairing.message_ids[0].body)

    def _resume_fields_cleared(self):
        self.pairing.sudo().write(
            {"pause_return_date": False, "pause_reason": False, "health": False, "health_shared": False}
        )

    def test_only_a_coordinator_frees_the_place(self):
        with self.assertRaises(AccessError):
            self._pause(self.user_head_x, free_place=True)
        self.env.invalidate_all()
        self.assertFalse(self.pairing.paused_since)

    # ------------------------------------------------------------------
    # resume
    # ------------------------------------------------------------------

    def test_resume_moves_events_by_the_paused_working_days(self):
        self._pause()
        # resumed on Wednesday 10 June: paused 1-9 June, 7 working days
        with freeze_time("2026-06-10 09:00:00"):
            self.pairing.with_user(self.user_head_x).action_resume()
        self.env.invalidate_all()
        self.assertFalse(self.pairing.paused_since)
        self.assertFalse(self.pairing.pause_return_date)
        # Wed 3 June + 7 working days: Fri 12 June; Fri 26 June + 7: Tue 7 July
        self.assertEqual(self.due_in_pause.date_due, date(2026, 6, 12))
        self.assertEqual(self.later.date_due, date(2026, 7, 7))
        body = self.pairing.message_ids.filtered(lambda m: "Moved by 7 working days" in m.body).body
        self.assertIn("Talk A", body)
        self.assertIn("Talk B", body)
        self.assertEqual(body.count("<li>"), 2)
        self.assertNotEqual(self.pairing.health, "paused")
        # the event's activities follow its new date
        self.assertEqual(set(self._activities(self.due_in_pause).mapped("date_deadline")), {date(2026, 6, 12)})

    def test_auto_resume_on_the_return_date(self):
        self._pause()
        self.user_mentee_x.lang = "en_US"
        with freeze_time("2026-06-12 09:00:00"):
            self.assertFalse(self.env["hr.mentoring.pairing"]._cron_resume_paused_pairings())
        with freeze_time("2026-06-15 09:00:00"):
            resumed = self.env["hr.mentoring.pairing"]._cron_resume_paused_pairings()
        self.assertEqual(resumed, self.pairing)
        self.env.invalidate_all()
        self.assertFalse(self.pairing.paused_since)
        # paused 1-12 June: 10 working days; Wed 3 June + 10: Wed 17 June
        self.assertEqual(self.due_in_pause.date_due, date(2026, 6, 17))
        notices = self.env["mail.message"].search(
            [
                ("model", "=", self.pairing._name),
                ("res_id", "=", self.pairing.id),
                ("subject", "=", "Mentoring resumed"),
            ]
        )
        self.assertEqual(notices.partner_ids, self.user_mentor.partner_id | self.user_mentee_x.partner_id)

    def test_no_auto_resume_when_not_asked(self):
        self._pause(auto_resume=False)
        with freeze_time("2026-06-15 09:00:00"):
            self.env["hr.mentoring.pairing"]._cron_resume_paused_pairings()
        self.env.invalidate_all()
        self.assertTrue(self.pairing.paused_since)

    def test_escalation_after_ten_working_days(self):
        self._pause(auto_resume=False)
        Pairing = self.env["hr.mentoring.pairing"]
        # the return date 15 June is the 10th working day back from 26 June: not yet
        with freeze_time("2026-06-26 09:00:00"):
            Pairing._cron_resume_paused_pairings()
        self.assertFalse(self._activities(self.pairing, TODO).filtered(lambda a: "Still paused" in a.summary))
        with freeze_time("2026-06-29 09:00:00"):
            Pairing._cron_resume_paused_pairings()
            Pairing._cron_resume_paused_pairings()
        activities = self._activities(self.pairing, TODO).filtered(lambda a: "Still paused" in a.summary)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.user_coordinator)
        self.assertEqual(self.pairing.pause_escalated_on, date(2026, 6, 29))

    # ------------------------------------------------------------------
    # who may
    # ------------------------------------------------------------------

    def test_roles_refused(self):
        self.assertRefused(
            (self.user_mentee_x, self.user_outsider, self.user_mentee_y, self.user_hr_officer),
            self._pause,
            lambda user: self.pairing.with_user(user).action_pause(),
        )
        self.assertFalse(self.pairing.paused_since)
        # the mentor may only ask
        with self.assertRaises(AccessError):
            self.pairing.with_user(self.user_mentor).action_pause()
        with self.assertRaises(AccessError):
            self.pairing.with_user(self.user_mentor)._mentoring_pause("R", RETURN)
        self._pause()
        self.assertRefused(
            (self.user_mentor, self.user_mentee_x, self.user_outsider),
            lambda user: self.pairing.with_user(user).action_resume(),
        )
        self.assertTrue(self.pairing.paused_since)
        with self.assertRaises(UserError):
            self.pairing.with_user(self.user_coordinator).action_pause()

    def test_mentor_asks_the_head(self):
        self.assertTrue(self.pairing.with_user(self.user_mentor).can_request_pause)
        self.assertFalse(self.pairing.with_user(self.user_mentor).can_pause)
        self._pause(self.user_mentor)
        self.assertFalse(self.pairing.paused_since)
        request = self._activities(self.pairing, TODO).filtered(lambda a: "Pause requested" in a.summary)
        self.assertEqual(request.user_id, self.user_head_x)
        self.assertIn("Long leave", request.note)

    def test_cron_queries_fixed_for_n_pairings(self):
        """The daily action escalating N late pauses costs the same for 2 and 5
        (a first run of 1 warms the caches)."""
        self.mentor.mentor_capacity = 20
        counts = []
        for size in (1, 2, 5):
            with self.subTest(size=size):
                pairings = self.env["hr.mentoring.pairing"]
                for index in range(size):
                    mentee = self._employee(f"Mentee {size}-{index}")
                    pairings |= self._pairing(mentee)
                pairings.write(
                    {
                        "paused_since": date(2026, 5, 4),
                        "pause_return_date": date(2026, 5, 11),
                        "pause_auto_resume": False,
                    }
                )
                with freeze_time("2026-06-29 09:00:00"), self.countQueries() as queries:
                    self.env["hr.mentoring.pairing"]._cron_resume_paused_pairings()
                counts.append(queries.count)
                self.assertTrue(all(pairings.mapped("pause_escalated_on")))
        self.assertEqual(counts[1], counts[2], counts)
