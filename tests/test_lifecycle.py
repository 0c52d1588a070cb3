"""The programme's own lifecycle: the twelve stages of the method, adjustments
offered during the pilot, and the Administrator's approval of the final report."""

import logging
import shutil
from datetime import date

from lxml import etree

from odoo import Command, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from ..models.hr_mentoring_program_stage import PROGRAM_STAGES
from .common import MentoringCase, set_aside_other_mentors

_logger = logging.getLogger(__name__)

MANAGER = "hr_mentoring.group_mentoring_manager"


class LifecycleCase(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a mentoring administrator of each company
        cls.user_manager, cls.user_manager_oc = (
            cls._user(name, f"base.group_user,{MANAGER}", company=company)
            for name, company in (("ada", cls.company), ("oona", cls.other_company))
        )
        cls.template = cls.env.ref("hr_mentoring.plan_template_adaptation")
        cls.template_2 = cls.template.copy({"name": "Short Adaptation"})
        cls.mentee_criterion = cls.env.ref("hr_mentoring.criterion_mentee_client_work")
        cls.mentor_criterion = cls.env.ref("hr_mentoring.criterion_mentor_feedback_observation")
        cls.pilot = cls.env["hr.mentoring.program"].create(
            {
                "name": "Pilot Programme",
                "coordinator_id": cls.user_coordinator.id,
                "date_start": "2026-01-01",
                "plan_template_id": cls.template.id,
            }
        )
        cls.pilot.action_start_pilot()
        # every role of the method, and the other company's coordinator
        cls.roles = {
            "coordinator": cls.user_coordinator,
            "manager": cls.user_manager,
            "head": cls.user_head_x,
            "mentor": cls.user_mentor,
            "mentee": cls.user_mentee_x,
            "employee": cls.user_outsider,
            "other_company": cls.user_other_company,
        }

    def stage(self, program, code):
        return program.stage_ids.filtered(lambda s: s.code == code)

    def states(self, program):
        return {stage.code: stage.state for stage in program.stage_ids}


@tagged("post_install", "-at_install", "upgrade")
class TestProgramStages(LifecycleCase):
    def test_stages_created_in_order(self):
        program = self.env["hr.mentoring.program"].with_user(self.user_coordinator).create({"name": "Fresh"})
        self.assertEqual(program.stage_ids.mapped("code"), [code for code, _label in PROGRAM_STAGES])
        self.assertEqual(len(program.stage_ids), 12)
        self.assertEqual(program.stage_ids.mapped("sequence"), list(range(1, 13)))
        self.assertEqual(set(program.stage_ids.mapped("state")), {"todo"})
        self.assertEqual(program.stage_progress, 0.0)
        self.assertEqual(program.stage_current_id.code, "goals")

    def test_auto_completion_both_ways(self):
        set_aside_other_mentors(self)
        program = self.env["hr.mentoring.program"].with_user(self.user_coordinator).create({"name": "Auto"})
        program.write({"goals": "<p>Faster integration</p>"})
        self.assertEqual(self.stage(program, "goals").state, "todo", "the expected results are missing")
        program.write({"expected_results": "<p>Six months to autonomy</p>", "integration_criteria": "<p>C</p>"})
        goals = self.stage(program, "goals")
        self.assertEqual(goals.state, "done")
        self.assertTrue(goals.state_from_data)
        self.assertTrue(goals.date_done)
        self.assertEqual(self.stage(program, "integration_criteria").state, "done")
        program.write({"expected_results": "<p><br></p>"})
        self.assertEqual(goals.state, "todo", "an empty text no longer completes it")
        self.assertFalse(goals.date_done)

        program.write({"scale_id": self.env.ref("hr_mentoring.scale_behaviour").id})
        program.write({"mentee_criterion_ids": [Command.set(self.mentee_criterion.ids)]})
        self.assertEqual(self.stage(program, "evaluation_criteria").state, "todo", "no mentor criteria yet")
        program.write({"mentor_criterion_ids": [Command.set(self.mentor_criterion.ids)]})
        self.assertEqual(self.stage(program, "evaluation_criteria").state, "done")
        program.write({"mentor_criterion_ids": [Command.clear()]})
        self.assertEqual(self.stage(program, "evaluation_criteria").state, "todo")

        program.write({"plan_template_id": self.template.id})
        self.assertEqual(self.stage(program, "program").state, "done")

        # free places: Maria 2, Marc 4 (the company's default)
        selection = self.stage(program, "mentor_selection")
        self.assertEqual(selection.state, "todo", "no planned intake, nothing to select for")
        program.write({"planned_intake": 7})
        self.assertEqual(selection.state, "todo")
        program.write({"planned_intake": 6})
        self.assertEqual(selection.state, "done")
        self._pairing(self.mentee_x, program=program)
        program.action_check_stages()
        self.assertEqual(selection.state, "done", "the programme's own pairings count towards the intake")
        self.mentor_y.write({"mentor_state": "suspended"})
        self.assertEqual(selection.state, "todo", "Marc's places are gone")

        # the coordinator's own upload (another user's stays theirs: test_hostile_lifecycle)
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.user_coordinator)
            .create({"name": "Regulations v1.pdf", "raw": b"rules"})
        )
        program.write({"regulation_ids": [Command.link(attachment.id)]})
        self.assertEqual(self.stage(program, "regulations").state, "done")

        ack = self.env["hr.mentoring.program.acknowledgement"].create(
            {"program_id": program.id, "employee_id": self.mentee_x.id, "role": "mentee"}
        )
        self.assertEqual(self.stage(program, "campaign").state, "done")
        ack.unlink()
        self.assertEqual(self.stage(program, "campaign").state, "todo")

        adjustment = self.env["hr.mentoring.program.adjustment"].create(
            {"program_id": program.id, "name": "Shorter plan", "state": "draft"}
        )
        self.assertEqual(self.stage(program, "adjustment").state, "todo", "a proposal is not an adjustment")
        adjustment.write({"reason": "Mentees were ready sooner", "state": "confirmed"})
        self.assertEqual(self.stage(program, "adjustment").state, "done")

        survey = self.env["survey.survey"].create({"title": "Pilot feedback"})
        program.write({"survey_id": survey.id})
        answer = self.env["survey.user_input"].create(
            {"survey_id": survey.id, "mentoring_program_id": program.id, "mentoring_role": "mentee"}
        )
        self.assertEqual(self.stage(program, "feedback").state, "todo", "an answer in progress does not count")
        answer.write({"state": "done"})
        self.assertEqual(self.stage(program, "feedback").state, "done")

        pilot = self.stage(program, "pilot")
        program.action_start_pilot()
        self.assertEqual(pilot.state, "in_progress")
        program.with_user(self.user_manager).action_approve()
        self.assertEqual(pilot.state, "done")
        # stages the data never decides
        self.assertEqual(self.stage(program, "motivation").state, "todo")
        self.assertEqual(self.stage(program, "mentor_training").state, "todo")

    def test_hand_marks_are_kept(self):
        program = self.env["hr.mentoring.program"].create({"name": "By hand"})
        stage = self.stage(program, "program").with_user(self.user_coordinator)
        stage.action_done()
        self.assertFalse(stage.state_from_data)
        program.action_check_stages()
        self.assertEqual(stage.state, "done", "no template, but the coordinator said it is done")
        # a stage set from the data and reset by hand is set again by the data
        program.write({"plan_template_id": self.template.id})
        stage.action_reset()
        self.assertEqual(stage.state, "todo")
        program.with_user(self.user_coordinator).action_check_stages()
        self.assertEqual(stage.state, "done")
        self.assertTrue(stage.state_from_data)
        # a skipped stage stays skipped
        regulations = self.stage(program, "regulations").with_user(self.user_coordinator)
        regulations.write({"skip_reason": "The company handbook covers it"})
        regulations.action_skip()
        attachment = self.env["ir.attachment"].create({"name": "R.pdf", "raw": b"r"})
        program.write({"regulation_ids": [Command.link(attachment.id)]})
        self.assertEqual(regulations.state, "skipped")

    def test_transitions_and_skip_reason(self):
        stage = self.stage(self.program_2, "motivation").with_user(self.user_coordinator)
        stage.action_start()
        self.assertEqual(stage.state, "in_progress")
        with self.assertRaisesRegex(ValidationError, "needs a reason"):
            stage.action_skip()
        with self.assertRaisesRegex(ValidationError, "needs a reason"):
            stage.write({"state": "skipped", "skip_reason": "   "})
        self.assertEqual(stage.state, "in_progress", "nothing half-written")
        stage.write({"skip_reason": "Mentors volunteered"})
        stage.action_skip()
        self.assertEqual(stage.state, "skipped")
        self.assertEqual(self.program_2.stage_current_id.code, "goals")
        with self.assertRaisesRegex(UserError, "cannot become Done"):
            stage.action_done()
        stage.action_reset()
        self.assertEqual((stage.state, stage.skip_reason), ("todo", False))
        stage.action_done()
        self.assertEqual(stage.date_done, fields.Date.context_today(stage))
        stage.write({"responsible_id": self.user_coordinator.id, "note": "Talk with the mentors held"})
        # done or skipped count towards the introduction
        self.assertAlmostEqual(self.program_2.stage_progress, 100.0 / 12, places=1)
        for other in self.program_2.stage_ids:
            if other.state == "todo":
                other.with_user(self.user_coordinator).action_done()
        self.assertEqual(self.program_2.stage_progress, 100.0)
        self.assertFalse(self.program_2.stage_current_id)

    def test_stage_rights_by_role(self):
        stage = self.stage(self.program_2, "motivation")
        Stage = self.env["hr.mentoring.program.stage"]
        for role, user in self.roles.items():
            with self.subTest(role=role):
                self.env.invalidate_all()
                found = Stage.with_user(user).search([("id", "in", self.program_2.stage_ids.ids)])
                groups = Stage.with_user(user)._read_group(
                    [("program_id", "=", self.program_2.id)], ["state"], ["__count"]
                )
                if role == "other_company":
                    self.assertFalse(found, "another company's stages stay hidden")
                    self.assertFalse(groups)
                    with self.assertRaises(AccessError):
                        stage.with_user(user).read(["name"])
                else:
                    self.assertEqual(found, self.program_2.stage_ids, "every employee reads the stages")
                    self.assertEqual(groups[0][1], 12)
                if role in ("coordinator", "manager"):
                    continue
                for method in ("action_start", "action_done", "action_reset", "action_skip"):
                    with self.assertRaises(AccessError):
                        getattr(stage.with_user(user), method)()
                with self.assertRaises(AccessError):
                    stage.with_user(user).write({"note": "mine"})
                with self.assertRaises(AccessError):
                    self.program_2.with_user(user).action_check_stages()
        self.stage(self.program_2, "motivation").with_user(self.user_manager).action_start()
        self.assertEqual(stage.state, "in_progress", "an administrator is a coordinator too")

    def test_recomputation_query_count_is_constant(self):
        Program = self.env["hr.mentoring.program"]
        many = Program.create([{"name": f"P{i}"} for i in range(20)])
        one = Program.create({"name": "Alone"})
        counts = []
        for programs in (one, many):
            self.env.flush_all()
            self.env.invalidate_all()
            with self.countQueries() as queries:
                programs.write({"goals": "<p>G</p>", "expected_results": "<p>R</p>"})
            counts.append(queries.count)
            self.assertEqual(set(programs.stage_ids.filtered(lambda s: s.code == "goals").mapped("state")), {"done"})
        self.assertEqual(counts[0], counts[1], f"queries for 1 and 20 programmes: {counts}")
        _logger.info("Stages from the data: %s queries for 1 and for 20 programmes (write and recompute)", counts[0])
        self.env.invalidate_all()
        with self.countQueries() as queries:
            many._mentoring_update_auto_stages()
        self.assertQueriesWithin(queries.count, counts[0])

    def test_scheduled_check(self):
        program = self.env["hr.mentoring.program"].create({"name": "Cron", "plan_template_id": self.template.id})
        stage = self.stage(program, "program")
        stage.with_context(mentoring_stage_from_data=True).write({"state": "todo", "state_from_data": False})
        self.env.ref("hr_mentoring.ir_cron_check_program_stages").method_direct_trigger()
        self.assertEqual(stage.state, "done")

    def test_scheduled_check_dates_a_stage_with_the_company_day(self):
        """At 23:30 UTC on a Sunday, Monday has begun in Brussels, the time zone
        of the scheduler's user, but not in New York, the company's: a stage
        the scheduled check completes is done on Sunday."""
        program = self.env["hr.mentoring.program"].create({"name": "Cron", "plan_template_id": self.template.id})
        stage = self.stage(program, "program")
        stage.with_context(mentoring_stage_from_data=True).write({"state": "todo", "state_from_data": False})
        self.company.partner_id.tz = "America/New_York"
        self.env.ref("hr_mentoring.ir_cron_check_program_stages").user_id.tz = "Europe/Brussels"
        with freeze_time("2026-03-08 23:30:00"):
            self.env.ref("hr_mentoring.ir_cron_check_program_stages").method_direct_trigger()
        self.assertEqual((stage.state, stage.date_done), ("done", date(2026, 3, 8)))

    def test_views(self):
        Program = self.env["hr.mentoring.program"].with_user(self.user_coordinator)
        form = Program.get_view(view_type="form")["arch"]
        self.assertLess(form.index('name="introduction"'), form.index('name="goals"'), "Introduction first")
        for name in ("stage_ids", "adjustment_ids", "action_check_stages", 'name="adjustments"'):
            self.assertIn(name, form)
        self.assertNotIn("action_approve", form, "a coordinator has no approval button")
        manager_form = Program.with_user(self.user_manager).get_view(view_type="form")["arch"]
        self.assertIn("action_approve", manager_form)
        kanban = Program.get_view(view_type="kanban")["arch"]
        self.assertIn('name="stage_progress"', kanban)
        self.assertIn("progressbar", kanban)
        self.assertIn(
            "hr_mentoring.menu_report_stages",
            self.env.ref("hr_mentoring.menu_report_stages").get_external_id().values(),
        )

    def test_rights_booleans(self):
        for role, user in self.roles.items():
            with self.subTest(role=role):
                self.env.invalidate_all()
                if role == "other_company":
                    continue
                program = self.pilot.with_user(user)
                self.assertEqual(program.can_manage_stages, role in ("coordinator", "manager"))
                self.assertEqual(program.can_approve, role == "manager")
        self.program.invalidate_recordset()
        self.assertFalse(self.program.with_user(self.user_manager).can_approve, "only a pilot")


