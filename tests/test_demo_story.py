"""The demo story's pilot, "Customer Care Onboarding" (demo/hr_mentoring_demo_story.py).

Meaningful on a database installed WITH demo data only: ``make test DEMO=1``
runs it there. On a database without demo data (``make test``) each test
checks that no part of the demo is installed, then is skipped with that reason.
"""

import io

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tools.pdf import PdfFileReader

from ..models.skill_portrait import portrait_rows
from .common import MentoringCase

MANAGER = "hr_mentoring.group_mentoring_manager"
NO_DEMO = "the demo story is installed with demo data only (make test DEMO=1)"


@tagged("post_install", "-at_install")
class TestDemoPilotStory(TransactionCase):
    """The pilot waits for its approval: campaign launched, half acknowledged,
    survey partly answered, one adjustment logged and one to confirm."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pilot = cls.env.ref("hr_mentoring.program_customer_care_pilot", raise_if_not_found=False)
        if cls.pilot:
            ref = cls.env.ref
            cls.cora = ref("hr_mentoring.user_cora")
            cls.grace = ref("hr_mentoring.user_grace")
            cls.employees = {
                name: ref(f"hr_mentoring.employee_{name}")
                for name in ("ines", "jonas", "sofia", "lea", "paul", "diane")
            }

    def _demo_pilot(self):
        """The pilot; on a database without demo data, checks that nothing of
        the demo is there and skips the test."""
        if not self.pilot:
            self.assertFalse(self.env.ref("hr_mentoring.program_client_managers", raise_if_not_found=False))
            self.assertFalse(self.env.ref("hr_mentoring.user_grace", raise_if_not_found=False))
            self.assertNotIn("hr.mentoring.demo", self.env.registry)
            self.skipTest(NO_DEMO)
        return self.pilot

    def test_a_pilot_pairing_is_paused_until_next_week(self):
        self._demo_pilot()
        pairing = self.env.ref("hr_mentoring.pairing_sofia")
        today = pairing.paused_since
        self.assertTrue(today)
        self.assertEqual(pairing.state, "active")
        self.assertEqual(pairing.pause_return_date.weekday(), 0)
        self.assertTrue(0 < (pairing.pause_return_date - today).days <= 7)
        self.assertTrue(pairing.pause_auto_resume)
        self.assertEqual(pairing.health_shared, "paused")

    def test_pilot_waits_for_approval(self):
        pilot = self._demo_pilot()
        self.assertEqual(pilot.state, "pilot")
        self.assertTrue(pilot.is_pilot)
        self.assertEqual(pilot.coordinator_id, self.cora)
        self.assertFalse(pilot.approved_by_id)
        self.assertFalse(pilot.approved_on)
        self.assertFalse(pilot.final_report_id)
        stages = {stage.code: stage.state for stage in pilot.stage_ids}
        self.assertEqual(stages.pop("pilot"), "in_progress")
        self.assertEqual(set(stages.values()), {"done"}, "every other stage of the method is done")
        self.assertEqual(pilot.stage_current_id.code, "pilot")
        goals = pilot.stage_ids.filtered(lambda s: s.code == "goals")
        self.assertLess(goals.date_done, pilot.date_start, "the goals were written before the pilot")
        # the administrator is asked to approve, and may
        self.assertTrue(self.grace.has_group(MANAGER))
        approval_type = self.env.ref("hr_mentoring.mail_activity_type_final_report")
        todo = pilot.activity_ids.filtered(lambda a: a.activity_type_id == approval_type)
        self.assertEqual(todo.user_id, self.grace)
        self.env.invalidate_all()
        self.assertTrue(pilot.with_user(self.grace).can_approve)
        self.assertFalse(pilot.with_user(self.cora).can_approve)
        pilot.with_user(self.grace).action_approve()
        self.assertEqual((pilot.state, pilot.approved_by_id), ("running", self.grace))
        self.assertFalse(todo.exists(), "approving the final report closes the administrator's to-do")

    def test_pairings_within_the_mentors_places(self):
        pilot = self._demo_pilot()
        pairings = pilot.pairing_ids
        self.assertEqual(set(pairings.mapped("state")), {"active"})
        e = self.employees
        self.assertEqual(
            {p.mentee_id: p.mentor_id for p in pairings},
            {e["ines"]: e["lea"], e["jonas"]: e["paul"], e["sofia"]: e["lea"]},
        )
        self.assertEqual(set(pairings.mapped("department_id.manager_id")), {e["diane"]})
        self.assertTrue(all(pairing.event_ids for pairing in pairings), "the coordinator made the plans")
        self.assertFalse(pairings.event_ids.filtered(lambda ev: ev.state == "missed"))
        mentors = self.env["hr.employee"].search([("mentor_state", "=", "approved")])
        for mentor in mentors:
            self.assertLessEqual(mentor.active_mentee_count, mentor.mentor_capacity, mentor.name)
        self.assertNotIn(self.env.ref("hr_mentoring.employee_samuel"), pairings.mentor_id, "Samuel is full")

    def test_campaign_half_acknowledged(self):
        pilot = self._demo_pilot()
        regulation = pilot.regulation_ids
        self.assertEqual(regulation.name, "Mentoring regulations.pdf")
        self.assertEqual(regulation.mimetype, "application/pdf")
        self.assertEqual((regulation.res_model, regulation.res_id), (pilot._name, pilot.id))
        self.assertEqual(len(PdfFileReader(io.BytesIO(regulation.raw)).pages), 1)
        self.assertTrue(pilot.campaign_launched_on)
        self.assertLess(pilot.campaign_launched_on.date(), pilot.date_start)
        acks = pilot.acknowledgement_ids
        self.assertEqual(acks.employee_id, self.env["hr.employee"].union(*self.employees.values()))
        done = acks.filtered(lambda a: a.state == "acknowledged")
        self.assertEqual(len(done), 3, "half of the six participants")
        self.assertEqual(sorted(done.employee_id.mapped("name")), ["Ines Ibarra", "Lea Lambert", "Paul Porter"])
        self.assertEqual(pilot.acknowledgement_label, "3/6")
        # who has not acknowledged yet may do it, for themselves
        jonas_ack = acks.filtered(lambda a: a.employee_id == self.employees["jonas"])
        self.env.invalidate_all()
        self.assertTrue(jonas_ack.with_user(jonas_ack.user_id).can_acknowledge)

    def test_feedback_partly_answered(self):
        pilot = self._demo_pilot()
        answers = self.env["survey.user_input"].search([("mentoring_program_id", "=", pilot.id)])
        self.assertEqual(len(answers), 6, "every participant invited")
        done = answers.filtered(lambda a: a.state == "done")
        self.assertEqual(len(done), 4)
        self.assertEqual(sorted(done.mapped("mentoring_role")), ["mentee", "mentee", "mentor", "mentor"])
        self.assertNotIn("head", done.mapped("mentoring_role"), "Diane has not answered yet")
        self.assertEqual(set((answers - done).mapped("state")), {"new"})
        result = pilot.with_user(self.cora)._mentoring_survey_results()[pilot.id]
        roles = result["roles"]
        self.assertEqual((roles["mentor"]["done"], roles["mentee"]["done"], roles["head"]["done"]), (2, 2, 0))
        comments = [text for figures in roles.values() for _title, text, _name in figures["comments"]]
        self.assertEqual(len(comments), 1)
        self.assertIn("every two weeks", comments[0])
        averages = dict(roles["mentor"]["averages"])
        self.assertEqual(averages["The mentoring fitted in my working time."], 2.5, "mixed on the workload")
        self.assertGreaterEqual(averages["The plan fitted my mentee's work."], 4, "good on the plan")

    def test_adjustments_one_logged_one_to_confirm(self):
        pilot = self._demo_pilot()
        adjustments = pilot.adjustment_ids
        self.assertEqual(len(adjustments), 2)
        logged = adjustments.filtered(lambda a: a.state == "confirmed")
        draft = adjustments - logged
        self.assertEqual(len(logged), 1)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(logged.source, "feedback")
        self.assertTrue(logged.reason)
        self.assertEqual(logged.user_id, self.cora)
        self.assertEqual(logged.source_ref.mentoring_employee_id, self.employees["lea"])
        self.assertIn("Mentee Criteria", draft.name)
        self.assertFalse(draft.reason)
        weekly = self.env.ref("hr_mentoring.plan_template_customer_care_weekly")
        self.assertEqual((weekly.repeat_interval, weekly.repeat_unit), (2, "weeks"))
        # the module's own reminder to the coordinator: a proposal waits
        activity_type = self.env.ref("hr_mentoring.mail_activity_type_adjustment")
        self.assertEqual(pilot.activity_ids.filtered(lambda a: a.activity_type_id == activity_type).user_id, self.cora)
        self.assertEqual(pilot.draft_adjustment_count, 1)


@tagged("post_install", "-at_install")
class TestDemoTimeOff(TransactionCase):
    """Nora's annual leave, granted after her plan: that week's planned events
    moved to her next working days, each move a line on her pairing."""

    def test_nora_s_plan_follows_her_leave(self):
        pairing = self.env.ref("hr_mentoring.pairing_nora", raise_if_not_found=False)
        if not pairing:
            self.assertFalse(self.env["resource.calendar.leaves"].search([("name", "=", "Annual leave")]))
            self.skipTest(NO_DEMO)
        leave = self.env["resource.calendar.leaves"].search(
            [("resource_id", "=", pairing.mentee_id.resource_id.id), ("name", "=", "Annual leave")]
        )
        self.assertEqual(len(leave), 1)
        moved = pairing.event_ids.filtered(lambda e: e.moved_leave_id == leave)
        self.assertTrue(moved, "the leave covers some of her planned events")
        for event in moved:
            self.assertEqual(event.state, "planned")
            self.assertGreater(event.date_due, leave.date_to.date(), "moved past the leave")
            self.assertLess(event.date_before_time_off, event.date_due)
        lines = pairing.message_ids.filtered(lambda m: "→" in (m.body or "") and "time off" in (m.body or ""))
        self.assertTrue(lines, "each move is said on the pairing's chatter")


@tagged("post_install", "-at_install")
class TestDemoStoryIsNoModel(MentoringCase):
    def test_demo_story_is_not_in_the_registry(self):
        # the demo story is code run when demo data is installed, never a model
        self.assertNotIn("hr.mentoring.demo", self.env.registry)
        self.assertFalse(self.env["ir.model"].search([("model", "=", "hr.mentoring.demo")]))
        self.assertFalse(self.env["ir.model.access"].search([("model_id.model", "=", "hr.mentoring.demo")]))

    def test_only_the_demo_installation_plays_the_story(self):
        Template = self.env["hr.mentoring.plan.template"]
        for user in (self.user_coordinator, self.user_mentor, self.env.ref("base.user_admin")):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Template.with_user(user)._mentoring_play_demo_story()


@tagged("post_install", "-at_install")
class TestDemoDevelopment(TransactionCase):
    """Xavier's development: three goals agreed on with Maria, one reached;
    his portrait shows growth on two skills; Maria's mentor training is on
    her resume."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing = cls.env.ref("hr_mentoring.pairing_xavier", raise_if_not_found=False)

    def _demo_pairing(self):
        """Xavier's pairing, or False on a database without demo data (after
        checking that nothing of the demo's development is there)."""
        if not self.pairing:
            self.assertFalse(self.env["hr.mentoring.goal"].search_count([]))
            self.assertFalse(self.env.ref("hr_mentoring.skill_empathy", raise_if_not_found=False))
            self.assertFalse(self.env["hr.mentoring.skill.proposal"].search_count([]))
        return self.pairing

    def test_xavier_has_three_goals_one_reached(self):
        pairing = self._demo_pairing()
        if not pairing:
            return
        goals = pairing.goal_ids
        self.assertEqual(len(goals), 3)
        self.assertEqual(sorted(goals.mapped("state")), ["agreed", "agreed", "reached"])
        self.assertTrue(all(goal.mentor_agreed_on and goal.mentee_agreed_on for goal in goals))
        self.assertEqual(set(goals.mapped("measure_type")), {"value", "checklist", "steps"})
        self.assertTrue(all(goal.objective_id.program_id == pairing.program_id for goal in goals))
        reached = goals.filtered(lambda g: g.state == "reached")
        self.assertEqual((reached.name, reached.progress), ("Handle client calls alone", 100.0))
        self.assertEqual((pairing.goal_count, pairing.goal_reached_count), (3, 1))
        self.assertTrue(goals.action_item_ids, "an action of a discussion serves a goal")
        self.assertTrue(goals.filtered("head_comment"), "the head commented")
        # the Monitoring row of his department counts them
        row = self.env["hr.mentoring.monitoring"].search(
            [("program_id", "=", pairing.program_id.id), ("department_id", "=", pairing.department_id.id)]
        )
        self.assertGreaterEqual(row.goal_count, 3)
        self.assertGreaterEqual(row.goal_reached_count, 1)

    def test_xavier_portrait_shows_growth_on_two_skills(self):
        pairing = self._demo_pairing()
        if not pairing:
            return
        rows = portrait_rows(self.env, pairing)[pairing.id]
        self.assertEqual(len(rows), 3, "the programme's target portrait")
        grown = [
            row["skill"].name
            for row in rows
            if row["start"] and row["now"] and row["now"].level_progress > row["start"].level_progress
        ]
        self.assertEqual(len(grown), 2, rows)
        self.assertTrue(all(row["target"] for row in rows))
        self.assertIn("<svg", str(pairing.skill_portrait_svg))
        # confirmed by Maria, recorded in Odoo's skill history
        proposals = self.env["hr.mentoring.skill.proposal"].search([("pairing_id", "=", pairing.id)])
        self.assertEqual(set(proposals.mapped("state")), {"confirmed"})
        self.assertEqual(proposals.decided_by_id, pairing.mentor_id.user_id)
        # the other mentees' proposals wait for their mentors
        self.assertTrue(self.env["hr.mentoring.skill.proposal"].search_count([("state", "=", "proposed")]))

    def test_maria_s_training_is_on_her_resume(self):
        pairing = self._demo_pairing()
        if not pairing:
            return
        maria = self.env.ref("hr_mentoring.employee_maria")
        line = maria.mentor_training_resume_line_id
        self.assertEqual(line.line_type_id, self.env.ref("hr_mentoring.resume_type_training"))
        self.assertEqual(line.date_start, maria.mentor_training_date)
        self.assertIn("coach-mentoring", line.name)
        self.assertIn(line, maria.resume_line_ids)
        # her competencies are compared in "Find a Mentor"
        self.assertTrue(maria.employee_skill_ids.filtered(lambda s: s.skill_id.name == "Empathy"))


