from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from .common import today_of
from .tour_common import MentoringTourCase


@tagged("post_install", "-at_install", "tour")
class TestMentoringTourMentorMentee(MentoringTourCase):
    """The mentor's and the mentee's day in the browser
    (static/tests/tours/hr_mentoring_tour_mentor.js and
    hr_mentoring_tour_mentee.js): each tour also checks, on each of its
    screens, that no button of another role is there; then Python checks what
    it left. The ``*_phone`` tests run the same days, shortened, at a phone's
    size with a touch screen (static/tests/tours/hr_mentoring_tour_phone.js).

    Its own data in a company of its own, logins ``mentoring_test_*``, so that
    it also runs next to the demo data (``make test DEMO=1``).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls._setup_tour_company(
            "Mentoring Tour Company (Mentor and Mentee)", tz="UTC", mentor_joined=False, mentee_user=True
        )
        cls.client_work = env.ref("hr_mentoring.criterion_mentee_client_work")
        cls.technology = env.ref("hr_mentoring.criterion_mentee_work_technology")
        cls.observation = env.ref("hr_mentoring.criterion_mentor_feedback_observation")
        cls.supportive = env.ref("hr_mentoring.criterion_mentor_supportive")
        cls.program = cls._tour_program(
            mentee_criterion_ids=[Command.set((cls.client_work | cls.technology).ids)],
            mentor_criterion_ids=[Command.set((cls.observation | cls.supportive).ids)],
        )
        # the mentor's today: her clock counts from it
        today = today_of(cls.user_mentor)
        cls.pairing = env["hr.mentoring.pairing"].create(
            {
                "program_id": cls.program.id,
                "mentor_id": cls.mentor.id,
                "mentee_id": cls.mentee.id,
                "date_start": today - timedelta(days=7),
                "state": "active",
            }
        )
        Event = env["hr.mentoring.event"]
        # today's event, in the mentor's activities
        cls.event_today = Event.create(
            {
                "pairing_id": cls.pairing.id,
                "name": "Feedback on the third working day",
                "event_type": "feedback",
                "date_due": today,
            }
        )
        # the welcome, signed by the mentor: the mentee acknowledges it
        cls.event_signed = Event.create(
            {
                "pairing_id": cls.pairing.id,
                "name": "Welcome: explain the coach-mentoring process",
                "event_type": "feedback",
                "date_due": today - timedelta(days=5),
            }
        )
        cls.event_signed.with_user(cls.user_mentor).write(
            {"mentor_comment": "Explained the plan and its dates.", "state": "done"}
        )
        # the regulations, announced: the mentee acknowledges them
        cls.regulation = env["ir.attachment"].create(
            {"name": "Mentoring regulations.pdf", "raw": b"%PDF-1.4 regulations", "res_model": "hr.mentoring.program"}
        )
        cls.program.regulation_ids = cls.regulation
        cls.program.with_user(cls.user_coordinator).action_launch_campaign()
        cls.level_developing = env.ref("hr_mentoring.scale_behaviour_level_3")
        cls.level_proficient = env.ref("hr_mentoring.scale_behaviour_level_4")
        cls.level_role_model = env.ref("hr_mentoring.scale_behaviour_level_5")

    def test_mentor_day(self):
        self.assertEqual(self.event_today.activity_ids.user_id, self.user_mentor, "today's event waits for the mentor")
        self.start_tour("/odoo", "hr_mentoring_tour_mentor_day", login=self.user_mentor.login)
        self.env.invalidate_all()

        # signed from today's activity, with the comment
        event = self.event_today
        self.assertEqual(event.state, "done")
        self.assertEqual(event.signed_by_id, self.user_mentor, "the mentor signed the event")
        self.assertEqual(event.date_done, today_of(self.user_mentor))
        self.assertEqual(event.mentor_comment, "Nina handled her first client call alone.")
        self.assertFalse(
            event.activity_ids.filtered(lambda a: a.user_id == self.user_mentor), "nothing is left to do on the event"
        )
        self.assertEqual(event.activity_ids.user_id, event.mentee_id.user_id, "the mentee is asked to acknowledge it")
        self.assertFalse(event.acknowledged or event.reviewed, "the mentor neither acknowledges nor reviews")

        # the situational discussion: diagnosis, levels, one action item
        discussion = self.pairing.event_ids.filtered(lambda e: e.event_type == "situational_discussion")
        self.assertEqual(len(discussion), 1, "one discussion was logged")
        self.assertEqual(discussion.state, "planned")
        self.assertEqual(discussion.responsible_role, "mentor")
        self.assertEqual(discussion.discussion_reason, "Nina interrupts clients on the phone.")
        self.assertEqual(discussion.discussion_situation, "Yesterday's call with a new client.")
        self.assertEqual(discussion.mentee_agreement, "agreed")
        self.assertEqual(discussion.criterion_id, self.client_work)
        self.assertEqual(discussion.current_level_id, self.level_developing)
        self.assertEqual(discussion.desired_level_id, self.level_proficient)
        self.assertEqual(len(discussion.action_item_ids), 1, "one action item")
        self.assertEqual(discussion.action_item_ids.name, "Listen to two calls of a senior colleague")
        self.assertFalse(discussion.action_item_ids.done)
        # ... and its meeting in the Calendar, with both of them, on the day it is due
        meeting = discussion.calendar_event_id
        self.assertTrue(meeting, "the mentor scheduled the meeting")
        self.assertEqual(meeting.partner_ids, self.user_mentor.partner_id | self.user_mentee.partner_id)
        self.assertEqual(meeting.user_id, self.user_mentor)
        self.assertEqual(meeting.start.date(), discussion.date_due)

        # the evaluation of the mentee, from My Evaluations > New
        evaluation = self.pairing.evaluation_ids
        self.assertEqual(len(evaluation), 1, "one evaluation was written")
        self.assertEqual(evaluation.kind, "mentor_on_mentee")
        self.assertEqual(evaluation.evaluator_id, self.user_mentor)
        self.assertEqual(evaluation.state, "submitted")
        self.assertTrue(evaluation.submitted_on)
        self.assertEqual(
            {line.criterion_id: line.level_id for line in evaluation.line_ids},
            {self.client_work: self.level_developing, self.technology: self.level_proficient},
            "every criterion of the programme rated as in the browser",
        )
        self.assertFalse(evaluation.shared_with_subject, "not shared until the mentor says so")

    def test_mentee_day(self):
        self.start_tour("/odoo", "hr_mentoring_tour_mentee_day", login=self.user_mentee.login)
        self.env.invalidate_all()

        # the signed welcome, acknowledged with the mentee's comment
        event = self.event_signed
        self.assertEqual(event.state, "done")
        self.assertEqual(event.signed_by_id, self.user_mentor, "still the mentor's signature")
        self.assertTrue(event.acknowledged)
        self.assertTrue(event.acknowledged_on)
        self.assertEqual(event.mentee_comment, "Clear, thank you.")
        self.assertFalse(event.reviewed, "the mentee does not review")
        self.assertEqual(self.event_today.state, "planned", "the mentee signs nothing")

        # feedback on the mentor, submitted
        evaluation = self.pairing.evaluation_ids
        self.assertEqual(len(evaluation), 1, "one evaluation was written")
        self.assertEqual(evaluation.kind, "mentee_on_mentor")
        self.assertEqual(evaluation.subject, "mentor")
        self.assertEqual(evaluation.evaluator_id, self.user_mentee)
        self.assertEqual(evaluation.state, "submitted")
        self.assertEqual(
            {line.criterion_id: line.level_id for line in evaluation.line_ids},
            {self.observation: self.level_proficient, self.supportive: self.level_role_model},
        )
        self.assertFalse(evaluation.shared_with_subject, "only a coordinator shares a mentee's feedback")
        self.assertFalse(evaluation.with_user(self.user_mentor).has_access("read"), "the mentor does not read it")

        # the preferred mentor
        preference = self.env["hr.mentoring.preference"].search([("mentee_id", "=", self.mentee.id)])
        self.assertEqual(len(preference), 1, "one preferred mentor")
        self.assertEqual(preference.chosen_by, "mentee")
        self.assertEqual(preference.mentor_id, self.mentor_2)
        self.assertEqual(preference.chooser_user_id, self.user_mentee)
        self.assertEqual(preference.rank, 1)

        # the regulations, acknowledged by the mentee herself; the others still wait
        acks = self.program.acknowledgement_ids
        mine = acks.filtered(lambda a: a.user_id == self.user_mentee)
        self.assertEqual(mine.state, "acknowledged")
        self.assertEqual(mine.regulation_version, self.program.regulation_version)
        self.assertEqual(set((acks - mine).mapped("state")), {"pending"})

    # ------------------------------------------------------------------
    # on a phone
    # ------------------------------------------------------------------

    def _phone(self):
        """The next tour runs at a phone's size, with a touch screen."""
        self.browser_size = "390x844"
        self.touch_enabled = True

    def test_mentor_day_phone(self):
        today = today_of(self.user_mentor)
        Event = self.env["hr.mentoring.event"]
        for name, days in (("Feedback of next week", 7), ("Review in two months", 60)):
            Event.create(
                {
                    "pairing_id": self.pairing.id,
                    "name": name,
                    "event_type": "feedback",
                    "date_due": today + timedelta(days),
                }
            )
        self._phone()
        self.start_tour("/odoo", "hr_mentoring_tour_mentor_phone", login=self.user_mentor.login)
        self.env.invalidate_all()

        event = self.event_today
        self.assertEqual(event.state, "done")
        self.assertEqual(event.signed_by_id, self.user_mentor, "signed from the phone")
        self.assertEqual(event.mentor_comment, "Signed on my phone.")
        self.assertFalse(
            event.activity_ids.filtered(lambda a: a.user_id == self.user_mentor), "nothing is left to do on the event"
        )
        self.assertEqual(event.activity_ids.user_id, event.mentee_id.user_id, "the mentee is asked to acknowledge it")

    def test_mentee_day_phone(self):
        self._phone()
        self.start_tour(
            "/odoo/action-hr_mentoring.hr_mentoring_event_action_my_plan",
            "hr_mentoring_tour_mentee_phone",
            login=self.user_mentee.login,
        )
        self.env.invalidate_all()

        event = self.event_signed
        self.assertTrue(event.acknowledged, "acknowledged from the phone")
        self.assertEqual(event.mentee_comment, "Clear, thank you.")
        evaluation = self.pairing.evaluation_ids
        self.assertEqual(len(evaluation), 1, "one evaluation was written")
        self.assertEqual((evaluation.kind, evaluation.state), ("mentee_on_mentor", "submitted"))
        self.assertEqual(
            {line.criterion_id: line.level_id for line in evaluation.line_ids},
            {self.observation: self.level_proficient, self.supportive: self.level_role_model},
            "each criterion rated from its card",
        )
        mine = self.program.acknowledgement_ids.filtered(lambda a: a.user_id == self.user_mentee)
        self.assertEqual(mine.state, "acknowledged")
