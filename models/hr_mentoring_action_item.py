from odoo import api, fields, models

from .input_checks import check_name_length


class HrMentoringActionItem(models.Model):
    """One line of a discussion's action plan."""

    _name = "hr.mentoring.action.item"
    _description = "Mentoring Action Item"
    _inherit = ["hr.mentoring.role.mixin"]
    _order = "done, deadline, id"
    _mentoring_pairing_path = "event_id.pairing_id"
    _mentoring_writable_fields = {
        "mentor": {"name", "owner", "deadline", "done"},
        "mentee": {"done"},
    }

    event_id = fields.Many2one("hr.mentoring.event", required=True, index=True, ondelete="cascade")
    pairing_id = fields.Many2one(related="event_id.pairing_id", store=True, index=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    name = fields.Char(string="Action", required=True)
    owner = fields.Selection(
        [("mentee", "Mentee"), ("mentor", "Mentor"), ("both", "Both")], required=True, default="mentee"
    )
    deadline = fields.Date()
    done = fields.Boolean()

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)

    def write(self, vals):
        self._mentoring_check_write(vals)
        return super().write(vals)
