from odoo import api, fields, models

from .input_checks import check_name_length

OBJECTIVE_KINDS = [("goal", "Programme Goal"), ("expected_result", "Expected Result")]


class HrMentoringProgramObjective(models.Model):
    """One goal or expected result of a programme, as a line that a mentee's
    goal can serve. The programme's ``goals`` and ``expected_results`` texts
    stay as the narrative; these lines are what the goals link to and what
    the reports count."""

    _name = "hr.mentoring.program.objective"
    _description = "Mentoring Programme Objective"
    _inherit = ["hr.mentoring.program.line.mixin"]
    _order = "program_id, kind, sequence, id"

    kind = fields.Selection(OBJECTIVE_KINDS, required=True, default="goal")
    name = fields.Char(string="Objective", required=True, translate=True)
    goal_ids = fields.One2many("hr.mentoring.goal", "objective_id", string="Mentees' Goals")

    @api.depends("name", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for objective in self:
            objective.display_name = f"{kinds.get(objective.kind, '')}: {objective.name or ''}"

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)
