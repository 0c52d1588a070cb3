from datetime import date

import pytz

from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from .input_checks import shift_days
from .meeting_slots import person_tz

FOLLOWED_FIELDS = {"date_from", "date_to", "resource_id", "calendar_id"}
# time off lies between these days: every time zone converts them, and the
# plans' working-day computations reach them (an open-ended leave ends on a
# far day before the last one)
LEAVE_FIRST_DAY = date(1900, 1, 1)
LEAVE_LAST_DAY = date(9998, 12, 31)
# who may manage anybody's time off: HR officers, Time Off officers (hr_holidays)
TIME_OFF_OFFICER_GROUPS = ("hr.group_hr_user", "hr_holidays.group_hr_holidays_user")
# who may record public holidays besides them (Odoo's own rule on public holidays)
PUBLIC_HOLIDAY_GROUPS = ("base.group_erp_manager",)


class ResourceCalendarLeaves(models.Model):
    """Time off (a validated Time Off request creates one on the employee's
    resource) and public holidays (no resource) that arrive after a plan:
    the mentees' planned events they cover move, the mentors' are flagged,
    and a cancelled one offers to restore.

    The plans follow only what an authorised person validated (see
    ``_mentoring_followed``): Odoo lets every employee write leave rows on
    their own resource, and on the resource of a colleague without a user."""

    _inherit = "resource.calendar.leaves"

    @api.constrains("date_from", "date_to")
    def _check_mentoring_dates(self):
        for leave in self:
            for value in (leave.date_from, leave.date_to):
                if value and not LEAVE_FIRST_DAY <= value.date() <= LEAVE_LAST_DAY:
                    raise ValidationError(
                        self.env._(
                            "Time off lies between %(first)s and %(last)s: %(name)s does not. An open-ended time off "
                            "ends on a far day within those years (for example the last day of 2099).",
                            first=LEAVE_FIRST_DAY,
                            last=LEAVE_LAST_DAY,
                            name=leave.name or leave.display_name,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._mentoring_followed()._mentoring_follow()
        return leaves

    def write(self, vals):
        res = super().write(vals)
        if FOLLOWED_FIELDS & set(vals):
            self._mentoring_followed()._mentoring_follow()
        return res

    def unlink(self):
        # sudo: the plan follows the time off of whoever cancels it
        events = self.env["hr.mentoring.event"].sudo().search([("moved_leave_id", "in", self.ids)])
        res = super().unlink()
        events._mentoring_offer_restore()
        return res

    def _mentoring_followed(self):
        """The leaves of ``self``, just written by the current user, that the
        plans follow: what an authorised person validated.

        * a leave of a Time Off request (hr_holidays, where installed) while
          the request is validated, and a public holiday (no resource), both
          written by the server (Time Off writes them as superuser when a
          request is validated) or by a user who manages time off;
        * any other leave of an employee: written by someone who may manage
          that employee's time off: the server, an HR or Time Off officer,
          the employee's manager or Time Off approver.

        A bare row an employee writes on their own resource (or on the
        resource of a colleague without a user, as Odoo's rule allows)
        moves no plan: Odoo's working time counts it, the plans do not
        follow it."""
        if not self:
            return self
        leaves = self.sudo()
        holidays_installed = "hr.leave" in self.env and "holiday_id" in leaves._fields
        if holidays_installed:
            leaves = leaves.filtered(lambda leave: not leave.holiday_id or leave.holiday_id.state == "validate")
        if self.env.su:
            return leaves
        user = self.env.user
        groups = TIME_OFF_OFFICER_GROUPS if holidays_installed else TIME_OFF_OFFICER_GROUPS[:1]
        if any(user.has_group(group) for group in groups):
            return leaves
        public = leaves.filtered(lambda leave: not leave.resource_id)
        if not any(user.has_group(group) for group in PUBLIC_HOLIDAY_GROUPS):
            public = public.browse()
        employees = (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search([("resource_id", "in", leaves.resource_id.ids)])
        )
        approver = "leave_manager_id" in employees._fields
        managed = employees.filtered(
            lambda e: e.parent_id.user_id == user or (approver and e.leave_manager_id == user)
        ).resource_id
        return public | leaves.filtered(lambda leave: leave.resource_id and leave.resource_id in managed)

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
            ("date_due", ">=", shift_days(first, -1)),
            ("date_due", "<=", shift_days(last, 1)),
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
