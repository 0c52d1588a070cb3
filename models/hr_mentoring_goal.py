from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.float_utils import float_compare, float_is_zero
from odoo.tools.translate import LazyTranslate

from .input_checks import check_date_window, check_name_length
from .state_machine import ANY_STATE, allowed_steps, check_step, step

_lt = LazyTranslate(__name__)

GOAL_STATES = [("draft", "Draft"), ("agreed", "Agreed"), ("reached", "Reached"), ("dropped", "Dropped")]

MEASURE_TYPES = [("value", "Target Value"), ("checklist", "Checklist"), ("steps", "Steps of 25 %")]

PROGRESS_STEPS = [("0", "0 %"), ("25", "25 %"), ("50", "50 %"), ("75", "75 %"), ("100", "100 %")]

# what mentor and mentee agree on: changing one of these after the agreement
# asks them to agree again (the checklist's items count too, see the item model)
TERM_FIELDS = (
    "name",
    "measure",
    "measure_type",
    "start_value",
    "target_value",
    "unit",
    "date_target",
    "objective_id",
)
# how far the mentee is: updated at any time, the agreement stands
PROGRESS_FIELDS = ("current_value", "progress_step", "progress_note")
# set by action_agree only, never written directly (not even by a coordinator)
SIGNATURE_FIELDS = ("mentor_agreed_on", "mentee_agreed_on")
SERVER_SET_FIELDS = (*SIGNATURE_FIELDS, "date_reached")
# the buttons' own writes (as superuser): the reached status is settled by the caller
SIGNING = "mentoring_goal_signing"

# who may do what on a goal besides writing their fields
PARTY_ROLES = frozenset({"mentor", "mentee"})
DROP_ROLES = frozenset({"mentor", "mentee", "coordinator"})
# pairings whose goals the mentor and the mentee still write
OPEN_PAIRING_STATES = ("proposed", "active")
# the goals that count in the figures: agreed on, whether reached or not yet
MEASURED_STATES = ("agreed", "reached")

# the buttons of a goal (hr_mentoring.state_machine): who presses each, in which states
GOAL_STEPS = {
    "agree": step(
        _lt("agree on this goal"),
        ("draft",),
        PARTY_ROLES,
        wrong_states={ANY_STATE: _lt("%(name)s is not a draft: nothing to agree on.")},
    ),
    "drop": step(
        _lt("drop this goal"),
        ("draft", "agreed"),
        DROP_ROLES,
        wrong_states={ANY_STATE: _lt("Only a draft or an agreed goal can be dropped (%(name)s).")},
    ),
    "reopen": step(
        _lt("reopen this goal"),
        ("dropped",),
        DROP_ROLES,
        wrong_states={ANY_STATE: _lt("Only a dropped goal can be reopened (%(name)s).")},
    ),
}


