import io
from datetime import date, timedelta

from openpyxl import load_workbook

from odoo import Command, fields
from odoo.addons.hr_mentoring.models.hr_mentoring_figures import NO_DATA
from odoo.addons.hr_mentoring.models.meeting_slots import person_tz
from odoo.tests import TransactionCase, freeze_time, tagged
from odoo.tools import float_round

from .common import MentoringCase

REPORT = "report.hr_mentoring.report_program"
# what the Monitoring report reads for one programme: its rows added up
MONITORING_AGGREGATES = [
    "pairing_done_count:sum",
    "feedback_due:sum",
    "feedback_on_time:sum",
    "on_time_rate:avg",
    "mentee_progress:avg",
    "integration_checked_count:sum",
    "integration_reached_count:sum",
    "integration_rate:avg",
    "survey_responses:max",
    "satisfaction:avg",
]


class FiguresAgreeCase:
    """The check that the programme form, the Monitoring report, the final
    report and the Excel export of a programme show the same figures."""

    def _assert_same(self, label, values):
        """Every value of ``values`` ({where: value}) is the first one, as
        people read it (one decimal): None (no data) everywhere, or the same
        number everywhere."""
        (first_where, first), *others = values.items()
        for where, value in others:
            with self.subTest(figure=label, where=where):
                message = f"{label}: {where} says {value}, {first_where} says {first}"
                if first is None or value is None:
                    self.assertEqual(value, first, message)
                else:
                    self.assertEqual(float_round(value, 1), float_round(first, 1), message)

    def _xlsx_sheets(self, program):
        workbook = load_workbook(io.BytesIO(program._mentoring_export_xlsx()))

        def rows(name):
            sheet = workbook[name]
            header = [cell.value for cell in sheet[1]]
            return [dict(zip(header, [cell.value for cell in row], strict=True)) for row in sheet.iter_rows(min_row=2)]

        return rows("Programme")[0], rows("Pairings")

    def _assert_figures_agree(self, program, user):
        self.env.flush_all()
        self.env.invalidate_all()
        form = program.with_user(user)
        [monitoring] = (
            self.env["hr.mentoring.monitoring"]
            .with_user(user)
            ._read_group([("program_id", "=", program.id)], [], MONITORING_AGGREGATES)
        )
        # an average of no rows (nothing to measure) reads False: no data
        monitoring = {
            spec: None if value is False else value
            for spec, value in zip(MONITORING_AGGREGATES, monitoring, strict=True)
        }
        Report = self.env[REPORT].with_user(user)
        figures = Report._mentoring_get_program_figures(form)
        final = Report._mentoring_get_final_figures(form, figures)["measured"]
        xlsx, xlsx_pairings = self._xlsx_sheets(form)

        def from_xlsx(value, percent=False):
            if value == NO_DATA:
                return None
            return value * 100 if percent and value is not None else value

        self._assert_same(
            "on-time feedback",
            {
                "form": form.on_time_rate if form.has_feedback_due else None,
                "monitoring": monitoring["on_time_rate:avg"],
                "programme report": figures["average_rate"],
                "final report": final["on_time_rate"],
                "excel": from_xlsx(xlsx["On-Time Feedback"], percent=True),
            },
        )
        self._assert_same(
            "feedback due",
            {
                "form": form.feedback_due_count,
                "monitoring": monitoring["feedback_due:sum"] or 0,
                "programme report": figures["feedback_due"],
                "final report": final["feedback_due"],
                "excel": xlsx["Feedback Due"],
                "excel pairings": sum(row["Feedback Due"] for row in xlsx_pairings),
            },
        )
        self._assert_same(
            "feedback on time",
            {
                "form": form.event_on_time_count,
                "monitoring": monitoring["feedback_on_time:sum"] or 0,
                "programme report": figures["feedback_on_time"],
                "final report": final["feedback_on_time"],
                "excel": xlsx["Feedback on Time"],
            },
        )
        Event = self.env["hr.mentoring.event"].with_user(user)
        self._assert_same(
            "missed events",
            {
                "form": form.missed_event_count,
                "the list it opens": Event.search_count(form.action_open_missed_events()["domain"]),
                "final report": final["missed"],
                "excel": xlsx["Missed Events"],
                "excel pairings": sum(row["Missed"] for row in xlsx_pairings),
            },
        )
        self._assert_same(
            "mentee progress",
            {
                "form": form.average_progress if form.has_progress else None,
                "monitoring": monitoring["mentee_progress:avg"],
                "programme report": figures["average_progress"],
                "final report": final["average_progress"],
                "excel": from_xlsx(xlsx["Mentee Progress (score change)"]),
            },
        )
        for label, fname, key, column in (
            ("integration checklists", "integration_checked_count", "integration_checked", "Integration Checklists"),
            ("integrated mentees", "integration_reached_count", "integration_reached", "Integrated Mentees"),
        ):
            self._assert_same(
                label,
                {
                    "form": form[fname],
                    "monitoring": monitoring[f"{fname}:sum"] or 0,
                    "final report": final[key],
                    "excel": xlsx[column],
                },
            )
        self._assert_same(
            "integration reached",
            {
                "form": form.integration_rate if form.integration_checked_count else None,
                "monitoring": monitoring["integration_rate:avg"],
                "final report": final["integration_rate"],
                "excel": from_xlsx(xlsx["Integration Reached"], percent=True),
            },
        )
        self._assert_same(
            "survey satisfaction",
            {
                "form": form.survey_satisfaction if form.has_survey_satisfaction else None,
                "feedback page": form._mentoring_survey_results()[program.id]["satisfaction"],
                "monitoring": monitoring["satisfaction:avg"],
                "final report": final["satisfaction"],
                "excel": from_xlsx(xlsx["Survey Satisfaction"], percent=True),
            },
        )
        self._assert_same(
            "survey answers",
            {"form": form.survey_done_count, "monitoring": monitoring["survey_responses:max"] or 0},
        )
        self._assert_same(
            "pairings done",
            {
                "form": form.done_pairing_count,
                "monitoring": monitoring["pairing_done_count:sum"] or 0,
                "final report": final["pairings_done"],
                "excel": xlsx["Pairings Done"],
            },
        )
        self._assert_same(
            "pairings",
            {
                "form": form.pairing_count,
                "programme report": figures["pairing_total"],
                "final report": final["pairings"],
                "excel": xlsx["Pairings"],
                "excel pairings": len(xlsx_pairings),
            },
        )
        self._assert_same("events done", {"form": form.event_done_count, "excel": xlsx["Events Done"]})
        self._assert_same("active pairings", {"form": form.active_pairing_count, "excel": xlsx["Active Pairings"]})
        return form


