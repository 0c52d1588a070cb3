"""Hostile users on the programme's lifecycle: each way in is tried as an RPC
client would try it (write, create, unlink, the buttons), refused with a
clear error, and the records are read again to show that nothing changed."""

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_lifecycle import LifecycleCase

COORDINATOR = "hr_mentoring.group_mentoring_coordinator"


@tagged("post_install", "-at_install")
class TestHostileLifecycle(LifecycleCase):
    def _program_state(self, program):
        self.env.invalidate_all()
        return (
            program.state,
            program.is_pilot,
            program.approved_by_id,
            program.approved_on,
            self.stage(program, "pilot").state,
        )

    def _pilot_made_of_a_running_programme(self):
        program = self.program_2.with_user(self.user_coordinator)
        program.write({"is_pilot": True})
        program.action_reset_draft()
        program.action_run()

    def test_a_pilot_runs_only_by_its_approval(self):
        """A coordinator puts the pilot back to draft, then runs it: every way
        into running of a pilot goes through the administrator's approval."""
        Program = self.env["hr.mentoring.program"].with_user(self.user_coordinator)
        pilot = self.pilot.with_user(self.user_coordinator)
        pilot.action_reset_draft()
        before = self._program_state(self.pilot)
        self.assertEqual(before[:3], ("draft", True, self.env["res.users"]))
        attempts = {
            "run": lambda: pilot.action_run(),
            "write the state": lambda: pilot.write({"state": "running"}),
            "drop the pilot flag": lambda: pilot.write({"is_pilot": False}),
            "both at once": lambda: pilot.write({"is_pilot": False, "state": "running"}),
            "a running pilot from scratch": lambda: Program.create(
                {"name": "Forged pilot", "is_pilot": True, "state": "running"}
            ),
            "a pilot made of a running programme": self._pilot_made_of_a_running_programme,
        }
        for label, attempt in attempts.items():
            with self.subTest(attempt=label), self.assertRaisesRegex(UserError, "mentoring administrator"):
                attempt()
        self.assertEqual(self._program_state(self.pilot), before)
        self.assertNotEqual(before[4], "done", "no pilot stage done without the approval")
        self.assertFalse(self.env["hr.mentoring.program"].search([("name", "=", "Forged pilot")]))
        self.assertEqual(self.program_2.state, "running")
        self.assertFalse(self.program_2.is_pilot)

        # the way in: a pilot again, approved by a mentoring administrator
        pilot.action_start_pilot()
        self.pilot.with_user(self.user_manager).action_approve()
        state, _is_pilot, approved_by, _approved_on, stage = self._program_state(self.pilot)
        self.assertEqual((state, approved_by, stage), ("running", self.user_manager, "done"))
        # approved, it may pause in draft and run again; only an administrator makes it an ordinary programme
        pilot.action_reset_draft()
        pilot.action_run()
        self.assertEqual(self.pilot.state, "running")
        self.pilot.with_user(self.user_manager).write({"is_pilot": False})
        self.assertFalse(self.pilot.is_pilot)

    def test_the_approval_is_recorded_by_the_approval_only(self):
        """A coordinator forges the approval record: approved_by_id and
        approved_on are written by Approve Final Report only, not even by an
        administrator's direct write."""
        now = fields.Datetime.now()
        forged = (
            {"approved_by_id": self.user_manager.id},
            {"approved_on": now},
            {"approved_by_id": self.user_manager.id, "approved_on": now, "state": "running"},
        )
        for user in (self.user_coordinator, self.user_manager):
            for program in (self.pilot, self.program):
                for vals in forged:
                    with (
                        self.subTest(user=user.login, program=program.name, vals=sorted(vals)),
                        self.assertRaisesRegex(AccessError, "Approve Final Report"),
                    ):
                        program.with_user(user).write(vals)
        with self.assertRaisesRegex(AccessError, "Approve Final Report"):
            self.env["hr.mentoring.program"].with_user(self.user_coordinator).create(
                {"name": "Forged approval", "approved_by_id": self.user_manager.id, "approved_on": now}
            )
        for program in (self.pilot, self.program):
            self.env.invalidate_all()
            self.assertFalse(program.approved_by_id)
            self.assertFalse(program.approved_on)
        self.assertEqual(self.pilot.state, "pilot")
        self.assertFalse(self.env["hr.mentoring.program"].search([("name", "=", "Forged approval")]))

    def test_a_regulation_of_another_company_is_refused(self):
        """A coordinator of company 1 links the second company's regulation to
        a company-1 programme, so that its campaign would mail it."""
        Attachment = self.env["ir.attachment"]
        program_oc = self.env["hr.mentoring.program"].create(
            {"name": "Their Programme", "company_id": self.other_company.id}
        )
        theirs = Attachment.create(
            {
                "name": "Their rules.pdf",
                "raw": b"theirs",
                "res_model": program_oc._name,
                "res_id": program_oc.id,
                "company_id": self.other_company.id,
            }
        )
        program_oc.regulation_ids = theirs
        link = {"regulation_ids": [Command.link(theirs.id)]}
        with self.assertRaisesRegex(AccessError, "your own uploads or files you may read"):
            self.program.with_user(self.user_coordinator).write(link)
        # a coordinator of both companies may read it: it is still the other company's
        both = self._user(
            "bea", f"base.group_user,{COORDINATOR}", company_ids=[Command.set((self.company | self.other_company).ids)]
        )
        with self.assertRaisesRegex(ValidationError, "files of its company"):
            self.program.with_user(both).write(link)
        with self.assertRaisesRegex(ValidationError, "files of its company"):
            self.env["hr.mentoring.program"].with_user(both).create({"name": "Mine", **link})
        self.env.invalidate_all()
        self.assertFalse(self.program.regulation_ids)
        self.assertEqual((theirs.res_model, theirs.res_id), (program_oc._name, program_oc.id))
        self.assertFalse(self.env["hr.mentoring.program"].search([("name", "=", "Mine")]))

    def test_another_users_private_upload_is_not_published(self):
        """A coordinator links a loose attachment that another user uploaded:
        it would become the programme's, downloadable by every participant."""
        Attachment = self.env["ir.attachment"]
        private = Attachment.with_user(self.user_hr_officer).create({"name": "Hilda's notes.pdf", "raw": b"private"})
        program = self.program.with_user(self.user_coordinator)
        link = [Command.link(private.id)]
        with self.assertRaisesRegex(AccessError, "your own uploads or files you may read"):
            program.write({"regulation_ids": link})
        with self.assertRaisesRegex(AccessError, "your own uploads or files you may read"):
            self.env["hr.mentoring.program"].with_user(self.user_coordinator).create(
                {"name": "Published", "regulation_ids": link}
            )
        self.env.invalidate_all()
        self.assertFalse(self.program.regulation_ids)
        self.assertFalse(private.res_model)
        self.assertFalse(private.res_id)
        self.assertFalse(self.env["hr.mentoring.program"].search([("name", "=", "Published")]))
        for user in (self.user_coordinator, self.user_mentee_x, self.user_mentor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                private.with_user(user).check("read")
        # the coordinator's own upload becomes the programme's
        own = Attachment.with_user(self.user_coordinator).create({"name": "Rules.pdf", "raw": b"rules"})
        program.write({"regulation_ids": [Command.link(own.id)]})
        self.assertEqual((own.res_model, own.res_id, own.company_id), (program._name, program.id, self.company))
        own.with_user(self.user_mentee_x).check("read")

    def test_an_acknowledgement_stays_with_its_participant(self):
        """A coordinator deletes a pending acknowledgement, then gives an
        acknowledged one to the other participant: it would carry the first
        one's date and version."""
        regulation = self.env["ir.attachment"].create(
            {"name": "Rules.pdf", "raw": b"rules", "res_model": self.program._name, "res_id": self.program.id}
        )
        self.program.write({"regulation_ids": [Command.set(regulation.ids)], "regulation_version": 1})
        Ack = self.env["hr.mentoring.program.acknowledgement"]
        pending = Ack.create({"program_id": self.program.id, "employee_id": self.mentee_y.id, "role": "mentee"})
        acked = Ack.create({"program_id": self.program.id, "employee_id": self.mentee_x.id, "role": "mentee"})
        acked.with_user(self.user_mentee_x).action_acknowledge()
        before = (acked.employee_id, acked.program_id, acked.date_acknowledged, acked.regulation_version)
        pending.with_user(self.user_coordinator).unlink()
        as_coordinator = acked.with_user(self.user_coordinator)
        for vals in ({"employee_id": self.mentee_y.id}, {"program_id": self.program_2.id}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "belongs to its participant"):
                as_coordinator.write(vals)
        for vals in ({"date_acknowledged": fields.Datetime.now()}, {"regulation_version": 7}):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, "Only the participant"):
                as_coordinator.write(vals)
        with self.assertRaisesRegex(UserError, "belongs to its participant"):
            acked.with_user(self.user_mentee_x).write({"employee_id": self.mentee_y.id})
        self.env.invalidate_all()
        self.assertEqual(
            (acked.employee_id, acked.program_id, acked.date_acknowledged, acked.regulation_version), before
        )
        self.assertEqual(acked.state, "acknowledged")
        self.assertFalse(Ack.search([("employee_id", "=", self.mentee_y.id), ("program_id", "=", self.program.id)]))

    def test_a_logged_adjustment_stays(self):
        """unlink on a logged adjustment: the rule was kept by the view only."""
        Adjustment = self.env["hr.mentoring.program.adjustment"]
        logged = Adjustment.create({"program_id": self.pilot.id, "name": "Fewer events", "reason": "Workload"})
        for user in (self.user_coordinator, self.user_manager):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "logged adjustment stays"):
                logged.with_user(user).unlink()
        self.env.invalidate_all()
        self.assertTrue(logged.exists())
        self.assertEqual(logged.state, "confirmed")
        self.assertEqual(self.stage(self.pilot, "adjustment").state, "done")
        # a proposal not logged yet may still go
        proposal = Adjustment.create({"program_id": self.pilot.id, "name": "Proposed", "state": "draft"})
        proposal.with_user(self.user_coordinator).unlink()
        self.assertFalse(proposal.exists())

    def test_the_planned_intake_is_a_number_of_mentees(self):
        program = self.program_2.with_user(self.user_coordinator)
        before = program.planned_intake
        for value in (-5, -1, 10**6):
            with self.subTest(value=value), self.assertRaisesRegex(ValidationError, "planned intake"):
                program.write({"planned_intake": value})
        with self.assertRaisesRegex(ValidationError, "planned intake"):
            self.env["hr.mentoring.program"].with_user(self.user_coordinator).create(
                {"name": "Negative", "planned_intake": -5}
            )
        self.env.invalidate_all()
        self.assertEqual(self.program_2.planned_intake, before)
        self.assertFalse(self.env["hr.mentoring.program"].search([("name", "=", "Negative")]))


