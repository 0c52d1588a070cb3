"""The programme's own lifecycle: its stages, adjustments and approval.

The twelve stages of the method (``hr.mentoring.program.stage``) follow the
programme's data where the data says it (``AUTO_STAGE_CODES``):

* ``goals``: the goals and the expected results are written;
* ``integration_criteria``: the integration criteria are written;
* ``program``: a default plan template is set;
* ``evaluation_criteria``: a scale, mentee criteria and mentor criteria;
* ``regulations``: the regulations are attached;
* ``mentor_selection``: the approved mentors of the company have enough places
  for the planned intake: their free places plus the places this programme's
  pairings (proposed, active, done) already take;
* ``campaign``: the information campaign created acknowledgements;
* ``pilot``: in progress while the programme is in pilot, done once a pilot
  programme has been approved (running or closed);
* ``feedback``: the feedback survey has at least one completed answer of this
  programme;
* ``adjustment``: an adjustment is logged (proposals waiting for a reason do
  not count).

A stage set from the data follows it both ways (``state_from_data``); a stage
a coordinator marked by hand keeps its state. Recomputed in one batch when the
data changes, by the button "Check Stages" and by a daily scheduled action
(which also catches mentors' places that other programmes took).
"""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from .hr_mentoring_program_stage import AUTO_STAGE_CODES
from .hr_mentoring_tools import window_action

MANAGER_GROUP = "hr_mentoring.group_mentoring_manager"
REPORT_XMLID = "hr_mentoring.action_report_program"

# programme fields whose change may complete (or undo) an auto stage
STAGE_DATA_FIELDS = frozenset(
    {
        "goals",
        "expected_results",
        "integration_criteria",
        "plan_template_id",
        "scale_id",
        "mentee_criterion_ids",
        "mentor_criterion_ids",
        "planned_intake",
        "regulation_ids",
        "survey_id",
        "state",
        "is_pilot",
        "company_id",
    }
)

# changed during the pilot: offered for logging as an adjustment
ADJUSTMENT_FIELDS = (
    "plan_template_id",
    "scale_id",
    "mentee_criterion_ids",
    "mentor_criterion_ids",
    "fit_criterion_ids",
    "same_department",
)
# and every selection weight (the fields weight_*)
WEIGHT_PREFIX = "weight_"


