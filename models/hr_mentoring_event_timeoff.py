from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from .hr_mentoring_tools import log_list

# who may put back the date an event had before a time off that was cancelled
RESTORE_ROLES = frozenset({"coordinator", "mentor"})


class HrMentoringEvent(models.Model):
    """Plans that follow the mentee's time off: the planned events a new time
    off (or public holiday) covers move to the mentee's next working day, each
    move noted on the pairing; the events of the mentor's own time off are
    flagged for rescheduling; a cancelled time off offers to restore."""

    _inherit = "hr.mentoring.event"

    date_before_time_off = fields.Date(
        string="Planned Date", readonly=True, copy=False, help="The date the plan gave, before time off moved it."
    )
    moved_reason = fields.Char(string="Moved Because", readonly=True, copy=False)
    moved_leave_id = fields.Many2one("resource.calendar.leaves", readonly=True, copy=False, ondelete="set null")
    restore_date = fields.Date(
        readonly=True, copy=False, help="The time off that moved this event was cancelled: its date can be restored."
    )
    mentor_away = fields.Boolean(readonly=True, copy=False, help="Due during the mentor's time off: reschedule it.")
    can_restore_date = fields.Boolean(compute="_compute_can_restore_date")

    @api.depends_context("uid")
    @api.depends("state", "restore_date")
    def _compute_can_restore_date(self):
        roles = self._mentoring_roles()
        for event in self:
            event.can_restore_date = bool(
                event.state == "planned" and event.restore_date and roles.get(event.id, set()) & RESTORE_ROLES
            )

    def action_restore_date(self):
        """Put back the date of the plan, its time off being cancelled."""
        self._mentoring_check_role(RESTORE_ROLES, _("restore the date of this event"))
        for event in self:
            if event.state != "planned" or not event.restore_date:
                raise UserError(_("%(event)s has no date to restore.", event=event.name))
        for event in self.sudo():
            old = event.date_due
            event.write({"date_due": event.restore_date, "restore_date": False, "moved_reason": False})
            event.pairing_id._message_log(
                body=_(
                    "%(event)s: %(old)s → %(new)s, restored after the time off was cancelled",
                    event=event.name,
                    old=format_date(self.env, old),
                    new=format_date(self.env, event.date_due),
                )
            )

    def write(self, vals):
        if "date_due" in vals and "mentor_away" not in vals:
            # a new date is the rescheduling the flag asked for
            vals = dict(vals, mentor_away=False)
        return super().write(vals)

    def _mentoring_follow_leaves(self, leaves):
        """Move the planned events of ``self`` (sudo, of the leaves' mentees) that
        are no longer on a working day to the mentee's next working day, and
        flag those of a mentor away. One working-day computation per mentee."""
        moves = defaultdict(list)  # pairing -> [(event, old, new, reason)]
        by_mentee = defaultdict(lambda: self.browse())
        for event in self:
            by_mentee[event.mentee_id] |= event
        for mentee, events in by_mentee.items():
            first, last = min(events.mapped("date_due")), max(events.mapped("date_due"))
            work_dates = mentee._mentoring_work_dates(first, (last - first).days + 2)
            for event in events:
                new = next(day for day in work_dates if day >= event.date_due)
                if new == event.date_due:
                    continue
                leave = leaves._mentoring_leave_of(event)
                reason = _("time off") if leave.resource_id else _("public holiday: %(name)s", name=leave.name or "")
                moves[event.pairing_id].append((event, event.date_due, new, reason, leave))
        for pairing, items in moves.items():
            lines = []
            for event, old, new, reason, leave in items:
                event.write(
                    {
                        "date_due": new,
                        "date_before_time_off": event.date_before_time_off or old,
                        "moved_reason": reason,
                        "moved_leave_id": leave.id,
                        "restore_date": False,
                    }
                )
                line = _(
                    "%(event)s: %(old)s → %(new)s, %(reason)s",
                    event=event.name,
                    old=format_date(self.env, old),
                    new=format_date(self.env, new),
                    reason=reason,
                )
                lines.append(line)
            log_list(pairing, _("Moved for time off:"), lines)
        return moves

    def _mentoring_flag_mentor_away(self, leaves):
        """The mentor is away when these events are due: flag them, say it on the pairing."""
        events = self.filtered(lambda e: not e.mentor_away)
        if not events:
            return
        events.write({"mentor_away": True})
        by_pairing = defaultdict(list)
        for event in events:
            by_pairing[event.pairing_id].append(event)
        for pairing, items in by_pairing.items():
            names = ", ".join(f"{e.name} ({format_date(self.env, e.date_due)})" for e in items)
            pairing._message_log(
                body=_(
                    "%(mentor)s is away on time off when these are due: %(events)s. Reschedule them.",
                    mentor=pairing.mentor_id.name,
                    events=names,
                )
            )

    def _mentoring_offer_restore(self):
        """Their time off was cancelled: offer to restore the plan's dates, never move them back silently."""
        for event in self.filtered(lambda e: e.state == "planned" and e.date_before_time_off):
            event.write({"restore_date": event.date_before_time_off, "moved_leave_id": False})
            event.pairing_id._message_log(
                body=_(
                    "The time off that moved %(event)s was cancelled: it can go back to %(date)s (Restore Date).",
                    event=event.name,
                    date=format_date(self.env, event.date_before_time_off),
                )
            )
