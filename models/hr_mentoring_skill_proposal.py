from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from .state_machine import ANY_STATE, check_step, refusal_for_role, set_can, step

_lt = LazyTranslate(__name__)

PROPOSAL_STATES = [("proposed", "Proposed"), ("confirmed", "Confirmed"), ("rejected", "Rejected")]

# the evaluations whose ratings propose skill levels, and who confirms what each proposes
PROPOSING_KINDS = ("mentor_on_mentee", "coordinator_on_mentee")
CONFIRM_ROLES = {
    "mentor_on_mentee": frozenset({"mentor", "coordinator"}),
    "coordinator_on_mentee": frozenset({"coordinator"}),
}
DECIDED_REFUSAL = _lt("%(record)s is already decided on.")
# the buttons of a proposal (hr_mentoring.state_machine); whose evaluation
# proposed it decides between the mentor and the coordinators (CONFIRM_ROLES)
PROPOSAL_STEPS = {
    "confirm": step(
        _lt("confirm this skill level"),
        ("proposed",),
        {"mentor", "coordinator"},
        wrong_states={ANY_STATE: DECIDED_REFUSAL},
    ),
    "reject": step(
        _lt("reject this skill level"),
        ("proposed",),
        {"mentor", "coordinator"},
        wrong_states={ANY_STATE: DECIDED_REFUSAL},
    ),
}


