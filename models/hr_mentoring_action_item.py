from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .input_checks import check_name_length


class HrMentoringActionItem(models.Model):
    """One line of a discussion's action plan."""

    _name = "hr.mentoring.action.item"
    _description = "Mentoring Action Item"
    _inherit = ["hr.mentoring.role.mixin"]
    _order = "done, deadline, id"
    _mentoring_pairing_path = "event_id.pairing_id"
    _mentoring_writable_fields = {
        "mentor": {"name", "owner", "deadline", "done", "goal_ids"},
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
    goal_ids = fields.Many2many(
        "hr.mentoring.goal",
        "hr_mentoring_action_item_goal_rel",
        "action_item_id",
        "goal_id",
        string="Serves the Goals",
        domain="[('pairing_id', '=', pairing_id), ('state', '!=', 'dropped')]",
    )

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)

    @api.constrains("goal_ids", "event_id")
    def _check_goals(self):
        for item in self.sudo():
            if item.goal_ids.pairing_id - item.event_id.pairing_id:
                raise ValidationError(
                    _("The action %(action)s serves the goals of its own pairing only.", action=item.name)
                )

    def write(self, vals):
        self._mentoring_check_write(vals)
        return super().write(vals)
