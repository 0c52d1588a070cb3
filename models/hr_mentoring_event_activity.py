from collections import defaultdict

from odoo import models


class HrMentoringEvent(models.Model):
    """The plan's activities: one 'Mentoring' activity per planned event for
    whoever must act on it, the 'find out why' activities of missed events,
    and an event completed from its activity. The batching itself is the
    mixin's (hr.mentoring.activity.mixin)."""

    _inherit = "hr.mentoring.event"

    def _responsible_users(self):
        """{event id: user} who must act on each event, per its responsible role."""
        pairings = self.pairing_id.sudo()
        heads = pairings._head_users()
        result = {}
        for event in self:
            pairing = event.pairing_id.sudo()
            role = event.responsible_role
            if role == "mentor":
                user = pairing.mentor_id.user_id
            elif role == "mentee":
                user = pairing.mentee_id.user_id
            elif role == "head":
                user = heads.get(pairing.id)
            else:
                user = pairing.program_id.coordinator_id
            result[event.id] = user or self.env["res.users"]
        return result

    def _sync_activities(self):
        """Keep one 'Mentoring' activity per planned event of an active
        pairing, for the responsible user, in batch. The plan of a draft or
        proposed pairing is a draft: nobody is asked to act on a plan that may
        be declined; its activities start when the pairing becomes active
        (hr.mentoring.pairing._on_activated)."""
        activity_xmlid = "hr_mentoring.mail_activity_type_mentoring"
        by_event = defaultdict(lambda: self.env["mail.activity"])
        for activity in self._mentoring_activities(activity_xmlid):
            by_event[activity.res_id] |= activity
        # sudo: the pairing's state only, whoever changed the event
        running = self.sudo().filtered(lambda e: e.state == "planned" and e.pairing_id.state == "active")
        users = self.browse(running.ids)._responsible_users()
        to_create, to_unlink = [], self.env["mail.activity"].sudo()
        for event in self:
            activities = by_event[event.id]
            user = users.get(event.id)
            if not user:
                to_unlink |= activities
                continue
            summary = event.name
            keep = activities[:1]
            to_unlink |= activities[1:]
            if keep:
                if (keep.date_deadline, keep.user_id, keep.summary) != (event.date_due, user, summary):
                    keep.write({"date_deadline": event.date_due, "user_id": user.id, "summary": summary})
            else:
                to_create.append(
                    {
                        "record": event,
                        "type": activity_xmlid,
                        "user": user,
                        "summary": summary,
                        "note": event.instructions,
                        "date_deadline": event.date_due,
                    }
                )
        to_unlink.unlink()
        self._mentoring_schedule_activities(to_create)

    def _close_missed_activities(self, feedback):
        """The explanation is in: the 'why was it missed' activities are done
        for everyone (they belong to the head and the coordinator)."""
        self._mentoring_close_activities(
            ["hr_mentoring.mail_activity_type_missed", "hr_mentoring.mail_activity_type_escalation"],
            feedback=feedback,
        )

    def _done_from_activity(self, feedback):
        """The responsible marked the event's activity done: the event is done."""
        events = self.filtered(lambda e: e.state == "planned").with_context(mentoring_activity_done=True)
        # the feedback given on the activity is the mentor's comment on the mentor's events
        with_comment = events.filtered(lambda e: e.responsible_role == "mentor") if feedback else events.browse()
        if with_comment:
            with_comment.write({"state": "done", "mentor_comment": feedback})
        if events - with_comment:
            (events - with_comment).write({"state": "done"})
