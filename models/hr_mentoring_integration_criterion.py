from odoo import api, fields, models

from .input_checks import check_name_length


class HrMentoringIntegrationCriterion(models.Model):
    """One line of a programme's integration criteria: when is a newcomer
    integrated? The programme's ``integration_criteria`` text stays as the
    narrative; these lines are what is checked per mentee."""

    _name = "hr.mentoring.integration.criterion"
    _description = "Mentoring Integration Criterion"
    _inherit = ["hr.mentoring.program.line.mixin"]
    _order = "program_id, sequence, id"

    name = fields.Char(string="Criterion", required=True, translate=True)
    description = fields.Text(translate=True, help="What the mentor and the department head look at.")

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)
