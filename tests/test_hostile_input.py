"""Hostile and clumsy users over the external API: wizards about records one
may not use, names without bound, dates out of any range, searches with
operators the computed fields did not expect."""

from datetime import date, timedelta
from urllib.parse import unquote

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from ..models.input_checks import DATE_WINDOW_YEARS, NAME_MAX_LENGTH, SETTING_MAX_DAYS, date_window
from .common import MentoringCase, today_of
from .test_access_matrix import REFUSALS_ELSEWHERE

ROLES = ("employee", "mentor", "mentee", "head", "coordinator", "other_company", "debug_employee")
# each role here as a user of the access matrix, whose REFUSALS_ELSEWHERE says who may
MATRIX_USER = {
    "employee": "outsider",
    "mentor": "mentor",
    "mentee": "mentee_x",
    "head": "head_x",
    "coordinator": "coordinator",
    "other_company": "other_company",
    # an employee in debug mode is an employee all the same
    "debug_employee": "outsider",
}


def allowed_roles(row):
    """The roles that ``REFUSALS_ELSEWHERE[row]`` lets through."""
    allowed = REFUSALS_ELSEWHERE[row][0]
    return {role for role in ROLES if MATRIX_USER[role] in allowed}


@tagged("post_install", "-at_install", "access")
class TestWizardRefusals(MentoringCase):
    """Every wizard refuses, at create (and write, and in its form), a record
    its user may not use it on, with an AccessError that names no record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_debug = cls._user("debby", "base.group_user,base.group_no_one")
        cls.users = {
            "employee": cls.user_outsider,
            "mentor": cls.user_mentor,
            "mentee": cls.user_mentee_x,
            "head": cls.user_head_x,
            "coordinator": cls.user_coordinator,
            "other_company": cls.user_other_company,
            # in debug mode, Odoo's own access errors list the records' names
            "debug_employee": cls.user_debug,
        }
        # Xavier's proposal (mentor Maria, head Hanna) and Yara's draft pairing
        cls.proposal = cls._pairing(cls.mentee_x, state="proposed")
        cls.draft = cls._pairing(cls.mentee_y, mentor=cls.mentor_y, state="draft")
        cls.event = cls.env["hr.mentoring.event"].create(
            {
                "pairing_id": cls.proposal.id,
                "name": "Feedback day 3",
                "event_type": "feedback",
                "date_due": date(2026, 3, 4),
            }
        )
        cls.template = cls.program.plan_template_id

    def _secrets(self):
        """Names that no refusal may contain."""
        return {
            self.proposal.display_name,
            self.draft.display_name,
            self.event.display_name,
            self.mentee_x.name,
            self.mentee_y.name,
            self.mentor_y.name,
            self.emp_outsider.name,
            self.program_2.name,
        }

    def _check(self, model, vals, allowed, field):
        """Create ``model`` with ``vals`` as every role: the ``allowed`` roles
        get the wizard and read ``field`` back; the others an AccessError that
        names nothing, and no wizard."""
        Wizard = self.env[model]
        for role in ROLES:
            user = self.users[role]
            with self.subTest(model=model, role=role):
                self.env.invalidate_all()
                if role in allowed:
                    wizard = Wizard.with_user(user).create(vals)
                    self.assertEqual(wizard[field].id, vals[field])
                    continue
                with self.assertRaises(AccessError) as cm:
                    Wizard.with_user(user).create(vals)
                message = str(cm.exception)
                # (Odoo's refusals name the user, who knows their own name)
                for secret in self._secrets() - {user.name}:
                    self.assertNotIn(secret, message)
                # re-read: nothing half-written
                self.assertFalse(Wizard.sudo().search([("create_uid", "=", user.id)]))

    def test_decline_wizard(self):
        self._check(
            "hr.mentoring.decline.wizard",
            {"pairing_id": self.proposal.id, "reason": "x"},
            allowed_roles("decline.wizard create (a proposal)"),
            "pairing_id",
        )

    def test_decline_wizard_on_a_draft_nobody_reads(self):
        """The probe: an employee steps through the ids of draft pairings."""
        self._check(
            "hr.mentoring.decline.wizard",
            {"pairing_id": self.draft.id, "reason": "x"},
            allowed_roles("decline.wizard create (a draft)"),
            "pairing_id",
        )

    def test_missed_wizard(self):
        self._check(
            "hr.mentoring.missed.wizard",
            {"event_id": self.event.id, "reason_category": "other", "reason": "x"},
            allowed_roles("missed.wizard create"),
            "event_id",
        )

    def test_plan_wizard(self):
        self._check(
            "hr.mentoring.plan.wizard",
            {"pairing_id": self.proposal.id, "template_id": self.template.id},
            allowed_roles("plan.wizard create"),
            "pairing_id",
        )

    def test_selection_wizard(self):
        self._check(
            "hr.mentoring.mentor.selection.wizard",
            {"mentee_id": self.emp_outsider.id, "program_id": self.program_2.id},
            allowed_roles("mentor.selection.wizard create"),
            "mentee_id",
        )

    def test_meeting_wizard(self):
        self._check(
            "hr.mentoring.meeting.wizard",
            {"pairing_id": self.proposal.id},
            allowed_roles("meeting.wizard create"),
            "pairing_id",
        )

    def test_cohort_wizard(self):
        Wizard = self.env["hr.mentoring.cohort.wizard"]
        vals = {"program_id": self.program_2.id, "mentee_ids": [Command.set(self.emp_outsider.ids)]}
        allowed = allowed_roles("cohort.wizard create")
        for role in ROLES:
            user = self.users[role]
            with self.subTest(role=role):
                self.env.invalidate_all()
                if role in allowed:
                    self.assertEqual(Wizard.with_user(user).create(vals).mentee_ids, self.emp_outsider)
                    continue
                with self.assertRaises(AccessError) as cm:
                    Wizard.with_user(user).create(vals)
                for secret in self._secrets() - {user.name}:
                    self.assertNotIn(secret, str(cm.exception))
                self.assertFalse(Wizard.sudo().search([("create_uid", "=", user.id)]))

    def test_write_another_record(self):
        """A wizard made on an allowed record cannot be turned to another one."""
        wizard = (
            self.env["hr.mentoring.decline.wizard"]
            .with_user(self.user_mentor)
            .create({"pairing_id": self.proposal.id, "reason": "x"})
        )
        with self.assertRaises(AccessError) as cm:
            wizard.write({"pairing_id": self.draft.id})
        self.assertNotIn(self.draft.display_name, str(cm.exception))
        self.env.invalidate_all()
        self.assertEqual(wizard.pairing_id, self.proposal)
        cohort = (
            self.env["hr.mentoring.cohort.wizard"]
            .with_user(self.user_coordinator)
            .create({"program_id": self.program_2.id, "mentee_ids": [Command.set(self.emp_outsider.ids)]})
        )
        with self.assertRaises(AccessError):
            cohort.write({"mentee_ids": [Command.link(self.emp_other_company.id)]})
        self.env.invalidate_all()
        self.assertEqual(cohort.mentee_ids, self.emp_outsider)

    def test_form_of_a_record_one_may_not_use(self):
        """The form computes the wizard (and shows its record's name) before
        anything is saved: it is refused too, whether the record comes from
        the context or is typed in."""
        Wizard = self.env["hr.mentoring.decline.wizard"].with_user(self.user_outsider)
        with self.assertRaises(AccessError) as cm:
            Form(Wizard.with_context(default_pairing_id=self.draft.id))
        self.assertNotIn(self.draft.display_name, str(cm.exception))
        with self.assertRaises(AccessError):
            Wizard.onchange({"pairing_id": self.draft.id}, ["pairing_id"], {"pairing_id": {}})
        # the record given as a record value (the ORM takes {"id": ...} and
        # (id, name) for that record) is refused too: the form read its name
        spec = {"pairing_id": {"fields": {"display_name": {}}}}
        for value in ({"id": self.draft.id}, [self.draft.id, "x"]):
            with self.subTest(value=value), self.assertRaises(AccessError) as cm:
                Wizard.onchange({"pairing_id": value}, [], spec)
            self.assertNotIn(self.draft.display_name, str(cm.exception))
        mine = self.env["hr.mentoring.decline.wizard"].with_user(self.user_mentor)
        result = mine.onchange({"pairing_id": {"id": self.proposal.id}}, [], spec)
        self.assertEqual(result["value"]["pairing_id"]["id"], self.proposal.id)
        # the mentor's own form works as before
        form = Form(
            self.env["hr.mentoring.decline.wizard"]
            .with_user(self.user_mentor)
            .with_context(default_pairing_id=self.proposal.id)
        )
        form.reason = "Too busy"
        self.assertEqual(form.save().pairing_id, self.proposal)


@tagged("post_install", "-at_install")
class TestMissingPairing(MentoringCase):
    """A goal or a situational discussion sent over RPC without its pairing
    is refused with the role check's message, not a traceback."""

    def test_records_without_their_pairing(self):
        refusals = {
            "hr.mentoring.goal": ({"name": "Learn the product"}, AccessError, "write the goals of their pairing"),
            "hr.mentoring.event": (
                {"name": "Talk", "event_type": "situational_discussion", "date_due": date(2026, 3, 4)},
                UserError,
                "add situational discussions to their own pairings",
            ),
        }
        for model, (values, refusal, message) in refusals.items():
            for user in (self.user_mentor, self.user_mentee_x):
                with self.subTest(model=model, user=user.login), self.assertRaisesRegex(refusal, message):
                    self.env[model].with_user(user).create(values)


@tagged("post_install", "-at_install")
class TestNameLength(MentoringCase):
    """Names a user types are titles: bounded, with a clear message."""

    def _vals(self):
        scale = self.env.ref("hr_mentoring.scale_behaviour")
        pairing = self._pairing(self.mentee_x)
        event = self.env["hr.mentoring.event"].create(
            {"pairing_id": pairing.id, "name": "E", "event_type": "planned_discussion", "date_due": date(2026, 3, 4)}
        )
        return {
            "hr.mentoring.program": {"coordinator_id": self.user_coordinator.id},
            "hr.mentoring.plan.template": {},
            "hr.mentoring.plan.template.line": {"template_id": self.program.plan_template_id.id},
            "hr.mentoring.scale": {},
            "hr.mentoring.scale.level": {"scale_id": scale.id, "value": 99},
            "hr.mentoring.criterion": {"scale_id": scale.id},
            "hr.mentoring.event": {"pairing_id": pairing.id, "date_due": date(2026, 3, 5)},
            "hr.mentoring.action.item": {"event_id": event.id},
            "hr.mentoring.note": {},
        }

    def test_names_are_bounded(self):
        for model, vals in self._vals().items():
            Model = self.env[model].with_user(self.user_coordinator)
            with self.subTest(model=model):
                record = Model.create({**vals, "name": "n" * NAME_MAX_LENGTH})
                self.assertEqual(len(record.name), NAME_MAX_LENGTH)
                with self.assertRaisesRegex(
                    ValidationError, f"{NAME_MAX_LENGTH + 1} characters long.*{NAME_MAX_LENGTH}"
                ):
                    Model.create({**vals, "name": "n" * (NAME_MAX_LENGTH + 1)})
                with self.assertRaisesRegex(ValidationError, f"keep it to {NAME_MAX_LENGTH} at most"):
                    record.write({"name": "x" * 1_000_000})
                self.env.invalidate_all()
                self.assertEqual(record.name, "n" * NAME_MAX_LENGTH, "re-read: the name is unchanged")

    def test_download_name_is_short_and_safe(self):
        Xlsx = self.env["report.hr_mentoring.program_xlsx"]
        self.program.name = 'Q3/Q4: "new" <hires>? ' + "long " * 40
        filename = Xlsx._mentoring_get_filename(self.program)
        self.assertTrue(filename.startswith("Mentoring - Q3-Q4- -new- -hires-- long long"), filename)
        self.assertTrue(filename.endswith(".xlsx"))
        self.assertLessEqual(len(filename), 100)
        self.assertFalse(set('/\\:*?"<>|') & set(filename))
        # a name written before the bound (or around it) is cut too
        self.env.cr.execute(
            "UPDATE hr_mentoring_program SET name = jsonb_build_object('en_US', repeat('x', 1000000)) WHERE id = %s",
            [self.program.id],
        )
        self.env.invalidate_all()
        self.assertLessEqual(len(Xlsx._mentoring_get_filename(self.program)), 100)


@tagged("post_install", "-at_install")
class TestLongNameDownload(HttpCase, MentoringCase):
    def test_header_of_a_long_name(self):
        self.env.cr.execute(
            "UPDATE hr_mentoring_program SET name = jsonb_build_object('en_US', repeat('x', 1000000)) WHERE id = %s",
            [self.program.id],
        )
        self.env.invalidate_all()
        self.authenticate(self.user_coordinator.login, self.user_coordinator.login)
        response = self.url_open(f"/hr_mentoring/program/{self.program.id}/xlsx")
        self.assertEqual(response.status_code, 200)
        header = response.headers["Content-Disposition"]
        self.assertLess(len(header), 200)
        self.assertIn("Mentoring - " + "x" * 64 + ".xlsx", unquote(header))


@tagged("post_install", "-at_install")
class TestDateWindow(MentoringCase):
    """Dates more than ten years from today are refused; nothing computed
    from a date or a day count raises OverflowError."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the window is the writer's: Cora, who writes every date below
        cls.today = today_of(cls.user_coordinator)
        cls.first, cls.last = date_window(cls.today)

    def test_window(self):
        self.assertEqual((self.last - self.today).days // 365, DATE_WINDOW_YEARS)
        self.assertEqual((self.today - self.first).days // 365, DATE_WINDOW_YEARS)

    def test_pairing_dates(self):
        Pairing = self.env["hr.mentoring.pairing"].with_user(self.user_coordinator)
        vals = {"program_id": self.program.id, "mentor_id": self.mentor.id, "mentee_id": self.mentee_x.id}
        for start, end in ((self.first, None), (self.last - timedelta(days=1), self.last)):
            pairing = Pairing.create({**vals, "date_start": start, "date_end": end, "state": "draft"})
            self.assertEqual(pairing.date_start, start)
            # a mentee has one open pairing per programme: the next one replaces it
            pairing.action_cancel()
        for start, end in (
            (self.first - timedelta(days=1), None),
            (self.last + timedelta(days=1), None),
            (self.today, self.last + timedelta(days=1)),
            (date(9999, 12, 20), None),
            (date(1, 1, 1), None),
        ):
            with self.subTest(start=start, end=end), self.assertRaisesRegex(ValidationError, "too far from today"):
                Pairing.create({**vals, "date_start": start, "date_end": end, "state": "draft"})
        pairing = Pairing.create({**vals, "date_start": self.today, "state": "draft"})
        with self.assertRaisesRegex(ValidationError, "Start Date 9999-12-20 of a Mentoring Pairing is too far"):
            pairing.write({"date_start": date(9999, 12, 20)})
        self.env.invalidate_all()
        self.assertEqual(pairing.date_start, self.today, "re-read: unchanged")

    def test_program_dates(self):
        Program = self.env["hr.mentoring.program"].with_user(self.user_coordinator)
        program = Program.create({"name": "P", "date_start": self.first, "date_end": self.last})
        for vals in (
            {"date_start": self.first - timedelta(days=1)},
            {"date_end": self.last + timedelta(days=1)},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, "too far from today"):
                program.write(vals)
            self.env.invalidate_all()
            self.assertEqual((program.date_start, program.date_end), (self.first, self.last))

    def test_event_due_dates(self):
        pairing = self._pairing(self.mentee_x)
        Event = self.env["hr.mentoring.event"].with_user(self.user_coordinator)
        vals = {"pairing_id": pairing.id, "name": "E", "event_type": "planned_discussion"}
        event = Event.create({**vals, "date_due": self.last})
        Event.create({**vals, "date_due": self.first})
        for due in (self.last + timedelta(days=1), self.first - timedelta(days=1)):
            with self.subTest(due=due):
                with self.assertRaisesRegex(ValidationError, "Due Date .* too far from today"):
                    Event.create({**vals, "date_due": due})
                with self.assertRaisesRegex(ValidationError, "too far from today"):
                    event.write({"date_due": due})
                self.env.invalidate_all()
                self.assertEqual(event.date_due, self.last)

    def test_plan_wizard_start_date(self):
        pairing = self._pairing(self.mentee_x, date_start=self.today)
        Wizard = self.env["hr.mentoring.plan.wizard"].with_user(self.user_coordinator)
        with self.assertRaisesRegex(ValidationError, "Plan Starts On .* too far from today"):
            Wizard.create({"pairing_id": pairing.id, "date_start": self.last + timedelta(days=1)})
        self.assertFalse(Wizard.search([("pairing_id", "=", pairing.id)]))

    def test_plan_of_a_pairing_dated_by_sql(self):
        """A date written around the constraints gives a UserError, not an
        OverflowError, wherever the plan is computed."""
        pairing = self._pairing(self.mentee_x, state="proposed")
        self.env.cr.execute("UPDATE hr_mentoring_pairing SET date_start = '9999-12-20' WHERE id = %s", [pairing.id])
        self.env.invalidate_all()
        Wizard = self.env["hr.mentoring.plan.wizard"].with_user(self.user_coordinator)
        with self.assertRaises(UserError):
            Wizard.create({"pairing_id": pairing.id}).action_create_plan()
        self.assertFalse(pairing.event_ids)
        with self.assertRaisesRegex(UserError, "after the last date of the calendar"):
            self.mentee_x._mentoring_work_dates(date(9999, 12, 20), 24)

    def test_plan_length_bounded(self):
        line = self.program.plan_template_id.line_ids[:1]
        with self.assertRaisesRegex(ValidationError, "a plan lasts at most"):
            line.write({"repeat_count": 100_000, "repeat_interval": 1})
        with self.assertRaisesRegex(ValidationError, "a plan lasts at most"):
            line.write({"day_offset": 1_000_000})

    def test_company_day_settings(self):
        company = self.company
        for fname in ("mentoring_reminder_days", "mentoring_escalation_days"):
            with self.subTest(fname=fname):
                company.write({fname: SETTING_MAX_DAYS})
                for bad in (SETTING_MAX_DAYS + 1, -1, 10**9):
                    with self.assertRaisesRegex(ValidationError, f"between 0 and {SETTING_MAX_DAYS} days"):
                        company.write({fname: bad})
                    self.env.invalidate_all()
                    self.assertEqual(company[fname], SETTING_MAX_DAYS)
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"mentoring_reminder_days": 10**6}).execute()
        self.assertEqual(company.mentoring_reminder_days, SETTING_MAX_DAYS)

    def test_crons_with_settings_and_dates_around_the_constraints(self):
        pairing = self._pairing(self.mentee_x)
        Event = self.env["hr.mentoring.event"]
        vals = {"pairing_id": pairing.id, "event_type": "feedback"}
        ancient = Event.create({**vals, "name": "Ancient", "date_due": self.today - timedelta(days=3)})
        future = Event.create({**vals, "name": "Future", "date_due": self.today + timedelta(days=3)})
        self.env.cr.execute("UPDATE hr_mentoring_event SET date_due = '0001-01-02' WHERE id = %s", [ancient.id])
        self.env.cr.execute("UPDATE hr_mentoring_event SET date_due = '9999-12-30' WHERE id = %s", [future.id])
        self.env.cr.execute(
            "UPDATE res_company SET mentoring_reminder = true, mentoring_reminder_days = 2000000000, "
            "mentoring_escalation_days = 2000000000"
        )
        self.env.invalidate_all()
        Event._cron_flag_missed_events()
        self.assertEqual(ancient.state, "missed")
        self.assertEqual(future.state, "planned")
        # escalate: a missed event flagged long ago, still unexplained
        self.env.cr.execute("UPDATE hr_mentoring_event SET missed_on = '0001-01-03' WHERE id = %s", [ancient.id])
        self.env.invalidate_all()
        self.assertEqual(Event._cron_escalate_unexplained(), ancient)
        sent = Event._cron_send_reminders()
        self.assertIn(future, sent, "the horizon is held at the end of the calendar")


@tagged("post_install", "-at_install")
class TestBooleanSearches(MentoringCase):
    """Every searchable computed field answers what the web client and RPC
    send, and refuses the rest with a UserError naming the field."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Cora coordinates (reads everything) and heads Support (Y)
        cls.dept_y.manager_id = cls.emp_coordinator
        cls.px = cls._pairing(cls.mentee_x)
        cls.py = cls._pairing(cls.mentee_y, mentor=cls.mentor_y)
        today = fields.Date.context_today(cls.env.user)
        Event = cls.env["hr.mentoring.event"]
        cls.events = Event
        for pairing in cls.px | cls.py:
            for name, due in (("Late", today - timedelta(days=2)), ("Soon", today + timedelta(days=2))):
                cls.events |= Event.create(
                    {"pairing_id": pairing.id, "name": name, "event_type": "planned_discussion", "date_due": due}
                )
            cls.env["hr.mentoring.action.item"].create({"event_id": cls.events[-1].id, "name": "Read the handbook"})
            evaluation = (
                cls.env["hr.mentoring.evaluation"]
                .with_user(cls.user_coordinator)
                .create({"pairing_id": pairing.id, "kind": "coordinator_on_mentee"})
            )
            for line in evaluation.line_ids:
                line.level_id = line.criterion_id.scale_id.level_ids.sorted("value")[-1:]
            evaluation.action_submit()

    OPERATIONS = (
        ("=", True, "pos"),
        ("=", False, "neg"),
        ("!=", True, "neg"),
        ("!=", False, "pos"),
        ("in", [True], "pos"),
        ("in", [False], "neg"),
        ("in", (True, False), "all"),
        ("in", [], "none"),
        ("not in", [True], "neg"),
        ("not in", [False], "pos"),
        ("not in", [True, False], "none"),
        ("not in", [], "all"),
    )
    BAD = (("=", "yes"), ("in", ["yes"]), (">", True), ("ilike", "x"), ("=", 1), ("in", [True, "yes"]))

    def _check_field(self, model, fname, label, user):
        Model = self.env[model].with_user(user)
        self.env.invalidate_all()
        everything = Model.search([])
        positive = everything.filtered(fname)
        self.assertTrue(positive, f"{model}: some records are {fname}")
        self.assertTrue(everything - positive, f"{model}: some records are not {fname}")
        expected = {"pos": positive, "neg": everything - positive, "all": everything, "none": Model.browse()}
        for operator, value, outcome in self.OPERATIONS:
            with self.subTest(model=model, operator=operator, value=value):
                self.assertEqual(Model.search([(fname, operator, value)]), expected[outcome])
                self.assertEqual(Model.search_count([(fname, operator, value)]), len(expected[outcome]))
        for operator, value in self.BAD:
            with self.subTest(model=model, operator=operator, value=value), self.assertRaisesRegex(UserError, label):
                Model.search([(fname, operator, value)])

    def test_is_department_head(self):
        for model in (
            "hr.mentoring.pairing",
            "hr.mentoring.event",
            "hr.mentoring.action.item",
            "hr.mentoring.evaluation",
            "hr.mentoring.evaluation.line",
            "hr.mentoring.progress",
        ):
            self._check_field(model, "is_department_head", "In My Departments", self.user_coordinator)

    def test_is_department_head_of_nobody(self):
        Pairing = self.env["hr.mentoring.pairing"].with_user(self.user_mentor)
        mine = Pairing.search([])
        self.assertTrue(mine)
        self.assertFalse(Pairing.search([("is_department_head", "in", [True])]))
        self.assertEqual(Pairing.search([("is_department_head", "not in", [True])]), mine)
        self.assertEqual(Pairing.search([("is_department_head", "!=", True)]), mine)

    def test_is_overdue(self):
        self._check_field("hr.mentoring.event", "is_overdue", "Overdue", self.user_coordinator)
        self.assertEqual(
            self.env["hr.mentoring.event"]
            .search([("id", "in", self.events.ids), ("is_overdue", "=", True)])
            .mapped("name"),
            ["Late", "Late"],
        )
