from datetime import date
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestMentorTraining(MentoringCase):
    """Completing the mentor training puts it on the employee's resume
    (hr_skills), and a company may approve trained mentors only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # no login: a coordinator signs her events once she mentors
        cls.carla = cls._employee("Carla", mentor_state="candidate", mentor_coordinator_signs=True)
        cls.training_type = cls.env.ref("hr_mentoring.resume_type_training")

    def _training_lines(self, employee):
        return self.env["hr.resume.line"].search(
            [("employee_id", "=", employee.id), ("line_type_id", "=", self.training_type.id)]
        )

    @freeze_time("2026-03-10")
    def test_completed_training_is_on_the_resume(self):
        self.carla.with_user(self.user_coordinator).action_mentor_complete_training()
        self.assertEqual(self.carla.mentor_training_date, date(2026, 3, 10))
        line = self._training_lines(self.carla)
        self.assertEqual(len(line), 1)
        self.assertEqual((line.date_start, line.date_end), (date(2026, 3, 10), date(2026, 3, 10)))
        self.assertEqual(line.name, "Mentor training: coach-mentoring")
        self.assertIn("completed on 03/10/2026", line.description)
        self.assertEqual(self.carla.mentor_training_resume_line_id, line)
        # recording it again changes nothing; the line follows the date and the name
        self.carla.with_user(self.user_coordinator).action_mentor_complete_training()
        self.carla.with_user(self.user_coordinator).write(
            {"mentor_training_date": date(2026, 3, 6), "mentor_training_name": "Coach-mentoring, two days"}
        )
        self.assertEqual(self._training_lines(self.carla), line)
        self.assertEqual((line.name, line.date_start), ("Coach-mentoring, two days", date(2026, 3, 6)))
        # the history of the mentor fields logs it for the coordinators
        self.assertIn("mentor_training_name", self.carla.mentor_history_ids.mapped("field_name"))
        # a date removed by mistake takes its line with it
        self.carla.with_user(self.user_coordinator).mentor_training_date = False
        self.assertFalse(line.exists())
        self.assertFalse(self._training_lines(self.carla))

    def test_a_training_date_given_at_creation_is_on_the_resume(self):
        employee = self._employee("Dora", mentor_state="approved", mentor_training_date=date(2025, 9, 1))
        line = self._training_lines(employee)
        self.assertEqual((line.date_start, line.name), (date(2025, 9, 1), "Mentor training"))

    def test_only_coordinators_record_the_training(self):
        for user in (self.user_hr_officer, self.user_mentor, self.user_head_x):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.carla.with_user(user).action_mentor_complete_training()
        with self.assertRaises(AccessError):
            self.carla.with_user(self.user_hr_officer).write({"mentor_training_name": "Self-made"})
        self.assertFalse(self.carla.mentor_training_date)
        not_a_mentor = self._employee("Nico")
        with self.assertRaisesRegex(UserError, "Nominate Nico as a mentor"):
            not_a_mentor.with_user(self.user_coordinator).action_mentor_complete_training()

    def test_trained_mentors_only(self):
        coordinator_carla = self.carla.with_user(self.user_coordinator)
        # the setting is off: an untrained candidate is approved
        other = self._employee("Otis", mentor_state="candidate", mentor_coordinator_signs=True)
        other.with_user(self.user_coordinator).action_mentor_approve()
        self.assertEqual(other.mentor_state, "approved")
        self.company.mentoring_require_training = True
        with self.assertRaisesRegex(ValidationError, "Carla has not completed the mentor training"):
            coordinator_carla.action_mentor_approve()
        self.assertEqual(self.carla.mentor_state, "candidate")
        # nor by a direct write
        with self.assertRaisesRegex(ValidationError, "approves trained mentors only"):
            coordinator_carla.write({"mentor_state": "approved"})
        coordinator_carla.action_mentor_complete_training()
        coordinator_carla.action_mentor_approve()
        self.assertEqual(self.carla.mentor_state, "approved")
        # the approved mentors of before keep their status
        self.assertEqual(other.mentor_state, "approved")

    def test_settings_offer_the_requirement(self):
        settings = self.env["res.config.settings"].create({"mentoring_require_training": True})
        settings.execute()
        self.assertTrue(self.company.mentoring_require_training)


@tagged("post_install", "-at_install")
class TestMentorTrainingCourse(MentoringCase):
    """Where eLearning is installed a programme names its mentor-training
    course, and a completed course records the training. This database has
    no eLearning: the course field is hidden and nothing is looked up; the
    completed courses are given to the check by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_carla = new_test_user(cls.env, login="mentoring_test_carla", groups="base.group_user", name="Carla")
        cls.carla = cls._employee("Carla", mentor_state="in_training", user_id=cls.user_carla.id)

    def test_without_elearning(self):
        if "slide.channel" in self.env:
            self.skipTest(
                "eLearning (website_slides) is installed beside the module here: the test of a database without it"
            )
        program = self.program.with_user(self.user_coordinator)
        self.assertFalse(program.elearning_installed)
        self.assertFalse(program.mentor_training_course)
        self.assertEqual(program._selection_mentor_training_course(), [])
        self.assertEqual(self.env["hr.employee"]._mentoring_completed_courses(), {})
        self.assertFalse(self.env["hr.employee"]._mentoring_sync_course_training())
        self.env["hr.mentoring.program"]._cron_check_stages()
        self.assertFalse(self.carla.mentor_training_date)

    def _completed(self, partner, day=date(2026, 2, 20), course="Mentoring in Practice"):
        completed = {self.company.id: {partner.id: (day, course)}}
        return patch.object(type(self.env["hr.employee"]), "_mentoring_completed_courses", return_value=completed)

    def test_a_completed_course_records_the_training(self):
        with self._completed(self.user_carla.partner_id):
            recorded = self.env["hr.employee"]._mentoring_sync_course_training()
        self.assertEqual(recorded, self.carla)
        self.assertEqual(self.carla.mentor_training_date, date(2026, 2, 20))
        self.assertEqual(self.carla.mentor_training_name, "Mentoring in Practice")
        line = self.carla.mentor_training_resume_line_id
        self.assertEqual((line.name, line.date_start), ("Mentoring in Practice", date(2026, 2, 20)))
        self.assertEqual(line.line_type_id, self.env.ref("hr_mentoring.resume_type_training"))
        # a training on record is not replaced by a later course
        with self._completed(self.user_carla.partner_id, date(2026, 3, 1), "Another course"):
            self.assertFalse(self.env["hr.employee"]._mentoring_sync_course_training())
        self.assertEqual(self.carla.mentor_training_date, date(2026, 2, 20))

    def test_approval_counts_a_course_completed_today(self):
        self.company.mentoring_require_training = True
        with self._completed(self.user_carla.partner_id):
            self.carla.with_user(self.user_coordinator).action_mentor_approve()
        self.assertEqual(self.carla.mentor_state, "approved")
        self.assertTrue(self.carla.mentor_training_resume_line_id)

    def test_the_daily_check_reads_the_courses(self):
        with self._completed(self.user_carla.partner_id):
            self.env["hr.mentoring.program"]._cron_check_stages()
        self.assertEqual(self.carla.mentor_training_date, date(2026, 2, 20))

    def test_the_course_is_an_elearning_course(self):
        partner = self.user_outsider.partner_id
        with self.assertRaises(ValueError):
            self.program.with_user(self.user_coordinator).write({"mentor_training_course": f"res.partner,{partner.id}"})
        self.assertFalse(self.program.mentor_training_channel_id)
