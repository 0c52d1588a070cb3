from odoo import _, models
from odoo.exceptions import AccessError

MENTORING_MODELS = ("hr.mentoring.event", "hr.mentoring.pairing", "hr.mentoring.evaluation")
MENTORING_ACTIVITY_TYPES = (
    "hr_mentoring.mail_activity_type_mentoring",
    "hr_mentoring.mail_activity_type_missed",
    "hr_mentoring.mail_activity_type_escalation",
    "hr_mentoring.mail_activity_type_approval",
    "hr_mentoring.mail_activity_type_fit",
)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _check_access(self, operation):
        """Odoo lets whoever may write a document change or delete its
        activities. Mentors and mentees write their events, so they could
        delete the head's 'find out why' or the coordinator's escalation: the
        mentoring activities are changed or removed only by the person they
        are assigned to, or by a coordinator (the module's own bookkeeping
        runs as superuser)."""
        result = super()._check_access(operation)
        if operation not in ("write", "unlink") or self.env.su or not self:
            return result
        if self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator():
            return result
        type_ids = {
            activity_type.id
            for xmlid in MENTORING_ACTIVITY_TYPES
            if (activity_type := self.env.ref(xmlid, raise_if_not_found=False))
        }
        # sudo: the type, model and assignee of the activities being checked
        forbidden = self.sudo().filtered(
            lambda a: a.res_model in MENTORING_MODELS
            and a.activity_type_id.id in type_ids
            and a.user_id != self.env.user
        )
        if not forbidden:
            return result
        forbidden = self.browse(forbidden.ids)
        if result:
            return (result[0] | forbidden, result[1])
        message = _(
            "Only the person this mentoring activity is assigned to, or a coordinator, may change or remove it."
        )
        return (forbidden, lambda: AccessError(message))

    def _action_done(self, feedback=False, attachment_ids=None):
        """Marking a plan event's activity done completes the event: mentors
        work from their activities, the plan stays in step."""
        if not self.env.context.get("mentoring_activity_done"):
            mentoring_type = self.env.ref("hr_mentoring.mail_activity_type_mentoring", raise_if_not_found=False)
            event_ids = [
                activity.res_id
                for activity in self
                if activity.res_model == "hr.mentoring.event" and activity.activity_type_id == mentoring_type
            ]
            if event_ids:
                events = self.env["hr.mentoring.event"].browse(event_ids).exists()
                events.with_context(mentoring_activity_done=True)._mentoring_done_from_activity(feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
