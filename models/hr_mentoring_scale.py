from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .hr_mentoring_tools import check_name_length


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


class HrMentoringCriterion(models.Model):
    _name = "hr.mentoring.criterion"
    _description = "Evaluation Criterion"
    _order = "subject, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    description = fields.Text(string="What Is Rated", translate=True)
    subject = fields.Selection(
        [("mentee", "Mentee"), ("mentor", "Mentor"), ("fit", "Pairing Fit")],
        string="Rates",
        required=True,
        default="mentee",
    )
    scale_id = fields.Many2one("hr.mentoring.scale", required=True)

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)
