import operator
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import MONDAY, QUERY_MARGIN, MentoringCase, repeating


@tagged("post_install", "-at_install")
class TestMissedEvents(MentoringCase):
    PLAN_TEMPLATE = (
        "Feedback plan",
        ("Welcome", "milestone", 1),
        ("Feedback day 3", "feedback", 3),
        ("Feedback day 5", "feedback", 5),
        ("Feedback day 8", "feedback", 8),
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "UTC"
        cls.pairing_x = cls._planned_pairing(cls.mentee_x, cls.mentor)
        cls.pairing_y = cls._planned_pairing(cls.mentee_y, cls.mentor_y)
        cls.missed_type = cls.env.ref("hr_mentoring.mail_activity_type_missed")
        cls.mentoring_type = cls.env.ref("hr_mentoring.mail_activity_type_mentoring")
        cls.escalation_type = cls.env.ref("hr_mentoring.mail_activity_type_escalation")

    def _event(self, pairing, name):
        return pairing.event_ids.filtered(lambda e: e.name == name)

    def _digests(self):
        return self.env["mail.message"].search(
            [("subject", "=", "Missed mentoring events"), ("partner_ids", "in", self.user_coordinator.partner_id.ids)]
        )

    def _run(self, moment, **kwargs):
        with freeze_time(moment):
            return self.env["hr.mentoring.event"]._cron_flag_missed_events(**kwargs)

    # ------------------------------------------------------------------
    # the nightly flag
    # ------------------------------------------------------------------

    def test_a_head_responsible_for_the_event_is_asked_once(self):
        """The head's own review falls due unsigned: their activity turns into
        "explain or reschedule"; they are not also asked to find out why from themselves."""
        template = self._plan_template(
            "Review plan", ("Head review of the plan", "planned_discussion", 2, {"responsible_role": "head"})
        )
        pairing = self._planned_pairing(self._employee("Rhea", department_id=self.dept_x.id), self.mentor, template)
        review = self._event(pairing, "Head review of the plan")
        self.assertEqual(self._activities(review, self.mentoring_type).user_id, self.user_head_x)
        self.assertEqual(self._run("2026-03-05 01:00:00") & review, review)
        activities = self._activities(review, self.missed_type)
        self.assertEqual(len(activities), 1, activities.mapped("summary"))
        self.assertEqual(activities.user_id, self.user_head_x)
        self.assertEqual(activities.summary, "Missed: explain or reschedule")

    def test_run_on_day_d_then_again_then_next_day(self):
        events = self.pairing_x.event_ids | self.pairing_y.event_ids
        self._event(self.pairing_x, "Welcome").action_mark_done()
        # day D: Thursday 5 March; due before: Welcome (2nd, done for X), Feedback day 3 (4th)
        flagged = self._run("2026-03-05 01:00:00")
        expected = (
            self._event(self.pairing_x, "Feedback day 3")
            | self._event(self.pairing_y, "Welcome")
            | self._event(self.pairing_y, "Feedback day 3")
        )
        self.assertEqual(flagged, expected)
        self.assertEqual(set(expected.mapped("state")), {"missed"})
        self.assertEqual(set(expected.mapped("missed_on")), {date(2026, 3, 5)})
        self.assertEqual(self._event(self.pairing_x, "Welcome").state, "done")
        # the head of each department gets an activity to find out why
        head_activities = self._activities(expected, self.missed_type).filtered(
            lambda a: a.user_id in (self.user_head_x | self.user_head_y)
        )
        self.assertEqual(len(head_activities), 3)
        self.assertEqual(
            head_activities.filtered(lambda a: a.res_id in self.pairing_x.event_ids.ids).user_id, self.user_head_x
        )
        # the mentor is told: their own activity now asks to explain or reschedule
        mentor_activities = self._activities(expected, self.missed_type).filtered(
            lambda a: a.user_id in (self.user_mentor | self.user_mentor_y)
        )
        self.assertEqual(len(mentor_activities), 3)
        self.assertFalse(self._activities(expected, self.mentoring_type))
        # the coordinator gets one digest for the run, by department
        digests = self._digests()
        self.assertEqual(len(digests), 1)
        self.assertIn("3 mentoring events were missed", digests.body)
        self.assertIn("Key Accounts", digests.body)
        self.assertIn("Support", digests.body)
        # again the same night: nothing new
        self.assertFalse(self._run("2026-03-05 03:00:00"))
        self.assertEqual(len(self._digests()), 1)
        self.assertEqual(len(self._activities(events, self.missed_type)), 6)
        # the next night: only what became due since (Feedback day 5 is due on the 6th: not yet)
        self.assertFalse(self._run("2026-03-06 01:00:00"))
        flagged = self._run("2026-03-07 01:00:00")
        self.assertEqual(
            flagged, self._event(self.pairing_x, "Feedback day 5") | self._event(self.pairing_y, "Feedback day 5")
        )
        self.assertEqual(len(self._digests()), 2)
        self.assertEqual(len(self._activities(events, self.missed_type)), 10)

    def test_digest_total_is_the_programme_cards_missed_count(self):
        """The digest's "in all" and the programme card's Missed count the
        same events (MISSED_DOMAIN): those of that programme only (the
        coordinator's other programme apart), without those explained as done
        late or cancelled since, with the earlier runs' ones not settled yet."""
        mentee = self._employee("Zora", department_id=self.dept_y.id)
        pairing_2 = self._planned_pairing(mentee, self.mentor_y, self.template, program=self.program_2)
        self._run("2026-03-05 01:00:00")
        with freeze_time("2026-03-05 09:00:00"):
            self._explain(
                self._event(self.pairing_x, "Feedback day 3"), self.user_mentor, "workload", "Busy.", "done_late"
            )
            self._explain(self._event(self.pairing_y, "Welcome"), self.user_mentor_y, "forgotten", "Oops.", "cancel")
        self._run("2026-03-07 01:00:00")
        self.env.invalidate_all()
        programs = (self.program | self.program_2).with_user(self.user_coordinator)
        cards = {program.name: program.missed_event_count for program in programs}
        # these two programmes' digests (a demo database has programmes of its own)
        digests = self.env["mail.message"].search(
            [
                ("subject", "=", "Missed mentoring events"),
                ("date", ">=", "2026-03-07"),
                ("model", "=", "hr.mentoring.program"),
                ("res_id", "in", programs.ids),
            ]
        )
        self.assertEqual(len(digests), 2, "one digest per programme")
        for program in programs:
            with self.subTest(program=program.name):
                [digest] = digests.filtered(lambda m, p=program: m.res_id == p.id)
                self.assertIn(f"In all, {program.name} has {cards[program.name]} missed events", digest.body)
                opened = (
                    self.env["hr.mentoring.event"]
                    .with_user(self.user_coordinator)
                    .search(program.action_open_missed_events()["domain"])
                )
                self.assertEqual(len(opened), cards[program.name], "the card opens the events it counts")
        self.assertEqual(cards[self.program.name], 4, "Welcome (X), Feedback day 3 (Y), Feedback day 5 (X, Y)")
        self.assertEqual(cards[self.program_2.name], len(pairing_2.event_ids.filtered(lambda e: e.state == "missed")))

    def test_time_zones_decide_when_a_day_has_passed(self):
        # at 20:00 UTC on Wednesday 4 March it is already Thursday in Brisbane (UTC+10)
        # but still Wednesday noon on Pitcairn (UTC-8)
        brisbane = self.company
        brisbane.partner_id.tz = "Australia/Brisbane"
        pitcairn = self.other_company
        pitcairn.partner_id.tz = "Pacific/Pitcairn"
        mentor_p = self._employee("Paula", company_id=pitcairn.id, mentor_state="approved")
        mentee_p = self._employee("Pete", company_id=pitcairn.id)
        program_p = self.env["hr.mentoring.program"].create(
            {"name": "Pitcairn", "company_id": pitcairn.id, "state": "running"}
        )
        pairing_p = self._planned_pairing(mentee_p, mentor_p, program=program_p, date_start=MONDAY)
        flagged = self._run("2026-03-04 20:00:00")
        due_wednesday = self._event(self.pairing_x, "Feedback day 3")
        self.assertIn(due_wednesday, flagged, "Brisbane's Wednesday is over")
        self.assertEqual(due_wednesday.missed_on, date(2026, 3, 5))
        self.assertEqual(self._event(pairing_p, "Feedback day 3").state, "planned", "Pitcairn's Wednesday is not")
        self.assertEqual(self._event(pairing_p, "Welcome").state, "missed")
        flagged = self._run("2026-03-05 08:30:00")  # 00:30 on Thursday in Pitcairn
        self.assertEqual(flagged, self._event(pairing_p, "Feedback day 3"))

    def test_batches_report_progress_and_never_process_twice(self):
        cron = self.env.ref("hr_mentoring.ir_cron_flag_missed_events")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id, "remaining": 0, "done": 0})
        Event = self.env["hr.mentoring.event"].with_context(ir_cron_progress_id=progress.id)
        with freeze_time("2026-03-13 01:00:00"):
            # 4 events per pairing are past due: 8 in all, by batches of 3
            first = Event._cron_flag_missed_events(batch_size=3)
            self.assertEqual((progress.done, progress.remaining), (3, 5))
            second = Event._cron_flag_missed_events(batch_size=3)
            self.assertEqual((progress.done, progress.remaining), (3, 2))
            third = Event._cron_flag_missed_events(batch_size=3)
            self.assertEqual((progress.done, progress.remaining), (2, 0))
            self.assertFalse(Event._cron_flag_missed_events(batch_size=3))
        self.assertFalse(first & second or second & third or first & third)
        self.assertEqual(len(first | second | third), 8)
        self.assertEqual(len(self._digests()), 3, "one digest per run that flagged something")

    def test_query_count_of_a_batch_does_not_grow(self):
        """One batch costs the same queries for 8 events as for 40 (same people)."""
        long_template = self._plan_template("Daily", ("Daily feedback", "feedback", 1, repeating(15)))
        extra_x = self._employee("Xena", department_id=self.dept_x_sub.id, user_id=False)
        extra_y = self._employee("Yann", department_id=self.dept_y.id)
        self._planned_pairing(extra_x, self.mentor, template=long_template)
        self._planned_pairing(extra_y, self.mentor_y, template=long_template)
        Event = self.env["hr.mentoring.event"]
        counts = []
        with freeze_time("2026-03-05 01:00:00"):  # warm-up run: 3 + 3 events of the short plans
            Event._cron_flag_missed_events()
        # 6 + 2 events are due by the 10th, 20 + 2 more by the 24th
        for moment, expected in (("2026-03-10 01:00:00", 8), ("2026-03-24 01:00:00", 22)):
            self.env.invalidate_all()
            with freeze_time(moment), self.countQueries() as queries:
                flagged = Event._cron_flag_missed_events()
            counts.append(queries.count)
            self.assertEqual(len(flagged), expected)
        self.assertEqual(counts[0], counts[1], f"query counts of one batch: {counts}")
        self.assertQueriesWithin(counts[0], CRON_BATCH_QUERIES)

    # ------------------------------------------------------------------
    # explaining a missed event
    # ------------------------------------------------------------------

    def _missed_feedback(self):
        self._run("2026-03-05 01:00:00")
        event = self._event(self.pairing_x, "Feedback day 3")
        self.assertEqual(event.state, "missed")
        return event

    def _explain(self, event, user, reason_category, reason, outcome, **vals):
        """``user`` explains the missed ``event`` in the wizard its Explain
        button opens, and confirms."""
        action = event.with_user(user).action_explain_missed()
        form = Form(self.env[action["res_model"]].with_user(user).with_context(**action["context"]))
        for key, value in {"reason_category": reason_category, "reason": reason, "outcome": outcome, **vals}.items():
            setattr(form, key, value)
        form.save().action_confirm()

    def test_explain_and_reschedule(self):
        event = self._missed_feedback()
        with freeze_time("2026-03-05 09:00:00"):
            self._explain(
                event,
                self.user_mentor,
                "mentee_absent",
                "Xavier was at a client all day.",
                "reschedule",
                new_date=date(2026, 3, 9),
            )
        new_event = self.pairing_x.event_ids.filtered(lambda e: e.rescheduled_from_id == event)
        self.assertEqual(event.state, "missed", "the original stays on record as missed")
        self.assertEqual(event.missed_reason_category, "mentee_absent")
        self.assertEqual(event.explained_by_id, self.user_mentor)
        self.assertEqual(new_event.state, "planned")
        self.assertEqual(new_event.date_due, date(2026, 3, 9))
        self.assertEqual(self._activities(new_event, self.mentoring_type).user_id, self.user_mentor)
        self.assertFalse(self._activities(event, self.missed_type), "the 'why' activities are done")

    def test_explain_and_record_done_late(self):
        event = self._missed_feedback()
        with freeze_time("2026-03-06 09:00:00"):
            self._explain(
                event, self.user_head_x, "workload", "Month-end closing.", "done_late", date_done=date(2026, 3, 5)
            )
        self.assertEqual(event.state, "done")
        self.assertTrue(event.done_late)
        self.assertFalse(event.done_on_time)
        self.assertEqual(self.pairing_x.feedback_due_count, 1)
        self.assertEqual(self.pairing_x.feedback_on_time_count, 0)

    def test_explain_and_cancel(self):
        event = self._missed_feedback()
        with freeze_time("2026-03-05 09:00:00"):
            self._explain(event, self.user_coordinator, "other", "Plan changed.", "cancel")
        self.assertEqual(event.state, "cancelled")
        self.assertFalse(self._activities(event, self.missed_type))

    def test_explanation_refusals(self):
        event = self._missed_feedback()
        with freeze_time("2026-03-05 09:00:00"):
            for message, outcome, dates in (
                ("new due date from today on", "reschedule", {"new_date": date(2026, 3, 1)}),
                ("after its due date", "done_late", {"date_done": date(2026, 3, 3)}),
                ("not after today", "done_late", {"date_done": date(2026, 3, 6)}),
            ):
                with self.subTest(message), self.assertRaisesRegex(UserError, message):
                    self._explain(event, self.user_mentor, "other", "x", outcome, **dates)
            with self.assertRaises(AccessError):
                self._explain(event, self.user_mentee_x, "other", "x", "cancel")
            planned = self._event(self.pairing_x, "Feedback day 8")
            with self.assertRaisesRegex(UserError, "is not missed"):
                self._explain(planned, self.user_mentor, "other", "x", "cancel")
        # a missed event is not closed without an explanation, even by a direct write
        with self.assertRaisesRegex(ValidationError, "say why before closing it"):
            event.write({"state": "done"})
        with self.assertRaisesRegex(UserError, "use 'Explain'"):
            event.action_mark_done()
        self.assertEqual(event.state, "missed")

    def test_done_after_due_date_counts_late_not_missed(self):
        event = self._event(self.pairing_x, "Feedback day 3")
        with freeze_time("2026-03-04 18:00:00"):
            event.with_user(self.user_mentor).action_mark_done()
        self.assertTrue(event.done_on_time)
        late = self._event(self.pairing_x, "Feedback day 5")
        late.write({"state": "done", "date_done": date(2026, 3, 9)})
        self.assertTrue(late.done_late)
        self._run("2026-03-10 01:00:00")
        self.assertEqual(late.state, "done", "done late is not missed")
        # Feedback day 8 is not due yet: one of the two due feedbacks was on time
        self.assertEqual(self.pairing_x.feedback_due_count, 2)
        self.assertEqual(self.pairing_x.feedback_on_time_count, 1)
        self.assertEqual(self.pairing_x.on_time_rate, 50.0)

    # ------------------------------------------------------------------
    # escalation, reminders, phases
    # ------------------------------------------------------------------

    def test_escalation_after_n_working_days_once(self):
        self.company.mentoring_escalation_days = 3
        event = self._missed_feedback()  # flagged on Thursday 5 March
        explained = self._event(self.pairing_y, "Feedback day 3")
        explained.write({"missed_reason_category": "agreed", "missed_reason": "Moved by agreement."})
        Event = self.env["hr.mentoring.event"]
        with freeze_time("2026-03-09 08:00:00"):  # Fri, Mon: 2 working days after the flag
            self.assertFalse(Event._cron_escalate_unexplained())
        with freeze_time("2026-03-10 08:00:00"):  # Fri, Mon, Tue: 3
            escalated = Event._cron_escalate_unexplained()
        self.assertIn(event, escalated)
        self.assertNotIn(explained, escalated)
        self.assertEqual(event.escalated_on, date(2026, 3, 10))
        activity = self._activities(event, self.escalation_type)
        self.assertEqual(activity.user_id, self.user_coordinator)
        with freeze_time("2026-03-11 08:00:00"):
            self.assertFalse(Event._cron_escalate_unexplained() & event, "escalated once")
        self.assertEqual(len(self._activities(event, self.escalation_type)), 1)

    def test_reminders_are_off_by_default_and_sent_once(self):
        Event = self.env["hr.mentoring.event"]
        self.assertFalse(self.company.mentoring_reminder)
        with freeze_time("2026-03-02 06:00:00"):
            self.assertFalse(Event._cron_send_reminders())
        self.company.write({"mentoring_reminder": True, "mentoring_reminder_days": 2})
        with freeze_time("2026-03-02 06:00:00"):
            sent = Event._cron_send_reminders()
            self.assertEqual(
                sent,
                (self.pairing_x.event_ids | self.pairing_y.event_ids).filtered(
                    lambda e: e.date_due <= date(2026, 3, 4)
                ),
            )
            self.assertFalse(Event._cron_send_reminders(), "each event is reminded once")
        feedback = self._event(self.pairing_x, "Feedback day 3")
        reminder = feedback.message_ids.filtered(lambda m: "Reminder" in (m.subject or ""))
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.partner_ids, self.user_mentor.partner_id)

    def test_reminders_by_batches_report_progress(self):
        self.company.write({"mentoring_reminder": True, "mentoring_reminder_days": 2})
        due = (self.pairing_x.event_ids | self.pairing_y.event_ids).filtered(lambda e: e.date_due <= date(2026, 3, 4))
        self.assertEqual(len(due), 4)
        cron = self.env.ref("hr_mentoring.ir_cron_send_reminders")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id, "remaining": 0, "done": 0})
        Event = self.env["hr.mentoring.event"].with_context(ir_cron_progress_id=progress.id)
        with freeze_time("2026-03-02 06:00:00"):
            first = Event._cron_send_reminders(batch_size=3)
            self.assertEqual((len(first), progress.done, progress.remaining), (3, 3, 1))
            rest = Event._cron_send_reminders(batch_size=3)
            self.assertEqual((len(rest), progress.done, progress.remaining), (1, 1, 0))
        self.assertEqual(first | rest, due)

    def test_phase_start_notice(self):
        template = self._plan_template(
            "Phased",
            ("Adapt", "milestone", 1, {"phase": "adaptation"}),
            ("Train", "training", 6, {"phase": "training"}),
        )
        self.emp_outsider.user_id = False
        mentee = self._employee("Nina", department_id=self.dept_y.id, user_id=self.user_outsider.id)
        pairing = self._planned_pairing(mentee, self.mentor_y, template=template)
        Pairing = self.env["hr.mentoring.pairing"]
        with freeze_time("2026-03-06 06:00:00"):
            self.assertFalse(Pairing._cron_advance_phases() & pairing)
        self.assertEqual(pairing.phase, "adaptation")
        with freeze_time("2026-03-09 06:00:00"):
            self.assertEqual(Pairing._cron_advance_phases() & pairing, pairing)
        self.assertEqual(pairing.phase, "training")
        notice = pairing.message_ids.filtered(lambda m: "new phase" in (m.subject or ""))
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.partner_ids, self.user_mentor_y.partner_id | self.user_outsider.partner_id)
        with freeze_time("2026-03-10 06:00:00"):
            self.assertFalse(Pairing._cron_advance_phases() & pairing, "notified once")

    def test_phases_move_on_the_company_day(self):
        """An event's phase starts on its due day in its company's time zone, as
        every scheduled action counts days, not in the time zone of the user
        the scheduler runs as: at 23:30 UTC on Sunday, Monday has begun in
        Brussels but not in New York."""
        template = self._plan_template(
            "Phased",
            ("Adapt", "milestone", 1, {"phase": "adaptation"}),
            ("Train", "training", 6, {"phase": "training"}),
        )
        mentee = self._employee("Nina", department_id=self.dept_y.id)
        pairing = self._planned_pairing(mentee, self.mentor_y, template=template)
        self.assertEqual(pairing.event_ids.filtered(lambda e: e.phase == "training").date_due, date(2026, 3, 9))
        self.company.partner_id.tz = "America/New_York"
        self.env.user.tz = "Europe/Brussels"
        Pairing = self.env["hr.mentoring.pairing"]
        with freeze_time("2026-03-08 23:30:00"):
            self.assertFalse(Pairing._cron_advance_phases() & pairing, "still Sunday in New York")
        self.assertEqual(pairing.phase, "adaptation")
        with freeze_time("2026-03-09 05:30:00"):
            self.assertEqual(Pairing._cron_advance_phases() & pairing, pairing, "Monday in New York")
        self.assertEqual(pairing.phase, "training")

    def test_on_time_figures_for_mentors_and_departments(self):
        for name in ("Welcome", "Feedback day 3"):
            with freeze_time("2026-03-04 10:00:00"):
                self._event(self.pairing_x, name).with_user(self.user_mentor).action_mark_done()
        self._run("2026-03-07 01:00:00")
        # Maria: feedback day 3 on time, day 5 missed
        self.assertEqual(self.mentor.with_user(self.user_coordinator).mentor_on_time_rate, 50.0)
        groups = self.env["hr.mentoring.event"]._read_group(
            [("event_type", "=", "feedback"), ("state", "in", ("done", "missed"))],
            ["department_id", "done_on_time"],
            ["__count"],
        )
        by_department = {}
        for department, on_time, count in groups:
            by_department.setdefault(department, {})[on_time] = count
        self.assertEqual(by_department[self.dept_x_sub], {True: 1, False: 1})
        self.assertEqual(by_department[self.dept_y], {False: 2})

    def test_plan_figures_are_searched_as_they_read(self):
        """The plan figures are counted from the events when read, not stored:
        a search on each finds the pairings whose figure it shows, with each
        operator the web client and RPC send, and refuses the others."""
        self._event(self.pairing_x, "Welcome").action_mark_done()
        with freeze_time("2026-03-04 10:00:00"):
            self._event(self.pairing_y, "Feedback day 3").with_user(self.user_mentor_y).action_mark_done()
        # X: Welcome done, Feedback day 3 missed; Y: Welcome missed, Feedback day 3 done on time
        self._run("2026-03-05 01:00:00")
        nothing_planned = self._pairing(self._employee("Nina"), mentor=self.mentor_y)
        pairings = self.pairing_x | self.pairing_y | nothing_planned
        Pairing = self.env["hr.mentoring.pairing"].with_user(self.user_coordinator)
        cases = {
            "event_count": (0, 4),
            "event_done_count": (0, 1),
            "missed_event_count": (0, 1, 2),
            "feedback_due_count": (0, 1),
            "feedback_on_time_count": (0, 1),
            "on_time_rate": (0.0, 50.0, 100.0),
            "next_event_date": (False, date(2026, 3, 6), "2026-03-09"),
        }
        comparators = {
            "=": operator.eq,
            "!=": operator.ne,
            "<": operator.lt,
            "<=": operator.le,
            ">": operator.gt,
            ">=": operator.ge,
        }
        for fname, values in cases.items():
            shown = {pairing: pairing[fname] for pairing in Pairing.browse(pairings.ids)}
            self.assertGreater(len(set(shown.values())), 1, f"{fname} tells the pairings apart: {shown}")
            for value in values:
                wanted = date.fromisoformat(value) if isinstance(value, str) else value
                for op, compare in comparators.items():
                    if wanted is False and op not in ("=", "!="):
                        continue

                    def matches(figure, op=op, compare=compare, wanted=wanted):
                        if figure is False or wanted is False:
                            # a stored field's semantics: "!=" a value also finds the empty ones
                            return op in ("=", "!=") and (figure is wanted) == (op == "=")
                        return compare(figure, wanted)

                    expected = pairings.filtered(lambda p, matches=matches, shown=shown: matches(shown[p]))
                    for term in (
                        (fname, op, value),
                        *([(fname, "in" if op == "=" else "not in", [value])] if op in ("=", "!=") else []),
                    ):
                        with self.subTest(term=term):
                            found = Pairing.search([("id", "in", pairings.ids), term])
                            self.assertEqual(found, expected.with_user(self.user_coordinator))
        # the list's "With Missed Events" filter
        self.assertEqual(
            Pairing.search([("id", "in", pairings.ids), ("missed_event_count", ">", 0)]),
            (self.pairing_x | self.pairing_y).with_user(self.user_coordinator),
        )
        for term in (("missed_event_count", "like", "1"), ("next_event_date", ">", 3), ("event_count", "=", "many")):
            with self.subTest(term=term), self.assertRaisesRegex(UserError, "Filter .* with a number"):
                Pairing.search([term])


# one batch of the missed-events cron, any number of events (same people):
# the claim, the heads, the activities, the notes and the digest in the
# readers' languages, and the savepoint that lets a refused claim retry the
# batch (one less than when the flag also rewrote the pairings' stored figures);
# beside the other HR apps or on an upgraded database, one more
CRON_BATCH_QUERIES = 61 + QUERY_MARGIN