@tagged("post_install", "-at_install")
class TestHostileSurvey(LifecycleCase):
    """Every new internal user is a Survey user by Odoo's default: as such a
    user, the programmes' feedback surveys are out of reach."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_survey = cls._user("sue", "base.group_user,survey.group_survey_user")
        Survey = cls.env["survey.survey"]
        cls.pilot_survey = cls.env.ref("hr_mentoring.survey_pilot_feedback")
        cls.linked_survey = Survey.create({"title": "Onboarding feedback"})
        cls.env["survey.question"].create(
            {"survey_id": cls.linked_survey.id, "title": "How was it?", "question_type": "text_box"}
        )
        cls.program_2.survey_id = cls.linked_survey
        cls.free_survey = Survey.create({"title": "Canteen"})

    def _snapshot(self, survey):
        self.env.invalidate_all()
        survey = survey.with_context(active_test=False)
        return (
            survey.title,
            survey.mentoring_anonymous,
            survey.active,
            survey.restrict_user_ids,
            survey.question_and_page_ids,
            survey.question_and_page_ids.mapped("title"),
        )

    def test_a_survey_user_cannot_change_a_programme_survey(self):
        sue = self.user_survey
        for survey in (self.pilot_survey, self.linked_survey):
            before = self._snapshot(survey)
            question = survey.question_ids[:1]
            as_sue = survey.with_user(sue)
            attempts = {
                "switch anonymity off": lambda s=as_sue: s.write({"mentoring_anonymous": False}),
                "rename": lambda s=as_sue: s.write({"title": "Renamed"}),
                "archive": lambda s=as_sue: s.action_archive(),
                "restrict to themselves": lambda s=as_sue: s.write({"restrict_user_ids": [Command.set(sue.ids)]}),
                "edit a question": lambda q=question: q.with_user(sue).write({"title": "Edited"}),
                "delete a question": lambda q=question: q.with_user(sue).unlink(),
                "add a question": lambda s=survey: self.env["survey.question"]
                .with_user(sue)
                .create({"survey_id": s.id, "title": "Extra", "question_type": "text_box"}),
                "delete the survey": lambda s=as_sue: s.unlink(),
            }
            for label, attempt in attempts.items():
                with (
                    self.subTest(survey=survey.title, attempt=label),
                    self.assertRaisesRegex(AccessError, "mentoring coordinators"),
                ):
                    attempt()
            self.assertEqual(self._snapshot(survey), before)
        self.assertTrue(self.pilot_survey.mentoring_anonymous)

    def test_anonymity_is_the_coordinators_on_every_survey(self):
        sue = self.user_survey
        with self.assertRaisesRegex(AccessError, "mentoring coordinators"):
            self.free_survey.with_user(sue).write({"mentoring_anonymous": False})
        with self.assertRaisesRegex(AccessError, "mentoring coordinators"):
            self.env["survey.survey"].with_user(sue).create({"title": "Named", "mentoring_anonymous": False})
        self.env.invalidate_all()
        self.assertTrue(self.free_survey.mentoring_anonymous)
        self.assertFalse(self.env["survey.survey"].search([("title", "=", "Named")]))
        # the rest of the Survey app stays theirs
        self.free_survey.with_user(sue).write({"title": "Canteen 2026"})
        self.env["survey.question"].with_user(sue).create(
            {"survey_id": self.free_survey.id, "title": "Lunch?", "question_type": "text_box"}
        )
        self.assertEqual(self.free_survey.title, "Canteen 2026")
        # a coordinator decides for the programmes' surveys
        self.pilot_survey.with_user(self.user_coordinator).write({"mentoring_anonymous": False})
        self.assertFalse(self.pilot_survey.mentoring_anonymous)
        self.linked_survey.question_ids.with_user(self.user_coordinator).write({"title": "How did it go?"})
        self.assertEqual(self.linked_survey.question_ids.title, "How did it go?")
