from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mentor_default_capacity = fields.Integer(related="company_id.mentor_default_capacity", readonly=False)
    mentoring_set_coach = fields.Boolean(related="company_id.mentoring_set_coach", readonly=False)
    mentoring_escalation_days = fields.Integer(related="company_id.mentoring_escalation_days", readonly=False)
    mentoring_reminder = fields.Boolean(related="company_id.mentoring_reminder", readonly=False)
    mentoring_reminder_days = fields.Integer(related="company_id.mentoring_reminder_days", readonly=False)
    mentoring_fit_threshold = fields.Float(related="company_id.mentoring_fit_threshold", readonly=False)
    mentoring_require_training = fields.Boolean(related="company_id.mentoring_require_training", readonly=False)
    mentoring_health_checkin_days = fields.Integer(related="company_id.mentoring_health_checkin_days", readonly=False)
    mentoring_health_grace_days = fields.Integer(related="company_id.mentoring_health_grace_days", readonly=False)
