"""Generate security/hr_mentoring_security.xml (run by hand after changing a rule).

Rules are data: writing them once here, as Python domains, keeps the
evaluation-line and progress rules exact copies of the evaluation rules.
"""

from pathlib import Path

USER = "user.id"

PARTICIPANT = f"['|', '|', ('mentor_id.user_id', '=', {USER}), ('mentee_id.user_id', '=', {USER}), ('is_department_head', '=', True)]"
# a draft pairing is the coordinator's working copy: its mentor, mentee and
# department head see it once it is proposed
NOT_DRAFT = "('state', '!=', 'draft')"
PAIRING_NOT_DRAFT = "('pairing_id.state', '!=', 'draft')"
ITEM_NOT_DRAFT = "('event_id.pairing_id.state', '!=', 'draft')"


def prefixed(domain_terms, prefix):
    out = []
    for term in domain_terms:
        if isinstance(term, tuple) and not str(term[0]).isdigit() and term[0] != "is_department_head":
            out.append((prefix + term[0], *term[1:]))
        else:
            out.append(term)
    return out


def fmt(domain_terms):
    parts = []
    for term in domain_terms:
        if isinstance(term, str):
            parts.append(repr(term))
        else:
            field, op, value = term
            parts.append(f"({field!r}, {op!r}, {value})")
    return "[" + ", ".join(parts) + "]"


EVAL_READ = [
    "|",
    "|",
    "|",
    "|",
    ("evaluator_id", "=", USER),
    "&",
    "&",
    "&",
    ("subject", "=", "'mentee'"),
    ("mentee_id.user_id", "=", USER),
    ("shared_with_subject", "=", True),
    ("state", "!=", "'draft'"),
    "&",
    "&",
    "&",
    ("subject", "=", "'mentor'"),
    ("mentor_id.user_id", "=", USER),
    ("shared_with_subject", "=", True),
    ("state", "!=", "'draft'"),
    "&",
    "&",
    ("kind", "=", "'self'"),
    ("mentor_id.user_id", "=", USER),
    ("state", "!=", "'draft'"),
    "&",
    "&",
    ("subject", "=", "'mentee'"),
    ("state", "!=", "'draft'"),
    ("is_department_head", "=", True),
]
EVAL_WRITE = [
    "|",
    ("evaluator_id", "=", USER),
    "&",
    "&",
    "|",
    "&",
    ("subject", "=", "'mentee'"),
    ("mentee_id.user_id", "=", USER),
    "&",
    ("subject", "=", "'mentor'"),
    ("mentor_id.user_id", "=", USER),
    ("shared_with_subject", "=", True),
    ("state", "!=", "'draft'"),
]
EVAL_OWN_DRAFT = [("evaluator_id", "=", USER), ("state", "=", "'draft'")]

