"""(g) The mentee's development: goals and the competency portrait. The query
count of the progress report's goals and portraits for 100 and 1,000
pairings, which must not grow with the number of pairings, and of the
programme report's goals by department and gap to the target portrait for
the whole benchmark programme, which must stay under a fixed number.

The dataset has no goals nor skills: each run gives the programme a target
portrait of two skills, each mentee their levels and a goal, in the run's
savepoint (rolled back), before it counts."""

import logging

from paths import Check, hot_path

_logger = logging.getLogger("hr_mentoring.bench")

SIZES = (100, 1000)
TARGETS = {
    # the progress report of 1,000 pairings costs what the report of 100 costs
    "portrait_growth": 0,
    # the programme report's goals by department and gap per skill
    "programme_queries": 12,
}

FLOORS = """\
- development: no floor; the targets are query counts (the portraits read the target portrait, the levels now
  and the skill history in one query each, the goals by department in one grouped read).
"""


def _prepare(env, program, pairings):
    """A target portrait of two skills, a level of each for every mentee and
    one agreed goal per pairing, all in the run's savepoint."""
    from odoo import Command

    skill_type = env["hr.skill.type"].create(
        {
            "name": "Bench Skills",
            "skill_ids": [Command.create({"name": "Bench Communication"}), Command.create({"name": "Bench Planning"})],
            "skill_level_ids": [
                Command.create({"name": name, "level_progress": progress})
                for name, progress in (("Low", 20), ("Mid", 50), ("High", 80))
            ],
        }
    )
    levels = skill_type.skill_level_ids.sorted("level_progress")
    program.target_skill_ids = [
        Command.create({"skill_id": skill.id, "skill_level_id": levels[-1].id}) for skill in skill_type.skill_ids
    ]
    env["hr.employee.skill"].create(
        [
            {
                "employee_id": mentee.id,
                "skill_type_id": skill_type.id,
                "skill_id": skill.id,
                "skill_level_id": levels[index % 2].id,
            }
            for index, mentee in enumerate(pairings.mentee_id)
            for skill in skill_type.skill_ids
        ]
    )
    goals = env["hr.mentoring.goal"].create(
        [
            {"pairing_id": pairing.id, "name": "Bench goal", "target_value": 10, "current_value": index % 11}
            for index, pairing in enumerate(pairings)
        ]
    )
    goals.write({"mentor_agreed_on": env.cr.now(), "mentee_agreed_on": env.cr.now(), "state": "agreed"})


def _progress_part(env, pairings):
    """What the progress report adds for the development: the goals of the
    pairings (with what its table prints) and the portraits, drawn."""
    from odoo.addons.hr_mentoring.models.skill_portrait import portrait_rows, render_svg

    goals = env["hr.mentoring.goal"].search([("pairing_id", "in", pairings.ids)])
    goals.read(["name", "measure", "target_label", "progress", "state", "objective_id"])
    rows = portrait_rows(env, pairings)
    return [render_svg(env, rows.get(pairing.id)) for pairing in pairings]


@hot_path("development", order=75, floors=FLOORS)
def measure(ctx):
    from odoo import SUPERUSER_ID

    env = ctx.env(user=SUPERUSER_ID, context={"lang": "en_US"})
    program = ctx.data.program.with_env(env)
    Pairing = env["hr.mentoring.pairing"]
    Programme = env["report.hr_mentoring.report_program"].with_user(ctx.data.coordinator)
    counts, programme = [], []
    for size in SIZES:
        pairings = Pairing.search(
            [("program_id", "=", program.id), ("state", "in", ("active", "done"))], limit=size, order="id"
        )

        def run(pairings=pairings):
            _prepare(env, program, pairings)
            env.flush_all()
            env.invalidate_all()
            start = env.cr.sql_log_count
            _progress_part(env, pairings)
            progress_queries = env.cr.sql_log_count - start
            env.invalidate_all()
            start = env.cr.sql_log_count
            Programme._mentoring_get_development_figures(program)
            return progress_queries, env.cr.sql_log_count - start

        ctx.runner.once(run)  # warm-up
        _elapsed, _queries, (progress_queries, programme_queries) = ctx.runner.once(run)
        counts.append((len(pairings), progress_queries))
        programme.append(programme_queries)
    ctx.extra["development_queries"] = {"progress": counts, "programme": max(programme)}
    _logger.info("development queries: progress report %s, programme report %s", counts, max(programme))


@measure.target(order=75)
def targets(by_name, extra):
    figures = extra.get("development_queries")
    if not figures:
        return
    (small, q_small), (large, q_large) = figures["progress"][0], figures["progress"][-1]
    yield Check(
        "development_progress",
        "progress report: goals and portraits cost no query per pairing",
        q_large - q_small <= TARGETS["portrait_growth"],
        f"{small:,} pairings: {q_small} queries; {large:,} pairings: {q_large} queries",
    )
    yield Check(
        "development_programme",
        f"programme report: goals by department and gap per skill <= {TARGETS['programme_queries']} queries",
        figures["programme"] <= TARGETS["programme_queries"],
        f"{figures['programme']} queries",
    )
