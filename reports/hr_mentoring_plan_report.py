from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from .hr_mentoring_report_common import chunked


class ReportMentoringPlan(models.AbstractModel):
    """The signed paper plan of one or more pairings.

    Everything is read with the reader's rights: a mentor prints the plans of
    their own pairings, a mentee their own plan, a department head the plans of
    their departments, a coordinator every plan of their companies.
    """

    _name = "report.hr_mentoring.report_mentoring_plan"
    _description = "Mentoring Plan Report"

    @api.model
    def _mentoring_get_readable_pairings(self, docids):
        """The pairings ``docids``, refused as a whole when the reader may not
        read one of them (without naming it)."""
        docids = list(dict.fromkeys(docids or []))
        if not docids:
            raise UserError(_("Select the pairings to print first."))
        pairings = self.env["hr.mentoring.pairing"].search([("id", "in", docids)])
        if len(pairings) != len(docids):
            raise AccessError(
                _(
                    "You may print the pairings you take part in and, as a department head, those of your "
                    "departments. %(count)s of the selected pairings are not among them.",
                    count=len(docids) - len(pairings),
                )
            )
        # keep the order of the selection
        return pairings.browse(docids)

    @api.model
    def _get_report_values(self, docids, data=None):
        pairings = self._mentoring_get_readable_pairings(docids)
        Event = self.env["hr.mentoring.event"]
        events = Event.search([("pairing_id", "in", pairings.ids)], order="pairing_id, date_due, sequence, id")
        Goal = self.env["hr.mentoring.goal"]
        goals = Goal.search([("pairing_id", "in", pairings.ids), ("state", "!=", "dropped")])
        return {
            "doc_ids": pairings.ids,
            "doc_model": "hr.mentoring.pairing",
            "docs": pairings,
            "events_by_pairing": events.grouped("pairing_id"),
            "no_events": Event,
            "goals_by_pairing": goals.grouped("pairing_id"),
            "no_goals": Goal,
            "chunked": chunked,
        }
