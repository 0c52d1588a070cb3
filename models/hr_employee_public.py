from odoo import fields, models


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # Whether a colleague is an approved mentor is public (mentees choose their
    # preferred mentors among them); the rest of the mentor status is HR's.
    is_approved_mentor = fields.Boolean(string="Approved Mentor", readonly=True)