@tagged("post_install", "-at_install")
class TestOneDefinition(FiguresAgreeCase, MentoringCase):
    """Each figure of a programme is counted once (hr.mentoring.figures): the
    programme form, the Monitoring report, the final report, the Excel export
    and the digests agree, also where a pairing was cancelled after its
    feedback was due and where the departments weigh differently."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.program.write({"state": "pilot", "is_pilot": True})
        cls.env["hr.mentoring.integration.criterion"].create({"program_id": cls.program.id, "name": "Integrated"})
        cls.px = cls._pairing(cls.mentee_x)
        cls.py = cls._pairing(cls.mentee_y, mentor=cls.mentor_y)
        zoe = cls._employee("Zoe", department_id=cls.dept_y.id)
        cls.pz = cls._pairing(zoe, mentor=cls.mentor_y)
        # Key Accounts: 2 of 2 on time; Support: 1 of 3 (late, missed, and on
        # time in a pairing cancelled since): the programme 3 of 5, 60 %, where
        # the average of the departments' rates would be 66.7 %
        cls._feedback(cls.px, "done", 20, date_done=cls.today - timedelta(days=20))
        cls._feedback(cls.px, "done", 10, date_done=cls.today - timedelta(days=11))
        cls._feedback(cls.py, "done", 20, date_done=cls.today - timedelta(days=18))
        cls._feedback(cls.py, "missed", 10, missed_on=cls.today - timedelta(days=9))
        cls._feedback(cls.pz, "done", 20, date_done=cls.today - timedelta(days=20))
        cls.pz.write({"state": "cancelled"})
        # ratings: Xavier twice on two criteria, Yara once on one
        levels = cls.env.ref("hr_mentoring.scale_behaviour").level_ids.sorted("value")
        criteria = cls.env["hr.mentoring.criterion"].search([("subject", "=", "mentee")], limit=2)
        for pairing, days, values in (
            (cls.px, 40, (0, 1)),
            (cls.px, 10, (3, 3)),
            (cls.py, 10, (2,)),
        ):
            cls.env["hr.mentoring.evaluation"].create(
                {
                    "pairing_id": pairing.id,
                    "kind": "coordinator_on_mentee",
                    "evaluator_id": cls.user_coordinator.id,
                    "date": cls.today - timedelta(days=days),
                    "state": "submitted",
                    "line_ids": [
                        Command.create({"criterion_id": criterion.id, "level_id": levels[value].id})
                        for criterion, value in zip(criteria, values, strict=False)
                    ],
                }
            )
        # the integration checklists: Xavier integrated, Yara not yet
        (cls.px | cls.py)._mentoring_create_integration_checks()
        cls.px.integration_check_ids.write({"met_mentor": True, "met_head": True})

    @classmethod
    def _feedback(cls, pairing, state, days_ago, **vals):
        event = cls.env["hr.mentoring.event"].create(
            {
                "pairing_id": pairing.id,
                "name": "Feedback",
                "event_type": "feedback",
                "date_due": cls.today - timedelta(days=days_ago),
            }
        )
        event.write({"state": state, **vals})
        return event

    def _answer_survey(self):
        """Xavier answers 5 on every scale, Marc 2; Marc says he spends 3 hours a week."""
        self.program.with_user(self.user_coordinator).action_send_feedback_survey()
        answers = self.env["survey.user_input"].search([("mentoring_program_id", "=", self.program.id)])
        for employee, scale in ((self.mentee_x, 5), (self.mentor_y, 2)):
            answer = answers.filtered(lambda a, e=employee: a.mentoring_employee_id == e)
            for question in answer.predefined_question_ids:
                if question.question_type == "scale":
                    answer._save_lines(question, str(scale))
                elif question.question_type == "numerical_box":
                    answer._save_lines(question, "3")
            answer._mark_done()
        return answers

    def test_every_figure_agrees(self):
        self._answer_survey()
        program = self._assert_figures_agree(self.program, self.user_coordinator)
        self.assertAlmostEqual(program.on_time_rate, 60.0)
        self.assertEqual((program.feedback_due_count, program.missed_event_count), (5, 1))
        self.assertEqual((program.integration_reached_count, program.integration_checked_count), (1, 2))
        self.assertTrue(program.has_progress)
        self.assertTrue(program.has_survey_satisfaction)
        self.assertEqual(program.survey_done_count, 2)

    def test_monitoring_groups_add_up_before_they_divide(self):
        """By department each row has its own rate; grouped by programme the
        pivot shows the programme's, not the average of its rows."""
        Monitoring = self.env["hr.mentoring.monitoring"].with_user(self.user_coordinator)
        rows = Monitoring.search([("program_id", "=", self.program.id)])
        by_department = {row.department_id: row for row in rows}
        self.assertAlmostEqual(by_department[self.dept_x_sub].on_time_rate, 100.0)
        self.assertAlmostEqual(by_department[self.dept_y].on_time_rate, 100.0 / 3)
        self.assertEqual(by_department[self.dept_y].pairing_count, 1, "the cancelled pairing is not counted as one")
        [(rate,)] = Monitoring._read_group([("program_id", "=", self.program.id)], [], ["on_time_rate:avg"])
        self.assertAlmostEqual(rate, 60.0)
        [(_department, rate)] = Monitoring._read_group(
            [("department_id", "=", self.dept_y.id)], ["department_id"], ["on_time_rate:avg"]
        )
        self.assertAlmostEqual(rate, 100.0 / 3)

    def test_satisfaction_is_the_feedback_pages(self):
        """The scale answers on 0-100, averaged: Xavier's 5 is 100, Marc's 2 is
        25. The hours a week Marc spends (a number) are no satisfaction."""
        answers = self._answer_survey()
        lines = answers.user_input_line_ids.filtered(lambda line: line.answer_type == "scale")
        xavier = lines.filtered(lambda line: line.user_input_id.mentoring_employee_id == self.mentee_x)
        marc = lines - xavier
        expected = (100.0 * len(xavier) + 25.0 * len(marc)) / len(lines)
        program = self.program.with_user(self.user_coordinator)
        self.assertAlmostEqual(program.survey_satisfaction, expected, places=1)
        self.assertAlmostEqual(program._mentoring_survey_results()[program.id]["satisfaction"], expected)
        self.assertIn(program.survey_satisfaction_label, program.survey_results_html)
        self.env.flush_all()
        rows = (
            self.env["hr.mentoring.monitoring"]
            .with_user(self.user_coordinator)
            .search([("program_id", "=", self.program.id)])
        )
        self.assertEqual(len(rows), 2)
        for row in rows:
            self.assertAlmostEqual(row.satisfaction, expected, msg=row.department_id.name)
            self.assertEqual(row.survey_responses, 2)
        # a department head of the programme sees the same figure; a mentor none
        self.assertAlmostEqual(self.program.with_user(self.user_head_y).survey_satisfaction, expected, places=1)
        mentor = self.program.with_user(self.user_mentor)
        self.assertFalse(mentor.has_survey_satisfaction)
        self.assertEqual(mentor.survey_satisfaction_label, NO_DATA)

    def test_a_head_sees_the_figures_of_their_departments(self):
        """Yusuf heads Support: the form and the Monitoring report count
        Support's pairings for him, and agree."""
        self.env.flush_all()
        self.env.invalidate_all()
        program = self.program.with_user(self.user_head_y)
        self.assertEqual((program.feedback_due_count, program.event_on_time_count), (3, 1))
        [(rate, due)] = (
            self.env["hr.mentoring.monitoring"]
            .with_user(self.user_head_y)
            ._read_group([("program_id", "=", self.program.id)], [], ["on_time_rate:avg", "feedback_due:sum"])
        )
        self.assertEqual(due, program.feedback_due_count)
        self.assertAlmostEqual(rate, program.on_time_rate, places=1)

    def test_every_counter_opens_its_list(self):
        program = self.program.with_user(self.user_coordinator)
        Event = self.env["hr.mentoring.event"].with_user(self.user_coordinator)
        action = program.action_open_feedback_due()
        self.assertEqual(Event.search_count(action["domain"]), program.feedback_due_count)
        self.assertEqual(
            Event.search_count([*action["domain"], ("done_on_time", "=", True)]), program.event_on_time_count
        )
        self.assertEqual(action["context"]["group_by"], ["done_on_time"])
        self.assertEqual(Event.search_count(program.action_open_missed_events()["domain"]), program.missed_event_count)