RULES = [
    # (id, name, model, domain, groups, perms (r, w, c, u))
    (
        "program_rule_user",
        "Programmes: employees read",
        "hr_mentoring_program",
        "[(1, '=', 1)]",
        "base.group_user",
        (1, 0, 0, 0),
    ),
    (
        "pairing_rule_participant_read",
        "Pairings: mentor, mentee and department head read (once proposed)",
        "hr_mentoring_pairing",
        f"[{NOT_DRAFT}, {PARTICIPANT[1:-1]}]",
        "base.group_user",
        (1, 0, 0, 0),
    ),
    (
        "pairing_rule_participant_write",
        "Pairings: mentor (decline) and department head (approve) write (once proposed)",
        "hr_mentoring_pairing",
        f"[{NOT_DRAFT}, '|', ('mentor_id.user_id', '=', {USER}), ('is_department_head', '=', True)]",
        "base.group_user",
        (0, 1, 0, 0),
    ),
    (
        "event_rule_participant",
        "Plan events: mentor, mentee and department head read and write (not while the pairing is a draft)",
        "hr_mentoring_event",
        f"[{PAIRING_NOT_DRAFT}, {PARTICIPANT[1:-1]}]",
        "base.group_user",
        (1, 1, 0, 0),
    ),
    (
        "event_rule_create",
        "Plan events: mentor and department head create",
        "hr_mentoring_event",
        f"[{PAIRING_NOT_DRAFT}, '|', ('mentor_id.user_id', '=', {USER}), ('is_department_head', '=', True)]",
        "base.group_user",
        (0, 0, 1, 0),
    ),
    (
        "action_item_rule_read",
        "Action items: participants read",
        "hr_mentoring_action_item",
        f"[{ITEM_NOT_DRAFT}, '|', '|', ('event_id.mentor_id.user_id', '=', {USER}), ('event_id.mentee_id.user_id', '=', {USER}), ('is_department_head', '=', True)]",
        "base.group_user",
        (1, 0, 0, 0),
    ),
    (
        "action_item_rule_write",
        "Action items: mentor and mentee write",
        "hr_mentoring_action_item",
        f"[{ITEM_NOT_DRAFT}, '|', ('event_id.mentor_id.user_id', '=', {USER}), ('event_id.mentee_id.user_id', '=', {USER})]",
        "base.group_user",
        (0, 1, 0, 0),
    ),
    (
        "action_item_rule_manage",
        "Action items: mentor creates and deletes",
        "hr_mentoring_action_item",
        f"[{ITEM_NOT_DRAFT}, ('event_id.mentor_id.user_id', '=', {USER})]",
        "base.group_user",
        (0, 0, 1, 1),
    ),
    (
        "evaluation_rule_read",
        "Evaluations: own, shared with me, my mentee's self-evaluations, my departments' submitted",
        "hr_mentoring_evaluation",
        fmt(EVAL_READ),
        "base.group_user",
        (1, 0, 0, 0),
    ),
    (
        "evaluation_rule_write",
        "Evaluations: the evaluator writes, the evaluated acknowledges what is shared",
        "hr_mentoring_evaluation",
        fmt(EVAL_WRITE),
        "base.group_user",
        (0, 1, 0, 0),
    ),
    (
        "evaluation_rule_create",
        "Evaluations: the evaluator creates and deletes drafts",
        "hr_mentoring_evaluation",
        fmt(EVAL_OWN_DRAFT),
        "base.group_user",
        (0, 0, 1, 1),
    ),
    (
        "evaluation_line_rule_read",
        "Evaluation ratings: as their evaluation",
        "hr_mentoring_evaluation_line",
        fmt(prefixed(EVAL_READ, "evaluation_id.")),
        "base.group_user",
        (1, 0, 0, 0),
    ),
    (
        "evaluation_line_rule_write",
        "Evaluation ratings: the evaluator of a draft",
        "hr_mentoring_evaluation_line",
        fmt(prefixed(EVAL_OWN_DRAFT, "evaluation_id.")),
        "base.group_user",
        (0, 1, 1, 1),
    ),
    (
        "progress_rule_read",
        "Progress: mentor (own pairings) and department head",
        "hr_mentoring_progress",
        f"['|', '&', ('mentor_id.user_id', '=', {USER}), ('kind', 'in', ['mentor_on_mentee', 'self']), ('is_department_head', '=', True)]",
        "base.group_user",
        (1, 0, 0, 0),
    ),
    (
        "preference_rule_own",
        "Preferences: own choices",
        "hr_mentoring_preference",
        f"[('chooser_user_id', '=', {USER})]",
        "base.group_user",
        (1, 1, 1, 1),
    ),
]

COORDINATOR_MODELS = [
    "hr_mentoring_program",
    "hr_mentoring_pairing",
    "hr_mentoring_event",
    "hr_mentoring_action_item",
    "hr_mentoring_evaluation",
    "hr_mentoring_evaluation_line",
    "hr_mentoring_progress",
    "hr_mentoring_preference",
]