class HrMentoringSkillProposal(models.Model):
    """A new level of one of the mentee's skills, proposed by a submitted
    evaluation whose criterion is mapped to that skill.

    Nothing is written to the mentee's skills until the mentor (for their own
    evaluations) or a coordinator confirms the proposal: then the mentee's
    ``hr.employee.skill`` takes the level, and Odoo's skill history
    (``hr.employee.skill.log``) records the growth. A later evaluation
    updates the open proposal of the same skill instead of adding another."""

    _name = "hr.mentoring.skill.proposal"
    _description = "Mentoring Skill Level Proposal"
    _inherit = ["hr.mentoring.role.mixin"]
    _order = "state, create_date desc, id desc"
    _rec_names_search = ["skill_id.name", "employee_id.name"]
    _check_company_auto = True
    _mentoring_pairing_path = "pairing_id"
    _mentoring_steps = PROPOSAL_STEPS

    pairing_id = fields.Many2one(
        "hr.mentoring.pairing", required=True, index=True, ondelete="cascade", check_company=True
    )
    program_id = fields.Many2one(related="pairing_id.program_id", store=True, string="Programme")
    company_id = fields.Many2one(related="pairing_id.company_id", store=True, index=True)
    mentor_id = fields.Many2one(related="pairing_id.mentor_id", store=True, index=True, string="Mentor")
    employee_id = fields.Many2one(related="pairing_id.mentee_id", store=True, index=True, string="Mentee")
    department_id = fields.Many2one(related="pairing_id.department_id", store=True, index=True, string="Department")
    evaluation_id = fields.Many2one(
        "hr.mentoring.evaluation", readonly=True, index=True, ondelete="cascade", check_company=True
    )
    evaluation_kind = fields.Selection(related="evaluation_id.kind", store=True, string="Evaluation Kind")
    criterion_id = fields.Many2one("hr.mentoring.criterion", readonly=True)
    skill_id = fields.Many2one("hr.skill", required=True, readonly=True, ondelete="cascade")
    skill_type_id = fields.Many2one(related="skill_id.skill_type_id", store=True, string="Skill Type")
    current_level_id = fields.Many2one(
        "hr.skill.level", string="Level on Record", readonly=True, help="The mentee's level when it was proposed."
    )
    skill_level_id = fields.Many2one("hr.skill.level", string="Proposed Level", required=True, readonly=True)
    state = fields.Selection(PROPOSAL_STATES, required=True, default="proposed", readonly=True, index=True)
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_on = fields.Datetime(readonly=True)
    can_decide = fields.Boolean(compute="_compute_can_decide")

    @api.depends("skill_id", "skill_level_id", "employee_id")
    def _compute_display_name(self):
        for proposal in self:
            proposal.display_name = _(
                "%(skill)s: %(level)s (%(mentee)s)",
                skill=proposal.skill_id.name,
                level=proposal.skill_level_id.name,
                mentee=proposal.employee_id.name,
            )

    @api.depends("state", "evaluation_kind")
    @api.depends_context("uid")
    def _compute_can_decide(self):
        set_can(self, "can_decide", "confirm")

    # ------------------------------------------------------------------
    # CRUD: proposals come from submitted evaluations only
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(_("Skill levels are proposed by submitted evaluations, not written by hand."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(_("Confirm or reject a proposed skill level with its buttons."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_confirm(self):
        """The mentee's skill takes the proposed level (Odoo's skill history records it)."""
        check_step(self, "confirm")
        employee_skills = self._mentoring_employee_skills()
        to_create = []
        for proposal in self:
            record = employee_skills.get((proposal.employee_id.id, proposal.skill_id.id))
            if record:
                if record.skill_level_id != proposal.skill_level_id:
                    record.write({"skill_level_id": proposal.skill_level_id.id})
            else:
                to_create.append(
                    {
                        "employee_id": proposal.employee_id.id,
                        "skill_type_id": proposal.skill_id.skill_type_id.id,
                        "skill_id": proposal.skill_id.id,
                        "skill_level_id": proposal.skill_level_id.id,
                    }
                )
        if to_create:
            # sudo: the mentee's skills are HR's; the decider's role is checked above
            self.env["hr.employee.skill"].sudo().create(to_create)
        self._mentoring_decide("confirmed")

    def action_reject(self):
        """The proposed level is not taken: the mentee's skills stay as they are."""
        check_step(self, "reject")
        self._mentoring_decide("rejected")

    # ------------------------------------------------------------------
    # business
    # ------------------------------------------------------------------

    def _mentoring_check_step(self, name, roles):
        """The mentor decides on what their own evaluations propose, a
        coordinator on all (hr_mentoring.state_machine)."""
        self.ensure_one()
        deciders = CONFIRM_ROLES.get(self.evaluation_kind, frozenset({"coordinator"}))
        if not self.env.su and not roles & deciders:
            raise refusal_for_role(self.env, PROPOSAL_STEPS[name], deciders)

    def _mentoring_decide(self, state):
        # sudo: the decision is the button's, the caller's role is checked above
        self.sudo().write({"state": state, "decided_by_id": self.env.uid, "decided_on": fields.Datetime.now()})

    def _mentoring_employee_skills(self):
        """{(employee id, skill id): hr.employee.skill} of these proposals' mentees, in one query."""
        # sudo: the mentee's skill records, to update them with the decided level
        records = (
            self.env["hr.employee.skill"]
            .sudo()
            .search([("employee_id", "in", self.employee_id.ids), ("skill_id", "in", self.skill_id.ids)])
        )
        return {(record.employee_id.id, record.skill_id.id): record for record in records}

    @api.model
    def _mentoring_propose(self, evaluations):
        """Propose the levels the submitted ``evaluations`` rate, for the
        criteria mapped to a skill; a level equal to the one on record
        proposes nothing; the open proposal of a skill takes the level of the
        latest evaluation. A fixed number of queries for any number."""
        evaluations = evaluations.sudo().filtered(lambda e: e.kind in PROPOSING_KINDS and e.state != "draft")
        lines = evaluations.line_ids.filtered(lambda line: line.level_id and line.criterion_id.skill_id)
        if not lines:
            return self.browse()
        Proposal = self.sudo()
        mentees = evaluations.mentee_id
        skills = lines.criterion_id.skill_id
        current = {
            (record.employee_id.id, record.skill_id.id): record.skill_level_id
            for record in self.env["hr.employee.skill"]
            .sudo()
            .search([("employee_id", "in", mentees.ids), ("skill_id", "in", skills.ids)])
        }
        open_proposals = {
            (proposal.pairing_id.id, proposal.skill_id.id): proposal
            for proposal in Proposal.search(
                [("pairing_id", "in", evaluations.pairing_id.ids), ("state", "=", "proposed")]
            )
        }
        pending = {}  # (pairing id, skill id): values of a new proposal
        updated = Proposal.browse()
        for line in lines.sorted(lambda ln: (ln.evaluation_id.date, ln.evaluation_id.id, ln.id)):
            evaluation = line.evaluation_id
            skill = line.criterion_id.skill_id
            level = _nearest_level(skill.skill_type_id.skill_level_ids, line.score)
            on_record = current.get((evaluation.mentee_id.id, skill.id))
            if not level or level == on_record:
                continue
            key = (evaluation.pairing_id.id, skill.id)
            vals = {
                "evaluation_id": evaluation.id,
                "criterion_id": line.criterion_id.id,
                "skill_level_id": level.id,
                "current_level_id": on_record.id if on_record else False,
            }
            if key in open_proposals:
                existing = open_proposals[key]
                # an evaluation of an earlier date (submitted late) does not replace a later one
                if existing.evaluation_id.date and existing.evaluation_id.date > evaluation.date:
                    continue
                existing.write(vals)
                updated |= existing
            else:
                # a later rating of the same skill in this batch replaces the earlier one
                pending[key] = dict(vals, pairing_id=key[0], skill_id=key[1])
        return updated | Proposal.create(list(pending.values()))


def _nearest_level(levels, score):
    """The level of ``levels`` (hr.skill.level) whose progress is nearest to
    ``score`` (0-100); of two as near, the lower."""
    if not levels:
        return levels
    return min(levels, key=lambda level: (abs(level.level_progress - score), level.level_progress))
