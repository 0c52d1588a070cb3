from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..models.hr_mentoring_event import EXPLAIN_ROLES, MISSED_REASONS
from ..models.state_machine import check_step


class HrMentoringMissedWizard(models.TransientModel):
    """Close a missed event: say why, then reschedule it, record it as done
    late, or cancel it."""

    _name = "hr.mentoring.missed.wizard"
    _description = "Explain a Missed Event"
    _inherit = ["hr.mentoring.wizard.mixin"]
    _mentoring_wizard_fields = {"event_id": EXPLAIN_ROLES}

    event_id = fields.Many2one("hr.mentoring.event", required=True, ondelete="cascade")
    reason_category = fields.Selection(MISSED_REASONS, string="Why", required=True)
    reason = fields.Text(string="Explanation", required=True)
    outcome = fields.Selection(
        [
            ("reschedule", "Reschedule It"),
            ("done_late", "It Took Place Later"),
            ("cancel", "Cancel It"),
        ],
        required=True,
        default="reschedule",
    )
    new_date = fields.Date(string="New Due Date")
    date_done = fields.Date(string="Took Place On", default=fields.Date.context_today)

    @api.onchange("outcome")
    def _onchange_outcome(self):
        if self.outcome == "reschedule" and not self.new_date:
            self.new_date = fields.Date.context_today(self)

    @api.model
    def _mentoring_wizard_action(self):
        return _("explain a missed event")

    def action_confirm(self):
        event = self._mentoring_checked_record("event_id")
        # the rule of the event's Explain button, which opened this wizard
        check_step(event, "explain")
        today = fields.Date.context_today(self)
        explanation = {"missed_reason_category": self.reason_category, "missed_reason": self.reason}
        if self.outcome == "reschedule":
            if not self.new_date or self.new_date < today:
                raise UserError(_("Choose a new due date from today on."))
            event.write(explanation)
            new_event = event.copy(
                {
                    "date_due": self.new_date,
                    "state": "planned",
                    "rescheduled_from_id": event.id,
                    "missed_reason_category": False,
                    "missed_reason": False,
                }
            )
            # a line of the plan: in its reader's language and date format
            env = event._mentoring_reader_env()
            event.message_post(
                body=env._("Rescheduled to %(date)s.", date=format_date(env, self.new_date)),
                subtype_xmlid="mail.mt_note",
            )
            result = new_event
        elif self.outcome == "done_late":
            if not self.date_done or self.date_done < event.date_due or self.date_done > today:
                raise UserError(
                    _(
                        "A late event took place after its due date %(due)s and not after today.",
                        due=format_date(self.env, event.date_due),
                    )
                )
            # sudo: role and date were checked above; only coordinators write
            # another done date than today directly
            event.sudo().write({**explanation, "state": "done", "date_done": self.date_done})
            result = event
        else:
            event.write({**explanation, "state": "cancelled"})
            result = event
        event._mentoring_close_missed_activities(self.reason)
        return result.action_open_self() if self.outcome == "reschedule" else {"type": "ir.actions.act_window_close"}
