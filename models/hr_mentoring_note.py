from odoo import api, fields, models

from .input_checks import check_name_length


class HrMentoringNote(models.Model):
    """Confidential coordinator notes.

    Kept out of the pairings' chatter on purpose: chatter and attachments are
    readable by everyone who reads the record (mentors, mentees, heads). A
    note has its own chatter and attachments, read by coordinators only (the
    approved final report of a programme is the PDF of its note).
    """

    _name = "hr.mentoring.note"
    _description = "Confidential Mentoring Note"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True)
    body = fields.Html(string="Note")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    program_id = fields.Many2one("hr.mentoring.program", string="Programme", index=True, check_company=True)
    pairing_id = fields.Many2one("hr.mentoring.pairing", index=True, check_company=True)
    employee_id = fields.Many2one("hr.employee", index=True, check_company=True)
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)

    @api.constrains("name")
    def _check_name_length(self):
        check_name_length(self)