@tagged("post_install", "-at_install", "upgrade")
class TestProgramApproval(LifecycleCase):
    def test_only_administrators_approve(self):
        for role, user in self.roles.items():
            if role == "manager":
                continue
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.env.invalidate_all()
                self.pilot.with_user(user).action_approve()
        with self.assertRaises(AccessError):
            self.pilot.with_user(self.user_manager_oc).action_approve()
        self.assertEqual(self.pilot.state, "pilot")
        self.assertFalse(self.pilot.approved_by_id)

    def test_approve_a_pilot(self):
        self.pilot.with_user(self.user_manager).action_approve()
        self.assertEqual(self.pilot.state, "running")
        self.assertEqual(self.pilot.approved_by_id, self.user_manager)
        self.assertTrue(self.pilot.approved_on)
        attachment = self.pilot.final_report_id
        self.assertEqual(attachment.name, "Final Report - Pilot Programme.pdf")
        self.assertIn(b"Pilot Programme", attachment.raw, "the programme report (HTML in tests, see the HTTP test)")
        message = self.pilot.message_ids.filtered(lambda m: "Final report approved by Ada" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertFalse(message.attachment_ids, "every reader of the programme reads its notes")
        self.assertEqual(
            (attachment.res_model, attachment.res_id),
            ("hr.mentoring.note", self.env["hr.mentoring.note"].search([("program_id", "=", self.pilot.id)]).id),
        )
        # the report compares mentors and departments: only coordinators read it
        Attachment = self.env["ir.attachment"]
        for user in (self.user_mentor, self.user_mentee_x, self.user_head_x, self.user_outsider):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                self.assertTrue(self.pilot.with_user(user).name, "the programme itself is readable")
                with self.assertRaises(AccessError):
                    attachment.with_user(user).read(["raw"])
                self.assertFalse(Attachment.with_user(user).search([("id", "=", attachment.id)]))
                self.assertFalse(
                    Attachment.with_user(user).search([("res_model", "=", "hr.mentoring.program")]) & attachment
                )
        self.env.invalidate_all()
        self.assertTrue(attachment.with_user(self.user_coordinator).raw)

    def test_approval_closes_the_request_to_approve(self):
        asked = self.pilot.with_user(self.user_coordinator).activity_schedule(
            "hr_mentoring.mail_activity_type_final_report", user_id=self.user_manager.id
        )
        todo = self.pilot.activity_schedule("mail.mail_activity_data_todo", user_id=self.user_manager.id)
        self.pilot.with_user(self.user_manager).action_approve()
        self.assertFalse(asked.exists(), "the request is done")
        self.assertTrue(todo.exists(), "another to-do stays")
        approval_type = self.env.ref("hr_mentoring.mail_activity_type_final_report")
        self.assertTrue(self.pilot.message_ids.filtered(lambda m: m.mail_activity_type_id == approval_type))

    def test_final_report_opens_from_the_programme(self):
        with self.assertRaisesRegex(UserError, "Pilot Programme has no approved final report"):
            self.pilot.with_user(self.user_coordinator).action_open_final_report()
        self.pilot.with_user(self.user_manager).action_approve()
        attachment = self.pilot.final_report_id
        # one click: the PDF itself, for the coordinators and the administrator
        for user in (self.user_coordinator, self.user_manager):
            self.env.invalidate_all()
            action = self.pilot.with_user(user).action_open_final_report()
            self.assertEqual((action["type"], action["url"]), ("ir.actions.act_url", f"/web/content/{attachment.id}"))
        arch = etree.fromstring(
            self.env["hr.mentoring.program"]
            .with_user(self.user_coordinator)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertEqual(arch.xpath("//button[@name='action_open_final_report']/@invisible"), ["not final_report_id"])
        # nobody else, even through RPC
        for user in (self.user_mentor, self.user_mentee_x, self.user_head_x, self.user_outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env.invalidate_all()
                self.pilot.with_user(user).action_open_final_report()
        # the note that holds it has its chatter, where the PDF is attached
        note = self.env["hr.mentoring.note"].browse(attachment.res_id)
        note_arch = etree.fromstring(
            self.env["hr.mentoring.note"]
            .with_user(self.user_coordinator)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertTrue(note_arch.xpath("//chatter"))
        self.assertEqual(
            self.env["ir.attachment"]
            .with_user(self.user_coordinator)
            .search([("res_model", "=", note._name), ("res_id", "=", note.id)]),
            attachment,
        )

    def test_approval_state_rules(self):
        for program in (self.program, self.program_2):
            with self.assertRaisesRegex(UserError, "not in pilot"):
                program.with_user(self.user_manager).action_approve()
        # from the pilot only the approval runs the programme
        with self.assertRaisesRegex(UserError, "final report is approved"):
            self.pilot.with_user(self.user_coordinator).action_run()
        for user in (self.user_coordinator, self.user_manager):
            with self.assertRaisesRegex(UserError, "Approve Final Report"):
                self.pilot.with_user(user).write({"state": "running"})
        self.assertEqual(self.pilot.state, "pilot")
        # a programme without a pilot still runs from draft
        draft = self.env["hr.mentoring.program"].create({"name": "No pilot"})
        draft.with_user(self.user_coordinator).action_run()
        self.assertEqual(draft.state, "running")

    def test_administrator_level_in_the_user_form(self):
        category = self.env.ref("base.module_category_human_resources_mentoring")
        coordinator = self.env.ref("hr_mentoring.group_mentoring_coordinator")
        manager = self.env.ref(MANAGER)
        entry = next(e for e in self.env["res.groups"].get_groups_by_application() if e[0] == category)
        self.assertEqual(entry[1], "selection")
        self.assertEqual(list(entry[2]), [coordinator, manager], "Administrator is the level above Coordinator")
        self.assertIn(coordinator, manager.implied_ids)
        self.assertIn(self.env.ref("base.user_admin"), manager.users)


@tagged("post_install", "-at_install", "upgrade")
class TestProgramAdjustments(LifecycleCase):
    def _adjustments(self, program):
        return self.env["hr.mentoring.program.adjustment"].search([("program_id", "=", program.id)])

    def _activities(self, program, activity_type="hr_mentoring.mail_activity_type_adjustment"):
        return super()._activities(program, activity_type)

    def test_changes_during_the_pilot_are_offered(self):
        pilot = self.pilot.with_user(self.user_coordinator)
        pilot.write({"plan_template_id": self.template_2.id})
        proposal = self._adjustments(pilot)
        self.assertEqual(proposal.state, "draft")
        self.assertEqual(proposal.name, f"Default Plan: {self.template.name} → Short Adaptation")
        activity = self._activities(pilot)
        self.assertEqual(activity.user_id, self.user_coordinator)
        pilot.write({"weight_evaluation": 3.0, "mentee_criterion_ids": [Command.set(self.mentee_criterion.ids)]})
        second = self._adjustments(pilot) - proposal
        self.assertIn("Mentor Evaluations: 2 → 3", second.name)
        self.assertIn(f"Mentee Criteria: — → {self.mentee_criterion.name}", second.name)
        self.assertEqual(len(self._activities(pilot)), 1, "one activity for all the proposals")
        pilot.write({"weight_evaluation": 3.0})
        self.assertEqual(len(self._adjustments(pilot)), 2, "no change, no proposal")

        # confirming needs the reason
        with self.assertRaisesRegex(ValidationError, "needs a reason"):
            proposal.with_user(self.user_coordinator).action_confirm()
        self.assertEqual(proposal.state, "draft")
        proposal.with_user(self.user_coordinator).write({"reason": "Mentees asked for a shorter plan"})
        proposal.with_user(self.user_coordinator).action_confirm()
        self.assertEqual(proposal.state, "confirmed")
        self.assertTrue(self._activities(pilot), "one proposal still waits")
        second.with_user(self.user_coordinator).action_discard()
        self.assertFalse(second.exists())
        self.assertFalse(self._activities(pilot), "every proposal handled: the activity is done")
        self.assertTrue(pilot.message_ids.filtered(lambda m: "Adjustment logged" in (m.body or "")))
        self.assertEqual(self.stage(pilot, "adjustment").state, "done")
        with self.assertRaisesRegex(UserError, "stays"):
            proposal.with_user(self.user_coordinator).action_discard()

    def test_template_edit_during_the_pilot_is_offered(self):
        template = self.template_2
        self.pilot.write({"plan_template_id": template.id})
        self._adjustments(self.pilot).unlink()
        template.with_user(self.user_coordinator).write({"line_ids": [Command.create({"name": "Extra talk"})]})
        proposal = self._adjustments(self.pilot)
        self.assertEqual(proposal.state, "draft")
        self.assertIn("Plan template Short Adaptation edited", proposal.name)
        self.assertFalse(self._adjustments(self.program), "a running programme on another template: nothing")

    def test_nothing_offered_outside_the_pilot(self):
        for program in (self.program, self.env["hr.mentoring.program"].create({"name": "Draft"})):
            program.with_user(self.user_coordinator).write(
                {"plan_template_id": self.template_2.id, "weight_tenure": 4.0}
            )
            self.assertFalse(self._adjustments(program))
            self.assertFalse(self._activities(program))
        self.template.with_user(self.user_coordinator).write({"description": "<p>Edited</p>"})
        self.assertFalse(self._adjustments(self.program))

    def test_adjustment_rights_by_role(self):
        Adjustment = self.env["hr.mentoring.program.adjustment"]
        logged = Adjustment.create(
            {
                "program_id": self.pilot.id,
                "name": "Fewer events",
                "reason": "Workload",
                "source": "feedback",
                "source_ref": f"hr.mentoring.program.stage,{self.stage(self.pilot, 'feedback').id}",
            }
        )
        proposal = Adjustment.create({"program_id": self.pilot.id, "name": "Proposed", "state": "draft"})
        for role, user in self.roles.items():
            with self.subTest(role=role):
                self.env.invalidate_all()
                found = Adjustment.with_user(user).search([("program_id", "=", self.pilot.id)])
                if role == "other_company":
                    self.assertFalse(found)
                    continue
                self.assertEqual(found, logged | proposal)
                self.assertEqual(set(found.mapped("name")), {"Fewer events", "Proposed"})
                if role in ("coordinator", "manager"):
                    self.assertTrue(logged.with_user(user).source_ref)
                    continue
                with self.assertRaises(AccessError):
                    logged.with_user(user).read(["source_ref"])
                for method in ("action_confirm", "action_discard"):
                    with self.assertRaises(AccessError):
                        getattr(proposal.with_user(user), method)()
                with self.assertRaises(AccessError):
                    Adjustment.with_user(user).create({"program_id": self.pilot.id, "name": "X", "reason": "Y"})
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_other_company).write({"reason": "Z"})


@tagged("post_install", "-at_install", "upgrade")
class TestProgramApprovalPdf(HttpCase, LifecycleCase):
    def test_final_report_is_a_pdf(self):
        if not shutil.which("wkhtmltopdf"):
            self.skipTest("wkhtmltopdf is not installed")
        # an HttpCase, so that wkhtmltopdf fetches the assets; tests render
        # HTML unless forced (see test_reports.test_plan_real_pdf). The
        # server's map of static files is read here first: wkhtmltopdf asks
        # for several assets at once, and two request threads parsing the
        # addons' manifests together can fail in Python 3.11's AST parser
        # ("AST constructor recursion depth mismatch", fixed in 3.12)
        self.assertTrue(http.root.statics)
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            self.pilot.with_user(self.user_manager).with_context(force_report_rendering=True).action_approve()
        self.assertTrue(self.pilot.final_report_id.raw.startswith(b"%PDF"))
        self.assertEqual(self.pilot.final_report_id.mimetype, "application/pdf")
