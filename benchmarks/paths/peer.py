"""(p) A peer figure: the plan wizard against Odoo's own activity plan.

In the same run, alternately: the plan wizard, as the programme's coordinator,
creating the 24 events of a 24-line template for one pairing (the mentee's
working days, the events, their activities and the pairing's note), and Odoo's
``mail.activity.plan`` of 24 steps launched by the same coordinator on one
employee through the ``mail.activity.schedule`` wizard (as hr's onboarding
plans are: 24 activities and the employee's note). Our plan does more, and is
held within 2x of Odoo's, in time and in queries."""

from datetime import date

from common import open_places
from dataset import MENTOR_CAPACITY

from paths import Check, hot_path

STEPS = 24
# the plan wizard within this factor of Odoo's activity plan
TARGETS = {"ratio": 2.0}

FLOORS = """\
- peer: no SQL floor; the peer is Odoo 18's own `mail.activity.plan` of 24 steps (to-dos and calls, a
  default user or the user asked at launch, days after the plan date) launched on one employee through
  `mail.activity.schedule`, run alternately with the plan wizard in the same savepoints.
"""

# (event type, evaluation kind) of the template's lines, in turn
EVENT_TYPES = (
    ("milestone", False),
    ("feedback", False),
    ("planned_discussion", False),
    ("situational_discussion", False),
    ("training", False),
    ("evaluation", "mentor_on_mentee"),
)
PHASES = ("adaptation", "training", "workplace_coaching")


def _our_template(env):
    return env["hr.mentoring.plan.template"].create(
        {
            "name": "Benchmark: 24 events",
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"Step {i + 1:02d}",
                        "sequence": 10 * (i + 1),
                        "event_type": EVENT_TYPES[i % len(EVENT_TYPES)][0],
                        "evaluation_kind": EVENT_TYPES[i % len(EVENT_TYPES)][1],
                        "phase": PHASES[i * len(PHASES) // STEPS],
                        "day_offset": 1 + 3 * i,  # working days 1 to 70
                        "responsible_role": "mentor",
                        "instructions": f"<p>What to do at step {i + 1}.</p>",
                    },
                )
                for i in range(STEPS)
            ],
        }
    )


def _odoo_plan(env, user):
    todo = env.ref("mail.mail_activity_data_todo")
    call = env.ref("mail.mail_activity_data_call")
    return env["mail.activity.plan"].create(
        {
            "name": "Benchmark: 24-step onboarding",
            "res_model": "hr.employee",
            "company_id": False,
            "template_ids": [
                (
                    0,
                    0,
                    {
                        "sequence": 10 * (i + 1),
                        "summary": f"Step {i + 1:02d}",
                        "activity_type_id": (todo if i % 2 else call).id,
                        "responsible_type": "other" if i % 3 else "on_demand",
                        "responsible_id": user.id if i % 3 else False,
                        "delay_count": 1 + 4 * i,  # calendar days 1 to 93, about working days 1 to 70
                        "delay_unit": "days",
                        "delay_from": "after_plan_date",
                        "note": f"<p>What to do at step {i + 1}.</p>",
                    },
                )
                for i in range(STEPS)
            ],
        }
    )


@hot_path("peer", order=75, floors=FLOORS)
def measure(ctx):
    env, data, runner = ctx.env, ctx.data, ctx.runner
    coordinator_env, _program = ctx.as_coordinator()
    today = date.today()
    employee = data.free[0]
    with runner.scenario():
        # a new pairing, without a plan yet, of the coordinator's programme (in the scenario only)
        # both post a note as the coordinator, who needs an address for it
        data.coordinator.partner_id.email = "bench.coordinator.001@example.com"
        open_places(env, data.mentors[:1], MENTOR_CAPACITY + 1)
        pairing = env["hr.mentoring.pairing"].create(
            {
                "program_id": data.program.id,
                "mentor_id": data.mentors[0].id,
                "mentee_id": employee.id,
                "date_start": today,
                "state": "active",
            }
        )
        template = _our_template(env)
        plan = _odoo_plan(env, data.coordinator)
        Wizard = coordinator_env["hr.mentoring.plan.wizard"]
        # as the employee form's "Launch Plan" opens it
        Schedule = coordinator_env["mail.activity.schedule"].with_context(
            active_model="hr.employee", active_id=employee.id, active_ids=employee.ids
        )

        def ours():
            wizard = Wizard.create({"pairing_id": pairing.id, "template_id": template.id, "date_start": today})
            wizard.action_create_plan()
            coordinator_env.flush_all()

        def odoo():
            schedule = Schedule.create({"plan_id": plan.id, "plan_date": today})
            assert schedule._get_applied_on_records() == employee
            schedule.action_schedule_plan()
            coordinator_env.flush_all()

        def counted(fn, model, res_ids):
            # what a run leaves behind, checked once outside the timed runs
            def run():
                fn()
                Activity = env["mail.activity"]
                return Activity.search_count([("res_model", "=", model), ("res_id", "in", res_ids())])

            return run

        _t, _q, our_activities = runner.once(
            counted(ours, "hr.mentoring.event", lambda: pairing.with_env(env).event_ids.ids)
        )
        _t, _q, odoo_activities = runner.once(counted(odoo, "hr.employee", lambda: employee.ids))
        assert our_activities == odoo_activities == STEPS, (our_activities, odoo_activities)
        samples, _out = runner.compare("peer", ours, odoo)
    ctx.record("peer_plan", f"(p) plan wizard, {STEPS} events and activities", STEPS, {"orm": samples["orm"]})
    label = f"(p) Odoo's mail.activity.plan, {STEPS} steps on an employee"
    ctx.record("peer_odoo", label, STEPS, {"orm": samples["floor"]})


@measure.target(order=75)
def targets(by_name, extra):
    ours, odoo = by_name.get("peer_plan"), by_name.get("peer_odoo")
    if ours and odoo:
        time_ratio = ours["orm_seconds"] / odoo["orm_seconds"]
        query_ratio = max(ours["orm_queries"]) / max(odoo["orm_queries"])
        yield Check(
            "peer_ratio",
            f"plan wizard within {TARGETS['ratio']:.0f}x of Odoo's activity plan (time and queries)",
            time_ratio <= TARGETS["ratio"] and query_ratio <= TARGETS["ratio"],
            f"time {time_ratio:.2f}x ({1000 * ours['orm_seconds']:.0f} / {1000 * odoo['orm_seconds']:.0f} ms), "
            f"queries {query_ratio:.2f}x ({max(ours['orm_queries'])} / {max(odoo['orm_queries'])})",
        )
