from odoo import api, fields, models

# The twelve stages of introducing coach-mentoring (seed 000), in their order.
PROGRAM_STAGES = [
    ("goals", "Goals and expected results"),
    ("integration_criteria", "Integration criteria"),
    ("program", "Mentoring programme"),
    ("evaluation_criteria", "Evaluation criteria"),
    ("motivation", "Motivation of mentors"),
    ("regulations", "Regulations"),
    ("mentor_selection", "Mentor selection"),
    ("campaign", "Information campaign"),
    ("mentor_training", "Mentor training"),
    ("pilot", "Pilot"),
    ("feedback", "Participants' feedback"),
    ("adjustment", "Adjustment"),
]

STAGE_STATES = [
    ("todo", "To Do"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("skipped", "Skipped"),
]


class HrMentoringProgramStage(models.Model):
    _name = "hr.mentoring.program.stage"
    _description = "Mentoring Programme Stage"
    _order = "program_id, sequence, id"

    program_id = fields.Many2one("hr.mentoring.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    code = fields.Selection(PROGRAM_STAGES, required=True, readonly=True)
    name = fields.Char(required=True, translate=True)
    state = fields.Selection(STAGE_STATES, required=True, default="todo")
    responsible_id = fields.Many2one("res.users")
    date_done = fields.Date(string="Done On")
    note = fields.Text()
    skip_reason = fields.Text(string="Reason Skipped")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "hr_mentoring_program_stage_attachment_rel",
        "stage_id",
        "attachment_id",
        string="Evidence",
    )

    _sql_constraints = [
        ("program_code_unique", "UNIQUE(program_id, code)", "A programme has each stage of the method once."),
    ]

    @api.model
    def _mentoring_stage_values(self, program):
        """The values of the twelve stages of a new programme."""
        labels = dict(self._fields["code"]._description_selection(self.env))
        return [
            {"program_id": program.id, "sequence": index, "code": code, "name": labels[code]}
            for index, (code, _label) in enumerate(PROGRAM_STAGES, start=1)
        ]
