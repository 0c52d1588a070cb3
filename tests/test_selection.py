from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import MentoringCase, set_aside_other_mentors, today_of


@tagged("post_install", "-at_install")
class TestMentorLifecycle(MentoringCase):
    def test_lifecycle_steps_and_history(self):
        employee = self.emp_outsider
        Employee = employee.with_user(self.user_coordinator)
        steps = [
            ("action_mentor_nominate", "candidate"),
            ("action_mentor_start_training", "in_training"),
            ("action_mentor_approve", "approved"),
            ("action_mentor_suspend", "suspended"),
            ("action_mentor_approve", "approved"),
        ]
        for method, state in steps:
            getattr(Employee, method)()
            self.assertEqual(employee.mentor_state, state)
        self.assertEqual(employee.mentor_approved_date, today_of(self.user_coordinator))
        history = employee.with_user(self.user_coordinator).mentor_history_ids
        states = history.filtered(lambda h: h.field_name == "mentor_state").sorted("id").mapped("new_value")
        self.assertEqual(states, ["Candidate", "In Training", "Approved", "Suspended", "Approved"])
        self.assertTrue(all(h.user_id == self.user_coordinator for h in history))

    def test_only_coordinators_change_the_status(self):
        for user in (self.user_hr_officer, self.user_head_x, self.user_outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.emp_outsider.with_user(user).action_mentor_nominate()
        self.assertEqual(self.emp_outsider.mentor_state, "none")

    def test_invalid_steps_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "is Not a Mentor and cannot become Approved"):
            self.emp_outsider.with_user(self.user_coordinator).action_mentor_approve()
        with self.assertRaisesRegex(ValidationError, "cannot become Candidate"):
            self.mentor.with_user(self.user_coordinator).action_mentor_nominate()

    def test_evidence_and_history_are_for_coordinators_only(self):
        self.emp_outsider.with_user(self.user_coordinator).write(
            {"mentor_interview_date": date(2026, 2, 1), "mentor_interview_notes": "Strong listener."}
        )
        # an HR officer reads the employee but neither the evidence nor the log
        employee = self.emp_outsider.with_user(self.user_hr_officer)
        self.assertEqual(employee.name, "Otto")
        with self.assertRaises(AccessError):
            employee.read(["mentor_interview_notes"])
        with self.assertRaises(AccessError):
            employee.read(["mentor_history_ids"])
        with self.assertRaises(AccessError):
            self.env["hr.mentoring.mentor.history"].with_user(self.user_hr_officer).search([])
        # the change is logged for coordinators
        notes = self.emp_outsider.with_user(self.user_coordinator).mentor_history_ids.filtered(
            lambda h: h.field_name == "mentor_interview_notes"
        )
        self.assertEqual(notes.new_value, "Strong listener.")

    def test_approved_mentors_get_the_mentor_menus(self):
        mentor_group = self.env.ref("hr_mentoring.group_mentoring_mentor")
        self.assertIn(self.user_mentor, mentor_group.users)
        self.assertNotIn(self.user_outsider, mentor_group.users)
        employee = self.emp_outsider.with_user(self.user_coordinator)
        employee.action_mentor_nominate()
        employee.action_mentor_approve()
        self.assertIn(self.user_outsider, mentor_group.users)
        employee.action_mentor_suspend()
        self.assertNotIn(self.user_outsider, mentor_group.users)


