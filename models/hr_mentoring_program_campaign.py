from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .hr_mentoring_program_acknowledgement import CAMPAIGN_BATCH_SIZE
from .hr_mentoring_tools import window_action


class HrMentoringProgram(models.Model):
    """The regulations and the information campaign (seed 000, stages 6 and 8):
    the regulations are versioned attachments of the programme; the campaign
    announces them to every participant, who acknowledges them."""

    _inherit = "hr.mentoring.program"

    campaign_launched_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    acknowledgement_count = fields.Integer(string="Participants", compute="_compute_acknowledgement_figures")
    acknowledged_count = fields.Integer(string="Acknowledged", compute="_compute_acknowledgement_figures")
    acknowledgement_pending_count = fields.Integer(string="Waiting", compute="_compute_acknowledgement_figures")
    acknowledgement_label = fields.Char(string="Acknowledged of All", compute="_compute_acknowledgement_figures")

    @api.depends_context("uid")
    @api.depends("acknowledgement_ids.state")
    def _compute_acknowledgement_figures(self):
        # with the reader's rights: a participant counts what they may read
        groups = self.env["hr.mentoring.program.acknowledgement"]._read_group(
            [("program_id", "in", self.ids)], ["program_id", "state"], ["__count"]
        )
        counts = {}
        for program, state, count in groups:
            counts.setdefault(program.id, {})[state] = count
        for program in self:
            by_state = counts.get(program._origin.id, {})
            total = sum(by_state.values())
            program.acknowledgement_count = total
            program.acknowledged_count = by_state.get("acknowledged", 0)
            program.acknowledgement_pending_count = by_state.get("pending", 0)
            program.acknowledgement_label = f"{program.acknowledged_count}/{total}"

    @api.model_create_multi
    def create(self, vals_list):
        programs = super().create(vals_list)
        programs._attach_regulations()
        return programs

    def write(self, vals):
        if "regulation_ids" not in vals:
            return super().write(vals)
        before = {program.id: set(program.regulation_ids.ids) for program in self}
        res = super().write(vals)
        self._attach_regulations()
        changed = self.filtered(lambda p: p.campaign_launched_on and set(p.regulation_ids.ids) != before[p.id])
        if changed:
            changed._new_regulation_version()
        return res

    def _attach_regulations(self):
        """Uploaded regulations belong to the programme, so that every participant
        who reads the programme may download them (ir.attachment follows its
        res_model and res_id): uploads not yet attached to a document are
        attached; a file of another document is refused (its readers differ)."""
        for program in self:
            # sudo: an upload without a document is readable by its creator only;
            # the coordinator's right to write the programme was checked by write()
            attachments = program.regulation_ids.sudo()
            loose = attachments.filtered(lambda a: not a.res_id and a.res_model in (False, self._name))
            loose.write({"res_model": self._name, "res_id": program.id})
            foreign = attachments.filtered(lambda a: a.res_model != self._name or a.res_field)
            if foreign:
                raise ValidationError(
                    _(
                        "The regulation %(name)s belongs to another document, which the participants may not "
                        "read: upload it to the programme.",
                        name=foreign[0].name,
                    )
                )

    def _new_regulation_version(self):
        """The regulations changed after the campaign: every participant is asked again."""
        for program in self:
            if not program.regulation_ids:
                raise UserError(
                    _(
                        "The information campaign of %(name)s was launched: keep at least one regulation.",
                        name=program.name,
                    )
                )
            program.regulation_version += 1
            program.message_post(
                body=_(
                    "New version %(version)s of the regulations: every participant is asked to acknowledge again.",
                    version=program.regulation_version,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._send_campaign()

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_launch_campaign(self):
        """Announce the programme and its regulations to every participant
        (mentors, mentees, their department heads), each in their language,
        and ask each one to acknowledge them. Run again, it adds newcomers."""
        self.env["hr.mentoring.role.mixin"]._mentoring_check_coordinator(_("launch the information campaign"))
        self.check_access("write")
        participants = self._mentoring_participants()
        for program in self:
            if not program.regulation_ids:
                raise UserError(_("Add the regulations of %(name)s before launching its campaign.", name=program.name))
            if not participants[program.id]:
                raise UserError(
                    _(
                        "%(name)s has no participants yet: propose its pairings before launching its campaign.",
                        name=program.name,
                    )
                )
        Ack = self.env["hr.mentoring.program.acknowledgement"]
        existing = {(ack.program_id.id, ack.employee_id.id) for ack in Ack.search([("program_id", "in", self.ids)])}
        Ack.create(
            [
                {"program_id": program.id, "employee_id": employee.id, "role": role}
                for program in self
                for employee, role in participants[program.id].items()
                if (program.id, employee.id) not in existing
            ]
        )
        self.filtered(lambda p: not p.regulation_version).write({"regulation_version": 1})
        self.filtered(lambda p: not p.campaign_launched_on).write({"campaign_launched_on": fields.Datetime.now()})
        queued = self._send_campaign()
        message = (
            _("The announcement is being sent to the participants in the background.")
            if queued
            else _("The participants have been asked to acknowledge the regulations.")
        )
        return self._campaign_notification(message)

    def action_remind_acknowledgements(self):
        """Remind the participants who have not acknowledged the current regulations."""
        self.env["hr.mentoring.role.mixin"]._mentoring_check_coordinator(_("remind the participants"))
        self.check_access("write")
        pending = self.env["hr.mentoring.program.acknowledgement"].search(
            [("program_id", "in", self.ids), ("state", "=", "pending")]
        )
        if not pending:
            raise UserError(_("Every participant has acknowledged the current regulations: nobody to remind."))
        # sudo: the coordinator's right is checked above; templates and mails are system records
        pending.sudo()._send_template(self.env.ref("hr_mentoring.mail_template_program_campaign_reminder").sudo())
        pending.sudo().write({"reminded_on": fields.Datetime.now()})
        return self._campaign_notification(_("%(count)s participants were reminded.", count=len(pending)))

    def action_open_acknowledgements(self):
        return window_action(
            self,
            "hr_mentoring.hr_mentoring_program_acknowledgement_action",
            [("program_id", "=", self.id)],
            {"search_default_filter_pending": 1 if self.acknowledgement_pending_count else 0},
        )

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _send_campaign(self):
        """Send the announcements of these programmes that are still to send: now
        when they are few, else by the scheduled action, batch by batch. Returns
        True when the scheduled action was asked to do it."""
        Ack = self.env["hr.mentoring.program.acknowledgement"].sudo()
        to_send = Ack.search([("program_id", "in", self.ids), ("to_send", "=", True)], limit=CAMPAIGN_BATCH_SIZE + 1)
        if len(to_send) > CAMPAIGN_BATCH_SIZE:
            self.env.ref("hr_mentoring.ir_cron_send_campaign").sudo()._trigger()
            return True
        to_send._send_announcement()
        return False

    def _campaign_notification(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
