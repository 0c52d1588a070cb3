from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .state_machine import ANY_STATE, allowed_steps, check_step, step, take_step

_lt = LazyTranslate(__name__)

ADJUSTMENT_SOURCES = [
    ("feedback", "Participants' Feedback"),
    ("figure", "A Figure of the Programme"),
    ("stage", "A Stage of the Method"),
    ("other", "Other"),
]

# the buttons of a proposed adjustment (hr_mentoring.state_machine): coordinators only
STEPS = {
    "confirm": step(
        _lt("log an adjustment"),
        ("draft",),
        {"coordinator"},
        target="confirmed",
        wrong_states={ANY_STATE: _lt("This adjustment is already logged.")},
    ),
    "discard": step(
        _lt("discard an adjustment"),
        ("draft",),
        {"coordinator"},
        wrong_states={ANY_STATE: _lt("A logged adjustment stays: it is part of the programme's history.")},
    ),
}


class HrMentoringProgramAdjustment(models.Model):
    """What was changed in a programme after its pilot, and why (stage 12).

    A coordinator records one by hand, or confirms one that the module
    proposed (state ``draft``) when the pilot's plan, criteria or weights
    changed: confirming needs the reason.
    """

    _name = "hr.mentoring.program.adjustment"
    _description = "Mentoring Programme Adjustment"
    _order = "program_id, date desc, id desc"
    _mentoring_steps = STEPS

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
    can_confirm = fields.Boolean(compute="_compute_can")
    can_discard = fields.Boolean(compute="_compute_can")

    @api.depends("state", "company_id")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_can(self):
        allowed = allowed_steps(self, ["confirm", "discard"])
        for adjustment in self:
            adjustment.can_confirm = allowed["confirm"][adjustment.id]
            adjustment.can_discard = allowed["discard"][adjustment.id]

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
        check_step(self, "confirm")
        self.check_access("write")
        take_step(self, "confirm", {"user_id": self.env.uid, "date": fields.Date.context_today(self)})
        self._mentoring_log_in_chatter()
        self.program_id._mentoring_close_adjustment_activity()

    def action_discard(self):
        """Drop a proposed adjustment that is not worth logging."""
        check_step(self, "discard")
        self.check_access("write")
        self.unlink()

    def _mentoring_roles(self):
        """{adjustment id: {"coordinator"}} for the coordinators of its programme's company."""
        return self.env["hr.mentoring.role.mixin"]._mentoring_company_coordinator_roles(self)

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
