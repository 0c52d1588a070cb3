from odoo import api, fields, models


class HrMentoringProgram(models.Model):
    """The health of the programme's active pairings, counted for its card."""

    _inherit = "hr.mentoring.program"

    health_on_track_count = fields.Integer(string="On Track", compute="_compute_health_counts")
    health_needs_checkin_count = fields.Integer(string="Need a Check-in", compute="_compute_health_counts")
    health_at_risk_count = fields.Integer(string="At Risk", compute="_compute_health_counts")

    @api.depends_context("uid")
    def _compute_health_counts(self):
        # with the reader's rights: a head counts the pairings of their departments
        groups = self.env["hr.mentoring.pairing"]._read_group(
            [("program_id", "in", self.ids), ("state", "=", "active"), ("health", "!=", False)],
            ["program_id", "health"],
            ["__count"],
        )
        counts = {(program.id, health): count for program, health, count in groups}
        for program in self:
            program.health_on_track_count = counts.get((program.id, "on_track"), 0)
            program.health_needs_checkin_count = counts.get((program.id, "needs_checkin"), 0)
            program.health_at_risk_count = counts.get((program.id, "at_risk"), 0)