class HrMentoringProgram(models.Model):
    _inherit = "hr.mentoring.program"

    planned_intake = fields.Integer(
        tracking=True,
        help="The number of mentees the programme plans to take: the mentor selection stage is done when the "
        "approved mentors have that many places.",
    )
    stage_progress = fields.Float(
        string="Introduction (%)",
        compute="_compute_stage_progress",
        store=True,
        digits=(5, 1),
        help="The share of the method's stages done or skipped.",
    )
    stage_current_id = fields.Many2one(
        "hr.mentoring.program.stage",
        string="Current Stage",
        compute="_compute_stage_progress",
        store=True,
        help="The first stage of the method that is neither done nor skipped.",
    )
    stage_current_name = fields.Char(related="stage_current_id.name", string="Current Stage Name")
    draft_adjustment_count = fields.Integer(string="Adjustments to Confirm", compute="_compute_draft_adjustment_count")
    final_report_id = fields.Many2one(
        "ir.attachment",
        string="Approved Final Report",
        readonly=True,
        copy=False,
        groups="hr_mentoring.group_mentoring_coordinator",
    )
    can_manage_stages = fields.Boolean(compute="_compute_lifecycle_rights")
    can_approve = fields.Boolean(compute="_compute_lifecycle_rights")

    @api.depends("stage_ids.state", "stage_ids.sequence")
    def _compute_stage_progress(self):
        for program in self:
            stages = program.stage_ids.sorted(lambda s: (s.sequence, s.id))
            closed = stages.filtered(lambda s: s.state in ("done", "skipped"))
            program.stage_progress = 100.0 * len(closed) / len(stages) if stages else 0.0
            program.stage_current_id = (stages - closed)[:1]

    @api.depends("adjustment_ids.state")
    def _compute_draft_adjustment_count(self):
        groups = self.env["hr.mentoring.program.adjustment"]._read_group(
            [("program_id", "in", self.ids), ("state", "=", "draft")], ["program_id"], ["__count"]
        )
        counts = {program.id: count for program, count in groups}
        for program in self:
            program.draft_adjustment_count = counts.get(program.id, 0)

    @api.depends_context("uid", "allowed_company_ids")
    @api.depends("state", "company_id")
    def _compute_lifecycle_rights(self):
        coordinator = self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator()
        manager = self.env.su or self.env.user.has_group(MANAGER_GROUP)
        for program in self:
            ours = program.company_id in self.env.companies
            program.can_manage_stages = coordinator and ours
            program.can_approve = manager and ours and program.state == "pilot"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        programs = super().create(vals_list)
        programs._mentoring_update_auto_stages()
        return programs

    def write(self, vals):
        if vals.get("state") == "running":
            self._mentoring_check_approval_write(vals)
        proposed = {fname for fname in vals if fname in ADJUSTMENT_FIELDS or fname.startswith(WEIGHT_PREFIX)}
        pilots = self.filtered(lambda p: p.state == "pilot") if proposed else self.browse()
        before = pilots._mentoring_adjustment_labels(proposed) if pilots else {}
        res = super().write(vals)
        if pilots:
            after = pilots._mentoring_adjustment_labels(proposed)
            pilots._mentoring_propose_adjustments(
                {
                    program.id: [
                        f"{label}: {before[program.id][fname][1]} → {value}"
                        for fname, (label, value) in after[program.id].items()
                        if value != before[program.id][fname][1]
                    ]
                    for program in pilots
                }
            )
        if STAGE_DATA_FIELDS & set(vals):
            self._mentoring_update_auto_stages()
        return res

    def _mentoring_check_approval_write(self, vals):
        """A pilot becomes the running programme only by its approval."""
        if self.env.su:
            return
        if self.filtered(lambda p: p.state == "pilot") and (
            "approved_by_id" not in vals or not self.env.user.has_group(MANAGER_GROUP)
        ):
            raise UserError(
                _(
                    "A pilot becomes the running programme when a mentoring administrator approves its final "
                    "report (Approve Final Report)."
                )
            )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_run(self):
        if any(program.state == "pilot" for program in self):
            raise UserError(_("A pilot runs once its final report is approved: a mentoring administrator approves it."))
        return super().action_run()

    def action_check_stages(self):
        """Complete (or reopen) the stages the programme's data decides (coordinators)."""
        self.env["hr.mentoring.role.mixin"]._mentoring_check_coordinator(_("check the stages of a programme"))
        self.check_access("write")
        self._mentoring_update_auto_stages()

    def action_approve(self):
        """Approve the pilot's final report (mentoring administrators): the
        programme runs, and the report is attached as a PDF."""
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(_("Only mentoring administrators may approve a programme's final report."))
        self.check_access("write")
        for program in self:
            if program.state != "pilot":
                raise UserError(
                    _("Only a pilot's final report is approved: %(name)s is not in pilot.", name=program.name)
                )
        self.write({"state": "running", "approved_by_id": self.env.uid, "approved_on": fields.Datetime.now()})
        self._mentoring_attach_final_report()

    def action_open_stages(self):
        return window_action(
            self,
            "hr_mentoring.hr_mentoring_program_stage_action",
            [("program_id", "=", self.id)],
            {"default_program_id": self.id},
        )

    # ------------------------------------------------------------------
    # stages from the data
    # ------------------------------------------------------------------

    @api.model
    def _cron_check_stages(self):
        programs = self.search([("state", "!=", "closed")])
        programs._mentoring_update_auto_stages()
        self.env["ir.cron"]._notify_progress(done=len(programs), remaining=0)

    def _mentoring_stage_targets(self):
        """{program id: {code: 'done' | 'in_progress' | False}} from the data.

        A bounded number of queries for any number of programmes."""
        programs = self.sudo()  # sudo: the stages follow all the data, whoever changed it
        ids = programs.ids
        env = programs.env

        def counts(model, domain, groupby):
            return {
                tuple(rec.id for rec in key): count
                for *key, count in env[model]._read_group(domain, groupby, ["__count"])
            }

        acks = counts("hr.mentoring.program.acknowledgement", [("program_id", "in", ids)], ["program_id"])
        adjustments = counts(
            "hr.mentoring.program.adjustment",
            [("program_id", "in", ids), ("state", "=", "confirmed")],
            ["program_id"],
        )
        answers = counts(
            "survey.user_input",
            [("mentoring_program_id", "in", ids), ("state", "=", "done")],
            ["mentoring_program_id", "survey_id"],
        )
        paired = counts(
            "hr.mentoring.pairing",
            [("program_id", "in", ids), ("state", "in", ("proposed", "active", "done"))],
            ["program_id"],
        )
        places = {
            company.id: free
            for company, free in env["hr.employee"]._read_group(
                [("mentor_state", "=", "approved"), ("company_id", "in", programs.company_id.ids)],
                ["company_id"],
                ["mentor_available_capacity:sum"],
            )
        }
        result = {}
        for program in programs:
            pid = program.id
            intake = program.planned_intake
            approved_pilot = program.is_pilot and program.state in ("running", "closed")
            data = {
                "goals": not is_html_empty(program.goals) and not is_html_empty(program.expected_results),
                "integration_criteria": not is_html_empty(program.integration_criteria),
                "program": bool(program.plan_template_id),
                "evaluation_criteria": bool(
                    program.scale_id and program.mentee_criterion_ids and program.mentor_criterion_ids
                ),
                "regulations": bool(program.regulation_ids),
                "mentor_selection": intake > 0
                and places.get(program.company_id.id, 0) + paired.get((pid,), 0) >= intake,
                "campaign": bool(acks.get((pid,))),
                "pilot": "done" if approved_pilot else ("in_progress" if program.state == "pilot" else False),
                "feedback": bool(program.survey_id and answers.get((pid, program.survey_id.id))),
                "adjustment": bool(adjustments.get((pid,))),
            }
            result[pid] = {code: ("done" if value is True else value) for code, value in data.items()}
        return result

    def _mentoring_update_auto_stages(self):
        """Set the auto stages of ``self`` from the data, in one batch.

        A stage done by hand or skipped keeps its state; a stage set from the
        data goes back to To Do when the data no longer holds."""
        if not self:
            return
        targets = self._mentoring_stage_targets()
        Stage = self.env["hr.mentoring.program.stage"].sudo()
        stages = Stage.search([("program_id", "in", self.ids), ("code", "in", sorted(AUTO_STAGE_CODES))])
        today = fields.Date.context_today(self)
        changes = {}
        for stage in stages:
            target = targets[stage.program_id.id].get(stage.code)
            current, auto = stage.state, stage.state_from_data
            if current == "skipped" or (current == "done" and not auto):
                continue
            if target == "done":
                new = "done" if current != "done" else None
            elif target == "in_progress":
                new = "in_progress" if current == "todo" or (auto and current == "done") else None
            else:
                new = "todo" if auto and current != "todo" else None
            if new:
                changes.setdefault(new, Stage)
                changes[new] |= stage
        for new, group in changes.items():
            group.with_context(mentoring_stage_from_data=True).write(
                {
                    "state": new,
                    "state_from_data": new != "todo",
                    "date_done": today if new == "done" else False,
                }
            )

    # ------------------------------------------------------------------
    # adjustments offered during the pilot
    # ------------------------------------------------------------------

    def _mentoring_adjustment_labels(self, fnames):
        """{program id: {field: (field label, value as text)}}"""
        result = {}
        for program in self.sudo():
            values = {}
            for fname in fnames:
                field = program._fields[fname]
                value = program[fname]
                if field.type in ("many2one", "many2many"):
                    text = ", ".join(value.mapped("display_name")) or "—"
                elif field.type == "selection":
                    text = dict(field._description_selection(self.env)).get(value, "—")
                else:
                    text = f"{value:g}" if isinstance(value, float) else str(value)
                values[fname] = (field._description_string(self.env), text)
            result[program.id] = values
        return result

    def _mentoring_propose_adjustments(self, changes_by_program):
        """Draft adjustments for what changed during the pilot, and an
        activity for the coordinator to log them with a reason.

        ``changes_by_program``: {program id: ["what: before → after", ...]}"""
        vals_list = []
        for program in self:
            changes = changes_by_program.get(program.id)
            if not changes:
                continue
            vals_list.append(
                {
                    "program_id": program.id,
                    "state": "draft",
                    "name": "; ".join(changes),
                    "user_id": self.env.uid,
                }
            )
        if not vals_list:
            return
        # sudo: the change was allowed; the proposal is bookkeeping of it
        adjustments = self.env["hr.mentoring.program.adjustment"].sudo().create(vals_list)
        programs = adjustments.program_id
        activity_type = self.env.ref("hr_mentoring.mail_activity_type_adjustment")
        existing = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", programs.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        for program in programs.sudo() - self.browse(existing.mapped("res_id")).sudo():
            program.with_context(mail_activity_quick_update=True).activity_schedule(
                "hr_mentoring.mail_activity_type_adjustment",
                user_id=(program.coordinator_id or self.env.user).id,
                note=_("The programme changed during the pilot: give the reason of each change, or discard it."),
            )

    def _mentoring_close_adjustment_activity(self):
        """The coordinator logged (or discarded) every proposal: the activity is done."""
        done = self.sudo().filtered(lambda p: not p.draft_adjustment_count)
        if done:
            done.activity_feedback(["hr_mentoring.mail_activity_type_adjustment"])

    # ------------------------------------------------------------------
    # approval
    # ------------------------------------------------------------------

    def _mentoring_attach_final_report(self):
        """Render the programme report of each approved programme and keep it
        for coordinators, then say so in the chatter. The report compares
        mentors and departments: the PDF belongs to a confidential coordinator
        note of the programme (an attachment is readable by whoever reads its
        document, and every employee reads the programme and its notes)."""
        Report = self.env["ir.actions.report"]
        for program in self:
            content, _report_type = Report._render_qweb_pdf(REPORT_XMLID, program.ids)
            note = self.env["hr.mentoring.note"].create(
                {
                    "name": _("Approved final report"),
                    "body": _("Final report approved by %(user)s.", user=self.env.user.name),
                    "program_id": program.id,
                    "company_id": program.company_id.id,
                }
            )
            program.final_report_id = self.env["ir.attachment"].create(
                {
                    "name": _("Final Report - %(name)s.pdf", name=program.name),
                    "raw": content,
                    "res_model": note._name,
                    "res_id": note.id,
                    "mimetype": "application/pdf",
                }
            )
            program.message_post(
                body=_("Final report approved by %(user)s.", user=self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
