from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MentoringCase

PLAN = "hr_mentoring.report_mentoring_plan"
PROGRESS = "hr_mentoring.report_pairing_progress"
MODULE_ACTIVITY_MODELS = (
    "hr.mentoring.event",
    "hr.mentoring.pairing",
    "hr.mentoring.evaluation",
    "hr.mentoring.program",
)


@tagged("post_install", "-at_install")
class TestNoUser(MentoringCase):
    """Employees without a user account take part: whoever acts for them
    records their answers, gets their activities, and the record says so."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("hr_mentoring.plan_template_adaptation")
        cls.nils = cls._employee(
            "Nils", department_id=cls.dept_x_sub.id, work_email="nils@example.com", company_id=cls.company.id
        )
        cls.noor = cls._employee("Noor", department_id=cls.dept_x_sub.id, company_id=cls.company.id)
        cls.noor.work_contact_id.email = False
        cls.pairing = cls._planned_pairing(cls.nils)
        cls.survey = cls.env.ref("hr_mentoring.survey_pilot_feedback")
        cls.program.survey_id = cls.survey

    def _event(self, pairing, kind=None, event_type="evaluation"):
        events = pairing.event_ids.filtered(lambda e: e.event_type == event_type)
        if kind:
            events = events.filtered(lambda e: e.evaluation_kind == kind)
        return events.sorted("date_due")[:1]

    def _rate(self, evaluation, user):
        form = Form(evaluation.with_user(user))
        for index in range(len(evaluation.line_ids)):
            with form.line_ids.edit(index) as line:
                line.level_id = line.criterion_id.scale_id.level_ids[-1]
        form.save()
        evaluation.with_user(user).action_submit()

    def assertEveryActivityAssigned(self):
        activities = self.env["mail.activity"].search([("res_model", "in", MODULE_ACTIVITY_MODELS)])
        self.assertTrue(activities)
        self.assertFalse(activities.filtered(lambda a: not a.user_id), "no activity is assigned to nobody")

    # ------------------------------------------------------------------
    # activities
    # ------------------------------------------------------------------

    def test_activities_go_to_whoever_acts(self):
        activity_type = "hr_mentoring.mail_activity_type_mentoring"
        fit = self._event(self.pairing, "fit_check")
        self_eval = self._event(self.pairing, "self")
        feedback = self._event(self.pairing, "mentee_on_mentor")
        self.assertEqual(self._activities(self_eval, activity_type).user_id, self.user_mentor)
        # the fit check and the feedback on the mentor are not the mentor's to read
        self.assertEqual(self._activities(fit, activity_type).user_id, self.user_head_x)
        self.assertEqual(self._activities(feedback, activity_type).user_id, self.user_head_x)
        planned = self.pairing.event_ids.filtered(lambda e: e.state == "planned")
        self.assertEqual(len(self._activities(planned, activity_type)), len(planned))
        self.assertEveryActivityAssigned()

    def test_mentor_without_user_activities_go_to_the_coordinator(self):
        mentor = self._employee("Mika", mentor_state="approved", mentor_coordinator_signs=True)
        pairing = self._planned_pairing(self.mentee_y, mentor=mentor)
        first = self._event(pairing, event_type="milestone")
        self.assertEqual(
            self._activities(first, "hr_mentoring.mail_activity_type_mentoring").user_id, self.user_coordinator
        )
        # the coordinator signs for the mentor, and the record says so
        first.with_user(self.user_coordinator).action_mark_done()
        self.assertEqual(first.state, "done")
        self.assertTrue(first.signed_on_behalf)
        self.assertEqual(first.signed_by_id, self.user_coordinator)
        self.assertIn("on behalf of Mika", first.message_ids[0].body)
        self.assertEveryActivityAssigned()

    # ------------------------------------------------------------------
    # evaluations
    # ------------------------------------------------------------------

    def test_open_evaluation_records_on_behalf(self):
        fit = self._event(self.pairing, "fit_check")
        action = fit.with_user(self.user_coordinator).action_open_evaluation()
        evaluation = self.env["hr.mentoring.evaluation"].browse(action["res_id"])
        self.assertEqual(evaluation.evaluator_id, self.user_coordinator)
        self.assertTrue(evaluation.on_behalf)
        self.assertEqual(evaluation.recorded_by_id, self.user_coordinator)
        self.assertIn("on behalf of Nils", evaluation.message_ids[0].body)

        self_eval = self._event(self.pairing, "self")
        action = self_eval.with_user(self.user_mentor).action_open_evaluation()
        evaluation = self.env["hr.mentoring.evaluation"].browse(action["res_id"])
        self.assertEqual(evaluation.recorded_by_id, self.user_mentor)
        self._rate(evaluation, self.user_mentor)
        self.assertEqual(evaluation.state, "submitted")
        self.assertEqual(self_eval.state, "done")

    def test_answers_kept_from_the_mentor_recorded_by_the_head(self):
        for kind in ("mentee_on_mentor", "fit_check"):
            event = self._event(self.pairing, kind)
            with self.assertRaisesRegex(ValidationError, "the mentor does not read it"):
                event.with_user(self.user_mentor).action_open_evaluation()
            self.assertFalse(event.evaluation_ids)
            action = event.with_user(self.user_head_x).action_open_evaluation()
            evaluation = self.env["hr.mentoring.evaluation"].browse(action["res_id"])
            self.assertEqual(evaluation.recorded_by_id, self.user_head_x)
            self.assertTrue(evaluation.on_behalf)
            self.env.invalidate_all()
            self.assertFalse(
                self.env["hr.mentoring.evaluation"].with_user(self.user_mentor).search([("id", "=", evaluation.id)])
            )

    def test_on_behalf_refused_to_others_and_for_a_mentee_with_a_user(self):
        fit = self._event(self.pairing, "fit_check")
        with self.assertRaises(AccessError):
            fit.with_user(self.user_outsider).action_open_evaluation()
        self.assertFalse(fit.evaluation_ids)
        # a mentee with a user answers themselves: nobody records for them
        pairing_x = self._planned_pairing(self.mentee_x)
        fit_x = self._event(pairing_x, "fit_check")
        Evaluation = self.env["hr.mentoring.evaluation"]
        for user in (self.user_coordinator, self.user_mentor):
            with self.assertRaisesRegex(ValidationError, "the evaluator must be the pairing's Mentee"):
                Evaluation.with_user(user).create(
                    {"pairing_id": pairing_x.id, "event_id": fit_x.id, "kind": "fit_check", "evaluator_id": user.id}
                )
        self.assertFalse(fit_x.evaluation_ids)
        # the coordinator's "Open Evaluation" opens the mentee's own
        action = fit_x.with_user(self.user_coordinator).action_open_evaluation()
        evaluation_x = Evaluation.browse(action["res_id"])
        self.assertEqual(evaluation_x.evaluator_id, self.user_mentee_x)
        self.assertFalse(evaluation_x.on_behalf)
        self.assertFalse(evaluation_x.recorded_by_id)
        # the recorded-by fields are the server's
        self_eval = self._event(self.pairing, "self")
        evaluation = self_eval.with_user(self.user_mentor).action_open_evaluation()
        evaluation = self.env["hr.mentoring.evaluation"].browse(evaluation["res_id"])
        with self.assertRaises(AccessError):
            evaluation.with_user(self.user_mentor).write({"recorded_by_id": self.user_outsider.id})
        self.assertEqual(evaluation.recorded_by_id, self.user_mentor)

    # ------------------------------------------------------------------
    # acknowledgements
    # ------------------------------------------------------------------

    def assertAcknowledgedBy(self, event, user, on_behalf):
        """``event`` is acknowledged, by ``user``, for its mentee or not."""
        self.assertTrue(event.acknowledged)
        self.assertEqual(event.acknowledged_by_id, user)
        self.assertEqual(event.acknowledged_on_behalf, on_behalf)

    def test_event_acknowledged_on_behalf(self):
        event = self._event(self.pairing, event_type="feedback")
        event.with_user(self.user_mentor).action_mark_done()
        self.env.invalidate_all()
        self.assertTrue(event.with_user(self.user_mentor).can_acknowledge)
        self.assertFalse(event.with_user(self.user_outsider).can_acknowledge)
        with self.assertRaises(AccessError):
            event.with_user(self.user_outsider).action_acknowledge()
        self.assertFalse(event.acknowledged)
        event.with_user(self.user_mentor).action_acknowledge()
        self.assertAcknowledgedBy(event, self.user_mentor, on_behalf=True)
        self.assertIn("on behalf of Nils", event.message_ids[0].body)
        # the mentor of a mentee with a user does not acknowledge for them
        pairing_x = self._planned_pairing(self.mentee_x)
        event_x = self._event(pairing_x, event_type="feedback")
        event_x.with_user(self.user_mentor).action_mark_done()
        self.env.invalidate_all()
        self.assertFalse(event_x.with_user(self.user_mentor).can_acknowledge)
        with self.assertRaises(AccessError):
            event_x.with_user(self.user_mentor).action_acknowledge()
        self.assertFalse(event_x.acknowledged)

    def test_signed_event_asks_whoever_acts_to_acknowledge(self):
        """A signed event gives its mentee (here: their mentor, who acts for
        a mentee without a user) an activity to acknowledge it, done when it
        is acknowledged; marking the activity done acknowledges it, with the
        button's checks."""
        acknowledge_type = "hr_mentoring.mail_activity_type_acknowledge"
        first, second = self.pairing.event_ids.filtered(lambda e: e.event_type == "feedback").sorted("date_due")[:2]
        self.assertFalse(
            self._activities(first | second, acknowledge_type), "nothing to acknowledge before the sign-off"
        )
        (first | second).with_user(self.user_mentor).action_mark_done()
        activities = self._activities(first | second, acknowledge_type)
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.user_mentor, "the mentor acts for Nils, who has no user")
        self.assertEveryActivityAssigned()
        # the button: the activity is done (its chatter keeps it)
        first.with_user(self.user_mentor).action_acknowledge()
        self.assertFalse(self._activities(first, acknowledge_type))
        self.assertIn(self.env.ref(acknowledge_type), first.message_ids.mail_activity_type_id)
        # the activity: marked done, it acknowledges the event for Nils
        self._activities(second, acknowledge_type).with_user(self.user_mentor).action_feedback(feedback="Read")
        self.assertAcknowledgedBy(second, self.user_mentor, on_behalf=True)
        self.assertFalse(self._activities(second, acknowledge_type))
        # back to planned: nothing left to acknowledge
        third = self.pairing.event_ids.filtered(lambda e: e.event_type == "feedback").sorted("date_due")[2]
        third.with_user(self.user_mentor).action_mark_done()
        self.assertTrue(self._activities(third, acknowledge_type))
        third.with_user(self.user_coordinator).action_reset_planned()
        self.assertFalse(self._activities(third, acknowledge_type))

    def test_signed_event_asks_the_mentee_to_acknowledge(self):
        """A mentee with a user acknowledges themselves; someone else may not
        mark their activity done in their place."""
        acknowledge_type = "hr_mentoring.mail_activity_type_acknowledge"
        pairing_x = self._planned_pairing(self.mentee_x)
        event = self._event(pairing_x, event_type="feedback")
        event.with_user(self.user_mentor).action_mark_done()
        activity = self._activities(event, acknowledge_type)
        self.assertEqual(activity.user_id, self.user_mentee_x)
        with self.assertRaises(AccessError):
            activity.with_user(self.user_mentor).action_feedback()
        self.assertFalse(event.acknowledged)
        activity.with_user(self.user_mentee_x).action_feedback()
        self.assertAcknowledgedBy(event, self.user_mentee_x, on_behalf=False)

    def test_ended_pairing_asks_nobody_to_acknowledge(self):
        acknowledge_type = "hr_mentoring.mail_activity_type_acknowledge"
        pairing_x = self._planned_pairing(self.mentee_x)
        event = self._event(pairing_x, event_type="feedback")
        event.with_user(self.user_mentor).action_mark_done()
        self.assertTrue(self._activities(event, acknowledge_type))
        pairing_x.with_user(self.user_coordinator).action_cancel()
        self.assertFalse(self._activities(event, acknowledge_type), "nobody acts on a pairing that is over")
        self.assertEqual(event.state, "done", "the signed event stays on record")

    def _ack(self, employee, role="mentee"):
        return self.env["hr.mentoring.program.acknowledgement"].create(
            {"program_id": self.program.id, "employee_id": employee.id, "role": role}
        )

    def test_regulations_acknowledged_on_behalf(self):
        ack = self._ack(self.nils)
        self.env.invalidate_all()
        self.assertTrue(ack.with_user(self.user_mentor).can_acknowledge_on_behalf)
        with self.assertRaises(AccessError):
            ack.with_user(self.user_outsider).action_acknowledge_on_behalf()
        with self.assertRaises(AccessError):
            ack.with_user(self.user_mentor).write({"on_behalf": True})
        self.assertEqual(ack.state, "pending")
        ack.with_user(self.user_mentor).action_acknowledge_on_behalf()
        self.assertEqual(ack.state, "acknowledged")
        self.assertTrue(ack.on_behalf)
        self.assertEqual(ack.recorded_by_id, self.user_mentor)
        # a participant with a user acknowledges themselves, even before a coordinator
        ack_x = self._ack(self.mentee_x)
        with self.assertRaisesRegex(UserError, "acknowledges the regulations themselves"):
            ack_x.with_user(self.user_coordinator).action_acknowledge_on_behalf()
        self.assertEqual(ack_x.state, "pending")
        # a mentor without a user: the coordinator records it
        mentor = self._employee("Mika", mentor_state="approved", mentor_coordinator_signs=True)
        ack_mika = self._ack(mentor, role="mentor")
        with self.assertRaises(AccessError):
            ack_mika.with_user(self.user_head_x).action_acknowledge_on_behalf()
        ack_mika.with_user(self.user_coordinator).action_acknowledge_on_behalf()
        self.assertEqual(ack_mika.recorded_by_id, self.user_coordinator)

    def test_a_mentor_reads_the_acknowledgements_of_the_programmes_they_mentor_in(self):
        """Maria mentors Nils (no user) in New Client Managers: she reads and
        records his acknowledgement there. His acknowledgement of Leadership,
        where she is not his mentor (or only in a draft or cancelled
        pairing), stays hidden from her (search, read, read_group), as its
        button refused her already; once she mentors him there too (a
        pairing that is done counts: she recorded for him), she reads and
        records it. Marc, who mentors neither, reads neither."""
        Ack = self.env["hr.mentoring.program.acknowledgement"]
        ack = self._ack(self.nils)
        other = Ack.create({"program_id": self.program_2.id, "employee_id": self.nils.id, "role": "mentee"})
        maria = Ack.with_user(self.user_mentor)
        of_nils = [("employee_id", "=", self.nils.id)]

        def assertMariaReads(readable):
            self.env.invalidate_all()
            self.assertEqual(maria.search(of_nils), readable.with_user(self.user_mentor))
            groups = maria._read_group(of_nils, ["program_id"], ["__count"])
            self.assertEqual(
                {program.id: count for program, count in groups}, dict.fromkeys(readable.program_id.ids, 1)
            )
            # the field itself, under no record rule: Maria's mentees of each programme, or the others
            unruled = maria.sudo()
            for domain, expected in (
                ([("is_my_mentee", "=", True)], readable),
                ([("is_my_mentee", "in", [True])], readable),
                ([("is_my_mentee", "=", False)], (ack | other) - readable),
                ([("is_my_mentee", "!=", True)], (ack | other) - readable),
                ([("is_my_mentee", "not in", [True])], (ack | other) - readable),
            ):
                with self.subTest(domain=domain):
                    self.assertEqual(unruled.search([*of_nils, *domain]), expected.with_env(unruled.env))
            self.assertEqual(
                (ack | other).with_user(self.user_mentor).sudo().mapped("is_my_mentee"),
                [ack in readable, other in readable],
            )

        assertMariaReads(ack)
        with self.assertRaises(AccessError):
            other.with_user(self.user_mentor).read(["state", "date_acknowledged"])
        with self.assertRaises(AccessError):
            other.with_user(self.user_mentor).action_acknowledge_on_behalf()
        self.assertEqual(other.state, "pending")
        # a draft pairing in Leadership, then cancelled: she does not act for Nils there
        leadership = self._pairing(self.nils, program=self.program_2, state="draft")
        assertMariaReads(ack)
        leadership.with_user(self.user_coordinator).action_cancel()
        assertMariaReads(ack)
        with self.assertRaises(AccessError):
            other.with_user(self.user_mentor).read(["state"])
        # Maria mentors Nils in Leadership too
        self._pairing(self.nils, program=self.program_2, state="done")
        assertMariaReads(ack | other)
        other.with_user(self.user_mentor).action_acknowledge_on_behalf()
        self.assertEqual(other.state, "acknowledged")
        self.assertEqual(other.recorded_by_id, self.user_mentor)
        # Marc mentors neither
        self.assertFalse(Ack.with_user(self.user_mentor_y).search(of_nils))
        self.assertFalse(Ack.with_user(self.user_mentor_y).sudo().search([*of_nils, ("is_my_mentee", "=", True)]))

    def _launch_campaign_with_xavier(self):
        """The campaign of the programme, with its regulations, to Nils (no
        user, Maria's mentee) and Xavier (a user, also Maria's): their
        acknowledgements."""
        self._pairing(self.mentee_x)
        self.program.regulation_ids = self.env["ir.attachment"].create(
            {"name": "Rules.pdf", "raw": b"rules", "res_model": self.program._name, "res_id": self.program.id}
        )
        self.program.with_user(self.user_coordinator).action_launch_campaign()
        acks = self.program.acknowledgement_ids
        return acks.filtered(lambda a: a.employee_id == self.nils), acks.filtered(
            lambda a: a.employee_id == self.mentee_x
        )

    def test_regulations_activity_to_the_participant_or_who_records(self):
        """The campaign asks every participant in Odoo too: Xavier himself,
        Maria for Nils (no user); done when acknowledged, by the button or by
        marking the activity done."""
        regulations_type = "hr_mentoring.mail_activity_type_regulations"
        ack_nils, ack_x = self._launch_campaign_with_xavier()
        acks = self.program.acknowledgement_ids
        activity_nils = self._activities(ack_nils, regulations_type)
        activity_x = self._activities(ack_x, regulations_type)
        self.assertEqual(activity_nils.user_id, self.user_mentor)
        self.assertIn("Nils", activity_nils.summary)
        self.assertEqual(activity_x.user_id, self.user_mentee_x)
        self.assertEqual(len(self._activities(acks, regulations_type)), len(acks), "one for each participant")
        self.assertEveryActivityAssigned()
        # launched again (newcomers): nobody is asked twice
        self.program.with_user(self.user_coordinator).action_launch_campaign()
        self.assertEqual(len(self._activities(acks, regulations_type)), len(acks))
        # Xavier acknowledges with the button; Maria marks Nils' activity done
        ack_x.with_user(self.user_mentee_x).action_acknowledge()
        self.assertFalse(self._activities(ack_x, regulations_type))
        activity_nils.with_user(self.user_mentor).action_feedback()
        self.assertEqual(ack_nils.state, "acknowledged")
        self.assertTrue(ack_nils.on_behalf)
        self.assertEqual(ack_nils.recorded_by_id, self.user_mentor)
        self.assertFalse(self._activities(ack_nils, regulations_type))

    def test_the_regulations_activity_follows_whoever_acts(self):
        """Maria records Nils' acknowledgement while she mentors him. Their
        pairing cancelled, she may no longer read it: its activity goes to the
        coordinator, who records it now. A new pairing with Marc gives it to
        Marc, and back to the coordinator when it is deleted. Xavier, who has
        a user, keeps his own throughout."""
        regulations_type = "hr_mentoring.mail_activity_type_regulations"
        ack_nils, ack_x = self._launch_campaign_with_xavier()
        activity_x = self._activities(ack_x, regulations_type)
        self.assertEqual(self._activities(ack_nils, regulations_type).user_id, self.user_mentor)
        self.pairing.with_user(self.user_coordinator).action_cancel()
        activity = self._activities(ack_nils, regulations_type)
        self.assertEqual(activity.user_id, self.user_coordinator, "nobody else acts for Nils in the programme")
        self.assertIn("Nils", activity.summary)
        with self.assertRaises(AccessError):
            ack_nils.with_user(self.user_mentor).read(["state"])
        self.env.invalidate_all()
        self.assertTrue(ack_nils.with_user(self.user_coordinator).can_acknowledge_on_behalf)
        self._pairing(self.nils, mentor=self.mentor_y, state="proposed")
        activity = self._activities(ack_nils, regulations_type)
        self.assertEqual(activity.user_id, self.user_mentor_y)
        self.env.invalidate_all()
        self.assertTrue(ack_nils.with_user(self.user_mentor_y).can_acknowledge_on_behalf)
        self.assertEqual(self._activities(ack_x, regulations_type), activity_x, "Xavier's own is left as it was")
        self.assertEqual(activity_x.user_id, self.user_mentee_x)
        self.assertEveryActivityAssigned()
        # Marc's proposed pairing deleted: back to the coordinator
        self.env["hr.mentoring.pairing"].search(
            [("mentee_id", "=", self.nils.id), ("mentor_id", "=", self.mentor_y.id)]
        ).with_user(self.user_coordinator).unlink()
        self.assertEqual(self._activities(ack_nils, regulations_type).user_id, self.user_coordinator)
        self.assertEqual(self._activities(ack_x, regulations_type), activity_x)

    def test_only_the_regulations_activity_acknowledges(self):
        """Marking the 'to acknowledge' activity done acknowledges; another
        activity on an acknowledgement is not an acknowledgement. Cora asks
        Hanna (Nils' head) to hand Nils a printed copy: Hanna marking that
        to-do done recorded Nils' acknowledgement on his behalf, though
        nobody acknowledged anything; and Cora's own reminder on Xavier's
        could never be marked done (Xavier acknowledges himself)."""
        todo = "mail.mail_activity_data_todo"
        ack_nils, ack_x = self._ack(self.nils), self._ack(self.mentee_x)
        handout = ack_nils.with_user(self.user_coordinator).activity_schedule(
            todo, summary="Hand Nils a printed copy", user_id=self.user_head_x.id
        )
        reminder = ack_x.with_user(self.user_coordinator).activity_schedule(
            todo, summary="Remind Xavier", user_id=self.user_coordinator.id
        )
        handout.with_user(self.user_head_x).action_feedback(feedback="Handed over")
        reminder.with_user(self.user_coordinator).action_feedback(feedback="Reminded")
        self.env.invalidate_all()
        self.assertFalse((handout | reminder).exists(), "both to-dos are done")
        self.assertEqual((ack_nils | ack_x).mapped("state"), ["pending", "pending"])
        self.assertFalse(ack_nils.on_behalf)
        self.assertFalse(ack_nils.recorded_by_id)

    def test_campaign_mail_does_not_ask_to_confirm_in_odoo(self):
        template = self.env.ref("hr_mentoring.mail_template_program_campaign")
        reminder = self.env.ref("hr_mentoring.mail_template_program_campaign_reminder")
        ack, ack_x = self._ack(self.nils), self._ack(self.mentee_x)
        for tmpl in (template, reminder):
            bodies = tmpl._render_field("body_html", [ack.id, ack_x.id])
            self.assertNotIn("in Odoo", bodies[ack.id])
            self.assertIn("tell your mentor", bodies[ack.id])
            self.assertIn("in Odoo", bodies[ack_x.id])

    def test_event_reminder_goes_to_the_mentor(self):
        self_eval = self._event(self.pairing, "self")
        self_eval._mentoring_post_reminders()
        message = self_eval.message_ids[0]
        self.assertEqual(message.partner_ids, self.user_mentor.partner_id)
        self.assertIn("Nils has no user account", message.body)

    # ------------------------------------------------------------------
    # mentors without a user
    # ------------------------------------------------------------------

    def test_mentor_without_user_approved_only_if_coordinator_signs(self):
        candidate = self._employee("Mika", mentor_state="candidate")
        with self.assertRaisesRegex(ValidationError, "Mika has no user account"):
            candidate.with_user(self.user_coordinator).action_mentor_approve()
        with self.assertRaisesRegex(ValidationError, "Mika has no user account"):
            candidate.with_user(self.user_coordinator).write({"mentor_state": "approved"})
        self.assertEqual(candidate.mentor_state, "candidate")
        with self.assertRaises(AccessError):
            candidate.with_user(self.user_hr_officer).write({"mentor_coordinator_signs": True})
        candidate.with_user(self.user_coordinator).mentor_coordinator_signs = True
        candidate.with_user(self.user_coordinator).action_mentor_approve()
        self.assertEqual(candidate.mentor_state, "approved")
        # a mentor with a user needs no such signature
        user = self.env["res.users"].create({"name": "Mona", "login": "mona_nouser"})
        with_user = self._employee("Mona", user_id=user.id, mentor_state="candidate")
        with_user.with_user(self.user_coordinator).action_mentor_approve()
        self.assertEqual(with_user.mentor_state, "approved")

    # ------------------------------------------------------------------
    # warnings
    # ------------------------------------------------------------------

    def test_screens_say_the_person_has_no_user(self):
        wizard = self.env["hr.mentoring.mentor.selection.wizard"].create(
            {"mentee_id": self.noor.id, "program_id": self.program_2.id}
        )
        self.assertTrue(wizard.mentee_has_no_user)
        wizard.mentee_id = self.mentee_y
        self.assertFalse(wizard.mentee_has_no_user)
        plan = self.env["hr.mentoring.plan.wizard"].create({"pairing_id": self.pairing.id})
        self.assertTrue(plan.mentee_has_no_user)
        self.assertFalse(plan.mentor_has_no_user)
        self.assertFalse(self.pairing.mentee_user_id)
        self.assertTrue(self._event(self.pairing, "fit_check").mentee_has_no_user)
        for view in (
            "hr_mentoring.hr_mentoring_mentor_selection_wizard_view_form",
            "hr_mentoring.hr_mentoring_plan_wizard_view_form",
            "hr_mentoring.hr_mentoring_pairing_view_form",
            "hr_mentoring.hr_employee_view_form",
        ):
            self.assertIn("has no user account", self.env.ref(view).arch_db)

    # ------------------------------------------------------------------
    # the survey
    # ------------------------------------------------------------------

    def test_survey_by_mail_or_recorded_by_the_mentor(self):
        pairing_noor = self._planned_pairing(self.noor, mentor=self.mentor_y)
        self.env.invalidate_all()
        self.program.with_user(self.user_coordinator).action_send_feedback_survey()
        answers = self.env["survey.user_input"].search([("mentoring_program_id", "=", self.program.id)])
        nils = answers.filtered(lambda a: a.mentoring_employee_id == self.nils)
        noor = answers.filtered(lambda a: a.mentoring_employee_id == self.noor)
        self.assertEqual(nils.email, "nils@example.com")
        self.assertFalse(nils.mentoring_invite_pending)
        mail = self.env["mail.mail"].search([("model", "=", "survey.user_input"), ("res_id", "=", nils.id)])
        self.assertEqual(mail.recipient_ids, self.nils.work_contact_id)
        self.assertFalse(noor.email)
        self.assertFalse(noor.mentoring_invite_pending)
        todo = self._activities(pairing_noor, "mail.mail_activity_data_todo")
        self.assertEqual(todo.user_id, self.user_mentor_y)
        self.assertIn(noor.get_start_url(), todo.note)
        self.assertEveryActivityAssigned()

    def test_survey_recorded_for_others_in_one_batch(self):
        """Participants without an e-mail who are not mentees (here, mentors):
        the coordinator gets each to-do on the programme, in her language,
        and six cost the queries of two (one batch, not a schedule each)."""
        self.user_coordinator.lang = "de_DE"
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(["hr_mentoring"], ["de_DE"], overwrite=True)
        people = self.env["hr.employee"]
        for index in range(8):
            person = self._employee(f"Offline {index}", department_id=self.dept_x_sub.id, company_id=self.company.id)
            person.work_contact_id.email = False
            people |= person

        def answers(employees):
            return self.env["survey.user_input"].create(
                [
                    {
                        "survey_id": self.survey.id,
                        "mentoring_program_id": self.program.id,
                        "mentoring_employee_id": employee.id,
                        "mentoring_role": "mentor",
                        "partner_id": employee.work_contact_id.id,
                    }
                    for employee in employees
                ]
            )

        counts = []
        # the first to-do warms the caches (the programme, its coordinator, the activity type)
        for employees in (people[:1], people[1:3], people[3:]):
            batch = answers(employees)
            with self.countQueries() as queries:
                batch._mentoring_ask_to_record()
            counts.append(queries.count)
        self.assertEqual(counts[1], counts[2], "the to-dos of 2 and of 5 participants cost the same queries")
        todos = self._activities(self.program, "mail.mail_activity_data_todo")
        self.assertEqual(len(todos), 8)
        self.assertEqual(todos.user_id, self.user_coordinator)
        self.assertIn("Offline 3", " ".join(todos.mapped("summary")))
        self.assertNotIn("Record the feedback survey", " ".join(todos.mapped("summary")))

    # ------------------------------------------------------------------
    # the whole plan
    # ------------------------------------------------------------------

    def test_whole_plan(self):
        """Every event of Nils's plan closed by those who act for him, both
        PDFs printed, and no activity for nobody at any step."""
        pairing = self.pairing
        users = {"mentor": self.user_mentor, "head": self.user_head_x, "coordinator": self.user_coordinator}
        ack = self._ack(self.nils)
        ack.with_user(self.user_head_x).action_acknowledge_on_behalf()
        self.assertTrue(ack.on_behalf)
        for event in pairing.event_ids.sorted("date_due"):
            self.assertEveryActivityAssigned()
            responsible = event._mentoring_responsible_users()[event.id]
            self.assertIn(responsible, tuple(users.values()))
            if event.event_type == "evaluation":
                action = event.with_user(responsible).action_open_evaluation()
                evaluation = self.env["hr.mentoring.evaluation"].browse(action["res_id"])
                self._rate(evaluation, responsible)
                self.assertEqual(evaluation.on_behalf, evaluation.evaluator_role == "mentee")
            else:
                event.with_user(responsible).action_mark_done()
                event.with_user(self.user_mentor).action_acknowledge()
                self.assertTrue(event.acknowledged_on_behalf)
            self.assertEqual(event.state, "done", event.name)
        self.assertFalse(self._activities(pairing.event_ids, "hr_mentoring.mail_activity_type_mentoring"))
        # the two PDFs: their HTML, as tests render them (test_reports makes the PDF files)
        self.env.invalidate_all()
        Report = self.env["ir.actions.report"].with_user(self.user_coordinator)
        for report in (PLAN, PROGRESS):
            content, report_type = Report._render_qweb_pdf(report, pairing.ids)
            self.assertEqual(report_type, "html")
            self.assertIn("Nils", content.decode())
