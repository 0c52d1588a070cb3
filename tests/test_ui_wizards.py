from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import MentoringCase, set_aside_other_mentors

SELECTION = "hr.mentoring.mentor.selection.wizard"
COHORT = "hr.mentoring.cohort.wizard"


class UiWizardCase(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newcomer = cls._employee("Nora", department_id=cls.dept_y.id)
        # left out of the candidates: at capacity, suspended, archived, another company
        cls.full = cls._employee("Fred", mentor_state="approved", mentor_capacity=1)
        cls._pairing(cls._employee("Fred's mentee"), mentor=cls.full)
        cls.suspended = cls._employee("Sam", mentor_state="suspended")
        cls.in_training = cls._employee("Tina", mentor_state="in_training")
        cls.archived = cls._employee("Arch", mentor_state="approved")
        cls.archived.active = False
        cls.abroad = cls._employee("Abe", mentor_state="approved", company_id=cls.other_company.id)
        set_aside_other_mentors(cls)
        cls.non_coordinators = (
            cls.user_head_x,
            cls.user_mentor,
            cls.user_mentee_x,
            cls.user_outsider,
            cls.user_hr_officer,
        )

    def _only_open_programme(self, program):
        """Leave ``program`` the only open programme the coordinator sees."""
        self.env["hr.mentoring.program"].search([("id", "!=", program.id)]).active = False

    def _assert_only_coordinators_open(self, wizard, method, words):
        """Nobody but a coordinator opens ``wizard``, by the programme's button
        ``method`` (refused "Only mentoring coordinators may ``words``") or as a
        new form; another company's coordinator not on this company's programme."""
        for user in self.non_coordinators:
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, f"Only mentoring coordinators may {words}"):
                    getattr(self.program.with_user(user), method)()
                with self.assertRaises(AccessError):
                    Form(self.env[wizard].with_user(user))
        with self.assertRaises(AccessError):
            getattr(self.program.with_user(self.user_other_company), method)()


