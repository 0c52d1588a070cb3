from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.hr_mentoring_pairing import OPEN_STATES

# candidates listed in the wizard (the best ones; the others are counted)
MAX_CANDIDATES = 30
# mentors left out listed with their reason (the others are counted)
MAX_LEFT_OUT = 30


class HrMentoringMentorSelectionWizard(models.TransientModel):
    """Rank the eligible mentors for one mentee, explain the ranking, and
    propose the chosen pairing."""

    _name = "hr.mentoring.mentor.selection.wizard"
    _description = "Mentor Selection"
    _inherit = ["hr.mentoring.wizard.mixin"]
    _mentoring_wizard_fields = {"mentee_id": None, "program_id": None}
    _mentoring_wizard_coordinator_only = True

    # offered: who may be a mentee of the programme (mentee_domain); confirming checks it
    mentee_id = fields.Many2one("hr.employee", required=True)
    mentee_domain = fields.Binary(compute="_compute_mentee_domain", help="The employees offered as mentees.")
    program_id = fields.Many2one(
        "hr.mentoring.program", string="Programme", required=True, domain="[('state', '!=', 'closed')]"
    )
    relationship_type = fields.Selection(
        [("mentoring", "Mentoring"), ("coaching", "Coaching")], required=True, default="mentoring"
    )
    date_start = fields.Date(string="Start Date", required=True, default=fields.Date.context_today)
    line_ids = fields.One2many(
        "hr.mentoring.mentor.selection.wizard.line",
        "wizard_id",
        string="Candidates",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    candidate_count = fields.Integer(
        string="Eligible Mentors",
        compute="_compute_line_ids",
        store=True,
        help="All eligible mentors; the best are listed.",
    )
    mentor_id = fields.Many2one(
        "hr.employee",
        string="Chosen Mentor",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        help="The mentor of the ticked candidate. Ticking another candidate unticks this one.",
    )
    no_candidate_reason = fields.Text(compute="_compute_no_candidate_reason")
    mentee_has_no_user = fields.Boolean(
        compute="_compute_mentee_has_no_user",
        help="The mentee has no user account: whoever acts for them records their answers.",
    )
    existing_pairing_id = fields.Many2one(
        "hr.mentoring.pairing",
        compute="_compute_existing_pairing_id",
        help="The mentee's open pairing (draft, proposed or active) in this programme: "
        "a mentee has one at most, so it is opened rather than a second one made.",
    )
    left_out_mentors = fields.Text(
        string="Mentors Left Out",
        compute="_compute_left_out_mentors",
        help="Mentors of the pool who cannot be proposed for this mentee, and why.",
    )

    @api.depends("program_id")
    def _compute_mentee_domain(self):
        Matching = self.env["hr.mentoring.matching"]
        for wizard in self:
            wizard.mentee_domain = Matching._mentoring_eligible_mentee_domain(wizard.program_id)

    @api.depends("mentee_id")
    def _compute_mentee_has_no_user(self):
        for wizard in self:
            # sudo: whether the mentee has a user, not who it is
            wizard.mentee_has_no_user = bool(wizard.mentee_id and not wizard.mentee_id.sudo().user_id)

    @api.depends("mentee_id", "program_id")
    def _compute_line_ids(self):
        Matching = self.env["hr.mentoring.matching"]
        for wizard in self:
            if not (wizard.mentee_id and wizard.program_id):
                wizard.line_ids = [fields.Command.clear()]
                wizard.candidate_count = 0
                wizard.mentor_id = False
                continue
            mentor_ids, _capacities, scores = Matching._mentoring_score(wizard.program_id, wizard.mentee_id)
            ranked = sorted(mentor_ids, key=lambda m: (-scores[(wizard.mentee_id.id, m)][0], m))
            wizard.candidate_count = len(ranked)
            # nobody reads a ranking of a thousand: the best ones are proposed
            commands = [fields.Command.clear()] if wizard.line_ids else []
            for rank, mentor_id in enumerate(ranked[:MAX_CANDIDATES], start=1):
                score, reasons = scores[(wizard.mentee_id.id, mentor_id)]
                commands.append(
                    fields.Command.create(
                        {
                            "rank": rank,
                            "mentor_id": mentor_id,
                            "score": score,
                            "reasons": "\n".join(reasons),
                            "selected": rank == 1,
                        }
                    )
                )
            wizard.line_ids = commands
            wizard.mentor_id = ranked[0] if ranked else False

    @api.depends("line_ids", "mentee_id", "program_id")
    def _compute_no_candidate_reason(self):
        Matching = self.env["hr.mentoring.matching"]
        for wizard in self:
            wizard.no_candidate_reason = (
                Matching._mentoring_no_candidate_reason(wizard.program_id, wizard.mentee_id)
                if wizard.mentee_id and wizard.program_id and not wizard.line_ids
                else False
            )

    @api.depends("mentee_id", "program_id")
    def _compute_existing_pairing_id(self):
        Pairing = self.env["hr.mentoring.pairing"]
        for wizard in self:
            wizard.existing_pairing_id = (
                Pairing.search(
                    [
                        ("mentee_id", "=", wizard.mentee_id.id),
                        ("program_id", "=", wizard.program_id.id),
                        ("state", "in", OPEN_STATES),
                    ],
                    limit=1,
                )
                if wizard.mentee_id and wizard.program_id
                else False
            )

    @api.depends("mentee_id", "program_id")
    def _compute_left_out_mentors(self):
        Matching = self.env["hr.mentoring.matching"]
        for wizard in self:
            if not (wizard.mentee_id and wizard.program_id):
                wizard.left_out_mentors = False
                continue
            count, left_out = Matching._mentoring_left_out_mentors(
                wizard.program_id, wizard.mentee_id, limit=MAX_LEFT_OUT
            )
            lines = []
            for employee, reason in left_out:
                lines.append(_("%(mentor)s: %(reason)s", mentor=employee.name, reason=reason))
            if count > len(left_out):
                lines.append(_("... and %(count)s more", count=count - len(left_out)))
            wizard.left_out_mentors = "\n".join(lines) or False

    @api.onchange("line_ids")
    def _onchange_line_ids(self):
        """Tick one candidate, untick the others (like radio buttons).

        The form sends every line's ``selected``: the newly ticked line is the
        one whose mentor is not the chosen mentor yet (``mentor_id`` keeps the
        previous choice). Unticking the chosen line leaves nobody chosen."""
        ticked = self.line_ids.filtered("selected")
        newly_ticked = ticked.filtered(lambda line: line.mentor_id != self.mentor_id)
        if newly_ticked:
            self.mentor_id = newly_ticked[-1].mentor_id
        elif not ticked:
            self.mentor_id = False
        for line in self.line_ids:
            selected = bool(self.mentor_id) and line.mentor_id == self.mentor_id
            if line.selected != selected:
                line.selected = selected

    @api.model
    def _mentoring_wizard_action(self):
        return _("select mentors")

    def action_open_existing_pairing(self):
        self.ensure_one()
        self._mentoring_check_wizard_coordinator()
        if not self.existing_pairing_id:
            raise UserError(_("This mentee has no open pairing in this programme."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.mentoring.pairing",
            "res_id": self.existing_pairing_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_create_pairing(self):
        self.ensure_one()
        self._mentoring_check_wizard_coordinator()
        if self.existing_pairing_id:
            raise UserError(
                _(
                    "%(mentee)s already has a pairing in %(program)s (%(pairing)s, %(state)s). "
                    "Open it instead of proposing a second one.",
                    mentee=self.mentee_id.name,
                    program=self.program_id.name,
                    pairing=self.existing_pairing_id.display_name,
                    state=dict(self.existing_pairing_id._fields["state"]._description_selection(self.env))[
                        self.existing_pairing_id.state
                    ],
                )
            )
        if not self.line_ids:
            raise UserError(self.no_candidate_reason or _("No eligible mentor for this mentee."))
        selected = self.line_ids.filtered("selected")
        if len(selected) != 1:
            raise UserError(
                _(
                    "Select exactly one mentor to propose: %(count)s candidates are ticked.",
                    count=len(selected),
                )
            )
        # who may be a mentee is the cohort's rule too; the candidates may have been
        # edited, or the mentor's places taken, since they were ranked
        Matching = self.env["hr.mentoring.matching"]
        Matching._mentoring_check_mentees(self.program_id, self.mentee_id)
        Matching._mentoring_check_mentors(self.program_id, self.mentee_id, selected.mentor_id)
        pairing = self.env["hr.mentoring.pairing"].create(
            {
                "program_id": self.program_id.id,
                "mentor_id": selected.mentor_id.id,
                "mentee_id": self.mentee_id.id,
                "relationship_type": self.relationship_type,
                "date_start": self.date_start,
                "state": "proposed",
                "match_score": selected.score,
                "match_reasons": selected.reasons,
            }
        )
        pairing.message_post(
            body=_(
                "Proposed by the mentor selection (rank %(rank)s of %(count)s, match %(match)s).",
                rank=selected.rank,
                count=len(self.line_ids),
                match=selected.score_label,
            ),
            subtype_xmlid="mail.mt_note",
        )
        # offer the plan right away
        return pairing.action_open_plan_wizard()


class HrMentoringMentorSelectionWizardLine(models.TransientModel):
    _name = "hr.mentoring.mentor.selection.wizard.line"
    _description = "Mentor Selection Candidate"
    _order = "rank, id"

    wizard_id = fields.Many2one("hr.mentoring.mentor.selection.wizard", required=True, ondelete="cascade")
    rank = fields.Integer()
    mentor_id = fields.Many2one("hr.employee", required=True, readonly=True)
    score = fields.Float(digits=(5, 1), readonly=True)
    score_label = fields.Char(string="Match", compute="_compute_score_label", help="The match score, out of 100 %.")
    reasons = fields.Text(readonly=True)
    selected = fields.Boolean(help="The mentor to propose: tick exactly one candidate.")

    @api.depends("score")
    def _compute_score_label(self):
        Matching = self.env["hr.mentoring.matching"]
        for line in self:
            line.score_label = Matching._mentoring_score_label(line.score)
