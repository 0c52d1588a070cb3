from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

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
                events.with_context(mentoring_activity_done=True)._done_from_activity(feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
