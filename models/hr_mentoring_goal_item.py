from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .input_checks import check_name_length


class HrMentoringGoalItem(models.Model):
    """One item of a goal's checklist: the goal's progress is the share of
    its items done. The items are part of what mentor and mentee agree on:
    adding, removing or renaming one asks them to agree again."""

    _name = "hr.mentoring.goal.item"
    _description = "Mentoring Goal Checklist Item"
    _inherit = ["hr.mentoring.role.mixin"]
    _order = "goal_id, sequence, id"
    _mentoring_pairing_path = "goal_id.pairing_id"
    _mentoring_writable_fields = {
        "mentor": {"name", "sequence", "done"},
        "mentee": {"name", "sequence", "done"},
    }

    goal_id = fields.Many2one("hr.mentoring.goal", required=True, index=True, ondelete="cascade")
    pairing_id = fields.Many2one(related="goal_id.pairing_id", store=True, index=True)
    company_id = fields.Many2one(related="goal_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True)
    done = fields.Boolean()

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items.goal_id._mentoring_items_changed()
        return items

    def write(self, vals):
        self._mentoring_check_write(vals)
        if "goal_id" in vals and not self._mentoring_is_coordinator():
            raise AccessError(_("A checklist item stays in the goal it was written for."))
        renamed = self.filtered(lambda item: item.name != vals["name"]) if "name" in vals else self.browse()
        goals = self.goal_id
        res = super().write(vals)
        if renamed:
            renamed.goal_id._mentoring_items_changed()
        if "done" in vals:
            goals._mentoring_update_reached()
        return res

    def unlink(self):
        goals = self.goal_id
        res = super().unlink()
        goals.exists()._mentoring_items_changed()
        return res
