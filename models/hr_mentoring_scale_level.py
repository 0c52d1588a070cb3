from odoo import api, fields, models

from .input_checks import check_name_length


class HrMentoringScaleLevel(models.Model):
    _name = "hr.mentoring.scale.level"
    _description = "Behavioural Scale Level"
    _order = "scale_id, value, id"

    scale_id = fields.Many2one("hr.mentoring.scale", required=True, index=True, ondelete="cascade")
    value = fields.Integer(required=True)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(string="Observable Behaviour", translate=True)
    normalized = fields.Float(
        string="Score (%)", compute="_compute_normalized", help="The level's place on the scale, 0 to 100."
    )

    @api.depends("value", "scale_id.level_ids.value")
    def _compute_normalized(self):
        for level in self:
            low, high = level.scale_id.min_value, level.scale_id.max_value
            level.normalized = 100.0 * (level.value - low) / (high - low) if high > low else 100.0

    @api.depends("value", "name")
    def _compute_display_name(self):
        for level in self:
            level.display_name = f"{level.value} - {level.name}"

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)
