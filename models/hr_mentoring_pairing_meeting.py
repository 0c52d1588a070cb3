from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .hr_mentoring_meeting_mixin import MEETING_TYPES
from .meeting_slots import SCHEDULE_ROLES


class HrMentoringPairing(models.Model):
    """The plan in the Calendar: the mentor (or a coordinator) schedules all
    the discussions and feedback still without meeting at once, seeing each
    proposed slot before anything is sent."""

    _inherit = "hr.mentoring.pairing"

    can_schedule_meetings = fields.Boolean(compute="_compute_can_schedule_meetings")

    @api.depends("state", "event_ids.state", "event_ids.calendar_event_id")
    @api.depends_context("uid")
    def _compute_can_schedule_meetings(self):
        roles = self._mentoring_roles()
        allowed = self.filtered(lambda p: p.state == "active" and roles.get(p.id, set()) & SCHEDULE_ROLES)
        waiting = set()
        if allowed.ids:
            # sudo: only whether events wait for a meeting, one query for all the pairings
            groups = (
                self.env["hr.mentoring.event"]
                .sudo()
                ._read_group(self._mentoring_meetings_to_schedule_domain(allowed), ["pairing_id"])
            )
            waiting = {pairing.id for (pairing,) in groups}
        for pairing in self:
            pairing.can_schedule_meetings = pairing.id in waiting

    def action_open_meeting_wizard(self):
        """Propose a slot for each planned discussion and feedback without
        meeting, in a wizard that creates the meetings only on Confirm."""
        self.ensure_one()
        self._mentoring_check_role(SCHEDULE_ROLES, _("schedule the meetings of this pairing"))
        if self.state != "active":
            raise UserError(_("Meetings are scheduled for active pairings."))
        if not self.env["hr.mentoring.event"].search_count(self._mentoring_meetings_to_schedule_domain(self)):
            raise UserError(_("Every planned discussion and feedback of this plan already has its meeting."))
        wizard = self.env["hr.mentoring.meeting.wizard"].create({"pairing_id": self.id})
        wizard._mentoring_propose()
        return wizard._mentoring_reopen()

    @api.model
    def _mentoring_meetings_to_schedule_domain(self, pairings):
        return [
            ("pairing_id", "in", pairings.ids),
            ("state", "=", "planned"),
            ("event_type", "in", MEETING_TYPES),
            ("calendar_event_id", "=", False),
        ]
