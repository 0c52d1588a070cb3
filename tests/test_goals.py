from datetime import date

from lxml import html

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MentoringCase

PLAN = "hr_mentoring.report_mentoring_plan"
PROGRESS = "hr_mentoring.report_pairing_progress"
PROGRAM = "hr_mentoring.report_program"


@tagged("post_install", "-at_install")
class TestGoals(MentoringCase):
    """Xavier's goals with Maria: written and agreed on by both, measured
    against their target, read and commented on by Hanna (his head)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing_x = cls._pairing(cls.mentee_x)
        cls.pairing_y = cls._pairing(cls.mentee_y, mentor=cls.mentor_y)
        cls.objective = cls.env["hr.mentoring.program.objective"].create(
            {"program_id": cls.program.id, "kind": "expected_result", "name": "Newcomers serve clients alone"}
        )
        cls.Goal = cls.env["hr.mentoring.goal"]

    def _goal(self, user=None, pairing=None, **vals):
        Goal = self.Goal.with_user(user) if user else self.Goal
        return Goal.create(
            {
                "pairing_id": (pairing or self.pairing_x).id,
                "name": "Handle client calls alone",
                "measure": "Client calls handled without the mentor",
                "start_value": 0,
                "target_value": 10,
                "unit": "calls",
                "date_target": date(2026, 5, 29),
                **vals,
            }
        )

    def _agreed(self, **vals):
        goal = self._goal(**vals)
        goal.with_user(goal.pairing_id.mentor_id.user_id).action_agree()
        goal.with_user(goal.pairing_id.mentee_id.user_id).action_agree()
        self.assertEqual(goal.state, "agreed")
        return goal

    # ------------------------------------------------------------------
    # the agreement
    # ------------------------------------------------------------------

    def test_mentor_and_mentee_each_sign_the_goal(self):
        goal = self._goal(self.user_mentee_x, date_target=False, objective_id=self.objective.id)
        self.assertEqual(goal.state, "draft")
        self.assertEqual(goal.objective_id, self.objective)
        with self.assertRaisesRegex(UserError, "give it a target date"):
            goal.with_user(self.user_mentee_x).action_agree()
        goal.with_user(self.user_mentee_x).date_target = date(2026, 5, 29)
        goal.with_user(self.user_mentee_x).action_agree()
        self.assertTrue(goal.mentee_agreed_on)
        self.assertFalse(goal.mentor_agreed_on)
        self.assertEqual(goal.state, "draft", "agreed once both sign")
        self.env.invalidate_all()
        self.assertFalse(goal.with_user(self.user_mentee_x).can_agree)
        self.assertTrue(goal.with_user(self.user_mentor).can_agree)
        with self.assertRaisesRegex(UserError, "already agreed"):
            goal.with_user(self.user_mentee_x).action_agree()
        # nobody signs for them: not the head, not a coordinator
        for user in (self.user_head_x, self.user_coordinator, self.user_outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                goal.with_user(user).action_agree()
        goal.with_user(self.user_mentor).action_agree()
        self.assertEqual(goal.state, "agreed")
        self.assertIn("Goal agreed by the mentor and the mentee", self.pairing_x.message_ids[0].body)

    def test_changing_an_agreed_goal_asks_for_a_new_agreement(self):
        goal = self._agreed()
        # progress updates keep the agreement
        goal.with_user(self.user_mentee_x).write({"current_value": 4, "progress_note": "4 calls alone"})
        self.assertEqual((goal.state, goal.progress), ("agreed", 40.0))
        # the terms do not
        goal.with_user(self.user_mentee_x).write({"target_value": 8})
        self.assertEqual(goal.state, "draft")
        self.assertFalse(goal.mentor_agreed_on or goal.mentee_agreed_on)
        self.assertIn("to agree on again", self.pairing_x.message_ids[0].body)
        # writing a term with the same value changes nothing
        goal = self._agreed(name="Know the price lists")
        goal.with_user(self.user_mentor).write({"name": "Know the price lists", "unit": "calls"})
        self.assertEqual(goal.state, "agreed")

    def test_nobody_writes_the_signatures_or_the_status(self):
        goal = self._goal()
        for user in (self.user_mentor, self.user_mentee_x, self.user_coordinator):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                goal.with_user(user).write({"mentor_agreed_on": "2026-03-10 10:00:00"})
        with self.assertRaises(AccessError):
            goal.with_user(self.user_mentor).write({"state": "agreed"})
        # a context key over RPC opens nothing
        hostile = goal.with_user(self.user_mentor).with_context(mentoring_goal_signing=True)
        with self.assertRaises(AccessError):
            hostile.write({"mentee_agreed_on": "2026-03-10 10:00:00", "mentor_agreed_on": "2026-03-10 10:00:00"})
        with self.assertRaises(AccessError):
            hostile.write({"state": "reached"})
        self.assertEqual(goal.state, "draft")
        # a coordinator sets the status within the rules: no agreement without both signatures
        with self.assertRaisesRegex(ValidationError, "both the mentor and the mentee"):
            goal.with_user(self.user_coordinator).write({"state": "agreed"})
        goal.with_user(self.user_coordinator).write({"state": "dropped"})
        self.assertEqual(goal.state, "dropped")
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.user_mentor).create(
                {"pairing_id": self.pairing_x.id, "name": "Signed already", "mentee_agreed_on": "2026-03-10 10:00:00"}
            )

    # ------------------------------------------------------------------
    # progress
    # ------------------------------------------------------------------

    def test_progress_against_the_target(self):
        cases = [
            ({"start_value": 2, "target_value": 10, "current_value": 6}, 50.0),
            # a target below the start: fewer errors
            ({"start_value": 10, "target_value": 2, "current_value": 4}, 75.0),
            ({"start_value": 0, "target_value": 10, "current_value": 14}, 100.0),
            ({"start_value": 0, "target_value": 10, "current_value": -3}, 0.0),
            ({"measure_type": "steps", "progress_step": "75"}, 75.0),
            (
                {
                    "measure_type": "checklist",
                    "item_ids": [
                        Command.create({"name": "CRM", "done": True}),
                        Command.create({"name": "Price lists", "done": True}),
                        Command.create({"name": "Quotes"}),
                        Command.create({"name": "Contracts"}),
                    ],
                },
                50.0,
            ),
            ({"measure_type": "checklist"}, 0.0),
        ]
        for vals, progress in cases:
            with self.subTest(vals=vals):
                self.assertEqual(self._goal(**vals).progress, progress)

    def test_an_agreed_goal_at_100_percent_is_reached(self):
        goal = self._agreed()
        goal.with_user(self.user_mentor).current_value = 10
        self.assertEqual(goal.state, "reached")
        self.assertTrue(goal.date_reached)
        self.assertIn("Goal reached", self.pairing_x.message_ids[0].body)
        goal.with_user(self.user_mentor).current_value = 9
        self.assertEqual((goal.state, goal.date_reached), ("agreed", False))
        # a draft at 100 % is not reached: nobody agreed on it yet
        draft = self._goal(current_value=10)
        self.assertEqual((draft.state, draft.progress), ("draft", 100.0))
        # the checklist: the last item ticked
        checklist = self._agreed(
            measure_type="checklist",
            item_ids=[Command.create({"name": "CRM"}), Command.create({"name": "Quotes"})],
        )
        checklist.item_ids.with_user(self.user_mentee_x).write({"done": True})
        self.assertEqual(checklist.state, "reached")
        # a new item is a new term: they agree again
        self.env["hr.mentoring.goal.item"].with_user(self.user_mentee_x).create(
            {"goal_id": checklist.id, "name": "Contracts"}
        )
        self.assertEqual(checklist.state, "draft")

    # ------------------------------------------------------------------
    # who does what
    # ------------------------------------------------------------------

    def test_roles(self):
        goal = self._goal(self.user_mentor)
        # the head reads and comments
        head_goal = goal.with_user(self.user_head_x)
        head_goal.head_comment = "Good goal: ask for the quote templates too"
        self.assertTrue(head_goal.can_comment)
        self.assertFalse(head_goal.can_edit_terms)
        with self.assertRaises(AccessError):
            head_goal.name = "Another goal"
        with self.assertRaises(AccessError):
            goal.with_user(self.user_mentee_x).head_comment = "My own comment"
        with self.assertRaises(AccessError):
            self._goal(self.user_head_x)
        # nobody else reads them
        for user in (self.user_outsider, self.user_mentee_y, self.user_hr_officer, self.user_other_company):
            with self.subTest(user=user.login):
                self.assertFalse(self.Goal.with_user(user).search([("id", "=", goal.id)]))
                with self.assertRaises(AccessError):
                    goal.with_user(user).read(["name"])
        # the mentor of another pairing neither
        with self.assertRaises(AccessError):
            self._goal(self.user_mentor, pairing=self.pairing_y)
        # a draft pairing is the coordinator's working copy
        draft = self._pairing(self.mentee_y, state="draft", program=self.program_2)
        with self.assertRaises(AccessError):
            self._goal(self.user_mentor, pairing=draft)

    def test_the_goals_of_an_ended_pairing_stay_as_they_are(self):
        goal = self._agreed()
        self.pairing_x.action_done()
        with self.assertRaises(AccessError):
            goal.with_user(self.user_mentee_x).current_value = 5
        with self.assertRaises(UserError):
            goal.with_user(self.user_mentor).action_drop()
        with self.assertRaises(UserError):
            self._goal(self.user_mentor)
        # the head still comments
        goal.with_user(self.user_head_x).head_comment = "Reached most of it"

    def test_drop_reopen_delete(self):
        goal = self._agreed()
        with self.assertRaisesRegex(UserError, "drop it instead"):
            goal.with_user(self.user_mentee_x).unlink()
        goal.with_user(self.user_mentee_x).action_drop()
        self.assertEqual(goal.state, "dropped")
        with self.assertRaises(AccessError):
            goal.with_user(self.user_head_x).action_drop()
        goal.with_user(self.user_mentor).action_reopen()
        self.assertEqual(goal.state, "draft")
        self.assertFalse(goal.mentor_agreed_on or goal.mentee_agreed_on)
        draft = self._goal(self.user_mentee_x, name="A draft")
        draft.with_user(self.user_mentee_x).unlink()
        self.assertFalse(draft.exists())

    def test_objective_of_the_goals_programme(self):
        other = self.env["hr.mentoring.program.objective"].create({"program_id": self.program_2.id, "name": "Lead"})
        with self.assertRaisesRegex(ValidationError, "objective of another programme"):
            self._goal(objective_id=other.id)

    # ------------------------------------------------------------------
    # the discussions: the mentor updates the goals' progress there
    # ------------------------------------------------------------------

    def test_the_discussion_shows_and_updates_the_goals(self):
        goal = self._agreed()
        dropped = self._goal(name="Dropped")
        dropped.action_drop()
        unreadable = self._goal(pairing=self.pairing_y, name="Yara's")
        # Maria mentors Yara in another programme: a goal she reads, of another pairing
        other = self._goal(pairing=self._pairing(self.mentee_y, program=self.program_2), name="Yara's other")
        event = self.env["hr.mentoring.event"].create(
            {
                "pairing_id": self.pairing_x.id,
                "name": "Weekly discussion",
                "event_type": "planned_discussion",
                "date_due": date(2026, 3, 13),
            }
        )
        for user in (self.user_mentor, self.user_mentee_x, self.user_head_x):
            self.env.invalidate_all()
            self.assertEqual(event.with_user(user).goal_ids, goal.with_user(user), user.login)
        # the mentor updates the progress on the discussion: saved on the goal
        event.with_user(self.user_mentor).write(
            {"goal_ids": [Command.update(goal.id, {"current_value": 10, "progress_note": "Ten calls alone"})]}
        )
        self.assertEqual((goal.current_value, goal.state, goal.progress_note), (10, "reached", "Ten calls alone"))
        # the mentee and the head update their goals on the goals themselves
        for user in (self.user_mentee_x, self.user_head_x):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                event.with_user(user).write({"goal_ids": [Command.update(goal.id, {"current_value": 3})]})
        with self.assertRaisesRegex(UserError, "its own pairing"):
            event.with_user(self.user_mentor).write({"goal_ids": [Command.update(other.id, {"current_value": 3})]})
        with self.assertRaises(AccessError):
            event.with_user(self.user_mentor).write({"goal_ids": [Command.update(unreadable.id, {"current_value": 3})]})
        with self.assertRaisesRegex(UserError, "Add and remove goals"):
            event.with_user(self.user_mentor).write({"goal_ids": [Command.create({"name": "New"})]})
        # the goal's own checks hold: no signature through the discussion
        with self.assertRaises(AccessError):
            event.with_user(self.user_mentor).write(
                {"goal_ids": [Command.update(goal.id, {"mentee_agreed_on": "2026-03-10 10:00:00"})]}
            )
        # a discussion logged with progress updates (the form of a new event)
        self.env["hr.mentoring.event"].with_user(self.user_mentor).create(
            {
                "pairing_id": self.pairing_x.id,
                "name": "Situational",
                "event_type": "situational_discussion",
                "date_due": date(2026, 3, 16),
                "goal_ids": [Command.update(goal.id, {"current_value": 9})],
            }
        )
        self.assertEqual((goal.current_value, goal.state), (9, "agreed"))

    def test_action_items_serve_goals(self):
        goal = self._goal()
        other = self._goal(pairing=self.pairing_y)
        event = self.env["hr.mentoring.event"].create(
            {
                "pairing_id": self.pairing_x.id,
                "name": "Weekly discussion",
                "event_type": "planned_discussion",
                "date_due": date(2026, 3, 13),
            }
        )
        event.with_user(self.user_mentor).write(
            {"action_item_ids": [Command.create({"name": "Prepare three calls", "goal_ids": [Command.link(goal.id)]})]}
        )
        self.assertEqual(goal.action_item_ids, event.action_item_ids)
        self.assertEqual(goal.with_user(self.user_mentee_x).action_item_ids.name, "Prepare three calls")
        with self.assertRaisesRegex(ValidationError, "goals of its own pairing"):
            event.action_item_ids.goal_ids = other
        with self.assertRaises(AccessError):
            event.action_item_ids.with_user(self.user_mentee_x).goal_ids = goal

    # ------------------------------------------------------------------
    # figures and reports
    # ------------------------------------------------------------------

    def _three_goals(self):
        reached = self._agreed(name="Reached goal", current_value=0)
        reached.current_value = 10
        agreed = self._agreed(name="Half way", current_value=5)
        self._goal(name="Still a draft")
        self._goal(pairing=self.pairing_y, name="Yara's goal")
        return reached, agreed

    def test_pairing_counts_the_goals_its_reader_reads(self):
        self._three_goals()
        self.env.invalidate_all()
        for user, counts in (
            (self.user_coordinator, (3, 1)),
            (self.user_mentee_x, (3, 1)),
            (self.user_head_x, (3, 1)),
        ):
            pairing = self.pairing_x.with_user(user)
            self.assertEqual((pairing.goal_count, pairing.goal_reached_count), counts, user.login)
            action = pairing.action_open_goals()
            self.assertEqual(self.Goal.with_user(user).search_count(action["domain"]), 3)

    def test_monitoring_goal_progress(self):
        self._three_goals()
        self.env.flush_all()
        row = self.env["hr.mentoring.monitoring"].search(
            [("program_id", "=", self.program.id), ("department_id", "=", self.dept_x_sub.id)]
        )
        self.assertEqual((row.goal_count, row.goal_reached_count), (2, 1), "the goals agreed on")
        self.assertAlmostEqual(row.goal_progress, 75.0)
        self.assertAlmostEqual(row.goal_reached_rate, 50.0)
        groups = self.env["hr.mentoring.monitoring"].read_group(
            [("program_id", "=", self.program.id)], ["goal_progress:avg"], ["department_id"]
        )
        self.assertTrue(groups)

    def _render(self, report, records, user):
        self.env.invalidate_all()
        content, _type = self.env["ir.actions.report"].with_user(user)._render_qweb_html(report, records.ids)
        return " ".join(html.fromstring(content.decode()).text_content().split())

    def test_printed_plan_and_progress_show_the_goals(self):
        _reached, agreed = self._three_goals()
        agreed.head_comment = "Keep going"
        for report in (PLAN, PROGRESS):
            text = self._render(report, self.pairing_x, self.user_mentor)
            with self.subTest(report=report):
                for expected in (
                    "Goals",
                    "Reached goal",
                    "Half way",
                    "Client calls handled without the mentor",
                    "0 → 10 calls",
                    "100 %",
                    "50 %",
                    "Reached",
                    "Agreed",
                    "Mentor agreed on",
                    "Head: Keep going",
                ):
                    self.assertIn(expected, text)
                self.assertNotIn("Yara's goal", text)

    def test_programme_report_goals_reached_by_department(self):
        self._three_goals()
        self._agreed(pairing=self.pairing_y, name="Yara agreed", current_value=0, start_value=0)
        figures = self.env["report.hr_mentoring.report_program"].with_user(self.user_coordinator)
        figures = figures._mentoring_get_development_figures(self.program)
        rows = {row["department"]: row for row in figures["goal_department_rows"]}
        self.assertEqual((rows[self.dept_x_sub]["goals"], rows[self.dept_x_sub]["reached"]), (2, 1))
        self.assertEqual(rows[self.dept_x_sub]["rate"], 50.0)
        self.assertEqual((figures["goal_total"], figures["goal_reached"]), (3, 1))
        # the head counts the goals of their departments only
        head = self.env["report.hr_mentoring.report_program"].with_user(self.user_head_x)
        self.assertEqual(head._mentoring_get_development_figures(self.program)["goal_total"], 2)
        text = self._render(PROGRAM, self.program, self.user_coordinator)
        self.assertIn("Goals Reached by Department", text)
        self.assertIn("Key Accounts", text)
