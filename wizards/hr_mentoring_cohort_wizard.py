from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# a newcomer joined the company at most this many months ago
NEWCOMER_MONTHS = 6


class HrMentoringCohortWizard(models.TransientModel):
    """Match a whole cohort (say, this month's new hires) at once: the
    assignment with the highest total score that respects every mentor's
    places left. The coordinator edits the proposal, then confirms it."""

    _name = "hr.mentoring.cohort.wizard"
    _description = "Cohort Matching"
    _inherit = ["hr.mentoring.wizard.mixin"]
    _mentoring_wizard_fields = {"program_id": None, "mentee_ids": None}
    _mentoring_wizard_coordinator_only = True

    program_id = fields.Many2one(
        "hr.mentoring.program", string="Programme", required=True, domain="[('state', '!=', 'closed')]"
    )
    mentee_ids = fields.Many2many(
        "hr.employee",
        string="Newcomers to Match",
        required=True,
        help="The mentees of this cohort. Offered: the newcomers of the programme's company who joined in "
        "the last 6 months (With the Company Since, or else the date their employee was created), neither "
        "approved mentors nor department managers. Never offered: the programme's coordinator, the Mentoring "
        "administrators, the mentees of an open pairing (here or in another programme) and those who "
        "finished this programme.",
    )
    show_all_employees = fields.Boolean(
        help="Offer every employee of the programme's company who may be a mentee in it, not only the newcomers.",
    )
    mentee_domain = fields.Binary(compute="_compute_mentee_domain", help="The employees offered as mentees.")
    mentor_domain = fields.Binary(compute="_compute_mentor_domain", help="The employees offered as mentors.")
    date_start = fields.Date(string="Start Date", required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("hr.mentoring.cohort.wizard.line", "wizard_id", string="Proposal")
    average_score_label = fields.Char(
        string="Average Match",
        compute="_compute_total_score",
        help="The average match score of the proposed pairs, out of 100 %.",
    )
    total_score = fields.Float(
        string="Total Match Score",
        compute="_compute_total_score",
        digits=(10, 1),
        help="Sum of the match scores of the proposed pairs (each out of 100). "
        "The proposal makes this sum as high as the mentors' places allow.",
    )
    unmatched_count = fields.Integer(
        string="Newcomers Without a Mentor",
        compute="_compute_total_score",
        help="Newcomers left without a mentor: no eligible mentor has a place left for them.",
    )

    @api.depends("program_id", "show_all_employees")
    def _compute_mentee_domain(self):
        for wizard in self:
            wizard.mentee_domain = wizard._mentoring_mentee_domain()

    @api.depends("program_id", "mentee_ids")
    def _compute_mentor_domain(self):
        Matching = self.env["hr.mentoring.matching"]
        for wizard in self:
            wizard.mentor_domain = (
                Matching._mentoring_eligible_mentor_domain(wizard.program_id, wizard.mentee_ids._origin)
                if wizard.program_id
                else [("id", "=", False)]
            )

    @api.depends("line_ids.score", "line_ids.mentor_id")
    def _compute_total_score(self):
        Matching = self.env["hr.mentoring.matching"]
        for wizard in self:
            matched = wizard.line_ids.filtered("mentor_id")
            wizard.total_score = sum(matched.mapped("score"))
            wizard.average_score_label = Matching._mentoring_score_label(
                wizard.total_score / len(matched) if matched else None
            )
            wizard.unmatched_count = len(wizard.line_ids) - len(matched)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._mentoring_check_mentees()
        return wizards

    def write(self, vals):
        result = super().write(vals)
        if {"program_id", "mentee_ids"} & set(vals):
            self._mentoring_check_mentees()
        return result

    def _mentoring_check_mentees(self):
        """What the picker offers is what the wizard accepts, over RPC too;
        checked once the mixin has checked that the user may use the wizard
        on these records (its refusal names none of them)."""
        for wizard in self:
            self.env["hr.mentoring.matching"]._mentoring_check_mentees(wizard.program_id, wizard.mentee_ids)

    @api.model
    def _mentoring_wizard_action(self):
        return _("match a cohort")

    def action_compute(self):
        self.ensure_one()
        self._mentoring_check_wizard_coordinator()
        mentees = self.mentee_ids
        Matching = self.env["hr.mentoring.matching"]
        # a mentee may have been paired since they were picked
        Matching._mentoring_check_mentees(self.program_id, mentees)
        mentor_ids, capacities, scores = Matching._mentoring_score(self.program_id, mentees)
        if not mentor_ids:
            raise UserError(Matching._mentoring_no_candidate_reason(self.program_id, mentees))
        assignment = Matching._mentoring_cohort_assignment(mentees, mentor_ids, capacities, scores)
        commands = [fields.Command.clear()]
        for mentee in mentees:
            mentor_id = assignment.get(mentee.id)
            score, reasons = scores.get((mentee.id, mentor_id), (0.0, [_("No place left with any eligible mentor")]))
            commands.append(
                fields.Command.create(
                    {
                        "mentee_id": mentee.id,
                        "mentor_id": mentor_id or False,
                        "score": score,
                        "reasons": "\n".join(reasons),
                    }
                )
            )
        self.line_ids = commands
        return self._mentoring_reopen()

    def action_confirm(self):
        self.ensure_one()
        self._mentoring_check_wizard_coordinator()
        lines = self.line_ids.filtered("mentor_id")
        if not lines:
            raise UserError(_("Compute the proposal first: no mentee has a mentor yet."))
        # the proposal may have been edited, or someone paired, since it was computed
        Matching = self.env["hr.mentoring.matching"]
        Matching._mentoring_check_mentees(self.program_id, self.line_ids.mentee_id)
        Matching._mentoring_check_mentors(self.program_id, self.line_ids.mentee_id, lines.mentor_id)
        pairings = self.env["hr.mentoring.pairing"].create(
            [
                {
                    "program_id": self.program_id.id,
                    "mentor_id": line.mentor_id.id,
                    "mentee_id": line.mentee_id.id,
                    "date_start": self.date_start,
                    "state": "proposed",
                    "match_score": line.score,
                    "match_reasons": line.reasons,
                }
                for line in lines
            ]
        )
        # places may have changed by hand: no mentor above capacity once proposed
        over = pairings.mentor_id.filtered(
            lambda m: m.mentor_capacity < m.active_mentee_count + m.proposed_mentee_count
        )
        if over:
            raise UserError(
                _(
                    "%(mentor)s would get more mentees than places left. Change the proposal.",
                    mentor=over[0].name,
                )
            )
        action = self.program_id.action_open_proposed_pairings()
        action["domain"] = [("id", "in", pairings.ids)]
        return action

    def _mentoring_mentee_domain(self):
        """The employees offered as mentees: those who may be mentees of the
        programme (``hr.mentoring.matching._mentoring_eligible_mentee_domain``:
        of its company, neither its coordinator nor a Mentoring administrator,
        without an open pairing as a mentee here or elsewhere, not finished
        here), and unless "Show All Employees" is ticked, only the newcomers:
        joined in the last NEWCOMER_MONTHS months (``mentoring_joined_date``,
        or else the creation of their employee record), not approved mentors
        and not department managers."""
        self.ensure_one()
        domain = self.env["hr.mentoring.matching"]._mentoring_eligible_mentee_domain(self.program_id)
        if self.show_all_employees or not self.program_id:
            return domain
        cutoff = fields.Date.context_today(self) - relativedelta(months=NEWCOMER_MONTHS)
        managers = self.env["hr.department"].search([("manager_id", "!=", False)]).manager_id
        return [
            *domain,
            ("mentor_state", "!=", "approved"),
            ("id", "not in", managers.ids),
            "|",
            ("mentoring_joined_date", ">=", fields.Date.to_string(cutoff)),
            "&",
            ("mentoring_joined_date", "=", False),
            ("create_date", ">=", fields.Datetime.to_string(cutoff)),
        ]

    def _mentoring_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            # the title of the dialog stays the one it was opened with
            "name": _("Match a Cohort"),
        }


