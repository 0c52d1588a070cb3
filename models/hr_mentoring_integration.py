from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .hr_mentoring_tools import check_name_length

# who ticks which box of a mentee's integration checklist (coordinators: all)
MENTOR_BOX = ("met_mentor", "note")
HEAD_BOX = ("met_head", "note")
# the pairings whose checklist may be filled: at the end of adaptation
CHECKLIST_STATES = ("active", "done")
CHECKLIST_ROLES = frozenset({"coordinator", "mentor", "head"})


class HrMentoringIntegrationCriterion(models.Model):
    """One line of a programme's integration criteria (seed 000, stage 2):
    when is a newcomer integrated? The programme's ``integration_criteria``
    text stays as the narrative; these lines are what is checked per mentee."""

    _name = "hr.mentoring.integration.criterion"
    _description = "Mentoring Integration Criterion"
    _order = "program_id, sequence, id"

    program_id = fields.Many2one(
        "hr.mentoring.program", string="Programme", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Criterion", required=True, translate=True)
    description = fields.Text(translate=True, help="What the mentor and the department head look at.")

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)


class HrMentoringIntegrationCheck(models.Model):
    """Whether one mentee meets one integration criterion at the end of
    adaptation: the mentor ticks their box, the mentee's department head
    theirs; the criterion is met when both agree."""

    _name = "hr.mentoring.integration.check"
    _description = "Mentoring Integration Check"
    _inherit = ["hr.mentoring.role.mixin"]
    _order = "pairing_id, sequence, id"
    _mentoring_pairing_path = "pairing_id"
    _mentoring_writable_fields = {"mentor": set(MENTOR_BOX), "head": set(HEAD_BOX)}

    pairing_id = fields.Many2one("hr.mentoring.pairing", required=True, index=True, ondelete="cascade")
    criterion_id = fields.Many2one(
        "hr.mentoring.integration.criterion",
        string="Integration Criterion",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    name = fields.Char(related="criterion_id.name")
    description = fields.Text(related="criterion_id.description")
    program_id = fields.Many2one(related="pairing_id.program_id", store=True, index=True, string="Programme")
    company_id = fields.Many2one(related="pairing_id.company_id", store=True, index=True)
    mentee_id = fields.Many2one(related="pairing_id.mentee_id", store=True, index=True, string="Mentee")
    mentor_id = fields.Many2one(related="pairing_id.mentor_id", store=True, string="Mentor")
    department_id = fields.Many2one(related="pairing_id.department_id", store=True, index=True, string="Department")
    met_mentor = fields.Boolean(string="Met (Mentor)", copy=False)
    met_head = fields.Boolean(string="Met (Department Head)", copy=False)
    is_met = fields.Boolean(string="Met", compute="_compute_is_met", store=True, help="The mentor and the head agree.")
    note = fields.Text(copy=False)
    mentor_checked_by_id = fields.Many2one("res.users", string="Mentor's Tick By", readonly=True, copy=False)
    mentor_checked_on = fields.Datetime(string="Mentor's Tick On", readonly=True, copy=False)
    head_checked_by_id = fields.Many2one("res.users", string="Head's Tick By", readonly=True, copy=False)
    head_checked_on = fields.Datetime(string="Head's Tick On", readonly=True, copy=False)
    can_edit_mentor_box = fields.Boolean(compute="_compute_can_edit")
    can_edit_head_box = fields.Boolean(compute="_compute_can_edit")

    _sql_constraints = [
        ("criterion_once", "UNIQUE (pairing_id, criterion_id)", "A mentee is checked once on each criterion."),
    ]

    @api.depends("met_mentor", "met_head")
    def _compute_is_met(self):
        for check in self:
            check.is_met = check.met_mentor and check.met_head

    @api.depends("pairing_id")
    @api.depends_context("uid")
    def _compute_can_edit(self):
        writable = self._mentoring_writable_by_user()
        for check in self:
            allowed = writable.get(check.id, set()) if check.id else set()
            check.can_edit_mentor_box = "met_mentor" in allowed
            check.can_edit_head_box = "met_head" in allowed

    def write(self, vals):
        self._mentoring_check_write(vals)
        now = fields.Datetime.now()
        if "met_mentor" in vals:
            vals = dict(vals, mentor_checked_by_id=self.env.uid, mentor_checked_on=now)
        if "met_head" in vals:
            vals = dict(vals, head_checked_by_id=self.env.uid, head_checked_on=now)
        return super().write(vals)


class HrMentoringPairing(models.Model):
    _inherit = "hr.mentoring.pairing"

    integration_check_ids = fields.One2many("hr.mentoring.integration.check", "pairing_id", string="Integration")
    integration_check_count = fields.Integer(compute="_compute_integration", store=True)
    integration_met_count = fields.Integer(string="Criteria Met", compute="_compute_integration", store=True)
    integration_reached = fields.Boolean(
        compute="_compute_integration",
        store=True,
        help="The mentee meets every integration criterion of the checklist, by the mentor and the head.",
    )
    can_integration_checklist = fields.Boolean(compute="_compute_can_integration_checklist")

    @api.depends("integration_check_ids.is_met")
    def _compute_integration(self):
        # sudo: a stored figure of the whole checklist, whoever triggers it
        groups = (
            self.env["hr.mentoring.integration.check"]
            .sudo()
            ._read_group([("pairing_id", "in", self.ids)], ["pairing_id", "is_met"], ["__count"])
        )
        counts = {}
        for pairing, is_met, count in groups:
            total, met = counts.get(pairing.id, (0, 0))
            counts[pairing.id] = (total + count, met + (count if is_met else 0))
        for pairing in self:
            total, met = counts.get(pairing._origin.id, (0, 0))
            pairing.integration_check_count = total
            pairing.integration_met_count = met
            pairing.integration_reached = bool(total) and met == total

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can_integration_checklist(self):
        roles = self._mentoring_roles()
        for pairing in self:
            pairing.can_integration_checklist = pairing.state in CHECKLIST_STATES and bool(
                roles.get(pairing.id, set()) & CHECKLIST_ROLES
            )

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "done":
            self._mentoring_create_integration_checks()
        return res

    def action_open_integration_checklist(self):
        """The mentee's integration checklist, created from the programme's
        criteria if needed (the end of adaptation): mentor, head or coordinator."""
        self.ensure_one()
        self._mentoring_check_role(CHECKLIST_ROLES, _("open the integration checklist"))
        if self.state not in CHECKLIST_STATES:
            raise UserError(_("The integration checklist is filled for active or ended pairings only."))
        if not self.sudo().program_id.integration_criterion_ids:
            raise UserError(
                _("The programme %(name)s has no integration criteria yet.", name=self.program_id.display_name)
            )
        self._mentoring_create_integration_checks()
        return {
            "type": "ir.actions.act_window",
            "name": _("Integration Checklist"),
            "res_model": "hr.mentoring.integration.check",
            "view_mode": "list",
            "views": [(False, "list")],
            "domain": [("pairing_id", "=", self.id)],
            "context": {"search_default_pairing_id": self.id},
        }

    def _mentoring_create_integration_checks(self):
        """One check per criterion of the programme for each pairing, the
        missing ones only; three queries for any number of pairings."""
        # sudo: the checklist comes with the end of adaptation, which the
        # caller was allowed to reach (a head ending the pairing, a mentor)
        pairings = self.sudo()
        Check = self.env["hr.mentoring.integration.check"].sudo()
        existing = {
            (check.pairing_id.id, check.criterion_id.id) for check in Check.search([("pairing_id", "in", pairings.ids)])
        }
        vals_list = [
            {"pairing_id": pairing.id, "criterion_id": criterion.id}
            for pairing in pairings
            for criterion in pairing.program_id.integration_criterion_ids
            if (pairing.id, criterion.id) not in existing
        ]
        return Check.create(vals_list)
