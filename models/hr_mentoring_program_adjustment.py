from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

ADJUSTMENT_SOURCES = [
    ("feedback", "Participants' Feedback"),
    ("figure", "A Figure of the Programme"),
    ("stage", "A Stage of the Method"),
    ("other", "Other"),
]


class HrMentoringProgramAdjustment(models.Model):
    """What was changed in a programme after its pilot, and why (stage 12).

    A coordinator records one by hand, or confirms one that the module
    proposed (state ``draft``) when the pilot's plan, criteria or weights
    changed: confirming needs the reason.
    """

    _name = "hr.mentoring.program.adjustment"
    _description = "Mentoring Programme Adjustment"
    _order = "program_id, date desc, id desc"

    program_id = fields.Many2one("hr.mentoring.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    state = fields.Selection(
        [("draft", "To Confirm"), ("confirmed", "Logged")],
        required=True,
        default="confirmed",
        help="To Confirm: proposed by the module after a change during the pilot; the coordinator gives the reason.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    name = fields.Char(string="What Changed", required=True)
    reason = fields.Text(help="Why it changed: what the feedback or the figures showed.")
    source = fields.Selection(ADJUSTMENT_SOURCES, string="Caused By")
    source_note = fields.Char(string="Source Details", help="e.g. the figure or the answers that led to the change.")
    # the answer or stage behind it: coordinators only (a survey answer is theirs to read)
    source_ref = fields.Reference(
        [("survey.user_input", "Survey Answer"), ("hr.mentoring.program.stage", "Stage of the Method")],
        string="Source Record",
        groups="hr_mentoring.group_mentoring_coordinator",
    )
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda self: self.env.user)

    @api.constrains("state", "reason")
    def _check_reason(self):
        for adjustment in self:
            if adjustment.state == "confirmed" and not (adjustment.reason or "").strip():
                raise ValidationError(
                    _("Say why the programme changed: the adjustment %(name)s needs a reason.", name=adjustment.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        adjustments = super().create(vals_list)
        adjustments.filtered(lambda a: a.state == "confirmed")._mentoring_log_in_chatter()
        adjustments.program_id._mentoring_update_auto_stages()
        return adjustments

    def write(self, vals):
        programs = self.program_id
        res = super().write(vals)
        if "state" in vals or "program_id" in vals:
            (programs | self.program_id)._mentoring_update_auto_stages()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_logged(self):
        logged = self.filtered(lambda a: a.state == "confirmed")
        if logged:
            raise UserError(
                _(
                    "A logged adjustment stays: it is part of the programme's history (%(name)s).",
                    name=logged[0].name,
                )
            )

    def unlink(self):
        programs = self.program_id
        res = super().unlink()
        programs.exists()._mentoring_update_auto_stages()
        programs.exists()._mentoring_close_adjustment_activity()
        return res

    def action_confirm(self):
        """Log a proposed adjustment: coordinators, with a reason."""
        self._mentoring_check_coordinator(_("log an adjustment"))
        if any(adjustment.state != "draft" for adjustment in self):
            raise UserError(_("This adjustment is already logged."))
        self.write({"state": "confirmed", "user_id": self.env.uid, "date": fields.Date.context_today(self)})
        self._mentoring_log_in_chatter()
        self.program_id._mentoring_close_adjustment_activity()

    def action_discard(self):
        """Drop a proposed adjustment that is not worth logging."""
        self._mentoring_check_coordinator(_("discard an adjustment"))
        if any(adjustment.state != "draft" for adjustment in self):
            raise UserError(_("A logged adjustment stays: it is part of the programme's history."))
        self.unlink()

    def _mentoring_check_coordinator(self, action_label):
        self.env["hr.mentoring.role.mixin"]._mentoring_check_coordinator(action_label)
        self.check_access("write")

    def _mentoring_log_in_chatter(self):
        for adjustment in self:
            adjustment.program_id.message_post(
                body=_(
                    "Adjustment logged: %(what)s. Reason: %(reason)s",
                    what=adjustment.name,
                    reason=adjustment.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