@tagged("post_install", "-at_install")
class TestMentorSelection(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_aside_other_mentors(cls)
        cls.newcomer = cls._employee("Nora", department_id=cls.dept_y.id)
        # not eligible: at capacity, suspended, archived, another company, the mentee themself
        cls.full = cls._employee("Fred", mentor_state="approved", mentor_capacity=1)
        cls._pairing(cls._employee("Fred's mentee"), mentor=cls.full)
        cls.suspended = cls._employee("Sam", mentor_state="suspended")
        cls.archived = cls._employee("Arch", mentor_state="approved")
        cls.archived.active = False
        cls.abroad = cls._employee("Abe", mentor_state="approved", company_id=cls.other_company.id)

    def _wizard(self, mentee=None, program=None):
        return Form(
            self.env["hr.mentoring.mentor.selection.wizard"]
            .with_user(self.user_coordinator)
            .with_context(
                default_mentee_id=(mentee or self.newcomer).id, default_program_id=(program or self.program).id
            )
        )

    def _ranking(self, wizard):
        return [(line.mentor_id, line.score, line.reasons) for line in wizard.save().line_ids]

    def test_eligible_mentors_ranked_with_reasons(self):
        wizard = self._wizard().save()
        ranking = [(line.mentor_id, line.score, line.reasons) for line in wizard.line_ids]
        self.assertEqual([mentor for mentor, _score, _reasons in ranking], [self.mentor_y, self.mentor])
        marc_score, marc_reasons = ranking[0][1], ranking[0][2]
        maria_score, maria_reasons = ranking[1][1], ranking[1][2]
        self.assertGreater(marc_score, maria_score)
        self.assertIn("Same department (Support)", marc_reasons)
        self.assertIn("4 of 4 places free", marc_reasons)
        self.assertIn("From Sales", maria_reasons)
        self.assertIn("2 of 2 places free", maria_reasons)
        self.assertIn("years with the company", maria_reasons)
        self.assertTrue(wizard.line_ids[0].selected, "the best mentor is preselected")

    def test_department_preference_is_configurable(self):
        self.program.same_department = "avoid"
        ranking = self._ranking(self._wizard())
        self.assertEqual(ranking[0][0], self.mentor)

    def test_evaluations_and_training_count(self):
        self.mentor.with_user(self.user_coordinator).write(
            {"mentor_training_date": date(2025, 11, 1), "mentor_evaluation_result": 95.0}
        )
        ranking = {mentor: reasons for mentor, _score, reasons in self._ranking(self._wizard())}
        self.assertIn("Mentor training completed on 2025-11-01", ranking[self.mentor])
        self.assertIn("Selection evaluation 95%", ranking[self.mentor])
        self.assertIn("No mentor training on record", ranking[self.mentor_y])

    def test_mutual_choice_bonus(self):
        Preference = self.env["hr.mentoring.preference"]
        Preference.create({"mentee_id": self.newcomer.id, "mentor_id": self.mentor.id, "chosen_by": "mentee"})
        ranking = self._ranking(self._wizard())
        self.assertIn("Chosen by the mentee", {m: r for m, _s, r in ranking}[self.mentor])
        one_sided = {m: s for m, s, _r in ranking}[self.mentor]
        Preference.create({"mentee_id": self.newcomer.id, "mentor_id": self.mentor.id, "chosen_by": "mentor"})
        ranking = self._ranking(self._wizard())
        self.assertEqual(ranking[0][0], self.mentor, "they chose each other")
        self.assertIn("Mutual choice: they chose each other", ranking[0][2])
        self.assertGreater(ranking[0][1], one_sided)

    def test_mentees_name_up_to_three_mentors_and_see_only_their_own(self):
        mentors = [self._employee(f"Mentor {i}", mentor_state="approved") for i in range(4)]
        Preference = self.env["hr.mentoring.preference"].with_user(self.user_mentee_y)
        for mentor in mentors[:3]:
            Preference.create({"mentor_id": mentor.id})
        self.assertEqual(Preference.search([]).mentee_id, self.mentee_y, "the mentee's own employee by default")
        with self.assertRaisesRegex(ValidationError, "up to 3 preferred mentors"):
            Preference.create({"mentor_id": mentors[3].id})
        self.assertFalse(self.env["hr.mentoring.preference"].with_user(self.user_mentee_x).search([]))

    def test_earlier_pairing_between_the_two(self):
        """Said as people say it, one string for each form (translators need them apart)."""
        for expected in ("Paired once before", "Paired twice before", "Paired 3 times before"):
            earlier = self._pairing(
                self.newcomer, mentor=self.mentor, program=self.program_2, date_start=date(2025, 1, 6)
            )
            earlier.action_done()
            reasons = {m: r for m, _s, r in self._ranking(self._wizard())}
            self.assertIn(expected, reasons[self.mentor].splitlines())
            self.assertNotIn("times)", reasons[self.mentor])
        Matching = self.env["hr.mentoring.matching"]
        self.assertEqual(Matching._mentoring_paired_before(12), "Paired 12 times before")

    def test_scores_read_as_a_percentage(self):
        """The one format of a match score, in Find a Mentor as in Match a Cohort."""
        record = self._wizard().save()
        for line in record.line_ids:
            self.assertEqual(line.score_label, f"{line.score:.1f} %")
        Matching = self.env["hr.mentoring.matching"]
        self.assertEqual(Matching._mentoring_score_label(72.46), "72.5 %")
        self.assertEqual(Matching._mentoring_score_label(None), "—")
        arch = record.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="score_label"', arch)
        action = record.action_create_pairing()
        pairing = self.env["hr.mentoring.pairing"].browse(action["context"]["default_pairing_id"])
        note = pairing.message_ids.filtered(lambda m: "Proposed by the mentor selection" in (m.body or ""))
        self.assertIn(f"match {record.line_ids[0].score_label}", note.body)

    def test_people_who_run_the_programme_do_not_mentor_in_it(self):
        """Its coordinator and the Mentoring administrators are neither
        offered nor accepted as mentors, and the wizard says why."""
        administrator = self._user("ada", "base.group_user,hr_mentoring.group_mentoring_manager")
        ada = self._employee("Ada", user_id=administrator.id, mentor_state="approved")
        self.emp_coordinator.mentor_state = "approved"
        record = self._wizard().save()
        self.assertEqual(record.line_ids.mentor_id, self.mentor | self.mentor_y)
        left_out = record.left_out_mentors.splitlines()
        self.assertIn("Cora: coordinates this programme", left_out)
        self.assertIn("Ada: is a Mentoring administrator", left_out)
        # over RPC: the candidate turned into the coordinator is refused
        record.line_ids.filtered("selected").write({"mentor_id": self.emp_coordinator.id})
        with self.assertRaisesRegex(UserError, "Cora cannot be a mentor in New Client Managers: coordinates this"):
            record.action_create_pairing()
        record.line_ids.filtered("selected").write({"mentor_id": ada.id})
        with self.assertRaisesRegex(UserError, "Ada cannot be a mentor in New Client Managers: is a Mentoring admin"):
            record.action_create_pairing()
        self.assertFalse(self.env["hr.mentoring.pairing"].search([("mentee_id", "=", self.newcomer.id)]))
        # the only approved mentors left run the programme: the wizard says so
        self.env["hr.employee"].search(
            [
                ("mentor_state", "=", "approved"),
                ("company_id", "=", self.company.id),
                ("id", "not in", (self.emp_coordinator | ada).ids),
            ]
        ).mentor_state = "suspended"
        self.assertIn("run this programme", self._wizard().save().no_candidate_reason)

    def test_create_pairing_proposes_and_offers_the_plan(self):
        wizard = self._wizard()
        wizard.relationship_type = "coaching"
        record = wizard.save()
        action = record.action_create_pairing()
        pairing = self.env["hr.mentoring.pairing"].search([("mentee_id", "=", self.newcomer.id)])
        self.assertEqual(pairing.state, "proposed")
        self.assertEqual(pairing.mentor_id, self.mentor_y)
        self.assertEqual(pairing.relationship_type, "coaching")
        self.assertEqual(pairing.match_score, record.line_ids[0].score)
        self.assertIn("Same department (Support)", pairing.match_reasons)
        self.assertEqual(action["res_model"], "hr.mentoring.plan.wizard")
        self.assertEqual(action["context"]["default_pairing_id"], pairing.id)
        # proposed pairings take a place
        self.assertEqual(self.mentor_y.mentor_available_capacity, 3)

    def test_a_mentee_paired_elsewhere_is_refused(self):
        """Find a Mentor proposes only someone who may be a mentee, as Match a
        Cohort does: Nora, paired in Leadership meanwhile, is refused."""
        record = self._wizard().save()
        self._pairing(self.newcomer, mentor=self.mentor_y, program=self.program_2)
        with self.assertRaisesRegex(UserError, "Nora cannot be a mentee in New Client Managers: already a mentee in"):
            record.action_create_pairing()
        self.assertFalse(
            self.env["hr.mentoring.pairing"].search(
                [("mentee_id", "=", self.newcomer.id), ("program_id", "=", self.program.id)]
            )
        )

    def test_the_mentee_picker_offers_who_may_be_a_mentee(self):
        """The mentee picker offers what Confirm accepts: the employees who may
        be mentees of the programme chosen (the one definition Match a Cohort
        offers too); before a programme is chosen, the user's companies."""
        Employee = self.env["hr.employee"].with_user(self.user_coordinator)
        form = self._wizard()
        self.assertIn(self.newcomer, Employee.search(form.mentee_domain))
        self.assertNotIn(self.emp_coordinator, Employee.search(form.mentee_domain), "Cora runs the programme")
        self._pairing(self.newcomer, mentor=self.mentor_y, program=self.program_2)
        form.program_id = self.program_2
        form.program_id = self.program
        offered = Employee.search(form.mentee_domain)
        self.assertNotIn(self.newcomer, offered, "Nora is paired in Leadership meanwhile")
        Matching = self.env["hr.mentoring.matching"].with_user(self.user_coordinator)
        self.assertEqual(offered, Employee.search(Matching._mentoring_eligible_mentee_domain(self.program)))
        form.program_id = self.env["hr.mentoring.program"]
        self.assertEqual(form.mentee_domain, [("company_id", "in", self.user_coordinator.company_ids.ids)])

    def test_exactly_one_mentor_is_proposed(self):
        record = self._wizard().save()
        record.line_ids.write({"selected": True})
        with self.assertRaisesRegex(UserError, "exactly one mentor"):
            record.action_create_pairing()

    def test_no_eligible_mentor_says_why(self):
        self.mentor.mentor_capacity = 0
        self.mentor_y.mentor_capacity = 0
        wizard = self._wizard().save()
        self.assertFalse(wizard.line_ids)
        self.assertIn("are at capacity", wizard.no_candidate_reason)
        with self.assertRaisesRegex(UserError, "are at capacity"):
            wizard.action_create_pairing()
        # a company without approved mentors
        program_abroad = self.env["hr.mentoring.program"].create(
            {"name": "Abroad", "company_id": self.other_company.id}
        )
        self.abroad.mentor_state = "candidate"
        mentee_abroad = self._employee("Ann", company_id=self.other_company.id)
        self.user_coordinator.write({"company_ids": [Command.link(self.other_company.id)]})
        wizard = self._wizard(mentee=mentee_abroad, program=program_abroad).save()
        self.assertIn("No approved mentor in Other Company", wizard.no_candidate_reason)

    def test_only_coordinators_select(self):
        with self.assertRaises(AccessError):
            self.env["hr.mentoring.mentor.selection.wizard"].with_user(self.user_head_y).create(
                {"mentee_id": self.newcomer.id, "program_id": self.program.id}
            )

    def test_scoring_queries_do_not_depend_on_the_number_of_candidates(self):
        Matching = self.env["hr.mentoring.matching"].with_user(self.user_coordinator)
        Matching._mentoring_score(self.program, self.newcomer)  # warm the caches
        counts = []
        for extra in (3, 30):
            self.env["hr.employee"].create(
                [{"name": f"Extra {extra}-{i}", "mentor_state": "approved"} for i in range(extra)]
            )
            self.env.invalidate_all()
            with self.countQueries() as queries:
                mentor_ids, _capacities, scores = Matching._mentoring_score(self.program, self.newcomer)
            counts.append(queries.count)
            self.assertEqual(len(scores), len(mentor_ids))
        self.assertEqual(counts[0], counts[1], f"queries for 5 and 35 candidates: {counts}")
        self.assertQueriesWithin(counts[0], SCORING_QUERIES)


@tagged("post_install", "-at_install")
class TestCohortMatching(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_aside_other_mentors(cls)

    def test_optimal_beats_greedy(self):
        """Greedy takes the best pair first (A-X, 90) and leaves B with Y (10): 100.
        The optimum gives X to B and Y to A: 85 + 80 = 165."""
        scores = {("A", "X"): 90, ("A", "Y"): 80, ("B", "X"): 85, ("B", "Y"): 10}
        assignment = self.env["hr.mentoring.matching"]._mentoring_optimal_assignment(
            ["A", "B"], ["X", "Y"], {"X": 1, "Y": 1}, lambda mentee, mentor: scores[(mentee, mentor)]
        )
        self.assertEqual(assignment, {"A": "Y", "B": "X"})
        self.assertEqual(sum(scores[pair] for pair in assignment.items()), 165)

    def test_capacities_are_respected(self):
        assignment = self.env["hr.mentoring.matching"]._mentoring_optimal_assignment(
            ["A", "B", "C", "D", "E"],
            ["X", "Y"],
            {"X": 2, "Y": 1},
            lambda mentee, mentor: 50 if mentor == "X" else 40,
        )
        self.assertEqual(len(assignment), 3, "three places in all")
        self.assertEqual(list(assignment.values()).count("X"), 2)
        self.assertEqual(list(assignment.values()).count("Y"), 1)
        # impossible pairs are never assigned
        assignment = self.env["hr.mentoring.matching"]._mentoring_optimal_assignment(
            ["A", "B"], ["A", "X"], {"A": 1, "X": 1}, lambda mentee, mentor: None if mentee == mentor else 10
        )
        self.assertNotEqual(assignment.get("A"), "A")

    def test_cohort_wizard_proposes_edits_and_confirms(self):
        cohort = [self._employee(f"Hire {i}", department_id=self.dept_y.id) for i in range(7)]
        wizard = Form(self.env["hr.mentoring.cohort.wizard"].with_user(self.user_coordinator))
        wizard.program_id = self.program
        for employee in cohort:
            wizard.mentee_ids.add(employee)
        record = wizard.save()
        record.action_compute()
        matched = record.line_ids.filtered("mentor_id")
        # Maria has 2 places, Marc 4: six of the seven hires get a mentor
        self.assertEqual(len(matched), 6)
        self.assertEqual(record.unmatched_count, 1)
        counts = {}
        for line in matched:
            counts[line.mentor_id] = counts.get(line.mentor_id, 0) + 1
        self.assertEqual(counts, {self.mentor: 2, self.mentor_y: 4})
        self.assertIn("No place left", record.line_ids.filtered(lambda line: not line.mentor_id).reasons)
        self.assertAlmostEqual(record.total_score, sum(matched.mapped("score")))
        action = record.action_confirm()
        pairings = self.env["hr.mentoring.pairing"].browse(action["domain"][0][2])
        self.assertEqual(len(pairings), 6)
        self.assertEqual(set(pairings.mapped("state")), {"proposed"})
        self.assertEqual(self.mentor.mentor_available_capacity, 0)
        # the hires already proposed cannot be matched again (this changed: they
        # used to be skipped silently; the picker no longer offers them)
        Wizard = self.env["hr.mentoring.cohort.wizard"].with_user(self.user_coordinator)
        with self.assertRaisesRegex(UserError, "already has an open pairing in this programme"):
            Wizard.create({"program_id": self.program.id, "mentee_ids": [Command.set([e.id for e in cohort])]})
        unmatched = record.line_ids.filtered(lambda line: not line.mentor_id).mentee_id
        again = Wizard.create({"program_id": self.program.id, "mentee_ids": [Command.set(unmatched.ids)]})
        # Maria and Marc, and the demo's mentors on a database with demo data
        approved = self.env["hr.employee"].search_count(
            [("mentor_state", "=", "approved"), ("company_id", "=", self.company.id)]
        )
        with self.assertRaisesRegex(UserError, f"All {approved} approved mentors"):
            again.action_compute()

    def test_hand_edited_proposal_over_capacity_is_refused(self):
        hires = [self._employee(f"Hire {i}") for i in range(3)]
        record = (
            self.env["hr.mentoring.cohort.wizard"]
            .with_user(self.user_coordinator)
            .create({"program_id": self.program.id, "mentee_ids": [Command.set([e.id for e in hires])]})
        )
        record.action_compute()
        record.line_ids.write({"mentor_id": self.mentor.id})  # Maria has 2 places
        with self.assertRaisesRegex(UserError, "Maria would get more mentees than places left"):
            record.action_confirm()
        self.assertFalse(self.env["hr.mentoring.pairing"].search([("mentee_id", "in", [h.id for h in hires])]))


@tagged("post_install", "-at_install")
class TestCohortEligibility(MentoringCase):
    """Who Match a Cohort offers as mentees and mentors is who it accepts:
    never the programme's coordinator, a Mentoring administrator, a mentee of
    an open pairing (in this programme or another one) or one who finished
    this programme; nor, as mentors, the coordinator or an administrator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_aside_other_mentors(cls)
        cls.newcomer = cls._employee("Nina", department_id=cls.dept_y.id)
        cls.user_administrator = cls._user("ada", "base.group_user,hr_mentoring.group_mentoring_manager")
        cls.administrator = cls._employee("Ada", user_id=cls.user_administrator.id)
        cls.active_elsewhere = cls._employee("Elsa")
        cls._pairing(cls.active_elsewhere, mentor=cls.mentor_y, program=cls.program_2)
        cls.proposed_here = cls._employee("Pia")
        cls._pairing(cls.proposed_here, mentor=cls.mentor_y, state="proposed")
        cls.finished = cls._employee("Fay")
        cls._pairing(cls.finished, mentor=cls.mentor_y).action_done()
        # every one of them joined lately: only the rules keep them out
        cls.excluded = {
            cls.emp_coordinator: "coordinates this programme",
            cls.administrator: "is a Mentoring administrator",
            cls.active_elsewhere: "already a mentee in Leadership",
            cls.proposed_here: "already has an open pairing in this programme",
            cls.finished: "has finished this programme as a mentee",
        }
        cls.Wizard = cls.env["hr.mentoring.cohort.wizard"].with_user(cls.user_coordinator)

    def _offered(self, wizard):
        return self.env["hr.employee"].with_user(self.user_coordinator).search(wizard.mentee_domain)

    def _wizard(self, mentees):
        return self.Wizard.create({"program_id": self.program.id, "mentee_ids": [Command.set(mentees.ids)]})

    def test_excluded_mentees_are_not_offered(self):
        form = Form(self.Wizard)
        form.program_id = self.program
        for show_all in (False, True):
            form.show_all_employees = show_all
            offered = self._offered(form)
            self.assertIn(self.newcomer, offered)
            for employee in self.excluded:
                self.assertNotIn(employee, offered, f"{employee.name} (show all: {show_all})")
        # the domain is the one definition the check applies
        Matching = self.env["hr.mentoring.matching"].with_user(self.user_coordinator)
        eligible = (
            self.env["hr.employee"]
            .with_user(self.user_coordinator)
            .search(Matching._mentoring_eligible_mentee_domain(self.program))
        )
        self.assertIn(self.newcomer, eligible)
        self.assertFalse(eligible & self.env["hr.employee"].union(*self.excluded))
        # in another programme, the pairings of this one are elsewhere
        form.program_id = self.program_2
        offered = self._offered(form)
        self.assertNotIn(self.proposed_here, offered, "active in New Client Managers")
        self.assertIn(self.finished, offered, "finished another programme: may join this one")

    def test_excluded_mentees_are_refused_over_rpc(self):
        for employee, reason in self.excluded.items():
            with self.subTest(employee=employee.name):
                message = f"{employee.name} cannot be a mentee in New Client Managers: {reason}"
                with self.assertRaisesRegex(UserError, message):
                    self._wizard(self.newcomer | employee)
                wizard = self._wizard(self.newcomer)
                with self.assertRaisesRegex(UserError, message):
                    wizard.write({"mentee_ids": [Command.link(employee.id)]})
                # a proposal edited over RPC: its line's mentee
                wizard.action_compute()
                wizard.line_ids.write({"mentee_id": employee.id})
                with self.assertRaisesRegex(UserError, message):
                    wizard.action_confirm()
        self.assertFalse(self.env["hr.mentoring.pairing"].search([("mentee_id", "=", self.newcomer.id)]))

    def test_mentee_paired_after_being_picked_is_refused(self):
        wizard = self._wizard(self.newcomer)
        wizard.action_compute()
        self._pairing(self.newcomer, mentor=self.mentor_y, program=self.program_2)
        with self.assertRaisesRegex(UserError, "Nina cannot be a mentee in New Client Managers: already a mentee in"):
            wizard.action_confirm()
        with self.assertRaisesRegex(UserError, "already a mentee in Leadership"):
            wizard.action_compute()

    def test_people_who_run_the_programme_are_not_its_mentors(self):
        self.emp_coordinator.mentor_state = "approved"
        self.administrator.mentor_state = "approved"
        wizard = self._wizard(self.newcomer)
        offered = self.env["hr.employee"].with_user(self.user_coordinator).search(wizard.mentor_domain)
        self.assertEqual(offered, self.mentor | self.mentor_y)
        wizard.action_compute()
        self.assertIn(wizard.line_ids.mentor_id, self.mentor | self.mentor_y)
        for mentor, reason in (
            (self.emp_coordinator, "coordinates this programme"),
            (self.administrator, "is a Mentoring administrator"),
        ):
            with self.subTest(mentor=mentor.name):
                wizard.line_ids.write({"mentor_id": mentor.id})
                with self.assertRaisesRegex(
                    UserError, f"{mentor.name} cannot be a mentor in New Client Managers: {reason}"
                ):
                    wizard.action_confirm()
        self.assertFalse(self.env["hr.mentoring.pairing"].search([("mentee_id", "=", self.newcomer.id)]))

    def test_scores_read_as_a_percentage(self):
        wizard = self._wizard(self.newcomer | self._employee("Noah"))
        wizard.action_compute()
        for line in wizard.line_ids:
            self.assertEqual(line.score_label, f"{line.score:.1f} %")
        average = sum(wizard.line_ids.mapped("score")) / 2
        self.assertEqual(wizard.average_score_label, self.env["hr.mentoring.matching"]._mentoring_score_label(average))
        arch = wizard.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="score_label"', arch)
        self.assertIn('name="average_score_label"', arch)
        # a mentee left without a mentor has no score, not 0
        wizard.line_ids[:1].mentor_id = False
        self.assertEqual(wizard.line_ids[:1].score_label, "—")


@tagged("post_install", "-at_install")
class TestRecognition(MentoringCase):
    def test_mentor_statistics_and_badge(self):
        pairing = self._pairing(self.mentee_x, date_start=date(2026, 3, 2))
        self.env["hr.mentoring.event"].create(
            [
                {"pairing_id": pairing.id, "name": "F1", "event_type": "feedback", "date_due": date(2026, 3, 4)},
                {"pairing_id": pairing.id, "name": "F2", "event_type": "feedback", "date_due": date(2026, 3, 5)},
            ]
        )
        first, second = pairing.event_ids.sorted("date_due")
        first.write({"state": "done", "date_done": date(2026, 3, 4)})
        second.write({"state": "done", "date_done": date(2026, 3, 9)})
        mentor = self.mentor.with_user(self.user_coordinator)
        self.assertEqual(mentor.mentor_mentees_guided, 1)
        self.assertEqual(mentor.mentor_on_time_rate, 50.0)
        # the ranking lists approved mentors with these figures; the coordinator grants a badge
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_mentoring.hr_employee_action_mentor_ranking")
        ranking = self.env["hr.employee"].with_user(self.user_coordinator).search(safe_eval(action["domain"]))
        self.assertIn(self.mentor, ranking)
        badge = self.env.ref("hr_mentoring.badge_mentor_of_the_quarter")
        wizard = (
            self.env["gamification.badge.user.wizard"]
            .with_user(self.user_coordinator)
            .create(
                {
                    "employee_id": self.mentor.id,
                    # the wizard computes it in the form; its stored compute runs after the insert
                    "user_id": self.user_mentor.id,
                    "badge_id": badge.id,
                    "comment": "Every feedback on time.",
                }
            )
        )
        wizard.action_grant_badge()
        self.assertIn(badge, self.mentor.badge_ids.badge_id)


# queries to score every eligible mentor for a mentee, any number of candidates;
# one more than before the Mentoring administrators were left out: the record
# rule of res.users that their subquery applies reads the user's company
SCORING_QUERIES = 5
