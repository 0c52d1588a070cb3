from odoo import api, fields, models

from .input_checks import check_name_length


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
    skill_id = fields.Many2one(
        "hr.skill",
        ondelete="set null",
        help="The skill of Odoo's employee skills this criterion rates. A mentee's submitted evaluation then "
        "proposes a new level of the skill, which the mentor or a coordinator confirms; a mentor criterion "
        "compares mentor candidates with the levels on their records.",
    )

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)
