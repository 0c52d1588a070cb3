"""The demo story: plans, sign-offs, missed events and evaluations, and a pilot.

Demo code, not a model: a database installed without demo data never loads it.
``demo/hr_mentoring_demo_story.xml`` calls
``hr.mentoring.plan.template._mentoring_play_demo_story``, which imports this
module and runs :func:`play`, once the cast and the proposed pairings of
``demo/hr_mentoring_demo.xml`` exist. Everything goes
through the module's own machinery, as the people of the story: the heads
approve, the coordinator creates the plans with the plan wizard, the mentors
sign, the mentees submit their checks, the scheduled action flags what was
missed and the missed-event wizard records the explanations. Dates are
relative to today, so the story always looks recent.

The second programme, the pilot "Customer Care Onboarding" (:class:`PilotStory`),
goes through the programme's own lifecycle: the coordinator attaches the
regulations and launches the information campaign, half of the participants
acknowledge, the pilot starts and runs, the feedback survey is sent and
partly answered, one adjustment is logged and another waits for its reason,
and one pairing is paused until next week; the pilot then waits for a
mentoring administrator to approve its final report.
"""

from datetime import datetime, time, timedelta

from odoo import Command, fields

# pairing xmlid -> its story
#   approver: who approves the proposal (None: it stays proposed)
#   template: the plan template (default: the programme's)
#   skip: events left unsigned, so that the scheduled action flags them missed:
#         {(template line xmlid suffix, occurrence): explanation or None}
#         explanation = (reason category, reason, outcome, days): outcome
#         "done_late" (days after the due date), "reschedule" (days from today)
#         or "cancel"
#   late: {(line suffix, occurrence): days} signed that many days after the due date
#   levels: added to the common progression of the mentee's ratings
#   fit: the mentee's answers to the fit check (levels of the agreement scale)
#   ended: the pairing ended that many days ago
STORY = {
    "pairing_olivia": {
        "approver": "user_diane",
        "skip": {
            ("feedback_month", 1): (
                "mentor_absent",
                "Paul was on a two-day client site visit; we held the feedback when he was back.",
                "done_late",
                2,
            ),
        },
        "late": {("weekly", 3): 1, ("coaching", 2): 2},
        "levels": 1,
        "fit": (5, 4, 5),
        "ended": 12,
    },
    "pairing_xavier": {
        "approver": "user_hanna",
        "skip": {
            ("feedback_week2", 1): (
                "workload",
                "Quarter-end closing week: the feedback on the first client calls took place two days later.",
                "done_late",
                2,
            ),
            ("weekly", 4): None,
        },
        "late": {("weekly", 2): 1},
        "levels": 0,
        "fit": (4, 4, 5),
    },
    "pairing_nora": {
        "approver": "user_hanna",
        "skip": {
            ("feedback_day3", 1): (
                "mentee_absent",
                "Nora was off sick on her 3rd working day. New date agreed with her.",
                "reschedule",
                2,
            ),
        },
        "levels": 0,
        "fit": (4, 5, 4),
    },
    "pairing_quentin": {
        "approver": "user_diane",
        "skip": {
            ("technology", 1): (
                "agreed",
                "Quentin joins the client standards course of the training centre next month instead.",
                "cancel",
                0,
            ),
            ("feedback_month", 1): None,
        },
        "levels": 0,
        "fit": (4, 4, 4),
    },
    "pairing_rita": {
        "approver": "user_kevin",
        "skip": {
            ("weekly", 3): (
                "forgotten",
                "Samuel forgot to sign; the discussion was held the next day.",
                "done_late",
                1,
            ),
        },
        "late": {("feedback_day3", 1): 1},
        "levels": 0,
        # a low fit check: the pairing gets a fit alert for the coordinator
        "fit": (2, 1, 2),
    },
    "pairing_tom": {
        "approver": "user_kevin",
        "template": "plan_template_skill_coaching",
        "levels": 0,
    },
    "pairing_umar": {"approver": None},
    # Bruno has no user account: Maria acknowledges his first signed event for him
    "pairing_bruno": {"approver": "user_hanna", "levels": 0},
}

# the mentee's levels per criterion (in the programme's order) at each evaluation
PROGRESSION = {
    "baseline": (2, 1, 2, 2, 1),
    "end_adaptation": (3, 3, 3, 3, 2),
    "self": (4, 3, 3, 4, 3),
    "final": (4, 4, 4, 4, 3),
}
MENTOR_FEEDBACK = (5, 4, 4, 5)
COORDINATOR_ON_MENTOR = {"employee_maria": (5, 4, 4, 4), "employee_paul": (4, 4, 5, 4), "employee_samuel": (4, 3, 4, 3)}

