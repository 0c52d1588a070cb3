from odoo import api, fields, models

# who ticks which box of a mentee's integration checklist (coordinators: all)
MENTOR_BOX = ("met_mentor", "note")
HEAD_BOX = ("met_head", "note")


class HrMentoringIntegrationCheck(models.Model):
    """Whether one mentee meets one integration criterion at the end of
    adaptation: the mentor ticks their box, the mentee's department head
    theirs; the criterion is met when both agree."""

    _name = "hr.mentoring.integration.check"
    _description = "Mentoring Integration Check"
    _inherit = ["hr.mentoring.role.mixin", "hr.mentoring.pairing.part.mixin"]
    _order = "pairing_id, sequence, id"
    _mentoring_pairing_path = "pairing_id"
    _mentoring_writable_fields = {"mentor": set(MENTOR_BOX), "head": set(HEAD_BOX)}

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
