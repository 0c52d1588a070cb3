from odoo import _, models
from odoo.exceptions import AccessError

from .hr_mentoring_program_acknowledgement import REGULATIONS_ACTIVITY

# the mentoring models whose activities may be protected (mail.activity.type.mentoring_protected)
MENTORING_MODELS = (
    "hr.mentoring.event",
    "hr.mentoring.pairing",
    "hr.mentoring.evaluation",
    "hr.mentoring.program.acknowledgement",
)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _check_access(self, operation):
        """Odoo lets whoever may write a document change or delete its
        activities. Mentors and mentees write their events, so they could
        delete the head's 'find out why' or the coordinator's escalation: an
        activity of a protected type (``mentoring_protected`` on the type) on
        a mentoring record is changed or removed only by the person it is
        assigned to, or by a coordinator (the module's own bookkeeping runs as
        superuser). Activities of other models cost nothing more."""
        result = super()._check_access(operation)
        if operation not in ("write", "unlink") or self.env.su or not self:
            return result
        # sudo: the model, type and assignee of the activities being checked
        ours = self.sudo().filtered(lambda a: a.res_model in MENTORING_MODELS)
        forbidden = ours.filtered(lambda a: a.activity_type_id.mentoring_protected and a.user_id != self.env.user)
        if not forbidden or self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator():
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
        work from their activities, the plan stays in step. Marking its 'to
        acknowledge' activity done acknowledges it (the button's checks), and
        the regulations' one acknowledges them; other activities are just done."""
        activities = self.filtered(lambda a: a.res_model == "hr.mentoring.event")
        if activities and not self.env.context.get("mentoring_activity_done"):
            Event = self.env["hr.mentoring.event"]
            mentoring_type = self.env.ref("hr_mentoring.mail_activity_type_mentoring", raise_if_not_found=False)
            event_ids = [activity.res_id for activity in activities if activity.activity_type_id == mentoring_type]
            if event_ids:
                events = Event.browse(event_ids).exists()
                events.with_context(mentoring_activity_done=True)._mentoring_done_from_activity(feedback)
            acknowledge_type = self.env.ref("hr_mentoring.mail_activity_type_acknowledge", raise_if_not_found=False)
            event_ids = [activity.res_id for activity in activities if activity.activity_type_id == acknowledge_type]
            if event_ids:
                Event.browse(event_ids).exists()._mentoring_acknowledge_from_activity()
        regulations = self.filtered(lambda a: a.res_model == "hr.mentoring.program.acknowledgement")
        if regulations and not self.env.context.get("mentoring_activity_done"):
            # only the regulations' activity acknowledges them: a to-do on the participant's record does not
            Ack = self.env["hr.mentoring.program.acknowledgement"]
            regulations_type = Ack._mentoring_activity_types(REGULATIONS_ACTIVITY)
            ack_ids = [activity.res_id for activity in regulations if activity.activity_type_id in regulations_type]
            if ack_ids:
                Ack.browse(ack_ids).exists()._mentoring_acknowledge_from_activity()
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
