from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .state_machine import allowed_steps, check_step, step, take_step, transition

_lt = LazyTranslate(__name__)

EVALUATION_STATES = [("draft", "Draft"), ("submitted", "Submitted"), ("acknowledged", "Acknowledged")]

EVALUATION_KINDS = [
    ("mentor_on_mentee", "Mentor Evaluates Mentee"),
    ("self", "Mentee Self-Evaluation"),
    ("mentee_on_mentor", "Mentee Feedback on Mentor"),
    ("fit_check", "Pairing Fit Check"),
    ("coordinator_on_mentee", "Coordinator Evaluates Mentee"),
    ("coordinator_on_mentor", "Coordinator Evaluates Mentor"),
]

# kind -> (subject, evaluator role)
KIND_SPEC = {
    "mentor_on_mentee": ("mentee", "mentor"),
    "self": ("mentee", "mentee"),
    "mentee_on_mentor": ("mentor", "mentee"),
    "fit_check": ("pairing", "mentee"),
    "coordinator_on_mentee": ("mentee", "coordinator"),
    "coordinator_on_mentor": ("mentor", "coordinator"),
}

# answers of the mentee that the mentor does not read (their feedback on the
# mentor, the fit check of the pairing): for a mentee without a user account,
# the department head or a coordinator records them, never the mentor
CONFIDENTIAL_FROM_MENTOR = ("mentee_on_mentor", "fit_check")

# kinds whose evaluator may share the result with the subject; a mentee's
# feedback on the mentor reaches the mentor only when a coordinator shares it.
EVALUATOR_SHARES = ("mentor_on_mentee", "coordinator_on_mentee", "coordinator_on_mentor")

# (from, to) -> roles that may make the step; coordinators reopen what was submitted.
# Nobody but a coordinator makes a step outside this table, not even by a direct write.
TRANSITIONS = {
    ("draft", "submitted"): {"evaluator", "coordinator"},
    ("submitted", "acknowledged"): {"subject", "coordinator"},
    ("submitted", "draft"): {"coordinator"},
    ("acknowledged", "draft"): {"coordinator"},
}

# the buttons of an evaluation (hr_mentoring.state_machine): who presses each, in which states
STEPS = {
    "submit": transition(_lt("submit this evaluation"), TRANSITIONS, "submitted"),
    "acknowledge": transition(
        _lt("acknowledge this evaluation"),
        TRANSITIONS,
        "acknowledged",
        wrong_states={"draft": _lt("Only a submitted evaluation can be acknowledged.")},
    ),
    # the evaluator shares the kinds of EVALUATOR_SHARES (_mentoring_check_step)
    "share": step(_lt("share this evaluation"), ("submitted", "acknowledged"), {"evaluator", "coordinator"}),
    "reset": transition(_lt("reopen a submitted evaluation"), TRANSITIONS, "draft"),
}
# can_* field -> the step it shows
CAN_STEPS = {
    "can_submit": "submit",
    "can_acknowledge": "acknowledge",
    "can_share": "share",
    "can_reset": "reset",
}


