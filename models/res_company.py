from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .input_checks import SETTING_MAX_DAYS, shift_days

# the company settings that count days, each between 0 and SETTING_MAX_DAYS
DAY_SETTINGS = (
    "mentoring_escalation_days",
    "mentoring_reminder_days",
    "mentoring_health_checkin_days",
    "mentoring_health_grace_days",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    mentor_default_capacity = fields.Integer(
        string="Default Mentee Capacity",
        default=4,
        help="How many active mentees a new mentor may guide at the same time.",
    )
    mentoring_set_coach = fields.Boolean(
        string="Mentor Becomes Coach",
        help="When a pairing becomes active, set the mentee's Coach to the mentor.",
    )
    mentoring_escalation_days = fields.Integer(
        string="Escalate Unexplained Missed Events After (Working Days)",
        default=3,
    )
    mentoring_reminder = fields.Boolean(string="Remind Before Due Dates")
    mentoring_reminder_days = fields.Integer(string="Remind Days Before", default=2)
    mentoring_require_training = fields.Boolean(
        string="Approve Trained Mentors Only",
        help="A mentor is approved once their mentor training is on record.",
    )
    mentoring_fit_threshold = fields.Float(
        string="Pairing Fit Alert Below (%)",
        default=50.0,
        help="A mentee's fit check scoring below this flags the pairing for the coordinator.",
    )
    mentoring_health_checkin_days = fields.Integer(
        string="Check-in After (Working Days)",
        default=10,
        help="A pairing with nothing signed for this many working days needs a check-in; "
        "for twice as many it is at risk. 0 turns this rule off.",
    )
    mentoring_health_grace_days = fields.Integer(
        string="Too Early During (Working Days)",
        default=15,
        help="A pairing is too early to judge during its first working days.",
    )

    @api.constrains(*DAY_SETTINGS)
    def _check_mentoring_days(self):
        for company in self:
            for fname in DAY_SETTINGS:
                if not 0 <= company[fname] <= SETTING_MAX_DAYS:
                    raise ValidationError(
                        self.env._(
                            "%(setting)s must be between 0 and %(max)s days.",
                            setting=self._fields[fname]._description_string(self.env),
                            max=SETTING_MAX_DAYS,
                        )
                    )

    def _mentoring_tz(self):
        """The time zone in which a company's days start and end."""
        self.ensure_one()
        return self.partner_id.tz or self.resource_calendar_id.tz or "UTC"

    def _mentoring_nth_working_day_back(self, day, count):
        """The ``count``-th working day of the company calendar counted back from
        ``day`` (included): an event flagged before it has waited ``count``
        working days."""
        self.ensure_one()
        # a setting written around its constraint does not crash the cron
        count = min(max(count, 1), SETTING_MAX_DAYS)
        calendar = self.resource_calendar_id
        if not calendar:
            return shift_days(day, -count)
        tz = pytz.timezone(calendar.tz or self._mentoring_tz())
        span = count * 3 + 14
        start_dt = tz.localize(datetime.combine(shift_days(day, -span), time.min))
        end_dt = tz.localize(datetime.combine(day, time.max))
        intervals = calendar._work_intervals_batch(start_dt, end_dt, tz=tz)[False]
        dates = sorted({start.astimezone(tz).date() for start, _stop, _meta in intervals}, reverse=True)
        return dates[count - 1] if len(dates) >= count else shift_days(day, -span)
