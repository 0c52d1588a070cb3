from collections import defaultdict

from odoo import _, api, fields, models

from ..models.hr_mentoring_figures import MISSED_HISTORY_DOMAIN, SUBMITTED_RATING_DOMAIN
from ..models.skill_portrait import portrait_rows, render_svg
from .hr_mentoring_report_common import chunked, selection_labels


class ReportPairingProgress(models.AbstractModel):
    """How a pairing is going: the mentee's goals and their progress, the
    competency portrait, ratings by criterion over time, the gap between the
    mentee's self-evaluation and the mentor's evaluation, open action items
    and missed events with their reasons.

    Read with the reader's rights only: a mentee sees the mentor's ratings the
    mentor shared with them, never the others, and the gap is computed from
    what the reader may read.
    """

    _name = "report.hr_mentoring.report_pairing_progress"
    _description = "Pairing Progress Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        pairings = self.env["report.hr_mentoring.report_mentoring_plan"]._mentoring_get_readable_pairings(docids)
        Line = self.env["hr.mentoring.evaluation.line"]
        ActionItem = self.env["hr.mentoring.action.item"]
        Event = self.env["hr.mentoring.event"]
        lines = Line.search(
            [("pairing_id", "in", pairings.ids), *SUBMITTED_RATING_DOMAIN],
            order="pairing_id, date, id",
        )
        action_items = ActionItem.search(
            [("pairing_id", "in", pairings.ids), ("done", "=", False)], order="pairing_id, deadline, id"
        )
        missed_events = Event.search(
            [("pairing_id", "in", pairings.ids), *MISSED_HISTORY_DOMAIN],
            order="pairing_id, date_due, id",
        )
        lines_by_pairing = lines.grouped("pairing_id")
        Goal = self.env["hr.mentoring.goal"]
        goals = Goal.search([("pairing_id", "in", pairings.ids)])
        portraits = portrait_rows(self.env, pairings)
        return {
            "doc_ids": pairings.ids,
            "doc_model": "hr.mentoring.pairing",
            "docs": pairings,
            "progress": {
                pairing.id: self._mentoring_prepare_progress(lines_by_pairing.get(pairing, Line))
                for pairing in pairings
            },
            "action_items_by_pairing": action_items.grouped("pairing_id"),
            "missed_by_pairing": missed_events.grouped("pairing_id"),
            "no_records": {"action_items": ActionItem, "events": Event, "goals": Goal},
            "goals_by_pairing": goals.grouped("pairing_id"),
            "portrait_svg": {pairing.id: render_svg(self.env, portraits.get(pairing.id)) for pairing in pairings},
            "today": fields.Date.context_today(self),
            "chunked": chunked,
            "kinds": selection_labels(Line, "kind"),
            "rating_titles": {
                "mentee": _("Ratings of the Mentee"),
                "mentor": _("Ratings of the Mentor"),
                "pairing": _("Pairing Fit Checks"),
            },
        }

    @api.model
    def _mentoring_prepare_progress(self, lines):
        """Ratings of one pairing, in date order, by subject and criterion,
        each with its change since the first rating of the same criterion by
        the same kind of evaluation; and the self/mentor gap per criterion."""
        ratings = defaultdict(list)
        first_values = {}
        latest = {}
        for line in lines:
            key = (line.criterion_id.id, line.kind)
            first = first_values.setdefault(key, line.value)
            ratings[line.subject].append(
                {
                    "criterion": line.criterion_id,
                    "date": line.date,
                    "kind": line.kind,
                    "level": line.level_id,
                    "value": line.value,
                    "score": line.score,
                    "change": line.value - first,
                    "comment": line.comment,
                }
            )
            latest[key] = line.value
        for rows in ratings.values():
            rows.sort(key=lambda row: (row["criterion"].sequence, row["criterion"].id, row["kind"]))
        gaps = []
        criteria = lines.filtered(lambda line: line.subject == "mentee").criterion_id.sorted(
            lambda criterion: (criterion.sequence, criterion.id)
        )
        for criterion in criteria:
            self_value = latest.get((criterion.id, "self"))
            mentor_value = latest.get((criterion.id, "mentor_on_mentee"))
            gaps.append(
                {
                    "criterion": criterion,
                    "self": self_value,
                    "mentor": mentor_value,
                    "gap": None if self_value is None or mentor_value is None else self_value - mentor_value,
                }
            )
        return {
            "ratings": [
                (subject, ratings[subject]) for subject in ("mentee", "mentor", "pairing") if subject in ratings
            ],
            "gaps": gaps,
        }
