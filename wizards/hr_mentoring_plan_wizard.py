from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..models.hr_mentoring_pairing import PLAN_ROLES
from ..models.input_checks import check_date_window


class HrMentoringPlanWizard(models.TransientModel):
    """Turn a plan template into the dated events of one pairing, on the
    mentee's working days."""

    _name = "hr.mentoring.plan.wizard"
    _description = "Create a Mentoring Plan"
    _inherit = ["hr.mentoring.wizard.mixin"]
    _mentoring_wizard_fields = {"pairing_id": PLAN_ROLES, "template_id": None}

    pairing_id = fields.Many2one("hr.mentoring.pairing", required=True, ondelete="cascade")
    template_id = fields.Many2one(
        "hr.mentoring.plan.template",
        string="Plan Template",
        compute="_compute_template_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    date_start = fields.Date(
        string="Plan Starts On",
        compute="_compute_date_start",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="Working day 1 of the plan is this date when it is a working day of the mentee, otherwise the next one.",
    )
    existing_event_count = fields.Integer(compute="_compute_existing")
    replaceable_event_count = fields.Integer(compute="_compute_existing")
    replace_future = fields.Boolean(
        string="Replace the Planned Future Events",
        help="Delete the events still planned from today on (not signed) and plan again. "
        "Done, missed and signed events are never touched.",
    )
    template_event_count = fields.Integer(related="template_id.event_count")
    mentee_has_no_user = fields.Boolean(
        compute="_compute_has_no_user",
        help="The mentee has no user account: whoever acts for them records their answers.",
    )
    mentor_has_no_user = fields.Boolean(
        compute="_compute_has_no_user",
        help="The mentor has no user account: the programme's coordinator signs their events.",
    )

    @api.depends("pairing_id")
    def _compute_has_no_user(self):
        for wizard in self:
            # sudo: whether the two people have a user, not who it is
            pairing = wizard.pairing_id.sudo()
            wizard.mentee_has_no_user = bool(pairing.mentee_id and not pairing.mentee_id.user_id)
            wizard.mentor_has_no_user = bool(pairing.mentor_id and not pairing.mentor_id.user_id)

    @api.depends("pairing_id")
    def _compute_template_id(self):
        for wizard in self:
            wizard.template_id = wizard.pairing_id.program_id.plan_template_id or wizard.template_id

    @api.depends("pairing_id")
    def _compute_date_start(self):
        for wizard in self:
            wizard.date_start = wizard.pairing_id.date_start or fields.Date.context_today(self)

    @api.depends("pairing_id")
    def _compute_existing(self):
        for wizard in self:
            events = wizard.pairing_id.event_ids.filtered(lambda e: e.state != "cancelled")
            wizard.existing_event_count = len(events)
            wizard.replaceable_event_count = len(wizard._mentoring_replaceable_events())

    def _mentoring_replaceable_events(self):
        today = fields.Date.context_today(self)
        return self.pairing_id.event_ids.filtered(
            lambda e: e.state == "planned" and not e.signed_by_id and e.date_due >= today
        )

    @api.constrains("date_start")
    def _check_date_start(self):
        check_date_window(self, ("date_start",))

    @api.model
    def _mentoring_wizard_action(self):
        return _("create the plan of this pairing")

    def action_create_plan(self):
        pairing = self._mentoring_checked_record("pairing_id")
        if pairing.state not in ("proposed", "active"):
            raise UserError(
                _(
                    "The pairing %(pairing)s is %(state)s: plans are made for proposed or active pairings.",
                    pairing=pairing.display_name,
                    state=dict(pairing._fields["state"]._description_selection(self.env))[pairing.state],
                )
            )
        template = self.template_id
        if not template.line_ids:
            raise UserError(_("The plan template %(template)s has no events yet.", template=template.name))
        if self.date_start < pairing.date_start:
            raise UserError(
                _(
                    "The plan cannot start on %(date)s, before the pairing starts on %(start)s.",
                    date=self.date_start,
                    start=pairing.date_start,
                )
            )
        existing = pairing.event_ids.filtered(lambda e: e.state != "cancelled")
        if existing:
            if not self.replace_future:
                raise UserError(
                    _(
                        "%(pairing)s already has a plan of %(count)s events. Tick 'Replace the Planned Future "
                        "Events' to plan again: only the %(replaceable)s events still planned from today on are "
                        "replaced; done, missed and signed events stay.",
                        pairing=pairing.display_name,
                        count=len(existing),
                        replaceable=self.replaceable_event_count,
                    )
                )
            # sudo: the role was checked above; deleting the not-yet-started part of
            # a plan is part of re-planning it, also for a department head.
            self._mentoring_replaceable_events().sudo().unlink()
        events = self._mentoring_create_events()
        pairing.message_post(
            body=_(
                "Plan %(template)s created from %(date)s: %(count)s events on %(mentee)s's working days.",
                template=template.name,
                date=format_date(self.env, self.date_start),
                count=len(events),
                mentee=pairing.mentee_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return pairing.action_open_events()

    def _mentoring_create_events(self):
        """All events of the plan in one batch: one working-day computation,
        one create, one copy of the template's translations, one batch of
        activities, whatever the length of the plan."""
        template = self.template_id
        lines = template.line_ids
        needed = template._mentoring_working_days_needed()
        work_dates = self.pairing_id.mentee_id._mentoring_work_dates(self.date_start, needed)
        vals_list, suffixes = [], []
        for line in lines:
            for occurrence, due in enumerate(line._mentoring_occurrences(work_dates), start=1):
                suffix = f" ({occurrence}/{line.repeat_count + 1})" if line.repeat_count else ""
                suffixes.append(suffix)
                vals_list.append(
                    {
                        "pairing_id": self.pairing_id.id,
                        "name": f"{line.name}{suffix}",
                        "sequence": line.sequence,
                        "event_type": line.event_type,
                        "evaluation_kind": line.evaluation_kind,
                        "phase": line.phase,
                        "responsible_role": line.responsible_role,
                        "instructions": line.instructions,
                        "template_line_id": line.id,
                        "meeting_duration": line.meeting_duration,
                        "date_due": due,
                    }
                )
        events = (
            self.env["hr.mentoring.event"]
            .with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True, mentoring_no_activity_sync=True
            )
            .create(vals_list)
        )
        # the events read in every language of their template lines; their
        # activities then follow, in each assignee's language
        events._mentoring_copy_template_texts(dict(zip(events.ids, suffixes, strict=True)))
        events._mentoring_sync_activities()
        return events
