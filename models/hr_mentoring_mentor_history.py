from odoo import fields, models


class HrMentoringMentorHistory(models.Model):
    """Coordinator-only log of a mentor's status and selection evidence.

    The employee's own chatter is readable by every HR officer and, through
    "My Profile", by the employee: the evidence of a selection is not.
    """

    _name = "hr.mentoring.mentor.history"
    _description = "Mentor History"
    _order = "create_date desc, id desc"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    field_name = fields.Char(required=True)
    field_label = fields.Char(string="Field", compute="_compute_field_label")
    old_value = fields.Char(string="Before")
    new_value = fields.Char(string="After")
    user_id = fields.Many2one("res.users", string="Changed By", default=lambda self: self.env.user, readonly=True)

    def _compute_field_label(self):
        employee_fields = self.env["hr.employee"]._fields
        for line in self:
            field = employee_fields.get(line.field_name)
            line.field_label = field._description_string(self.env) if field else line.field_name
