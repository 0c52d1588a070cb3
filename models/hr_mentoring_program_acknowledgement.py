from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools.translate import LazyTranslate

from .input_checks import boolean_search_domain
from .state_machine import ANY_STATE, allowed_steps, check_step, step

_lt = LazyTranslate(__name__)

PARTICIPANT_ROLES = [("mentee", "Mentee"), ("mentor", "Mentor"), ("head", "Department Head")]

ACKNOWLEDGEMENT_STATES = [("pending", "Waiting"), ("acknowledged", "Acknowledged")]

# only action_acknowledge (as superuser, after checking the participant) writes these
ACKNOWLEDGED_FIELDS = frozenset({"date_acknowledged", "regulation_version", "recorded_by_id", "on_behalf"})
# whose acknowledgement of which programme: fixed once it exists
IDENTITY_FIELDS = ("program_id", "employee_id")

# the button of an acknowledgement (hr_mentoring.state_machine): the participant, once per version
STEPS = {
    "acknowledge": step(
        _lt("acknowledge the regulations"),
        ("pending",),
        {"participant"},
        wrong_states={ANY_STATE: _lt("The current regulations are already acknowledged.")},
        wrong_role=_lt("Only the participant acknowledges the regulations, for themselves."),
    ),
}

# the pairings whose mentor (or department head) acts for a mentee without a
# user in the programme: records the acknowledgement, is asked to, reads it
PROXY_PAIRING_STATES = ("proposed", "active", "done")

# the participant's (or whoever records for them) activity, done when acknowledged
REGULATIONS_ACTIVITY = "hr_mentoring.mail_activity_type_regulations"

# participants announced (or reminded) by one call of the mail template; a
# campaign with more is sent by the scheduled action, batch by batch
CAMPAIGN_BATCH_SIZE = 100


