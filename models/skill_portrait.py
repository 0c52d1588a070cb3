"""The mentee's competency portrait on Odoo's ``hr_skills``: for each skill
of the programme's target portrait, the target level, the mentee's level at
the start of the pairing (Odoo's skill history, ``hr.employee.skill.log``)
and the level now (``hr.employee.skill``); drawn as an SVG on the server, so
that the pairing form and the printed progress report show the same picture.

A programme without a target portrait shows the skills its mentee criteria
are mapped to, without a target. Every function reads what it needs for any
number of pairings in a fixed number of queries.

The levels are read as superuser: Odoo lets every employee read everybody's
skills (hr_skills' record rules); the callers pass pairings their user may read.
"""

from collections import defaultdict

from markupsafe import Markup, escape

# the picture's geometry, in pixels
WIDTH = 640
LABEL_WIDTH = 190
CHART_WIDTH = 360
ROW_HEIGHT = 30
LEGEND_HEIGHT = 26
AXIS_HEIGHT = 20
COLORS = {"start": "#9ecae1", "now": "#1f5f99", "target": "#d62728", "grid": "#dddddd", "text": "#333333"}


def portrait_rows(env, pairings):
    """{pairing id: [row]} for ``pairings``, each row a dict with ``skill``
    (hr.skill), ``target``, ``start`` and ``now`` (hr.skill.level or an empty
    recordset), in the order of the programme's target portrait."""
    pairings = pairings.sudo()
    if not pairings:
        return {}
    skills_by_program = _portrait_skills(env, pairings.program_id)
    skill_ids = {skill_id for lines in skills_by_program.values() for skill_id, _level in lines}
    mentee_ids = set(pairings.mentee_id.ids)
    Level = env["hr.skill.level"].sudo()
    now, start = {}, {}
    if skill_ids and mentee_ids:
        for row in (
            env["hr.employee.skill"]
            .sudo()
            .search_read(
                [("employee_id", "in", list(mentee_ids)), ("skill_id", "in", list(skill_ids))],
                ["employee_id", "skill_id", "skill_level_id"],
                load=None,
            )
        ):
            now[(row["employee_id"], row["skill_id"])] = row["skill_level_id"]
        last_start = max(pairings.mapped("date_start"))
        logs = defaultdict(list)  # (employee, skill): [(date, level)] in date order
        for row in (
            env["hr.employee.skill.log"]
            .sudo()
            .search_read(
                [
                    ("employee_id", "in", list(mentee_ids)),
                    ("skill_id", "in", list(skill_ids)),
                    ("date", "<=", last_start),
                ],
                ["employee_id", "skill_id", "skill_level_id", "date"],
                order="date, id",
                load=None,
            )
        ):
            logs[(row["employee_id"], row["skill_id"])].append((row["date"], row["skill_level_id"]))
        for pairing in pairings:
            for skill_id, _level in skills_by_program.get(pairing.program_id.id, ()):
                history = logs.get((pairing.mentee_id.id, skill_id), ())
                before = [level for day, level in history if day <= pairing.date_start]
                if before:
                    start[(pairing.id, skill_id)] = before[-1]
    level_ids = {level for lines in skills_by_program.values() for _skill, level in lines if level}
    level_ids |= set(now.values()) | set(start.values())
    # the names and progress of the skills and levels, one read each (prefetched together)
    skills = env["hr.skill"].sudo().browse(skill_ids)
    skills.read(["name", "skill_type_id"])
    Level.browse(level_ids).read(["name", "level_progress"])
    result = {}
    for pairing in pairings:
        rows = []
        for skill_id, target in skills_by_program.get(pairing.program_id.id, ()):
            rows.append(
                {
                    "skill": skills.browse(skill_id),
                    "target": Level.browse(target or ()),
                    "start": Level.browse(start.get((pairing.id, skill_id)) or ()),
                    "now": Level.browse(now.get((pairing.mentee_id.id, skill_id)) or ()),
                }
            )
        result[pairing.id] = rows
    return result


def program_gaps(env, program, pairings):
    """The average gap to target of ``program``'s target portrait over the
    mentees of ``pairings``: a list of dicts with ``skill``, ``target``
    (hr.skill.level), ``mentees``, ``average_now`` and ``average_gap`` (in
    points of the levels' 0-100 progress, a skill not on record counting 0)
    and ``reached`` (mentees at or above the target)."""
    targets = [(skill, level) for skill, level in _portrait_skills(env, program).get(program.id, ()) if level]
    mentee_ids = set(pairings.sudo().mentee_id.ids)
    if not targets:
        return []
    progress = {}
    if mentee_ids:
        for row in (
            env["hr.employee.skill"]
            .sudo()
            .search_read(
                [("employee_id", "in", list(mentee_ids)), ("skill_id", "in", [skill for skill, _level in targets])],
                ["employee_id", "skill_id", "level_progress"],
                load=None,
            )
        ):
            progress[(row["employee_id"], row["skill_id"])] = row["level_progress"] or 0
    Level = env["hr.skill.level"].sudo()
    Level.browse([level for _skill, level in targets]).read(["name", "level_progress"])
    skills = env["hr.skill"].sudo().browse([skill for skill, _level in targets])
    skills.read(["name"])
    rows = []
    for skill_id, level_id in targets:
        target = Level.browse(level_id)
        levels = [progress.get((mentee, skill_id), 0) for mentee in mentee_ids]
        count = len(levels)
        rows.append(
            {
                "skill": skills.browse(skill_id),
                "target": target,
                "mentees": count,
                "average_now": sum(levels) / count if count else None,
                "average_gap": sum(target.level_progress - value for value in levels) / count if count else None,
                "reached": sum(1 for value in levels if value >= target.level_progress),
            }
        )
    return rows