class HrMentoringEvaluation(models.Model):
    _name = "hr.mentoring.evaluation"
    _description = "Mentoring Evaluation"
    _inherit = ["hr.mentoring.activity.mixin", "hr.mentoring.role.mixin", "hr.mentoring.pairing.part.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["mentee_id.name", "mentor_id.name", "program_id.name"]
    _check_company_auto = True
    _mentoring_writable_fields = {
        "evaluator": {"line_ids", "date", "note", "state", "shared_with_subject"},
        "subject": {"state", "subject_comment"},
    }
    _mentoring_steps = STEPS

    event_id = fields.Many2one("hr.mentoring.event", string="Plan Event", index="btree_not_null", check_company=True)
    kind = fields.Selection(EVALUATION_KINDS, required=True, default="mentor_on_mentee")
    subject = fields.Selection(
        [("mentee", "Mentee"), ("mentor", "Mentor"), ("pairing", "Pairing Fit")],
        compute="_compute_kind_spec",
        store=True,
        index=True,
    )
    evaluator_role = fields.Selection(
        [("mentor", "Mentor"), ("mentee", "Mentee"), ("coordinator", "Coordinator")],
        compute="_compute_kind_spec",
        store=True,
    )
    evaluator_id = fields.Many2one("res.users", required=True, index=True, default=lambda self: self.env.user)
    on_behalf = fields.Boolean(
        string="Recorded on the Mentee's Behalf",
        compute="_compute_on_behalf",
        store=True,
        help="The mentee has no user account: their mentor, their department head or a coordinator recorded "
        "the mentee's answers for them.",
    )
    recorded_by_id = fields.Many2one(
        "res.users",
        compute="_compute_on_behalf",
        store=True,
        help="Who recorded the mentee's answers on their behalf.",
    )
    mentee_has_no_user = fields.Boolean(compute="_compute_mentee_has_no_user")
    date = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many(
        "hr.mentoring.evaluation.line",
        "evaluation_id",
        # not "Ratings": with the rating app installed, mail.thread has rating_ids so labelled
        string="Criterion Ratings",
        copy=True,
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    note = fields.Text(string="Evaluator's Summary")
    subject_comment = fields.Text(string="Comment of the Evaluated")
    score = fields.Float(compute="_compute_score", store=True, digits=(5, 1), aggregator="avg")
    state = fields.Selection(EVALUATION_STATES, required=True, default="draft", tracking=True, copy=False, index=True)
    shared_with_subject = fields.Boolean(
        string="Shared with the Evaluated", tracking=True, help="The evaluated person may read this evaluation."
    )
    submitted_on = fields.Datetime(readonly=True, copy=False)

    # what the current user may do on the form (the server checks it again)
    can_submit = fields.Boolean(compute="_compute_can")
    can_acknowledge = fields.Boolean(compute="_compute_can")
    can_share = fields.Boolean(compute="_compute_can")
    can_reset = fields.Boolean(compute="_compute_can")
    can_edit_lines = fields.Boolean(
        compute="_compute_can", help="The current user may rate, date and summarise this evaluation."
    )
    can_edit_subject_comment = fields.Boolean(compute="_compute_can")

    @api.depends("kind")
    def _compute_kind_spec(self):
        for evaluation in self:
            evaluation.subject, evaluation.evaluator_role = KIND_SPEC[evaluation.kind or "mentor_on_mentee"]

    @api.depends("kind", "evaluator_id", "pairing_id")
    def _compute_on_behalf(self):
        """An answer of the mentee written by someone else is on their behalf
        (_check_evaluator allows it only for a mentee without a user). Fixed
        when written: a user account given later does not rewrite history."""
        for evaluation in self:
            # sudo: whether the mentee has a user, not who it is
            mentee_user = evaluation.sudo().pairing_id.mentee_id.user_id
            on_behalf = bool(
                evaluation.pairing_id
                and KIND_SPEC[evaluation.kind or "mentor_on_mentee"][1] == "mentee"
                and evaluation.evaluator_id
                and evaluation.evaluator_id != mentee_user
            )
            evaluation.on_behalf = on_behalf
            evaluation.recorded_by_id = evaluation.evaluator_id if on_behalf else False

    @api.depends("pairing_id")
    def _compute_mentee_has_no_user(self):
        for evaluation in self:
            mentee = evaluation.sudo().pairing_id.mentee_id
            evaluation.mentee_has_no_user = bool(mentee and not mentee.user_id)

    @api.depends("pairing_id", "kind")
    def _compute_line_ids(self):
        """A draft lists its programme's criteria for its subject (all the
        company's criteria for it when the programme names none) as soon as
        its pairing and kind are known: in the form before saving, and in
        ``create`` over RPC. Ratings once given are never thrown away."""
        Criterion = self.env["hr.mentoring.criterion"]
        fallback = {}
        for evaluation in self:
            lines = evaluation.line_ids
            if evaluation.state not in (False, "draft") or lines.filtered("level_id") or not evaluation.pairing_id:
                evaluation.line_ids = lines
                continue
            program = evaluation.pairing_id.program_id
            subject = KIND_SPEC[evaluation.kind or "mentor_on_mentee"][0]
            criteria = {
                "mentee": program.mentee_criterion_ids,
                "mentor": program.mentor_criterion_ids,
                "pairing": program.fit_criterion_ids,
            }[subject]
            if not criteria:
                key = ("fit" if subject == "pairing" else subject, evaluation.pairing_id.company_id.id)
                if key not in fallback:
                    fallback[key] = Criterion.search([("subject", "=", key[0]), ("company_id", "in", [False, key[1]])])
                criteria = fallback[key]
            if lines.criterion_id == criteria and len(lines) == len(criteria):
                evaluation.line_ids = lines
                continue
            evaluation.line_ids = [Command.clear()] + [
                Command.create({"criterion_id": criterion.id}) for criterion in criteria
            ]

    @api.depends("state", "kind", "evaluator_id", "pairing_id", "shared_with_subject")
    @api.depends_context("uid")
    def _compute_can(self):
        """Odoo's Time Off way (hr.leave.can_approve): a button shows when its
        step passes for the current user, a field is editable when the server
        would accept it."""
        roles = self._mentoring_roles()
        writable = self._mentoring_writable_by_user(roles)
        coordinator = self._mentoring_is_coordinator()
        allowed = allowed_steps(self, CAN_STEPS.values(), roles)
        for evaluation in self:
            record_roles = roles.get(evaluation.id, set())
            fields_ok = writable[evaluation.id]
            draft = evaluation.state in (False, "draft")
            for fname, name in CAN_STEPS.items():
                evaluation[fname] = allowed[name][evaluation.id]
            evaluation.can_edit_lines = draft and (coordinator or "evaluator" in record_roles)
            evaluation.can_edit_subject_comment = "subject_comment" in fields_ok

    @api.depends("line_ids.score", "line_ids.level_id")
    def _compute_score(self):
        for evaluation in self:
            rated = evaluation.line_ids.filtered("level_id")
            evaluation.score = sum(rated.mapped("score")) / len(rated) if rated else 0.0

    @api.depends("pairing_id", "kind", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for evaluation in self:
            if not evaluation.pairing_id:
                evaluation.display_name = _("New Evaluation")
                continue
            evaluation.display_name = _(
                "%(kind)s: %(pairing)s (%(date)s)",
                kind=kinds.get(evaluation.kind),
                pairing=evaluation.pairing_id.display_name,
                date=evaluation.date,
            )

    @api.constrains("event_id", "pairing_id", "kind")
    def _check_event(self):
        for evaluation in self.sudo().filtered("event_id"):
            event = evaluation.event_id
            if (
                event.pairing_id != evaluation.pairing_id
                or event.event_type != "evaluation"
                or (event.evaluation_kind and event.evaluation_kind != evaluation.kind)
            ):
                raise ValidationError(
                    _("%(event)s is not an evaluation event of this kind in this pairing.", event=event.name)
                )

    @api.constrains("evaluator_id", "kind", "pairing_id")
    def _check_evaluator(self):
        for evaluation in self.sudo():
            role = evaluation.evaluator_role
            pairing = evaluation.pairing_id
            expected = {
                "mentor": pairing.mentor_id.user_id,
                "mentee": pairing.mentee_id.user_id,
            }.get(role)
            if role == "mentee" and not expected:
                evaluation._mentoring_check_recorder()
            elif role == "coordinator":
                if not evaluation.evaluator_id.has_group("hr_mentoring.group_mentoring_coordinator"):
                    raise ValidationError(_("Only a coordinator can be the evaluator of a coordinator's evaluation."))
            elif evaluation.evaluator_id != expected:
                raise ValidationError(
                    _(
                        "In a %(kind)s, the evaluator must be the pairing's %(role)s.",
                        kind=dict(self._fields["kind"]._description_selection(self.env))[evaluation.kind],
                        role=dict(self._fields["evaluator_role"]._description_selection(self.env))[role],
                    )
                )

    def _mentoring_check_recorder(self):
        """The answers of a mentee without a user account are recorded for
        them by their mentor (not those kept from the mentor), their
        department head or a coordinator."""
        self.ensure_one()
        pairing = self.sudo().pairing_id
        recorder = self.evaluator_id
        allowed = recorder.has_group("hr_mentoring.group_mentoring_coordinator") or recorder in (
            pairing.department_id._mentoring_head_chain().get(pairing.department_id.id, ())
        )
        if self.kind not in CONFIDENTIAL_FROM_MENTOR:
            allowed = allowed or recorder == pairing.mentor_id.user_id
        if allowed:
            return
        kind = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        if self.kind in CONFIDENTIAL_FROM_MENTOR:
            message = _(
                "%(mentee)s has no user account: their %(kind)s is recorded for them by their department head "
                "or a coordinator: the mentor does not read it.",
                mentee=pairing.mentee_id.name,
                kind=kind,
            )
        else:
            message = _(
                "%(mentee)s has no user account: their %(kind)s is recorded for them by their mentor, their "
                "department head or a coordinator.",
                mentee=pairing.mentee_id.name,
                kind=kind,
            )
        raise ValidationError(message)

    # ------------------------------------------------------------------
    # roles
    # ------------------------------------------------------------------

    def _mentoring_roles(self):
        roles = super()._mentoring_roles()
        user = self.env.user
        for evaluation in self.sudo():
            if evaluation.evaluator_id == user:
                roles[evaluation.id].add("evaluator")
            subject_user = {
                "mentee": evaluation.pairing_id.mentee_id.user_id,
                "mentor": evaluation.pairing_id.mentor_id.user_id,
            }.get(evaluation.subject)
            if subject_user == user and evaluation.evaluator_id != user:
                roles[evaluation.id].add("subject")
        return roles

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self._mentoring_is_coordinator():
            self._mentoring_readable_pairings(vals_list)
            for vals in vals_list:
                if (
                    vals.get("evaluator_id", self.env.uid) != self.env.uid
                    or vals.get("state", "draft") != "draft"
                    or vals.get("shared_with_subject")
                ):
                    raise AccessError(_("You can only start evaluations you write yourself, as drafts."))
        # the criteria to rate come from _compute_line_ids
        evaluations = super().create(vals_list)
        on_behalf = evaluations.filtered("on_behalf")
        if on_behalf:
            # sudo: the chatter line is the server's record of who wrote the answers
            on_behalf.sudo()._message_log_batch(
                bodies={
                    evaluation.id: self.env._(
                        "Recorded by %(user)s on behalf of %(mentee)s, who has no user account.",
                        user=evaluation.recorded_by_id.name,
                        mentee=evaluation.mentee_id.name,
                    )
                    for evaluation in on_behalf.sudo()
                }
            )
        return evaluations

    def write(self, vals):
        if not self.env.su and {"on_behalf", "recorded_by_id"} & set(vals):
            raise AccessError(_("Who recorded an evaluation, and for whom, is kept by the server."))
        self._mentoring_check_write(vals)
        if not self._mentoring_is_coordinator():
            self._check_write_by_participant(vals)
        vals = dict(vals)
        if vals.get("state") == "submitted":
            vals["submitted_on"] = fields.Datetime.now()
        submitted = self.filtered(lambda e: e.state == "draft") if vals.get("state") == "submitted" else self.browse()
        res = super().write(vals)
        if submitted:
            submitted._mentoring_on_submitted()
        return res

    def copy_data(self, default=None):
        raise UserError(_("An evaluation cannot be duplicated: each one belongs to its event and its evaluator."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda e: e.state != "draft") and not self._mentoring_is_coordinator():
            raise UserError(_("A submitted evaluation is on record and cannot be deleted."))

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_submit(self):
        check_step(self, "submit")
        for evaluation in self:
            unrated = evaluation.line_ids.filtered(lambda line: not line.level_id)
            if not evaluation.line_ids or unrated:
                raise UserError(
                    _(
                        "Rate every criterion before submitting (missing: %(criteria)s).",
                        criteria=", ".join(unrated.criterion_id.mapped("name")) or _("all"),
                    )
                )
        return take_step(self, "submit")

    def action_acknowledge(self):
        return take_step(self, "acknowledge")

    def action_share(self):
        return take_step(self, "share", {"shared_with_subject": True})

    def action_reset_draft(self):
        return take_step(self, "reset")

    # ------------------------------------------------------------------
    # business
    # ------------------------------------------------------------------

    def _mentoring_check_step(self, name, roles):
        """The conditions of the evaluation's buttons that are not a state
        nor a role (hr_mentoring.state_machine)."""
        self.ensure_one()
        if name == "share":
            if self.shared_with_subject:
                raise UserError(_("%(evaluation)s is already shared.", evaluation=self.display_name))
            if "coordinator" not in roles and not self.env.su and self.kind not in EVALUATOR_SHARES:
                raise UserError(_("Only a coordinator may share this evaluation with the person evaluated."))

    # ------------------------------------------------------------------
    # business
    # ------------------------------------------------------------------

    def _check_write_by_participant(self, vals):
        roles = self._mentoring_roles()
        for evaluation in self:
            record_roles = roles[evaluation.id]
            if "evaluator" in record_roles:
                if evaluation.state != "draft" and set(vals) - {"state", "shared_with_subject"}:
                    raise UserError(_("A submitted evaluation cannot be changed any more."))
                if vals.get("shared_with_subject") and evaluation.kind not in EVALUATOR_SHARES:
                    raise UserError(_("Only a coordinator may share this evaluation with the person evaluated."))
            state = vals.get("state")
            if state and state != evaluation.state:
                # the participants' steps of the state machine (coordinators' steps are theirs only)
                allowed = TRANSITIONS.get((evaluation.state, state), set()) - {"coordinator"}
                if not allowed & record_roles:
                    raise UserError(_("You cannot move this evaluation to that stage."))

    def _mentoring_on_submitted(self):
        """Submitting completes the plan event, checks the pairing's fit and
        proposes the skill levels of the criteria mapped to skills."""
        for evaluation in self:
            event = evaluation.event_id
            if event and event.state == "planned":
                event.write({"state": "done"})
        fit_checks = self.filtered(lambda e: e.kind == "fit_check")
        low = fit_checks.filtered(lambda e: e.score < e.company_id.mentoring_fit_threshold)
        if low:
            low.pairing_id._mentoring_flag_fit_concern(low)
        # the ratings of criteria mapped to skills propose new levels (confirmed by the mentor or a coordinator)
        self.env["hr.mentoring.skill.proposal"]._mentoring_propose(self)


class HrMentoringEvaluationLine(models.Model):
    _name = "hr.mentoring.evaluation.line"
    _description = "Mentoring Evaluation Rating"
    _inherit = ["hr.mentoring.role.mixin"]
    _order = "evaluation_id, sequence, id"
    _rec_names_search = ["criterion_id.name", "mentee_id.name", "mentor_id.name"]
    _mentoring_pairing_path = "evaluation_id.pairing_id"

    evaluation_id = fields.Many2one("hr.mentoring.evaluation", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    criterion_id = fields.Many2one("hr.mentoring.criterion", required=True)
    scale_id = fields.Many2one(related="criterion_id.scale_id")
    level_id = fields.Many2one("hr.mentoring.scale.level", domain="[('scale_id', '=', scale_id)]")
    level_description = fields.Text(related="level_id.description", string="Observed Behaviour")
    value = fields.Integer(compute="_compute_score", store=True, aggregator="avg")
    score = fields.Float(compute="_compute_score", store=True, aggregator="avg", digits=(5, 1))
    comment = fields.Text()
    # copies for analysis (pivot/graph), all stored
    pairing_id = fields.Many2one(related="evaluation_id.pairing_id", store=True, index=True)
    program_id = fields.Many2one(related="evaluation_id.program_id", store=True, index=True, string="Programme")
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True, index=True)
    mentee_id = fields.Many2one(related="evaluation_id.mentee_id", store=True)
    mentor_id = fields.Many2one(related="evaluation_id.mentor_id", store=True)
    department_id = fields.Many2one(related="evaluation_id.department_id", store=True)
    kind = fields.Selection(related="evaluation_id.kind", store=True)
    subject = fields.Selection(related="evaluation_id.subject", store=True)
    evaluator_role = fields.Selection(related="evaluation_id.evaluator_role", store=True)
    date = fields.Date(related="evaluation_id.date", store=True)
    state = fields.Selection(related="evaluation_id.state", store=True, string="Evaluation State")
    other_value = fields.Integer(
        string="Other View",
        compute="_compute_gap",
        help="Self-evaluation: the mentor's latest rating of this criterion; mentor evaluation: "
        "the mentee's latest self-rating. Only what you may read is shown.",
    )
    gap = fields.Integer(compute="_compute_gap", help="This rating minus the other view.")

    @api.depends("level_id", "level_id.value", "criterion_id.scale_id")
    def _compute_score(self):
        for line in self:
            line.value = line.level_id.value
            line.score = line.level_id.normalized if line.level_id else 0.0

    @api.depends("level_id", "evaluation_id.kind")
    @api.depends_context("uid")
    def _compute_gap(self):
        """The self-evaluation next to the mentor's, criterion by criterion.

        Read with the reader's own rights: a mentee never gets the value of a
        mentor evaluation that was not shared with them.
        """
        counterpart = {"self": "mentor_on_mentee", "mentor_on_mentee": "self"}
        lines = self.filtered(lambda line: line.evaluation_id.kind in counterpart)
        others = {}
        if lines:
            rows = self.search_read(
                [
                    ("pairing_id", "in", lines.pairing_id.ids),
                    ("kind", "in", list(counterpart)),
                    ("state", "!=", "draft"),
                    ("level_id", "!=", False),
                ],
                ["pairing_id", "kind", "criterion_id", "value", "date"],
                order="date, id",
            )
            for row in rows:
                others[(row["pairing_id"][0], row["kind"], row["criterion_id"][0])] = row["value"]
        for line in self:
            kind = counterpart.get(line.evaluation_id.kind)
            other = others.get((line.pairing_id.id, kind, line.criterion_id.id)) if kind else None
            line.other_value = other or 0
            line.gap = line.value - other if other and line.level_id else 0

    @api.constrains("level_id", "criterion_id")
    def _check_level_scale(self):
        for line in self:
            if line.level_id and line.level_id.scale_id != line.criterion_id.scale_id:
                raise ValidationError(
                    _(
                        "%(criterion)s is rated on the scale %(scale)s: choose one of its levels.",
                        criterion=line.criterion_id.name,
                        scale=line.criterion_id.scale_id.name,
                    )
                )

    def write(self, vals):
        self._check_evaluation_open()
        if "evaluation_id" in vals and not self._mentoring_is_coordinator():
            raise AccessError(_("A rating stays in the evaluation it was given in."))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_evaluation_open()
        return lines

    def _check_evaluation_open(self):
        if self._mentoring_is_coordinator():
            return
        user = self.env.user
        for evaluation in self.evaluation_id:
            if evaluation.evaluator_id != user or evaluation.state != "draft":
                raise UserError(_("Only the evaluator changes the ratings of a draft evaluation."))