class HrMentoringProgramAcknowledgement(models.Model):
    """One participant of a programme's information campaign: they have read
    (or still have to read) the programme's current regulations."""

    _name = "hr.mentoring.program.acknowledgement"
    _inherit = ["hr.mentoring.activity.mixin", "hr.mentoring.department.mixin"]
    _description = "Mentoring Regulations Acknowledgement"
    _order = "program_id, date_acknowledged desc, id"
    _rec_names_search = ["employee_id", "program_id"]
    _check_company_auto = True
    _mentoring_steps = STEPS

    program_id = fields.Many2one("hr.mentoring.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee", string="Participant", required=True, index=True, ondelete="cascade", check_company=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True, index=True)
    role = fields.Selection(PARTICIPANT_ROLES, required=True)
    regulation_version = fields.Integer(
        string="Version Acknowledged", help="The version of the regulations the participant acknowledged."
    )
    date_acknowledged = fields.Datetime(string="Acknowledged On", copy=False)
    program_regulation_version = fields.Integer(
        related="program_id.regulation_version", string="Current Version", store=True
    )
    state = fields.Selection(
        ACKNOWLEDGEMENT_STATES,
        compute="_compute_state",
        store=True,
        index=True,
        help="Waiting: the participant has not yet acknowledged the current version of the regulations.",
    )
    sent_version = fields.Integer(
        copy=False,
        readonly=True,
        help="The version of the regulations last announced to the participant (0: not yet announced).",
    )
    to_send = fields.Boolean(
        compute="_compute_to_send",
        store=True,
        index=True,
        help="The announcement of the current version has not been sent to the participant yet.",
    )
    reminded_on = fields.Datetime(string="Last Reminded On", readonly=True, copy=False)
    regulation_ids = fields.Many2many(related="program_id.regulation_ids", string="Regulations")
    can_acknowledge = fields.Boolean(compute="_compute_can_acknowledge")
    has_no_user = fields.Boolean(
        compute="_compute_has_no_user",
        help="The participant has no user account: whoever acts for them records the acknowledgement.",
    )
    on_behalf = fields.Boolean(
        string="Recorded on Their Behalf",
        readonly=True,
        copy=False,
        help="The participant has no user account: the acknowledgement was recorded for them.",
    )
    recorded_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="Who recorded the acknowledgement for a participant without a user account.",
    )
    can_acknowledge_on_behalf = fields.Boolean(compute="_compute_can_acknowledge")
    is_my_mentee = fields.Boolean(
        string="My Mentee",
        compute="_compute_is_my_mentee",
        search="_search_is_my_mentee",
        help="The participant is a mentee of the current user in this programme (a pairing proposed, active or done).",
    )

    _sql_constraints = [
        (
            "program_employee_unique",
            "UNIQUE(program_id, employee_id)",
            "A participant acknowledges a programme's regulations once.",
        ),
    ]

    @api.depends("employee_id", "program_id")
    def _compute_display_name(self):
        for ack in self:
            ack.display_name = _(
                "Regulations of %(program)s: %(participant)s",
                program=ack.program_id.name,
                participant=ack.employee_id.name,
            )

    @api.depends("regulation_version", "date_acknowledged", "program_regulation_version")
    def _compute_state(self):
        for ack in self:
            current = ack.date_acknowledged and ack.regulation_version >= ack.program_regulation_version
            ack.state = "acknowledged" if current else "pending"

    @api.depends("sent_version", "program_regulation_version")
    def _compute_to_send(self):
        for ack in self:
            ack.to_send = ack.sent_version < ack.program_regulation_version

    @api.depends("user_id")
    def _compute_has_no_user(self):
        for ack in self:
            ack.has_no_user = not ack.user_id

    @api.depends_context("uid")
    @api.depends("state", "user_id")
    def _compute_can_acknowledge(self):
        allowed = allowed_steps(self, ["acknowledge"])["acknowledge"]
        proxies = self._mentoring_proxy_acknowledgements()
        for ack in self:
            ack.can_acknowledge = allowed[ack.id]
            ack.can_acknowledge_on_behalf = ack.state == "pending" and ack in proxies

    @api.depends_context("uid")
    def _compute_is_my_mentee(self):
        mentees = self._mentoring_my_mentees()
        for ack in self:
            ack.is_my_mentee = ack.employee_id.id in mentees.get(ack.program_id.id, ())

    def _search_is_my_mentee(self, operator, value):
        domain = expression.OR(
            [("program_id", "=", program_id), ("employee_id", "in", list(mentee_ids))]
            for program_id, mentee_ids in self._mentoring_my_mentees().items()
        )
        return boolean_search_domain(self, "is_my_mentee", operator, value, domain)

    @api.model
    def _mentoring_my_mentees(self):
        """{programme id: {mentee id}} of the pairings the current user
        mentors, proposed, active or done (as superuser: only whom they mentor
        is looked at). The record rule lets a mentor read the acknowledgements
        of these mentees without a user account, in these programmes only."""
        pairings = (
            self.env["hr.mentoring.pairing"]
            .sudo()
            .search_fetch(
                [("mentor_id.user_id", "=", self.env.uid), ("state", "in", PROXY_PAIRING_STATES)],
                ["program_id", "mentee_id"],
            )
        )
        mentees = defaultdict(set)
        for pairing in pairings:
            mentees[pairing.program_id.id].add(pairing.mentee_id.id)
        return mentees

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_acknowledged_fields(vals)
        # no chatter bookkeeping per participant (creator following, creation
        # note): the campaign creates them in batch; their activities come with it
        acknowledgements = (
            super(HrMentoringProgramAcknowledgement, self.with_context(tracking_disable=True))
            .create(vals_list)
            .with_env(self.env)
        )
        # the campaign stage follows the acknowledgements
        acknowledgements.program_id._mentoring_update_auto_stages()
        return acknowledgements

    def write(self, vals):
        self._check_acknowledged_fields(vals)
        self._check_identity_fields(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        raise UserError(
            _("An acknowledgement of the regulations cannot be duplicated: each participant acknowledges once.")
        )

    def unlink(self):
        programs = self.program_id
        res = super().unlink()
        programs.exists()._mentoring_update_auto_stages()
        return res

    @api.model
    def _check_acknowledged_fields(self, vals):
        """Nobody acknowledges for somebody else, not even a coordinator over RPC."""
        if not self.env.su and ACKNOWLEDGED_FIELDS & set(vals):
            raise AccessError(_("Only the participant acknowledges the regulations, with the button."))

    def _check_identity_fields(self, vals):
        """An acknowledgement stays the participant's, for its programme: moved
        to someone else, it would carry the first one's date and version."""
        if self.env.su:
            return
        for fname in IDENTITY_FIELDS:
            if fname in vals and any(ack[fname].id != vals[fname] for ack in self):
                raise UserError(
                    _(
                        "An acknowledgement belongs to its participant and its programme for good: the campaign "
                        "creates one for each new participant."
                    )
                )

    def action_acknowledge(self):
        """I have read the regulations: the participant themselves, for the current version."""
        self.check_access("read")
        check_step(self, "acknowledge")
        now = fields.Datetime.now()
        for version, acks in self.grouped("program_regulation_version").items():
            # sudo: participants only read their acknowledgement; the check above is the right
            acks.sudo().write({"date_acknowledged": now, "regulation_version": version})
        self._mentoring_close_acknowledge_activities()
        return True

    def _mentoring_roles(self):
        """{acknowledgement id: {"participant"} for the participant's own}."""
        return {ack.id: {"participant"} if ack.user_id == self.env.user else set() for ack in self}

    def action_acknowledge_on_behalf(self):
        """The participant has no user account and has read the regulations:
        a coordinator, the mentee's mentor or department head records it for
        them, for the current version."""
        self.check_access("read")
        with_user = self.filtered("user_id")
        if with_user:
            raise UserError(
                _(
                    "%(participant)s has a user account and acknowledges the regulations themselves.",
                    participant=with_user[0].employee_id.name,
                )
            )
        refused = self - self._mentoring_proxy_acknowledgements()
        if refused:
            raise AccessError(
                _(
                    "Only a coordinator records the acknowledgement of %(participant)s; the mentor or the "
                    "department head of a mentee without a user account records theirs.",
                    participant=refused[0].employee_id.name,
                )
            )
        now = fields.Datetime.now()
        for version, acks in (
            self.filtered(lambda ack: ack.state == "pending").grouped("program_regulation_version").items()
        ):
            # sudo: the right was checked above (_mentoring_proxy_acknowledgements)
            acks.sudo().write(
                {
                    "date_acknowledged": now,
                    "regulation_version": version,
                    "on_behalf": True,
                    "recorded_by_id": self.env.uid,
                }
            )
        self._mentoring_close_acknowledge_activities()
        return True

    def _mentoring_proxy_acknowledgements(self):
        """The acknowledgements of ``self`` that the current user may record on
        a participant's behalf: those of participants without a user account,
        for a coordinator of the programme's company; those of mentees without
        a user, for their mentor or their department head in the programme."""
        no_user = self.filtered(lambda ack: not ack.user_id)
        if not no_user:
            return self.browse()
        if self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator():
            return no_user.filtered(lambda ack: self.env.su or ack.company_id <= self.env.companies)
        mentees = no_user.filtered(lambda ack: ack.role == "mentee")
        if not mentees:
            return self.browse()
        # sudo: the pairings of these mentees, to find who acts for them; the
        # role check below runs as the current user
        pairings = mentees._mentoring_mentee_pairings().with_env(self.env)
        roles = pairings._mentoring_roles()
        acting = {
            (pairing.sudo().program_id.id, pairing.sudo().mentee_id.id)
            for pairing in pairings
            if "mentee_proxy" in roles[pairing.id]
        }
        return mentees.filtered(lambda ack: (ack.program_id.id, ack.employee_id.id) in acting)

    # ------------------------------------------------------------------
    # activities: the participant (or whoever records for them) is asked in
    # Odoo too, not only by e-mail; the activity is done when acknowledged
    # ------------------------------------------------------------------

    def _mentoring_mentee_pairings(self):
        """The pairings (proposed, active or done; the latest first) of these
        acknowledgements' mentees in their programmes, as superuser: whoever
        acts for a mentee follows from them."""
        return (
            self.env["hr.mentoring.pairing"]
            .sudo()
            .search(
                [
                    ("program_id", "in", self.program_id.ids),
                    ("mentee_id", "in", self.employee_id.ids),
                    ("state", "in", PROXY_PAIRING_STATES),
                ],
                order="date_start desc, id desc",
            )
        )

    def _mentoring_acknowledger_users(self):
        """{acknowledgement id: user} who acknowledges: the participant; for a
        mentee without a user account, whoever acts for them as for the plan's
        acknowledgements (their mentor, else their department head); for
        anyone else without one, or with nobody to act, the programme's
        coordinator (_mentoring_proxy_acknowledgements lets each of them)."""
        # sudo: the pairings and users of the participants, to assign the activity
        acks = self.sudo()
        mentees = acks.filtered(lambda ack: not ack.user_id and ack.role == "mentee")
        acting = {}
        if mentees:
            pairings = mentees._mentoring_mentee_pairings()
            heads = pairings._mentoring_head_users()
            for pairing in pairings:
                acting.setdefault(
                    (pairing.program_id.id, pairing.mentee_id.id), pairing.mentor_id.user_id or heads.get(pairing.id)
                )
        return {
            ack.id: ack.user_id or acting.get((ack.program_id.id, ack.employee_id.id)) or ack.program_id.coordinator_id
            for ack in acks
        }

    def _mentoring_schedule_acknowledge_activities(self):
        """One activity per acknowledgement still waiting, for whoever
        acknowledges it (in their language), in one batch; none twice."""
        pending = self.sudo().filtered(lambda ack: ack.state == "pending")
        if not pending:
            return
        existing = set(pending._mentoring_activities(REGULATIONS_ACTIVITY).mapped("res_id"))
        new = pending.filtered(lambda ack: ack.id not in existing)
        users = new._mentoring_acknowledger_users()
        self._mentoring_schedule_activities(
            [
                {
                    "record": ack,
                    "type": REGULATIONS_ACTIVITY,
                    "user": users[ack.id],
                    "summary": _lt("Acknowledge the regulations of %(program)s", program=ack.program_id.name)
                    if ack.user_id
                    else _lt(
                        "Record the acknowledgement of %(participant)s: regulations of %(program)s",
                        participant=ack.employee_id.name,
                        program=ack.program_id.name,
                    ),
                    "note": _lt("The regulations are attached to the announcement and to this record."),
                }
                for ack in new
            ]
        )

    @api.model
    def _mentoring_follow_proxies(self, keys):
        """Whoever acts for these mentees may have changed (``keys``
        {(programme id, mentee id)}: a pairing was proposed, ended, reset,
        given another mentor or mentee): the activities of their waiting
        acknowledgements move to whoever records them now, as the campaign
        would assign them (_mentoring_acknowledger_users). Acknowledgements
        with no activity yet (no campaign) are left as they are."""
        if not keys:
            return
        # sudo: the participants' acknowledgements and activities are assigned by the module
        acks = (
            self.sudo()
            .search(
                [
                    ("program_id", "in", list({program_id for program_id, _mentee_id in keys})),
                    ("employee_id", "in", list({mentee_id for _program_id, mentee_id in keys})),
                    ("user_id", "=", False),
                    ("role", "=", "mentee"),
                    ("state", "=", "pending"),
                ]
            )
            .filtered(lambda ack: (ack.program_id.id, ack.employee_id.id) in keys)
        )
        users = acks._mentoring_acknowledger_users()
        stale = acks._mentoring_activities(REGULATIONS_ACTIVITY).filtered(lambda a: a.user_id != users[a.res_id])
        if stale:
            moved = acks.browse(stale.mapped("res_id"))
            stale.unlink()
            moved._mentoring_schedule_acknowledge_activities()

    def _mentoring_close_acknowledge_activities(self):
        """The acknowledgements are recorded: their activities are done (not
        when the activity itself was marked done: Odoo closes that one)."""
        if self.env.context.get("mentoring_activity_done"):
            return
        self.sudo().filtered(lambda ack: ack.state == "acknowledged")._mentoring_close_activities(REGULATIONS_ACTIVITY)

    def _mentoring_acknowledge_from_activity(self, feedback=None):
        """The activity was marked done: the participant acknowledges, or
        whoever acts for them records it, with the buttons' checks."""
        pending = self.filtered(lambda ack: ack.state == "pending").with_context(mentoring_activity_done=True)
        own = pending.filtered(lambda ack: ack.user_id == self.env.user)
        if own:
            own.action_acknowledge()
        if pending - own:
            (pending - own).action_acknowledge_on_behalf()

    # ------------------------------------------------------------------
    # sending: the announcement and the reminder
    # ------------------------------------------------------------------

    def _mentoring_send_template(self, template):
        """Send ``template`` to these participants, in each one's language, with
        their programme's regulations attached: one batch per programme."""
        for program, acks in self.grouped("program_id").items():
            attachments = template.attachment_ids | program.regulation_ids
            template.send_mail_batch(
                acks.ids,
                email_values={"attachment_ids": [fields.Command.link(a) for a in attachments.ids]},
            )

    def _mentoring_send_announcement(self):
        """Announce the current regulations to these participants, and remember
        it, so that nobody gets the same version twice."""
        acks = self.filtered("to_send")
        # sudo: the coordinator's check is done; the template and the mails are system records
        acks.sudo()._mentoring_send_template(self.env.ref("hr_mentoring.mail_template_program_campaign").sudo())
        for version, batch in acks.grouped("program_regulation_version").items():
            batch.sudo().write({"sent_version": version})
        acks._mentoring_schedule_acknowledge_activities()
        return acks

    @api.model
    def _cron_send_campaign(self, batch_size=CAMPAIGN_BATCH_SIZE):
        """Send the announcements still to send, batch by batch: the scheduler
        runs again while some remain; a failed run resends nothing sent."""
        Ack = self.sudo()
        domain = [("to_send", "=", True), ("program_id.active", "=", True)]
        acks = Ack.search(domain, limit=batch_size, order="program_id, id")
        acks._mentoring_send_announcement()
        remaining = Ack.search_count(domain) if len(acks) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(acks), remaining=remaining)
        return acks