COMMENTS = {
    "milestone": "Done together: the plan, its dates and what we both expect from it.",
    "feedback": "What went well: listens to the client and asks open questions. To change: close each call "
    "with a clear next step.",
    "planned_discussion": "We went through the week's client work and updated the action plan.",
    "situational_discussion": "Discussed a difficult client call right after it happened.",
    "training": "Training done; afterwards worked the pipeline in the CRM without help.",
}
DISCUSSIONS = [
    (
        "Several client calls ended without a next step.",
        "Listened to two recorded calls together: the need was found, but no follow-up was agreed.",
        "agreed",
        "Prepare three closing questions before each call",
    ),
    (
        "Quotes take too long to prepare.",
        "Walked through the quotation process; most time goes into looking for the price lists.",
        "agreed",
        "Bookmark the current price lists and templates",
    ),
    (
        "A client complained about a late answer.",
        "Reviewed the mailbox routine: messages are read, but answers wait for the end of the day.",
        "partly",
        "Answer client emails twice a day, at 11:00 and 16:00",
    ),
]


# Xavier's skills a fortnight before his pairing: his evaluations propose the growth, Maria confirms it
STARTING_SKILLS = (
    ("hr_skill_communication", "hr_skill_level_beginner_softskill"),
    ("hr_skill_problem_solving", "hr_skill_level_beginner_softskill"),
)
# Xavier's goals: agreed on by Xavier and Maria, one reached
GOALS = {
    "calls": {
        "name": "Handle client calls alone",
        "measure": "Client calls handled from start to next step without Maria on the line.",
        "type": "value",
        "values": {"start_value": 0, "target_value": 10, "unit": "calls"},
        "objective": "objective_client_managers_alone",
        "weeks": 6,
        "written_by": "mentee",
        "agreed_after": 4,
    },
    "quotes": {
        "name": "Prepare quotes from the current price lists",
        "measure": "The quotes of the standard offers, prepared alone and checked by Maria.",
        "type": "checklist",
        "items": (
            ("Find the current price lists", True),
            ("Quote a standard offer", True),
            ("Quote a discount", False),
        ),
        "objective": "objective_client_managers_standards",
        "weeks": 8,
        "written_by": "mentor",
        "agreed_after": 5,
    },
    "meeting": {
        "name": "Lead a client meeting",
        "measure": "A client meeting prepared and led alone, with its minutes sent the same day.",
        "type": "steps",
        "objective": "objective_client_managers_alone",
        "weeks": 12,
        "written_by": "mentee",
        "agreed_after": 12,
    },
}
GOAL_HEAD_COMMENT = "Good: ask Kevin's team for the discount rules before quoting one."

# the pilot's pairings (demo/hr_mentoring_demo.xml), told as in STORY
PILOT_TEMPLATE = "plan_template_customer_care"
PILOT_STORY = {
    "pairing_ines": {"approver": "user_diane", "template": PILOT_TEMPLATE, "levels": 1, "fit": (5, 4, 5)},
    "pairing_jonas": {
        "approver": "user_diane",
        "template": PILOT_TEMPLATE,
        "late": {("customer_care_weekly", 3): 2, ("customer_care_feedback_month", 1): 1},
        "fit": (4, 4, 4),
    },
    "pairing_sofia": {"approver": "user_diane", "template": PILOT_TEMPLATE, "fit": (4, 3, 4)},
}
PILOT_REGULATIONS = "Mentoring regulations.pdf"
# the campaign goes out a week before the pilot starts; half of the
# participants acknowledge: {employee xmlid: days after the campaign}
PILOT_CAMPAIGN_DAYS_BEFORE = 7
PILOT_ACKNOWLEDGED = {"employee_lea": 1, "employee_paul": 2, "employee_ines": 4}
# the feedback survey, sent some days ago: {employee xmlid: (days ago answered,
# {question xmlid suffix: answer})}; the others have not answered yet. Good on
# the plan, mixed on the workload, one comment on the weekly discussions.
PILOT_SURVEY_SENT_DAYS_AGO = 6
PILOT_LEA_COMMENT = (
    "A planned discussion every week is too much with two newcomers on top of my own calls: "
    "every two weeks would be enough, with a short check-in at the desk in between."
)
PILOT_ANSWERS = {
    "employee_lea": (
        5,
        {
            "plan_mentor_2": 4,
            "help_mentor_3": 4,
            "workload_mentor_2": 2,
            "workload_mentor_3": 4,
            "regulations_all_1": 5,
            "comments_all_2": PILOT_LEA_COMMENT,
        },
    ),
    "employee_paul": (
        4,
        {
            "plan_mentor_2": 5,
            "help_mentor_3": 4,
            "workload_mentor_2": 3,
            "workload_mentor_3": 3,
            "regulations_all_1": 4,
        },
    ),
    "employee_ines": (
        3,
        {"plan_mentee_1": 5, "help_mentee_1": 5, "help_mentee_2": 4, "workload_mentee_1": 3, "regulations_all_1": 4},
    ),
    "employee_jonas": (
        2,
        {"plan_mentee_1": 4, "help_mentee_1": 4, "help_mentee_2": 4, "workload_mentee_1": 2, "regulations_all_1": 3},
    ),
}
PILOT_CONCLUSIONS = (
    "<p>Pilot with three new agents: the plans were kept and signed on time, the newcomers answer clients "
    "alone after five weeks. The mentors found the weekly discussions too many next to their own calls: "
    "the planned discussion is now every two weeks. To confirm: the mentee criteria gain "
    "'Uses Feedback'.</p>"
)
PILOT_ADMINISTRATOR = "user_grace"
# one pilot pairing is paused today until next Monday, by the head who approved it
PILOT_PAUSED = "pairing_sofia"
PILOT_PAUSE_REASON = "Sofia covers the hotline of a sick colleague this week: the mentoring resumes next week."


