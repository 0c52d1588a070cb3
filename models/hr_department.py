from odoo import _, api, models
from odoo.exceptions import AccessError

# Who manages a department decides who heads its mentees in mentoring; so do
# its place in the tree (heads see sub-departments) and whether it is active.
GUARDED_FIELDS = ("manager_id", "parent_id", "company_id", "active")
MANAGED_KEY = "hr_mentoring.managed_departments"
CHAIN_KEY = "hr_mentoring.department_heads"


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.model
    def _mentoring_managed_departments(self):
        """Departments the current user manages (their sub-departments follow by child_of).

        The record rules of a head ask this, through the searchable
        ``is_department_head`` of the mentoring records (their department
        ``child_of`` these), and so do the role checks: it is looked up once
        per transaction and forgotten as soon as a department's manager or an
        employee's user changes (and at commit or rollback).
        """
        data = self.env.cr.precommit.data.setdefault(MANAGED_KEY, {})
        if self.env.uid not in data:
            # sudo: a user may not read every employee; we only match the
            # managers' users against the current user.
            data[self.env.uid] = (
                self.sudo().with_context(active_test=True).search([("manager_id.user_id", "=", self.env.uid)]).ids
            )
        return self.browse(data[self.env.uid])

    def _mentoring_head_chain(self):
        """{department id: [manager users]}: the users who head each department's
        employees, nearest first (the department's own manager, then the managers
        of its parent departments; archived departments and departments without a
        managing user give none).

        Who heads a mentee: the role checks (``_mentoring_head_pairings``: any
        head up the chain) and the pairing's ``_mentoring_head_users`` (the nearest head
        who is not the mentee: approvals, notifications, the participants of
        the campaign and the survey) read it; the record rules read
        ``_mentoring_managed_departments`` instead, the other way round.
        Batched (one read of all ancestors for any number of departments) and
        kept for the transaction, forgotten with the managed departments.
        """
        data = self.env.cr.precommit.data.setdefault(CHAIN_KEY, {})
        missing = [department_id for department_id in self.ids if department_id not in data]
        if missing:
            # sudo: department managers are looked up for roles and notifications;
            # the reader may not read every department or employee.
            departments = self.sudo().browse(missing)
            ancestry = {
                department.id: [int(x) for x in (department.parent_path or "").split("/") if x]
                for department in departments
            }
            ancestors = (
                self.sudo().with_context(active_test=False).browse({x for chain in ancestry.values() for x in chain})
            )
            manager_of = {d.id: d.manager_id.user_id for d in ancestors if d.active and d.manager_id.user_id}
            for department_id, chain in ancestry.items():
                data[department_id] = [manager_of[x].id for x in reversed(chain) if x in manager_of]
        Users = self.env["res.users"]
        return {department_id: Users.browse(data.get(department_id, [])) for department_id in self.ids}

    @api.model
    def _mentoring_forget_managed_departments(self):
        self.env.cr.precommit.data.pop(MANAGED_KEY, None)
        self.env.cr.precommit.data.pop(CHAIN_KEY, None)

    def _mentoring_check_guarded_fields(self, vals):
        """Odoo lets every employee write departments. Changing who manages one
        (directly, or by moving a department under one you manage) would make
        that user a department head in mentoring: keep it to HR officers."""
        if self.env.su or self.env.user.has_group("hr.group_hr_user"):
            return
        touched = [f for f in GUARDED_FIELDS if f in vals]
        if touched:
            raise AccessError(
                _(
                    "Only HR officers may change the %(fields)s of a department: it decides who heads its employees.",
                    fields=", ".join(self._fields[f]._description_string(self.env) for f in touched),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._mentoring_check_guarded_fields({k: v for k, v in vals.items() if v and k != "company_id"})
        departments = super().create(vals_list)
        self._mentoring_forget_managed_departments()
        departments.manager_id.user_id._mentoring_sync_role_groups()
        return departments

    def write(self, vals):
        self._mentoring_check_guarded_fields(vals)
        old_users = self.sudo().manager_id.user_id if {"manager_id", "active"} & set(vals) else None
        res = super().write(vals)
        if "parent_id" in vals:
            # the chain of heads above the moved departments changed
            self._mentoring_forget_managed_departments()
        if old_users is not None:
            self._mentoring_forget_managed_departments()
            (old_users | self.sudo().manager_id.user_id)._mentoring_sync_role_groups()
        return res

    def unlink(self):
        # not an ondelete check: the managers' menus are synced once the
        # departments are gone (only HR officers may delete departments)
        old_users = self.sudo().manager_id.user_id
        res = super().unlink()
        self._mentoring_forget_managed_departments()
        old_users._mentoring_sync_role_groups()
        return res
