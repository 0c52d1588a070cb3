import io
import shutil
from datetime import date, datetime
from unittest.mock import patch
from urllib.parse import unquote

from lxml import html
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfReader

from ..reports import hr_mentoring_program_report, hr_mentoring_program_xlsx
from ..reports.hr_mentoring_report_common import ROWS_PER_TABLE, chunked, compare
from .common import MentoringCase

PLAN = "hr_mentoring.report_mentoring_plan"
PROGRESS = "hr_mentoring.report_pairing_progress"
PROGRAM = "hr_mentoring.report_program"


class ReportsCase(MentoringCase):
    """Two running pairings with signed, late and missed events, action items
    and evaluations: Xavier (Key Accounts, in Sales) with Maria, and Yara
    (Support) with Marc.

    Feedback on time: Maria 0 of 2 (one late, one missed), Marc 2 of 3: the
    programme is at 40 %, Maria well below it and Marc well above it.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.crit_clients = cls.env.ref("hr_mentoring.criterion_mentee_client_work")
        cls.crit_technology = cls.env.ref("hr_mentoring.criterion_mentee_work_technology")
        cls.program.write(
            {
                "conclusions": "<p>Weekly discussions made the difference in the pilot.</p>",
                "mentee_criterion_ids": [Command.set((cls.crit_clients | cls.crit_technology).ids)],
            }
        )
        cls.pairing_x, cls.pairing_y = cls._pairings_x_y()
        Event = cls.env["hr.mentoring.event"]
        cls.feedback_x = Event.create(
            {
                "pairing_id": cls.pairing_x.id,
                "name": "Feedback on the 3rd working day",
                "event_type": "feedback",
                "date_due": date(2026, 3, 4),
                "state": "done",
                "date_done": date(2026, 3, 5),
                "signed_by_id": cls.user_mentor.id,
                "signed_on": datetime(2026, 3, 5, 15, 0),
                "mentor_comment": "Settled in well, knows the CRM already",
                "acknowledged": True,
                "acknowledged_on": datetime(2026, 3, 6, 9, 0),
                "mentee_comment": "Thank you for the tour of the teams",
                "reviewed": True,
                "reviewed_by_id": cls.user_head_x.id,
                "reviewed_on": datetime(2026, 3, 9, 10, 0),
                "review_comment": "Plan checked and kept",
            }
        )
        cls.missed_x = Event.create(
            {
                "pairing_id": cls.pairing_x.id,
                "name": "Weekly feedback",
                "event_type": "feedback",
                "date_due": date(2026, 3, 11),
                "state": "missed",
                "missed_on": date(2026, 3, 12),
                "missed_reason_category": "workload",
                "missed_reason": "Quarter closing week",
            }
        )
        cls.discussion_x = Event.create(
            {
                "pairing_id": cls.pairing_x.id,
                "name": "Planned discussion: client calls",
                "event_type": "planned_discussion",
                "date_due": date(2026, 3, 18),
                "state": "done",
                "date_done": date(2026, 3, 18),
                "signed_by_id": cls.user_mentor.id,
                "signed_on": datetime(2026, 3, 18, 11, 0),
                "action_item_ids": [
                    Command.create(
                        {"name": "Call three key accounts", "owner": "mentee", "deadline": date(2026, 3, 25)}
                    ),
                    Command.create({"name": "Read the pricing guide", "owner": "mentee", "done": True}),
                ],
            }
        )
        cls.milestone_x = Event.create(
            {
                "pairing_id": cls.pairing_x.id,
                "name": "End of the adaptation phase",
                "event_type": "milestone",
                "date_due": date(2026, 4, 1),
            }
        )
        Event.create(
            [
                {
                    "pairing_id": cls.pairing_y.id,
                    "name": "Support feedback day 3",
                    "event_type": "feedback",
                    "date_due": date(2026, 3, 4),
                    "state": "done",
                    "date_done": date(2026, 3, 4),
                },
                {
                    "pairing_id": cls.pairing_y.id,
                    "name": "Support weekly feedback",
                    "event_type": "feedback",
                    "date_due": date(2026, 3, 11),
                    "state": "done",
                    "date_done": date(2026, 3, 10),
                },
                {
                    "pairing_id": cls.pairing_y.id,
                    "name": "Support second weekly feedback",
                    "event_type": "feedback",
                    "date_due": date(2026, 3, 18),
                    "state": "missed",
                    "missed_on": date(2026, 3, 19),
                    "missed_reason_category": "mentee_absent",
                    "missed_reason": "Yara was on sick leave",
                },
            ]
        )

        def level(value):
            return cls.env.ref(f"hr_mentoring.scale_behaviour_level_{value}")

        def evaluation(kind, evaluator, day, clients, technology, state="submitted", **vals):
            return cls.env["hr.mentoring.evaluation"].create(
                {
                    "pairing_id": cls.pairing_x.id,
                    "kind": kind,
                    "evaluator_id": evaluator.id,
                    "date": day,
                    "state": state,
                    "line_ids": [
                        Command.create({"criterion_id": cls.crit_clients.id, "level_id": level(clients).id}),
                        Command.create({"criterion_id": cls.crit_technology.id, "level_id": level(technology).id}),
                    ],
                    **vals,
                }
            )

        # the mentee rates themself higher on clients, lower on technology
        cls.self_evaluation = evaluation("self", cls.user_mentee_x, date(2026, 3, 10), 4, 3)
        cls.mentor_evaluation_shared = evaluation(
            "mentor_on_mentee", cls.user_mentor, date(2026, 3, 10), 2, 3, shared_with_subject=True
        )
        cls.mentor_evaluation_private = evaluation("mentor_on_mentee", cls.user_mentor, date(2026, 4, 10), 3, 4)
        cls.mentor_evaluation_draft = evaluation(
            "mentor_on_mentee", cls.user_mentor, date(2026, 4, 20), 5, 5, state="draft"
        )
        cls.env.flush_all()

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _render(self, report, records, user=None):
        Report = self.env["ir.actions.report"]
        if user:
            self.env.invalidate_all()
            Report = Report.with_user(user)
        content, report_type = Report._render_qweb_html(report, records.ids)
        self.assertEqual(report_type, "html")
        return content.decode()

    def _rows(self, content, table_class):
        """The text of each body row of the tables with ``table_class``, cell by cell."""
        tree = html.fromstring(content)
        return [
            [" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
            for row in tree.xpath(f"//table[contains(@class, '{table_class}')]/tbody/tr")
        ]

    def _tables(self, content, table_class):
        return html.fromstring(content).xpath(f"//table[contains(@class, '{table_class}')]")


@tagged("post_install", "-at_install")
class TestReports(ReportsCase):
    # ------------------------------------------------------------------
    # mentoring plan
    # ------------------------------------------------------------------

    def test_plan_content(self):
        content = self._render(PLAN, self.pairing_x, self.user_coordinator)
        for text in (
            "Mentoring Plan",
            "New Client Managers",  # programme
            "Adaptation",  # phase
            "Maria",
            "Xavier",
            "Sales / Key Accounts",
            "Hanna",  # the department head
            "03/02/2026",  # start date
        ):
            self.assertIn(text, content)
        rows = self._rows(content, "o_mentoring_events")
        self.assertEqual(len(rows), 4, "every event of the plan, in date order")
        feedback = rows[0]
        self.assertIn("03/04/2026", feedback[0])
        self.assertIn("Feedback on the 3rd working day", feedback[1])
        self.assertIn("Done on 03/05/2026", feedback[2])
        self.assertIn("(late)", feedback[2])
        self.assertIn("Signed by Maria on 03/05/2026", feedback[3])
        self.assertIn("Settled in well, knows the CRM already", feedback[3])
        self.assertIn("Acknowledged on 03/06/2026", feedback[4])
        self.assertIn("Thank you for the tour of the teams", feedback[4])
        self.assertIn("Reviewed by Hanna on 03/09/2026", feedback[5])
        self.assertIn("Plan checked and kept", feedback[5])
        self.assertIn("Missed", rows[1][2])
        self.assertIn("Why missed: Workload", rows[1][2])
        self.assertIn("Planned", rows[3][2])
        self.assertNotIn("Signed by", rows[3][3])
        boxes = html.fromstring(content).xpath("//td[contains(@class, 'o_mentoring_signature_box')]")
        self.assertEqual(len(boxes), 3, "a box for the mentor, the mentee and the department head")
        box_texts = [" ".join(box.text_content().split()) for box in boxes]
        self.assertTrue(box_texts[0].startswith("Mentor Maria"))
        self.assertTrue(box_texts[1].startswith("Mentee Xavier"))
        self.assertTrue(box_texts[2].startswith("Department Head Hanna"))
        self.assertTrue(all("Signature:" in text and "Date:" in text for text in box_texts))

    def test_plan_of_many_pairings(self):
        content = self._render(PLAN, self.pairing_x | self.pairing_y, self.user_coordinator)
        self.assertEqual(len(html.fromstring(content).xpath("//div[hasclass('o_mentoring_plan')]")), 2)
        self.assertIn("Yara was on sick leave", content)
        self.assertIn("Yusuf", content, "the head of Support keeps Yara's plan")

    def test_nothing_selected(self):
        Report = self.env["ir.actions.report"].with_user(self.user_coordinator)
        for report in (PLAN, PROGRESS, PROGRAM):
            with self.subTest(report=report), self.assertRaisesRegex(UserError, "Select the"):
                Report._render_qweb_html(report, [])

    def test_plan_binding(self):
        report = self.env.ref("hr_mentoring.action_report_mentoring_plan")
        self.assertEqual(report.binding_model_id.model, "hr.mentoring.pairing", "in the pairing's Print menu")
        self.assertEqual(
            self.env.ref("hr_mentoring.action_report_pairing_progress").binding_model_id.model,
            "hr.mentoring.pairing",
        )

    def test_plan_access_by_role(self):
        # the mentee prints their own plan, with their mentor's comments
        content = self._render(PLAN, self.pairing_x, self.user_mentee_x)
        self.assertIn("Settled in well, knows the CRM already", content)
        # the mentor and the department head print it too
        self.assertIn("Xavier", self._render(PLAN, self.pairing_x, self.user_mentor))
        self.assertIn("Xavier", self._render(PLAN, self.pairing_x, self.user_head_x))
        self.assertIn("Yara", self._render(PLAN, self.pairing_y, self.user_head_y))
        # but nobody else, and not the pairings of other departments
        for user, pairing in (
            (self.user_head_x, self.pairing_y),
            (self.user_head_y, self.pairing_x),
            (self.user_mentor, self.pairing_y),
            (self.user_mentee_y, self.pairing_x),
            (self.user_outsider, self.pairing_x),
            (self.user_hr_officer, self.pairing_x),
            (self.user_other_company, self.pairing_x),
        ):
            with self.subTest(user=user.login), self.assertRaisesRegex(AccessError, "not among them"):
                self._render(PLAN, pairing, user)
        # one pairing out of reach refuses the whole print, without naming it
        with self.assertRaisesRegex(AccessError, "1 of the selected pairings") as cm:
            self._render(PLAN, self.pairing_x | self.pairing_y, self.user_mentor)
        self.assertNotIn("Yara", str(cm.exception))

    # ------------------------------------------------------------------
    # long tables
    # ------------------------------------------------------------------

    def test_chunked(self):
        self.assertEqual(chunked([], 3), [])
        self.assertEqual(chunked([1, 2, 3, 4, 5, 6, 7], 3), [[1, 2, 3], [4, 5, 6], [7]])
        self.assertEqual(chunked(list(range(ROWS_PER_TABLE))), [list(range(ROWS_PER_TABLE))])
        self.assertEqual([len(c) for c in chunked(list(range(1001)))], [500, 500, 1])
        events = self.pairing_x.event_ids.sorted("date_due")
        self.assertEqual([c.ids for c in chunked(events, 3)], [events[:3].ids, events[3:].ids])
        with self.assertRaises(ValueError):
            chunked([1], 0)

    def test_long_plan_is_split_into_tables(self):
        count = ROWS_PER_TABLE + 21 - len(self.pairing_x.event_ids)
        self.env["hr.mentoring.event"].create(
            [
                {
                    "pairing_id": self.pairing_x.id,
                    "name": f"Daily check {index}",
                    "event_type": "milestone",
                    "date_due": date(2026, 5, 1),
                    "state": "cancelled",
                }
                for index in range(count)
            ]
        )
        content = self._render(PLAN, self.pairing_x, self.user_coordinator)
        tables = self._tables(content, "o_mentoring_events")
        self.assertEqual([len(t.xpath("./tbody/tr")) for t in tables], [ROWS_PER_TABLE, 21])
        self.assertTrue(all(t.xpath("./thead/tr/th") for t in tables), "each table repeats its header")

    # ------------------------------------------------------------------
    # pairing progress
    # ------------------------------------------------------------------

    def test_progress_content(self):
        content = self._render(PROGRESS, self.pairing_x, self.user_coordinator)
        ratings = self._rows(content, "o_mentoring_ratings")
        self.assertEqual(len(ratings), 6, "the submitted ratings only, not the draft")
        clients = [row for row in ratings if row[0] == "Working With Clients"]
        self.assertEqual(
            [(row[1], row[2], row[4]) for row in clients],
            [
                ("03/10/2026", "Mentor Evaluates Mentee", "+0"),
                ("04/10/2026", "Mentor Evaluates Mentee", "+1"),
                ("03/10/2026", "Mentee Self-Evaluation", "+0"),
            ],
        )
        self.assertNotIn("04/20/2026", content)
        gaps = self._rows(content, "o_mentoring_gaps")
        self.assertEqual(
            gaps,
            [["Working With Clients", "4", "3", "+1"], ["Mastery of Work Technology", "3", "4", "-1"]],
        )
        actions = self._rows(content, "o_mentoring_action_items")
        self.assertEqual(len(actions), 1, "the open action items only")
        self.assertEqual(actions[0][:3], ["Call three key accounts", "Mentee", "03/25/2026"])
        missed = self._rows(content, "o_mentoring_missed")
        self.assertEqual(len(missed), 1)
        self.assertEqual(missed[0][0], "03/11/2026")
        self.assertIn("Weekly feedback", missed[0][1])
        self.assertEqual(missed[0][3:], ["03/12/2026", "Workload", "Quarter closing week"])

    def test_progress_shows_only_what_the_reader_may_read(self):
        # the mentee reads their self-evaluation and the mentor's shared one, not the other
        content = self._render(PROGRESS, self.pairing_x, self.user_mentee_x)
        self.assertNotIn("04/10/2026", content)
        self.assertEqual(len(self._rows(content, "o_mentoring_ratings")), 4)
        self.assertEqual(
            self._rows(content, "o_mentoring_gaps"),
            [["Working With Clients", "4", "2", "+2"], ["Mastery of Work Technology", "3", "3", "+0"]],
        )
        # the mentor and the department head read every submitted rating of the mentee
        for user in (self.user_mentor, self.user_head_x):
            with self.subTest(user=user.login):
                content = self._render(PROGRESS, self.pairing_x, user)
                self.assertEqual(len(self._rows(content, "o_mentoring_ratings")), 6)
        # Yara's head sees Yara's missed event and its reason, nothing of Xavier
        content = self._render(PROGRESS, self.pairing_y, self.user_head_y)
        self.assertEqual(
            self._rows(content, "o_mentoring_missed")[0][4:], ["Mentee Absent or on Leave", "Yara was on sick leave"]
        )
        for user in (self.user_head_y, self.user_outsider, self.user_other_company, self.user_mentee_y):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._render(PROGRESS, self.pairing_x, user)

    # ------------------------------------------------------------------
    # programme report
    # ------------------------------------------------------------------

    def test_program_report_for_the_coordinator(self):
        content = self._render(PROGRAM, self.program, self.user_coordinator)
        self.assertIn("All the pairings of the programme.", content)
        departments = self._rows(content, "o_mentoring_pairings_by_department")
        self.assertEqual(
            [row[0] for row in departments], ["Sales / Key Accounts", "Support", "Total"], "by department, then totals"
        )
        # columns: department, draft, proposed, active, done, cancelled, total
        self.assertEqual(departments[-1], ["Total", "0", "0", "2", "0", "0", "2"])
        feedback = self._rows(content, "o_mentoring_feedback_by_department")
        self.assertEqual(feedback, [["Sales / Key Accounts", "2", "0", "0.0 %"], ["Support", "3", "2", "66.7 %"]])
        mentors = {row[0]: row for row in self._rows(content, "o_mentoring_mentors")}
        self.assertEqual(set(mentors), {"Maria", "Marc"})
        self.assertEqual(mentors["Maria"][6], "0.0 %")
        self.assertIn("Feedback on time well below", mentors["Maria"][8])
        self.assertIn("Feedback on time well above", mentors["Marc"][8])
        # Maria's ratings of Xavier went up a level (+25 points) on both criteria;
        # the self-evaluations were made once (+0): (25 + 25 + 0 + 0) / 4
        self.assertEqual(mentors["Maria"][7], "+12.5", "mentee progress: latest minus first score, on average")
        self.assertEqual(mentors["Marc"][7], "—")
        self.assertIn("Well below the programme: Maria", content)
        self.assertIn("Well above the programme: Marc", content)
        criteria = {row[1]: row for row in self._rows(content, "o_mentoring_criteria")}
        # clients: 4, 2, 3 -> 3.00; technology: 3, 3, 4 -> 3.33 (drafts do not count)
        self.assertEqual(criteria["Working With Clients"][2:4], ["3", "3.00"])
        self.assertEqual(criteria["Mastery of Work Technology"][2:4], ["3", "3.33"])
        self.assertIn("Weekly discussions made the difference in the pilot.", content)

    def test_program_report_summarises_many_mentors(self):
        """Above the printed limit the report lists the mentors farthest from
        the programme's figures and says how many it leaves out; the Excel
        export still has every one."""
        with patch.object(hr_mentoring_program_report, "MENTOR_ROWS_PRINTED", 1):
            content = self._render(PROGRAM, self.program, self.user_coordinator)
        mentors = [row[0] for row in self._rows(content, "o_mentoring_mentors")]
        # Maria: 0 % on time, 40 points under the programme's 40 %; Marc: 66.7 %, 26.7 above
        self.assertEqual(mentors, ["Maria"], "the farthest from the programme")
        summary = " ".join(
            html.fromstring(content)
            .xpath("//p[contains(@class, 'o_mentoring_mentors_summarised')]")[0]
            .text_content()
            .split()
        )
        self.assertIn("The programme has 2 mentors: this report lists the 1 farthest", summary)
        self.assertIn("leaves out 1 closer to them", summary)
        self.assertIn("Well below the programme: Maria", content)
        self.assertNotIn("Well above the programme: Marc", content, "only the listed mentors are named")
        content = self._render(PROGRAM, self.program, self.user_coordinator)
        self.assertNotIn("o_mentoring_mentors_summarised", content, "2 mentors: all listed")

    def test_program_report_for_a_department_head(self):
        content = self._render(PROGRAM, self.program, self.user_head_x)
        self.assertIn("The pairings of your departments (Sales) and those you take part in.", content)
        departments = self._rows(content, "o_mentoring_pairings_by_department")
        self.assertEqual([row[0] for row in departments], ["Sales / Key Accounts", "Total"])
        self.assertEqual([row[0] for row in self._rows(content, "o_mentoring_mentors")], ["Maria"])
        for text in ("Support", "Marc", "Yara"):
            self.assertNotIn(text, content)
        content = self._render(PROGRAM, self.program, self.user_head_y)
        self.assertEqual([row[0] for row in self._rows(content, "o_mentoring_mentors")], ["Marc"])
        self.assertNotIn("Key Accounts", content)

    def test_program_report_refused_to_others(self):
        # mentors and mentees print their pairings' reports: the programme
        # report, which compares mentors, is refused to them with a message
        for user in (self.user_mentor, self.user_mentee_x, self.user_outsider, self.user_hr_officer):
            with self.subTest(user=user.login), self.assertRaisesRegex(AccessError, "only mentoring coordinators"):
                self._render(PROGRAM, self.program, user)
        with self.assertRaisesRegex(AccessError, "company you do not work in"):
            self._render(PROGRAM, self.program, self.user_other_company)

    def test_program_report_button(self):
        arch = self.env["hr.mentoring.program"].get_view(view_type="form")["arch"]
        report = self.env.ref("hr_mentoring.action_report_program")
        self.assertIn(f'name="{report.id}"', arch)
        self.assertIn('name="action_export_xlsx"', arch)
        self.assertEqual(report.binding_model_id.model, "hr.mentoring.program")

    def test_compare(self):
        self.assertEqual(compare(40.0, 60.0, 15.0), "below")
        self.assertEqual(compare(80.0, 60.0, 15.0), "above")
        self.assertEqual(compare(50.0, 60.0, 15.0), "")
        self.assertEqual(compare(None, 60.0, 15.0), "")

    # ------------------------------------------------------------------
    # analysis views and dashboard
    # ------------------------------------------------------------------

    def test_analysis_views(self):
        Event = self.env["hr.mentoring.event"]
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_mentoring.hr_mentoring_event_action_analysis")
        self.assertIn("search_default_filter_due", action["context"])
        for user in (self.user_coordinator, self.user_head_x):
            views = Event.with_user(user).get_views([(False, "pivot"), (False, "graph"), (False, "search")])
            self.assertEqual(set(views["views"]), {"pivot", "graph", "search"})
            self.assertIn('name="filter_running_programs"', views["views"]["search"]["arch"])
        domain = [
            ("event_type", "=", "feedback"),
            ("state", "in", ("done", "missed")),
            ("program_id.state", "in", ("pilot", "running")),
            # the fixtures' programmes: a database with demo data holds events of its own
            ("program_id", "in", (self.program | self.program_2).ids),
        ]

        def counts(user):
            groups = Event.with_user(user).web_read_group(domain, ["__count"], ["department_id"])["groups"]
            return {group["department_id"][1]: group["department_id_count"] for group in groups}

        self.assertEqual(counts(self.user_coordinator), {"Sales / Key Accounts": 2, "Support": 3})
        self.assertEqual(counts(self.user_head_x), {"Sales / Key Accounts": 2}, "a head: their departments only")
        Line = self.env["hr.mentoring.evaluation.line"]
        for user in (self.user_coordinator, self.user_head_x):
            views = Line.with_user(user).get_views([(False, "pivot"), (False, "graph"), (False, "search")])
            self.assertIn('name="filter_my_departments"', views["views"]["search"]["arch"])
        groups = Line.with_user(self.user_head_x)._read_group(
            [("state", "!=", "draft"), ("is_department_head", "=", True)], ["criterion_id"], ["value:avg"]
        )
        self.assertEqual({criterion.display_name: value for criterion, value in groups}["Working With Clients"], 3.0)
        self.assertFalse(
            Line.with_user(self.user_head_y).search_count([("program_id", "=", self.program.id)]),
            "the head of Support reads no rating of Sales",
        )
        Progress = self.env["hr.mentoring.progress"]
        views = Progress.with_user(self.user_head_x).get_views([(False, "pivot"), (False, "graph"), (False, "list")])
        self.assertEqual(set(views["views"]), {"pivot", "graph", "list"})
        groups = Progress.with_user(self.user_head_x)._read_group(
            [("is_latest", "=", True)], ["mentee_id"], ["score_change:avg"]
        )
        self.assertEqual([mentee.display_name for mentee, _change in groups], ["Xavier"])
        self.assertFalse(Progress.with_user(self.user_head_y).search_count([]))

    def test_program_dashboard_counters(self):
        Program = self.env["hr.mentoring.program"]
        self.assertIn("kanban", Program.with_user(self.user_coordinator).get_views([(False, "kanban")])["views"])
        fnames = ["active_pairing_count", "missed_event_count", "on_time_rate"]
        [figures] = self.program.with_user(self.user_coordinator).read(fnames)
        self.assertEqual((figures["active_pairing_count"], figures["missed_event_count"]), (2, 2))
        self.assertAlmostEqual(figures["on_time_rate"], 40.0)
        self.env.invalidate_all()
        [figures] = self.program.with_user(self.user_head_y).read(fnames)
        self.assertEqual((figures["active_pairing_count"], figures["missed_event_count"]), (1, 1))


@tagged("post_install", "-at_install")
class TestReportsExcel(ReportsCase):
    def _workbook(self, user):
        self.env.invalidate_all()
        content = self.program.with_user(user)._mentoring_export_xlsx()
        return load_workbook(io.BytesIO(content))

    def _header(self, sheet):
        return [cell.value for cell in sheet[1]]

    def _column(self, sheet, title):
        index = self._header(sheet).index(title)
        return [row[index] for row in sheet.iter_rows(min_row=2)]

    def test_workbook_for_the_coordinator(self):
        workbook = self._workbook(self.user_coordinator)
        self.assertEqual(workbook.sheetnames, ["Pairings", "Events", "Evaluations", "Mentors", "Programme"])
        counts = {name: workbook[name].max_row - 1 for name in workbook.sheetnames}
        # 2 pairings; 4 + 3 events; 4 evaluations of 2 ratings (also the draft); 2 mentors; the programme
        self.assertEqual(counts, {"Pairings": 2, "Events": 7, "Evaluations": 8, "Mentors": 2, "Programme": 1})
        for sheet in workbook:
            with self.subTest(sheet=sheet.title):
                self.assertEqual(sheet.freeze_panes, "A2", "the header row stays in view")
                self.assertEqual(
                    sheet.auto_filter.ref, f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
                )
                self.assertTrue(all(cell.font.b for cell in sheet[1]), "a bold header")

        pairings = workbook["Pairings"]
        self.assertEqual(self._header(pairings)[:4], ["Mentee", "Mentor", "Department", "Department Head"])
        mentees = [cell.value for cell in self._column(pairings, "Mentee")]
        self.assertEqual(sorted(mentees), ["Xavier", "Yara"])
        start = self._column(pairings, "Start Date")[0]
        self.assertEqual(start.value, datetime(2026, 3, 2), "a real date")
        self.assertEqual(start.number_format, "yyyy-mm-dd")
        rates = dict(zip(mentees, self._column(pairings, "On-Time Feedback"), strict=True))
        self.assertAlmostEqual(rates["Yara"].value, 2 / 3, places=3, msg="a percentage is a fraction")
        self.assertEqual(rates["Yara"].number_format, "0.0%")
        self.assertEqual(rates["Xavier"].value, 0)
        heads = dict(zip(mentees, [c.value for c in self._column(pairings, "Department Head")], strict=True))
        self.assertEqual(heads, {"Xavier": "Hanna", "Yara": "Yusuf"})

        events = workbook["Events"]
        names = [cell.value for cell in self._column(events, "Event")]
        feedback = names.index("Feedback on the 3rd working day")
        row = dict(zip(self._header(events), list(events.iter_rows(min_row=2))[feedback], strict=True))
        self.assertEqual(row["Due Date"].value, datetime(2026, 3, 4))
        self.assertEqual(row["Done On"].value, datetime(2026, 3, 5))
        self.assertIs(row["On Time"].value, False)
        self.assertIs(row["Acknowledged"].value, True)
        self.assertEqual(row["Signed On"].value, datetime(2026, 3, 5, 15, 0), "in the reader's time zone (UTC)")
        self.assertEqual(row["Signed On"].number_format, "yyyy-mm-dd hh:mm")
        self.assertEqual(row["Mentor's Comment"].value, "Settled in well, knows the CRM already")
        self.assertEqual(row["Reviewed By"].value, "Hanna")
        reasons = {c.value for c in self._column(events, "Explanation")} - {None}
        self.assertEqual(reasons, {"Quarter closing week", "Yara was on sick leave"})

        evaluations = workbook["Evaluations"]
        scores = self._column(evaluations, "Score")
        self.assertEqual(scores[0].number_format, "0.0%")
        self.assertTrue(all(0 <= cell.value <= 1 for cell in scores))
        self.assertIn("Draft", {c.value for c in self._column(evaluations, "Status")})

        mentors = workbook["Mentors"]
        by_mentor = {
            row[0].value: {title: cell.value for title, cell in zip(self._header(mentors), row, strict=True)}
            for row in mentors.iter_rows(min_row=2)
        }
        self.assertEqual(by_mentor["Maria"]["On-Time Feedback"], 0)
        self.assertEqual(by_mentor["Maria"]["On-Time Assessment"], "Well below the programme")
        self.assertAlmostEqual(by_mentor["Marc"]["On-Time vs Programme (points)"], 200 / 3 - 40, places=3)
        self.assertEqual(by_mentor["Marc"]["On-Time Assessment"], "Well above the programme")
        # no data is an empty cell in the Mentors sheet: its numeric columns hold numbers only
        self.assertIsNone(by_mentor["Marc"]["Mentee Progress (score change)"])
        numeric = [*self._header(mentors)[2:8], "Mentee Progress (score change)", "Progress vs Programme (points)"]
        for title in numeric:
            with self.subTest(column=title):
                values = [cell.value for cell in self._column(mentors, title)]
                self.assertTrue(all(value is None or isinstance(value, int | float) for value in values), values)

        # the programme's own figures, as its form shows them
        sheet = workbook["Programme"]
        summary = dict(zip(self._header(sheet), [cell.value for cell in sheet[2]], strict=True))
        program = self.program.with_user(self.user_coordinator)
        self.assertEqual(summary["Programme"], program.name)
        self.assertEqual(summary["Missed Events"], program.missed_event_count)
        self.assertEqual(summary["Feedback Due"], program.feedback_due_count)
        self.assertAlmostEqual(summary["On-Time Feedback"], program.on_time_rate / 100, places=6)
        self.assertAlmostEqual(summary["On-Time Feedback"], 0.4, places=6)
        self.assertEqual(summary["Survey Satisfaction"], "—", "no survey answered: no figure, not 0 %")

    def test_rows_stream_by_chunks(self):
        """The rows are read, written and dropped from the cache by chunks:
        with chunks of 2 rows the workbook holds the same cells, and no event
        is left in the cache."""

        def cells(workbook):
            return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in workbook}

        whole = cells(self._workbook(self.user_coordinator))
        with patch.object(hr_mentoring_program_xlsx, "ROW_CHUNK", 2):
            chunked = cells(self._workbook(self.user_coordinator))
        self.assertEqual(chunked, whole)
        self.assertEqual(len(chunked["Events"]), 1 + 7)
        Event = self.env["hr.mentoring.event"]
        events = Event.search([("program_id", "=", self.program.id)])
        self.assertFalse(
            [event for event in events if self.env.cache.contains(event, Event._fields["mentor_comment"])],
            "each chunk leaves the cache once written",
        )
        # and so does the fields' cache itself: an emptied dict keeps its size
        self.assertNotIn(Event._fields["mentor_comment"], self.env.cache._data)

    def test_export_keeps_a_pending_write(self):
        """The export drops the records it streamed from the cache: a write of
        the same transaction not yet sent to the database is saved first, not
        lost (the export can run inside a server action or a longer method)."""
        event = self.program.pairing_ids.event_ids.filtered("mentor_comment")[:1]
        event.mentor_comment = "Written just before the export"
        self.assertIn(event, self.env.cache.get_dirty_records(event, event._fields["mentor_comment"]))
        content = self.program.with_user(self.user_coordinator)._mentoring_export_xlsx()
        workbook = load_workbook(io.BytesIO(content))
        comments = [cell.value for cell in self._column(workbook["Events"], "Mentor's Comment")]
        self.assertIn("Written just before the export", comments)
        self.env.invalidate_all()
        self.assertEqual(event.mentor_comment, "Written just before the export")

    def test_workbook_for_a_department_head(self):
        workbook = self._workbook(self.user_head_x)
        counts = {name: workbook[name].max_row - 1 for name in workbook.sheetnames}
        # Xavier's pairing only, and the submitted ratings only
        self.assertEqual(counts, {"Pairings": 1, "Events": 4, "Evaluations": 6, "Mentors": 1, "Programme": 1})
        self.assertEqual(workbook["Mentors"]["A2"].value, "Maria")

    def test_workbook_refused_to_others(self):
        for user in (self.user_mentor, self.user_mentee_x, self.user_outsider):
            with self.subTest(user=user.login), self.assertRaisesRegex(AccessError, "only mentoring coordinators"):
                self._workbook(user)
            with self.subTest(user=user.login), self.assertRaisesRegex(AccessError, "only mentoring coordinators"):
                self.program.with_user(user).action_export_xlsx()
        with self.assertRaisesRegex(AccessError, "company you do not work in"):
            self._workbook(self.user_other_company)

    def test_export_action(self):
        action = self.program.with_user(self.user_coordinator).action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/hr_mentoring/program/{self.program.id}/xlsx")


@tagged("post_install", "-at_install")
class TestReportsHttp(HttpCase, ReportsCase):
    def test_download(self):
        url = f"/hr_mentoring/program/{self.program.id}/xlsx"
        self.authenticate(self.user_coordinator.login, self.user_coordinator.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.headers["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        self.assertIn("Mentoring - New Client Managers.xlsx", unquote(response.headers["Content-Disposition"]))
        self.assertEqual(load_workbook(io.BytesIO(response.content)).sheetnames[0], "Pairings")

        self.authenticate(self.user_mentor.login, self.user_mentor.login)
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(response.content.startswith(b"PK"), "no workbook")

    def test_plan_real_pdf(self):
        """The printed plan is a company's document: the company in the header
        and the page numbers in the footer of every page, which only a
        wkhtmltopdf with patched Qt prints (scripts/setup.sh installs one in the
        venv's bin, first on Odoo's PATH); the distributions' build warns that
        it ignores the header and footer."""
        if not shutil.which("wkhtmltopdf"):
            self.skipTest("wkhtmltopdf is not installed")
        self.company.name = "Kyiv Polytechnic Mentoring Office"
        # in an HttpCase, so that wkhtmltopdf fetches the report's assets from
        # the test server; tests render HTML unless forced to make the PDF.
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        with self.assertNoLogs("odoo.addons.base.models.ir_actions_report", "WARNING"):
            pdf, report_type = Report.with_user(self.user_mentor)._render_qweb_pdf(PLAN, self.pairing_x.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        pages = PdfReader(io.BytesIO(pdf)).pages
        self.assertGreaterEqual(len(pages), 1)
        for number, page in enumerate(pages, start=1):
            text = " ".join(page.extract_text().split())
            self.assertIn("Kyiv Polytechnic Mentoring Office", text, f"the company in the header of page {number}")
            self.assertIn(f"Page {number} / {len(pages)}", text, f"the page number in the footer of page {number}")
        self.assertIn(self.mentee_x.name, " ".join(pages[0].extract_text().split()))
