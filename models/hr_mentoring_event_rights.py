from odoo import api, fields, models

from .hr_mentoring_event import HEAD_PART, MENTEE_PART, MENTOR_PART, MISSED_PART, PLAN_PART, TRANSITIONS


def _may_move(event, new_state, roles, writable):
    """Whether a user with ``roles``, who may write ``writable``, moves ``event`` to ``new_state``."""
    return bool(TRANSITIONS.get((event.state, new_state), set()) & roles) and "state" in writable


class HrMentoringEvent(models.Model):
    """What the current user may do on a plan event: the form's buttons and
    editable parts follow these booleans; the server checks stay in the model
    (TRANSITIONS, _mentoring_writable_fields), which these read."""

    _inherit = "hr.mentoring.event"

    # what the current user may do on the form (the server checks it again)
    can_sign = fields.Boolean(compute="_compute_can", help="The current user may sign the event done.")
    can_acknowledge = fields.Boolean(compute="_compute_can")
    can_review = fields.Boolean(compute="_compute_can")
    can_cancel = fields.Boolean(compute="_compute_can")
    can_explain = fields.Boolean(compute="_compute_can")
    can_reset = fields.Boolean(compute="_compute_can")
    can_edit_mentor_part = fields.Boolean(compute="_compute_can")
    can_edit_mentee_part = fields.Boolean(compute="_compute_can")
    can_edit_head_part = fields.Boolean(compute="_compute_can")
    can_edit_missed = fields.Boolean(compute="_compute_can")
    can_edit_plan = fields.Boolean(compute="_compute_can")

    @api.depends("state", "event_type", "acknowledged", "reviewed", "missed_reason_category", "pairing_id")
    @api.depends_context("uid")
    def _compute_can(self):
        """Odoo's Time Off way (hr.leave.can_approve): the form shows a
        button or lets a field be typed into only when the server would
        accept it from the current user; roles are computed once for all."""
        roles = self._mentoring_roles()
        writable = self._mentoring_writable_by_user(roles)
        for event in self:
            event_roles = roles.get(event.id, set())
            fields_ok = writable[event.id]

            event.can_sign = (
                event.state == "planned"
                and event.event_type != "evaluation"
                and _may_move(event, "done", event_roles, fields_ok)
            )
            event.can_acknowledge = (
                event.state == "done"
                and not event.acknowledged
                and bool(event_roles & {"mentee", "coordinator"})
                and "acknowledged" in fields_ok
            )
            event.can_review = (
                event.state in ("done", "missed", "cancelled")
                and not event.reviewed
                and bool(event_roles & {"head", "coordinator"})
                and "reviewed" in fields_ok
            )
            event.can_cancel = (event.state == "planned" or bool(event.missed_reason_category)) and _may_move(
                event, "cancelled", event_roles, fields_ok
            )
            event.can_explain = event.state == "missed" and bool(event_roles & {"mentor", "head", "coordinator"})
            event.can_reset = event.state in ("done", "cancelled") and _may_move(
                event, "planned", event_roles, fields_ok
            )
            event.can_edit_mentor_part = set(MENTOR_PART) <= fields_ok
            event.can_edit_mentee_part = set(MENTEE_PART) <= fields_ok
            event.can_edit_head_part = set(HEAD_PART) <= fields_ok
            event.can_edit_missed = set(MISSED_PART) <= fields_ok
            event.can_edit_plan = set(PLAN_PART) <= fields_ok
