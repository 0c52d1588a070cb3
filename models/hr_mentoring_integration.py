from odoo import fields, models


class HrMentoringProgram(models.Model):
    _inherit = "hr.mentoring.program"

    integration_criterion_ids = fields.One2many(
        "hr.mentoring.integration.criterion", "program_id", string="Integration Checklist"
    )
