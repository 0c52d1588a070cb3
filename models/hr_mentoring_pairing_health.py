from collections import defaultdict

from odoo import api, fields, models

from .hr_mentoring_tools import retry_later

HEALTH_STATES = [
    ("too_early", "Too Early"),
    ("on_track", "On Track"),
    ("needs_checkin", "Needs a Check-in"),
    ("at_risk", "At Risk"),
]

# the activity each health sends, once, when a pairing turns to it
HEALTH_ACTIVITY_TYPES = {
    "needs_checkin": "hr_mentoring.mail_activity_type_checkin",
    "at_risk": "hr_mentoring.mail_activity_type_at_risk",
}
HEALTH_BATCH_SIZE = 1000
# the daily action that moves the phases and checks the health
PHASES_CRON = "hr_mentoring.ir_cron_advance_phases"


class HrMentoringPairing(models.Model):
    """How each active pairing is doing: ``health``, kept current by the
    daily scheduled action in batches (no query per pairing), with the
    mentor nudged when a pairing needs a check-in and the coordinator told
    when it is at risk, once per change."""

    _inherit = "hr.mentoring.pairing"

    health = fields.Selection(
        HEALTH_STATES,
        readonly=True,
        copy=False,
        index=True,
        help="Too Early: the first weeks of the pairing. Needs a Check-in: nothing signed for a while, "
        "or a missed event nobody explained. At Risk: several unexplained missed events, a fit alert, "
        "or nothing signed for twice as long. Recomputed every day (Settings > Mentoring).",
    )
    health_since = fields.Date(readonly=True, copy=False)
    health_checked_on = fields.Date(readonly=True, copy=False)
    health_reason = fields.Char(
        string="Why",
        readonly=True,
        copy=False,
        groups="hr_mentoring.group_mentoring_coordinator",
        help="What decided the pairing's health (coordinators only: a fit alert is confidential).",
    )

    # ------------------------------------------------------------------
    # hooks on the pairing's life
    # ------------------------------------------------------------------

    def _settle_open_events(self):
        res = super()._settle_open_events()
        # an ended pairing has no health any more, and nobody is asked to act on it
        pairings = self.sudo().filtered("health")
        pairings.write({"health": False, "health_since": False, "health_reason": False})
        pairings._mentoring_close_activities(list(HEALTH_ACTIVITY_TYPES.values()), done=False)
        return res

    @api.model
    def _cron_advance_phases(self):
        """The daily action moves the phases, then checks the health: each in
        its own savepoint, run again shortly after a concurrent update."""
        with retry_later(self.env, PHASES_CRON) as batch:
            moved = super()._cron_advance_phases()
        with retry_later(self.env, PHASES_CRON):
            self._cron_update_health()
        return self.browse() if batch.undone else moved

    # ------------------------------------------------------------------
    # health
    # ------------------------------------------------------------------

    @api.model
    def _cron_update_health(self, batch_size=HEALTH_BATCH_SIZE):
        """Recompute the health of the active pairings not checked today, by
        batches of ``batch_size``; the scheduler calls again while some remain."""
        today_by_company = self.env["hr.mentoring.event"]._mentoring_today_by_company()
        Pairing = self.sudo()
        updated = Pairing.browse()
        remaining = 0
        for company_id, today in today_by_company.items():
            domain = [
                ("company_id", "=", company_id),
                ("state", "=", "active"),
                "|",
                ("health_checked_on", "=", False),
                ("health_checked_on", "<", today),
            ]
            pairings = Pairing.search(domain, limit=max(batch_size - len(updated), 0), order="id")
            pairings._mentoring_update_health()
            updated |= pairings
            remaining += Pairing.search_count(domain) if len(updated) >= batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(updated), remaining=remaining)
        return updated.with_env(self.env)

    def _mentoring_update_health(self):
        """Recompute ``health`` of these pairings; notify the changes. A fixed
        number of queries for any number of pairings of a few companies."""
        pairings = self.sudo().filtered(lambda p: p.state == "active")
        if not pairings:
            return
        computed = pairings._mentoring_compute_health()
        today_by_company = self.env["hr.mentoring.event"]._mentoring_today_by_company()
        groups = defaultdict(list)
        changed = defaultdict(lambda: pairings.browse())
        for pairing in pairings:
            health, reason = computed[pairing.id]
            is_change = pairing.health != health
            today = today_by_company.get(pairing.company_id.id) or fields.Date.context_today(pairing)
            groups[(health, reason, is_change, today)].append(pairing.id)
            if is_change:
                changed[health] |= pairing
        for (health, reason, is_change, today), ids in groups.items():
            vals = {"health": health, "health_reason": reason, "health_checked_on": today}
            if is_change:
                vals["health_since"] = today
            pairings.browse(ids).write(vals)
        if changed:
            pairings._mentoring_notify_health(changed)

    def _mentoring_compute_health(self):
        """{pairing id: (health, reason)} of active pairings, from the company
        thresholds, the signed and the unexplained missed events."""
        Event = self.env["hr.mentoring.event"].sudo()
        signed = dict(
            Event._read_group(
                [("pairing_id", "in", self.ids), ("state", "=", "done")], ["pairing_id"], ["date_done:max"]
            )
        )
        unexplained = dict(
            Event._read_group(
                [("pairing_id", "in", self.ids), ("state", "=", "missed"), ("missed_reason_category", "=", False)],
                ["pairing_id"],
                ["__count"],
            )
        )
        today_by_company = self.env["hr.mentoring.event"]._mentoring_today_by_company()
        cutoffs = {}
        for company in self.company_id:
            today = today_by_company.get(company.id) or fields.Date.context_today(self)
            days = company.mentoring_health_checkin_days
            cutoffs[company.id] = {
                "days": days,
                "grace_days": company.mentoring_health_grace_days,
                "checkin": company._mentoring_nth_working_day_back(today, days),
                "risk": company._mentoring_nth_working_day_back(today, 2 * days),
                "grace": company._mentoring_nth_working_day_back(today, company.mentoring_health_grace_days),
            }
        _ = self.env._
        result = {}
        for pairing in self:
            cut = cutoffs[pairing.company_id.id]
            last = max(filter(None, (signed.get(pairing), pairing.date_start)))
            missed = unexplained.get(pairing, 0)
            if pairing.fit_concern:
                result[pairing.id] = ("at_risk", _("A fit alert is open"))
            elif missed >= 2:
                result[pairing.id] = ("at_risk", _("%(count)s missed events unexplained", count=missed))
            elif cut["days"] and last < cut["risk"]:
                result[pairing.id] = ("at_risk", _("Nothing signed for %(days)s working days", days=2 * cut["days"]))
            elif missed:
                result[pairing.id] = ("needs_checkin", _("A missed event is unexplained"))
            elif cut["grace_days"] and pairing.date_start >= cut["grace"]:
                result[pairing.id] = (
                    "too_early",
                    _("Started less than %(days)s working days ago", days=cut["grace_days"]),
                )
            elif cut["days"] and last < cut["checkin"]:
                result[pairing.id] = ("needs_checkin", _("Nothing signed for %(days)s working days", days=cut["days"]))
            else:
                result[pairing.id] = ("on_track", _("Events signed on time"))
        return result

    def _mentoring_notify_health(self, changed):
        """``changed``: {health: pairings that just turned to it}. The mentor
        gets a nudge for a check-in, the coordinator an activity for a pairing
        at risk; the activities of the health a pairing left are removed."""
        all_changed = self.browse().union(*changed.values())
        for health, xmlid in HEALTH_ACTIVITY_TYPES.items():
            left = all_changed - changed.get(health, self.browse())
            left._mentoring_close_activities(xmlid, done=False)
        _ = self.env._
        items = [
            {
                "record": pairing,
                "type": HEALTH_ACTIVITY_TYPES["needs_checkin"],
                "user": pairing.mentor_id.user_id,
                "summary": _("Check in with %(mentee)s", mentee=pairing.mentee_id.name),
                "note": _(
                    "Nothing was signed for a while, or a missed event is unexplained: "
                    "plan a conversation and sign the next event."
                ),
            }
            for pairing in changed.get("needs_checkin", ())
        ]
        items += [
            {
                "record": pairing,
                "type": HEALTH_ACTIVITY_TYPES["at_risk"],
                "user": pairing.program_id.coordinator_id,
                "summary": _("Pairing at risk: %(reason)s", reason=pairing.health_reason),
            }
            for pairing in changed.get("at_risk", ())
        ]
        self._mentoring_schedule_activities(items)
