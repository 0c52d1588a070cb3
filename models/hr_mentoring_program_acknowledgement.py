from odoo import fields, models

PARTICIPANT_ROLES = [
    ("mentee", "Mentee"),
    ("mentor", "Mentor"),
    ("head", "Department Head"),
]


class HrMentoringProgramAcknowledgement(models.Model):
    """One participant of a programme's information campaign: they have read
    (or still have to read) the programme's current regulations."""

    _name = "hr.mentoring.program.acknowledgement"
    _description = "Mentoring Regulations Acknowledgement"
    _order = "program_id, date_acknowledged desc, id"
    _rec_names_search = ["employee_id", "program_id"]

    program_id = fields.Many2one("hr.mentoring.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    employee_id = fields.Many2one("hr.employee", string="Participant", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True, index=True)
    role = fields.Selection(PARTICIPANT_ROLES, required=True)
    regulation_version = fields.Integer(
        string="Version Acknowledged", help="The version of the regulations the participant acknowledged."
    )
    date_acknowledged = fields.Datetime(string="Acknowledged On", copy=False)

    _sql_constraints = [
        (
            "program_employee_unique",
            "UNIQUE(program_id, employee_id)",
            "A participant acknowledges a programme's regulations once.",
        ),
    ]
