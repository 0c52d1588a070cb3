"""(b) The selection wizard: one mentee scored against every available
mentor (300, then 1,000 candidates at scale 1), against the same scoring over
one SQL query."""

from datetime import date

from common import approve_mentors, open_places
from dataset import MENTOR_CAPACITY

from paths import Check, hot_path, query_check

# targets (never lowered here)
TARGETS = {
    "wizard_queries": 6,
    "wizard_1000_ms": 150.0,
}

FLOORS = """\
- selection wizard: the weights, the candidates with every figure (one query with `LATERAL` aggregates),
  the same score formula in Python, the wizard and all its lines inserted in two statements.
"""

# what to change, printed only while a target is missed
ADVICE = """\
**Selection wizard: queries.** 8 queries for any number of candidates (12 for 300 and 19 for 1,000
before): the wizard record's insert (1) and the access check that reads its mentee and programme (2), the
scoring (4: the candidates with the mentee, their departments' names, the programme's weights, and one
aggregate query for evaluations, both sides' choices and earlier pairings) and one insert for the 30 best
candidates listed (the others are counted). Reaching 6 would mean reading the candidates and their
departments in raw SQL, outside the record rules that keep a coordinator to their companies: not done."""

# the paths' names (and --profile's) are those of the full dataset's sizes
NAMES = ("wizard_300", "wizard_1000")

CANDIDATES_SQL = """
    SELECT e.id, e.department_id, e.mentor_capacity, e.mentor_available_capacity, e.mentor_training_date,
           e.mentor_evaluation_result, e.mentoring_joined_date, d.complete_name,
           res.avg_score, res.n, fb.avg_score, fb.n, pref.sides, hist.n
      FROM hr_employee e
      LEFT JOIN hr_department d ON d.id = e.department_id
      LEFT JOIN LATERAL (
          SELECT avg(score) AS avg_score, count(*) AS n FROM hr_mentoring_evaluation ev
           WHERE ev.mentor_id = e.id AND ev.subject = 'mentor' AND ev.state IN ('submitted', 'acknowledged')
             AND ev.kind <> 'mentee_on_mentor'
      ) res ON true
      LEFT JOIN LATERAL (
          SELECT avg(score) AS avg_score, count(*) AS n FROM hr_mentoring_evaluation ev
           WHERE ev.mentor_id = e.id AND ev.subject = 'mentor' AND ev.state IN ('submitted', 'acknowledged')
             AND ev.kind = 'mentee_on_mentor'
      ) fb ON true
      LEFT JOIN LATERAL (
          SELECT array_agg(chosen_by) AS sides FROM hr_mentoring_preference p
           WHERE p.mentor_id = e.id AND p.mentee_id = %(mentee)s
      ) pref ON true
      LEFT JOIN LATERAL (
          SELECT count(*) AS n FROM hr_mentoring_pairing p
           WHERE p.mentor_id = e.id AND p.mentee_id = %(mentee)s AND p.state IN ('done', 'active')
      ) hist ON true
     WHERE (e.mentor_state = 'approved' AND e.active AND e.company_id = %(company)s
            AND e.mentor_available_capacity > 0 AND e.id <> %(mentee)s)
"""


def _floor_scores(rows, mentee_department, weights, today):
    """The score of each candidate row, the same formula as the ORM's."""
    total = sum(weights.values()) or 1.0
    scored = []
    for (
        mentor_id,
        department_id,
        capacity,
        left,
        training,
        selection,
        joined,
        department_name,
        result,
        _n_results,
        feedback,
        _n_feedback,
        sides,
        history,
    ) in rows:
        parts = {
            "capacity": left / capacity if capacity else 0.0,
            "evaluation": (result / 100.0) if result is not None else (selection / 100.0 if selection else 0.5),
            "feedback": feedback / 100.0 if feedback is not None else 0.5,
            "training": 1.0 if training else 0.0,
            "tenure": min(max((today - joined).days / 365.25, 0.0) / 5.0, 1.0) if joined else 0.0,
            "department": 1.0 if department_id and department_id == mentee_department else 0.0,
            "history": 1.0 if history else 0.0,
        }
        chosen = set(sides or ())
        parts["preference"] = (
            1.0 if chosen == {"mentee", "mentor"} else 0.6 if "mentee" in chosen else 0.4 if "mentor" in chosen else 0.0
        )
        reasons = f"{left} of {capacity} places free\nFrom {department_name}"
        score = round(100.0 * sum(weights[k] * parts[k] for k in weights) / total, 1)
        scored.append((mentor_id, score, reasons))
    return scored


