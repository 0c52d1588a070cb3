"""Each role's day in the browser: what the forms offer is what the server accepts.

Buttons and editable fields follow computed ``can_*`` booleans (Odoo's Time Off
way); the systray's "Today" / "Late" open exactly the records with such an
activity; many2one pickers find pairings, events and evaluations by name; the
role menus list exactly the work of the role.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from ..models.res_users import ACTIVITY_MENU_MODELS
from .common import MentoringCase, today_of


class _Passed(Exception):
    """Raised inside a savepoint to undo an action that went through."""


@tagged("post_install", "-at_install", "access")
class TestUiRoles(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the mentor's today: her clock and her lists count from it
        cls.today = today_of(cls.user_mentor)
        cls.scale = cls.env.ref("hr_mentoring.scale_behaviour")
        cls.client_work = cls.env.ref("hr_mentoring.criterion_mentee_client_work")
        cls.technology = cls.env.ref("hr_mentoring.criterion_mentee_work_technology")
        cls.program.write({"mentee_criterion_ids": [(6, 0, (cls.client_work | cls.technology).ids)]})
        cls.pairing_x, cls.pairing_y = cls._pairings_x_y()
        # the head of Sales is herself mentored (by Marc): her own plan is not hers to review
        cls.pairing_head = cls._pairing(cls.emp_head_x, mentor=cls.mentor_y)
        Event = cls.env["hr.mentoring.event"]
        future = cls.today + timedelta(days=10)

        def event(name, pairing=None, state="planned", **vals):
            record = Event.create(
                {
                    "pairing_id": (pairing or cls.pairing_x).id,
                    "name": name,
                    "event_type": vals.pop("event_type", "feedback"),
                    "date_due": vals.pop("date_due", future),
                    **vals,
                }
            )
            if state != "planned":
                record.write({"state": state})
            return record

        cls.ev_planned = event("Planned feedback")
        cls.ev_mentee = event("Self-reflection", responsible_role="mentee")
        cls.ev_done = event("Signed feedback", state="done", date_due=cls.today - timedelta(days=5))
        cls.ev_reviewed = event("Reviewed feedback", state="done", date_due=cls.today - timedelta(days=6))
        cls.ev_reviewed.reviewed = True
        cls.ev_cancelled = event("Cancelled feedback", state="cancelled")
        cls.ev_missed = event("Missed feedback", state="missed", date_due=cls.today - timedelta(days=4))
        cls.ev_explained = event("Explained feedback", state="missed", date_due=cls.today - timedelta(days=3))
        cls.ev_explained.missed_reason_category = "workload"
        cls.ev_rescheduled = event("Rescheduled feedback", state="missed", date_due=cls.today - timedelta(days=2))
        cls.env["hr.mentoring.missed.wizard"].create(
            {"event_id": cls.ev_rescheduled.id, "reason_category": "agreed", "reason": "Moved.", "new_date": future}
        ).action_confirm()
        cls.ev_new_date = cls.ev_rescheduled.rescheduled_to_ids
        cls.ev_y_planned = event("Yara feedback", pairing=cls.pairing_y)
        cls.ev_y_done = event("Yara signed", pairing=cls.pairing_y, state="done")
        cls.ev_head_done = event("Hanna signed", pairing=cls.pairing_head, state="done")
        cls.participants = (cls.user_coordinator, cls.user_head_x, cls.user_mentor, cls.user_mentee_x)

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _passes(self, func):
        """Whether ``func`` goes through (then undone), or is refused."""
        try:
            with self.env.cr.savepoint():
                func()
                self.env.flush_all()
                raise _Passed()
        except _Passed:
            return True
        except (AccessError, UserError, ValidationError):
            return False
        finally:
            self.env.invalidate_all()

    def _can(self, record, user, fname):
        self.env.invalidate_all()
        return record.with_user(user)[fname]

    def _check_matrix(self, cases):
        """cases: (records, can field, function(record as user)[, users]) —
        can_* is True exactly when the server accepts the step."""
        for records, fname, func, *users in cases:
            for record in records:
                for user in users[0] if users else self.participants:
                    if not record.with_user(user).has_access("read"):
                        continue
                    with self.subTest(
                        record=record.name if "name" in record else record.id, user=user.login, can=fname
                    ):
                        can = self._can(record, user, fname)
                        self.assertEqual(can, self._passes(lambda r=record, u=user, f=func: f(r.with_user(u))))

    def _action_domain(self, xmlid, user):
        action = self.env.ref(xmlid)
        return safe_eval(action.domain or "[]", {"uid": user.id})

    def _search_filters(self, model):
        arch = etree.fromstring(self.env[model].get_view(view_type="search")["arch"])
        return {node.get("name"): node.get("domain") for node in arch.iter("filter")}

    def _form_node(self, model, tag, name):
        arch = etree.fromstring(self.env[model].get_view(view_type="form")["arch"])
        nodes = arch.xpath(f"//{tag}[@name='{name}']")
        self.assertTrue(nodes, f"{name} is on the form")
        return nodes[0]

    # ------------------------------------------------------------------
    # 1. the systray's Today / Late
    # ------------------------------------------------------------------

    def test_activity_filters_exist(self):
        # every model whose counters the clock recounts (res_users.ACTIVITY_MENU_MODELS)
        for model in ACTIVITY_MENU_MODELS:
            with self.subTest(model=model):
                filters = self._search_filters(model)
                # the names mail's ActivityMenu.openActivityGroup sends as search_default_*
                for name in (
                    "filter_activities_my",
                    "activities_overdue",
                    "activities_today",
                    "activities_upcoming_all",
                ):
                    self.assertIn(name, filters)
                self.assertIn("my_activity_date_deadline", filters["activities_today"])
                self.assertIn("activity_user_id", filters["filter_activities_my"])

    def test_systray_today_and_late_as_mentor(self):
        # events are not copied: made like the planned feedback and the mentee's event
        Event = self.env["hr.mentoring.event"]
        feedback = {"pairing_id": self.pairing_x.id, "event_type": "feedback"}
        late = Event.create({**feedback, "name": "Late feedback", "date_due": self.today - timedelta(days=1)})
        due_today = Event.create({**feedback, "name": "Feedback today", "date_due": self.today})
        Event.create({**feedback, "name": "Mentee's today", "date_due": self.today, "responsible_role": "mentee"})
        filters = self._search_filters("hr.mentoring.event")
        context = {"context_today": lambda: self.today, "uid": self.user_mentor.id}
        overdue = safe_eval(filters["activities_overdue"], context)
        today = safe_eval(filters["activities_today"], context)
        upcoming = safe_eval(filters["activities_upcoming_all"], context)
        # what the activity menu does: its own domain, and the two filters (one group: or)
        base = [("activity_user_id", "=", self.user_mentor.id)]
        Event = self.env["hr.mentoring.event"].with_user(self.user_mentor)
        self.env.invalidate_all()
        self.assertEqual(Event.search([*base, "|", *overdue, *today]), late | due_today)
        self.assertEqual(Event.search(base + overdue), late)
        self.assertEqual(Event.search(base + today), due_today)
        self.assertEqual(
            Event.search(base + upcoming), self.ev_planned | self.ev_new_date, "the mentor's own planned events"
        )
        # the group, and the list it opens, are titled for the reader
        groups = self.env["res.users"].with_user(self.user_mentor)._get_activity_groups()
        names = {group["model"]: group["name"] for group in groups}
        self.assertEqual(names["hr.mentoring.event"], "Mentoring Events")

    def test_systray_counters_count_the_rows_of_their_lists(self):
        """The clock's "N Today" (and Late, Future, the group's total) counts
        the rows of the list it opens, with that list's domain: two activities
        of the mentor on one event due today are one row, and one count."""
        Event = self.env["hr.mentoring.event"]
        feedback = {"pairing_id": self.pairing_x.id, "event_type": "feedback"}
        late = Event.create({**feedback, "name": "Late feedback", "date_due": self.today - timedelta(days=1)})
        first = Event.create({**feedback, "name": "Feedback today", "date_due": self.today})
        Event.create({**feedback, "name": "Second feedback today", "date_due": self.today})
        # a second activity of the mentor on the first event, due today too; and one due
        # today on the late event (it is listed as late and as today, as its filters say)
        first.activity_schedule("mail.mail_activity_data_todo", self.today, user_id=self.user_mentor.id)
        late.activity_schedule("mail.mail_activity_data_todo", self.today, user_id=self.user_mentor.id)
        filters = self._search_filters("hr.mentoring.event")
        context = {"context_today": lambda: self.today, "uid": self.user_mentor.id}
        lists = {
            counter: safe_eval(filters[name], context)
            for counter, name in (
                ("overdue_count", "activities_overdue"),
                ("today_count", "activities_today"),
                ("planned_count", "activities_upcoming_all"),
            )
        }
        base = [("activity_user_id", "=", self.user_mentor.id)]
        self.env.invalidate_all()
        [group] = [
            group
            for group in self.env["res.users"].with_user(self.user_mentor)._get_activity_groups()
            if group["model"] == "hr.mentoring.event"
        ]
        Mine = Event.with_user(self.user_mentor)
        for counter, domain in lists.items():
            with self.subTest(counter=counter):
                self.assertEqual(group[counter], Mine.search_count([*base, *domain]))
        self.assertEqual(group["today_count"], 3, "three events due today, four activities")
        self.assertEqual(
            group["total_count"],
            Mine.search_count([*base, "|", *lists["overdue_count"], *lists["today_count"]]),
            "the group opens its Late and Today lists together",
        )

    # ------------------------------------------------------------------
    # 2. pickers and a new evaluation
    # ------------------------------------------------------------------

    def test_name_search_per_role(self):
        readers = {
            self.user_coordinator: True,
            self.user_head_x: True,
            self.user_mentor: True,
            self.user_mentee_x: True,
            self.user_head_y: False,
            self.user_mentor_y: False,
            self.user_outsider: False,
        }
        evaluation = self.env["hr.mentoring.evaluation"].create(
            {"pairing_id": self.pairing_x.id, "kind": "mentor_on_mentee", "evaluator_id": self.user_mentor.id}
        )
        for line in evaluation.line_ids:
            line.level_id = line.criterion_id.scale_id.level_ids[:1]
        evaluation.action_submit()
        evaluation.action_share()
        for user, reads in readers.items():
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                Pairing = self.env["hr.mentoring.pairing"].with_user(user)
                found = {rid for rid, _name in Pairing.name_search("Xavier")}
                self.assertEqual(self.pairing_x.id in found, reads)
                self.assertEqual(bool(Pairing.search([("display_name", "ilike", "Maria")]) & self.pairing_x), reads)
                Event = self.env["hr.mentoring.event"].with_user(user)
                self.assertEqual(bool(Event.search([("display_name", "ilike", "Xavier")]) & self.ev_done), reads)
                self.assertEqual(self.ev_done.id in {rid for rid, _name in Event.name_search("Signed feedback")}, reads)
                Evaluation = self.env["hr.mentoring.evaluation"].with_user(user)
                self.assertEqual(evaluation.id in {rid for rid, _name in Evaluation.name_search("Xavier")}, reads)
                Line = self.env["hr.mentoring.evaluation.line"].with_user(user)
                self.assertEqual(
                    bool(Line.search([("display_name", "ilike", self.client_work.name)]) & evaluation.line_ids),
                    reads,
                )
        # nobody finds what they may not read, through any name
        self.env.invalidate_all()
        Pairing = self.env["hr.mentoring.pairing"].with_user(self.user_mentor)
        self.assertFalse(Pairing.name_search("Yara"))

    def test_new_evaluation_form_as_mentor(self):
        action = self.env.ref("hr_mentoring.hr_mentoring_evaluation_action_mine")
        context = safe_eval(action.context, {"uid": self.user_mentor.id})
        Evaluation = self.env["hr.mentoring.evaluation"].with_user(self.user_mentor).with_context(**context)
        form = Form(Evaluation)
        self.assertEqual(form.display_name, "New Evaluation")
        self.assertEqual(len(form.line_ids), 0)
        form.pairing_id = self.pairing_x
        self.assertNotIn("False", form.display_name)
        self.assertIn("Xavier", form.display_name)
        # the criteria appear before the evaluation is saved
        self.assertEqual(len(form.line_ids), 2)
        criteria = {form.line_ids.edit(i).criterion_id for i in range(2)}
        self.assertEqual(criteria, {self.client_work, self.technology})
        form.kind = "self"
        form.kind = "mentor_on_mentee"
        self.assertEqual(len(form.line_ids), 2, "changing the kind does not double the criteria")
        levels = self.scale.level_ids.sorted("value")
        for index in range(2):
            with form.line_ids.edit(index) as line:
                line.level_id = levels[3]
        evaluation = form.save()
        self.assertEqual(evaluation.line_ids.criterion_id, self.client_work | self.technology)
        self.assertEqual(len(evaluation.line_ids), 2, "one way of building the lines: no second set on create")
        self.assertTrue(all(evaluation.line_ids.mapped("level_id")))
        evaluation.action_submit()
        self.assertEqual(evaluation.state, "submitted")
        # over RPC (no onchange) the lines are built all the same
        created = Evaluation.create({"pairing_id": self.pairing_x.id, "kind": "mentor_on_mentee"})
        self.assertEqual(created.line_ids.criterion_id, self.client_work | self.technology)
        self.assertEqual(len(created.line_ids), 2)
        # a rated draft keeps its ratings when its kind changes
        created.line_ids[0].level_id = levels[2]
        created.with_user(self.user_coordinator).write({"kind": "self", "evaluator_id": self.user_mentee_x.id})
        self.assertEqual(created.line_ids[0].level_id, levels[2])

    # ------------------------------------------------------------------
    # 3. buttons and fields per role
    # ------------------------------------------------------------------

    def test_event_buttons_match_server(self):
        def explain(event):
            wizard = (
                self.env["hr.mentoring.missed.wizard"]
                .with_user(event.env.user)
                .create({"event_id": event.id, "reason_category": "workload", "reason": "Busy.", "outcome": "cancel"})
            )
            wizard.action_confirm()

        planned = self.ev_planned | self.ev_mentee
        missed = self.ev_missed | self.ev_explained
        self._check_matrix(
            [
                (planned, "can_sign", lambda e: e.action_mark_done()),
                (self.ev_done | self.ev_planned, "can_acknowledge", lambda e: e.action_acknowledge()),
                (self.ev_done | self.ev_cancelled | missed, "can_review", lambda e: e.action_review()),
                (planned | missed, "can_cancel", lambda e: e.action_cancel()),
                (self.ev_done | self.ev_cancelled, "can_reset", lambda e: e.action_reset_planned()),
                (missed | self.ev_planned, "can_explain", explain),
            ]
        )
        # what each role sees on a signed event
        expected = {
            self.user_mentor: {"can_acknowledge": False, "can_review": False, "can_reset": False},
            self.user_mentee_x: {"can_acknowledge": True, "can_review": False, "can_reset": False},
            self.user_head_x: {"can_acknowledge": False, "can_review": True, "can_reset": False},
            self.user_coordinator: {"can_acknowledge": True, "can_review": True, "can_reset": True},
        }
        for user, values in expected.items():
            for fname, value in values.items():
                with self.subTest(user=user.login, field=fname):
                    self.assertEqual(self._can(self.ev_done, user, fname), value)
        self.assertTrue(self._can(self.ev_planned, self.user_mentor, "can_sign"))
        self.assertFalse(self._can(self.ev_planned, self.user_mentee_x, "can_sign"))
        self.assertTrue(self._can(self.ev_mentee, self.user_mentee_x, "can_sign"))
        self.assertFalse(self._can(self.ev_mentee, self.user_mentor, "can_sign"))

    def test_a_missed_event_is_reviewed_once_explained(self):
        self.assertFalse(self._can(self.ev_missed, self.user_head_x, "can_review"))
        with self.assertRaisesRegex(UserError, "Missed feedback .* was missed and is not explained yet"):
            self.ev_missed.with_user(self.user_head_x).action_review()
        with self.assertRaisesRegex(UserError, "is not signed yet"):
            self.ev_planned.with_user(self.user_coordinator).action_review()
        self.env.invalidate_all()
        self.assertFalse((self.ev_missed | self.ev_planned).filtered("reviewed"))
        self.assertTrue(self._can(self.ev_explained, self.user_head_x, "can_review"))
        self.ev_explained.with_user(self.user_head_x).action_review()
        self.assertTrue(self.ev_explained.reviewed)
        # the list reviews a selection at once, all or nothing
        arch = self.env["hr.mentoring.event"].with_user(self.user_head_x).get_views([(False, "list")])["views"]["list"]
        self.assertIn('name="action_review"', arch["arch"])
        with self.assertRaisesRegex(UserError, "not explained yet"):
            (self.ev_done | self.ev_missed).with_user(self.user_head_x).action_review()
        self.env.invalidate_all()
        self.assertFalse(self.ev_done.reviewed)

    def test_event_fields_match_server(self):
        events = self.ev_planned | self.ev_done | self.ev_explained
        self._check_matrix(
            [
                (events, "can_edit_mentor_part", lambda e: e.write({"mentor_comment": "Went well."})),
                (events, "can_edit_mentee_part", lambda e: e.write({"mentee_comment": "Thanks."})),
                (events, "can_edit_head_part", lambda e: e.write({"review_comment": "Seen."})),
                (events, "can_edit_missed", lambda e: e.write({"missed_reason": "Travel."})),
                (events, "can_edit_plan", lambda e: e.write({"date_due": self.today + timedelta(days=20)})),
            ]
        )

    def test_event_form_uses_can_fields(self):
        # (model, node, attribute): (name of the node, the can_* field its attribute reads)
        nodes = {
            ("hr.mentoring.event", "button", "invisible"): (
                ("action_mark_done", "can_sign"),
                ("action_acknowledge", "can_acknowledge"),
                ("action_review", "can_review"),
                ("action_cancel", "can_cancel"),
                ("action_explain_missed", "can_explain"),
                ("action_reset_planned", "can_reset"),
            ),
            ("hr.mentoring.event", "field", "readonly"): (
                ("mentor_comment", "can_edit_mentor_part"),
                ("mentee_comment", "can_edit_mentee_part"),
                ("review_comment", "can_edit_head_part"),
                ("discussion_reason", "can_edit_mentor_part"),
                ("missed_reason", "can_edit_missed"),
                ("date_due", "can_edit_plan"),
            ),
            ("hr.mentoring.evaluation", "button", "invisible"): (
                ("action_submit", "can_submit"),
                ("action_acknowledge", "can_acknowledge"),
                ("action_share", "can_share"),
                ("action_reset_draft", "can_reset"),
            ),
            ("hr.mentoring.evaluation", "field", "readonly"): (("line_ids", "can_edit_lines"),),
        }
        for (model, node, attribute), names in nodes.items():
            for name, fname in names:
                self.assertIn(fname, self._form_node(model, node, name).get(attribute))

        # the head: types only her own comment, and reviewing keeps it
        form = Form(self.ev_done.with_user(self.user_head_x))
        for readonly in ("mentor_comment", "mentee_comment"):
            with self.subTest(field=readonly), self.assertRaises(AssertionError):
                setattr(form, readonly, "Not mine to write")
        form.review_comment = "Checked with the mentor."
        event = form.save()
        event.action_review()
        self.env.invalidate_all()
        self.assertTrue(self.ev_done.reviewed)
        self.assertEqual(self.ev_done.review_comment, "Checked with the mentor.")
        self.assertEqual(self.ev_done.reviewed_by_id, self.user_head_x)
        # the mentor: her comment, not the head's nor the mentee's
        form = Form(self.ev_done.with_user(self.user_mentor))
        with self.assertRaises(AssertionError):
            form.review_comment = "Not mine"
        with self.assertRaises(AssertionError):
            form.mentee_comment = "Not mine"
        form.mentor_comment = "Good progress."
        form.save()
        self.assertEqual(self.ev_done.mentor_comment, "Good progress.")

    def test_evaluation_buttons_match_server(self):
        Evaluation = self.env["hr.mentoring.evaluation"]
        levels = self.scale.level_ids.sorted("value")

        def rated(kind="mentor_on_mentee", evaluator=None):
            evaluation = Evaluation.create(
                {"pairing_id": self.pairing_x.id, "kind": kind, "evaluator_id": (evaluator or self.user_mentor).id}
            )
            for line in evaluation.line_ids:
                line.level_id = line.criterion_id.scale_id.level_ids.sorted("value")[2]
            return evaluation

        draft = rated()
        submitted = rated()
        submitted.action_submit()
        shared = rated()
        shared.action_submit()
        shared.action_share()
        self_eval = rated("self", self.user_mentee_x)
        self_eval.action_submit()
        submitted_all = submitted | shared | self_eval
        self._check_matrix(
            [
                (draft | self_eval, "can_submit", lambda e: e.action_submit()),
                (submitted_all, "can_acknowledge", lambda e: e.action_acknowledge()),
                (submitted | self_eval, "can_share", lambda e: e.action_share()),
                (submitted_all, "can_reset", lambda e: e.action_reset_draft()),
                (draft, "can_edit_lines", lambda e: e.line_ids[:1].write({"level_id": levels[4].id})),
                (draft, "can_edit_lines", lambda e: e.write({"note": "Strong start."})),
                # a coordinator reopens a submitted evaluation before changing it (the form says so)
                (shared, "can_edit_lines", lambda e: e.write({"note": "Later."}), self.participants[1:]),
                (submitted_all, "can_edit_subject_comment", lambda e: e.write({"subject_comment": "Fair."})),
            ]
        )
        self.assertTrue(self._can(shared, self.user_mentee_x, "can_acknowledge"))
        self.assertFalse(self._can(shared, self.user_mentor, "can_acknowledge"))
        self.assertFalse(self._can(self_eval, self.user_mentee_x, "can_share"), "only a coordinator shares it")
        self.assertTrue(self._can(draft, self.user_mentor, "can_edit_lines"))
        self.assertFalse(self._can(shared, self.user_coordinator, "can_edit_lines"))
        self.assertTrue(self._can(shared, self.user_coordinator, "can_reset"))
        form = Form(shared.with_user(self.user_mentee_x))
        with self.assertRaises(AssertionError):
            form.note = "Not mine"
        form.subject_comment = "I agree."
        form.save()
        self.assertEqual(shared.subject_comment, "I agree.")

    # ------------------------------------------------------------------
    # 4. the mentor's list, the discussion form, the competences
    # ------------------------------------------------------------------

    def test_events_to_sign(self):
        domain = self._action_domain("hr_mentoring.hr_mentoring_event_action_to_sign", self.user_mentor)
        self.env.invalidate_all()
        found = self.env["hr.mentoring.event"].with_user(self.user_mentor).search(domain)
        self.assertEqual(found, self.ev_planned | self.ev_missed | self.ev_new_date)
        self.assertNotIn(self.ev_rescheduled, found, "rescheduled: its new date is to sign")
        self.assertNotIn(self.ev_mentee, found, "the mentee's own step")
        domain = self._action_domain("hr_mentoring.hr_mentoring_event_action_to_sign", self.user_mentor_y)
        found = self.env["hr.mentoring.event"].with_user(self.user_mentor_y).search(domain)
        self.assertEqual(found, self.ev_y_planned)

    def test_events_to_sign_now_and_next(self):
        """By default Events to Sign shows what is due now and in the next two
        weeks (overdue included); removing the filter shows the whole plan."""
        action = self.env.ref("hr_mentoring.hr_mentoring_event_action_to_sign")
        self.assertEqual(safe_eval(action.context)["search_default_filter_now_and_next"], 1)
        later = self.env["hr.mentoring.event"].create(
            {
                "pairing_id": self.pairing_x.id,
                "name": "Feedback in two months",
                "event_type": "feedback",
                "date_due": self.today + timedelta(days=60),
            }
        )
        now_and_next = safe_eval(
            self._search_filters("hr.mentoring.event")["filter_now_and_next"],
            {"context_today": lambda: self.today, "relativedelta": relativedelta},
        )
        domain = self._action_domain(action.xml_id, self.user_mentor)
        self.env.invalidate_all()
        Event = self.env["hr.mentoring.event"].with_user(self.user_mentor)
        self.assertEqual(Event.search(domain + now_and_next), self.ev_planned | self.ev_missed | self.ev_new_date)
        self.assertIn(later, Event.search(domain), "the whole plan without the filter")

    def test_phone_layouts(self):
        """A phone opens the mentor's and the mentee's lists as cards (Odoo
        shows the kanban first on a phone), and their lists show the name, the
        date and the state first, without the reader's own name."""
        for xmlid in (
            "hr_mentoring.hr_mentoring_event_action_to_sign",
            "hr_mentoring.hr_mentoring_event_action_my_plan",
            "hr_mentoring.hr_mentoring_evaluation_action_mine",
            "hr_mentoring.hr_mentoring_program_acknowledgement_action_mine",
        ):
            action = self.env.ref(xmlid)
            modes = [mode for _view, mode in action.views]
            with self.subTest(action=xmlid):
                self.assertEqual(modes[0], "list", "a computer still opens the list")
                self.assertIn(action.mobile_view_mode, modes, "a phone opens the cards")
                kanban = self.env[action.res_model].get_view(view_type="kanban")["arch"]
                self.assertIn('t-name="card"', kanban)

        def columns(xmlid):
            list_view = self.env.ref(xmlid).views[0][0]
            arch = etree.fromstring(self.env["hr.mentoring.event"].get_view(list_view, "list")["arch"])
            return {node.get("name"): node.get("optional") for node in arch.xpath("/list/field")}, [
                node.get("name") for node in arch.xpath("/list/field[not(@column_invisible)]")
            ][:3]

        my_plan, first = columns("hr_mentoring.hr_mentoring_event_action_my_plan")
        self.assertEqual(first, ["name", "date_due", "state"])
        self.assertEqual((my_plan["mentee_id"], my_plan["has_meeting"]), ("hide", "hide"), "the mentee's own name")
        to_sign, first = columns("hr_mentoring.hr_mentoring_event_action_to_sign")
        self.assertEqual(first, ["name", "date_due", "state"])
        self.assertEqual((to_sign["mentor_id"], to_sign["mentee_id"]), ("hide", "show"), "the mentor's own name")
        # the buttons a phone keeps out of the gear menu, each shown by the same check as the header's
        for model, names in (
            ("hr.mentoring.event", ("action_mark_done", "action_acknowledge")),
            ("hr.mentoring.evaluation", ("action_submit", "action_acknowledge")),
            ("hr.mentoring.program.acknowledgement", ("action_acknowledge",)),
        ):
            arch = etree.fromstring(self.env[model].get_view(view_type="form")["arch"])
            for name in names:
                # a button may come twice, for the mentee and on their behalf: one on the phone for each
                headers = arch.xpath(f"//header/button[@name='{name}']")
                sheet = arch.xpath(f"//sheet//div[contains(@class, 'd-md-none')]/button[@name='{name}']")
                with self.subTest(model=model, button=name):
                    self.assertTrue(headers)
                    self.assertEqual(
                        [(button.get("string"), button.get("invisible")) for button in sheet],
                        [(button.get("string"), button.get("invisible")) for button in headers],
                    )

    def test_views_of_the_pairing_and_review_lists(self):
        """A head's pairings open as a list on a computer and as one column of
        cards on a phone; a mentor's mentees as those cards; To Review as its
        own list, the other views the default ones."""
        picker = self.env.ref("hr_mentoring.hr_mentoring_pairing_view_kanban_picker")
        to_review = self.env.ref("hr_mentoring.hr_mentoring_event_view_list_to_review")
        expected = {
            "hr_mentoring.hr_mentoring_pairing_action_departments": [
                (False, "list"),
                (picker.id, "kanban"),
                (False, "form"),
            ],
            "hr_mentoring.hr_mentoring_pairing_action_my_mentees": [
                (picker.id, "kanban"),
                (False, "list"),
                (False, "form"),
            ],
            "hr_mentoring.hr_mentoring_event_action_to_review": [
                (to_review.id, "list"),
                (False, "kanban"),
                (False, "form"),
                (False, "calendar"),
            ],
        }
        for xmlid, views in expected.items():
            with self.subTest(action=xmlid):
                self.assertEqual(self.env.ref(xmlid).views, views)

    def test_log_discussion_opens_the_diagnosis(self):
        action = self.pairing_x.with_user(self.user_mentor).action_log_discussion()
        arch = etree.fromstring(self.env["hr.mentoring.event"].get_view(view_type="form")["arch"])
        pages = arch.xpath("//notebook/page")
        self.assertEqual(pages[0].get("name"), "discussion", "the first page is the one that opens")
        self.assertIn("event_type", pages[0].get("invisible"), "shown for discussions only")
        Event = self.env["hr.mentoring.event"].with_user(self.user_mentor).with_context(**action["context"])
        form = Form(Event)
        form.discussion_reason = "Late answers to clients."
        form.discussion_situation = "Two complaints last week."
        form.criterion_id = self.client_work
        form.mentor_comment = "Agreed on a daily check."
        event = form.save()
        self.assertEqual(event.event_type, "situational_discussion")
        self.assertEqual(event.criterion_id, self.client_work)
        # competences: the mentee's criteria only, never the fit questions nor the mentor's
        domain = safe_eval(self.env["hr.mentoring.event"]._fields["criterion_id"].domain)
        offered = self.env["hr.mentoring.criterion"].with_user(self.user_mentor).search(domain)
        self.assertIn(self.client_work, offered)
        self.assertEqual(set(offered.mapped("subject")), {"mentee"})
        fit = self.env["hr.mentoring.criterion"].search([("subject", "in", ("fit", "mentor"))])
        self.assertTrue(fit)
        self.assertFalse(offered & fit)

    # ------------------------------------------------------------------
    # 5. the head's To Review
    # ------------------------------------------------------------------

    def test_head_to_review(self):
        menu = self.env.ref("hr_mentoring.menu_department_to_review")
        self.assertEqual(menu.parent_id, self.env.ref("hr_mentoring.menu_my_departments"))
        self.assertEqual(menu.action, self.env.ref("hr_mentoring.hr_mentoring_event_action_to_review"))
        domain = self._action_domain("hr_mentoring.hr_mentoring_event_action_to_review", self.user_head_x)
        self.env.invalidate_all()
        found = self.env["hr.mentoring.event"].with_user(self.user_head_x).search(domain)
        self.assertEqual(found, self.ev_done, "signed, not reviewed, of her departments, not her own plan")
        self.env.invalidate_all()
        found = (
            self.env["hr.mentoring.event"]
            .with_user(self.user_head_y)
            .search(self._action_domain("hr_mentoring.hr_mentoring_event_action_to_review", self.user_head_y))
        )
        self.assertEqual(found, self.ev_y_done, "Hanna's own plan has no head above her here")
        self.ev_done.with_user(self.user_head_x).write({"review_comment": "Fine."})
        self.ev_done.with_user(self.user_head_x).action_review()
        self.env.invalidate_all()
        self.assertFalse(self.env["hr.mentoring.event"].with_user(self.user_head_x).search(domain))
        self.assertEqual(self.ev_done.review_comment, "Fine.")

    # ------------------------------------------------------------------
    # 6. landings, addresses, empty states, reports (issue 27 §5)
    # ------------------------------------------------------------------

    def _landing(self, user):
        """The action a user opens by clicking the Mentoring app: its first
        menu with an action, depth first, in the order of the menus."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        root = self.env.ref("hr_mentoring.menu_root")

        def first(menu):
            if menu["action"]:
                return menu["action"]
            for child in menu["children"]:
                found = first(menus[child])
                if found:
                    return found
            return False

        return first(menus[root.id])

    def test_each_role_lands_on_its_work(self):
        my_plan = self.env.ref("hr_mentoring.hr_mentoring_event_action_my_plan")
        self.assertEqual(
            self._landing(self.user_mentee_x), f"ir.actions.act_window,{my_plan.id}", "the plan, not the pairing"
        )
        departments = self.env.ref("hr_mentoring.hr_mentoring_pairing_action_departments")
        self.assertEqual(self._landing(self.user_head_y), f"ir.actions.act_window,{departments.id}")
        context = safe_eval(departments.context)
        self.assertFalse(
            [key for key in context if key.startswith("search_default_group") or key == "group_by"],
            "the head's pairings are not folded into one collapsed group",
        )
        # what a mentee opens shows their plan's events
        self.env.invalidate_all()
        events = (
            self.env["hr.mentoring.event"]
            .with_user(self.user_mentee_x)
            .search(self._action_domain("hr_mentoring.hr_mentoring_event_action_my_plan", self.user_mentee_x))
        )
        self.assertIn(self.ev_planned, events)
        self.assertEqual(events.pairing_id, self.pairing_x)

    def test_main_actions_have_readable_addresses(self):
        expected = {
            "hr_mentoring.hr_mentoring_pairing_action": "mentoring-pairings",
            "hr_mentoring.hr_mentoring_event_action": "mentoring-events",
            "hr_mentoring.hr_mentoring_program_action": "mentoring-programs",
            "hr_mentoring.hr_mentoring_event_action_my_plan": "my-mentoring-plan",
            "hr_mentoring.hr_mentoring_pairing_action_my_mentees": "my-mentees",
            "hr_mentoring.hr_mentoring_pairing_action_my_mentor": "my-mentor",
            "hr_mentoring.hr_mentoring_event_action_to_sign": "mentoring-events-to-sign",
            "hr_mentoring.hr_mentoring_pairing_action_departments": "mentoring-my-departments",
            "hr_mentoring.hr_mentoring_monitoring_action": "mentoring-monitoring",
            "hr_mentoring.hr_employee_action_mentor_ranking": "mentor-ranking",
        }
        for xmlid, path in expected.items():
            with self.subTest(action=xmlid):
                self.assertEqual(self.env.ref(xmlid).path, path)
        # the mentee's menu opens the plan by its address too
        action = self.env["ir.actions.actions"]._for_xml_id("hr_mentoring.hr_mentoring_event_action_my_plan")
        self.assertEqual(action["path"], "my-mentoring-plan")

    def test_empty_pairings_offer_the_wizards(self):
        help_html = etree.fromstring(f"<div>{self.env.ref('hr_mentoring.hr_mentoring_pairing_action').help}</div>")
        self.assertTrue(help_html.xpath("//p[@class='o_view_nocontent_smiling_face']"))
        links = {int(link.get("name")): link.text.strip() for link in help_html.xpath("//a[@type='action']")}
        self.assertEqual(
            links,
            {
                self.env.ref("hr_mentoring.hr_mentoring_mentor_selection_wizard_action").id: "Find a Mentor",
                self.env.ref("hr_mentoring.hr_mentoring_cohort_wizard_action").id: "Match a Cohort",
            },
        )

    def test_report_measures_have_names(self):
        """Every pivot and graph offers its measures by a name that says what
        they are: no "Value" nor "Sequence", no sum of unrelated goal figures."""
        views = (
            ("hr.mentoring.evaluation.line", "pivot"),
            ("hr.mentoring.evaluation.line", "graph"),
            ("hr.mentoring.event", "pivot"),
            ("hr.mentoring.event", "graph"),
            ("hr.mentoring.goal", "pivot"),
            ("hr.mentoring.progress", "pivot"),
            ("hr.mentoring.progress", "graph"),
            ("hr.mentoring.monitoring", "pivot"),
            ("hr.mentoring.monitoring", "graph"),
        )
        for model, view_type in views:
            Model = self.env[model].with_user(self.user_coordinator)
            arch = etree.fromstring(Model.get_view(view_type=view_type)["arch"])
            hidden = {node.get("name") for node in arch.xpath("//field[@invisible='1']")}
            labels = {node.get("name"): node.get("string") for node in arch.xpath("//field[@string]")}
            # the measures the web client offers: numeric fields with an aggregator (web/views/utils.js)
            offered = {
                fname: labels.get(fname, desc["string"])
                for fname, desc in Model.fields_get(attributes=["type", "string", "aggregator"]).items()
                if desc["type"] in ("integer", "float", "monetary")
                and desc.get("aggregator")
                and fname not in hidden
                and fname != "id"
            }
            with self.subTest(model=model, view=view_type):
                self.assertFalse({"Value", "Sequence", "Start", "Target", "Now"} & set(offered.values()), offered)
                for node in arch.xpath("//field[@type='measure']"):
                    self.assertIn(node.get("name"), offered)
        arch = etree.fromstring(self.env["hr.mentoring.evaluation.line"].get_view(view_type="pivot")["arch"])
        self.assertEqual(arch.xpath("//field[@name='value']")[0].get("string"), "Average Level")

    def test_monitoring_on_time_rate_is_the_programme_rate(self):
        """The Monitoring pivot's on-time measure, grouped by programme: the
        feedback done on time out of the feedback due, as the programme counts
        it (its parts added up, then divided), not the average of its rows."""
        arch = etree.fromstring(self.env["hr.mentoring.monitoring"].get_view(view_type="pivot")["arch"])
        self.assertTrue(arch.xpath("//field[@name='on_time_rate'][@type='measure']"))
        self.env.flush_all()
        Monitoring = self.env["hr.mentoring.monitoring"].with_user(self.user_coordinator)
        [(rate, due, on_time)] = Monitoring._read_group(
            [("program_id", "=", self.program.id)],
            [],
            ["on_time_rate:avg", "feedback_due:sum", "feedback_on_time:sum"],
        )
        figures = self.env["hr.mentoring.figures"]._mentoring_event_figures(
            [("program_id", "=", self.program.id)], ["program_id"]
        )[(self.program,)]
        self.assertEqual((due, on_time), (figures["feedback_due"], figures["feedback_on_time"]))
        self.assertTrue(due and 0 < on_time < due, "a fixture with feedback on time and not")
        self.assertAlmostEqual(rate, 100.0 * on_time / due)
        self.assertAlmostEqual(rate, self.program.with_user(self.user_coordinator).on_time_rate, places=1)

    def test_mentor_ranking_is_ranked(self):
        ranking = self.env.ref("hr_mentoring.hr_employee_action_mentor_ranking")
        view = ranking.views[0][0]
        Employee = self.env["hr.employee"].with_user(self.user_coordinator)
        arch = etree.fromstring(Employee.get_view(view, "list")["arch"])
        order = arch.get("default_order")
        self.assertTrue(order.startswith("mentor_on_time_rate desc"), order)
        self.env.flush_all()
        self.env.invalidate_all()
        mentors = Employee.search(safe_eval(ranking.domain), order=order)
        self.assertIn(self.mentor, mentors)
        self.assertIn(self.mentor_y, mentors)
        figures = [(mentor.mentor_has_feedback_due, mentor.mentor_on_time_rate) for mentor in mentors]
        self.assertEqual(figures, sorted(figures, reverse=True), "best on time first, mentors without data last")
        self.assertGreater(len(set(figures)), 1, "a fixture with mentors of different rates")
        # the figure stays the coordinators': nobody else orders by it
        with self.assertRaises(AccessError):
            self.env["hr.employee"].with_user(self.user_mentor)._order_field_to_sql(
                "hr_employee", "mentor_on_time_rate", SQL("DESC"), SQL(), None
            )

    def test_newcomer_tab_starts_with_their_mentoring(self):
        arch = etree.fromstring(self.env["hr.employee"].get_view(view_type="form")["arch"])
        [page] = arch.xpath("//page[@name='mentoring']")
        nodes = [node for node in page.iter() if node.get("name") in ("mentee_pairing_ids", "as_mentor")]
        self.assertEqual([node.get("name") for node in nodes], ["mentee_pairing_ids", "as_mentor"])
        self.assertIn("mentor_state == 'none'", nodes[1].get("invisible"), "the mentor's page for those who mentor")

    def test_cards_and_lists_keep_words_whole(self):
        kanban = etree.fromstring(self.env["hr.mentoring.program"].get_view(view_type="kanban")["arch"])
        [kpis] = kanban.xpath("//div[@name='kpis']")
        self.assertFalse(kpis.xpath(".//div[contains(@class, 'col-3')]"), "four labels a row split their words")
        for label in kpis.xpath(".//a/div[2]"):
            self.assertIn("text-truncate", label.get("class"))
            self.assertEqual(label.getparent().get("title"), label.text, "the whole label on hover")
        listing = etree.fromstring(self.env["hr.mentoring.pairing"].get_view(view_type="list")["arch"])
        for fname in ("mentee_id", "mentor_id"):
            self.assertTrue(listing.xpath(f"//field[@name='{fname}']")[0].get("width"), fname)
        events = etree.fromstring(self.env["hr.mentoring.event"].get_view(view_type="list")["arch"])
        for fname in ("name", "event_type"):
            self.assertTrue(events.xpath(f"/list/field[@name='{fname}']")[0].get("width"), fname)
