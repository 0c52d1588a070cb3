from odoo import _, api, fields, models
from odoo.tools.translate import LazyTranslate

from ..models.hr_mentoring_pairing import DECLINE_ROLES
from ..models.state_machine import check_step

_lt = LazyTranslate(__name__)


class HrMentoringDeclineWizard(models.TransientModel):
    _name = "hr.mentoring.decline.wizard"
    _description = "Decline a Proposed Pairing"
    _inherit = ["hr.mentoring.wizard.mixin"]
    _mentoring_wizard_fields = {"pairing_id": DECLINE_ROLES}

    pairing_id = fields.Many2one("hr.mentoring.pairing", required=True, ondelete="cascade")
    reason = fields.Text(required=True, help="Tell the coordinator why, so that they can propose someone else.")

    @api.model
    def _mentoring_wizard_action(self):
        return _("decline this pairing")

    def action_decline(self):
        """The mentor declines before the department head approves. The reason
        goes to the coordinator and the head only: the mentee reads the
        pairing and its chatter."""
        pairing = self._mentoring_checked_record("pairing_id")
        # the rule of the pairing's Decline button, which opened this wizard
        check_step(pairing, "decline")
        # sudo: role and state were checked above; the reason is a
        # coordinator-only field that the mentor fills through this wizard.
        pairing.sudo().write({"state": "cancelled", "decline_reason": self.reason})
        recipients = pairing.sudo().program_id.coordinator_id | pairing._mentoring_head_users().get(
            pairing.id, self.env["res.users"]
        )
        # each recipient reads it in their language (the pairing's name too)
        name = _lt("%(mentee)s with %(mentor)s", mentee=pairing.mentee_id.name, mentor=pairing.mentor_id.name)
        pairing._mentoring_notify(
            recipients,
            subject=_lt("Pairing declined: %(pairing)s", pairing=name),
            body=_lt("%(user)s declined this pairing: %(reason)s", user=self.env.user.name, reason=self.reason),
        )
        pairing.message_post(
            body=_("%(user)s declined this pairing.", user=self.env.user.name), subtype_xmlid="mail.mt_note"
        )
        return {"type": "ir.actions.act_window_close"}
