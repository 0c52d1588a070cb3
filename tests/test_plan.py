from datetime import date, datetime, time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import MONDAY, MentoringCase, repeating, today_of

# queries to create a whole plan (events, working days, activities), any length
PLAN_QUERIES = 48


@tagged("post_install", "-at_install")
class TestPlanWizard(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Template = cls.env["hr.mentoring.plan.template"]
        cls.template = Template.create(
            {
                "name": "Short plan",
                "line_ids": [
                    Command.create({"name": "Welcome", "event_type": "milestone", "day_offset": 1}),
                    Command.create({"name": "Feedback day 3", "event_type": "feedback", "day_offset": 3}),
                    Command.create(
                        {
                            "name": "Self check",
                            "event_type": "milestone",
                            "day_offset": 4,
                            "responsible_role": "mentee",
                        },
                    ),
                    Command.create(
                        {"name": "Head review", "event_type": "milestone", "day_offset": 5, "responsible_role": "head"},
                    ),
                ],
            }
        )
        cls.weekly = Template.create(
            {
                "name": "Weekly",
                "line_ids": [
                    Command.create(
                        {
                            "name": "Planned discussion",
                            "event_type": "planned_discussion",
                            "day_offset": 2,
                            "repeat_count": 3,
                            "repeat_interval": 1,
                            "repeat_unit": "weeks",
                        },
                    )
                ],
            }
        )

    def _plan(self, pairing, template=None, date_start=None, **vals):
        wizard = self.env["hr.mentoring.plan.wizard"].create(
            {
                "pairing_id": pairing.id,
                "template_id": (template or self.template).id,
                **({"date_start": date_start} if date_start else {}),
                **vals,
            }
        )
        wizard.action_create_plan()
        return pairing.event_ids.sorted(lambda e: (e.date_due, e.id))

    def _public_holiday(self, day):
        """A holiday of the company's calendar on ``day``, the whole day."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.calendar.id,
                "date_from": datetime.combine(day, time(0, 0)),
                "date_to": datetime.combine(day, time(23, 59)),
            }
        )

    def _dates(self, events):
        return {e.name: e.date_due for e in events}

    # ------------------------------------------------------------------
    # working days
    # ------------------------------------------------------------------

    def test_day_offsets_on_working_days(self):
        pairing = self._pairing(self.mentee_x, date_start=MONDAY)
        dates = self._dates(self._plan(pairing))
        self.assertEqual(dates["Welcome"], date(2026, 3, 2))
        self.assertEqual(dates["Feedback day 3"], date(2026, 3, 4))
        self.assertEqual(dates["Self check"], date(2026, 3, 5))
        self.assertEqual(dates["Head review"], date(2026, 3, 6))

    def test_weekend_is_skipped(self):
        # day 3 from a Thursday is the Monday after the weekend
        pairing = self._pairing(self.mentee_x, date_start=date(2026, 3, 5))
        dates = self._dates(self._plan(pairing))
        self.assertEqual(dates["Welcome"], date(2026, 3, 5))
        self.assertEqual(dates["Feedback day 3"], date(2026, 3, 9))

    def test_start_on_a_non_working_day(self):
        # a Saturday start: day 1 is the Monday
        pairing = self._pairing(self.mentee_x, date_start=date(2026, 3, 7))
        dates = self._dates(self._plan(pairing))
        self.assertEqual(dates["Welcome"], date(2026, 3, 9))
        self.assertEqual(dates["Feedback day 3"], date(2026, 3, 11))

    def test_public_holiday_is_skipped(self):
        self._public_holiday(date(2026, 3, 3))
        pairing = self._pairing(self.mentee_x, date_start=MONDAY)
        dates = self._dates(self._plan(pairing))
        self.assertEqual(dates["Feedback day 3"], date(2026, 3, 5))

    def test_mentee_time_off_is_skipped(self):
        # validated time off becomes a resource leave of the employee
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Xavier's time off",
                "calendar_id": self.calendar.id,
                "resource_id": self.mentee_x.resource_id.id,
                "date_from": datetime(2026, 3, 3, 0, 0),
                "date_to": datetime(2026, 3, 4, 23, 59),
            }
        )
        pairing = self._pairing(self.mentee_x, date_start=MONDAY)
        dates = self._dates(self._plan(pairing))
        self.assertEqual(dates["Feedback day 3"], date(2026, 3, 6))
        # another mentee's plan is not affected by Xavier's leave
        other = self._pairing(self.mentee_y, mentor=self.mentor_y, date_start=MONDAY)
        self.assertEqual(self._dates(self._plan(other))["Feedback day 3"], date(2026, 3, 4))

    def test_four_day_week_and_two_calendars(self):
        four_days = self._calendar("Mon-Thu", range(4), 18)
        self.mentee_y.resource_calendar_id = four_days
        pairing_y = self._pairing(self.mentee_y, mentor=self.mentor_y, date_start=date(2026, 3, 5))
        pairing_x = self._pairing(self.mentee_x, date_start=date(2026, 3, 5))
        dates_y = self._dates(self._plan(pairing_y))
        dates_x = self._dates(self._plan(pairing_x))
        # Thursday is day 1 for both; Friday works only for Xavier
        self.assertEqual(dates_y["Welcome"], date(2026, 3, 5))
        self.assertEqual(dates_y["Feedback day 3"], date(2026, 3, 10))
        self.assertEqual(dates_x["Feedback day 3"], date(2026, 3, 9))

    def test_weekly_repetition_keeps_the_weekday(self):
        self._public_holiday(date(2026, 3, 17))
        pairing = self._pairing(self.mentee_x, date_start=MONDAY)
        events = self._plan(pairing, template=self.weekly)
        self.assertEqual(
            events.mapped("date_due"),
            [date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 18), date(2026, 3, 24)],
            "weekly on Tuesdays; the holiday moves one occurrence to the next working day",
        )
        self.assertEqual(events[0].name, "Planned discussion (1/4)")

    def test_shipped_templates(self):
        adaptation = self.env.ref("hr_mentoring.plan_template_adaptation")
        feedback = adaptation.line_ids.filtered(lambda line: line.day_offset == 3)
        self.assertEqual(feedback.event_type, "feedback")
        weekly = adaptation.line_ids.filtered(lambda line: line.repeat_count)
        self.assertTrue(any(line.event_type == "planned_discussion" for line in weekly))
        self.assertTrue(adaptation.line_ids.filtered(lambda line: line.evaluation_kind == "mentor_on_mentee"))
        skill = self.env.ref("hr_mentoring.plan_template_skill_coaching")
        self.assertEqual(len(skill.line_ids), 8, "the eight events of instruction")
        pairing = self._pairing(self.mentee_x, date_start=MONDAY)
        events = self._plan(pairing, template=adaptation)
        self.assertEqual(len(events), adaptation.event_count)
        self.assertEqual(
            events.filtered(lambda e: e.name == "Feedback on the 3rd working day").date_due, date(2026, 3, 4)
        )

    # ------------------------------------------------------------------
    # refusals
    # ------------------------------------------------------------------

    def test_refusals(self):
        draft = self._pairing(self.mentee_x, state="draft")
        with self.assertRaisesRegex(UserError, "plans are made for proposed or active pairings"):
            self._plan(draft)
        pairing = self._pairing(self.mentee_y, mentor=self.mentor_y, date_start=MONDAY)
        empty = self.env["hr.mentoring.plan.template"].create({"name": "Empty"})
        with self.assertRaisesRegex(UserError, "has no events yet"):
            self._plan(pairing, template=empty)
        with self.assertRaisesRegex(UserError, "before the pairing starts"):
            self._plan(pairing, date_start=date(2026, 3, 1))
        self.assertFalse(pairing.event_ids)

    @freeze_time("2026-03-04")
    def test_existing_plan_is_replaced_only_in_its_future(self):
        pairing = self._pairing(self.mentee_x, date_start=MONDAY)
        events = self._plan(pairing)
        with self.assertRaisesRegex(UserError, "already has a plan of 4 events"):
            self._plan(pairing)
        welcome, feedback, self_check, review = events
        welcome.action_mark_done()  # Monday, signed
        feedback.write({"state": "missed"})  # due today, missed
        self._plan(pairing, replace_future=True)
        self.assertEqual(welcome.state, "done", "done events stay")
        self.assertEqual(feedback.state, "missed", "missed events stay")
        self.assertFalse((self_check | review).exists(), "planned future events are replaced")
        self.assertEqual(len(pairing.event_ids), 2 + 4)

    def test_only_coordinator_or_head_plans(self):
        pairing = self._pairing(self.mentee_x, date_start=MONDAY)
        with self.assertRaises(AccessError):
            # refused as soon as the mentor makes the wizard, not only when it runs
            self.env["hr.mentoring.plan.wizard"].with_user(self.user_mentor).create(
                {"pairing_id": pairing.id, "template_id": self.template.id}
            ).action_create_plan()
        wizard = (
            self.env["hr.mentoring.plan.wizard"]
            .with_user(self.user_head_x)
            .create({"pairing_id": pairing.id, "template_id": self.template.id})
        )
        wizard.action_create_plan()
        self.assertEqual(len(pairing.event_ids), 4)

    def test_wizard_defaults_from_programme(self):
        pairing = self._pairing(self.mentee_x, date_start=MONDAY)
        action = pairing.action_open_plan_wizard()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(wizard.template_id, self.program.plan_template_id)
        self.assertEqual(wizard.date_start, MONDAY)

    # ------------------------------------------------------------------
    # query count: the same for 10 and 100 events
    # ------------------------------------------------------------------

    def _repeated_template(self, count):
        return self._plan_template(f"{count} events", ("Daily check", "feedback", 1, repeating(count - 1)))

    def test_query_count_does_not_grow_with_the_plan(self):
        small, large = self._repeated_template(10), self._repeated_template(100)
        department = {"department_id": self.dept_y.id}
        pairings = [
            self._pairing(self._employee(f"Newcomer {i}", **department), mentor=self.mentor_y, date_start=MONDAY)
            for i in range(4)
        ]
        wizards = [
            self.env["hr.mentoring.plan.wizard"]
            .with_user(self.user_coordinator)
            .create({"pairing_id": pairing.id, "template_id": template.id})
            for pairing, template in zip(pairings, (small, large, small, large), strict=True)
        ]
        counts = []
        for wizard in wizards:
            self.env.invalidate_all()
            with self.countQueries() as queries:
                wizard.action_create_plan()
            counts.append(queries.count)
        # the first plan also fills the caches (access rules of the user)
        self.assertEqual(counts[1:], [counts[1]] * 3, f"plans of 100 and 10 events cost the same queries: {counts}")
        self.assertQueriesWithin(counts[1], PLAN_QUERIES)
        pairing_small, pairing_large = pairings[2], pairings[3]
        self.assertEqual(len(pairing_small.event_ids), 10)
        self.assertEqual(len(pairing_large.event_ids), 100)
        self.assertEqual(len(pairing_large.event_ids.activity_ids), 100)


@tagged("post_install", "-at_install")
class TestEventsAndActivities(MentoringCase):
    PLAN_TEMPLATE = (
        "Short plan",
        ("Feedback day 3", "feedback", 3),
        ("Self check", "milestone", 4, {"responsible_role": "mentee"}),
        ("Head review", "milestone", 5, {"responsible_role": "head"}),
        ("Programme check", "milestone", 5, {"responsible_role": "coordinator"}),
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing = cls._planned_pairing(cls.mentee_x, date_start=MONDAY)
        cls.events = cls.pairing.event_ids
        cls.feedback = cls.events.filtered(lambda e: e.name == "Feedback day 3")
        cls.mentoring_type = cls.env.ref("hr_mentoring.mail_activity_type_mentoring")

    def _activities(self, events, activity_type=None):
        return super()._activities(events, activity_type or self.mentoring_type)

    def test_each_responsible_gets_one_activity_on_the_due_date(self):
        expected = {
            "Feedback day 3": self.user_mentor,
            "Self check": self.user_mentee_x,
            "Head review": self.user_head_x,
            "Programme check": self.user_coordinator,
        }
        for event in self.events:
            activity = self._activities(event)
            self.assertEqual(len(activity), 1, event.name)
            self.assertEqual(activity.user_id, expected[event.name], event.name)
            self.assertEqual(activity.date_deadline, event.date_due, event.name)
        # syncing again creates nothing new
        self.events._mentoring_sync_activities()
        self.assertEqual(len(self._activities(self.events)), 4)

    def test_marking_the_activity_done_signs_the_event(self):
        activity = self._activities(self.feedback)
        activity.with_user(self.user_mentor).action_feedback(feedback="Good first client call.")
        self.assertEqual(self.feedback.state, "done")
        self.assertEqual(self.feedback.signed_by_id, self.user_mentor)
        self.assertTrue(self.feedback.signed_on)
        self.assertEqual(self.feedback.date_done, today_of(self.user_mentor))
        self.assertEqual(self.feedback.mentor_comment, "Good first client call.")
        self.assertFalse(self._activities(self.feedback))

    def test_signing_the_event_closes_the_activity(self):
        self.feedback.with_user(self.user_mentor).write({"mentor_comment": "Done in the morning."})
        self.feedback.with_user(self.user_mentor).action_mark_done()
        self.assertEqual(self.feedback.state, "done")
        self.assertEqual(self.feedback.signed_by_id, self.user_mentor)
        self.assertFalse(self._activities(self.feedback))
        # reopening (coordinator) brings the activity back, once
        self.feedback.action_reset_planned()
        self.assertEqual(len(self._activities(self.feedback)), 1)

    def test_rescheduling_and_cancelling_keep_activities_in_step(self):
        self.feedback.date_due = date(2026, 3, 20)
        self.assertEqual(self._activities(self.feedback).date_deadline, date(2026, 3, 20))
        self.feedback.with_user(self.user_head_x).action_cancel()
        self.assertFalse(self._activities(self.feedback))

    def test_mentee_sees_the_plan_and_acknowledges(self):
        events = (
            self.env["hr.mentoring.event"].with_user(self.user_mentee_x).search([("pairing_id", "=", self.pairing.id)])
        )
        self.assertEqual(events, self.events)
        # mentees read the activities of their plan too (the text is not confidential)
        self.assertTrue(self._activities(self.feedback).with_user(self.user_mentee_x).read(["summary"]))
        with self.assertRaises(UserError):
            self.feedback.with_user(self.user_mentee_x).action_acknowledge()
        with self.assertRaises(AccessError):
            self.feedback.with_user(self.user_mentee_x).write({"mentor_comment": "I wrote this"})
        self.feedback.with_user(self.user_mentor).action_mark_done()
        self.feedback.with_user(self.user_mentee_x).write({"mentee_comment": "Thanks!"})
        self.feedback.with_user(self.user_mentee_x).action_acknowledge()
        self.assertTrue(self.feedback.acknowledged)
        self.assertTrue(self.feedback.acknowledged_on)

    def test_an_acknowledgement_goes_only_with_the_sign_off(self):
        """Nobody un-ticks an acknowledgement, which would leave who and when
        behind; putting the event back to planned clears it with the sign-off."""
        self.feedback.with_user(self.user_mentor).action_mark_done()
        self.feedback.with_user(self.user_mentee_x).action_acknowledge()
        for user in (self.user_mentee_x, self.user_coordinator):
            with self.assertRaisesRegex(UserError, "An acknowledgement is not withdrawn"):
                self.feedback.with_user(user).write({"acknowledged": False})
        self.assertTrue(self.feedback.acknowledged)
        self.assertEqual(self.feedback.acknowledged_by_id, self.user_mentee_x)
        self.feedback.with_user(self.user_coordinator).action_reset_planned()
        self.assertFalse(self.feedback.acknowledged)
        self.assertFalse(self.feedback.acknowledged_on)
        self.assertFalse(self.feedback.acknowledged_by_id)
        self.assertFalse(self.feedback.acknowledged_on_behalf)
        # signed again, the mentee acknowledges the new sign-off, and is asked to
        self.feedback.with_user(self.user_mentor).action_mark_done()
        self.assertTrue(self.feedback.with_user(self.user_mentee_x).can_acknowledge)
        acknowledge = self._activities(self.feedback, "hr_mentoring.mail_activity_type_acknowledge")
        self.assertEqual(acknowledge.user_id, self.user_mentee_x)

    def test_mentee_cannot_sign_the_mentors_event(self):
        with self.assertRaises(UserError):
            self.feedback.with_user(self.user_mentee_x).action_mark_done()
        self.assertEqual(self.feedback.state, "planned")
        # but completes the event they are responsible for
        self_check = self.events.filtered(lambda e: e.name == "Self check")
        self_check.with_user(self.user_mentee_x).action_mark_done()
        self.assertEqual(self_check.state, "done")

    def test_head_reviews(self):
        self.feedback.with_user(self.user_mentor).action_mark_done()
        with self.assertRaises(AccessError):
            self.feedback.with_user(self.user_mentor).action_review()
        self.feedback.with_user(self.user_head_x).action_review()
        self.assertTrue(self.feedback.reviewed)
        self.assertEqual(self.feedback.reviewed_by_id, self.user_head_x)

    def test_situational_discussion_with_diagnosis_and_action_plan(self):
        scale = self.env.ref("hr_mentoring.scale_behaviour")
        levels = scale.level_ids.sorted("value")
        Event = self.env["hr.mentoring.event"].with_user(self.user_mentor)
        action = self.pairing.with_user(self.user_mentor).action_log_discussion()
        form = Form(Event.with_context(**action["context"]))
        form.discussion_reason = "A client complained about a late answer."
        form.discussion_situation = "Emails are answered at the end of the day."
        form.mentee_agreement = "agreed"
        form.criterion_id = self.env.ref("hr_mentoring.criterion_mentee_client_work")
        form.current_level_id = levels[1]
        form.desired_level_id = levels[3]
        with form.action_item_ids.new() as item:
            item.name = "Answer client emails within two hours"
            item.owner = "mentee"
            item.deadline = date(2026, 3, 20)
        discussion = form.save()
        self.assertEqual(discussion.event_type, "situational_discussion")
        self.assertEqual(discussion.pairing_id, self.pairing)
        self.assertEqual(len(discussion.action_item_ids), 1)
        # the mentee ticks their action item, but cannot rewrite it
        item = discussion.action_item_ids.with_user(self.user_mentee_x)
        item.done = True
        with self.assertRaises(AccessError):
            item.name = "Something else"
        # mentors do not create planned events outside the plan
        with self.assertRaises(UserError):
            Event.create({"pairing_id": self.pairing.id, "name": "Extra", "event_type": "feedback", "date_due": MONDAY})
        # and not on pairings that are not theirs
        other = self._pairing(self.mentee_y, mentor=self.mentor_y)
        with self.assertRaises(UserError):
            Event.create(
                {"pairing_id": other.id, "name": "Chat", "event_type": "situational_discussion", "date_due": MONDAY}
            )


@tagged("post_install", "-at_install")
class TestEventIntegrity(MentoringCase):
    """What a participant cannot bend: the done day, who completes what, the
    others' activities, and pairings still in draft."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing = cls._pairing(cls.mentee_x, date_start=MONDAY)
        Event = cls.env["hr.mentoring.event"]
        cls.feedback = Event.create(
            {"pairing_id": cls.pairing.id, "name": "Feedback", "event_type": "feedback", "date_due": MONDAY}
        )
        cls.self_check = Event.create(
            {
                "pairing_id": cls.pairing.id,
                "name": "Self check",
                "event_type": "milestone",
                "responsible_role": "mentee",
                "date_due": MONDAY,
            }
        )
        cls.fit_event = Event.create(
            {
                "pairing_id": cls.pairing.id,
                "name": "Fit check",
                "event_type": "evaluation",
                "evaluation_kind": "fit_check",
                "responsible_role": "mentee",
                "date_due": MONDAY,
            }
        )

    def test_the_done_day_is_the_signing_day(self):
        with self.assertRaises(AccessError):
            self.feedback.with_user(self.user_mentor).write({"date_done": date(2026, 3, 1)})
        with self.assertRaises(AccessError):
            self.feedback.with_user(self.user_mentor).write({"state": "done", "date_done": MONDAY})
        self.feedback.with_user(self.user_mentor).action_mark_done()
        self.assertEqual(self.feedback.date_done, today_of(self.user_mentor), "a participant signs on the day")
        self.assertTrue(self.feedback.done_late)

    def test_each_event_is_completed_by_its_responsible(self):
        with self.assertRaises(AccessError):
            self.self_check.with_user(self.user_mentor).action_mark_done()
        self.self_check.with_user(self.user_mentee_x).action_mark_done()
        self.assertEqual(self.self_check.state, "done")
        with self.assertRaises(AccessError):
            self.feedback.with_user(self.user_mentee_x).action_mark_done()

    def test_an_evaluation_event_is_done_by_submitting_the_evaluation(self):
        with self.assertRaisesRegex(UserError, "done when its evaluation is submitted"):
            self.fit_event.with_user(self.user_mentee_x).action_mark_done()
        activity = self.fit_event.activity_ids
        self.assertEqual(activity.user_id, self.user_mentee_x)
        with self.assertRaisesRegex(UserError, "done when its evaluation is submitted"):
            activity.with_user(self.user_mentee_x).action_feedback(feedback="done")
        self.assertEqual(self.fit_event.state, "planned")

    def test_nobody_removes_someone_else_s_mentoring_activity(self):
        proposal = self._pairing(self.mentee_y, mentor=self.mentor_y, state="proposed")
        approval = proposal.activity_ids
        self.assertEqual(approval.user_id, self.user_head_y)
        with self.assertRaises(AccessError):
            approval.with_user(self.user_mentor_y).unlink()
        mentor_activity = self.feedback.activity_ids
        with self.assertRaises(AccessError):
            mentor_activity.with_user(self.user_mentee_x).unlink()
        with self.assertRaises(AccessError):
            mentor_activity.with_user(self.user_mentee_x).write({"date_deadline": date(2030, 1, 1)})
        # the person it is assigned to still works with it
        mentor_activity.with_user(self.user_mentor).write({"date_deadline": date(2026, 3, 3)})
        approval.with_user(self.user_head_y).action_feedback(feedback="Seen")
        self.assertFalse(approval.exists())

    def test_nothing_is_created_on_a_draft_pairing(self):
        draft = self._pairing(self.mentee_y, mentor=self.mentor, state="draft", program=self.program_2)
        with self.assertRaises(AccessError):
            self.env["hr.mentoring.evaluation"].with_user(self.user_mentor).create(
                {"pairing_id": draft.id, "kind": "mentor_on_mentee", "evaluator_id": self.user_mentor.id}
            )
        with self.assertRaises(AccessError):
            self.env["hr.mentoring.event"].with_user(self.user_mentor).create(
                {
                    "pairing_id": draft.id,
                    "name": "Chat",
                    "event_type": "situational_discussion",
                    "date_due": MONDAY,
                }
            )
        # a pairing set back to draft takes its plan out of sight
        self.pairing.write({"state": "cancelled"})
        self.pairing.write({"state": "draft"})
        self.assertFalse(
            self.env["hr.mentoring.event"].with_user(self.user_mentor).search([("pairing_id", "=", self.pairing.id)])
        )
