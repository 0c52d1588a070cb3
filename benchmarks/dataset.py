"""The dataset the hot paths run on: its sizes, its build (people through the
ORM, then the bulk rows in SQL: ``dataset_sql``) and the records each path
starts from.

``--scale`` shrinks it for a smoke run: the number of mentors is scaled and
everything else follows from it (pairings fill the mentors' places, 83 or 84
events per pairing, the cron batch, the wizard's and the cohort's sizes), so
each hot path does the same work on a smaller set. The departments, the
coordinators and the programmes keep their numbers. At scale 1 every size is
the one below.

A scale above 1 (``make bench SCALE=10``: 50,000 employees, 12,000 pairings,
1,000,000 events, 400,000 ratings) grows the data, not the work: the cron
batch, the selection wizard's candidates and the list page keep their scale-1
sizes, so a query count or a per-record time that grows shows the data's
weight. The cohort grows to 1,000 mentees x 600 mentors, and the
programme's exports grow with the programme (100,000 events at 10x).
"""

import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import date, timedelta

import dataset_sql

_logger = logging.getLogger("hr_mentoring.bench")

DATASET_VERSION = 3
DATASET_PARAM = "hr_mentoring.bench_dataset"

# the dataset's size (at scale 1)
N_EMPLOYEES = 5000
N_DEPARTMENTS = 60  # 6 divisions of 9 sub-departments each, plus the 6 divisions
N_DIVISIONS = 6
N_COORDINATORS = 5
N_PROGRAMS = 10
N_MENTORS = 300
MENTOR_CAPACITY = 4
N_PAIRINGS = 1200  # all active: 300 mentors x 4 places, full
N_EVENTS = 100_000
N_PAST_DUE_PLANNED = 20_000  # past due and not flagged yet
N_MISSED = 5000  # flagged missed earlier
N_CANCELLED = 1000
EVALS_PER_PAIRING = 4  # mentor on mentee, 7 mentee criteria each: 33,600 ratings
MENTEE_CRITERIA = 7
N_MENTOR_EVALS = 800  # coordinator on mentor, 8 mentor criteria each: 6,400 ratings
MENTOR_EVAL_CRITERIA = 8
CHUNK = 500
MIN_MENTORS = 3  # the smallest scale at which every hot path still has work
MAX_SCALE = 10
COHORT_LARGE = (1000, 600)  # mentees x mentors matched above scale 1


