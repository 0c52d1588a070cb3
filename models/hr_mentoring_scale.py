from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .input_checks import check_name_length


class HrMentoringScale(models.Model):
    """A behaviourally anchored rating scale: ordered levels, each describing
    what the rater observes at that level."""

    _name = "hr.mentoring.scale"
    _description = "Behavioural Rating Scale"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Leave empty to share the scale between companies.")
    description = fields.Text(translate=True)
    level_ids = fields.One2many("hr.mentoring.scale.level", "scale_id", string="Levels", copy=True)
    level_count = fields.Integer(compute="_compute_bounds")
    min_value = fields.Integer(compute="_compute_bounds")
    max_value = fields.Integer(compute="_compute_bounds")

    @api.depends("level_ids.value")
    def _compute_bounds(self):
        for scale in self:
            values = scale.level_ids.mapped("value")
            scale.level_count = len(values)
            scale.min_value = min(values, default=0)
            scale.max_value = max(values, default=0)

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)

    @api.constrains("level_ids")
    def _check_levels(self):
        for scale in self:
            values = scale.level_ids.mapped("value")
            if len(values) != len(set(values)):
                raise ValidationError(_("Two levels of the scale %(scale)s have the same value.", scale=scale.name))
