from odoo.tests import freeze_time, tagged

from .common import MONDAY, MentoringCase


@tagged("post_install", "-at_install")
class TestOneAnswer(MentoringCase):
    """Each concept answered in one place: who heads a mentee, what a figure
    counts, what an ended pairing leaves behind."""

    PLAN_TEMPLATE = (
        "Feedback and review plan",
        ("Welcome", "milestone", 1),
        ("Feedback day 3", "feedback", 3),
        ("Feedback day 5", "feedback", 5, {"sequence": 5}),
        ("Review day 8", "planned_discussion", 8),
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing_x = cls._planned_pairing(cls.mentee_x, date_start=MONDAY)
        cls.event_types = cls.env.ref("hr_mentoring.mail_activity_type_missed") | cls.env.ref(
            "hr_mentoring.mail_activity_type_mentoring"
        )

    # ------------------------------------------------------------------
    # who heads a mentee
    # ------------------------------------------------------------------

    def test_head_chain_nearest_manager_first_and_never_the_mentee(self):
        chains = (self.dept_x | self.dept_x_sub | self.dept_y)._mentoring_head_chain()
        self.assertEqual(chains[self.dept_x.id], self.user_head_x)
        self.assertEqual(chains[self.dept_x_sub.id], self.user_head_x, "a sub-department without manager: the parent's")
        self.assertEqual(chains[self.dept_y.id], self.user_head_y)
        self.assertEqual(self.pairing_x._mentoring_head_users()[self.pairing_x.id], self.user_head_x)
        # the sub-department gets its own manager: nearest first, the parent's next
        self.dept_x_sub.manager_id = self.emp_head_y
        chain = self.dept_x_sub._mentoring_head_chain()[self.dept_x_sub.id]
        self.assertEqual(chain.ids, [self.user_head_y.id, self.user_head_x.id])
        self.assertEqual(self.pairing_x._mentoring_head_users()[self.pairing_x.id], self.user_head_y)
        # a head who is the mentee is not their own head: the next one up is
        self.dept_x_sub.manager_id = self.mentee_x
        self.assertEqual(self.pairing_x._mentoring_head_users()[self.pairing_x.id], self.user_head_x)
        self.assertFalse(self.pairing_x.with_user(self.user_mentee_x).is_department_head)
        self.assertNotIn(
            self.pairing_x,
            self.env["hr.mentoring.pairing"].with_user(self.user_mentee_x).search([("is_department_head", "=", True)]),
            "nor found as their head by a search",
        )
        # the rule, the role check and the notification agree
        pairing = self.pairing_x.with_user(self.user_head_x)
        self.assertTrue(pairing.is_department_head)
        self.assertIn("head", pairing._mentoring_roles()[pairing.id])
        self.assertEqual(
            self.env["hr.mentoring.pairing"].with_user(self.user_head_x).search([("is_department_head", "=", True)]),
            self.pairing_x,
        )

    def test_head_chain_follows_a_moved_department(self):
        self.assertEqual(self.pairing_x._mentoring_head_users()[self.pairing_x.id], self.user_head_x)
        self.dept_x_sub.parent_id = self.dept_y
        self.assertEqual(self.pairing_x._mentoring_head_users()[self.pairing_x.id], self.user_head_y)
        self.assertFalse(self.pairing_x.with_user(self.user_head_x)._mentoring_head_pairings())

    # ------------------------------------------------------------------
    # one definition of each figure
    # ------------------------------------------------------------------

    def test_every_counter_equals_the_list_it_opens(self):
        """Missed feedback and a missed discussion: the programme's, the
        pairing's and the report's missed counters all count both."""
        with freeze_time("2026-03-16 12:00:00"):
            self.env["hr.mentoring.event"]._cron_flag_missed_events()
        missed = self.pairing_x.event_ids.filtered(lambda e: e.state == "missed")
        self.assertEqual(set(missed.mapped("event_type")), {"milestone", "feedback", "planned_discussion"})
        Event = self.env["hr.mentoring.event"]
        for user in (self.user_coordinator, self.user_head_x):
            self.env.invalidate_all()
            program = self.program.with_user(user)
            action = program.action_open_missed_events()
            self.assertEqual(program.missed_event_count, Event.with_user(user).search_count(action["domain"]))
            self.assertEqual(program.missed_event_count, 4)
            pairing = self.pairing_x.with_user(user)
            action = pairing.action_open_events()
            self.assertEqual(
                pairing.missed_event_count,
                Event.with_user(user).search_count([*action["domain"], ("state", "=", "missed")]),
            )
        self.assertEqual(self.program.on_time_rate, 0.0)
        self.assertEqual(self.pairing_x.feedback_due_count, 2)
        figures = self.env["report.hr_mentoring.report_program"].with_user(self.user_coordinator)
        figures = figures._mentoring_get_program_figures(self.program)
        self.assertEqual(figures["feedback_due"], self.pairing_x.feedback_due_count)
        self.assertEqual(self.mentor.with_user(self.user_coordinator).mentor_on_time_rate, self.pairing_x.on_time_rate)

    def test_every_stat_button_counts_the_list_it_opens(self):
        """The programme's and the pairing's stat buttons, for each role that
        sees them: the number on the button is the number of rows it opens."""
        proposed = self._pairing(self.mentee_y, mentor=self.mentor_y, state="proposed", date_start=MONDAY)
        regulation = self.env["ir.attachment"].create(
            {"name": "Regulations.pdf", "raw": b"%PDF-1.4", "res_model": "hr.mentoring.program"}
        )
        self.program.regulation_ids = regulation
        self.program.with_user(self.user_coordinator).action_launch_campaign()
        self.program.acknowledgement_ids.filtered(lambda a: a.user_id == self.user_mentee_x).with_user(
            self.user_mentee_x
        ).action_acknowledge()

        def rows(record, method, extra=()):
            action = getattr(record, method)()
            return self.env[action["res_model"]].with_user(record.env.user).search_count([*action["domain"], *extra])

        for user in (self.user_coordinator, self.user_head_x, self.user_head_y):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                program = self.program.with_user(user)
                self.assertEqual(program.pairing_count, rows(program, "action_open_pairings"))
                self.assertEqual(program.proposed_pairing_count, rows(program, "action_open_proposed_pairings"))
                self.assertEqual(len(program.stage_ids), rows(program, "action_open_stages"))
                pairing = self.pairing_x.with_user(user)
                if user != self.user_head_y:
                    self.assertEqual(pairing.event_count, rows(pairing, "action_open_events"))
                    self.assertEqual(
                        pairing.event_done_count, rows(pairing, "action_open_events", [("state", "=", "done")])
                    )
                    self.assertEqual(pairing.evaluation_count, rows(pairing, "action_open_evaluations"))
        # the acknowledgements button is the coordinators': acknowledged / all
        program = self.program.with_user(self.user_coordinator)
        self.assertEqual(program.acknowledgement_count, rows(program, "action_open_acknowledgements"))
        self.assertEqual(
            program.acknowledged_count, rows(program, "action_open_acknowledgements", [("state", "=", "acknowledged")])
        )
        self.assertEqual(program.acknowledgement_label, f"1/{program.acknowledgement_count}")
        self.assertEqual(self.program.with_user(self.user_head_y).proposed_pairing_count, 1, proposed.display_name)

    # ------------------------------------------------------------------
    # an ended pairing settles its plan
    # ------------------------------------------------------------------

    def _assert_settled(self, pairing):
        events = pairing.event_ids
        self.assertFalse(events.filtered(lambda e: e.state == "planned"), "nothing is left planned")
        self.assertFalse(self._activities(events), "nobody is asked to act on it")
        with freeze_time("2026-06-01 12:00:00"):
            flagged = self.env["hr.mentoring.event"]._cron_flag_missed_events()
        self.assertFalse(flagged & events, "the missed-events flag looks at active pairings only")

    def test_cancel_settles_planned_events_and_their_activities(self):
        with freeze_time("2026-03-05 12:00:00"):
            self.env["hr.mentoring.event"]._cron_flag_missed_events()
        missed = self.pairing_x.event_ids.filtered(lambda e: e.state == "missed")
        self.assertTrue(missed)
        self.assertTrue(self._activities(self.pairing_x.event_ids))
        self.pairing_x.with_user(self.user_coordinator).action_cancel()
        self._assert_settled(self.pairing_x)
        self.assertEqual(missed.mapped("state"), ["missed"] * len(missed), "missed events stay on record")

    def test_direct_write_to_done_settles_too(self):
        self.pairing_x.with_user(self.user_head_x).write({"state": "done"})
        self.assertEqual(set(self.pairing_x.event_ids.mapped("state")), {"cancelled"})
        self._assert_settled(self.pairing_x)

    def test_proposed_pairing_plan_is_not_flagged(self):
        pairing = self._planned_pairing(self.mentee_y, self.mentor_y, state="proposed", date_start=MONDAY)
        with freeze_time("2026-06-01 12:00:00"):
            flagged = self.env["hr.mentoring.event"]._cron_flag_missed_events()
        self.assertFalse(flagged & pairing.event_ids)
        self.assertEqual(set(pairing.event_ids.mapped("state")), {"planned"})

    # ------------------------------------------------------------------
    # one activity helper
    # ------------------------------------------------------------------

    def test_activity_helper_batches_followers(self):
        events = self.pairing_x.event_ids
        self.assertIn(self.user_mentor.partner_id, events[0].message_partner_ids)
        # a second sync creates nothing new and keeps one follower row each
        events._mentoring_sync_activities()
        followers = self.env["mail.followers"].search(
            [("res_model", "=", "hr.mentoring.event"), ("res_id", "=", events[0].id)]
        )
        self.assertEqual(len(followers.filtered(lambda f: f.partner_id == self.user_mentor.partner_id)), 1)
        self.assertEqual(len(self._activities(events)), len(events))