@dataclass(frozen=True)
class Sizes:
    """Every size of the dataset and of the hot paths, at one scale."""

    scale: float
    mentors: int
    pairings: int
    employees: int
    events: int
    past_due_planned: int
    missed: int
    cancelled: int
    mentor_evals: int
    evaluation_lines: int
    cron_batch: int  # events flagged by one cron batch
    cron_growth: tuple  # the batch sizes whose query counts are compared
    wizard_candidates: tuple  # (all the mentors, more approved from free employees)
    wizard_offset: int  # where the extra mentors start among the free employees
    cohort_mentees: int
    cohort_mentors: int
    cohort_offset: int  # where the cohort's mentees start among the free employees

    @classmethod
    def at(cls, scale=1.0):
        if scale <= 0 or scale > MAX_SCALE:
            raise ValueError(f"--scale {scale}: expected a number in (0, {MAX_SCALE}]")
        mentors = round(N_MENTORS * scale)
        if mentors < MIN_MENTORS:
            raise ValueError(f"--scale {scale}: too small, at least {MIN_MENTORS / N_MENTORS:.2f}")
        # above scale 1 the hot paths keep their scale-1 work (the module docstring)
        work_mentors = min(mentors, N_MENTORS)

        def part(full):
            """``full`` (a size at scale 1) in proportion to the mentors."""
            return full * mentors // N_MENTORS

        def work(full):
            """``full`` (a hot path's size at scale 1), never above it."""
            return full * work_mentors // N_MENTORS

        cohort = COHORT_LARGE if scale > 1 else (work(300), work(200))

        pairings = mentors * MENTOR_CAPACITY
        mentor_evals = min(part(N_MENTOR_EVALS), pairings * 2 // 3)
        fixed = N_COORDINATORS + N_DEPARTMENTS  # the coordinators and the department heads
        return cls(
            scale=scale,
            mentors=mentors,
            pairings=pairings,
            employees=fixed + mentors + part(N_EMPLOYEES - fixed - N_MENTORS),
            events=part(N_EVENTS),
            past_due_planned=part(N_PAST_DUE_PLANNED),
            missed=part(N_MISSED),
            cancelled=part(N_CANCELLED),
            mentor_evals=mentor_evals,
            evaluation_lines=pairings * EVALS_PER_PAIRING * MENTEE_CRITERIA + mentor_evals * MENTOR_EVAL_CRITERIA,
            cron_batch=work(1000),
            cron_growth=(work(100), work(1000), work(2000)),
            wizard_candidates=(work_mentors, work(1000)),
            wizard_offset=work(100),
            cohort_mentees=cohort[0],
            cohort_mentors=cohort[1],
            cohort_offset=work(1000),
        )


def dataset_info(env):
    value = env["ir.config_parameter"].sudo().get_param(DATASET_PARAM)
    if not value:
        return None
    info = json.loads(value)
    return info if info.get("version") == DATASET_VERSION else None


def dataset_sizes(info):
    """The sizes of the dataset described by ``info`` (built before --scale: 1)."""
    return Sizes.at(info.get("scale", 1.0))


def build_dataset(env, sizes):
    """The dataset, made fast and kept consistent with the model's rules.

    People, departments, programmes and pairings go through the ORM (by
    batches, tracking and mail off): the constraints check them (mentor
    approved, capacity, one active pairing per mentee and programme, same
    company). The 100,000 plan events, their activities and followers, and the
    evaluations with their 40,000 ratings (at scale 1) are inserted with SQL
    (``INSERT ... SELECT`` over ``generate_series``), then every stored computed
    field that depends on them is recomputed by the ORM, and the copies made in
    SQL are checked against their sources.
    """
    started = time.perf_counter()
    cr = env.cr
    env = env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            no_reset_password=True,
        )
    )
    rng = random.Random(10)
    today = date.today()
    n_existing = env["hr.employee"].search_count([])  # the administrator's employee
    company = env.ref("base.main_company")
    company.write({"mentor_default_capacity": MENTOR_CAPACITY, "mentoring_set_coach": False})
    company.partner_id.tz = "UTC"
    calendar = company.resource_calendar_id
    Users = env["res.users"]
    Employee = env["hr.employee"]
    coordinator_group = env.ref("hr_mentoring.group_mentoring_coordinator")
    user_group = env.ref("base.group_user")

    def step(message):
        _logger.info("dataset: %s (%.0fs)", message, time.perf_counter() - started)

    def users(prefix, count, groups):
        return Users.create(
            [
                {
                    "name": f"{prefix.title()} {i + 1:03d}",
                    "login": f"bench.{prefix}.{i + 1:03d}",
                    "tz": "UTC",
                    "groups_id": [(6, 0, groups.ids)],
                }
                for i in range(count)
            ]
        )

    coordinator_users = users("coordinator", N_COORDINATORS, user_group | coordinator_group)
    head_users = users("head", N_DEPARTMENTS, user_group)
    mentor_users = users("mentor", sizes.mentors, user_group)
    step("users")

    def employees(vals_list):
        records = Employee.browse()
        for start in range(0, len(vals_list), CHUNK):
            records |= Employee.create(vals_list[start : start + CHUNK])
        return records

    base = {"resource_calendar_id": calendar.id, "tz": "UTC", "company_id": company.id}
    coordinators = employees([{**base, "name": u.name, "user_id": u.id} for u in coordinator_users])
    heads = employees([{**base, "name": u.name, "user_id": u.id} for u in head_users])
    Department = env["hr.department"]
    divisions = Department.create(
        [{"name": f"Division {chr(65 + i)}", "manager_id": heads[i].id} for i in range(N_DIVISIONS)]
    )
    per_division = (N_DEPARTMENTS - N_DIVISIONS) // N_DIVISIONS
    subs = Department.create(
        [
            {
                "name": f"Team {chr(65 + i)}{j + 1}",
                "parent_id": divisions[i].id,
                "manager_id": heads[N_DIVISIONS + i * per_division + j].id,
            }
            for i in range(N_DIVISIONS)
            for j in range(per_division)
        ]
    )
    departments = divisions | subs
    for head, department in zip(heads, departments, strict=True):
        head.department_id = department
    step("departments")

    methods = ["staff_evaluation", "training_results", "business_game", "analytical"]
    mentors = employees(
        [
            {
                **base,
                "name": u.name,
                "user_id": u.id,
                "department_id": subs[i % len(subs)].id,
                "mentor_state": "approved",
                "mentor_capacity": MENTOR_CAPACITY,
                "mentor_selection_method": methods[i % 4],
                "mentoring_joined_date": today - timedelta(days=365 + 17 * i),
                "mentor_training_date": today - timedelta(days=400 + i) if i % 2 == 0 else False,
                "mentor_evaluation_result": float(50 + i % 50) if i % 3 == 0 else 0.0,
            }
            for i, u in enumerate(mentor_users)
        ]
    )
    step("mentors")
    n_others = sizes.employees - len(coordinators) - len(heads) - len(mentors) - n_existing
    others = employees(
        [
            {
                **base,
                "name": f"Employee {i + 1:04d}",
                "department_id": subs[rng.randrange(len(subs))].id,
                "mentoring_joined_date": today - timedelta(days=rng.randrange(30, 3000)),
            }
            for i in range(n_others)
        ]
    )
    mentees = others[: sizes.pairings]
    # the coordinators and the administrator work at the head office
    Employee.search([("department_id", "not in", departments.ids)]).write({"department_id": divisions[0].id})
    step("employees")

    scale = env.ref("hr_mentoring.scale_behaviour")
    template = env.ref("hr_mentoring.plan_template_adaptation")
    programs = env["hr.mentoring.program"].create(
        [
            {
                "name": f"Programme {i + 1:02d}",
                "coordinator_id": coordinator_users[i % N_COORDINATORS].id,
                "state": "running",
                "date_start": today - timedelta(days=400),
                "plan_template_id": template.id,
                "scale_id": scale.id,
            }
            for i in range(N_PROGRAMS)
        ]
    )
    Pairing = env["hr.mentoring.pairing"]
    pairing_vals = [
        {
            "program_id": programs[p % N_PROGRAMS].id,
            "mentor_id": mentors[p // MENTOR_CAPACITY].id,
            "mentee_id": mentees[p].id,
            "date_start": today - timedelta(days=310 - p % 10),
            "phase": "training",
            "state": "active",
            "match_score": float(40 + p % 55),
        }
        for p in range(sizes.pairings)
    ]
    for start in range(0, sizes.pairings, 200):
        Pairing.create(pairing_vals[start : start + 200])
    env.flush_all()
    step("pairings")

    dataset_sql.insert_events(env, today, sizes)
    cr.execute("ANALYZE hr_mentoring_event")  # the statistics the next inserts plan with
    step("events")
    dataset_sql.insert_activities_and_followers(env)
    step("activities and followers")
    dataset_sql.insert_evaluations(env, sizes)
    cr.execute("ANALYZE hr_mentoring_evaluation_line")
    step("evaluations")

    # the stored computed fields that depend on the SQL rows, by the ORM
    env.invalidate_all()
    # (a pairing's plan figures are counted from its events when read: nothing to store)
    Evaluation = env["hr.mentoring.evaluation"]
    evaluations = Evaluation.search([])
    env.add_to_compute(Evaluation._fields["score"], evaluations)
    env.flush_all()
    env["res.users"]._cron_mentoring_sync_role_groups()
    env.flush_all()
    step("stored computed fields")
    dataset_sql.check_dataset(env, sizes)
    cr.execute("ANALYZE")
    info = {
        "version": DATASET_VERSION,
        "scale": sizes.scale,
        "built_on": today.isoformat(),
        "build_seconds": round(time.perf_counter() - started),
    }
    env["ir.config_parameter"].sudo().set_param(DATASET_PARAM, json.dumps(info))
    step("done")
    return info


class Data:
    """The records the hot paths start from."""

    def __init__(self, env):
        self.env = env
        Users = env["res.users"]
        self.coordinator = Users.search([("login", "=", "bench.coordinator.001")])
        self.program = env["hr.mentoring.program"].search([("name", "=", "Programme 01")])
        assert self.coordinator and self.program, "no dataset: run with --rebuild"
        Employee = env["hr.employee"]
        self.mentors = Employee.search([("mentor_state", "=", "approved")], order="id")
        paired = env["hr.mentoring.pairing"].search([]).mentee_id
        self.free = Employee.search(
            [("id", "not in", paired.ids), ("mentor_state", "=", "none"), ("user_id", "=", False)], order="id"
        )

    def counts(self):
        cr = self.env.cr
        queries = {
            "employees": "SELECT count(*) FROM hr_employee WHERE active",
            "departments with employees": (
                "SELECT count(DISTINCT department_id) FROM hr_employee WHERE active AND department_id IS NOT NULL"
            ),
            "approved mentors": "SELECT count(*) FROM hr_employee WHERE mentor_state = 'approved'",
            "pairings": "SELECT count(*) FROM hr_mentoring_pairing",
            "plan events": "SELECT count(*) FROM hr_mentoring_event",
            "events done": "SELECT count(*) FROM hr_mentoring_event WHERE state = 'done'",
            "past due, not flagged": (
                "SELECT count(*) FROM hr_mentoring_event WHERE state = 'planned' AND date_due < current_date"
            ),
            "evaluation lines": "SELECT count(*) FROM hr_mentoring_evaluation_line",
            "activities": "SELECT count(*) FROM mail_activity",
            "followers": "SELECT count(*) FROM mail_followers",
        }
        result = {}
        for name, query in queries.items():
            cr.execute(query)
            result[name] = cr.fetchone()[0]
        return result
