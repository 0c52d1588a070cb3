from odoo import fields, models


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    mentoring_protected = fields.Boolean(
        string="Protected Mentoring Activity",
        help="On a mentoring record, an activity of this type is changed or removed only by the person it is "
        "assigned to, or by a mentoring coordinator (a mentor cannot delete the head's 'find out why').",
    )