@tagged("post_install", "-at_install")
class TestOneDefinitionElsewhere(MentoringCase):
    """The missed-events digest, the nearest head and the time zones are each
    decided in one place."""

    def _flag_missed(self, program, mentee, mentor):
        pairing = self._pairing(mentee, mentor=mentor, program=program, date_start=date(2026, 3, 2))
        self.env["hr.mentoring.event"].create(
            [
                {"pairing_id": pairing.id, "name": f"Feedback {day}", "event_type": "feedback", "date_due": day}
                for day in (date(2026, 3, 3), date(2026, 3, 4))
            ]
        )
        return pairing

    def test_missed_digest_per_programme_with_the_cards_figure(self):
        """A coordinator of two programmes gets one digest for each, on the
        programme, with the programme's missed events in all: the card's figure,
        also once some of them were explained."""
        self.company.partner_id.tz = "UTC"
        px = self._flag_missed(self.program, self.mentee_x, self.mentor)
        self._flag_missed(self.program_2, self.mentee_y, self.mentor_y)
        Event = self.env["hr.mentoring.event"]
        with freeze_time("2026-03-04 08:00:00"):
            Event._cron_flag_missed_events()
        # one explained as done late: the programme has one missed event left
        first = px.event_ids.filtered(lambda e: e.state == "missed")[:1]
        first.write({"state": "done", "date_done": date(2026, 3, 4), "missed_reason_category": "workload"})
        with freeze_time("2026-03-05 08:00:00"):
            Event._cron_flag_missed_events()
        digests = self.env["mail.message"].search(
            [
                ("model", "=", "hr.mentoring.program"),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.user_coordinator.partner_id.ids),
            ],
            order="id",
        )
        self.assertEqual(
            [(digest.res_id, digest.subject) for digest in digests],
            [
                (self.program.id, "Missed mentoring events"),
                (self.program_2.id, "Missed mentoring events"),
                (self.program.id, "Missed mentoring events"),
                (self.program_2.id, "Missed mentoring events"),
            ],
        )
        self.assertIn("1 mentoring events were missed", digests[2].body)
        program = self.program.with_user(self.user_coordinator)
        self.assertEqual(program.missed_event_count, 1)
        self.assertIn(f"In all, {program.name} has 1 missed events to explain or reschedule.", digests[2].body)
        self.assertIn(f"In all, {self.program_2.name} has 2 missed events", digests[3].body)

    def test_the_participants_head_is_the_pairings_head(self):
        """A manager mentored in the department they head: the campaign and
        the survey reach the head above them, the one who approves."""
        team = self.env["hr.department"].create(
            {"name": "Key Account Team", "parent_id": self.dept_x.id, "manager_id": self.emp_outsider.id}
        )
        self.emp_outsider.department_id = team
        pairing = self._pairing(self.emp_outsider, state="proposed")
        self.assertEqual(pairing._mentoring_head_users()[pairing.id], self.user_head_x)
        participants = self.program._mentoring_participants()[self.program.id]
        self.assertEqual(participants.get(self.emp_head_x), "head")
        self.assertEqual(participants.get(self.emp_outsider), "mentee", "not their own head")

    def test_time_zone_is_odoos(self):
        """An employee's time zone is Odoo HR's: their own, else their working hours'."""
        self.mentee_x.tz = "Europe/Kyiv"
        self.assertEqual(person_tz(self.mentee_x).zone, "Europe/Kyiv")
        no_calendar = self._employee("Nadia", resource_calendar_id=False)
        self.assertEqual(person_tz(no_calendar).zone, no_calendar._get_tz())


@tagged("post_install", "-at_install")
class TestDemoFiguresAgree(FiguresAgreeCase, TransactionCase):
    """On the demo data (``make test DEMO=1``): every programme's figures are
    the same on its form, in the Monitoring report, in the final report and in
    the Excel export, for its coordinator."""

    def test_every_programme_of_the_demo(self):
        coordinator = self.env.ref("hr_mentoring.user_cora", raise_if_not_found=False)
        if not coordinator:
            self.skipTest("the demo data is not installed: run make test DEMO=1")
        programs = self.env["hr.mentoring.program"].search([])
        self.assertGreaterEqual(len(programs), 2)
        for program in programs:
            with self.subTest(program=program.name):
                self._assert_figures_agree(program, program.coordinator_id or coordinator)
        pilot = self.env.ref("hr_mentoring.program_customer_care_pilot").with_user(coordinator)
        # the pilot's satisfaction is its Feedback page's, on 0-100 (not the hours a week its mentors spend)
        self.assertTrue(pilot.has_survey_satisfaction)
        self.assertGreater(pilot.survey_satisfaction, 10.0)
