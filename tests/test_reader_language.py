import importlib.util
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged
from odoo.tools import SQL
from odoo.tools.misc import file_path

from .common import MentoringCase

UK = "uk_UA"
MONDAY = date(2026, 3, 2)
PLAN = "hr_mentoring.report_mentoring_plan"
PROGRESS = "hr_mentoring.report_pairing_progress"
# the template's lines, in English and in Ukrainian
LINES = {
    "Welcome meeting": "Зустріч-знайомство",
    "Feedback day 3": "Відгук на третій день",
    "Weekly discussion": "Щотижневе обговорення",
}
INSTRUCTIONS = ("Introduce the mentee to the team", "Познайомте підопічного з командою")


@tagged("post_install", "-at_install")
class TestReaderLanguage(MentoringCase):
    """Maria, Xavier's mentor, reads Ukrainian; the coordinator who makes the
    plan, Xavier and the scheduled actions read English. Maria's plan, her
    activities, the lines logged on her plan and both PDFs she prints are in
    Ukrainian, with Ukrainian dates; what the others read stays English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(UK)
        cls.env["ir.module.module"]._load_module_terms(["hr_mentoring"], [UK], overwrite=True)
        cls.user_mentor.lang = UK
        cls.company.partner_id.tz = "UTC"
        template = cls.env["hr.mentoring.plan.template"].create(
            {
                "name": "Onboarding plan",
                "line_ids": [
                    Command.create(
                        {
                            "name": "Welcome meeting",
                            "event_type": "planned_discussion",
                            "day_offset": 1,
                            "instructions": f"<p>{INSTRUCTIONS[0]}</p>",
                        }
                    ),
                    Command.create({"name": "Feedback day 3", "event_type": "feedback", "day_offset": 3}),
                    Command.create(
                        {
                            "name": "Weekly discussion",
                            "event_type": "planned_discussion",
                            "day_offset": 6,
                            "repeat_count": 1,
                            "repeat_unit": "weeks",
                        }
                    ),
                ],
            }
        )
        for line in template.line_ids:
            line.update_field_translations("name", {UK: LINES[line.name]})
            if line.instructions:
                line.update_field_translations("instructions", {UK: {INSTRUCTIONS[0]: INSTRUCTIONS[1]}})
        cls.pairing = cls._pairing(cls.mentee_x, date_start=MONDAY)
        # the coordinator makes the plan in English
        cls.env["hr.mentoring.plan.wizard"].with_user(cls.user_coordinator).with_context(lang="en_US").create(
            {"pairing_id": cls.pairing.id, "template_id": template.id}
        ).action_create_plan()
        cls.events = cls.pairing.event_ids.sorted("date_due")
        cls.Event = cls.env["hr.mentoring.event"].with_context(lang="en_US")

    def _names(self, lang):
        return self.events.with_context(lang=lang).sorted("date_due").mapped("name")

    def _event(self, name):
        return self.events.filtered(lambda e: e.with_context(lang="en_US").name == name)

    def _render(self, report, user):
        self.env.invalidate_all()
        Report = self.env["ir.actions.report"].with_user(user).with_context(lang=user.lang)
        content, _report_type = Report._render_qweb_html(report, self.pairing.ids)
        return content.decode()

    def assertNoEnglish(self, text, english):
        for words in english:
            self.assertNotIn(words, text)

    def test_plan_in_every_language_of_its_template(self):
        self.assertEqual(
            self._names(UK),
            [
                "Зустріч-знайомство",
                "Відгук на третій день",
                "Щотижневе обговорення (1/2)",
                "Щотижневе обговорення (2/2)",
            ],
        )
        self.assertEqual(
            self._names("en_US"),
            ["Welcome meeting", "Feedback day 3", "Weekly discussion (1/2)", "Weekly discussion (2/2)"],
        )
        welcome = self._event("Welcome meeting")
        self.assertIn(INSTRUCTIONS[1], welcome.with_context(lang=UK).instructions)
        self.assertIn(INSTRUCTIONS[0], welcome.with_context(lang="en_US").instructions)
        # the mentor reads her plan in Ukrainian (her web client asks in her language)
        self.env.invalidate_all()
        Event = self.env["hr.mentoring.event"].with_user(self.user_mentor).with_context(lang=UK)
        mine = Event.search([("pairing_id", "=", self.pairing.id)])
        self.assertEqual(set(mine.mapped("name")), set(self._names(UK)))
        self.assertEqual(set(mine.mapped("display_name")), {f"{name} (Xavier)" for name in self._names(UK)})

    def test_plan_copies_the_translations_in_one_query(self):
        pairing = self._pairing(self.mentee_y, mentor=self.mentor_y, date_start=MONDAY)
        wizard = self.env["hr.mentoring.plan.wizard"].create(
            {"pairing_id": pairing.id, "template_id": self.events.template_line_id.template_id.id}
        )
        with self.countQueries() as count:
            wizard.action_create_plan()
        self.assertEqual(len(pairing.event_ids), 4)
        # a longer plan costs no more queries: none per event
        more = self.events.template_line_id.template_id.copy()
        more.line_ids[-1].repeat_count = 7
        pairing_2 = self._pairing(self.emp_outsider, mentor=self.mentor_y, date_start=MONDAY)
        wizard = self.env["hr.mentoring.plan.wizard"].create({"pairing_id": pairing_2.id, "template_id": more.id})
        with self.countQueries() as count_2:
            wizard.action_create_plan()
        self.assertEqual(len(pairing_2.event_ids), 10)
        self.assertLess(count_2.count, count.count + 6, "no query per event")
        self.assertEqual(
            pairing_2.event_ids.with_context(lang=UK).sorted("date_due")[-1].name, "Щотижневе обговорення (8/8)"
        )

    def test_activities_in_the_assignees_language(self):
        activities = self._activities(self.events, "hr_mentoring.mail_activity_type_mentoring")
        self.assertEqual(activities.user_id, self.user_mentor)
        self.assertEqual(set(activities.mapped("summary")), set(self._names(UK)))
        welcome = activities.filtered(lambda a: a.res_id == self._event("Welcome meeting").id)
        self.assertIn(INSTRUCTIONS[1], welcome.note)
        self.assertNotIn(INSTRUCTIONS[0], welcome.note)
        # Xavier's own event is in his language, English
        own = self.Event.create(
            {
                "pairing_id": self.pairing.id,
                "name": "Self-evaluation",
                "event_type": "planned_discussion",
                "responsible_role": "mentee",
                "date_due": date(2026, 3, 20),
            }
        )
        own.update_field_translations("name", {UK: "Самооцінка"})
        own.date_due = date(2026, 3, 19)
        self.assertEqual(self._activities(own).summary, "Self-evaluation")

    def test_chatter_lines_in_the_mentors_language_and_date_format(self):
        with freeze_time("2026-03-05 01:00:00"):
            self.Event._cron_flag_missed_events()
        feedback = self._event("Feedback day 3")
        self.assertEqual(feedback.state, "missed")
        body = feedback.message_ids[:1].body
        self.assertIn("Пропущено: немає підпису до встановленого терміну 04.03.2026", body)
        self.assertNoEnglish(body, ("Missed: no sign-off", "2026-03-04", "03/04/2026"))
        # the head, who reads English, gets his activity in English, the event's name too
        head = self._activities(feedback, "hr_mentoring.mail_activity_type_missed").filtered(
            lambda a: a.user_id == self.user_head_x
        )
        self.assertEqual(head.summary, "Find out why this was missed: Feedback day 3")
        # the mentor reschedules it: the line says so in Ukrainian
        wizard = (
            self.env["hr.mentoring.missed.wizard"]
            .with_user(self.user_mentor)
            .with_context(lang=UK)
            .create(
                {
                    "event_id": feedback.id,
                    "outcome": "reschedule",
                    "reason_category": "workload",
                    "reason": "Закриття кварталу",
                    "new_date": date(2026, 3, 6),
                }
            )
        )
        with freeze_time("2026-03-05 09:00:00"):
            wizard.action_confirm()
        notes = " ".join(feedback.message_ids.mapped("body"))
        self.assertIn("Перенесено на 06.03.2026.", notes)
        self.assertNoEnglish(notes, ("Rescheduled to", "2026-03-06"))
        copy = feedback.rescheduled_to_ids
        self.assertEqual(copy.with_context(lang=UK).name, "Відгук на третій день")

    def test_pause_and_resume_lines_in_the_mentors_language(self):
        """The head, who reads English, pauses and resumes Maria's plan: the
        lines on its chatter, and the moves of its events, are Maria's."""
        pairing = self.pairing.with_user(self.user_head_x).with_context(lang="en_US")
        with freeze_time("2026-03-03 09:00:00"):
            pairing._mentoring_pause("Training course", date(2026, 3, 10))
        with freeze_time("2026-03-09 09:00:00"):
            pairing.action_resume()
        notes = " ".join(self.pairing.message_ids.mapped("body"))
        self.assertIn("призупинив(-ла) цю пару до 10.03.2026: Training course", notes)
        self.assertIn("відновив(-ла) цю пару після 4 робочих днів", notes)
        self.assertIn("Перенесено на 4 робочих днів після паузи:", notes)
        self.assertIn("Відгук на третій день: 04.03.2026 → 10.03.2026", notes)
        self.assertNoEnglish(notes, ("paused this pairing", "resumed this pairing", "Moved by", "Feedback day 3"))

    def test_mentor_reschedules_an_event_with_translated_instructions(self):
        with freeze_time("2026-03-05 01:00:00"):
            self.Event._cron_flag_missed_events()
        welcome = self._event("Welcome meeting")
        self.assertEqual(welcome.state, "missed")
        wizard = (
            self.env["hr.mentoring.missed.wizard"]
            .with_user(self.user_mentor)
            .create(
                {
                    "event_id": welcome.id,
                    "outcome": "reschedule",
                    "reason_category": "workload",
                    "reason": "Quarter-end closing",
                    "new_date": date(2026, 3, 6),
                }
            )
        )
        with freeze_time("2026-03-05 09:00:00"):
            wizard.action_confirm()
        copy = welcome.rescheduled_to_ids
        self.assertEqual((copy.state, copy.date_due), ("planned", date(2026, 3, 6)))
        # the rescheduled event keeps the instructions in both languages
        self.assertIn(INSTRUCTIONS[1], copy.with_context(lang=UK).instructions)
        self.assertIn(INSTRUCTIONS[0], copy.with_context(lang="en_US").instructions)
        # the mentor still may not change them herself
        with self.assertRaises(AccessError):
            copy.with_user(self.user_mentor).instructions = "<p>Skip the team</p>"
        self.assertIn(INSTRUCTIONS[0], copy.with_context(lang="en_US").instructions)

    def test_time_off_move_in_the_readers_language(self):
        weekly = self._event("Weekly discussion (1/2)")
        self.assertEqual(weekly.date_due, date(2026, 3, 9))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Time off",
                "resource_id": self.mentee_x.resource_id.id,
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 9, 0, 0),
                "date_to": datetime(2026, 3, 9, 23, 59, 59),
            }
        )
        self.assertEqual(weekly.date_due, date(2026, 3, 10))
        self.assertEqual(weekly.with_context(lang=UK).moved_reason, "відпустка")
        self.assertEqual(weekly.with_context(lang="en_US").moved_reason, "time off")
        notes = " ".join(self.pairing.message_ids.mapped("body"))
        self.assertIn("Перенесено через відпустку:", notes)
        self.assertIn("Щотижневе обговорення (1/2): 09.03.2026 → 10.03.2026, відпустка", notes)
        self.assertNoEnglish(notes, ("Moved for time off", "Weekly discussion", ", time off"))
        # the mentor's own time off flags her events, in her language and date format
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Time off",
                "resource_id": self.mentor.resource_id.id,
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 16, 0, 0),
                "date_to": datetime(2026, 3, 16, 23, 59, 59),
            }
        )
        self.assertTrue(self._event("Weekly discussion (2/2)").mentor_away)
        notes = " ".join(self.pairing.message_ids.mapped("body"))
        away = "Maria у відпустці, коли настає термін цих заходів"  # noqa: RUF001
        self.assertIn(f"{away}: Щотижневе обговорення (2/2) (16.03.2026)", notes)
        self.assertNotIn("is away on time off", notes)
        # the printed plan says why, in Ukrainian
        content = self._render(PLAN, self.user_mentor)
        self.assertIn("відпустка", content)
        self.assertNotIn("time off", content)

    def test_meeting_named_in_the_mentors_language(self):
        welcome = self._event("Welcome meeting")
        with freeze_time("2026-03-02 06:00:00"):
            welcome.with_user(self.user_mentor).action_schedule_meeting()
        meeting = welcome.calendar_event_id
        self.assertEqual(meeting.name, "Зустріч-знайомство: Xavier і Maria")  # noqa: RUF001 - the Ukrainian "and"
        notes = " ".join(self.pairing.message_ids.mapped("body"))
        self.assertIn("Призначено зустрічі:", notes)
        self.assertNoEnglish(notes, ("Meetings scheduled", "Welcome meeting"))

    def test_both_pdfs_in_the_readers_language(self):
        # two missed events: the progress report lists them
        with freeze_time("2026-03-05 01:00:00"):
            self.Event._cron_flag_missed_events()
        english = ("Welcome meeting", "Feedback day 3", "Weekly discussion", "Mentoring Plan", "Mentoring Progress")
        content = self._render(PLAN, self.user_mentor)
        for name in LINES.values():
            self.assertIn(name, content)
        self.assertIn("План наставництва:", content)
        self.assertNoEnglish(content, english)
        content = self._render(PROGRESS, self.user_mentor)
        for name in ("Зустріч-знайомство", "Відгук на третій день"):
            self.assertIn(name, content)
        self.assertIn("Прогрес наставництва:", content)
        self.assertNoEnglish(content, english)
        # the coordinator prints the same plan in English
        content = self._render(PLAN, self.user_coordinator)
        self.assertIn("Weekly discussion (2/2)", content)
        self.assertNotIn("Щотижневе обговорення", content)

    def test_programme_kanban_in_ukrainian_keeps_its_figures_whole(self):
        views = self.env["hr.mentoring.program"].with_context(lang=UK).get_views([(False, "kanban")])
        arch = views["views"]["kanban"]["arch"]
        for label in ("Активні пари", "Для затвердження", "Вчасний зворотний зв’язок", "Пропущено"):  # noqa: RUF001
            self.assertIn(label, arch)
        self.assertNoEnglish(arch, ("Active Pairings", "To Approve", "Feedback on Time"))
        # "50 %" never wraps into "5" and "0 %": the figures do not wrap
        self.assertIn('<div class="fs-3 text-nowrap"><field name="on_time_label"', arch)

    def test_migration_gives_existing_events_their_lines_translations(self):
        """Before this version the events held one language's text, which the
        update turns into English: the migration gives the events whose text
        is still their line's every translation of the line."""
        renamed = self._event("Feedback day 3")
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """UPDATE hr_mentoring_event
                      SET name = jsonb_build_object('en_US', name->>'en_US'),
                          instructions = jsonb_build_object('en_US', instructions->>'en_US')
                    WHERE id IN %s""",
                tuple(self.events.ids),
            )
        )
        self.env.cr.execute(
            SQL("UPDATE hr_mentoring_event SET name = %s WHERE id = %s", '{"en_US": "Renamed"}', renamed.id)
        )
        self.env.invalidate_all()
        self.assertEqual(self._names(UK)[0], "Welcome meeting")
        spec = importlib.util.spec_from_file_location(
            "hr_mentoring_post_migrate_3", file_path("hr_mentoring/migrations/18.0.3.0.0/post-migrate.py")
        )
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.copy_template_line_translations(self.env)
        self.env.invalidate_all()
        self.assertEqual(
            self._names(UK),
            ["Зустріч-знайомство", "Renamed", "Щотижневе обговорення (1/2)", "Щотижневе обговорення (2/2)"],
        )
        self.assertIn(INSTRUCTIONS[1], self._event("Welcome meeting").with_context(lang=UK).instructions)