def play(env):
    """Play the demo story (see the module docstring) in ``env``, as superuser."""
    DemoStory(env).play()
    PilotStory(env).play()


class DemoStory:
    """The story's steps; ``env`` is the superuser environment of the demo data's loading."""

    def __init__(self, env):
        self.env = env

    def play(self):
        env = self.env
        program = env.ref("hr_mentoring.program_client_managers")
        coordinator = program.coordinator_id
        today = env["hr.mentoring.event"]._mentoring_today_by_company()[program.company_id.id]
        pairings = {xmlid: env.ref(f"hr_mentoring.{xmlid}") for xmlid in STORY}
        for xmlid, story in STORY.items():
            self._demo_propose_and_plan(pairings[xmlid], story, coordinator)
        self._demo_starting_skills(pairings["pairing_xavier"])
        for xmlid, story in STORY.items():
            self._demo_sign_past_events(pairings[xmlid], story, today)
        self._demo_mentor_evaluations(pairings, coordinator, today)
        self._demo_flag_and_explain(pairings, today)
        env["hr.mentoring.pairing"]._cron_advance_phases()
        env["hr.mentoring.pairing"]._cron_update_health()
        for xmlid, story in STORY.items():
            if story.get("ended"):
                pairing = pairings[xmlid].with_user(coordinator)
                pairing.write({"date_end": today - timedelta(days=story["ended"])})
                pairing.action_done()
        self._demo_time_off(pairings["pairing_nora"], today)
        self._demo_goals(pairings["pairing_xavier"], today)
        self._demo_confirm_skills(pairings["pairing_xavier"])

    # ------------------------------------------------------------------
    # steps
    # ------------------------------------------------------------------

    def _demo_starting_skills(self, pairing):
        """Where the mentee starts from: his skills on record some days before
        the pairing (Odoo's skill history dates them then)."""
        ref = self.env.ref
        mentee = pairing.mentee_id
        skills = self.env["hr.employee.skill"].create(
            [
                {
                    "employee_id": mentee.id,
                    "skill_type_id": ref("hr_skills.hr_skill_type_softskill").id,
                    "skill_id": ref(f"hr_skills.{skill}").id,
                    "skill_level_id": ref(f"hr_skills.{level}").id,
                }
                for skill, level in STARTING_SKILLS
            ]
        )
        self.env["hr.employee.skill.log"].search(
            [("employee_id", "=", mentee.id), ("skill_id", "in", skills.skill_id.ids)]
        ).write({"date": pairing.date_start - timedelta(days=14)})

    def _demo_goals(self, pairing, today):
        """The mentee's goals (GOALS), written by the mentee and the mentor, agreed
        on by both in the first weeks, updated in the discussions; the head
        comments on one; an action of the latest discussion serves another."""
        mentee, mentor = pairing.mentee_id.user_id, pairing.mentor_id.user_id
        Goal = self.env["hr.mentoring.goal"]
        goals = {}
        for key, spec in GOALS.items():
            vals = {
                "pairing_id": pairing.id,
                "name": spec["name"],
                "measure": spec["measure"],
                "measure_type": spec["type"],
                "objective_id": self.env.ref(f"hr_mentoring.{spec['objective']}").id,
                "date_target": pairing.date_start + timedelta(days=spec["weeks"] * 7),
                **spec.get("values", {}),
            }
            if spec["type"] == "checklist":
                vals["item_ids"] = [Command.create({"name": name}) for name, _done in spec["items"]]
            goal = Goal.with_user(mentee if spec["written_by"] == "mentee" else mentor).create(vals)
            goal.with_user(mentor).action_agree()
            goal.with_user(mentee).action_agree()
            # they agreed on it in the first weeks
            agreed_on = datetime.combine(pairing.date_start + timedelta(days=spec["agreed_after"]), time(15))
            goal.sudo().with_context(mentoring_goal_signing=True).write(
                {"mentor_agreed_on": agreed_on, "mentee_agreed_on": agreed_on}
            )
            goals[key] = goal
        # the progress, updated by the mentor in the discussions
        discussion = pairing.event_ids.filtered(
            lambda e: e.event_type == "planned_discussion" and e.state == "done"
        ).sorted("date_due")[-1:]
        updates = {
            goals["calls"].id: {"current_value": 10, "progress_note": "Ten client calls handled alone this month."},
            goals["meeting"].id: {"progress_step": "50", "progress_note": "Prepared and co-led one client meeting."},
        }
        discussion.with_user(mentor).write(
            {"goal_ids": [Command.update(goal_id, vals) for goal_id, vals in updates.items()]}
        )
        done = [name for name, is_done in GOALS["quotes"]["items"] if is_done]
        goals["quotes"].item_ids.filtered(lambda item: item.name in done).with_user(mentee).write({"done": True})
        # reached on the day of that discussion
        goals["calls"].sudo().with_context(mentoring_goal_signing=True).date_reached = discussion.date_done or today
        discussion.action_item_ids[:1].with_user(mentor).goal_ids = goals["meeting"]
        goals["quotes"].with_user(pairing.head_user_id).head_comment = GOAL_HEAD_COMMENT

    def _demo_confirm_skills(self, pairing):
        """The mentor confirms the levels the evaluations proposed: the growth is on record."""
        proposals = self.env["hr.mentoring.skill.proposal"].search(
            [("pairing_id", "=", pairing.id), ("state", "=", "proposed")]
        )
        proposals.with_user(pairing.mentor_id.user_id).action_confirm()

    def _demo_time_off(self, pairing, today):
        """Nora's week of annual leave, granted after her plan was made: the
        time off a validated request creates on her resource. Her planned
        events of that week move to her next working days, each move a line
        on the pairing's chatter."""
        monday = today + timedelta(days=7 - today.weekday())
        leave = self.env["resource.calendar.leaves"].create(
            {
                "name": "Annual leave",
                "resource_id": pairing.mentee_id.resource_id.id,
                "calendar_id": pairing.mentee_id.resource_calendar_id.id,
                "company_id": pairing.company_id.id,
                "time_type": "leave",
                # the working hours of her days, in UTC as Odoo stores them
                "date_from": datetime.combine(monday, time(6)),
                "date_to": datetime.combine(monday + timedelta(days=4), time(18)),
            }
        )
        # demo data like the rest: uninstalling the module removes it
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": "hr_mentoring.demo_leave_nora", "record": leave, "noupdate": True}]
        )

    def _demo_propose_and_plan(self, pairing, story, coordinator):
        """The selection's score, the head's approval, the coordinator's plan."""
        _mentors, _capacities, scores = self.env["hr.mentoring.matching"]._mentoring_score(
            pairing.program_id, pairing.mentee_id, mentors=pairing.mentor_id
        )
        score, reasons = scores[(pairing.mentee_id.id, pairing.mentor_id.id)]
        pairing.write({"match_score": score, "match_reasons": "\n".join(reasons)})
        if story.get("approver"):
            pairing.with_user(self.env.ref(f"hr_mentoring.{story['approver']}")).action_approve()
            pairing.date_approved = datetime.combine(pairing.date_start - timedelta(days=3), time(10))
        template = self.env.ref(f"hr_mentoring.{story.get('template', 'plan_template_adaptation')}")
        wizard = (
            self.env["hr.mentoring.plan.wizard"]
            .with_user(coordinator)
            .create({"pairing_id": pairing.id, "template_id": template.id, "date_start": pairing.date_start})
        )
        wizard.action_create_plan()

    def _demo_sign_past_events(self, pairing, story, today):
        """Everyone does their part of the plan up to yesterday, except what the story skips."""
        skip, late = story.get("skip", {}), story.get("late", {})
        discussion_index = 0
        for event in pairing.event_ids.sorted(lambda e: (e.date_due, e.sequence, e.id)):
            if event.date_due >= today or event.state != "planned":
                continue
            key = self._demo_event_key(event)
            if key in skip:
                continue
            done_on = min(event.date_due + timedelta(days=late.get(key, 0)), today)
            if event.event_type == "evaluation":
                self._demo_evaluate(event, story, done_on)
                continue
            user, vals = self._demo_sign_vals(event)
            if event.event_type == "planned_discussion" and event.responsible_role == "mentor":
                vals.update(self._demo_discussion_vals(event, discussion_index, done_on, today))
                discussion_index += 1
            event.with_user(user).write(vals)
            self._demo_backdate_signature(event, done_on)
        if pairing.state == "active":
            self._demo_baseline_evaluation(pairing, story)
            self._demo_acknowledge_and_review(pairing, today)

    def _demo_mentor_evaluations(self, pairings, coordinator, today):
        """The coordinator evaluates the experienced mentors (selection and ranking)."""
        for mentor_xmlid, levels in COORDINATOR_ON_MENTOR.items():
            mentor = self.env.ref(f"hr_mentoring.{mentor_xmlid}")
            pairing = next(p for p in pairings.values() if p.mentor_id == mentor and p.state == "active")
            evaluation = (
                self.env["hr.mentoring.evaluation"]
                .with_user(coordinator)
                .create(
                    {
                        "pairing_id": pairing.id,
                        "kind": "coordinator_on_mentor",
                        "date": today - timedelta(days=20),
                        "note": "Observed two of the mentor's sessions and read the signed plans.",
                    }
                )
            )
            self._demo_rate(evaluation, levels)
            evaluation.action_submit()

    def _demo_flag_and_explain(self, pairings, today):
        """The scheduled action flags what was not signed; some get explained."""
        Event = self.env["hr.mentoring.event"]
        flagged = Event._cron_flag_missed_events()
        # as if the scheduled action had run every night: flagged the day after
        for event in flagged:
            event.missed_on = min(event.date_due + timedelta(days=1), today)
        for xmlid, story in STORY.items():
            for event in pairings[xmlid].event_ids.filtered(lambda e: e.state == "missed"):
                explanation = story.get("skip", {}).get(self._demo_event_key(event))
                if not explanation:
                    continue
                category, reason, outcome, days = explanation
                vals = {"event_id": event.id, "reason_category": category, "reason": reason, "outcome": outcome}
                if outcome == "done_late":
                    vals["date_done"] = min(event.date_due + timedelta(days=days), today)
                elif outcome == "reschedule":
                    vals["new_date"] = today + timedelta(days=days)
                mentor = event.pairing_id.mentor_id.user_id
                self.env["hr.mentoring.missed.wizard"].with_user(mentor).create(vals).action_confirm()
                if outcome == "done_late":
                    self._demo_backdate_signature(event, vals["date_done"])
        Event._cron_escalate_unexplained()

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _demo_event_key(self, event):
        """(template line xmlid suffix, occurrence) of a plan event."""
        line = event.template_line_id
        xmlid = line.get_external_id().get(line.id, "") if line else ""
        suffix = xmlid.split(".")[-1].replace("plan_template_adaptation_", "").replace("plan_template_", "")
        siblings = event.pairing_id.event_ids.filtered(
            lambda e: e.template_line_id == line and not e.rescheduled_from_id
        ).sorted(lambda e: (e.date_due, e.id))
        occurrence = list(siblings).index(event) + 1 if event in siblings else 0
        return (suffix, occurrence)

    def _demo_sign_vals(self, event):
        """Who signs the event and what they write, by its responsible role."""
        pairing = event.pairing_id
        comment = COMMENTS.get(event.event_type, COMMENTS["milestone"])
        # signed today; the story then backdates the signature (_demo_backdate_signature)
        vals = {"state": "done"}
        role = event.responsible_role
        if role == "head":
            user = pairing.head_user_id
            vals["review_comment"] = "Plan checked: the events are signed and the action plans are followed."
        elif role == "mentee":
            user = pairing.mentee_id.user_id
            vals["mentee_comment"] = "Done; I will show the result at our next discussion."
        elif role == "coordinator":
            user = pairing.program_id.coordinator_id
        else:
            user = pairing.mentor_id.user_id
            vals["mentor_comment"] = comment
        return user, vals

    def _demo_discussion_vals(self, event, index, done_on, today):
        """A diagnosis and an action plan, as the method asks for each discussion."""
        reason, situation, agreement, action = DISCUSSIONS[index % len(DISCUSSIONS)]
        program = event.pairing_id.program_id
        criteria = program.mentee_criterion_ids
        criterion = criteria[index % len(criteria)] if criteria else self.env["hr.mentoring.criterion"]
        levels = criterion.scale_id.level_ids.sorted("value")
        current = min(2 + index // 3, len(levels) - 2) if levels else 0
        deadline = done_on + timedelta(days=7)
        vals = {
            "discussion_reason": reason,
            "discussion_situation": situation,
            "mentee_agreement": agreement,
            "action_item_ids": [
                fields.Command.create(
                    {"name": action, "owner": "mentee", "deadline": deadline, "done": deadline < today}
                )
            ],
        }
        if levels:
            vals.update(
                criterion_id=criterion.id,
                current_level_id=levels[current].id,
                desired_level_id=levels[current + 1].id,
            )
        return vals

    def _demo_backdate_signature(self, event, done_on):
        event.write({"date_done": done_on, "signed_on": datetime.combine(done_on, time(16))})

    def _demo_evaluate(self, event, story, done_on):
        """The evaluator of an evaluation event fills it in and submits it."""
        kind = event.evaluation_kind
        vals = event._mentoring_prepare_evaluation_vals()
        evaluator = self.env["res.users"].browse(vals["evaluator_id"])
        evaluation = self.env["hr.mentoring.evaluation"].with_user(evaluator).create(vals)
        if kind == "fit_check":
            levels = story.get("fit", (4, 4, 4))
        elif kind == "mentee_on_mentor":
            levels = MENTOR_FEEDBACK
        else:
            stage = {"self": "self"}.get(kind) or ("final" if event.phase == "workplace_coaching" else "end_adaptation")
            levels = [value + story.get("levels", 0) for value in PROGRESSION[stage]]
        evaluation.write({"date": done_on, "note": self._demo_evaluation_note(kind)})
        self._demo_rate(evaluation, levels)
        evaluation.action_submit()
        evaluation.sudo().submitted_on = datetime.combine(done_on, time(16))
        if kind == "mentor_on_mentee":
            evaluation.action_share()
        self._demo_backdate_signature(event, done_on)

    def _demo_baseline_evaluation(self, pairing, story):
        """The mentor's first rating, in the first week: where progress starts from."""
        mentor = pairing.mentor_id.user_id
        evaluation = (
            self.env["hr.mentoring.evaluation"]
            .with_user(mentor)
            .create(
                {
                    "pairing_id": pairing.id,
                    "kind": "mentor_on_mentee",
                    "date": pairing.date_start + timedelta(days=4),
                    "note": "Starting point, after the first week.",
                }
            )
        )
        self._demo_rate(evaluation, [value + story.get("levels", 0) for value in PROGRESSION["baseline"]])
        evaluation.action_submit()
        evaluation.sudo().submitted_on = datetime.combine(evaluation.date, time(16))
        evaluation.action_share()

    def _demo_rate(self, evaluation, values):
        """Rate the evaluation's criteria with the given level values (clipped to the scale)."""
        for index, line in enumerate(evaluation.line_ids.sorted(lambda ln: (ln.sequence, ln.id))):
            levels = line.criterion_id.scale_id.level_ids.sorted("value")
            if not levels:
                continue
            value = values[index % len(values)]
            level = levels.filtered(lambda lv, v=value: lv.value == v)[:1]
            if not level:
                level = levels[-1] if value > levels[-1].value else levels[0]
            line.level_id = level

    def _demo_evaluation_note(self, kind):
        return {
            "fit_check": "My answers after the first two weeks.",
            "self": "How I see my work at the end of adaptation.",
            "mentee_on_mentor": "My feedback on my mentor.",
        }.get(kind, "Observed at the workplace and in the signed plan.")

    def _demo_acknowledge_and_review(self, pairing, today):
        """The mentee acknowledges most signed events; the head reviews the older ones."""
        done = pairing.event_ids.filtered(lambda e: e.state == "done").sorted(lambda e: (e.date_due, e.id))
        mentee = pairing.mentee_id.user_id
        head = pairing.head_user_id
        to_acknowledge = done.filtered(lambda e: e.date_due < today - timedelta(days=7))
        if mentee and to_acknowledge:
            to_acknowledge.with_user(mentee).action_acknowledge()
            for event in to_acknowledge:
                event.acknowledged_on = self._demo_moment(event.date_done, 1, today)
        elif not mentee and done:
            # a mentee without a user account: the mentor records the first
            # acknowledgement on their behalf, the others wait for their next meeting
            first = done[:1]
            first.with_user(pairing.mentor_id.user_id).action_acknowledge()
            first.acknowledged_on = self._demo_moment(first.date_done, 1, today)
        to_review = done.filtered(lambda e: e.date_due < today - timedelta(days=21))
        if head and to_review:
            to_review.with_user(head).action_review()
            for event in to_review:
                event.reviewed_on = self._demo_moment(event.date_done, 3, today)

    def _demo_moment(self, day, days_later, today):
        """A working-hours moment some days after ``day``, never after today."""
        return datetime.combine(min(day + timedelta(days=days_later), today), time(9, 30))


class PilotStory(DemoStory):
    """The pilot "Customer Care Onboarding" through the programme's lifecycle,
    up to the administrator's approval, which it leaves to be done."""

    def play(self):
        env = self.env
        program = env.ref("hr_mentoring.program_customer_care_pilot")
        coordinator = program.coordinator_id
        today = env["hr.mentoring.event"]._mentoring_today_by_company()[program.company_id.id]
        campaign_day = program.date_start - timedelta(days=PILOT_CAMPAIGN_DAYS_BEFORE)
        self._pilot_regulations(program, coordinator)
        self._pilot_campaign(program, coordinator, campaign_day, today)
        self._pilot_hand_stages(program, coordinator)
        program.with_user(coordinator).action_start_pilot()
        pairings = {xmlid: env.ref(f"hr_mentoring.{xmlid}") for xmlid in PILOT_STORY}
        for xmlid, story in PILOT_STORY.items():
            self._demo_propose_and_plan(pairings[xmlid], story, coordinator)
        for xmlid, story in PILOT_STORY.items():
            self._demo_sign_past_events(pairings[xmlid], story, today)
        env["hr.mentoring.pairing"]._cron_advance_phases()
        env["hr.mentoring.pairing"]._cron_update_health()
        self._pilot_pause(pairings[PILOT_PAUSED], today)
        answers = self._pilot_feedback(program, coordinator, today)
        self._pilot_adjustments(program, coordinator, answers)
        self._pilot_ask_approval(program, coordinator, today)
        self._pilot_backdate_stages(program, campaign_day, today)

    # ------------------------------------------------------------------
    # steps
    # ------------------------------------------------------------------

    def _pilot_pause(self, pairing, today):
        """The head pauses ``pairing`` until next Monday; it resumes by itself then."""
        head = self.env.ref(f"hr_mentoring.{PILOT_STORY[PILOT_PAUSED]['approver']}")
        next_monday = today + timedelta(days=7 - today.weekday())
        pairing.with_user(head)._mentoring_pause(PILOT_PAUSE_REASON, next_monday)

    def _pilot_regulations(self, program, coordinator):
        """The coordinator uploads the regulations (a real one-page PDF) to the programme."""
        attachment = (
            self.env["ir.attachment"]
            .with_user(coordinator)
            .create(
                {
                    "name": PILOT_REGULATIONS,
                    "raw": minimal_pdf(f"{program.name}: regulations of the mentoring programme"),
                }
            )
        )
        program.with_user(coordinator).write({"regulation_ids": [Command.link(attachment.id)]})

    def _pilot_campaign(self, program, coordinator, campaign_day, today):
        """The coordinator launches the campaign; half of the participants acknowledge, each for themselves."""
        program.with_user(coordinator).action_launch_campaign()
        program.campaign_launched_on = datetime.combine(campaign_day, time(9))
        acknowledgements = program.acknowledgement_ids
        for employee_xmlid, days in PILOT_ACKNOWLEDGED.items():
            employee = self.env.ref(f"hr_mentoring.{employee_xmlid}")
            ack = acknowledgements.filtered(lambda a, e=employee: a.employee_id == e)
            ack.with_user(employee.user_id).action_acknowledge()
            ack.date_acknowledged = self._demo_moment(campaign_day, days, today)

    def _pilot_hand_stages(self, program, coordinator):
        """The two stages no data completes: the coordinator marks them done."""
        notes = {
            "motivation": "Talked with Lea and Paul: the mentoring counts in their yearly review, "
            "and their call targets are lowered during the pilot.",
            "mentor_training": "Lea and Paul followed the mentor training of the New Client Managers programme.",
        }
        for code, note in notes.items():
            stage = program.stage_ids.filtered(lambda s, c=code: s.code == c).with_user(coordinator)
            stage.write({"note": note, "responsible_id": coordinator.id})
            stage.action_done()

    def _pilot_feedback(self, program, coordinator, today):
        """The coordinator sends the feedback survey; some participants answer it,
        as Survey's controller saves a submitted page (as superuser)."""
        program.with_user(coordinator).action_send_feedback_survey()
        # the log of the sending, as if it had been sent some days ago
        sent_log = program.message_ids.sorted("id")[-1:]
        sent_log.date = datetime.combine(today - timedelta(days=PILOT_SURVEY_SENT_DAYS_AGO), time(9))
        answers = self.env["survey.user_input"].search([("mentoring_program_id", "=", program.id)])
        # {question id: its xmlid without the survey's prefix}, e.g. "plan_mentee_1"
        suffixes = {
            question_id: xmlid.split("survey_pilot_feedback_")[-1]
            for question_id, xmlid in program.survey_id.question_ids.get_external_id().items()
        }
        by_employee = {}
        for employee_xmlid, (days_ago, values) in PILOT_ANSWERS.items():
            employee = self.env.ref(f"hr_mentoring.{employee_xmlid}")
            answer = answers.filtered(lambda a, e=employee: a.mentoring_employee_id == e)
            answer._mark_in_progress()
            for question in answer.predefined_question_ids:
                # what the participant left empty is saved as skipped, as the survey page does
                answer._save_lines(question, str(values.get(suffixes[question.id], "")))
            answer._mark_done()
            started = datetime.combine(today - timedelta(days=days_ago), time(11))
            answer.write({"start_datetime": started, "end_datetime": started + timedelta(minutes=7)})
            by_employee[employee_xmlid] = answer
        return by_employee

    def _pilot_adjustments(self, program, coordinator, answers):
        """Two changes during the pilot, each proposed by the module as an
        adjustment: the coordinator logs the first, with the feedback that
        caused it; the second still waits for its reason."""
        template = program.plan_template_id.with_user(coordinator)
        weekly = self.env.ref(f"hr_mentoring.{PILOT_TEMPLATE}_weekly")
        template.write(
            {
                "line_ids": [
                    Command.update(
                        weekly.id,
                        {"name": "Planned discussion every two weeks", "repeat_interval": 2, "repeat_count": 2},
                    )
                ]
            }
        )
        proposal = program.adjustment_ids.filtered(lambda a: a.state == "draft").with_user(coordinator)
        proposal.write(
            {
                "name": "Planned discussion every two weeks instead of every week",
                "reason": "The mentors found the weekly discussions too many next to their own calls "
                "(the mentoring fitted in their working time: 2.5 of 5); the mentees' plans stayed on track.",
                "source": "feedback",
                "source_note": "Feedback survey: the mentors' answers on the workload, and Lea's comment.",
                "source_ref": f"survey.user_input,{answers['employee_lea'].id}",
            }
        )
        proposal.action_confirm()
        uses_feedback = self.env.ref("hr_mentoring.criterion_mentee_uses_feedback")
        program.with_user(coordinator).write({"mentee_criterion_ids": [Command.link(uses_feedback.id)]})

    def _pilot_ask_approval(self, program, coordinator, today):
        """The coordinator writes the pilot's conclusions and asks the
        administrator to approve the final report (an activity the approval
        closes)."""
        program = program.with_user(coordinator)
        program.write({"conclusions": PILOT_CONCLUSIONS})
        administrator = self.env.ref(f"hr_mentoring.{PILOT_ADMINISTRATOR}")
        program.activity_schedule(
            "hr_mentoring.mail_activity_type_final_report",
            date_deadline=today + timedelta(days=5),
            summary="Approve the pilot's final report",
            note="The pilot is over: feedback collected, one adjustment logged. Please read the final report "
            "and approve it, so that the programme runs for every new agent.",
            user_id=administrator.id,
        )

    def _pilot_backdate_stages(self, program, campaign_day, today):
        """The stages were done over the weeks before the pilot, not all today."""
        prepared = program.date_start - timedelta(days=30)
        dates = {
            "goals": prepared,
            "integration_criteria": prepared,
            "program": prepared + timedelta(days=2),
            "evaluation_criteria": prepared + timedelta(days=2),
            "motivation": prepared + timedelta(days=9),
            "regulations": campaign_day - timedelta(days=2),
            "mentor_selection": campaign_day - timedelta(days=1),
            "campaign": campaign_day,
            "mentor_training": program.date_start - timedelta(days=3),
            "feedback": today - timedelta(days=PILOT_ANSWERS["employee_lea"][0]),
        }
        for stage in program.stage_ids.filtered(lambda s: s.state == "done" and s.code in dates):
            stage.date_done = dates[stage.code]


def minimal_pdf(text):
    """The bytes of a valid one-page A4 PDF that shows ``text`` in Helvetica.

    Written by hand (catalog, pages, page, font, content stream, and the
    cross-reference table with each object's byte offset): the demo needs
    no report engine for its regulations."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = b"BT /F1 14 Tf 72 770 Td (" + escaped.encode("latin-1") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)
