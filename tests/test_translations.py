import re

import polib
from lxml import html

from odoo.tests import TransactionCase, freeze_time, tagged
from odoo.tools.misc import file_path

from .common import MONDAY, MentoringCase
from .test_reports import PLAN, PROGRAM, ReportsCase

UK = "uk_UA"
DE = "de_DE"
# the QWeb views the printed plan and the programme report are made of
PLAN_VIEWS = ("report_mentoring_plan_document", "report_goals")
PROGRAM_VIEWS = ("report_program_document", "report_program_development")


def _view_term_references(po_name):
    """[(xmlid, msgid, msgstr)] of the view terms of an i18n file, one per
    ``#: model_terms:ir.ui.view,arch_db:<xmlid>`` line."""
    po = polib.pofile(file_path(f"hr_mentoring/i18n/{po_name}"))
    prefix = "model_terms:ir.ui.view,arch_db:"
    return [
        (ref.removeprefix(prefix), entry.msgid, entry.msgstr)
        for entry in po
        if not entry.obsolete
        for ref, _line in entry.occurrences
        if ref.startswith(prefix)
    ]


def _view_terms(view):
    """The translatable terms of a view's arch, in English, as Odoo exports them."""
    return set(view._fields["arch_db"].get_trans_terms(view.with_context(lang="en_US").arch_db))


def _pot_terms(views):
    """{msgid: its text} of the .pot's terms that the given views hold."""
    names = {f"ir.ui.view,arch_db:hr_mentoring.{view}" for view in views}
    pot = polib.pofile(file_path("hr_mentoring/i18n/hr_mentoring.pot"))
    return {
        entry.msgid: " ".join(html.fromstring(f"<div>{entry.msgid}</div>").text_content().split())
        for entry in pot
        if any(ref.split(":", 1)[1] in names for ref, _line in entry.occurrences if ref.startswith("model_terms:"))
    }


def _words(text):
    """Whether ``text`` has words to translate (not only numbers and signs such as "/ 100")."""
    return re.search(r"[A-Za-z]{2,}", text) is not None


def _uk_po():
    return {entry.msgid: entry.msgstr for entry in polib.pofile(file_path("hr_mentoring/i18n/uk.po"))}


def _english_left(content, terms):
    """The terms whose English text is still in the rendered ``content``, as whole words."""
    text = " ".join(html.fromstring(content).text_content().split())
    return sorted(
        msgid for msgid, words in terms.items() if words and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)
    )


@tagged("post_install", "-at_install")
class TestUkrainianReports(ReportsCase):
    """With the Ukrainian translation loaded, the mentor's plan and the
    programme report print in Ukrainian: no English text of their templates
    is left. The records' own texts are written in Ukrainian here, so that
    any English word left in the output comes from the templates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(UK)
        cls.env["ir.module.module"]._load_module_terms(["hr_mentoring"], [UK], overwrite=True)
        cls.program.write(
            {
                "name": "Нові клієнтські менеджери",
                "goals": "<p>Скоротити адаптацію нових менеджерів до трьох місяців.</p>",
                "expected_results": "<p>Новий менеджер самостійно веде клієнтів.</p>",
                "conclusions": "<p>Щотижневі обговорення дали найбільший ефект.</p>",
            }
        )
        cls.dept_x.name = "Продажі"
        cls.dept_x_sub.name = "Ключові клієнти"
        cls.dept_y.name = "Підтримка"
        cls.company.name = "Компанія"
        texts = {
            cls.feedback_x: {
                "name": "Відгук на третій день",
                "mentor_comment": "Швидко освоївся, CRM уже знає",
                "mentee_comment": "Дякую за знайомство з командами",
                "review_comment": "План перевірено",
            },
            cls.missed_x: {"name": "Щотижнева зустріч", "missed_reason": "Закриття кварталу"},
            cls.discussion_x: {"name": "Планове обговорення: дзвінки клієнтам"},
            cls.milestone_x: {"name": "Завершення адаптації"},
        }
        for event, vals in texts.items():
            event.write(vals)
        for item, name in zip(
            cls.discussion_x.action_item_ids, ("Подзвонити трьом клієнтам", "Прочитати прайс"), strict=True
        ):
            item.name = name
        for event, name in zip(
            cls.pairing_y.event_ids.sorted("date_due"),
            ("Підтримка: день 3", "Підтримка: тиждень 1", "Тиждень 2"),
            strict=True,
        ):
            event.write({"name": name, "missed_reason": event.missed_reason and "Лікарняний"})
        (cls.user_coordinator | cls.user_mentor).lang = UK

    def _render_in(self, report, records, user, lang):
        self.env.invalidate_all()
        Report = self.env["ir.actions.report"].with_user(user).with_context(lang=lang)
        content, _report_type = Report._render_qweb_html(report, records.ids)
        return content.decode()

    def _translated_terms(self, views):
        """The report's terms that have words to translate (not numbers or signs)."""
        terms = _pot_terms(views)
        self.assertTrue(terms, f"the .pot holds the terms of {views}")
        return {msgid: words for msgid, words in terms.items() if _words(words)}

    def test_plan_in_ukrainian(self):
        terms = self._translated_terms(PLAN_VIEWS)
        # the same check finds the English of the plan when it is printed in English
        english = self._render_in(PLAN, self.pairing_x, self.user_mentor, "en_US")
        self.assertGreater(len(_english_left(english, terms)), 20)
        self.assertIn("Mentor's Sign-Off", _english_left(english, terms))
        # the mentor prints the plans of their mentees in their own language
        content = self._render_in(PLAN, self.pairing_x, self.user_mentor, UK)
        self.assertEqual(_english_left(content, terms), [])
        for text in ("План наставництва:", "Підпис наставника", "Підписи", "Наставник", "Керівник відділу"):
            self.assertIn(text, content)
        # values of the module's fields are in Ukrainian too: phase, state, reason of a missed event
        for text in ("Адаптація", "Виконано", "Пропущено", "Навантаження"):
            self.assertIn(text, content)
        self.assertNotIn("Mentoring Plan", content)

    def test_programme_report_in_ukrainian(self):
        terms = self._translated_terms(PROGRAM_VIEWS)
        english = self._render_in(PROGRAM, self.program, self.user_coordinator, "en_US")
        self.assertGreater(len(_english_left(english, terms)), 30)
        content = self._render_in(PROGRAM, self.program, self.user_coordinator, UK)
        self.assertEqual(_english_left(content, terms), [])
        for text in ("Програма наставництва:", "Пари за відділами та статусами", "Висновки", "Наставники"):
            self.assertIn(text, content)
        self.assertNotIn("Mentoring Programme:", content)

    def test_every_report_term_translated(self):
        """Also the parts a report prints only in some cases (a pilot, late
        approvals, survey results): every term of the report templates, read
        in Ukrainian, is Ukrainian."""
        for name in PLAN_VIEWS + PROGRAM_VIEWS + ("report_pairing_progress_document", "report_skill_portrait"):
            view = self.env.ref(f"hr_mentoring.{name}")
            field = view._fields["arch_db"]
            english_terms = set(field.get_trans_terms(view.with_context(lang="en_US").arch_db))
            ukrainian_terms = set(field.get_trans_terms(view.with_context(lang=UK).arch_db))
            self.assertTrue(english_terms)
            left = {term for term in english_terms & ukrainian_terms if _words(term)}
            with self.subTest(view=name):
                self.assertFalse(left, "terms still in English")


