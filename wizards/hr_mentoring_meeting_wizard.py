from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_datetime

from ..models.meeting_slots import SCHEDULE_ROLES, person_tz


class HrMentoringMeetingWizard(models.TransientModel):
    """Put the plan's discussions and feedback in the Calendar at once: one
    proposed slot per event still without meeting, shown (and editable)
    before anything is created or sent."""

    _name = "hr.mentoring.meeting.wizard"
    _description = "Schedule the Plan's Meetings"
    _inherit = ["hr.mentoring.wizard.mixin"]
    _mentoring_wizard_fields = {"pairing_id": SCHEDULE_ROLES, "event_ids": SCHEDULE_ROLES}

    pairing_id = fields.Many2one("hr.mentoring.pairing", required=True, ondelete="cascade")
    line_ids = fields.One2many("hr.mentoring.meeting.wizard.line", "wizard_id", string="Proposed Meetings")
    # opened from one event (its Schedule Meeting): that event's meeting only
    event_ids = fields.Many2many("hr.mentoring.event", string="Events")

    @api.model
    def _mentoring_wizard_action(self):
        return _("schedule the meetings of this pairing")

    def action_propose(self):
        """(Again) one proposed slot per planned discussion or feedback without meeting."""
        self.ensure_one()
        self._mentoring_propose()
        return self._mentoring_reopen()

    def action_confirm(self):
        """Create the meetings of the ticked lines: the Calendar invites the mentor and the mentee."""
        pairing = self._mentoring_checked_record("pairing_id")
        lines = self.line_ids.filtered("selected")
        if not lines:
            raise UserError(_("Tick at least one meeting to schedule."))
        events = lines.event_id
        if events.pairing_id != pairing or len(events) != len(lines):
            raise UserError(_("Each meeting is of one event of this pairing's plan."))
        for line in lines:
            if not line.start:
                raise UserError(_("Choose when %(event)s takes place, or untick it.", event=line.event_id.name))
            # a real date within the module's window (the meeting's end is computed from it)
            events._mentoring_meeting_values({"start": line.start})
        events._mentoring_check_may_have_meeting()
        # the event follows its meeting: not into the past, onto a working day of both
        events._mentoring_check_meeting_days({line.event_id: line.start for line in lines})
        # the event keeps the length chosen for its meeting (its check refuses a wrong one);
        # sudo: the role was checked above
        for duration, group in lines.grouped("duration").items():
            group.event_id.sudo().write({"meeting_duration": duration})
        events._mentoring_create_meetings(
            {line.event_id.id: (line.start, line.start + timedelta(hours=line.duration)) for line in lines}
        )
        return {"type": "ir.actions.act_window_close"}

    def _mentoring_propose(self):
        """Fill the lines: one proposed slot per event, for all of them in one search."""
        self.ensure_one()
        events = (self.event_ids or self.pairing_id.event_ids).filtered(
            lambda e: e.pairing_id == self.pairing_id and e._mentoring_may_have_meeting()
        )
        slots = events._mentoring_meeting_slots()
        commands = [Command.clear()]
        for event in events:
            slot = slots.get(event.id)
            commands.append(
                Command.create(
                    {
                        "event_id": event.id,
                        "start": slot and slot[0],
                        "duration": event.meeting_duration,
                        "selected": bool(slot),
                    }
                )
            )
        self.line_ids = commands

    def _mentoring_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Schedule the Meeting") if len(self.event_ids) == 1 else _("Schedule the Meetings"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }


class HrMentoringMeetingWizardLine(models.TransientModel):
    _name = "hr.mentoring.meeting.wizard.line"
    _description = "Proposed Mentoring Meeting"
    _inherit = ["hr.mentoring.wizard.mixin"]
    _mentoring_wizard_fields = {"event_id": SCHEDULE_ROLES}

    wizard_id = fields.Many2one("hr.mentoring.meeting.wizard", required=True, ondelete="cascade", index=True)
    event_id = fields.Many2one("hr.mentoring.event", required=True, ondelete="cascade")
    date_due = fields.Date(related="event_id.date_due", string="Due Date")
    event_type = fields.Selection(related="event_id.event_type")
    selected = fields.Boolean(string="Schedule", default=True)
    start = fields.Datetime(string="Meeting Starts")
    duration = fields.Float()
    local_times = fields.Char(
        string="In Their Time Zones",
        compute="_compute_local_times",
        help="When the meeting starts for the mentor and for the mentee, each in their own time zone.",
    )
    no_slot = fields.Boolean(compute="_compute_local_times")

    @api.model
    def _mentoring_wizard_action(self):
        return _("schedule the meetings of this pairing")

    @api.depends("start", "event_id")
    def _compute_local_times(self):
        for line in self:
            line.no_slot = not line.start
            if not line.start:
                line.local_times = _("No free slot in the next working days: choose one")
                continue
            # sudo: the two people's time zones only
            event = line.event_id.sudo()
            line.local_times = " · ".join(
                _(
                    "%(person)s %(time)s (%(tz)s)",
                    person=person.name,
                    time=format_datetime(self.env, line.start, tz=person_tz(person).zone, dt_format="short"),
                    tz=person_tz(person).zone,
                )
                for person in (event.mentor_id, event.mentee_id)
            )
