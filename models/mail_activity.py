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

# what marking a mentoring activity done does, besides: (its type, the model of
# its record, the method that model runs on the records, given the feedback)
DONE_BY_ACTIVITY = (
    ("hr_mentoring.mail_activity_type_mentoring", "hr.mentoring.event", "_mentoring_done_from_activity"),
    ("hr_mentoring.mail_activity_type_acknowledge", "hr.mentoring.event", "_mentoring_acknowledge_from_activity"),
    (REGULATIONS_ACTIVITY, "hr.mentoring.program.acknowledgement", "_mentoring_acknowledge_from_activity"),
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
        the regulations' one acknowledges them (DONE_BY_ACTIVITY); other
        activities, a to-do on the same record too, are just done."""
        if not self.env.context.get("mentoring_activity_done"):
            IrModelData = self.env["ir.model.data"]
            for type_xmlid, model, method in DONE_BY_ACTIVITY:
                type_id = IrModelData._xmlid_to_res_id(type_xmlid, raise_if_not_found=False)
                res_ids = [a.res_id for a in self if a.res_model == model and a.activity_type_id.id == type_id]
                if type_id and res_ids:
                    getattr(self.env[model].browse(res_ids).exists(), method)(feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