@tagged("post_install", "-at_install")
class TestFindAMentorForm(UiWizardCase):
    def _form(self, mentee=None, program=None):
        context = {"default_mentee_id": (mentee or self.newcomer).id}
        if program is not False:
            context["default_program_id"] = (program or self.program).id
        return Form(self.env[SELECTION].with_user(self.user_coordinator).with_context(**context))

    def test_ticking_a_second_candidate_unticks_the_first(self):
        form = self._form()
        self.assertEqual(form.line_ids._records[0]["mentor_id"], self.mentor_y.id)
        self.assertEqual(form.mentor_id, self.mentor_y, "the best candidate is chosen first")
        with form.line_ids.edit(1) as line:
            self.assertEqual(line.mentor_id, self.mentor)
            line.selected = True
        self.assertEqual(
            [(line["mentor_id"], line["selected"]) for line in form.line_ids._records],
            [(self.mentor_y.id, False), (self.mentor.id, True)],
            "ticking Maria unticks Marc",
        )
        self.assertEqual(form.mentor_id, self.mentor)
        # and back: ticking Marc again unticks Maria
        with form.line_ids.edit(0) as line:
            line.selected = True
        self.assertEqual([line["selected"] for line in form.line_ids._records], [True, False])
        with form.line_ids.edit(1) as line:
            line.selected = True
        wizard = form.save()
        self.assertEqual(wizard.line_ids.filtered("selected").mentor_id, self.mentor)
        action = wizard.action_create_pairing()
        pairing = self.env["hr.mentoring.pairing"].search([("mentee_id", "=", self.newcomer.id)])
        self.assertEqual(pairing.mentor_id, self.mentor, "Propose works with the candidate ticked last")
        self.assertEqual(pairing.state, "proposed")
        self.assertEqual(action["context"]["default_pairing_id"], pairing.id)

    def test_an_open_pairing_is_offered_instead_of_a_second_one(self):
        proposed = self._pairing(self.newcomer, mentor=self.mentor_y, state="proposed")
        form = self._form()
        self.assertEqual(form.existing_pairing_id, proposed)
        wizard = form.save()
        with self.assertRaisesRegex(UserError, "Nora already has a pairing in New Client Managers"):
            wizard.action_create_pairing()
        self.assertEqual(
            self.env["hr.mentoring.pairing"].search([("mentee_id", "=", self.newcomer.id)]), proposed, "no second one"
        )
        action = wizard.action_open_existing_pairing()
        self.assertEqual((action["res_model"], action["res_id"]), ("hr.mentoring.pairing", proposed.id))
        # the buttons of the form follow
        arch = etree.fromstring(
            self.env[SELECTION].with_user(self.user_coordinator).get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertEqual(
            arch.xpath("//footer/button[@name='action_create_pairing']/@invisible"), ["existing_pairing_id"]
        )
        self.assertEqual(
            arch.xpath("//footer/button[@name='action_open_existing_pairing']/@invisible"), ["not existing_pairing_id"]
        )
        # another programme has no open pairing: propose as usual
        self.assertFalse(self._form(program=self.program_2).existing_pairing_id)
        # a cancelled pairing is not open
        proposed.action_cancel()
        self.assertFalse(self._form().existing_pairing_id)
        # nobody but a coordinator opens it through the wizard
        wizard.invalidate_recordset()
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_mentee_x).action_open_existing_pairing()

    def test_unticking_the_chosen_candidate_leaves_nobody(self):
        form = self._form()
        with form.line_ids.edit(0) as line:
            line.selected = False
        self.assertFalse(form.mentor_id)
        self.assertEqual([line["selected"] for line in form.line_ids._records], [False, False])
        wizard = form.save()
        with self.assertRaisesRegex(UserError, "Select exactly one mentor to propose: 0 candidates are ticked"):
            wizard.action_create_pairing()

    def test_two_selected_lines_over_rpc_are_refused(self):
        wizard = (
            self.env[SELECTION]
            .with_user(self.user_coordinator)
            .create({"mentee_id": self.newcomer.id, "program_id": self.program.id})
        )
        self.assertEqual(len(wizard.line_ids), 2)
        wizard.line_ids.write({"selected": True})
        with self.assertRaisesRegex(UserError, "Select exactly one mentor to propose: 2 candidates are ticked"):
            wizard.action_create_pairing()
        self.assertFalse(self.env["hr.mentoring.pairing"].search([("mentee_id", "=", self.newcomer.id)]))

    def test_the_only_open_programme_is_the_default(self):
        # two open programmes: the coordinator chooses
        self.assertFalse(self._form(program=False).program_id)
        self._only_open_programme(self.program)
        form = self._form(program=False)
        self.assertEqual(form.program_id, self.program)
        self.assertEqual(len(form.line_ids), 2, "the candidates show right away")
        # closed programmes are not offered
        self.program.active = True
        self.program_2.write({"active": True, "state": "closed"})
        self.assertEqual(self._form(program=False).program_id, self.program)
        # the context wins
        self.program_2.state = "running"
        self.assertEqual(self._form(program=self.program_2).program_id, self.program_2)

    def test_mentors_left_out_are_explained(self):
        form = self._form()
        left_out = form.left_out_mentors.splitlines()
        self.assertIn("Fred: no place left (1 places, all taken by active or proposed pairings)", left_out)
        self.assertIn("Sam: not an approved mentor (Suspended)", left_out)
        self.assertIn("Tina: not an approved mentor (In Training)", left_out)
        self.assertFalse([line for line in left_out if line.startswith(("Marc:", "Maria:", "Arch:", "Abe:"))], left_out)
        # a coordinator of both companies sees why Abe is out
        self.user_coordinator.write({"company_ids": [Command.link(self.other_company.id)]})
        left_out = self._form().left_out_mentors.splitlines()
        self.assertIn("Abe: works for another company (Other Company)", left_out)
        # an approved mentor who is the mentee
        form = self._form(mentee=self.mentor_y)
        self.assertIn("Marc: is the mentee", form.left_out_mentors.splitlines())
        self.assertEqual([line["mentor_id"] for line in form.line_ids._records], [self.mentor.id])

    def test_left_out_explanations_match_the_eligibility(self):
        """One definition: everyone of the pool is a candidate or left out, never both."""
        Matching = self.env["hr.mentoring.matching"].with_user(self.user_coordinator)
        mentor_ids, _capacities, _scores = Matching._mentoring_score(self.program, self.newcomer)
        count, left_out = Matching._mentoring_left_out_mentors(self.program, self.newcomer)
        pool = self.env["hr.employee"].with_user(self.user_coordinator).search([("mentor_state", "!=", "none")])
        self.assertEqual(count, len(left_out))
        self.assertEqual(set(mentor_ids) | {employee.id for employee, _reason in left_out}, set(pool.ids))
        self.assertFalse(set(mentor_ids) & {employee.id for employee, _reason in left_out})
        limited_count, limited = Matching._mentoring_left_out_mentors(self.program, self.newcomer, limit=1)
        self.assertEqual((limited_count, len(limited)), (count, 1))

    def test_programme_button_opens_the_wizard_with_the_programme(self):
        action = self.program.with_user(self.user_coordinator).action_open_mentor_selection()
        self.assertEqual(action["res_model"], SELECTION)
        self.assertEqual(action["target"], "new")
        form = Form(
            self.env[SELECTION]
            .with_user(self.user_coordinator)
            .with_context(**action["context"], default_mentee_id=self.newcomer.id)
        )
        self.assertEqual(form.program_id, self.program)
        self.assertEqual(len(form.line_ids), 2)

    def test_only_coordinators_find_a_mentor(self):
        self._assert_only_coordinators_open(SELECTION, "action_open_mentor_selection", "select mentors")
        self.program_2.state = "closed"
        with self.assertRaisesRegex(UserError, "is closed"):
            self.program_2.with_user(self.user_coordinator).action_open_mentor_selection()

    def test_programme_form_buttons_are_for_coordinators(self):
        def buttons(user):
            arch = self.env["hr.mentoring.program"].with_user(user).get_views([(False, "form")])["views"]["form"]
            return set(etree.fromstring(arch["arch"]).xpath("//header/button/@name"))

        self.assertLessEqual({"action_open_mentor_selection", "action_open_cohort"}, buttons(self.user_coordinator))
        self.assertFalse({"action_open_mentor_selection", "action_open_cohort"} & buttons(self.user_head_x))


