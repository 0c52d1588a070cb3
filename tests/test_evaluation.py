from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestEvaluations(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scale = cls.env.ref("hr_mentoring.scale_behaviour")
        cls.levels = {level.value: level for level in cls.scale.level_ids}
        cls.client_work = cls.env.ref("hr_mentoring.criterion_mentee_client_work")
        cls.technology = cls.env.ref("hr_mentoring.criterion_mentee_work_technology")
        cls.feedback_quality = cls.env.ref("hr_mentoring.criterion_mentor_feedback_observation")
        cls.program.write(
            {
                "mentee_criterion_ids": [Command.set((cls.client_work | cls.technology).ids)],
                "mentor_criterion_ids": [Command.set(cls.feedback_quality.ids)],
                "fit_criterion_ids": [
                    Command.set(cls.env["hr.mentoring.criterion"].search([("subject", "=", "fit")]).ids)
                ],
            }
        )
        cls.pairing_x = cls._pairing(cls.mentee_x, date_start=date(2026, 3, 2))
        cls.pairing_y = cls._pairing(cls.mentee_y, mentor=cls.mentor_y, date_start=date(2026, 3, 2))

    def _evaluation(self, user, kind, pairing=None, ratings=None, submit=True, evaluation_date=None, **vals):
        Evaluation = self.env["hr.mentoring.evaluation"].with_user(user)
        evaluation = Evaluation.create(
            {
                "pairing_id": (pairing or self.pairing_x).id,
                "kind": kind,
                "evaluator_id": user.id,
                **({"date": evaluation_date} if evaluation_date else {}),
                **vals,
            }
        )
        ratings = ratings or {}
        for line in evaluation.line_ids:
            # the level of that value on the criterion's own scale (fit questions use the agreement scale)
            value = ratings.get(line.criterion_id, 3)
            line.level_id = line.criterion_id.scale_id.level_ids.filtered(lambda level, v=value: level.value == v)
        if submit:
            evaluation.action_submit()
        return evaluation.with_user(self.env.user)

    # ------------------------------------------------------------------
    # scales, scoring and the state flow
    # ------------------------------------------------------------------

    def test_shipped_scales_and_criteria(self):
        self.assertEqual(self.scale.level_ids.mapped("value"), [1, 2, 3, 4, 5])
        self.assertTrue(all(self.scale.level_ids.mapped("description")), "every level describes a behaviour")
        mentee = self.env["hr.mentoring.criterion"].search([("subject", "=", "mentee")]).mapped("name")
        mentor = self.env["hr.mentoring.criterion"].search([("subject", "=", "mentor")]).mapped("name")
        self.assertIn("Working With Clients", mentee)
        self.assertIn("Mastery of Work Technology", mentee)
        self.assertIn("Self-Motivation", mentee)
        self.assertIn("Gives Feedback Based on Observation", mentor)
        self.assertIn("Reliable and Responsible", mentor)

    def test_score_and_state_flow(self):
        evaluation = self._evaluation(
            self.user_mentor, "mentor_on_mentee", ratings={self.client_work: 3, self.technology: 5}, submit=False
        )
        self.assertEqual(evaluation.line_ids.criterion_id, self.client_work | self.technology)
        # 3 of 1..5 is 50%, 5 is 100%
        self.assertEqual(evaluation.score, 75.0)
        evaluation.line_ids[0].level_id = False
        with self.assertRaisesRegex(UserError, "Rate every criterion"):
            evaluation.with_user(self.user_mentor).action_submit()
        evaluation.line_ids[0].level_id = self.levels[1]
        evaluation.with_user(self.user_mentor).action_submit()
        self.assertEqual(evaluation.state, "submitted")
        self.assertTrue(evaluation.submitted_on)
        with self.assertRaises(UserError):
            evaluation.line_ids[0].with_user(self.user_mentor).level_id = self.levels[5]
        with self.assertRaises(UserError):
            evaluation.with_user(self.user_mentee_x).action_acknowledge()  # not shared yet: cannot even read it
        evaluation.with_user(self.user_mentor).action_share()
        evaluation.with_user(self.user_mentee_x).action_acknowledge()
        self.assertEqual(evaluation.state, "acknowledged")

    def test_who_evaluates_whom(self):
        with self.assertRaisesRegex(AccessError, "only start evaluations you write yourself"):
            self.env["hr.mentoring.evaluation"].with_user(self.user_mentor).create(
                {"pairing_id": self.pairing_x.id, "kind": "self", "evaluator_id": self.user_mentee_x.id}
            )
        with self.assertRaisesRegex(ValidationError, "the evaluator must be the pairing's Mentor"):
            self._evaluation(self.user_mentee_x, "mentor_on_mentee", submit=False)
        with self.assertRaisesRegex(ValidationError, "Only a coordinator"):
            self._evaluation(self.user_mentor, "coordinator_on_mentee", submit=False)
        coordinator_evaluation = self._evaluation(self.user_coordinator, "coordinator_on_mentor")
        self.assertEqual(coordinator_evaluation.subject, "mentor")
        self.assertEqual(coordinator_evaluation.line_ids.criterion_id, self.feedback_quality)

    def test_evaluation_event_opens_and_completes(self):
        def evaluation_event(name, kind, day, **vals):
            return self.env["hr.mentoring.event"].create(
                {
                    "pairing_id": self.pairing_x.id,
                    "name": name,
                    "event_type": "evaluation",
                    "evaluation_kind": kind,
                    "date_due": date(2026, 4, day),
                    **vals,
                }
            )

        event = evaluation_event("End of adaptation", "mentor_on_mentee", 30)
        action = event.with_user(self.user_mentor).action_open_evaluation()
        evaluation = self.env["hr.mentoring.evaluation"].browse(action["res_id"])
        self.assertEqual(evaluation.evaluator_id, self.user_mentor)
        self.assertEqual(evaluation.event_id, event)
        # opening it again opens the same evaluation
        self.assertEqual(event.with_user(self.user_mentor).action_open_evaluation()["res_id"], evaluation.id)
        for line in evaluation.line_ids:
            line.with_user(self.user_mentor).level_id = self.levels[4]
        evaluation.with_user(self.user_mentor).action_submit()
        self.assertEqual(event.state, "done")
        self.assertEqual(event.signed_by_id, self.user_mentor)
        # a self-evaluation event is the mentee's
        self_event = evaluation_event("Self-evaluation", "self", 29, responsible_role="mentee")
        action = self_event.with_user(self.user_mentee_x).action_open_evaluation()
        self_evaluation = self.env["hr.mentoring.evaluation"].browse(action["res_id"])
        self.assertEqual(self_evaluation.evaluator_id, self.user_mentee_x)
        for line in self_evaluation.line_ids:
            line.with_user(self.user_mentee_x).level_id = self.levels[5]
        self_evaluation.with_user(self.user_mentee_x).action_submit()
        self.assertEqual(self_event.state, "done")

    # ------------------------------------------------------------------
    # gap, progress, fit
    # ------------------------------------------------------------------

    def test_gap_between_self_and_mentor_evaluation(self):
        mentor_eval = self._evaluation(
            self.user_mentor, "mentor_on_mentee", ratings={self.client_work: 2, self.technology: 4}
        )
        self_eval = self._evaluation(self.user_mentee_x, "self", ratings={self.client_work: 4, self.technology: 4})
        # the mentor sees the mentee's self-rating next to theirs
        lines = self_eval.with_user(self.user_mentor).line_ids
        by_criterion = {line.criterion_id: line for line in lines}
        self.assertEqual(by_criterion[self.client_work].other_value, 2)
        self.assertEqual(by_criterion[self.client_work].gap, 2, "the mentee rates themself 2 levels higher")
        self.assertEqual(by_criterion[self.technology].gap, 0)
        mentor_lines = {line.criterion_id: line for line in mentor_eval.with_user(self.user_mentor).line_ids}
        self.assertEqual(mentor_lines[self.client_work].other_value, 4)
        self.assertEqual(mentor_lines[self.client_work].gap, -2)
        # the mentee does not get the value of the mentor's evaluation before it is shared
        own = {line.criterion_id: line for line in self_eval.with_user(self.user_mentee_x).line_ids}
        self.assertEqual(own[self.client_work].other_value, 0)
        mentor_eval.with_user(self.user_mentor).action_share()
        self.env.invalidate_all()
        own = {line.criterion_id: line for line in self_eval.with_user(self.user_mentee_x).line_ids}
        self.assertEqual(own[self.client_work].other_value, 2)

    def test_discussion_levels_use_the_scale(self):
        event = self.env["hr.mentoring.event"].create(
            {
                "pairing_id": self.pairing_x.id,
                "name": "Discussion",
                "event_type": "planned_discussion",
                "date_due": date(2026, 3, 10),
                "criterion_id": self.client_work.id,
                "current_level_id": self.levels[2].id,
                "desired_level_id": self.levels[4].id,
            }
        )
        self.assertEqual(event.scale_id, self.scale)
        other_scale = self.env.ref("hr_mentoring.scale_agreement").level_ids[:1]
        with self.assertRaisesRegex(ValidationError, "must use one scale"):
            event.desired_level_id = other_scale

    def test_progress_from_first_to_latest(self):
        self._evaluation(
            self.user_mentor,
            "mentor_on_mentee",
            ratings={self.client_work: 2, self.technology: 1},
            evaluation_date=date(2026, 3, 10),
        )
        self._evaluation(
            self.user_mentor,
            "mentor_on_mentee",
            ratings={self.client_work: 4, self.technology: 2},
            evaluation_date=date(2026, 4, 10),
        )
        self._evaluation(self.user_mentee_x, "self", ratings={self.client_work: 5}, evaluation_date=date(2026, 4, 9))
        self.env.flush_all()
        Progress = self.env["hr.mentoring.progress"]
        latest = Progress.search(
            [("mentee_id", "=", self.mentee_x.id), ("is_latest", "=", True), ("kind", "=", "mentor_on_mentee")]
        )
        by_criterion = {row.criterion_id: row for row in latest}
        self.assertEqual(by_criterion[self.client_work].value, 4)
        self.assertEqual(by_criterion[self.client_work].first_score, 25.0)
        self.assertEqual(by_criterion[self.client_work].score_change, 50.0)
        self.assertEqual(by_criterion[self.technology].score_change, 25.0)
        # the self-evaluation has its own series
        self_rows = Progress.search(
            [("mentee_id", "=", self.mentee_x.id), ("kind", "=", "self"), ("is_latest", "=", True)]
        )
        self.assertEqual(self_rows.filtered(lambda r: r.criterion_id == self.client_work).value, 5)
        # graph and pivot read it grouped
        groups = Progress._read_group(
            [("mentee_id", "=", self.mentee_x.id), ("kind", "=", "mentor_on_mentee")], ["date:month"], ["score:avg"]
        )
        self.assertEqual(len(groups), 2)
        # the mentor's record shows the average progress of their mentees
        self.assertEqual(self.mentor.with_user(self.user_coordinator).mentor_mentee_progress, 37.5)

    def test_low_fit_check_flags_the_pairing(self):
        fit = self.env["hr.mentoring.criterion"].search([("subject", "=", "fit")])
        good = self._evaluation(self.user_mentee_y, "fit_check", pairing=self.pairing_y, ratings=dict.fromkeys(fit, 4))
        self.assertEqual(good.subject, "pairing")
        self.assertFalse(self.pairing_y.fit_concern)
        low = self._evaluation(self.user_mentee_x, "fit_check", ratings=dict.fromkeys(fit, 2))
        self.assertTrue(self.pairing_x.fit_concern)
        # the alert is the coordinator's: mentor and head neither read the flag nor see an activity
        with self.assertRaises(AccessError):
            self.pairing_x.with_user(self.user_mentor).read(["fit_concern"])
        with self.assertRaises(AccessError):
            self.pairing_x.with_user(self.user_head_x).read(["fit_concern"])
        self.assertFalse(self.pairing_x.activity_ids)
        activity = low.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("hr_mentoring.mail_activity_type_fit")
        )
        self.assertEqual(activity.user_id, self.user_coordinator)
        with self.assertRaises(AccessError):
            self.pairing_x.with_user(self.user_mentor).action_clear_fit_concern()
        self.pairing_x.with_user(self.user_coordinator).action_clear_fit_concern()
        self.assertFalse(self.pairing_x.fit_concern)

    # ------------------------------------------------------------------
    # confidentiality
    # ------------------------------------------------------------------

    def test_visibility_by_role(self):
        Evaluation = self.env["hr.mentoring.evaluation"]
        mentor_draft = self._evaluation(self.user_mentor, "mentor_on_mentee", submit=False)
        mentor_unshared = self._evaluation(self.user_mentor, "mentor_on_mentee")
        mentor_shared = self._evaluation(self.user_mentor, "mentor_on_mentee")
        mentor_shared.with_user(self.user_mentor).action_share()
        self_eval = self._evaluation(self.user_mentee_x, "self")
        feedback_on_mentor = self._evaluation(self.user_mentee_x, "mentee_on_mentor")
        fit_check = self._evaluation(self.user_mentee_x, "fit_check")
        coordinator_eval = self._evaluation(self.user_coordinator, "coordinator_on_mentee")
        other_pairing = self._evaluation(self.user_mentor_y, "mentor_on_mentee", pairing=self.pairing_y)
        all_evaluations = (
            mentor_draft
            | mentor_unshared
            | mentor_shared
            | self_eval
            | feedback_on_mentor
            | fit_check
            | coordinator_eval
            | other_pairing
        )
        expected = {
            self.user_coordinator: all_evaluations,
            self.user_mentee_x: mentor_shared | self_eval | feedback_on_mentor | fit_check,
            self.user_mentor: mentor_draft | mentor_unshared | mentor_shared | self_eval,
            self.user_head_x: mentor_unshared | mentor_shared | self_eval | coordinator_eval,
            self.user_head_y: other_pairing,
            self.user_mentee_y: Evaluation,
            self.user_outsider: Evaluation,
            self.user_hr_officer: Evaluation,
            self.user_other_company: Evaluation,
        }
        for user, visible in expected.items():
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                found = Evaluation.with_user(user).search([("id", "in", all_evaluations.ids)])
                self.assertEqual(found, visible)
                groups = Evaluation.with_user(user)._read_group(
                    [("id", "in", all_evaluations.ids)], ["kind"], ["__count"]
                )
                self.assertEqual(sum(count for _kind, count in groups), len(visible))
                for hidden in all_evaluations - visible:
                    with self.assertRaises(AccessError):
                        hidden.with_user(user).read(["score"])
                lines = (
                    self.env["hr.mentoring.evaluation.line"]
                    .with_user(user)
                    .search([("evaluation_id", "in", all_evaluations.ids)])
                )
                self.assertEqual(lines.evaluation_id, visible)

    def test_feedback_on_the_mentor_reaches_them_only_when_shared(self):
        feedback = self._evaluation(self.user_mentee_x, "mentee_on_mentor", ratings={self.feedback_quality: 2})
        Evaluation = self.env["hr.mentoring.evaluation"].with_user(self.user_mentor)
        self.assertFalse(Evaluation.search([("id", "=", feedback.id)]))
        # the mentee cannot share it, nor can the mentor
        with self.assertRaisesRegex(UserError, "Only a coordinator may share"):
            feedback.with_user(self.user_mentee_x).action_share()
        # the mentor's feedback score stays hidden from the mentor's own averages
        [(average,)] = (
            self.env["hr.mentoring.evaluation"]
            .with_user(self.user_mentor)
            ._read_group([("kind", "=", "mentee_on_mentor")], [], ["score:avg"])
        )
        self.assertFalse(average)
        feedback.with_user(self.user_coordinator).action_share()
        self.env.invalidate_all()
        self.assertEqual(Evaluation.search([("id", "=", feedback.id)]), feedback.with_user(self.user_mentor))
        feedback.with_user(self.user_mentor).action_acknowledge()
        self.assertEqual(feedback.state, "acknowledged")

    def test_averages_never_reveal_unreadable_scores(self):
        self._evaluation(self.user_mentor, "mentor_on_mentee", ratings={self.client_work: 1, self.technology: 1})
        shared = self._evaluation(
            self.user_mentor, "mentor_on_mentee", ratings={self.client_work: 5, self.technology: 5}
        )
        shared.with_user(self.user_mentor).action_share()
        self.env.invalidate_all()
        self.assertEqual(self.program.with_user(self.user_coordinator).average_mentee_score, 50.0)
        self.env.invalidate_all()
        self.assertEqual(self.program.with_user(self.user_mentee_x).average_mentee_score, 100.0)
        self.env.invalidate_all()
        self.assertEqual(self.pairing_x.with_user(self.user_mentee_x).evaluation_count, 1)
        self.assertEqual(self.pairing_x.with_user(self.user_coordinator).evaluation_count, 2)

    def test_a_rating_uses_its_criterion_s_scale(self):
        evaluation = self._evaluation(self.user_mentor, "mentor_on_mentee", submit=False)
        agreement = self.env.ref("hr_mentoring.scale_agreement").level_ids[:1]
        with self.assertRaisesRegex(ValidationError, "is rated on the scale Behavioural Scale"):
            evaluation.line_ids[0].with_user(self.user_mentor).level_id = agreement
        # every criterion of the programme is listed, each on its scale
        self.assertEqual(evaluation.line_ids.criterion_id, self.client_work | self.technology)
        self.assertEqual(evaluation.line_ids.scale_id, self.scale)
