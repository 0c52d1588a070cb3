from collections import defaultdict

from odoo import _, api, fields, models

from .hr_mentoring_pairing import PHASE_ORDER


class HrMentoringPairing(models.Model):
    """What follows a pairing's steps: the head's approval activity, the plan
    settled when the pairing ends, the coach set on activation, pairings ended
    for archived employees, phase notices and fit alerts."""

    _inherit = "hr.mentoring.pairing"

    def _on_proposed(self):
        """The department head (or the coordinator) gets an activity to approve."""
        heads = self._head_users()
        self._mentoring_schedule_activities(
            [
                {
                    "record": pairing,
                    "type": "hr_mentoring.mail_activity_type_approval",
                    "user": heads.get(pairing.id) or pairing.program_id.coordinator_id,
                    # env._: a comprehension's frame has no self to take the language from
                    "summary": self.env._("Approve the pairing of %(mentee)s", mentee=pairing.mentee_id.name),
                }
                for pairing in self.sudo()
            ]
        )

    def _close_approval_activities(self):
        self._mentoring_close_activities("hr_mentoring.mail_activity_type_approval", done=False)

    def _settle_open_events(self):
        """An ended or cancelled pairing leaves no open work behind: its planned
        events are cancelled (their activities go with them) and the 'find out
        why' and escalation activities of its missed events are closed, so that
        nobody is asked to act on a pairing that is over. The missed events stay
        on record as missed."""
        # sudo: settling the plan is the consequence of the pairing's end, which
        # the caller was allowed to make (a mentor declining, a head ending)
        events = self.sudo().event_ids
        events.filtered(lambda e: e.state == "planned").write({"state": "cancelled"})
        events.filtered(lambda e: e.state == "missed")._mentoring_close_activities(
            ["hr_mentoring.mail_activity_type_missed", "hr_mentoring.mail_activity_type_escalation"],
            done=False,
        )

    def _on_activated(self):
        """A pairing became active: the activities of its planned events start
        (its plan was a draft until now), and optionally the mentor becomes
        the mentee's coach."""
        # sudo: the approver may not read every event of the plan (a head
        # reads them, a coordinator too); the activities are bookkeeping
        self.sudo().event_ids.filtered(lambda e: e.state == "planned")._sync_activities()
        for pairing in self.filtered(lambda p: p.company_id.mentoring_set_coach):
            if pairing.mentee_id.coach_id != pairing.mentor_id:
                # sudo: the department head approving may not write employees;
                # the company asked for this synchronisation in its settings.
                pairing.mentee_id.sudo().coach_id = pairing.mentor_id
                pairing.message_post(
                    body=_(
                        "%(mentor)s is now the coach of %(mentee)s.",
                        mentor=pairing.mentor_id.name,
                        mentee=pairing.mentee_id.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def _end_for_archived(self, employees):
        """Employees were archived: end their running pairings, cancel the pending ones."""
        today = fields.Date.context_today(self)
        for pairing in self:
            who = (pairing.mentor_id | pairing.mentee_id) & employees
            if pairing.state == "active":
                vals = {"state": "done"}
                if today > pairing.date_start and (not pairing.date_end or pairing.date_end > today):
                    vals["date_end"] = today
            else:
                vals = {"state": "cancelled"}
            # sudo: whoever archives the employee (an HR officer) need not be a
            # coordinator; ending the pairings is the consequence, not a choice.
            pairing.sudo().write(vals)
            pairing.message_post(
                body=_(
                    "This pairing was %(outcome)s because %(names)s was archived.",
                    outcome=_("ended") if vals["state"] == "done" else _("cancelled"),
                    names=", ".join(who.mapped("name")),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _head_users(self):
        """{pairing id: user} heading each pairing's mentee: the manager of the
        mentee's department, or of the nearest parent department with one (never
        the mentee themself)."""
        # sudo: the mentee's department and user, for notifications and display
        pairings = self.sudo()
        chains = pairings.department_id._mentoring_head_chain()
        result = {}
        for pairing in pairings:
            heads = chains.get(pairing.department_id.id, ()) if pairing.department_id else ()
            head = next((user for user in heads if user != pairing.mentee_id.user_id), None)
            if head:
                result[pairing.id] = head.with_env(self.env)
        return result

    def _notify_new_phase(self):
        """Tell mentor and mentee that their pairing entered a new phase (seed 000: a coordinator's duty)."""
        template = self.env.ref("hr_mentoring.mail_template_pairing_new_phase")
        for pairing in self.sudo():
            users = pairing.mentor_id.user_id | pairing.mentee_id.user_id
            # one notice per language of its readers (mostly one)
            for lang, readers in users.grouped(lambda u: u.lang or self.env.lang).items():
                pairing.with_context(lang=lang).message_post_with_source(
                    template,
                    partner_ids=readers.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                )

    def _flag_fit_concern(self, evaluations):
        """A low fit check flags the pairing for the coordinator, who gets an
        activity on the fit check itself (which only the mentee and the
        coordinators read), not on the pairing that mentor and head read."""
        # sudo: the mentee submitting the check may not write the pairing;
        # the flag is the system's consequence of their answer.
        self.sudo().filtered(lambda p: not p.fit_concern).write({"fit_concern": True})
        evaluations._mentoring_schedule_activities(
            [
                {
                    "record": evaluation,
                    "type": "hr_mentoring.mail_activity_type_fit",
                    "user": evaluation.program_id.coordinator_id,
                    "summary": self.env._("Low pairing fit check: look into this pairing"),
                }
                for evaluation in evaluations.sudo()
            ]
        )

    @api.model
    def _cron_advance_phases(self):
        """Move active pairings to the phase of their plan's current events and notify them."""
        today = fields.Date.context_today(self)
        groups = (
            self.env["hr.mentoring.event"]
            .sudo()
            ._read_group(
                [
                    ("pairing_id.state", "=", "active"),
                    ("date_due", "<=", today),
                    ("state", "!=", "cancelled"),
                    ("phase", "!=", False),
                ],
                ["pairing_id", "phase"],
            )
        )
        current = {}
        for pairing, phase in groups:
            if PHASE_ORDER[phase] > PHASE_ORDER.get(current.get(pairing.id), -1):
                current[pairing.id] = phase
        by_phase = defaultdict(list)
        for pairing in self.sudo().browse(list(current)):
            if PHASE_ORDER[current[pairing.id]] > PHASE_ORDER[pairing.phase]:
                by_phase[current[pairing.id]].append(pairing.id)
        moved = self.browse()
        for phase, pairing_ids in by_phase.items():
            pairings = self.sudo().browse(pairing_ids)
            pairings.write({"phase": phase})
            moved |= pairings
        return moved.with_env(self.env)
