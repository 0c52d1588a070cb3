from odoo import fields, models


class HrMentoringProgramAdjustment(models.Model):
    """What was changed in a programme after its pilot, and why (stage 12)."""

    _name = "hr.mentoring.program.adjustment"
    _description = "Mentoring Programme Adjustment"
    _order = "program_id, date desc, id desc"

    program_id = fields.Many2one("hr.mentoring.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    name = fields.Char(string="What Changed", required=True)
    reason = fields.Text(required=True)
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda self: self.env.user)