def _max_candidates():
    from odoo.addons.hr_mentoring.wizards.hr_mentoring_mentor_selection_wizard import MAX_CANDIDATES

    return MAX_CANDIDATES


def floor_wizard(env, program, mentee):
    cr = env.cr
    cr.execute(
        """
        SELECT p.weight_capacity, p.weight_department, p.weight_evaluation, p.weight_feedback, p.weight_training,
               p.weight_tenure, p.weight_preference, p.weight_history, p.company_id, m.department_id
          FROM hr_mentoring_program p, hr_employee m WHERE p.id = %s AND m.id = %s
        """,
        [program.id, mentee.id],
    )
    *w, company_id, mentee_department = cr.fetchone()
    weights = dict(
        zip(
            ("capacity", "department", "evaluation", "feedback", "training", "tenure", "preference", "history"),
            w,
            strict=True,
        )
    )
    cr.execute(CANDIDATES_SQL, {"mentee": mentee.id, "company": company_id})
    ranked = sorted(_floor_scores(cr.fetchall(), mentee_department, weights, date.today()), key=lambda s: (-s[1], s[0]))
    scored = ranked[: _max_candidates()]  # the wizard lists the best ones
    cr.execute(
        """INSERT INTO hr_mentoring_mentor_selection_wizard (mentee_id, program_id, relationship_type, date_start,
                  create_uid, write_uid, create_date, write_date)
           VALUES (%s, %s, 'mentoring', current_date, %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
           RETURNING id""",
        [mentee.id, program.id, env.uid, env.uid],
    )
    wizard_id = cr.fetchone()[0]
    cr.execute(
        """INSERT INTO hr_mentoring_mentor_selection_wizard_line (wizard_id, rank, mentor_id, score, reasons, selected,
                  create_uid, write_uid, create_date, write_date)
           SELECT %s, r, m, s, t, r = 1, %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
             FROM unnest(%s::int[], %s::int[], %s::float[], %s::text[]) AS x(r, m, s, t)""",
        [
            wizard_id,
            env.uid,
            env.uid,
            list(range(1, len(scored) + 1)),
            [s[0] for s in scored],
            [s[1] for s in scored],
            [s[2] for s in scored],
        ],
    )
    return len(ranked)


@hot_path("wizard", order=20, floors=FLOORS)
def measure(ctx):
    env, data, sizes, runner = ctx.env, ctx.data, ctx.sizes, ctx.runner
    coordinator_env, program = ctx.as_coordinator()
    Wizard = coordinator_env["hr.mentoring.mentor.selection.wizard"]
    mentee = data.free[0].with_env(coordinator_env)
    # the candidates: mentors with a free place (the first ones), then more approved from free employees
    n_mentors = min(sizes.wizard_candidates[0], len(data.mentors))
    n_extra = sizes.wizard_candidates[-1] - n_mentors
    extra = data.free[sizes.wizard_offset : sizes.wizard_offset + n_extra]

    def orm():
        wizard = Wizard.create({"mentee_id": mentee.id, "program_id": program.id})
        coordinator_env.flush_all()
        assert len(wizard.line_ids) == min(_max_candidates(), wizard.candidate_count)
        return wizard.candidate_count

    for name, n_candidates in zip(NAMES, sizes.wizard_candidates, strict=True):
        with runner.scenario():
            open_places(env, data.mentors[:n_mentors], MENTOR_CAPACITY + 1)
            if n_candidates > n_mentors:
                approve_mentors(env, extra[: n_candidates - n_mentors], MENTOR_CAPACITY)
            samples, out = runner.compare(name, orm, lambda: floor_wizard(coordinator_env, program, mentee))
        assert out["orm"] == out["floor"] == n_candidates, out
        ctx.record(name, f"(b) selection wizard, 1 mentee x {n_candidates} candidates", n_candidates, samples)


@measure.target(order=20)
def targets(by_name, extra):
    for name in NAMES:
        r = by_name.get(name)
        if r:
            yield query_check(name, f"selection wizard, {r['n']:,} candidates", r, TARGETS["wizard_queries"], ADVICE)
            if name == NAMES[-1]:
                yield Check(
                    "wizard_time",
                    f"selection wizard, {r['n']:,} candidates: <= {TARGETS['wizard_1000_ms']:.0f} ms",
                    1000 * r["orm_seconds"] <= TARGETS["wizard_1000_ms"],
                    f"{1000 * r['orm_seconds']:.0f} ms (median; runs: "
                    + ", ".join(f"{1000 * t:.0f}" for t in r["orm_all"])
                    + ")",
                    ADVICE,
                )
