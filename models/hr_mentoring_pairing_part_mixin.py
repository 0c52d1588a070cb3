from odoo import fields, models


class HrMentoringPairingPartMixin(models.AbstractModel):
    """A record that belongs to one pairing (a plan event, a goal, an
    evaluation, an integration check): its pairing, and the pairing's programme, company, mentor,
    mentee and department, stored so that lists search and group by them and
    the record rules read them without a join."""

    _name = "hr.mentoring.pairing.part.mixin"
    _description = "Mentoring: Part of a Pairing"

    pairing_id = fields.Many2one(
        "hr.mentoring.pairing", required=True, index=True, ondelete="cascade", check_company=True
    )
    program_id = fields.Many2one(related="pairing_id.program_id", store=True, index=True, string="Programme")
    company_id = fields.Many2one(related="pairing_id.company_id", store=True, index=True)
    mentor_id = fields.Many2one(related="pairing_id.mentor_id", store=True, index=True, string="Mentor")
    mentee_id = fields.Many2one(related="pairing_id.mentee_id", store=True, index=True, string="Mentee")
    department_id = fields.Many2one(related="pairing_id.department_id", store=True, index=True, string="Department")
