from odoo import api, fields, models
from odoo.osv import expression

from .input_checks import boolean_search_domain


class HrMentoringDepartmentMixin(models.AbstractModel):
    """ "In My Departments" for the records that carry an employee's
    ``department_id`` outside a pairing (a participant's acknowledgement, a
    monitoring row): the current user manages that department or one of its
    parents. Records of a pairing read it from the pairing instead
    (hr.mentoring.role.mixin), where a head who is the mentee is left out."""

    _name = "hr.mentoring.department.mixin"
    _description = "Mentoring: In My Departments"

    is_department_head = fields.Boolean(
        string="In My Departments",
        compute="_compute_is_department_head",
        search="_search_is_department_head",
        help="The department is one the current user manages, or one of its sub-departments.",
    )

    @api.depends_context("uid")
    def _compute_is_department_head(self):
        departments = self.env["hr.department"]._mentoring_managed_departments()
        # sudo: only which departments lie under the user's is looked at
        managed = set(departments.sudo().search([("id", "child_of", departments.ids)]).ids) if departments else set()
        for record in self:
            record.is_department_head = record.sudo().department_id.id in managed

    def _search_is_department_head(self, operator, value):
        departments = self.env["hr.department"]._mentoring_managed_departments()
        domain = [("department_id", "child_of", departments.ids)] if departments else expression.FALSE_DOMAIN
        return boolean_search_domain(self, "is_department_head", operator, value, domain)
