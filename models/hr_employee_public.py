from odoo import fields, models

from .hr_employee import MENTOR_STATES


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # Whether a colleague is an approved mentor is public: mentees choose their
    # preferred mentors among them.
    mentor_state = fields.Selection(MENTOR_STATES, string="Mentor Status", readonly=True)
