from odoo import _, api, fields, models

from ..models.hr_mentoring_pairing import PAUSE_REQUEST_ROLES, PAUSE_ROLES
from ..models.state_machine import allowed_steps


class HrMentoringPauseWizard(models.TransientModel):
    """Pause a pairing (coordinator or department head), or ask to pause it
    (its mentor): the reason and the expected return."""

    _name = "hr.mentoring.pause.wizard"
    _description = "Pause a Mentoring Pairing"
    _inherit = ["hr.mentoring.wizard.mixin"]
    _mentoring_wizard_fields = {"pairing_id": PAUSE_ROLES | PAUSE_REQUEST_ROLES}

    pairing_id = fields.Many2one("hr.mentoring.pairing", required=True, ondelete="cascade")
    reason = fields.Text(required=True, help="Why the pairing pauses: a long leave, a project peak...")
    return_date = fields.Date(string="Expected Return", required=True)
    auto_resume = fields.Boolean(
        string="Resume on the Return Date",
        default=True,
        help="The pairing resumes by itself on the expected return date. Otherwise the coordinator or the "
        "department head resumes it.",
    )
    free_place = fields.Boolean(
        string="Free the Mentor's Place",
        help="Coordinators only: the mentor's capacity does not count this pairing while it is paused.",
    )
    is_request = fields.Boolean(compute="_compute_is_request")
    can_free_place = fields.Boolean(compute="_compute_is_request")

    @api.depends("pairing_id")
    @api.depends_context("uid")
    def _compute_is_request(self):
        coordinator = self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator()
        for wizard in self:
            may_pause = bool(wizard.pairing_id) and allowed_steps(wizard.pairing_id, ["pause"])["pause"].get(
                wizard.pairing_id.id, False
            )
            wizard.is_request = bool(wizard.pairing_id) and not may_pause
            wizard.can_free_place = coordinator and may_pause

    @api.model
    def _mentoring_wizard_action(self):
        return _("pause this pairing")

    def action_confirm(self):
        """The coordinator or the head pauses the pairing; its mentor asks
        the department head (the coordinator when there is none) to pause it."""
        pairing = self._mentoring_checked_record("pairing_id")
        if not allowed_steps(pairing, ["pause"])["pause"][pairing.id]:
            pairing._mentoring_request_pause(self.reason, self.return_date)
        else:
            pairing._mentoring_pause(
                self.reason, self.return_date, auto_resume=self.auto_resume, free_place=self.free_place
            )
        return {"type": "ir.actions.act_window_close"}
