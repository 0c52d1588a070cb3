from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HrMentoringDeclineWizard(models.TransientModel):
    _name = "hr.mentoring.decline.wizard"
    _description = "Decline a Proposed Pairing"
    _inherit = ["hr.mentoring.wizard.mixin"]
    _mentoring_wizard_fields = {"pairing_id": {"mentor", "coordinator"}}

    pairing_id = fields.Many2one("hr.mentoring.pairing", required=True, ondelete="cascade")
    reason = fields.Text(required=True, help="Tell the coordinator why, so that they can propose someone else.")

    @api.model
    def _mentoring_wizard_action(self):
        return _("decline this pairing")

    def action_decline(self):
        """The mentor declines before the department head approves. The reason
        goes to the coordinator and the head only: the mentee reads the
        pairing and its chatter."""
        self.ensure_one()
        pairing = self.pairing_id
        pairing._mentoring_check_role(self._mentoring_wizard_fields["pairing_id"], self._mentoring_wizard_action())
        if pairing.state != "proposed":
            raise UserError(_("Only a proposed pairing can be declined."))
        # sudo: role and state were checked above; the reason is a
        # coordinator-only field that the mentor fills through this wizard.
        pairing.sudo().write({"state": "cancelled", "decline_reason": self.reason})
        recipients = pairing.sudo().program_id.coordinator_id | pairing._mentoring_head_users().get(
            pairing.id, self.env["res.users"]
        )
        if recipients:
            pairing.message_notify(
                subject=_("Pairing declined: %(pairing)s", pairing=pairing.display_name),
                body=_("%(user)s declined this pairing: %(reason)s", user=self.env.user.name, reason=self.reason),
                partner_ids=recipients.partner_id.ids,
            )
        pairing.message_post(
            body=_("%(user)s declined this pairing.", user=self.env.user.name), subtype_xmlid="mail.mt_note"
        )
        return {"type": "ir.actions.act_window_close"}