def render_svg(env, rows):
    """The portrait ``rows`` (see portrait_rows) as an inline SVG (Markup),
    or an empty Markup when there is no skill to show. Colours and sizes are
    attributes, so that the PDF prints it as the form shows it."""
    if not rows:
        return Markup("")
    _ = env._
    height = LEGEND_HEIGHT + ROW_HEIGHT * len(rows) + AXIS_HEIGHT
    left, chart = LABEL_WIDTH, CHART_WIDTH

    def x(level):
        return left + chart * (level.level_progress if level else 0) / 100.0

    title = _("Competency portrait: target, level at the start of the pairing and level now")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="o_mentoring_portrait" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="Helvetica, Arial, sans-serif" font-size="11" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    # legend
    legend = (
        ("start", _("At the start")),
        ("now", _("Now")),
        ("target", _("Target")),
    )
    lx = left
    for key, label in legend:
        if key == "target":
            parts.append(
                f'<line x1="{lx + 5}" y1="6" x2="{lx + 5}" y2="18" stroke="{COLORS["target"]}" stroke-width="2"/>'
            )
        else:
            parts.append(f'<rect x="{lx}" y="8" width="12" height="8" fill="{COLORS[key]}"/>')
        parts.append(f'<text x="{lx + 16}" y="16" fill="{COLORS["text"]}">{escape(label)}</text>')
        lx += 110
    # grid and axis
    top, bottom = LEGEND_HEIGHT, LEGEND_HEIGHT + ROW_HEIGHT * len(rows)
    for tick in (0, 25, 50, 75, 100):
        gx = left + chart * tick / 100.0
        parts.append(f'<line x1="{gx}" y1="{top}" x2="{gx}" y2="{bottom}" stroke="{COLORS["grid"]}" stroke-width="1"/>')
        parts.append(
            f'<text x="{gx}" y="{bottom + 14}" text-anchor="middle" fill="{COLORS["text"]}" '
            f'font-size="9">{tick} %</text>'
        )
    for index, row in enumerate(rows):
        y = top + ROW_HEIGHT * index
        skill, target, start, now = row["skill"], row["target"], row["start"], row["now"]
        parts.append(
            f'<text x="{left - 8}" y="{y + 19}" text-anchor="end" fill="{COLORS["text"]}">'
            f"{escape(_clip(skill.name))}</text>"
        )
        if start:
            parts.append(
                f'<rect x="{left}" y="{y + 6}" width="{x(start) - left:.1f}" height="8" fill="{COLORS["start"]}">'
                f"<title>{escape(_('At the start'))}: {escape(start.name)}</title></rect>"
            )
        if now:
            parts.append(
                f'<rect x="{left}" y="{y + 15}" width="{x(now) - left:.1f}" height="9" fill="{COLORS["now"]}">'
                f"<title>{escape(_('Now'))}: {escape(now.name)}</title></rect>"
            )
        if target:
            tx = x(target)
            parts.append(
                f'<line x1="{tx:.1f}" y1="{y + 2}" x2="{tx:.1f}" y2="{y + 28}" stroke="{COLORS["target"]}" '
                f'stroke-width="2"><title>{escape(_("Target"))}: {escape(target.name)}</title></line>'
            )
        label = now.name if now else "—"
        if target:
            label = f"{label} / {target.name}"
        parts.append(
            f'<text x="{left + chart + 10}" y="{y + 19}" fill="{COLORS["text"]}">{escape(_clip(label, 28))}</text>'
        )
    parts.append("</svg>")
    # every value above is a number or escaped text
    return Markup("".join(parts))  # noqa: S704


def _portrait_skills(env, programs):
    """{program id: [(skill id, target level id or None)]}: the target
    portrait of each programme, or the skills of its mentee criteria."""
    programs = programs.sudo()
    result = defaultdict(list)
    for row in (
        env["hr.mentoring.program.skill"]
        .sudo()
        .search_read(
            [("program_id", "in", programs.ids)],
            ["program_id", "skill_id", "skill_level_id"],
            order="program_id, sequence, id",
            load=None,
        )
    ):
        result[row["program_id"]].append((row["skill_id"], row["skill_level_id"]))
    without = programs.filtered(lambda program: program.id not in result)
    if without:
        for program in without:
            seen = set()
            for criterion in program.mentee_criterion_ids.sorted(lambda c: (c.sequence, c.id)):
                skill = criterion.skill_id.id
                if skill and skill not in seen:
                    seen.add(skill)
                    result[program.id].append((skill, None))
    return result


def _clip(text, length=30):
    text = text or ""
    return text if len(text) <= length else text[: length - 1] + "…"