COMPANY_MODELS = [
    ("hr_mentoring_program", "company_id"),
    ("hr_mentoring_pairing", "company_id"),
    ("hr_mentoring_event", "company_id"),
    ("hr_mentoring_action_item", "company_id"),
    ("hr_mentoring_evaluation", "company_id"),
    ("hr_mentoring_evaluation_line", "company_id"),
    ("hr_mentoring_progress", "company_id"),
    ("hr_mentoring_note", "company_id"),
    ("hr_mentoring_mentor_history", "company_id"),
    ("hr_mentoring_preference", "company_id"),
    ("hr_mentoring_plan_template", "company_id"),
    ("hr_mentoring_scale", "company_id"),
    ("hr_mentoring_criterion", "company_id"),
]


# Models without a company of their own follow their parent's company.
PARENT_COMPANY_MODELS = [
    ("hr_mentoring_plan_template_line", "template_id.company_id"),
    ("hr_mentoring_scale_level", "scale_id.company_id"),
]

# Odoo 18 gives transient records no implicit owner rule: without one, any
# user with an access line reads (and writes) the wizards of everybody else,
# e.g. the reason typed into another mentor's decline wizard. Stored computed
# fields of a wizard are computed as superuser when it is created: the rules
# also refuse a wizard about another company's data (or, for the plan wizard,
# about a pairing the user may not read), so that its computed lines (mentors,
# scores, the evidence behind them) never reach the creator.
OWN = f"('create_uid', '=', {USER})"
OWN_LINES = f"('wizard_id.create_uid', '=', {USER})"
WIZARD_RULES = [
    # (model, global domain)
    ("hr_mentoring_plan_wizard", f"[{OWN}, ('pairing_id.company_id', 'in', company_ids)]"),
    ("hr_mentoring_decline_wizard", f"[{OWN}]"),
    ("hr_mentoring_missed_wizard", f"[{OWN}]"),
    (
        "hr_mentoring_mentor_selection_wizard",
        f"[{OWN}, ('program_id.company_id', 'in', company_ids), ('mentee_id.company_id', 'in', company_ids)]",
    ),
    ("hr_mentoring_mentor_selection_wizard_line", f"[{OWN_LINES}]"),
    (
        "hr_mentoring_cohort_wizard",
        f"[{OWN}, ('program_id.company_id', 'in', company_ids), "
        "'!', ('mentee_ids', 'any', [('company_id', 'not in', company_ids)])]",
    ),
    ("hr_mentoring_cohort_wizard_line", f"[{OWN_LINES}]"),
]
# the plan wizard computes from its pairing: only about a pairing one reads
PLAN_WIZARD_PARTICIPANT = (
    f"[('pairing_id.state', '!=', 'draft'), '|', '|', ('pairing_id.mentor_id.user_id', '=', {USER}), "
    f"('pairing_id.mentee_id.user_id', '=', {USER}), ('pairing_id.is_department_head', '=', True)]"
)


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rule(xml_id, name, model, domain, groups, perms):
    lines = [
        f'    <record id="{xml_id}" model="ir.rule">',
        f'        <field name="name">{esc(name)}</field>',
        f'        <field name="model_id" ref="model_{model}"/>',
        f'        <field name="domain_force">{esc(domain)}</field>',
    ]
    if groups:
        lines.append(f'        <field name="groups" eval="[Command.link(ref(\'{groups}\'))]"/>')
    for perm, flag in zip(("read", "write", "create", "unlink"), perms, strict=True):
        lines.append(f'        <field name="perm_{perm}" eval="{bool(flag)}"/>')
    lines.append("    </record>")
    return "\n".join(lines)


