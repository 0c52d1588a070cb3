from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .state_machine import allowed_steps, check_step, step, take_step

_lt = LazyTranslate(__name__)

# The twelve stages of introducing coach-mentoring, in their order.
PROGRAM_STAGES = [
    ("goals", "Goals and expected results"),
    ("integration_criteria", "Integration criteria"),
    ("program", "Mentoring programme"),
    ("evaluation_criteria", "Evaluation criteria"),
    ("motivation", "Motivation of mentors"),
    ("regulations", "Regulations"),
    ("mentor_selection", "Mentor selection"),
    ("campaign", "Information campaign"),
    ("mentor_training", "Mentor training"),
    ("pilot", "Pilot"),
    ("feedback", "Participants' feedback"),
    ("adjustment", "Adjustment"),
]

STAGE_STATES = [("todo", "To Do"), ("in_progress", "In Progress"), ("done", "Done"), ("skipped", "Skipped")]

# the buttons of a stage (hr_mentoring.state_machine): coordinators move the stages by hand
STAGE_REFUSAL = _lt("The stage %(name)s is %(state)s: it cannot become %(target)s.")
STEPS = {
    name: step(
        _lt("change the stages of a programme"),
        sources,
        {"coordinator"},
        target=target,
        wrong_states=dict.fromkeys(("todo", "in_progress", "done", "skipped"), STAGE_REFUSAL),
    )
    for name, sources, target in (
        ("start", ("todo",), "in_progress"),
        ("done", ("todo", "in_progress"), "done"),
        ("skip", ("todo", "in_progress"), "skipped"),
        ("reset", ("in_progress", "done", "skipped"), "todo"),
    )
}

# the stages the programme's data completes (hr_mentoring_program.py);
# motivation and mentor_training are marked by the coordinator only
AUTO_STAGE_CODES = frozenset(code for code, _label in PROGRAM_STAGES) - {"motivation", "mentor_training"}


class HrMentoringProgramStage(models.Model):
    """One of the twelve stages of introducing coach-mentoring in a programme.

    Read by every employee of the programme's company (the programme is not
    confidential), changed by coordinators only: the access lines give
    employees read access alone, and the buttons check the coordinator role.
    """

    _name = "hr.mentoring.program.stage"
    _description = "Mentoring Programme Stage"
    _order = "program_id, sequence, id"
    _mentoring_steps = STEPS

    program_id = fields.Many2one("hr.mentoring.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    code = fields.Selection(PROGRAM_STAGES, required=True, readonly=True)
    name = fields.Char(required=True, translate=True)
    state = fields.Selection(STAGE_STATES, required=True, default="todo")
    responsible_id = fields.Many2one("res.users", domain="[('share', '=', False), ('company_ids', 'in', company_id)]")
    date_done = fields.Date(string="Done On")
    note = fields.Text()
    skip_reason = fields.Text(string="Reason Skipped")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "hr_mentoring_program_stage_attachment_rel",
        "stage_id",
        "attachment_id",
        string="Evidence",
    )
    is_auto = fields.Boolean(
        string="Completed from Data",
        compute="_compute_is_auto",
        help="The programme's data completes this stage; the coordinator can still mark it by hand.",
    )
    state_from_data = fields.Boolean(
        string="Set from Data",
        readonly=True,
        copy=False,
        help="The stage's state was set from the programme's data (Check Stages), not by hand: it follows the data.",
    )
    attachment_count = fields.Integer(string="Evidence Files", compute="_compute_attachment_count")
    can_start = fields.Boolean(compute="_compute_can")
    can_done = fields.Boolean(compute="_compute_can")
    can_skip = fields.Boolean(compute="_compute_can")
    can_reset = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        ("program_code_unique", "UNIQUE(program_id, code)", "A programme has each stage of the method once."),
    ]

    @api.depends("code")
    def _compute_is_auto(self):
        for stage in self:
            stage.is_auto = stage.code in AUTO_STAGE_CODES

    @api.depends("attachment_ids")
    def _compute_attachment_count(self):
        for stage in self:
            stage.attachment_count = len(stage.attachment_ids)

    @api.depends("state", "company_id", "program_id.state")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_can(self):
        allowed = allowed_steps(self, STEPS)
        for stage in self:
            for name in STEPS:
                stage[f"can_{name}"] = allowed[name][stage.id]

    @api.constrains("state", "skip_reason")
    def _check_skip_reason(self):
        for stage in self:
            if stage.state == "skipped" and not (stage.skip_reason or "").strip():
                raise ValidationError(
                    _("Say why the stage %(stage)s is skipped: a skipped stage needs a reason.", stage=stage.name)
                )

    def write(self, vals):
        # by hand (a button, the list, RPC): the stage no longer follows the data
        if "state" in vals and not self.env.context.get("mentoring_stage_from_data"):
            vals = {"state_from_data": False, **vals}
            if vals["state"] == "done":
                vals.setdefault("date_done", fields.Date.context_today(self))
            elif vals["state"] in ("todo", "in_progress"):
                vals.setdefault("date_done", False)
        return super().write(vals)

    # ------------------------------------------------------------------
    # actions (coordinators)
    # ------------------------------------------------------------------

    def action_start(self):
        self._mentoring_set_state("start")

    def action_done(self):
        self._mentoring_set_state("done")

    def action_skip(self):
        self._mentoring_set_state("skip")

    def action_reset(self):
        self._mentoring_set_state("reset")

    def _mentoring_set_state(self, name):
        """Move the stages by hand: coordinators of the programme's company only."""
        check_step(self, name)
        self.check_access("write")
        take_step(self, name, {} if STEPS[name].target == "skipped" else {"skip_reason": False})

    def _mentoring_roles(self):
        """{stage id: {"coordinator"}} for the coordinators of its programme's company."""
        return self.env["hr.mentoring.role.mixin"]._mentoring_company_coordinator_roles(self)

    def _mentoring_check_step(self, name, roles):
        """A closed programme's stages stay as they are."""
        if self.program_id.state == "closed":
            raise UserError(_("The programme %(name)s is closed: reopen it first.", name=self.program_id.name))

    def action_open_form(self):
        """The stage's form: its note, skip reason and evidence files."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    @api.model
    def _mentoring_stage_values(self, program):
        """The values of the twelve stages of a new programme."""
        labels = dict(self._fields["code"]._description_selection(self.env))
        return [
            {"program_id": program.id, "sequence": index, "code": code, "name": labels[code]}
            for index, (code, _label) in enumerate(PROGRAM_STAGES, start=1)
        ]
