import io
import shutil
from datetime import date, timedelta

from lxml import etree, html

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfReader

from ..models.skill_portrait import portrait_rows
from .common import MentoringCase, set_aside_other_mentors

SVG = "{http://www.w3.org/2000/svg}"
PROGRESS = "hr_mentoring.report_pairing_progress"
PROGRAM = "hr_mentoring.report_program"
# the portrait of a programme report or of the progress report of many
# pairings, whatever their number (the target portrait, the levels now, the
# skill history, the names of the skills and levels)
PORTRAIT_QUERIES = 8


class SkillsCase(MentoringCase):
    """A skill type of five levels (as hr_skills' soft skills), three skills;
    the programme's target portrait: Communication Advanced, Problem Solving
    Intermediate. The mentee criterion "Working With Clients" rates
    Communication."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Mentoring Skills",
                "skill_ids": [
                    Command.create({"name": name, "sequence": index})
                    for index, name in enumerate(("Communication", "Problem Solving", "Empathy"))
                ],
                "skill_level_ids": [
                    Command.create({"name": name, "level_progress": progress})
                    for name, progress in (
                        ("Beginner", 15),
                        ("Elementary", 25),
                        ("Intermediate", 50),
                        ("Advanced", 80),
                        ("Expert", 100),
                    )
                ],
            }
        )
        skills = {skill.name: skill for skill in cls.skill_type.skill_ids}
        cls.communication, cls.problem_solving, cls.empathy = (
            skills["Communication"],
            skills["Problem Solving"],
            skills["Empathy"],
        )
        cls.levels = {level.name: level for level in cls.skill_type.skill_level_ids}
        cls.criterion = cls.env.ref("hr_mentoring.criterion_mentee_client_work")
        cls.criterion.skill_id = cls.communication
        cls.program.write(
            {
                "mentee_criterion_ids": [Command.set(cls.criterion.ids)],
                "target_skill_ids": [
                    Command.create({"skill_id": cls.communication.id, "skill_level_id": cls.levels["Advanced"].id}),
                    Command.create(
                        {"skill_id": cls.problem_solving.id, "skill_level_id": cls.levels["Intermediate"].id}
                    ),
                ],
            }
        )
        cls.pairing_x = cls._pairing(cls.mentee_x)
        cls.scale_levels = cls.criterion.scale_id.level_ids.sorted("value")
        cls.Proposal = cls.env["hr.mentoring.skill.proposal"]

    def _employee_skill(self, employee, skill, level, day=None):
        record = self.env["hr.employee.skill"].create(
            {
                "employee_id": employee.id,
                "skill_type_id": skill.skill_type_id.id,
                "skill_id": skill.id,
                "skill_level_id": self.levels[level].id,
            }
        )
        if day:
            self.env["hr.employee.skill.log"].search(
                [("employee_id", "=", employee.id), ("skill_id", "=", skill.id)]
            ).date = day
        return record

    def _evaluate(self, value, kind="mentor_on_mentee", user=None, pairing=None, day=date(2026, 3, 20)):
        pairing = pairing or self.pairing_x
        user = user or pairing.mentor_id.user_id
        evaluation = (
            self.env["hr.mentoring.evaluation"]
            .with_user(user)
            .create({"pairing_id": pairing.id, "kind": kind, "date": day})
        )
        for line in evaluation.line_ids:
            line.level_id = line.criterion_id.scale_id.level_ids.filtered(lambda lv: lv.value == value)
        evaluation.action_submit()
        return evaluation

    def _skill_of(self, employee, skill):
        return self.env["hr.employee.skill"].search([("employee_id", "=", employee.id), ("skill_id", "=", skill.id)])


@tagged("post_install", "-at_install")
class TestSkillProposals(SkillsCase):
    def test_a_submitted_evaluation_proposes_and_writes_nothing(self):
        # a draft proposes nothing, nor a self-evaluation
        draft = (
            self.env["hr.mentoring.evaluation"]
            .with_user(self.user_mentor)
            .create({"pairing_id": self.pairing_x.id, "kind": "mentor_on_mentee"})
        )
        draft.line_ids.level_id = self.scale_levels[3]
        self._evaluate(4, kind="self", user=self.user_mentee_x)
        self.assertFalse(self.Proposal.search([("pairing_id", "=", self.pairing_x.id)]))
        # the mentor's evaluation: level 4 of 5 (75 %) proposes Advanced (80 %)
        evaluation = self._evaluate(4)
        proposal = self.Proposal.search([("pairing_id", "=", self.pairing_x.id)])
        self.assertEqual(
            (proposal.skill_id, proposal.skill_level_id, proposal.current_level_id, proposal.state),
            (self.communication, self.levels["Advanced"], self.env["hr.skill.level"], "proposed"),
        )
        self.assertEqual((proposal.evaluation_id, proposal.criterion_id), (evaluation, self.criterion))
        self.assertFalse(self._skill_of(self.mentee_x, self.communication), "nothing written silently")
        self.env.invalidate_all()
        self.assertEqual(self.pairing_x.with_user(self.user_mentor).skill_proposal_count, 1)
        # a later evaluation updates the open proposal of the skill
        self._evaluate(5, day=date(2026, 3, 27))
        proposals = self.Proposal.search([("pairing_id", "=", self.pairing_x.id)])
        self.assertEqual(proposals, proposal)
        self.assertEqual(proposal.skill_level_id, self.levels["Expert"])

    def test_the_level_on_record_proposes_nothing(self):
        self._employee_skill(self.mentee_x, self.communication, "Advanced")
        self._evaluate(4)
        self.assertFalse(self.Proposal.search([("pairing_id", "=", self.pairing_x.id)]))

    def test_the_mentor_confirms_and_the_skill_history_records_it(self):
        self._employee_skill(self.mentee_x, self.communication, "Beginner", day=date(2026, 2, 1))
        self._evaluate(4)
        proposal = self.Proposal.search([("pairing_id", "=", self.pairing_x.id)])
        self.assertEqual(proposal.current_level_id, self.levels["Beginner"])
        # neither the mentee (who may not read it) nor the head confirms it
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_mentee_x).read(["skill_level_id"])
        for user in (self.user_mentee_x, self.user_head_x, self.user_outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                proposal.with_user(user).action_confirm()
        self.env.invalidate_all()
        self.assertTrue(proposal.with_user(self.user_mentor).can_decide)
        self.assertFalse(proposal.with_user(self.user_head_x).can_decide)
        proposal.with_user(self.user_mentor).action_confirm()
        self.assertEqual((proposal.state, proposal.decided_by_id), ("confirmed", self.user_mentor))
        self.assertEqual(self._skill_of(self.mentee_x, self.communication).skill_level_id, self.levels["Advanced"])
        logs = self.env["hr.employee.skill.log"].search(
            [("employee_id", "=", self.mentee_x.id), ("skill_id", "=", self.communication.id)], order="date"
        )
        self.assertEqual(logs.skill_level_id.mapped("name"), ["Beginner", "Advanced"], "Odoo's history of the growth")
        with self.assertRaisesRegex(UserError, "already decided"):
            proposal.with_user(self.user_mentor).action_reject()

    def test_a_new_skill_is_created_on_confirmation(self):
        self._evaluate(3)
        proposal = self.Proposal.search([("pairing_id", "=", self.pairing_x.id)])
        proposal.with_user(self.user_coordinator).action_confirm()
        self.assertEqual(self._skill_of(self.mentee_x, self.communication).skill_level_id, self.levels["Intermediate"])

    def test_rejected_leaves_the_skills_as_they_are(self):
        self._employee_skill(self.mentee_x, self.communication, "Beginner")
        self._evaluate(5)
        proposal = self.Proposal.search([("pairing_id", "=", self.pairing_x.id)])
        proposal.with_user(self.user_mentor).action_reject()
        self.assertEqual(proposal.state, "rejected")
        self.assertEqual(self._skill_of(self.mentee_x, self.communication).skill_level_id, self.levels["Beginner"])

    def test_a_coordinators_evaluation_is_the_coordinators_to_confirm(self):
        self._evaluate(4, kind="coordinator_on_mentee", user=self.user_coordinator)
        proposal = self.Proposal.search([("pairing_id", "=", self.pairing_x.id)])
        self.assertEqual(proposal.evaluation_kind, "coordinator_on_mentee")
        self.assertFalse(self.Proposal.with_user(self.user_mentor).search([("id", "=", proposal.id)]))
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_mentor).action_confirm()
        self.assertTrue(self.Proposal.with_user(self.user_head_x).search([("id", "=", proposal.id)]))
        proposal.with_user(self.user_coordinator).action_confirm()
        self.assertEqual(proposal.state, "confirmed")

    def test_proposals_are_not_written_by_hand(self):
        self._evaluate(4)
        proposal = self.Proposal.search([("pairing_id", "=", self.pairing_x.id)])
        for user in (self.user_coordinator, self.user_mentor):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    proposal.with_user(user).write({"skill_level_id": self.levels["Expert"].id})
                with self.assertRaises(UserError):
                    self.Proposal.with_user(user).create(
                        {
                            "pairing_id": self.pairing_x.id,
                            "skill_id": self.empathy.id,
                            "skill_level_id": self.levels["Expert"].id,
                        }
                    )


@tagged("post_install", "-at_install")
class TestSkillPortrait(SkillsCase):
    def test_portrait_target_start_and_now(self):
        start = self.pairing_x.date_start
        self._employee_skill(self.mentee_x, self.communication, "Beginner", day=start - timedelta(days=20))
        self._evaluate(4)
        self.Proposal.search([("pairing_id", "=", self.pairing_x.id)]).action_confirm()
        rows = portrait_rows(self.env, self.pairing_x)[self.pairing_x.id]
        self.assertEqual([row["skill"] for row in rows], [self.communication, self.problem_solving])
        communication, problem_solving = rows
        self.assertEqual(
            (communication["target"], communication["start"], communication["now"]),
            (self.levels["Advanced"], self.levels["Beginner"], self.levels["Advanced"]),
        )
        self.assertEqual(problem_solving["target"], self.levels["Intermediate"])
        self.assertFalse(problem_solving["start"] or problem_solving["now"])
        # the picture: one row per skill, the bars at their levels
        self.env.invalidate_all()
        svg = str(self.pairing_x.with_user(self.user_mentee_x).skill_portrait_svg)
        self.assertTrue(svg.startswith("<svg"))
        tree = etree.fromstring(svg)
        texts = [text.text for text in tree.iter(f"{SVG}text")]
        self.assertEqual(texts[-4:], ["Communication", "Advanced / Advanced", "Problem Solving", "— / Intermediate"])
        titles = [title.text for title in tree.iter(f"{SVG}title")]
        self.assertIn("At the start: Beginner", titles)
        self.assertIn("Now: Advanced", titles)
        self.assertIn("Target: Intermediate", titles)

    def test_names_are_escaped(self):
        self.problem_solving.name = "<script>alert(1)</script>"
        svg = str(self.pairing_x.skill_portrait_svg)
        self.assertNotIn("<script>", svg)
        self.assertIn("&lt;script&gt;", svg)

    def test_without_target_the_skills_of_the_criteria(self):
        self.program.target_skill_ids = [Command.clear()]
        rows = portrait_rows(self.env, self.pairing_x)[self.pairing_x.id]
        self.assertEqual([row["skill"] for row in rows], [self.communication])
        self.assertFalse(rows[0]["target"])
        self.program.mentee_criterion_ids = [Command.clear()]
        self.env.invalidate_all()
        self.assertFalse(self.pairing_x.skill_portrait_svg)

    def test_progress_report_prints_the_portrait(self):
        self._employee_skill(self.mentee_x, self.communication, "Elementary", day=date(2026, 1, 5))
        content, _type = (
            self.env["ir.actions.report"].with_user(self.user_mentor)._render_qweb_html(PROGRESS, self.pairing_x.ids)
        )
        content = content.decode()
        self.assertIn("<svg", content)
        text = " ".join(html.fromstring(content).text_content().split())
        self.assertIn("Competency Portrait", text)
        self.assertIn("Communication", text)
        self.assertIn("Elementary / Advanced", text)

    def test_programme_report_average_gap_per_skill(self):
        pairing_y = self._pairing(self.mentee_y, mentor=self.mentor_y)
        self._employee_skill(self.mentee_x, self.communication, "Intermediate")
        self._employee_skill(self.mentee_y, self.communication, "Expert")
        self._employee_skill(self.mentee_y, self.problem_solving, "Elementary")
        # a draft pairing does not count
        self._pairing(self.emp_outsider, mentor=self.mentor_y, state="draft")
        figures = self.env["report.hr_mentoring.report_program"].with_user(self.user_coordinator)
        rows = {row["skill"]: row for row in figures._mentoring_get_development_figures(self.program)["skill_gap_rows"]}
        communication = rows[self.communication]
        self.assertEqual((communication["mentees"], communication["reached"]), (2, 1))
        self.assertEqual(communication["average_now"], (50 + 100) / 2)
        self.assertEqual(communication["average_gap"], ((80 - 50) + (80 - 100)) / 2)
        self.assertEqual(rows[self.problem_solving]["average_gap"], ((50 - 0) + (50 - 25)) / 2)
        # the head: the mentees of their departments only
        head = self.env["report.hr_mentoring.report_program"].with_user(self.user_head_x)
        rows = {row["skill"]: row for row in head._mentoring_get_development_figures(self.program)["skill_gap_rows"]}
        self.assertEqual(rows[self.communication]["mentees"], 1)
        self.assertTrue(pairing_y)
        content, _type = (
            self.env["ir.actions.report"].with_user(self.user_coordinator)._render_qweb_html(PROGRAM, self.program.ids)
        )
        text = " ".join(html.fromstring(content.decode()).text_content().split())
        self.assertIn("Competency Portrait: Gap to Target", text)
        self.assertIn("Advanced (80 %)", text)

    def test_portrait_costs_a_fixed_number_of_queries(self):
        """The portraits of the progress report and the programme report's gaps:
        the same queries for 2 and for 21 pairings."""
        mentors = self.env["hr.employee"].create(
            [{"name": f"Mentor {i}", "mentor_state": "approved", "mentor_capacity": 4} for i in range(6)]
        )
        mentees = self.env["hr.employee"].create([{"name": f"Newcomer {i}"} for i in range(22)])
        self.program_2.target_skill_ids = [
            Command.create({"skill_id": skill.id, "skill_level_id": self.levels["Advanced"].id})
            for skill in (self.communication, self.problem_solving)
        ]
        pairings = self.env["hr.mentoring.pairing"].create(
            [
                {
                    "program_id": (self.program_2 if i < 2 else self.program).id,
                    "mentor_id": mentors[i // 4].id,
                    "mentee_id": mentee.id,
                    "date_start": date(2026, 3, 2),
                    "state": "active",
                }
                for i, mentee in enumerate(mentees)
            ]
        )
        for index, mentee in enumerate(mentees):
            self._employee_skill(mentee, self.communication, ("Beginner", "Elementary")[index % 2], date(2026, 2, 1))
            self._employee_skill(mentee, self.problem_solving, "Beginner", date(2026, 2, 1))
        Report = self.env["report.hr_mentoring.report_program"].with_user(self.user_coordinator)
        Pairing = self.env["hr.mentoring.pairing"].with_user(self.user_coordinator)
        small, large = pairings[:2], pairings[2:] | self.pairing_x
        progress = [self._count(lambda p=p: portrait_rows(self.env, Pairing.browse(p.ids))) for p in (small, large)]
        self.assertEqual(progress[0], progress[1], "progress report portraits of 2 and 21 pairings")
        self.assertLessEqual(progress[1], PORTRAIT_QUERIES)
        programme = []
        for program, size in ((self.program_2, 2), (self.program, 21)):
            rows = Report._mentoring_get_development_figures(program)["skill_gap_rows"]
            self.assertEqual(rows[0]["mentees"], size)
            programme.append(self._count(lambda program=program: Report._mentoring_get_development_figures(program)))
        self.assertEqual(programme[0], programme[1], "programme report figures of 2 and 21 pairings")

    def _count(self, fn):
        self.env.flush_all()
        self.env.invalidate_all()
        fn()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        fn()
        return self.env.cr.sql_log_count - before


@tagged("post_install", "-at_install")
class TestMentorCompetencies(SkillsCase):
    """Mentor candidates compared with the mentor competencies the company keeps as skills."""

    def _reasons(self):
        set_aside_other_mentors(self)
        wizard = (
            self.env["hr.mentoring.mentor.selection.wizard"]
            .with_user(self.user_coordinator)
            .create({"mentee_id": self.emp_outsider.id, "program_id": self.program.id})
        )
        return {line.mentor_id: line.reasons for line in wizard.line_ids}

    def test_competencies_in_the_reasons(self):
        # a database with demo data keeps the method's mentor competencies as skills: not this company yet
        self.env["hr.mentoring.criterion"].search([("subject", "=", "mentor")]).skill_id = False
        self.assertNotIn("Mentor competencies", "".join(self._reasons().values()), "no competency kept as a skill")
        supportive = self.env.ref("hr_mentoring.criterion_mentor_supportive")
        supportive.skill_id = self.empathy
        self.program.mentor_criterion_ids = supportive
        self._employee_skill(self.mentor, self.empathy, "Advanced")
        reasons = self._reasons()
        self.assertIn("Mentor competencies: Empathy (Advanced)", reasons[self.mentor])
        self.assertIn("Mentor competencies: Empathy (not on record)", reasons[self.mentor_y])


@tagged("post_install", "-at_install")
class TestSkillPortraitPdf(HttpCase, SkillsCase):
    def test_progress_report_pdf_prints_the_portrait(self):
        """The portrait prints in the PDF as the form shows it: the SVG's
        texts are in the page (wkhtmltopdf draws the SVG itself)."""
        if not shutil.which("wkhtmltopdf"):
            self.skipTest("wkhtmltopdf is not installed")
        self._employee_skill(self.mentee_x, self.communication, "Elementary", day=date(2026, 1, 5))
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, report_type = Report.with_user(self.user_mentor)._render_qweb_pdf(PROGRESS, self.pairing_x.ids)
        self.assertEqual(report_type, "pdf")
        text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
        self.assertIn("Competency Portrait", text)
        self.assertIn("Problem Solving", text)
        self.assertIn("Elementary / Advanced", text)
