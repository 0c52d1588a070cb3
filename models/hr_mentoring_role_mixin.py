from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools.i18n import format_list

from .input_checks import boolean_search_domain
from .state_machine import check_step

COORDINATOR_GROUP = "hr_mentoring.group_mentoring_coordinator"

# Fields the ORM or mail.thread write on behalf of any reader of a record.
ALWAYS_WRITABLE = frozenset(
    {
        "message_main_attachment_id",
        "write_date",
        "write_uid",
        "activity_ids",
        "message_follower_ids",
    }
)


class HrMentoringRoleMixin(models.AbstractModel):
    """Who is the current user for a mentoring record?

    Coordinators are a group; mentors, mentees and department heads follow from
    the data of the pairing the record belongs to. Record rules decide what a
    user may read or write at all; this mixin decides *which fields* a role may
    change and is used by the public buttons to refuse callers whose role does
    not allow the step, also over RPC.
    """

    _name = "hr.mentoring.role.mixin"
    _inherit = ["hr.mentoring.department.mixin"]
    _description = "Mentoring role helpers"

    # path from the record to its pairing; '' for the pairing itself
    _mentoring_pairing_path = "pairing_id"
    # role -> fields that role may write directly (coordinators write all)
    _mentoring_writable_fields = {}

    # "In My Departments" (hr.mentoring.department.mixin), read from the pairing
    is_department_head = fields.Boolean(
        help="The current user manages the department of the mentee (or a parent department), and is not the mentee."
    )

    @api.depends_context("uid")
    def _compute_is_department_head(self):
        head_pairings = self._mentoring_head_pairings()
        for record in self:
            record.is_department_head = bool(record._mentoring_pairing() & head_pairings)

    def _search_is_department_head(self, operator, value):
        departments = self.env["hr.department"]._mentoring_managed_departments()
        path = self._mentoring_pairing_path
        prefix = f"{path}." if path else ""
        # a manager who is the mentee is not their own head: they neither
        # approve their own pairing nor read what only heads may read about it
        # the user's own employees as an indexed subquery (sudo, archived
        # too): "mentee_id.user_id != uid" read every employee, through
        # hr.employee.public for a head, on each search and record rule
        own_employees = (
            self.env["hr.employee"].sudo().with_context(active_test=False)._search([("user_id", "=", self.env.uid)])
        )
        domain = (
            [
                "&",
                (f"{prefix}department_id", "child_of", departments.ids),
                (f"{prefix}mentee_id", "not in", own_employees),
            ]
            if departments
            else expression.FALSE_DOMAIN
        )
        return boolean_search_domain(self, "is_department_head", operator, value, domain)

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _mentoring_pairing(self):
        path = self._mentoring_pairing_path
        return self.mapped(path) if path else self

    @api.model
    def _mentoring_is_coordinator(self):
        return self.env.su or self.env.user.has_group(COORDINATOR_GROUP)

    def _mentoring_head_pairings(self):
        """The pairings of ``self`` whose mentee's department the user heads
        (never the user's own pairings as a mentee)."""
        pairings = self._mentoring_pairing()
        if not pairings or not self.env["hr.department"]._mentoring_managed_departments():
            return pairings.browse()
        user = self.env.user
        # sudo: the user may not read the department of a pairing they are not
        # part of yet; only who heads it is looked at.
        chains = pairings.sudo().department_id._mentoring_head_chain()
        return pairings.filtered(
            lambda p: p.sudo().mentee_id.user_id != user and user in chains.get(p.sudo().department_id.id, ())
        )

    @api.model
    def _mentoring_company_coordinator_roles(self, records):
        """{record id: {"coordinator"}} for a mentoring coordinator of the
        record's company, else an empty set: the roles on a programme's own
        records (its stages, its adjustments), which have no pairing."""
        coordinator = self._mentoring_is_coordinator()
        ours = set(records.filtered(lambda record: self.env.su or record.company_id in self.env.companies)._ids)
        return {record.id: {"coordinator"} if coordinator and record.id in ours else set() for record in records}

    @api.model
    def _mentoring_readable_pairings(self, vals_list):
        """The pairings that ``vals_list`` name, refused with an AccessError
        unless the user reads them all: a user adds goals, events and
        evaluations only to pairings they read (a draft is the coordinator's
        working copy)."""
        pairing_ids = {vals["pairing_id"] for vals in vals_list if vals.get("pairing_id")}
        pairings = self.env["hr.mentoring.pairing"].browse(pairing_ids)
        pairings.check_access("read")
        return pairings

    def _mentoring_roles(self):
        """Return {record id: set of roles} of the current user."""
        coordinator = self._mentoring_is_coordinator()
        user = self.env.user
        heads = self._mentoring_head_pairings()
        roles = {}
        for record in self:
            # sudo: narrow look-up of the two employees' users of the pairing
            pairing = record._mentoring_pairing().sudo()
            record_roles = set()
            # a coordinator coordinates the programmes of their own companies only
            if coordinator and (self.env.su or pairing.company_id <= self.env.companies):
                record_roles.add("coordinator")
            if pairing.mentor_id.user_id == user:
                record_roles.add("mentor")
            if pairing.mentee_id.user_id == user:
                record_roles.add("mentee")
            if pairing.with_env(self.env) & heads:
                record_roles.add("head")
            # a mentee without a user account: their mentor and their head act for them
            if pairing.mentee_id and not pairing.mentee_id.user_id and record_roles & {"mentor", "head"}:
                record_roles.add("mentee_proxy")
            roles[record.id] = record_roles
        return roles

    @api.model
    def _mentoring_form_action(self, res_model, name, context, target="new"):
        """The window action of a mentoring button that opens one form: a
        wizard (``target='new'``) or a new record. Refused, as reading them
        would be, to a user who may not read these records."""
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": res_model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": target,
            "context": context,
        }

    def _mentoring_step_form(self, step, res_model, name, context):
        """The wizard that the button of ``step`` opens on this record:
        refused, with the step's message, to whoever may not take the step
        now (``check_step``); the wizard's own action checks again."""
        self.ensure_one()
        check_step(self, step)
        return self._mentoring_form_action(res_model, name, context)

    @api.model
    def _mentoring_check_coordinator(self, action_label):
        if not self._mentoring_is_coordinator():
            raise AccessError(_("Only mentoring coordinators may %(action)s.", action=action_label))

    def _mentoring_check_role(self, allowed_roles, action_label):
        """Raise AccessError unless the user has one of ``allowed_roles`` on each record."""
        if self.env.su:
            return
        roles = self._mentoring_roles()
        labels = {
            "coordinator": _("coordinator"),
            "head": _("department head"),
            "mentor": _("mentor"),
            "mentee": _("mentee"),
            "responsible": _("person responsible"),
            "evaluator": _("evaluator"),
            "subject": _("person evaluated"),
            "mentee_proxy": _("mentor or department head of a mentee without a user account"),
        }
        for record in self:
            if not roles[record.id] & set(allowed_roles):
                raise AccessError(
                    _(
                        "You cannot %(action)s: only the %(roles)s of this mentoring pairing may do it.",
                        action=action_label,
                        roles=format_list(self.env, [labels[r] for r in sorted(allowed_roles)], style="or"),
                    )
                )

    def _mentoring_writable_by_user(self, roles=None):
        """{record id: set of field names} the current user may write on each
        record, as _mentoring_check_write decides (coordinators: every field).
        ``roles``: the result of _mentoring_roles(), when the caller has it."""
        if self._mentoring_is_coordinator():
            return {record.id: set(self._fields) for record in self}
        roles = self._mentoring_roles() if roles is None else roles
        result = {}
        for record in self:
            allowed = set()
            for role in roles.get(record.id, ()):
                allowed |= set(self._mentoring_writable_fields.get(role, ()))
            result[record.id] = allowed
        return result

    def _mentoring_check_write(self, vals):
        """Non-coordinators may write only the fields of their role."""
        if self._mentoring_is_coordinator():
            return
        fnames = set(vals) - ALWAYS_WRITABLE
        if not fnames:
            return
        roles = self._mentoring_roles()
        for record in self:
            allowed = set()
            for role in roles[record.id]:
                allowed |= set(self._mentoring_writable_fields.get(role, ()))
            forbidden = fnames - allowed
            if forbidden:
                labels = ", ".join(sorted(self._fields[f].string for f in forbidden if f in self._fields))
                raise AccessError(
                    _(
                        "You are not allowed to change %(fields)s on %(record)s.",
                        fields=labels,
                        record=record.display_name,
                    )
                )