@tagged("post_install", "-at_install")
class TestUkrainianDigest(MentoringCase):
    """The missed-events digest goes to a Ukrainian-speaking coordinator in
    Ukrainian, while the cron runs in English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(UK)
        cls.user_coordinator.lang = UK
        cls.company.partner_id.tz = "UTC"
        template = cls._plan_template("Feedback plan", ("Feedback day 3", "feedback", 3))
        for mentee, mentor in ((cls.mentee_x, cls.mentor), (cls.mentee_y, cls.mentor_y)):
            cls._planned_pairing(mentee, mentor, template, date_start=MONDAY)

    def test_missed_digest_in_ukrainian(self):
        uk_po = _uk_po()
        subject, intro = "Missed mentoring events", "%(count)s mentoring events were missed:"
        with freeze_time("2026-03-05 01:00:00"):
            self.env["hr.mentoring.event"].with_context(lang="en_US")._cron_flag_missed_events()
        digest = self.env["mail.message"].search(
            [
                ("model", "=", "hr.mentoring.program"),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.user_coordinator.partner_id.ids),
            ]
        )
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.subject, uk_po[subject])
        self.assertEqual(digest.subject, "Пропущені заходи наставництва")
        self.assertIn(uk_po[intro] % {"count": 2}, digest.body)
        self.assertNotIn(intro % {"count": 2}, digest.body)
        # each line: the mentee, the event, its date in the Ukrainian format
        line = uk_po["%(mentee)s: %(event)s, due on %(date)s"]
        self.assertIn(line % {"mentee": "Xavier", "event": "Feedback day 3", "date": "04.03.2026"}, digest.body)
        self.assertNotIn("due on", digest.body)


@tagged("post_install", "-at_install")
class TestViewTranslations(TransactionCase):
    """Odoo applies the translations of a view by the xmlid named in the .po
    (``#: model_terms:ir.ui.view,arch_db:hr_mentoring.<xmlid>``): a term
    whose line names a view that does not hold it is never translated."""

    def test_every_view_term_line_names_the_view_that_holds_it(self):
        for po_name in ("hr_mentoring.pot", "de.po", "uk.po"):
            wrong = set()
            for xmlid, msgid, _msgstr in _view_term_references(po_name):
                view = self.env.ref(xmlid, raise_if_not_found=False)
                if view is None or view._name != "ir.ui.view" or msgid not in _view_terms(view):
                    wrong.add(f"{xmlid}: {msgid[:60]!r}")
            with self.subTest(po=po_name):
                self.assertFalse(sorted(wrong), "terms named with a view that does not hold them")

    def test_german_forms_and_printed_plan(self):
        """German loads on every view, also on the parts that were once
        patches of them: the meeting column of the plan template form, the
        time-off notes of the printed plan."""
        self.env["res.lang"]._activate_lang(DE)
        self.env["ir.module.module"]._load_module_terms(["hr_mentoring"], [DE], overwrite=True)
        german_terms = {}
        untranslated = set()
        for xmlid, msgid, msgstr in _view_term_references("de.po"):
            view = self.env.ref(xmlid, raise_if_not_found=False)
            if view is None or msgstr == msgid:
                continue  # a line naming no view fails the test above
            if view not in german_terms:
                german_terms[view] = set(view._fields["arch_db"].get_trans_terms(view.with_context(lang=DE).arch_db))
            if msgstr not in german_terms[view]:
                untranslated.add(f"{xmlid}: {msgid[:60]!r}")
        self.assertFalse(sorted(untranslated), "view terms left in English in German")
        form = self.env.ref("hr_mentoring.hr_mentoring_plan_template_view_form").with_context(lang=DE)
        self.assertIn('<field name="meeting_duration" string="Treffen"', form.arch_db)
        plan = self.env.ref("hr_mentoring.report_mentoring_plan_document").with_context(lang=DE)
        self.assertIn("verschoben vom", plan.arch_db)
        self.assertIn("Mentor abwesend: neu planen", plan.arch_db)