@tagged("post_install", "-at_install")
class TestMatchACohortForm(UiWizardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recent = cls._employee("Rita", mentoring_joined_date=fields.Date.today() - relativedelta(months=2))
        cls.old_timer = cls._employee("Olaf", mentoring_joined_date=date(2019, 1, 1))
        cls.paired = cls._employee("Paula")
        cls._pairing(cls.paired, mentor=cls.mentor_y, state="proposed")
        cls.paired_elsewhere = cls._employee("Pia")
        cls._pairing(cls.paired_elsewhere, mentor=cls.mentor_y, program=cls.program_2)

    def _form(self, **context):
        return Form(self.env[COHORT].with_user(self.user_coordinator).with_context(**context))

    def _offered(self, form):
        return self.env["hr.employee"].with_user(self.user_coordinator).search(form.mentee_domain)

    def test_newcomers_without_a_pairing_are_offered(self):
        form = self._form(default_program_id=self.program.id)
        offered = self._offered(form)
        for employee in (self.newcomer, self.recent, self.emp_outsider, self.suspended):
            self.assertIn(employee, offered, employee.name)
        for employee in (
            self.mentor,  # approved mentor
            self.full,
            self.emp_head_x,  # department manager
            self.old_timer,  # joined in 2019
            self.paired,  # proposed pairing in this programme
            self.paired_elsewhere,  # a mentee of another programme (offered before: the picker now leaves them out)
            self.emp_other_company,
        ):
            self.assertNotIn(employee, offered, employee.name)
        # widen the choice: to everyone who may be a mentee here, never to the mentees of open pairings
        form.show_all_employees = True
        offered = self._offered(form)
        for employee in (self.mentor, self.emp_head_x, self.old_timer, self.newcomer):
            self.assertIn(employee, offered, employee.name)
        for employee in (self.emp_other_company, self.paired, self.paired_elsewhere):
            self.assertNotIn(employee, offered, employee.name)
        # the offer follows the programme
        form.show_all_employees = False
        form.program_id = self.program_2
        offered = self._offered(form)
        self.assertNotIn(self.paired, offered)
        self.assertNotIn(self.paired_elsewhere, offered)
        self.assertIn(self.recent, offered)

    def test_figures_and_mentees_have_words(self):
        fields_info = (
            self.env[COHORT]
            .with_user(self.user_coordinator)
            .fields_get(["total_score", "unmatched_count", "mentee_ids", "show_all_employees"], ["string", "help"])
        )
        self.assertEqual(fields_info["total_score"]["string"], "Total Match Score")
        self.assertIn("Sum of the match scores", fields_info["total_score"]["help"])
        self.assertIn("each out of 100", fields_info["total_score"]["help"])
        self.assertEqual(fields_info["unmatched_count"]["string"], "Newcomers Without a Mentor")
        self.assertIn("Newcomers left without a mentor", fields_info["unmatched_count"]["help"])
        self.assertEqual(fields_info["mentee_ids"]["string"], "Newcomers to Match")
        self.assertEqual(fields_info["show_all_employees"]["string"], "Show All Employees")
        # in the form, the mentees are in a group: they get their label
        arch = self.env[COHORT].with_user(self.user_coordinator).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertTrue(etree.fromstring(arch).xpath("//group/field[@name='mentee_ids']"))

    def test_compute_keeps_the_title(self):
        action = self.program.with_user(self.user_coordinator).action_open_cohort()
        self.assertEqual(action["res_model"], COHORT)
        form = self._form(**action["context"])
        self.assertEqual(form.program_id, self.program)
        form.mentee_ids.add(self.newcomer)
        form.mentee_ids.add(self.recent)
        wizard = form.save()
        result = wizard.action_compute()
        self.assertEqual(result["name"], action["name"])
        self.assertEqual(result["name"], "Match a Cohort")
        self.assertEqual(result["res_id"], wizard.id)
        self.assertEqual(len(wizard.line_ids.filtered("mentor_id")), 2)
        self.assertAlmostEqual(wizard.total_score, sum(wizard.line_ids.mapped("score")))
        self.assertEqual(wizard.unmatched_count, 0)

    def test_the_only_open_programme_is_the_default(self):
        self.assertFalse(self._form().program_id)
        self._only_open_programme(self.program_2)
        self.assertEqual(self._form().program_id, self.program_2)
        self.assertEqual(self._form(default_program_id=self.program.id).program_id, self.program)

    def test_only_coordinators_match_a_cohort(self):
        self._assert_only_coordinators_open(COHORT, "action_open_cohort", "match a cohort")