class HrMentoringCohortWizardLine(models.TransientModel):
    _name = "hr.mentoring.cohort.wizard.line"
    _description = "Cohort Matching Proposal"
    _order = "score desc, id"

    wizard_id = fields.Many2one("hr.mentoring.cohort.wizard", required=True, ondelete="cascade")
    mentee_id = fields.Many2one("hr.employee", required=True)
    # offered: the eligible mentors (mentor_domain, in the form); confirming checks them
    mentor_id = fields.Many2one("hr.employee", domain="[('mentor_state', '=', 'approved'), ('id', '!=', mentee_id)]")
    mentor_domain = fields.Binary(compute="_compute_mentor_domain", help="The employees offered as mentors.")
    score = fields.Float(digits=(5, 1))
    score_label = fields.Char(string="Match", compute="_compute_score_label", help="The match score, out of 100 %.")
    reasons = fields.Text()

    @api.depends("wizard_id.mentor_domain")
    def _compute_mentor_domain(self):
        for line in self:
            line.mentor_domain = line.wizard_id.mentor_domain

    @api.depends("score", "mentor_id")
    def _compute_score_label(self):
        Matching = self.env["hr.mentoring.matching"]
        for line in self:
            line.score_label = Matching._mentoring_score_label(line.score if line.mentor_id else None)

    @api.onchange("mentor_id")
    def _onchange_mentor_id(self):
        """Editing the proposal: re-score the new pair so the total stays true."""
        if self.mentor_id and self.mentee_id and self.wizard_id.program_id:
            _mentors, _caps, scores = self.env["hr.mentoring.matching"]._mentoring_score(
                self.wizard_id.program_id, self.mentee_id, mentors=self.mentor_id
            )
            score, reasons = scores.get((self.mentee_id.id, self.mentor_id.id), (0.0, []))
            self.score = score
            self.reasons = "\n".join(reasons)
