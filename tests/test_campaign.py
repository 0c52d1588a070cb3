import base64
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MentoringCase

CAMPAIGN_MODULE = "odoo.addons.hr_mentoring.models.hr_mentoring_program"


@tagged("post_install", "-at_install")
class TestCampaign(MentoringCase):
    """The regulations and the information campaign: who is announced, in which
    language, who reads and acknowledges what, new versions, reminders, the
    scheduled action of a large campaign, and its cost."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing_x, cls.pairing_y = cls._pairings_x_y()
        cls.Ack = cls.env["hr.mentoring.program.acknowledgement"]
        cls.template = cls.env.ref("hr_mentoring.mail_template_program_campaign")
        cls.reminder = cls.env.ref("hr_mentoring.mail_template_program_campaign_reminder")
        cls.regulation = cls._upload("Regulations.pdf")
        cls.program.with_user(cls.user_coordinator).write({"regulation_ids": [Command.link(cls.regulation.id)]})

    @classmethod
    def _upload(cls, name, user=None):
        """A file as the web client uploads it for a many2many_binary field: not yet on a record."""
        return (
            cls.env["ir.attachment"]
            .with_user(user or cls.user_coordinator)
            .create({"name": name, "raw": b"%PDF regulations", "res_model": "hr.mentoring.program", "res_id": 0})
        )

    def _launch(self, program=None, user=None):
        return (program or self.program).with_user(user or self.user_coordinator).action_launch_campaign()

    def _acks(self, program=None):
        return self.Ack.search([("program_id", "=", (program or self.program).id)])

    def _ack_of(self, employee):
        return self.Ack.search([("program_id", "=", self.program.id), ("employee_id", "=", employee.id)])

    def _mails(self, template=None):
        """The announcements (or the reminders) of the programme's participants."""
        mails = self.env["mail.mail"].search(
            [("model", "=", self.Ack._name), ("res_id", "in", self._acks().ids)], order="id"
        )
        reminder = template == self.reminder
        return mails.filtered(lambda m: m.subject.startswith("Reminder") == reminder)

    # ------------------------------------------------------------------
    # the regulations
    # ------------------------------------------------------------------

    def test_regulations_belong_to_the_programme_and_participants_download_them(self):
        self.assertEqual((self.regulation.res_model, self.regulation.res_id), (self.program._name, self.program.id))
        self._launch()
        for user in (self.user_mentee_x, self.user_mentor, self.user_head_x):
            self.env.invalidate_all()
            ack = self._ack_of(user.employee_id).with_user(user)
            self.assertEqual(ack.regulation_ids, self.regulation.with_user(user))
            self.assertEqual(
                base64.b64decode(ack.regulation_ids.read(["datas"])[0]["datas"]), b"%PDF regulations", user.name
            )
            # /web/content checks the same access
            found = self.env["ir.binary"].with_user(user)._find_record(res_id=self.regulation.id)
            self.assertEqual(found.raw, b"%PDF regulations")

    def test_a_file_of_another_document_is_refused(self):
        note = self.env["hr.mentoring.note"].create({"name": "Confidential", "pairing_id": self.pairing_x.id})
        secret = self.env["ir.attachment"].create(
            {"name": "secret.pdf", "raw": b"x", "res_model": note._name, "res_id": note.id}
        )
        with self.assertRaisesRegex(ValidationError, "secret.pdf belongs to another document"):
            self.program.with_user(self.user_coordinator).write({"regulation_ids": [Command.link(secret.id)]})

    # ------------------------------------------------------------------
    # launching
    # ------------------------------------------------------------------

    def test_launch_creates_one_acknowledgement_per_participant_and_sends_the_regulations(self):
        action = self._launch()
        self.assertEqual(action["tag"], "display_notification")
        acks = self._acks()
        self.assertEqual(
            {(ack.employee_id, ack.role) for ack in acks},
            {
                (self.mentee_x, "mentee"),
                (self.mentee_y, "mentee"),
                (self.mentor, "mentor"),
                (self.mentor_y, "mentor"),
                # Key Accounts has no manager: Xavier's head is Sales' Hanna
                (self.emp_head_x, "head"),
                (self.emp_head_y, "head"),
            },
        )
        self.assertEqual(set(acks.mapped("state")), {"pending"})
        self.assertEqual(self.program.regulation_version, 1)
        self.assertTrue(self.program.campaign_launched_on)
        self.assertEqual(set(acks.mapped("sent_version")), {1})
        self.assertFalse(any(acks.mapped("to_send")))
        mails = self._mails()
        self.assertEqual(len(mails), 6, "one announcement per participant")
        self.assertEqual(
            mails.recipient_ids, acks.user_id.partner_id, "each participant is the recipient of their mail"
        )
        for mail in mails:
            self.assertEqual(mail.attachment_ids, self.regulation, "the regulations are attached")
            self.assertIn("New Client Managers", mail.subject)
        xavier = mails.filtered(lambda m: m.res_id == self._ack_of(self.mentee_x).id)
        self.assertIn("Xavier", xavier.body_html)
        self.assertIn("as\n", xavier.body_html.replace(" as ", " as\n"))
        self.assertEqual(self.program.acknowledgement_label, "0/6")

    def test_launch_is_idempotent_and_adds_newcomers(self):
        self._launch()
        self._launch()
        self.assertEqual(len(self._acks()), 6)
        self.assertEqual(len(self._mails()), 6, "nobody is announced twice")
        newcomer = self._pairing(self.emp_outsider, mentor=self.mentor)
        self.assertTrue(newcomer)
        self._launch()
        ack = self._ack_of(self.emp_outsider)
        self.assertEqual(ack.role, "mentee")
        self.assertEqual(len(self._acks()), 7)
        self.assertEqual(len(self._mails()), 7, "only the newcomer is announced")

    def test_launch_refuses_without_regulations_or_participants(self):
        self.program_2.regulation_ids = self._upload("Leadership rules.pdf")
        with self.assertRaisesRegex(UserError, "has no participants yet"):
            self._launch(self.program_2)
        self.program.regulation_ids = [Command.clear()]
        with self.assertRaisesRegex(UserError, "Add the regulations"):
            self._launch()
        self.assertFalse(self._acks())

    def test_only_coordinators_launch_and_remind(self):
        for user in self.users_not_coordinator:
            with self.subTest(user=user.name):
                self.env.invalidate_all()
                with self.assertRaises(AccessError):
                    self._launch(user=user)
                with self.assertRaises(AccessError):
                    self.program.with_user(user).action_remind_acknowledgements()
        self.assertFalse(self._acks())

    # ------------------------------------------------------------------
    # who reads, who acknowledges
    # ------------------------------------------------------------------

    def test_each_role_reads_what_it_may(self):
        # a database with demo data holds acknowledgements of its own: only this test's are counted
        ours = [("id", "not in", self.Ack.search([]).ids)]
        self._launch()
        acks = self._acks()
        by_employee = {ack.employee_id: ack for ack in acks}
        expected = {
            self.user_coordinator: acks,
            # her own, and those of the participants of Sales and Key Accounts
            self.user_head_x: by_employee[self.emp_head_x] | by_employee[self.mentee_x] | by_employee[self.mentor],
            self.user_head_y: by_employee[self.emp_head_y] | by_employee[self.mentee_y] | by_employee[self.mentor_y],
            self.user_mentor: by_employee[self.mentor],
            self.user_mentee_x: by_employee[self.mentee_x],
            self.user_mentee_y: by_employee[self.mentee_y],
            self.user_outsider: self.Ack,
            self.user_hr_officer: self.Ack,
            self.user_other_company: self.Ack,
        }
        yara = by_employee[self.mentee_y]
        for user, readable in expected.items():
            with self.subTest(user=user.name):
                self.env.invalidate_all()
                Ack = self.Ack.with_user(user)
                self.assertEqual(Ack.search(ours), readable.with_user(user))
                groups = Ack._read_group(ours, ["program_id"], ["__count"])
                self.assertEqual(sum(count for _program, count in groups), len(readable))
                self.assertEqual(self.program.with_user(user).acknowledgement_count, len(readable))
                if yara not in readable:
                    with self.assertRaises(AccessError):
                        yara.with_user(user).read(["employee_id", "date_acknowledged"])

    def test_only_the_participant_acknowledges(self):
        self._launch()
        xavier, yara = self._ack_of(self.mentee_x), self._ack_of(self.mentee_y)
        self.env.invalidate_all()
        self.assertTrue(xavier.with_user(self.user_mentee_x).can_acknowledge)
        self.assertFalse(xavier.with_user(self.user_head_x).can_acknowledge)
        for user in (self.user_mentee_y, self.user_head_x, self.user_coordinator, self.user_mentor):
            with self.subTest(user=user.name):
                self.env.invalidate_all()
                with self.assertRaises(AccessError):
                    xavier.with_user(user).action_acknowledge()
        # nor by writing the fields, not even a coordinator over RPC
        for user in (self.user_mentee_x, self.user_coordinator):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                xavier.with_user(user).write({"date_acknowledged": "2026-01-01 00:00:00", "regulation_version": 1})
        self.assertEqual(xavier.state, "pending")
        xavier.with_user(self.user_mentee_x).action_acknowledge()
        self.assertEqual(xavier.state, "acknowledged")
        self.assertTrue(xavier.date_acknowledged)
        self.assertEqual(xavier.regulation_version, 1)
        self.assertEqual(yara.state, "pending")
        self.env.invalidate_all()
        self.assertFalse(xavier.with_user(self.user_mentee_x).can_acknowledge)
        self.assertEqual(self.program.acknowledgement_label, "1/6")
        self.assertEqual(self.Ack.search_count([("program_id", "=", self.program.id), ("state", "=", "pending")]), 5)

    def test_an_acknowledgement_is_named_by_its_programme_and_participant(self):
        self._launch()
        xavier = self._ack_of(self.mentee_x)
        self.env.invalidate_all()
        for user in (self.user_mentee_x, self.user_coordinator):
            with self.subTest(user=user.name):
                self.assertEqual(xavier.with_user(user).display_name, "Regulations of New Client Managers: Xavier")

    def test_a_new_version_asks_again(self):
        self._launch()
        xavier = self._ack_of(self.mentee_x)
        xavier.with_user(self.user_mentee_x).action_acknowledge()
        # changing nothing is no new version
        self.program.with_user(self.user_coordinator).write({"regulation_ids": [Command.set(self.regulation.ids)]})
        self.assertEqual(self.program.regulation_version, 1)
        addendum = self._upload("Addendum.pdf")
        self.program.with_user(self.user_coordinator).write({"regulation_ids": [Command.link(addendum.id)]})
        self.assertEqual(self.program.regulation_version, 2)
        self.assertEqual(addendum.res_id, self.program.id)
        self.assertEqual(xavier.state, "pending", "the acknowledged participant is asked again")
        self.assertEqual(xavier.regulation_version, 1)
        self.assertEqual(set(self._acks().mapped("sent_version")), {2})
        mails = self._mails()
        self.assertEqual(len(mails), 12, "every participant is told of the new version")
        self.assertEqual(mails[-1].attachment_ids, self.regulation | addendum)
        self.assertIn("version 2", mails[-1].body_html)
        self.assertTrue(self.program.message_ids.filtered(lambda m: "New version 2" in (m.body or "")))
        xavier.with_user(self.user_mentee_x).action_acknowledge()
        self.assertEqual((xavier.state, xavier.regulation_version), ("acknowledged", 2))
        with self.assertRaisesRegex(UserError, "keep at least one regulation"):
            self.program.with_user(self.user_coordinator).write({"regulation_ids": [Command.clear()]})

    def test_remind_only_the_pending(self):
        self._launch()
        xavier = self._ack_of(self.mentee_x)
        xavier.with_user(self.user_mentee_x).action_acknowledge()
        self.program.with_user(self.user_coordinator).action_remind_acknowledgements()
        reminders = self._mails(self.reminder)
        self.assertEqual(len(reminders), 5)
        self.assertNotIn(xavier.id, reminders.mapped("res_id"), "who acknowledged is not reminded")
        self.assertEqual(reminders[0].attachment_ids, self.regulation)
        self.assertFalse(xavier.reminded_on)
        self.assertTrue(self._ack_of(self.mentee_y).reminded_on)
        for ack in self._acks() - xavier:
            ack.with_user(ack.user_id).action_acknowledge()
        with self.assertRaisesRegex(UserError, "nobody to remind"):
            self.program.with_user(self.user_coordinator).action_remind_acknowledgements()

    def test_each_recipient_in_their_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.template.with_context(lang="fr_FR").subject = "{{ object.program_id.name }} : lisez le règlement"
        self.user_mentee_y.lang = "fr_FR"
        self._launch()
        mails = self._mails()
        yara = mails.filtered(lambda m: m.res_id == self._ack_of(self.mentee_y).id)
        self.assertEqual(yara.subject, "New Client Managers : lisez le règlement")
        others = mails - yara
        self.assertEqual(len(others), 5)
        for mail in others:
            self.assertIn("please read the regulations", mail.subject)

    # ------------------------------------------------------------------
    # a large campaign: the scheduled action, batch by batch
    # ------------------------------------------------------------------

    def test_large_campaign_goes_to_the_scheduled_action(self):
        cron = self.env.ref("hr_mentoring.ir_cron_send_campaign")
        self.assertIn(self.env.ref("base.group_system"), cron.groups_id)
        Trigger = self.env["ir.cron.trigger"]
        triggers = Trigger.search([("cron_id", "=", cron.id)])
        with patch(f"{CAMPAIGN_MODULE}.CAMPAIGN_BATCH_SIZE", 4):
            action = self._launch()
        self.assertIn("background", action["params"]["message"])
        self.assertEqual(len(Trigger.search([("cron_id", "=", cron.id)]) - triggers), 1, "the cron is triggered")
        self.assertFalse(self._mails(), "nothing sent yet")
        self.assertEqual(len(self._acks().filtered("to_send")), 6)
        cron, progress = cron._add_progress()
        Ack = self.Ack.with_context(ir_cron_progress_id=progress.id)
        sent = Ack._cron_send_campaign(batch_size=4)
        self.assertEqual(len(sent), 4)
        self.assertEqual((progress.done, progress.remaining), (4, 2))
        self.assertEqual(len(self._mails()), 4)
        cron, progress = cron._add_progress()
        sent = self.Ack.with_context(ir_cron_progress_id=progress.id)._cron_send_campaign(batch_size=4)
        self.assertEqual(len(sent), 2)
        self.assertEqual((progress.done, progress.remaining), (2, 0))
        # restarted, it sends nothing twice
        self.assertFalse(self.Ack._cron_send_campaign(batch_size=4))
        self.assertEqual(len(self._mails()), 6)
        self.assertEqual(len(self._mails().mapped("res_id")), 6)

    # ------------------------------------------------------------------
    # the cost: as many queries for 50 participants as for 10
    # ------------------------------------------------------------------

    def _programme_of(self, mentees):
        """A programme with ``mentees`` mentees of their own Key Accounts-like
        department (one head), each with a user, mentors of four each."""
        program = self.env["hr.mentoring.program"].create(
            {"name": f"Cohort of {mentees}", "coordinator_id": self.user_coordinator.id, "state": "running"}
        )
        department = self.env["hr.department"].create({"name": f"Cohort {mentees}", "parent_id": self.dept_y.id})
        for index in range(mentees):
            if index % 4 == 0:
                mentor = self._employee(f"Mentor {mentees}-{index}", mentor_state="approved")
            mentee = self._employee(f"Mentee {mentees}-{index}", department_id=department.id)
            self._pairing(mentee, mentor=mentor, program=program)
        program.regulation_ids = self._upload(f"Rules {mentees}.pdf")
        self.env.flush_all()
        return program

    def _count_launch(self, program):
        self.env.invalidate_all()
        with self.countQueries() as queries:
            self._launch(program)
        return queries.count

    def test_campaign_cost_does_not_grow_with_participants(self):
        small, large = self._programme_of(6), self._programme_of(36)
        # 6 mentees + 2 mentors + Yusuf = 9; 36 + 9 + Yusuf = 46
        self._count_launch(self._programme_of(2))  # warm the caches
        queries = self._count_launch(small)
        self.assertEqual(len(self._acks(small)), 9)
        self.assertQueriesWithin(self._count_launch(large), queries + 4)
        self.assertEqual(len(self._acks(large)), 46)
        self.assertEqual(len(self._acks(large).filtered("to_send")), 0)
