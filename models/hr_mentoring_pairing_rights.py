from odoo import api, fields, models

from .hr_mentoring_pairing import DECLINE_ROLES, LOG_DISCUSSION_ROLES, PLAN_ROLES, PLAN_STATES, TRANSITIONS

# button permission -> target state of the step it makes (TRANSITIONS decides who)
STEP_BUTTONS = {
    "can_propose": "proposed",
    "can_approve": "active",
    "can_done": "done",
    "can_cancel": "cancelled",
    "can_reset": "draft",
}


class HrMentoringPairing(models.Model):
    """What the current user may do on a pairing, as hr_holidays' can_approve:
    the forms show a button only to whoever may press it and make a field
    read-only for whoever may not write it. The server checks stay where they
    are (TRANSITIONS, _mentoring_check_role): these booleans read them."""

    _inherit = "hr.mentoring.pairing"

    # what the current user may do here (hr_holidays' can_approve style): the
    # buttons and fields show only what the server would accept
    can_propose = fields.Boolean(compute="_compute_can_buttons")
    can_approve = fields.Boolean(compute="_compute_can_buttons")
    can_done = fields.Boolean(compute="_compute_can_buttons")
    can_cancel = fields.Boolean(compute="_compute_can_buttons")
    can_reset = fields.Boolean(compute="_compute_can_buttons")
    can_decline = fields.Boolean(compute="_compute_can_buttons")
    can_plan = fields.Boolean(compute="_compute_can_buttons")
    can_log_discussion = fields.Boolean(compute="_compute_can_buttons")
    can_edit = fields.Boolean(compute="_compute_can_buttons", help="The user may change every field (coordinators).")
    can_edit_date_end = fields.Boolean(compute="_compute_can_buttons")

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can_buttons(self):
        roles = self._mentoring_roles()
        # sudo: only whether a decline reason exists (coordinators read it)
        reasons = {pairing.id: bool(pairing.decline_reason) for pairing in self.sudo()}
        editor = self._mentoring_is_coordinator()
        for pairing in self:
            pairing_roles = roles[pairing.id]
            for fname, new_state in STEP_BUTTONS.items():
                pairing[fname] = pairing._can_step(new_state, pairing_roles, reasons[pairing.id])
            pairing.can_decline = pairing.state == "proposed" and bool(pairing_roles & DECLINE_ROLES)
            pairing.can_plan = pairing.state in PLAN_STATES and bool(pairing_roles & PLAN_ROLES)
            pairing.can_log_discussion = pairing.state == "active" and bool(pairing_roles & LOG_DISCUSSION_ROLES)
            pairing.can_edit = editor
            pairing.can_edit_date_end = editor or any(
                "date_end" in self._mentoring_writable_fields.get(role, ()) for role in pairing_roles
            )

    def _can_step(self, new_state, roles, has_decline_reason):
        """Whether a user with ``roles`` may move this pairing to ``new_state``:
        the rule of _check_state_transition, read from TRANSITIONS."""
        self.ensure_one()
        if self.env.su:
            return (self.state, new_state) in TRANSITIONS
        allowed = TRANSITIONS.get((self.state, new_state), set())
        if not roles & allowed:
            return False
        # a mentor alone cancels only with a reason, through the decline wizard
        return roles != {"mentor"} or has_decline_reason