def main():
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Generated by scripts/dev/gen_security.py: edit the script, then run it. -->",
        "<odoo>",
        "",
        '    <record id="group_mentoring_coordinator" model="res.groups">',
        '        <field name="name">Coordinator</field>',
        '        <field name="category_id" ref="base.module_category_human_resources_mentoring"/>',
        '        <field name="implied_ids" eval="[Command.link(ref(\'hr.group_hr_user\'))]"/>',
        "        <field name=\"users\" eval=\"[Command.link(ref('base.user_root')), Command.link(ref('base.user_admin'))]\"/>",
        '        <field name="comment">Runs the mentoring programmes: mentor pool, pairings, plans, evaluations, reports and confidential notes.</field>',
        "    </record>",
        "",
    ]
    for xml_id, name, comment in (
        (
            "group_mentoring_mentor",
            "Mentoring: Approved Mentor",
            "Kept in sync with the approved mentors and the mentors of open pairings: shows the mentor menus. "
            "Grants no access by itself.",
        ),
        (
            "group_mentoring_participant",
            "Mentoring: Participant",
            "Kept in sync with the mentors and mentees of pairings: shows 'My Mentoring'. Grants no access by itself.",
        ),
        (
            "group_mentoring_mentee",
            "Mentoring: Mentee",
            "Kept in sync with the mentees of pairings: shows 'My Mentor' and 'My Plan'. Grants no access by itself.",
        ),
        (
            "group_mentoring_head",
            "Mentoring: Department Head",
            "Kept in sync with the department managers: shows 'My Departments'. Grants no access by itself.",
        ),
    ):
        out += [
            f'    <record id="{xml_id}" model="res.groups">',
            f'        <field name="name">{name}</field>',
            '        <field name="category_id" ref="base.module_category_hidden"/>',
            f'        <field name="comment">{comment}</field>',
            "    </record>",
            "",
        ]
    out.append('    <data noupdate="1">')
    body = []
    for args in RULES:
        body.append(rule(*args))
    for model in COORDINATOR_MODELS:
        body.append(
            rule(
                f"{model.removeprefix('hr_mentoring_')}_rule_coordinator",
                f"{model}: coordinators see all",
                model,
                "[(1, '=', 1)]",
                "hr_mentoring.group_mentoring_coordinator",
                (1, 1, 1, 1),
            )
        )
    for model, field in COMPANY_MODELS:
        body.append(
            rule(
                f"{model.removeprefix('hr_mentoring_')}_rule_company",
                f"{model}: multi-company",
                model,
                f"['|', ('{field}', '=', False), ('{field}', 'in', company_ids)]",
                None,
                (1, 1, 1, 1),
            )
        )
    for model, path in PARENT_COMPANY_MODELS:
        body.append(
            rule(
                f"{model.removeprefix('hr_mentoring_')}_rule_company",
                f"{model}: multi-company (through its parent)",
                model,
                f"['|', ('{path}', '=', False), ('{path}', 'in', company_ids)]",
                None,
                (1, 1, 1, 1),
            )
        )
    for model, domain in WIZARD_RULES:
        body.append(
            rule(
                f"{model.removeprefix('hr_mentoring_')}_rule_owner",
                f"{model}: own wizards, about this company's data",
                model,
                domain,
                None,
                (1, 1, 1, 1),
            )
        )
    body.append(
        rule(
            "plan_wizard_rule_participant",
            "Plan wizard: about a pairing one reads",
            "hr_mentoring_plan_wizard",
            PLAN_WIZARD_PARTICIPANT,
            "base.group_user",
            (1, 1, 1, 1),
        )
    )
    body.append(
        rule(
            "plan_wizard_rule_coordinator",
            "Plan wizard: coordinators plan every pairing",
            "hr_mentoring_plan_wizard",
            "[(1, '=', 1)]",
            "hr_mentoring.group_mentoring_coordinator",
            (1, 1, 1, 1),
        )
    )
    out.append("\n\n".join("    " + b.replace("\n", "\n    ") for b in body))
    out.append("    </data>")
    out.append("</odoo>")
    Path(__file__).resolve().parents[2].joinpath("security/hr_mentoring_security.xml").write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
