from odoo import fields, models


class HrMentoringProgramLineMixin(models.AbstractModel):
    """A line of a programme's set-up (an integration criterion, a goal or
    expected result, a target skill): deleted with its programme, in its
    company for the company rule, in the order the coordinator gives it."""

    _name = "hr.mentoring.program.line.mixin"
    _description = "Mentoring: Line of a Programme"

    program_id = fields.Many2one(
        "hr.mentoring.program", string="Programme", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