@tagged("post_install", "-at_install")
class TestDemoMenteeWithoutUser(TransactionCase):
    """Bruno, a field client manager without a user account: Maria, his mentor,
    acknowledged his first signed event for him; the next ones wait for her."""

    def test_bruno_s_plan_goes_on_through_his_mentor(self):
        pairing = self.env.ref("hr_mentoring.pairing_bruno", raise_if_not_found=False)
        if not pairing:
            self.assertFalse(self.env.ref("hr_mentoring.employee_bruno", raise_if_not_found=False))
            self.skipTest(NO_DEMO)
        maria = self.env.ref("hr_mentoring.user_maria")
        self.assertFalse(pairing.mentee_id.user_id)
        self.assertEqual((pairing.state, pairing.mentor_id.user_id), ("active", maria))
        self.assertEqual(pairing.event_ids.template_line_id.template_id, pairing.program_id.plan_template_id)
        done = pairing.event_ids.filtered(lambda e: e.state == "done").sorted(lambda e: (e.date_due, e.id))
        self.assertGreaterEqual(len(done), 2, "signed events, one acknowledged for him and one to acknowledge")
        acknowledged = done.filtered("acknowledged")
        self.assertEqual(acknowledged, done[:1])
        self.assertTrue(acknowledged.acknowledged_on_behalf)
        self.assertEqual(acknowledged.acknowledged_by_id, maria)
        self.assertTrue(
            acknowledged.message_ids.filtered(lambda m: "on behalf of Bruno Berger" in (m.body or "")),
            "the chatter says who acknowledged for him",
        )
        # the next one is Maria's to acknowledge for him, never nobody's
        waiting = done[-1].with_user(maria)
        self.env.invalidate_all()
        self.assertTrue(waiting.mentee_has_no_user)
        self.assertTrue(waiting.can_acknowledge)
        self.assertFalse(pairing.event_ids.filtered(lambda e: e.state == "missed"))
