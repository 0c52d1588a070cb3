"""(f) The feedback survey's invitations: a programme of 50, then
500 mentees (with their mentors and department heads) invited by its
coordinator: one personal Survey answer per participant and its mail in the
recipient's language. Above the synchronous limit the mails go through the
scheduled action, measured here in the same run (one batch)."""

from common import open_places
from dataset import MENTOR_CAPACITY

from paths import Check, hot_path

# never one query per participant
TARGETS = {
    "survey_queries_per_participant": 1.0,
}

FLOORS = """\
- survey invitations: no floor; the answers are created in one `create`, the mails by
  `mail.template.send_mail_batch` in chunks of `mail.batch_size` (50).
"""

ADVICE = """\
**Survey invitations: queries.** What grows with the participants is Odoo's own batching: the
answers' question rows (`predefined_question_ids`, one row per question and answer) and the mails
are inserted by the ORM in batches, and `send_mail_batch` renders the template by chunks of
`mail.batch_size` (50) recipients. Nothing is paid per participant."""

SIZES = (50, 500)


@hot_path("survey", order=70, floors=FLOORS)
def measure(ctx):
    env, data, runner = ctx.env, ctx.data, ctx.runner
    coordinator_env, _program = ctx.as_coordinator()
    survey = env.ref("hr_mentoring.survey_pilot_feedback")
    for size in SIZES:
        mentees = data.free[:size]
        mentors = data.mentors
        if not mentees or not mentors:
            continue
        per_mentor = -(-len(mentees) // len(mentors))
        with runner.scenario():
            open_places(env, mentors, MENTOR_CAPACITY + per_mentor + 1)
            env["hr.employee"].browse(mentors.ids).invalidate_recordset()
            program = env["hr.mentoring.program"].create(
                {"name": f"Survey Bench {size}", "company_id": data.program.company_id.id, "survey_id": survey.id}
            )
            env["hr.mentoring.pairing"].with_context(tracking_disable=True, mail_notrack=True).create(
                [
                    {
                        "program_id": program.id,
                        "mentee_id": mentee.id,
                        "mentor_id": mentors[i % len(mentors)].id,
                        "state": "proposed",
                    }
                    for i, mentee in enumerate(mentees)
                ]
            )
            participants = len(program._mentoring_participants()[program.id])
            bench_program = program.with_env(coordinator_env)

            def orm(bench_program=bench_program):
                bench_program.action_send_feedback_survey()
                coordinator_env["hr.mentoring.program"].sudo()._cron_send_survey_invitations(batch_size=10_000)
                coordinator_env.flush_all()
                return (
                    coordinator_env["survey.user_input"]
                    .sudo()
                    .search_count([("mentoring_program_id", "=", bench_program.id)])
                )

            samples, out = runner.compare(f"survey_{size}", orm, None)
        label = f"(f) feedback survey, {len(mentees)} mentees: {participants} participants invited"
        ctx.record(f"survey_{size}", label, participants, samples, unit_count=out["orm"])


@measure.target(order=70)
def targets(by_name, extra):
    for size in SIZES:
        r = by_name.get(f"survey_{size}")
        if r and r["n"]:
            per = max(r["orm_queries"]) / r["n"]
            yield Check(
                f"survey_{size}",
                f"survey invitations, {r['n']:,} participants: "
                f"<= {TARGETS['survey_queries_per_participant']} query per participant",
                per <= TARGETS["survey_queries_per_participant"],
                f"{max(r['orm_queries'])} queries ({per:.2f} per participant)",
                ADVICE,
            )
