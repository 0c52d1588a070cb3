"""(g) The information campaign: a coordinator launches the
campaign of a programme of 50, then 500 participants. At 50 the announcement
is sent at once (one mail template batch per programme, each recipient in
their language); at 500 the launch triggers the scheduled action, which sends
batches of 100 - both are measured, the launch alone and the launch with every
batch of the scheduled action. No SQL floor: the cost is Odoo's mail
rendering, the path checks that the queries do not grow with the participants."""

from paths import Check, hot_path

# participants of each programme measured (mentees; mentors and the head come on top)
SIZES = (50, 500)
# queries per 100 participants that the launch may add (the ORM's inserts by batches of 100)
TARGETS = {"queries_per_100": 15}

FLOORS = """\
- campaign: no SQL floor (the cost is the mail template's rendering); the target is a query count that
  does not grow with the participants.
"""


def _programme(env, data, mentees):
    """A programme of ``mentees`` mentees, a mentor for every four, one department and its head."""
    Employee = env["hr.employee"]
    company = data.program.company_id
    head = Employee.create({"name": f"Bench Campaign Head {mentees}", "company_id": company.id})
    department = env["hr.department"].create(
        {"name": f"Bench Campaign {mentees}", "manager_id": head.id, "company_id": company.id}
    )
    mentors = Employee.create(
        [
            {
                "name": f"Bench Campaign Mentor {mentees}-{i}",
                "mentor_state": "approved",
                "mentor_capacity": 4,
                "company_id": company.id,
            }
            for i in range(-(-mentees // 4))
        ]
    )
    people = Employee.create(
        [
            {"name": f"Bench Campaign Mentee {mentees}-{i}", "department_id": department.id, "company_id": company.id}
            for i in range(mentees)
        ]
    )
    program = env["hr.mentoring.program"].create(
        {"name": f"Bench Campaign {mentees}", "coordinator_id": data.coordinator.id, "company_id": company.id}
    )
    env["hr.mentoring.pairing"].with_context(tracking_disable=True).create(
        [
            {"program_id": program.id, "mentor_id": mentors[i // 4].id, "mentee_id": mentee.id, "state": "proposed"}
            for i, mentee in enumerate(people)
        ]
    )
    regulation = env["ir.attachment"].create(
        {"name": "Regulations.pdf", "raw": b"%PDF regulations", "res_model": program._name, "res_id": program.id}
    )
    program.regulation_ids = regulation
    env.flush_all()
    return program


@hot_path("campaign", order=70, floors=FLOORS)
def measure(ctx):
    env, runner = ctx.env, ctx.runner
    coordinator_env, _program = ctx.as_coordinator()
    Ack = env["hr.mentoring.program.acknowledgement"]
    for size in SIZES:
        with runner.scenario():
            program = _programme(env, ctx.data, size)
            participants = len(program._mentoring_participants()[program.id])

            def launch(program=program):
                program.with_env(coordinator_env).action_launch_campaign()
                coordinator_env.flush_all()
                return len(program.acknowledgement_ids)

            def launch_and_send(launch=launch):
                count = launch()
                while Ack._cron_send_campaign():
                    env.flush_all()
                return count

            samples, out = runner.compare(f"campaign_{size}", launch, None)
            assert out["orm"] == participants, (out, participants)
            ctx.record(f"campaign_{size}", f"(g) campaign launch, {size} mentees", participants, samples)
            if participants > 100:
                samples, out = runner.compare(f"campaign_{size}_sent", launch_and_send, None)
                label = f"(g) campaign launch and every cron batch, {size} mentees"
                ctx.record(f"campaign_{size}_sent", label, participants, samples)


@measure.target(order=70)
def targets(by_name, extra):
    small, large = (by_name.get(f"campaign_{size}") for size in SIZES)
    if small and large:
        q_small, q_large = small["orm_queries"][-1], large["orm_queries"][-1]
        yield Check(
            "campaign",
            "campaign launch: queries do not grow with the participants",
            q_large <= q_small + TARGETS["queries_per_100"] * (large["n"] - small["n"]) / 100,
            f"{small['n']} participants: {q_small} queries ({small['orm_seconds']:.2f} s); "
            f"{large['n']}: {q_large} queries ({large['orm_seconds']:.2f} s, the sending queued to the cron)",
        )
