"""Issue 14: each role's day in the browser on a pairing — the buttons and
fields of the role only, a plan that waits for approval, the reasons a head
approves on, and "—" where a figure has no data."""

import io
from datetime import date

from lxml import etree
from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..models.hr_mentoring_figures import NO_DATA
from ..models.hr_mentoring_pairing import STEP_BUTTONS
from .common import MentoringCase

# every can_* of a pairing and the public method whose success it announces
CAN_ACTIONS = {
    **{fname: f"action_{'reset_draft' if fname == 'can_reset' else fname[4:]}" for fname in STEP_BUTTONS},
    "can_decline": "action_decline",
    "can_plan": "action_open_plan_wizard",
    "can_log_discussion": "action_log_discussion",
}
MENTORING_ACTIVITY = "hr_mentoring.mail_activity_type_mentoring"
# approving a pairing whose plan is ready: its activities in one batch
# (measured: at most 60 without demo data, 61 with it)
APPROVE_QUERIES = 61


class _Rollback(Exception):
    pass


@tagged("post_install", "-at_install")
class TestPairingButtons(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mentor.mentor_capacity = 4
        Program = cls.env["hr.mentoring.program"]
        # one programme per pairing: any of them may become active alone
        cls.pairings = {}
        for state in ("draft", "proposed", "active", "done", "cancelled"):
            program = Program.create(
                {"name": f"Programme {state}", "coordinator_id": cls.user_coordinator.id, "state": "running"}
            )
            cls.pairings[state] = cls._pairing(cls.mentee_x, state=state, program=program)
        cls.role_users = {
            "coordinator": cls.user_coordinator,
            "head": cls.user_head_x,
            "mentor": cls.user_mentor,
            "mentee": cls.user_mentee_x,
        }

    def _passes(self, record, method, target=None):
        """Whether ``method`` of ``record`` (a name or a function of the
        record) succeeds, and when ``target`` is given, moves the pairing to
        that state (a step to the state it is in changes nothing); undone
        either way."""
        call = getattr(record, method) if isinstance(method, str) else lambda: method(record)
        before = record.state
        try:
            with self.env.cr.savepoint():
                call()
                record.env.flush_all()
                raise _Rollback(not target or (before != target and record.state == target))
        except _Rollback as done:
            return done.args[0]
        except (AccessError, UserError):
            return False
        finally:
            self.env.invalidate_all()

    def test_can_matches_the_action_for_every_role(self):
        checked = 0
        for role, user in self.role_users.items():
            for state, pairing in self.pairings.items():
                if state == "draft" and role != "coordinator":
                    continue  # a draft is the coordinator's working copy (below)
                record = pairing.with_user(user)
                for fname, method in CAN_ACTIONS.items():
                    self.env.invalidate_all()
                    can = record[fname]
                    with self.subTest(role=role, state=state, button=fname):
                        self.assertEqual(self._passes(record, method, STEP_BUTTONS.get(fname)), can)
                        checked += 1
        self.assertEqual(checked, (5 + 4 * 3) * len(CAN_ACTIONS))

    def test_what_each_role_sees(self):
        def buttons(role, state):
            record = self.pairings[state].with_user(self.role_users[role])
            return {fname for fname in CAN_ACTIONS if record[fname]}

        self.assertEqual(buttons("mentee", "active"), set(), "the mentee sees no End, no Log a Discussion")
        self.assertEqual(buttons("mentee", "proposed"), set())
        self.assertEqual(buttons("mentor", "proposed"), {"can_decline"})
        self.assertEqual(buttons("mentor", "active"), {"can_log_discussion"})
        self.assertEqual(buttons("head", "proposed"), {"can_approve", "can_cancel", "can_plan"})
        self.assertEqual(buttons("head", "active"), {"can_done", "can_plan", "can_log_discussion"})
        self.assertEqual(buttons("head", "done"), set())
        self.assertEqual(buttons("coordinator", "draft"), {"can_propose", "can_approve", "can_cancel"})
        self.assertEqual(buttons("coordinator", "cancelled"), {"can_reset"})

    def test_editable_fields_follow_the_role(self):
        pairing = self.pairings["active"]
        expected = {"coordinator": (True, True), "head": (False, True), "mentor": (False, False)}
        expected["mentee"] = (False, False)
        for role, (can_edit, can_edit_date_end) in expected.items():
            record = pairing.with_user(self.role_users[role])
            with self.subTest(role=role):
                self.assertEqual((record.can_edit, record.can_edit_date_end), (can_edit, can_edit_date_end))
                self.assertEqual(self._passes(record, lambda r: r.write({"phase": "training"})), can_edit)
                end = self._passes(record, lambda r: r.write({"date_end": date(2026, 12, 31)}))
                self.assertEqual(end, can_edit_date_end)

    def test_outsiders_read_nothing(self):
        """Nobody reads a pairing without a role on it (HR officers neither):
        there is no button to hide from them."""
        for user in (self.user_outsider, self.user_hr_officer, self.user_head_y):
            for state, pairing in self.pairings.items():
                with self.subTest(user=user.login, state=state), self.assertRaises(AccessError):
                    pairing.with_user(user).read(list(CAN_ACTIONS))
        for user in (self.user_head_x, self.user_mentor, self.user_mentee_x):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.pairings["draft"].with_user(user).read(["can_approve"])

    def test_form_and_list_use_the_booleans(self):
        Pairing = self.env["hr.mentoring.pairing"]
        form = etree.fromstring(Pairing.get_view(view_type="form")["arch"])
        expected = {
            "action_propose": "can_propose",
            "action_approve": "can_approve",
            "action_decline": "can_decline",
            "action_open_plan_wizard": "can_plan",
            "action_log_discussion": "can_log_discussion",
            "action_done": "can_done",
            "action_cancel": "can_cancel",
            "action_reset_draft": "can_reset",
        }
        for method, fname in expected.items():
            nodes = form.xpath(f"//header/button[@name='{method}']")
            self.assertTrue(nodes, method)
            for node in nodes:
                self.assertIn(f"not {fname}", node.get("invisible"), method)
                self.assertFalse(node.get("groups"), f"{method}: the boolean decides, not a group")
        for fname in ("relationship_type", "phase", "date_start", "program_id", "mentor_id", "mentee_id"):
            self.assertIn("not can_edit", form.xpath(f"//sheet//field[@name='{fname}']")[0].get("readonly"), fname)
        self.assertEqual(form.xpath("//sheet//field[@name='date_end']")[0].get("readonly"), "not can_edit_date_end")
        listing = etree.fromstring(Pairing.get_view(view_type="list")["arch"])
        self.assertIn("not can_approve", listing.xpath("//button[@name='action_approve']")[0].get("invisible"))


@tagged("post_install", "-at_install")
class TestPlanBeforeApproval(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("hr_mentoring.plan_template_adaptation")

    def _activities(self, events):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.mentoring.event"),
                ("res_id", "in", events.ids),
                ("activity_type_id", "=", self.env.ref(MENTORING_ACTIVITY).id),
            ]
        )

    def _proposed_with_plan(self, mentee):
        pairing = self._pairing(mentee, state="proposed", date_start=date(2026, 3, 2))
        wizard = (
            self.env["hr.mentoring.plan.wizard"]
            .with_user(self.user_coordinator)
            .create({"pairing_id": pairing.id, "template_id": self.template.id, "date_start": date(2026, 3, 2)})
        )
        wizard.action_create_plan()
        self.assertTrue(pairing.event_ids)
        return pairing

    def test_plan_of_a_proposed_pairing_is_a_draft(self):
        pairing = self._proposed_with_plan(self.mentee_x)
        self.assertFalse(self._activities(pairing.event_ids), "nobody acts on a plan that may be declined")
        users = (self.user_mentor | self.user_mentee_x | self.user_head_x).ids
        self.assertFalse(
            self.env["mail.activity"].search_count([("res_model", "=", "hr.mentoring.event"), ("user_id", "in", users)])
        )

    def test_approval_starts_the_activities_in_one_batch(self):
        pairing = self._proposed_with_plan(self.mentee_x)
        planned = pairing.event_ids.filtered(lambda e: e.state == "planned")
        head_pairing = pairing.with_user(self.user_head_x)
        self.env.flush_all()
        with self.assertQueryCount(APPROVE_QUERIES):
            head_pairing.action_approve()
            self.env.flush_all()
        activities = self._activities(planned)
        self.assertEqual(len(activities), len(planned), "one activity per planned event")
        self.assertEqual(set(activities.mapped("res_id")), set(planned.ids))
        by_role = {
            "mentor": self.user_mentor,
            "mentee": self.user_mentee_x,
            "head": self.user_head_x,
            "coordinator": self.user_coordinator,
        }
        for activity in activities:
            event = planned.browse(activity.res_id)
            self.assertEqual(activity.user_id, by_role[event.responsible_role], event.name)
            self.assertEqual(activity.date_deadline, event.date_due, event.name)

    def test_same_queries_for_a_longer_plan(self):
        """The approval's queries do not grow with the plan."""
        short = self._proposed_with_plan(self.mentee_x)
        short.event_ids[: len(short.event_ids) // 2].sudo().unlink()
        long = self._proposed_with_plan(self.mentee_y)
        counts = []
        for pairing in (short, long):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            pairing.with_user(self.user_coordinator).action_approve()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertLess(len(short.event_ids), len(long.event_ids))
        self.assertLessEqual(counts[1], counts[0] + 2, f"queries: {counts}")

    def test_declined_plan_leaves_no_activity(self):
        pairing = self._proposed_with_plan(self.mentee_x)
        wizard = (
            self.env["hr.mentoring.decline.wizard"]
            .with_user(self.user_mentor)
            .create({"pairing_id": pairing.id, "reason": "Too many client visits this quarter."})
        )
        wizard.action_decline()
        self.assertEqual(pairing.state, "cancelled")
        self.assertFalse(self._activities(pairing.event_ids))
        self.assertEqual(set(pairing.event_ids.mapped("state")), {"cancelled"})


@tagged("post_install", "-at_install")
class TestApprovalReasons(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mentor.sudo().write({"mentor_evaluation_result": 87.0, "mentor_training_date": date(2025, 5, 1)})
        cls.env["hr.mentoring.preference"].create(
            {"chosen_by": "mentee", "mentee_id": cls.mentee_x.id, "mentor_id": cls.mentor.id}
        )
        Wizard = cls.env["hr.mentoring.mentor.selection.wizard"].with_user(cls.user_coordinator)
        wizard = Wizard.create({"mentee_id": cls.mentee_x.id, "program_id": cls.program.id})
        wizard.line_ids.write({"selected": False})
        wizard.line_ids.filtered(lambda line: line.mentor_id == cls.mentor).selected = True
        wizard.action_create_pairing()
        cls.pairing = cls.env["hr.mentoring.pairing"].search([("mentee_id", "=", cls.mentee_x.id)])

    def test_coordinator_reads_every_reason(self):
        pairing = self.pairing.with_user(self.user_coordinator)
        self.assertIn("Selection evaluation 87%", pairing.match_reasons)
        self.assertIn("Mentor training completed", pairing.match_reasons)
        self.assertIn("Chosen by the mentee", pairing.match_reasons)

    def test_head_reads_the_shared_reasons(self):
        pairing = self.pairing.with_user(self.user_head_x)
        self.assertTrue(pairing.can_approve)
        reasons = pairing.approval_reasons
        self.assertIn("places free", reasons)
        self.assertIn("Sales", reasons, "the mentor's department")
        self.assertIn("years with the company", reasons)
        for secret in ("87", "Selection evaluation", "training", "Chosen by", "feedback", "Not evaluated"):
            self.assertNotIn(secret, reasons)
        with self.assertRaises(AccessError):
            pairing.read(["match_reasons"])
        form = Form(pairing)
        self.assertEqual(form.approval_reasons, reasons)
        self.assertAlmostEqual(form.match_score, self.pairing.match_score)

    def test_mentee_and_mentor_read_no_reason(self):
        for user in (self.user_mentee_x, self.user_mentor):
            pairing = self.pairing.with_user(user)
            with self.subTest(user=user.login):
                self.assertFalse(pairing.approval_reasons)
                with self.assertRaises(AccessError):
                    pairing.read(["match_reasons"])
                with self.assertRaises(AccessError):
                    pairing.read(["match_reasons_shared"])

    def test_form_shows_the_score_out_of_100(self):
        arch = self.env["hr.mentoring.pairing"].with_user(self.user_head_x).get_view(view_type="form")["arch"]
        self.assertIn("/ 100", arch)
        self.assertIn('name="approval_reasons"', arch)
        self.assertNotIn('name="match_reasons"', arch, "the coordinators' reasons are not in a head's form")


@tagged("post_install", "-at_install")
class TestNoDataFigures(MentoringCase):
    def test_pairing_without_feedback_due(self):
        pairing = self._pairing(self.mentee_x, state="proposed")
        self.env["hr.mentoring.event"].create(
            {"pairing_id": pairing.id, "name": "Feedback", "event_type": "feedback", "date_due": date(2026, 3, 4)}
        )
        self.assertEqual(pairing.feedback_due_count, 0)
        self.assertFalse(pairing.has_feedback_due)
        self.assertEqual(pairing.on_time_label, NO_DATA)
        pairing.event_ids.write({"state": "missed"})
        self.assertTrue(pairing.has_feedback_due)
        self.assertEqual(pairing.on_time_label, "0.0 %", "a missed feedback is a real zero")

    def test_program_and_mentor_without_data(self):
        self.assertFalse(self.program.has_feedback_due)
        self.assertEqual(self.program.on_time_label, NO_DATA)
        mentor = self.mentor.with_user(self.user_coordinator)
        self.assertFalse(mentor.mentor_has_feedback_due)
        self.assertFalse(mentor.mentor_has_progress)
        self.assertFalse(mentor.mentor_has_feedback)
        self.assertEqual(
            (mentor.mentor_on_time_label, mentor.mentor_progress_label, mentor.mentor_feedback_label),
            (NO_DATA, NO_DATA, NO_DATA),
        )

    def test_views_show_the_labels(self):
        Pairing = self.env["hr.mentoring.pairing"]
        listing = etree.fromstring(Pairing.get_view(view_type="list")["arch"])
        self.assertTrue(listing.xpath("//field[@name='on_time_label']"))
        kanban = etree.tostring(etree.fromstring(Pairing.get_view(view_type="kanban")["arch"]), encoding="unicode")
        self.assertIn("has_feedback_due", kanban)
        self.assertIn(NO_DATA, kanban)
        Employee = self.env["hr.employee"].with_user(self.user_coordinator)
        ranking = Employee.get_view(self.env.ref("hr_mentoring.hr_employee_view_list_mentor").id, "list")["arch"]
        for fname in ("mentor_on_time_label", "mentor_progress_label", "mentor_feedback_label"):
            self.assertIn(fname, ranking)
        self.assertNotIn('name="mentor_on_time_rate"', ranking, "no 0 % for a mentor without data")

    def test_progress_report_and_excel_show_no_data(self):
        pairing = self._pairing(self.mentee_x, state="active")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("hr_mentoring.report_pairing_progress", pairing.ids)[0]
            .decode()
        )
        tree = etree.fromstring(html, etree.HTMLParser())
        cells = tree.xpath("//th[normalize-space()='Feedback on Time']/following-sibling::td[1]")
        self.assertEqual(cells[0].xpath("normalize-space()"), NO_DATA)
        self.assertIn("page-break-inside: avoid", html)
        content = self.program.with_user(self.user_coordinator)._mentoring_export_xlsx()
        sheet = load_workbook(io.BytesIO(content))["Pairings"]
        titles = [cell.value for cell in sheet[1]]
        rates = [row[titles.index("On-Time Feedback")].value for row in sheet.iter_rows(min_row=2)]
        self.assertEqual(rates, [NO_DATA])
