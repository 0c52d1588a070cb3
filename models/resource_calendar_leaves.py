import pytz

from odoo import api, models
from odoo.osv import expression

from .meeting_slots import person_tz

FOLLOWED_FIELDS = {"date_from", "date_to", "resource_id", "calendar_id"}


class ResourceCalendarLeaves(models.Model):
    """Time off (a validated Time Off request creates one on the employee's
    resource) and public holidays (no resource) that arrive after a plan:
    the mentees' planned events they cover move, the mentors' are flagged,
    and a cancelled one offers to restore."""

    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._mentoring_follow()
        return leaves

    def write(self, vals):
        res = super().write(vals)
        if FOLLOWED_FIELDS & set(vals):
            self._mentoring_follow()
        return res

    def unlink(self):
        # sudo: the plan follows the time off of whoever cancels it
        events = self.env["hr.mentoring.event"].sudo().search([("moved_leave_id", "in", self.ids)])
        res = super().unlink()
        events._mentoring_offer_restore()
        return res

    def _mentoring_follow(self):
        """The planned events these leaves cover: a few searches for any number of leaves."""
        # sudo: the plans of the people on leave, whoever records the leave
        leaves = self.sudo().filtered(lambda leave: leave.date_from and leave.date_to)
        if not leaves:
            return
        Event = self.env["hr.mentoring.event"].sudo()
        first = min(leaves.mapped("date_from")).date()
        last = max(leaves.mapped("date_to")).date()
        base = [
            ("state", "=", "planned"),
            ("pairing_id.state", "in", ("proposed", "active")),
            # one day either way: the leaves' bounds are UTC, the people's days local
            ("date_due", ">=", first.fromordinal(first.toordinal() - 1)),
            ("date_due", "<=", last.fromordinal(last.toordinal() + 1)),
        ]
        resources = leaves.resource_id
        public = leaves.filtered(lambda leave: not leave.resource_id)
        whose = []
        if resources:
            whose.append([("mentee_id.resource_id", "in", resources.ids)])
        if public:
            whose.append([("company_id", "in", public.company_id.ids)])
        candidates = Event.search(expression.AND([base, expression.OR(whose)]))
        candidates.filtered(lambda e: leaves._mentoring_leave_of(e, e.mentee_id))._mentoring_follow_leaves(leaves)
        if resources:
            mentors = Event.search(expression.AND([base, [("mentor_id.resource_id", "in", resources.ids)]]))
            away = mentors.filtered(lambda e: leaves.filtered("resource_id")._mentoring_leave_of(e, e.mentor_id))
            away._mentoring_flag_mentor_away(leaves)

    def _mentoring_leave_of(self, event, person=None):
        """The first of these leaves that covers the event's due date for
        ``person`` (the mentee by default), in that person's time zone."""
        person = person or event.mentee_id
        calendar = person.resource_calendar_id or person.company_id.resource_calendar_id
        tz = person_tz(person)
        for leave in self:
            if leave.resource_id:
                if leave.resource_id != person.resource_id:
                    continue
            elif (leave.calendar_id and leave.calendar_id != calendar) or leave.company_id != person.company_id:
                continue
            start = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            stop = pytz.utc.localize(leave.date_to).astimezone(tz).date()
            if start <= event.date_due <= stop:
                return leave
        return self.browse()
