from odoo import _, fields, models


class HrMentoringDeclineWizard(models.TransientModel):
    _name = "hr.mentoring.decline.wizard"
    _description = "Decline a Proposed Pairing"

    pairing_id = fields.Many2one("hr.mentoring.pairing", required=True, ondelete="cascade")
    reason = fields.Text(required=True, help="Tell the coordinator why, so that they can propose someone else.")

    def action_decline(self):
        self.ensure_one()
        self.pairing_id.write({"state": "cancelled", "decline_reason": self.reason})
        self.pairing_id.message_post(
            body=_("%(user)s declined this pairing: %(reason)s", user=self.env.user.name, reason=self.reason),
            subtype_xmlid="mail.mt_comment",
        )
        return {"type": "ir.actions.act_window_close"}
