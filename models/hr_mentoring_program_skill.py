from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HrMentoringProgramSkill(models.Model):
    """One line of a programme's target portrait: a skill of Odoo's
    ``hr_skills`` and the level an integrated newcomer has in it."""

    _name = "hr.mentoring.program.skill"
    _description = "Mentoring Programme Target Skill"
    _inherit = ["hr.mentoring.program.line.mixin"]
    _order = "program_id, sequence, id"

    skill_type_id = fields.Many2one(
        "hr.skill.type",
        compute="_compute_skill_type_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        ondelete="cascade",
    )
    skill_id = fields.Many2one(
        "hr.skill", required=True, ondelete="cascade", domain="[('skill_type_id', '=?', skill_type_id)]"
    )
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Target Level",
        required=True,
        ondelete="cascade",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    level_progress = fields.Integer(related="skill_level_id.level_progress", string="Target (%)")

    _sql_constraints = [
        ("skill_once", "UNIQUE (program_id, skill_id)", "A programme sets one target level per skill."),
    ]

    @api.depends("skill_id")
    def _compute_skill_type_id(self):
        for line in self:
            line.skill_type_id = line.skill_id.skill_type_id or line.skill_type_id

    @api.constrains("skill_type_id", "skill_id", "skill_level_id")
    def _check_skill_type(self):
        for line in self:
            if line.skill_id.skill_type_id != line.skill_type_id or line.skill_level_id.skill_type_id != (
                line.skill_type_id
            ):
                raise ValidationError(
                    _(
                        "The target %(skill)s: %(level)s mixes skill types: choose a skill and a level of %(type)s.",
                        skill=line.skill_id.name,
                        level=line.skill_level_id.name,
                        type=line.skill_type_id.name,
                    )
                )
