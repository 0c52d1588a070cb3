from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.addons.hr_mentoring.models import hr_mentoring_program
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestSurvey(MentoringCase):
    """The pilot's feedback in Odoo Survey: personal invitations per role,
    results per role on the programme, and who reads the answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("hr_mentoring.survey_pilot_feedback")
        cls.program.survey_id = cls.survey
        cls.pairing_x, cls.pairing_y = cls._pairings_x_y()
        # Odoo makes every new internal user a Survey user (base.default_user):
        # the participants are, here, so that the rules are tested at their widest
        survey_user = cls.env.ref("survey.group_survey_user")
        for user in (cls.user_head_x, cls.user_mentor, cls.user_mentee_x, cls.user_mentee_y, cls.user_outsider):
            user.groups_id |= survey_user

    def _send(self, program=None, user=None):
        program = program or self.program
        self.env.invalidate_all()
        return program.with_user(user or self.user_coordinator).action_send_feedback_survey()

    def _answers(self, program=None):
        return self.env["survey.user_input"].search([("mentoring_program_id", "=", (program or self.program).id)])

    def _answer_of(self, employee):
        return self._answers().filtered(lambda a: a.mentoring_employee_id == employee)

    def _questions(self, role, question_type=None):
        return self.survey.question_ids.filtered(
            lambda q: q.mentoring_role in (False, role) and (not question_type or q.question_type == question_type)
        )

    def _answer(self, employee, scale, text=None, done=True):
        answer = self._answer_of(employee)
        for question in answer.predefined_question_ids:
            if question.question_type == "scale":
                answer._save_lines(question, str(scale))
            elif question.question_type == "numerical_box":
                answer._save_lines(question, "3")
            elif question.question_type == "text_box" and text:
                answer._save_lines(question, text)
        if done:
            answer._mark_done()
        return answer

    # ------------------------------------------------------------------
    # the survey shipped and the invitations
    # ------------------------------------------------------------------

    def test_default_survey(self):
        """New programmes get the shipped survey; it asks each role about the plan,
        the mentor's help, the workload and the regulations, on a scale, and for comments."""
        program = self.env["hr.mentoring.program"].with_user(self.user_coordinator).create({"name": "Pilot"})
        self.assertEqual(program.survey_id, self.survey)
        self.assertEqual(program.survey_deadline, fields.Date.context_today(program) + timedelta(days=14))
        self.assertEqual(self.survey.access_mode, "token")
        self.assertEqual(len(self.survey.page_ids), 5)
        for role in ("mentee", "mentor", "head"):
            questions = self._questions(role)
            self.assertTrue(questions.filtered(lambda q: q.question_type == "scale"), role)
            self.assertTrue(questions.filtered(lambda q: q.question_type == "text_box"), role)
            # every section asks every role something: no empty page
            self.assertEqual(questions.page_id, self.survey.page_ids, role)

    def test_answered_once_per_programme_without_take_again(self):
        """The shipped survey serves pilots and running programmes alike: its
        words speak of neither the pilot nor its final report, and once a
        participant answered, its end page offers no "Take Again". Each
        programme's invitation is an attempt of its own: having answered one
        programme's survey, the participant still answers another's."""
        texts = " ".join(
            str(value) for value in (self.survey.title, self.survey.description, self.survey.description_done)
        )
        self.assertNotIn("pilot", texts.lower())
        self.assertNotIn("final report", texts.lower())
        self.assertTrue(self.survey.is_attempts_limited)
        self.assertEqual(self.survey.attempts_limit, 1)
        self._send()
        answer = self._answer(self.mentee_x, 4)
        self.assertEqual(answer.state, "done")
        html = str(
            self.env["ir.qweb"]._render("survey.survey_button_retake", {"survey": self.survey, "answer": answer})
        )
        self.assertNotIn("Take Again", html)
        self.assertNotIn("/survey/retry/", html)
        self.assertFalse(self.survey._has_attempts_left(answer.partner_id, answer.email, answer.invite_token))
        # the coordinator's other programme asks Xavier too: his answer there is still to give
        self.program_2.survey_id = self.survey
        self._pairing(self.mentee_x, program=self.program_2, state="done")
        self._send(self.program_2)
        other = self._answers(self.program_2).filtered(lambda a: a.mentoring_employee_id == self.mentee_x)
        self.assertTrue(other.invite_token)
        self.assertNotEqual(other.invite_token, answer.invite_token)
        self.assertTrue(self.survey._has_attempts_left(other.partner_id, other.email, other.invite_token))

    def test_participants_asked_in_odoo_until_they_answer(self):
        """Besides the mail, each participant with a user gets an activity on
        the programme, without their personal link (whoever reads the
        programme reads its activities); answering marks it done."""
        survey_type = "hr_mentoring.mail_activity_type_feedback_survey"
        self._send()
        activities = self._activities(self.program, survey_type)
        participants = self._answers().mentoring_employee_id.user_id
        self.assertEqual(activities.user_id, participants)
        self.assertEqual(len(activities), len(participants), "one each")
        for activity in activities:
            self.assertNotIn("access_token", str(activity.note))
        for answer in self._answers():
            self.assertNotIn(answer.access_token, str(activities.mapped("note")))
        self.assertEqual(
            set(activities.mapped("date_deadline")), {self.program.survey_deadline}, "due by the survey's deadline"
        )
        self._send()
        self.assertEqual(len(self._activities(self.program, survey_type)), len(participants), "not asked twice")
        self._answer(self.mentee_x, 4)
        left = self._activities(self.program, survey_type)
        self.assertEqual(left.user_id, participants - self.user_mentee_x)

    def test_invitations_per_participant(self):
        """One personal answer per participant with their role, token, deadline
        and the questions of their role only; one mail each with their link."""
        self._send()
        answers = self._answers()
        roles = {a.mentoring_employee_id: a.mentoring_role for a in answers}
        self.assertEqual(
            roles,
            {
                self.mentee_x: "mentee",
                self.mentee_y: "mentee",
                self.mentor: "mentor",
                self.mentor_y: "mentor",
                self.emp_head_x: "head",
                self.emp_head_y: "head",
            },
        )
        deadline = fields.Datetime.to_datetime(self.program.survey_deadline)
        for answer in answers:
            self.assertEqual(answer.partner_id, answer.mentoring_employee_id.work_contact_id)
            self.assertTrue(answer.access_token)
            self.assertEqual(answer.deadline.date(), deadline.date())
            self.assertEqual(answer.predefined_question_ids, self._questions(answer.mentoring_role))
            self.assertFalse(answer.mentoring_invite_pending)
        mentee_answer = self._answer_of(self.mentee_x)
        self.assertFalse(mentee_answer.predefined_question_ids.filtered(lambda q: q.mentoring_role == "mentor"))
        self.assertEqual(mentee_answer.mentoring_department_id, self.dept_x_sub)
        mails = self.env["mail.mail"].search([("model", "=", "survey.user_input"), ("res_id", "in", answers.ids)])
        self.assertEqual(len(mails), 6)
        mail = mails.filtered(lambda m: m.res_id == mentee_answer.id)
        self.assertEqual(mail.recipient_ids, self.user_mentee_x.partner_id)
        self.assertIn(mentee_answer.access_token, mail.body_html)
        self.assertIn(self.program.name, mail.subject)

    def test_the_link_shows_the_role_questions(self):
        """The survey page behind a mentee's link holds the mentee's questions, not the mentor's."""
        self._send()
        answer = self._answer_of(self.mentee_x)
        questions, _page = self.survey._get_survey_questions(answer=answer)
        self.assertEqual(questions, self._questions("mentee"))

    def test_send_twice_invites_nobody_twice(self):
        self._send()
        self._send()
        self.assertEqual(len(self._answers()), 6)
        # an invitation that expired unanswered is renewed; an answered one is not
        expired = self._answer_of(self.mentee_x)
        expired.deadline = fields.Datetime.now() - timedelta(days=1)
        done = self._answer_of(self.mentor)
        done.deadline = fields.Datetime.now() - timedelta(days=1)
        done._mark_done()
        self._send()
        answers = self._answers()
        self.assertEqual(len(answers), 7)
        self.assertEqual(len(self._answer_of(self.mentee_x)), 2)
        self.assertEqual(len(self._answer_of(self.mentor)), 1)

    def test_send_refused(self):
        """Only coordinators of the programme's company send; no survey or no participant is a UserError."""
        for user in self.users_not_coordinator:
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self._send(user=user)
        self.assertFalse(self._answers())
        with self.assertRaisesRegex(UserError, "Nobody takes part"):
            self._send(self.program_2)
        self.program.survey_id = False
        with self.assertRaisesRegex(UserError, "feedback survey"):
            self._send()
        self.program.survey_id = self.survey
        self.program.state = "closed"
        with self.assertRaisesRegex(UserError, "closed"):
            self._send()

    def test_cron_sends_large_programmes_by_batches(self):
        """Beyond the synchronous limit the mails wait for the scheduled action,
        which sends them by batches and reports its progress."""
        progress = []

        def notify(cron, done, remaining, deactivate=False):
            progress.append((done, remaining))

        with patch.object(hr_mentoring_program, "SURVEY_SYNC_LIMIT", 2):
            self._send()
        answers = self._answers()
        self.assertEqual(len(answers), 6)
        self.assertTrue(all(answers.mapped("mentoring_invite_pending")))
        self.assertFalse(
            self.env["mail.mail"].search([("model", "=", "survey.user_input"), ("res_id", "in", answers.ids)])
        )
        Program = self.env["hr.mentoring.program"]
        with patch.object(type(self.env["ir.cron"]), "_notify_progress", notify):
            Program._cron_send_survey_invitations(batch_size=4)
            Program._cron_send_survey_invitations(batch_size=4)
            Program._cron_send_survey_invitations(batch_size=4)
        self.assertEqual(progress, [(4, 2), (2, 0), (0, 0)])
        self.assertFalse(any(answers.mapped("mentoring_invite_pending")))
        mails = self.env["mail.mail"].search([("model", "=", "survey.user_input"), ("res_id", "in", answers.ids)])
        self.assertEqual(len(mails), 6)

    def test_invitations_cost_no_query_per_participant(self):
        """Inviting 50 participants costs (nearly) what 10 cost. The mails are
        rendered by chunks of ``mail.batch_size`` (50 by default): one chunk here."""
        self.env["ir.config_parameter"].set_param("mail.batch_size", 100)
        mentors = [
            self._employee(
                f"Survey Mentor {i}", department_id=self.dept_x.id, mentor_state="approved", mentor_capacity=20
            )
            for i in range(5)
        ]

        def program_with(count, name):
            program = self.env["hr.mentoring.program"].create({"name": name, "survey_id": self.survey.id})
            for i in range(count):
                mentee = self._employee(f"{name} Mentee {i}", department_id=self.dept_x.id)
                self._pairing(mentee, mentor=mentors[i % 5], program=program)
            return program

        counts = {}
        for size in (10, 50):
            program = program_with(size, f"Size {size}")
            self.env.invalidate_all()
            with self.countQueries() as queries:
                self._send(program)
            counts[size] = queries.count
            self.assertEqual(len(self._answers(program)), size + 5 + 1)
        # what grows with the participants are the ORM's batched inserts (questions per answer, mails)
        self.assertQueriesWithin(counts[50], counts[10] + 10, counts)

    # ------------------------------------------------------------------
    # results
    # ------------------------------------------------------------------

    def _answer_some(self):
        self._send()
        self._answer(self.mentee_x, 5, "A great mentor")
        self._answer(self.mentee_y, 3, "Too little time")
        self._answer(self.mentor, 4, "More training please")
        self._answer(self.emp_head_x, 1, done=False)  # started, not finished

    def test_the_answers_button_counts_the_answers_it_opens(self):
        self._answer_some()
        program = self.program.with_user(self.user_coordinator)
        action = program.action_open_survey_answers()
        answers = self.env["survey.user_input"].with_user(self.user_coordinator).search(action["domain"])
        self.assertEqual(program.survey_invite_count, len(answers))
        self.assertEqual(program.survey_done_count, len(answers.filtered(lambda a: a.state == "done")))
        self.assertEqual((program.survey_done_count, program.survey_invite_count), (3, 6))
        self.assertEqual(answers.mentoring_program_id, self.program, "this programme's only")

    def test_results_per_role(self):
        self._answer_some()
        results = self.program.with_user(self.user_coordinator)._mentoring_survey_results()
        roles = results[self.program.id]["roles"]
        self.assertEqual((roles["mentee"]["invited"], roles["mentee"]["done"], roles["mentee"]["rate"]), (2, 2, 100.0))
        self.assertEqual((roles["mentor"]["invited"], roles["mentor"]["done"], roles["mentor"]["rate"]), (2, 1, 50.0))
        self.assertEqual((roles["head"]["invited"], roles["head"]["done"], roles["head"]["rate"]), (2, 0, 0.0))
        mentee_scale = self._questions("mentee", "scale")
        self.assertEqual(len(roles["mentee"]["averages"]), len(mentee_scale))
        self.assertTrue(all(avg == 4.0 for _title, avg in roles["mentee"]["averages"]))
        mentor_averages = dict(roles["mentor"]["averages"])
        self.assertEqual(mentor_averages["Hours per week spent on mentoring, on average"], 3.0)
        self.assertFalse(roles["head"]["averages"], "an unfinished answer does not count")
        comments = {(text, name) for _title, text, name in roles["mentee"]["comments"]}
        self.assertEqual(comments, {("A great mentor", "Xavier"), ("Too little time", "Yara")})
        # mentees: 5 and 3 (100 and 50), mentor: 4 (75), weighted by the answers
        mentee_lines = 2 * len(mentee_scale)
        mentor_lines = len(self._questions("mentor", "scale"))
        expected = (mentee_lines * 75.0 + mentor_lines * 75.0) / (mentee_lines + mentor_lines)
        self.assertAlmostEqual(results[self.program.id]["satisfaction"], expected)
        by_department = self.program.with_user(self.user_coordinator)._mentoring_survey_satisfaction_by_department()
        self.assertEqual(by_department[self.program.id, self.dept_x_sub.id], 100.0)
        self.assertEqual(by_department[self.program.id, self.dept_y.id], 50.0)
        self.assertEqual(by_department[self.program.id, self.dept_x.id], 75.0)
        # the Feedback page
        program = self.program.with_user(self.user_coordinator)
        self.assertTrue(program.survey_can_see_results)
        self.assertTrue(program.survey_can_send)
        self.assertEqual((program.survey_invite_count, program.survey_done_count), (6, 3))
        self.assertIn("Too little time", program.survey_results_html)
        self.assertIn("Yara", program.survey_results_html)

    def test_results_anonymous_to_heads(self):
        """A head of the programme's departments sees the figures and the comments,
        without names while the survey is anonymous."""
        self._answer_some()
        head = self.program.with_user(self.user_head_x)
        roles = head._mentoring_survey_results()[self.program.id]["roles"]
        self.assertEqual(roles["mentee"]["done"], 2)
        self.assertEqual({name for _t, _c, name in roles["mentee"]["comments"]}, {False})
        self.assertTrue(head.survey_can_see_results)
        self.assertFalse(head.survey_can_send)
        self.assertNotIn("Yara", head.survey_results_html)
        self.assertIn("Anonymous", head.survey_results_html)
        # the head sees the satisfaction of their departments only
        self.assertEqual(
            set(head._mentoring_survey_satisfaction_by_department()),
            {(self.program.id, self.dept_x.id), (self.program.id, self.dept_x_sub.id)},
        )
        self.survey.mentoring_anonymous = False
        self.env.invalidate_all()
        roles = head._mentoring_survey_results()[self.program.id]["roles"]
        self.assertEqual({name for _t, _c, name in roles["mentee"]["comments"]}, {"Xavier", "Yara"})

    def test_results_refused_to_participants(self):
        self._answer_some()
        for user in (
            self.user_mentor,
            self.user_mentee_x,
            self.user_mentee_y,
            self.user_outsider,
            self.user_hr_officer,
        ):
            with self.subTest(user=user.name):
                self.env.invalidate_all()
                program = self.program.with_user(user)
                with self.assertRaises(AccessError):
                    program._mentoring_survey_results()
                self.assertFalse(program.survey_can_see_results)
                self.assertFalse(program.survey_results_html)
                self.assertEqual(program.survey_invite_count, 0)
                self.assertEqual(program._mentoring_survey_satisfaction_by_department(), {})
        # another company's coordinator does not even read the programme
        with self.assertRaises(AccessError):
            self.program.with_user(self.user_other_company)._mentoring_survey_results()

    # ------------------------------------------------------------------
    # who reads the answers
    # ------------------------------------------------------------------

    def test_participants_never_read_answers(self):
        """Survey users as they are (Odoo's default), participants and heads
        find, read and group no answer nor answer line of a programme."""
        self._answer_some()
        theirs = self._answer_of(self.mentee_x)
        lines = theirs.user_input_line_ids
        self.assertTrue(lines)
        for user in (self.user_mentee_y, self.user_mentee_x, self.user_mentor, self.user_head_x, self.user_outsider):
            with self.subTest(user=user.name):
                self.env.invalidate_all()
                UserInput = self.env["survey.user_input"].with_user(user)
                Line = self.env["survey.user_input.line"].with_user(user)
                self.assertFalse(UserInput.search([("id", "=", theirs.id)]))
                self.assertFalse(Line.search([("id", "in", lines.ids)]))
                self.assertFalse(UserInput._read_group([("survey_id", "=", self.survey.id)], [], ["__count"])[0][0])
                self.assertFalse(Line._read_group([("survey_id", "=", self.survey.id)], [], ["__count"])[0][0])
                with self.assertRaises(AccessError):
                    UserInput.browse(theirs.id).read(["partner_id"])
                with self.assertRaises(AccessError):
                    Line.browse(lines[:1].id).read(["value_text_box"])
                with self.assertRaises(AccessError):
                    UserInput.browse(theirs.id).write({"state": "new"})
        # coordinators read their company's answers, and only those
        self.env.invalidate_all()
        self.assertEqual(
            self.env["survey.user_input"].with_user(self.user_coordinator).search([("id", "=", theirs.id)]), theirs
        )
        self.assertEqual(
            len(self.env["survey.user_input.line"].with_user(self.user_coordinator).search([("id", "in", lines.ids)])),
            len(lines),
        )
        self.assertFalse(
            self.env["survey.user_input"].with_user(self.user_other_company).search([("id", "=", theirs.id)])
        )
        self.assertFalse(
            self.env["survey.user_input.line"].with_user(self.user_other_company).search([("id", "in", lines.ids)])
        )

    def test_coordinators_are_survey_users_not_managers(self):
        self.assertTrue(self.user_coordinator.has_group("survey.group_survey_user"))
        self.assertFalse(self.user_coordinator.has_group("survey.group_survey_manager"))
        action = self.program.with_user(self.user_coordinator).action_open_survey_results()
        self.assertEqual(action["url"], f"/survey/results/{self.survey.id}")
        with self.assertRaises(AccessError):
            self.program.with_user(self.user_mentee_x).action_open_survey_results()

    def test_other_surveys_unchanged(self):
        """Answers outside mentoring stay readable by Survey users, as in Odoo."""
        other = self.env["survey.survey"].create({"title": "Canteen"})
        answer = other._create_answer(partner=self.user_mentee_x.partner_id)
        self.env.invalidate_all()
        self.assertEqual(
            self.env["survey.user_input"].with_user(self.user_outsider).search([("id", "=", answer.id)]), answer
        )