class HrMentoringGoal(models.Model):
    """A goal of the mentee's development, with its measure of success.

    Mentor and mentee write the goal and agree on it, each signing it
    (``action_agree``); changing what they agreed on after the agreement asks
    them to agree again. Progress is measured against the target (a value
    between a start and a target, the items of a checklist ticked, or steps of
    25 % where nothing can be counted); an agreed goal at 100 % is reached.
    The department head reads the goals and comments on them; coordinators
    manage them all."""

    _name = "hr.mentoring.goal"
    _description = "Mentoring Goal"
    _inherit = ["hr.mentoring.role.mixin", "hr.mentoring.pairing.part.mixin"]
    _order = "pairing_id, sequence, id"
    _rec_names_search = ["name", "mentee_id.name"]
    _check_company_auto = True
    _mentoring_pairing_path = "pairing_id"
    _mentoring_steps = GOAL_STEPS
    _mentoring_writable_fields = {
        "mentor": {*TERM_FIELDS, *PROGRESS_FIELDS, "sequence", "item_ids"},
        "mentee": {*TERM_FIELDS, *PROGRESS_FIELDS, "sequence", "item_ids"},
        "head": {"head_comment"},
    }

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Goal", required=True)
    objective_id = fields.Many2one(
        "hr.mentoring.program.objective",
        string="Serves",
        index="btree_not_null",
        domain="[('program_id', '=', program_id)]",
        help="The programme goal or expected result this goal serves.",
    )
    measure = fields.Text(
        string="Measure of Success",
        help="How mentor and mentee will know the goal is reached: specific, measurable, achievable.",
    )
    measure_type = fields.Selection(
        MEASURE_TYPES,
        string="Measured By",
        required=True,
        default="value",
        help="Target Value: a number to reach from a start value. Checklist: the items to do. "
        "Steps of 25 %: where nothing can be counted, mentor and mentee estimate the progress.",
    )
    start_value = fields.Float(string="Start", digits=(16, 2), help="Where the mentee starts from.")
    target_value = fields.Float(string="Target", digits=(16, 2))
    current_value = fields.Float(string="Now", digits=(16, 2))
    unit = fields.Char(help="What is counted: clients, calls, days, %...")
    progress_step = fields.Selection(PROGRESS_STEPS, default="0")
    progress_note = fields.Text(string="Where We Are")
    item_ids = fields.One2many("hr.mentoring.goal.item", "goal_id", string="Checklist", copy=True)
    date_target = fields.Date(string="Target Date")
    progress = fields.Float(
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="0 to 100: how far the mentee is towards the target.",
    )
    state = fields.Selection(GOAL_STATES, required=True, default="draft", index=True, copy=False)
    mentor_agreed_on = fields.Datetime(readonly=True, copy=False)
    mentee_agreed_on = fields.Datetime(readonly=True, copy=False)
    date_reached = fields.Date(string="Reached On", readonly=True, copy=False)
    head_comment = fields.Text(string="Head's Comment", copy=False)
    action_item_ids = fields.Many2many(
        "hr.mentoring.action.item",
        "hr_mentoring_action_item_goal_rel",
        "goal_id",
        "action_item_id",
        string="Action Items",
        readonly=True,
        help="The actions of the discussions' action plans that serve this goal.",
    )
    target_label = fields.Char(compute="_compute_target_label")
    is_overdue = fields.Boolean(compute="_compute_is_overdue", string="Overdue")

    # what the current user may do (the server checks it again)
    can_agree = fields.Boolean(compute="_compute_can")
    can_drop = fields.Boolean(compute="_compute_can")
    can_reopen = fields.Boolean(compute="_compute_can")
    can_edit_terms = fields.Boolean(compute="_compute_can")
    can_edit_progress = fields.Boolean(compute="_compute_can")
    can_comment = fields.Boolean(compute="_compute_can")

    @api.depends("measure_type", "start_value", "target_value", "current_value", "progress_step", "item_ids.done")
    def _compute_progress(self):
        for goal in self:
            goal.progress = goal._mentoring_progress()

    @api.depends("measure_type", "start_value", "target_value", "unit", "item_ids")
    def _compute_target_label(self):
        for goal in self:
            if goal.measure_type == "value":
                target = f"{goal.target_value:g}"
                goal.target_label = f"{target} {goal.unit}".strip() if goal.unit else target
            elif goal.measure_type == "checklist":
                goal.target_label = _("%(count)s items", count=len(goal.item_ids))
            else:
                goal.target_label = _("100 % in steps of 25 %")

    @api.depends("state", "date_target")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for goal in self:
            goal.is_overdue = bool(goal.state in ("draft", "agreed") and goal.date_target and goal.date_target < today)

    @api.depends("state", "mentor_agreed_on", "mentee_agreed_on", "pairing_id")
    @api.depends_context("uid")
    def _compute_can(self):
        roles = self._mentoring_roles()
        writable = self._mentoring_writable_by_user(roles)
        coordinator = self._mentoring_is_coordinator()
        allowed = allowed_steps(self, GOAL_STEPS, roles)
        # sudo: the pairing's state only
        open_pairings = {goal.id: goal.sudo().pairing_id.state in OPEN_PAIRING_STATES for goal in self}
        for goal in self:
            fields_ok = writable.get(goal.id, set())
            is_open = open_pairings[goal.id]
            for name in GOAL_STEPS:
                goal[f"can_{name}"] = allowed[name][goal.id]
            editable = is_open or coordinator
            goal.can_edit_terms = editable and goal.state != "dropped" and set(TERM_FIELDS) <= fields_ok
            goal.can_edit_progress = (
                editable and goal.state in ("draft", "agreed", "reached") and set(PROGRESS_FIELDS) <= fields_ok
            )
            goal.can_comment = "head_comment" in fields_ok

    # ------------------------------------------------------------------
    # constraints
    # ------------------------------------------------------------------

    @api.constrains("name", "date_target", "unit")
    def _check_name_and_date(self):
        check_name_length(self, ("name", "unit"))
        check_date_window(self, ("date_target",))

    @api.constrains("objective_id", "pairing_id")
    def _check_objective(self):
        for goal in self.sudo():
            if goal.objective_id and goal.objective_id.program_id != goal.pairing_id.program_id:
                raise ValidationError(
                    _(
                        "The goal %(goal)s serves %(objective)s, an objective of another programme: choose one of "
                        "%(program)s.",
                        goal=goal.name,
                        objective=goal.objective_id.name,
                        program=goal.pairing_id.program_id.name,
                    )
                )

    @api.constrains("state", "mentor_agreed_on", "mentee_agreed_on")
    def _check_agreement(self):
        # reached or not follows the progress (_mentoring_update_reached, after each write)
        for goal in self:
            if goal.state in MEASURED_STATES and not (goal.mentor_agreed_on and goal.mentee_agreed_on):
                raise ValidationError(
                    _("The goal %(goal)s is agreed when both the mentor and the mentee agree on it.", goal=goal.name)
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                given = [fname for fname in SERVER_SET_FIELDS if vals.get(fname)]
                if given or vals.get("state", "draft") != "draft":
                    raise AccessError(_("A new goal starts as a draft: mentor and mentee agree on it afterwards."))
            if not self._mentoring_is_coordinator():
                self._check_create_by_role(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._mentoring_check_write(vals)
        # the buttons write these as superuser, after their own checks (never trust a context key for it)
        if not self.env.su and set(SERVER_SET_FIELDS) & set(vals):
            raise AccessError(_("Mentor and mentee agree on a goal with its Agree button, each for themself."))
        if "state" in vals and not self.env.su:
            self._check_state_write(vals["state"])
        changed_terms = [fname for fname in TERM_FIELDS if fname in vals]
        agreed = self.filtered(lambda g: g.state in MEASURED_STATES) if changed_terms else self.browse()
        if agreed:
            agreed = agreed.filtered(lambda g: g._mentoring_terms_differ(vals))
        res = super().write(vals)
        if agreed:
            agreed._mentoring_void_agreement()
        if not self.env.context.get(SIGNING):
            self._mentoring_update_reached()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_agreed(self):
        if self._mentoring_is_coordinator():
            return
        signed = self.filtered(lambda g: g.state != "draft" or g.mentor_agreed_on or g.mentee_agreed_on)
        if signed:
            raise UserError(
                _(
                    "%(goal)s was agreed on (or dropped) and stays on record: drop it instead of deleting it.",
                    goal=signed[0].name,
                )
            )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_agree(self):
        """The mentor or the mentee agrees on the goal; it is agreed once both did."""
        roles = self._mentoring_roles()
        check_step(self, "agree", roles)
        now = fields.Datetime.now()
        for goal in self:
            goal._mentoring_check_agreeable()
            vals = {}
            if "mentor" in roles[goal.id] and not goal.mentor_agreed_on:
                vals["mentor_agreed_on"] = now
            if "mentee" in roles[goal.id] and not goal.mentee_agreed_on:
                vals["mentee_agreed_on"] = now
            if not vals:
                raise UserError(_("You already agreed on %(goal)s: the other side agrees next.", goal=goal.name))
            if (vals.get("mentor_agreed_on") or goal.mentor_agreed_on) and (
                vals.get("mentee_agreed_on") or goal.mentee_agreed_on
            ):
                vals["state"] = "agreed"
            # sudo: the signature is the button's, the caller's role is checked above
            goal.sudo().with_context(**{SIGNING: True}).write(vals)
            if vals.get("state") == "agreed":
                goal._mentoring_log(_("Goal agreed by the mentor and the mentee: %(goal)s", goal=goal.name))
        self._mentoring_update_reached()

    def action_drop(self):
        """The goal no longer serves: it stays on record, dropped."""
        check_step(self, "drop")
        # sudo: the state is the button's, the caller's role is checked above
        self.sudo().with_context(**{SIGNING: True}).write({"state": "dropped"})
        for goal in self:
            goal._mentoring_log(_("Goal dropped: %(goal)s", goal=goal.name))

    def action_reopen(self):
        """A dropped goal back to draft: mentor and mentee agree on it again."""
        check_step(self, "reopen")
        # sudo: the state is the button's, the caller's role is checked above
        self.sudo().with_context(**{SIGNING: True}).write(
            {"state": "draft", "mentor_agreed_on": False, "mentee_agreed_on": False, "date_reached": False}
        )

    # ------------------------------------------------------------------
    # business
    # ------------------------------------------------------------------

    def _mentoring_progress(self):
        """This goal's progress, 0 to 100, from its measure."""
        self.ensure_one()
        if self.measure_type == "checklist":
            items = self.item_ids
            return 100.0 * len(items.filtered("done")) / len(items) if items else 0.0
        if self.measure_type == "steps":
            return float(self.progress_step or 0)
        span = self.target_value - self.start_value
        if float_is_zero(span, precision_digits=2):
            return 100.0 if float_compare(self.current_value, self.target_value, precision_digits=2) == 0 else 0.0
        return round(min(max((self.current_value - self.start_value) / span, 0.0), 1.0) * 100.0, 1)

    def _mentoring_terms_differ(self, vals):
        """Whether ``vals`` changes a term this goal was agreed on."""
        self.ensure_one()
        for fname in TERM_FIELDS:
            if fname not in vals:
                continue
            field = self._fields[fname]
            if field.convert_to_cache(vals[fname], self) != field.convert_to_cache(self[fname], self):
                return True
        return False

    def _mentoring_void_agreement(self):
        """What they agreed on changed: they agree again; the pairing says so."""
        # sudo: the agreement follows from the change the caller was allowed to make
        self.sudo().with_context(**{SIGNING: True}).write(
            {"state": "draft", "mentor_agreed_on": False, "mentee_agreed_on": False, "date_reached": False}
        )
        for goal in self:
            goal._mentoring_log(_("Goal changed after the agreement, to agree on again: %(goal)s", goal=goal.name))

    def _mentoring_items_changed(self):
        """The checklist of these goals changed: an agreement on it is void."""
        agreed = self.filtered(lambda g: g.state in MEASURED_STATES)
        if agreed:
            agreed._mentoring_void_agreement()
        self._mentoring_update_reached()

    def _mentoring_update_reached(self):
        """An agreed goal at 100 % is reached; a reached goal below it is agreed again."""
        goals = self.sudo().exists()
        if not goals:
            return
        goals.flush_recordset(["progress"])
        reached = goals.filtered(
            lambda g: g.state == "agreed" and float_compare(g.progress, 100.0, precision_digits=1) >= 0
        )
        back = goals.filtered(
            lambda g: g.state == "reached" and float_compare(g.progress, 100.0, precision_digits=1) < 0
        )
        # sudo (above): the state follows the progress the caller was allowed to update
        if reached:
            reached.with_context(**{SIGNING: True}).write(
                {"state": "reached", "date_reached": fields.Date.context_today(self)}
            )
            for goal in reached:
                goal._mentoring_log(_("Goal reached: %(goal)s", goal=goal.name))
        if back:
            back.with_context(**{SIGNING: True}).write({"state": "agreed", "date_reached": False})

    def _mentoring_check_step(self, name, roles):
        """The conditions of the goal's buttons that are not a state nor a
        role (hr_mentoring.state_machine): the pairing still open, and a side
        that has not agreed yet."""
        self.ensure_one()
        self._mentoring_check_pairing_open()
        if (
            name == "agree"
            and not self.env.su
            and not (
                ("mentor" in roles and not self.mentor_agreed_on) or ("mentee" in roles and not self.mentee_agreed_on)
            )
        ):
            raise UserError(_("You already agreed on %(goal)s: the other side agrees next.", goal=self.name))

    def _mentoring_check_agreeable(self):
        """A goal is agreed on once it says what success is, by when (checked
        after the step, which knows nothing of its terms)."""
        self.ensure_one()
        missing = []
        if not self.date_target:
            missing.append(_("a target date"))
        if self.measure_type == "value" and float_is_zero(self.target_value - self.start_value, precision_digits=2):
            missing.append(_("a target value other than the start value"))
        if self.measure_type == "checklist" and not self.item_ids:
            missing.append(_("the items of the checklist"))
        if missing:
            raise UserError(
                _(
                    "Before agreeing on %(goal)s, give it %(missing)s.",
                    goal=self.name,
                    missing=", ".join(missing),
                )
            )

    def _mentoring_check_pairing_open(self):
        # sudo: the pairing's state only
        if self.sudo().pairing_id.state not in OPEN_PAIRING_STATES and not self._mentoring_is_coordinator():
            raise UserError(_("The goals of an ended or cancelled pairing stay as they are."))

    def _check_create_by_role(self, vals_list):
        """Mentor and mentee add goals to their own pairing while it is proposed or active."""
        pairings = self._mentoring_readable_pairings(vals_list)
        roles = pairings._mentoring_roles()
        for vals in vals_list:
            pairing = pairings.browse(vals.get("pairing_id"))
            if not roles.get(pairing.id, set()) & PARTY_ROLES:
                raise AccessError(_("The mentor and the mentee write the goals of their pairing."))
            if pairing.sudo().state not in OPEN_PAIRING_STATES:
                raise UserError(_("Goals are written while the pairing is proposed or active."))

    def _check_state_write(self, new_state):
        """The state moves by the buttons and the progress; a coordinator
        may set it directly within the same rules (the constraints)."""
        if not self._mentoring_is_coordinator():
            raise AccessError(_("A goal's status follows the agreement and the progress: use its buttons."))
        for goal in self:
            if new_state in MEASURED_STATES and goal.state == "dropped":
                raise UserError(_("Reopen the dropped goal %(goal)s first.", goal=goal.name))

    def _mentoring_log(self, line):
        """A note on the pairing's chatter, which the goal's readers read."""
        self.ensure_one()
        # sudo: a mentee may not post on the pairing; the note is the goal's record
        self.sudo().pairing_id._message_log(body=line)
