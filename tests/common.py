import logging
from contextlib import contextmanager
from datetime import date, datetime
from types import SimpleNamespace

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user

_logger = logging.getLogger(__name__)

COORDINATOR = "hr_mentoring.group_mentoring_coordinator"
# the Monday the fixtures' pairings start on, their plans counted from it
MONDAY = date(2026, 3, 2)
# A pinned query count is what a path costs with this module alone. Where other
# apps installed beside it (Time Off, Skills, Project, ...), demo data or an
# upgraded database add to what the path reads (fields and rules on employees,
# users and messages), its limit is that count plus this margin, as core pins a
# count at the widest install it runs on ("crm 1160 / com 1165" in crm's
# test_performances).
QUERY_MARGIN = 3


def today_of(user):
    """Today for ``user``: the day the server dates their writes with and
    their lists' "today" (``fields.Date.context_today`` in their time zone).
    A test compares with the today of who acts, never with ``date.today()``
    or the test runner's: the runner is OdooBot, whose time zone the demo
    data sets to Brussels, a day ahead of the fixtures' UTC users from 23:00
    UTC (22:00 in summer)."""
    return fields.Date.context_today(user.with_user(user))


class MentoringCase(TransactionCase):
    """A small company with every role of the method.

    Departments: Sales (X, head Hanna) with its sub-department Key Accounts,
    and Support (Y, head Yusuf). Mentors Maria (Sales, capacity 2) and Marc
    (Support). Mentees Xavier (Key Accounts, so in X) and Yara (Support).
    Also an employee in no programme, an HR officer who is not a coordinator,
    and a user of another company.

    A class that sets ``PLAN_TEMPLATE`` (the arguments of ``_plan_template``:
    a name, then the lines) has that plan template as ``cls.template``, the one
    ``_create_plan`` uses by default.
    """

    PLAN_TEMPLATE = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True, no_reset_password=True)
        )
        cls.company = cls.env.company
        cls.company.write({"mentor_default_capacity": 4, "mentoring_set_coach": False})
        # a plain Monday-to-Friday 8-hour week in UTC, so that dates are exact
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Mentoring 40h",
                "tz": "UTC",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {"name": f"Day {d} {p}", "dayofweek": str(d), "hour_from": h0, "hour_to": h1, "day_period": p},
                    )
                    for d in range(5)
                    for h0, h1, p in ((8, 12, "morning"), (13, 17, "afternoon"))
                ],
            }
        )
        cls.company.resource_calendar_id = cls.calendar

        cls.user_coordinator = cls._user("cora", f"base.group_user,{COORDINATOR}")
        cls.user_head_x = cls._user("hanna")
        cls.user_head_y = cls._user("yusuf")
        cls.user_mentor = cls._user("maria")
        cls.user_mentor_y = cls._user("marc")
        cls.user_mentee_x = cls._user("xavier")
        cls.user_mentee_y = cls._user("yara")
        cls.user_outsider = cls._user("otto")
        cls.user_hr_officer = cls._user("hilda", "base.group_user,hr.group_hr_user")
        cls.other_company = cls.env["res.company"].create({"name": "Other Company", "resource_calendar_id": False})
        cls.other_company.resource_calendar_id = cls.calendar.copy({"company_id": cls.other_company.id})
        cls.user_other_company = cls._user("olga", f"base.group_user,{COORDINATOR}", company=cls.other_company)

        Employee = cls.env["hr.employee"].with_context(tracking_disable=True)

        def employee(name, usr=None, department=None, company=None, **vals):
            return Employee.create(
                {
                    "name": name,
                    "user_id": usr.id if usr else False,
                    "department_id": department.id if department else False,
                    "company_id": (company or cls.company).id,
                    "resource_calendar_id": cls.calendar.id,
                    "tz": "UTC",
                    **vals,
                }
            )

        cls.emp_coordinator = employee("Cora", cls.user_coordinator)
        cls.emp_head_x = employee("Hanna", cls.user_head_x)
        cls.emp_head_y = employee("Yusuf", cls.user_head_y)
        Department = cls.env["hr.department"]
        cls.dept_x = Department.create({"name": "Sales", "manager_id": cls.emp_head_x.id})
        cls.dept_x_sub = Department.create({"name": "Key Accounts", "parent_id": cls.dept_x.id})
        cls.dept_y = Department.create({"name": "Support", "manager_id": cls.emp_head_y.id})
        cls.emp_head_x.department_id = cls.dept_x
        cls.emp_head_y.department_id = cls.dept_y
        cls.mentor = employee(
            "Maria",
            cls.user_mentor,
            cls.dept_x,
            mentor_state="approved",
            mentor_capacity=2,
            mentoring_joined_date=date(2018, 1, 1),
        )
        cls.mentor_y = employee("Marc", cls.user_mentor_y, cls.dept_y, mentor_state="approved")
        cls.mentee_x = employee("Xavier", cls.user_mentee_x, cls.dept_x_sub)
        cls.mentee_y = employee("Yara", cls.user_mentee_y, cls.dept_y)
        cls.emp_outsider = employee("Otto", cls.user_outsider, cls.dept_y)
        cls.emp_hr_officer = employee("Hilda", cls.user_hr_officer)
        cls.emp_other_company = employee("Olga", cls.user_other_company, company=cls.other_company)
        # every user of the fixtures but the coordinator of this company
        cls.users_not_coordinator = (
            cls.user_head_x,
            cls.user_mentor,
            cls.user_mentee_x,
            cls.user_outsider,
            cls.user_hr_officer,
            cls.user_other_company,
        )

        cls.program = cls.env["hr.mentoring.program"].create(
            {
                "name": "New Client Managers",
                "coordinator_id": cls.user_coordinator.id,
                "state": "running",
                "date_start": date(2026, 1, 1),
                "plan_template_id": cls.env.ref("hr_mentoring.plan_template_adaptation").id,
                "scale_id": cls.env.ref("hr_mentoring.scale_behaviour").id,
            }
        )
        cls.program_2 = cls.env["hr.mentoring.program"].create(
            {
                "name": "Leadership",
                "coordinator_id": cls.user_coordinator.id,
                "state": "running",
                "date_start": date(2026, 1, 1),
            }
        )
        if cls.PLAN_TEMPLATE:
            cls.template = cls._plan_template(*cls.PLAN_TEMPLATE)

    @contextmanager
    def assertRaisesRegex(self, exception, regex):
        """Odoo's assertRaises rolls back to a savepoint; unittest's
        assertRaisesRegex does not: use the former and check the message."""
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)

    @contextmanager
    def countQueries(self):
        """Count the SQL queries of the ``with`` block: the writes pending
        before it are flushed first (they are not the block's), those it
        leaves are flushed and counted. Unlike ``assertQueryCount``, the
        transaction's pre-commit hooks are left to the commit, as in a request.

        ``with self.countQueries() as queries: ...``, then ``queries.count``.
        """
        self.env.flush_all()
        queries = SimpleNamespace(count=None)
        start = self.env.cr.sql_log_count
        yield queries
        self.env.flush_all()
        queries.count = self.env.cr.sql_log_count - start

    def assertQueriesWithin(self, count, limit, msg=None):
        """``count`` queries are at most ``limit``; the count goes to the log."""
        _logger.info("%s: %s queries (at most %s)", self.id(), count, limit)
        self.assertLessEqual(count, limit, msg)

    def assertRefused(self, users, *calls):
        """Each of ``users`` is refused each of ``calls`` (called with the
        user) with an AccessError; then the cache is dropped, so that what the
        test reads next is what the refused calls left in the database."""
        for user in users:
            for call in calls:
                with self.subTest(user=user.login), self.assertRaises(AccessError):
                    call(user)
        self.env.invalidate_all()

    @classmethod
    def _user(cls, name, groups="base.group_user", company=None, **vals):
        """A user of ``company`` (by default the test company) in ``groups``,
        in UTC, named ``name`` capitalized. The login is ``mentoring_test_<name>``,
        one of its own: the demo data's users are cora, hanna, maria, ..."""
        company = company or cls.company
        return new_test_user(
            cls.env,
            login=f"mentoring_test_{name}",
            groups=groups,
            name=name.capitalize(),
            company_id=company.id,
            **{"company_ids": [Command.set(company.ids)], "tz": "UTC", **vals},
        )

    @classmethod
    def _pairing(cls, mentee, mentor=None, state="active", program=None, **vals):
        return cls.env["hr.mentoring.pairing"].create(
            {
                "program_id": (program or cls.program).id,
                "mentor_id": (mentor or cls.mentor).id,
                "mentee_id": mentee.id,
                "date_start": vals.pop("date_start", MONDAY),
                "state": state,
                **vals,
            }
        )

    def _activities(self, records, activity_type=None):
        """The activities on ``records``; only those of ``activity_type`` (a
        record or its xmlid) when given."""
        domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        if activity_type:
            if isinstance(activity_type, str):
                activity_type = self.env.ref(activity_type)
            domain.append(("activity_type_id", "=", activity_type.id))
        return self.env["mail.activity"].search(domain)

    @classmethod
    def _create_event(cls, pairing, name, event_type, date_due, **vals):
        """An event of ``pairing``'s plan, created as superuser."""
        return cls.env["hr.mentoring.event"].create(
            {"pairing_id": pairing.id, "name": name, "event_type": event_type, "date_due": date_due, **vals}
        )

    @classmethod
    def _pairings_x_y(cls):
        """Xavier's pairing with Maria and Yara's with Marc, both active."""
        return cls._pairing(cls.mentee_x), cls._pairing(cls.mentee_y, mentor=cls.mentor_y)

    @classmethod
    def _create_plan(cls, pairing, template=None):
        """The plan of ``pairing`` made by the plan wizard (as superuser) from
        ``template``, by default the class's ``template``."""
        cls.env["hr.mentoring.plan.wizard"].create(
            {"pairing_id": pairing.id, "template_id": (template or cls.template).id}
        ).action_create_plan()
        return pairing.event_ids

    @classmethod
    def _planned_pairing(cls, mentee, mentor=None, template=None, **vals):
        """A pairing of ``mentee`` (see ``_pairing``) with its plan (``_create_plan``)."""
        pairing = cls._pairing(mentee, mentor=mentor, **vals)
        cls._create_plan(pairing, template)
        return pairing

    @classmethod
    def _employee(cls, name, **vals):
        return cls.env["hr.employee"].create(
            {"name": name, "resource_calendar_id": cls.calendar.id, "tz": "UTC", **vals}
        )

    @classmethod
    def _plan_template(cls, name, *lines):
        """A plan template of ``lines``: ``(name, event_type, day_offset)``,
        and a dict of the line's other values as a fourth item if any."""
        return cls.env["hr.mentoring.plan.template"].create(
            {
                "name": name,
                "line_ids": [
                    Command.create({"name": line, "event_type": kind, "day_offset": day, **(more[0] if more else {})})
                    for line, kind, day, *more in lines
                ],
            }
        )

    @classmethod
    def _calendar(cls, name, days, hour_to):
        """A UTC calendar working ``days`` (0 is Monday) from 8:00 to ``hour_to``."""
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {d}",
                            "dayofweek": str(d),
                            "hour_from": 8,
                            "hour_to": hour_to,
                            "day_period": "morning",
                        }
                    )
                    for d in days
                ],
            }
        )


class TimeOffCase(MentoringCase):
    """Xavier's pairing with Maria from Monday 2 March 2026, whose plan
    follows time off. March 2026: Monday 9, Tuesday 10, ... Friday 13, Monday 16."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing = cls._pairing(cls.mentee_x, date_start=MONDAY)

    def _event(self, day, name="Feedback on the 3rd working day", pairing=None, state="planned"):
        event = self.env["hr.mentoring.event"].create(
            {"pairing_id": (pairing or self.pairing).id, "name": name, "event_type": "feedback", "date_due": day}
        )
        if state == "done":
            event.write({"state": "done", "date_done": day})
        return event

    def _leave(self, employee, first, last, user=None, **vals):
        """A leave row of ``employee`` (none: a public holiday) from the day
        ``first`` to the end of the day ``last``, created as ``user`` (by
        default as superuser), as an RPC client would."""
        Leaves = self.env["resource.calendar.leaves"]
        return (Leaves.with_user(user) if user else Leaves).create(
            {
                "name": "Time off",
                "resource_id": employee.resource_id.id if employee else False,
                "date_from": datetime.combine(first, datetime.min.time()),
                "date_to": datetime(last.year, last.month, last.day, 23, 59, 59),
                **vals,
            }
        )

    def _time_off_request(self, first, last):
        """Xavier's Time Off request (hr_holidays) from ``first`` to ``last``,
        waiting for HR's approval; the test is skipped without hr_holidays,
        which is no dependency of the module."""
        if "hr.leave" not in self.env:
            self.skipTest("needs Time Off (hr_holidays), which is not installed")
        leave_type = self.env["hr.leave.type"].create(
            {"name": "Paid", "requires_allocation": "no", "leave_validation_type": "hr", "request_unit": "day"}
        )
        return (
            self.env["hr.leave"]
            .with_context(leave_skip_state_check=True)
            .create(
                {
                    "name": "Holiday",
                    "employee_id": self.mentee_x.id,
                    "holiday_status_id": leave_type.id,
                    "request_date_from": first,
                    "request_date_to": last,
                }
            )
        )

    def _notes(self, pairing):
        return " ".join(pairing.message_ids.mapped("body"))


def repeating(count, interval=1, unit="working_days"):
    """A plan template line's repetition: ``count`` more times every ``interval`` ``unit``."""
    return {"repeat_count": count, "repeat_interval": interval, "repeat_unit": unit}


def set_aside_other_mentors(case):
    """A database with demo data has approved mentors of its own, in the same
    company: they take no new mentee in these tests (their capacity is their
    current load), so that only the fixtures' mentors are ranked and matched."""
    others = case.env["hr.employee"].search(
        [
            ("mentor_state", "=", "approved"),
            ("company_id", "=", case.company.id),
            ("id", "not in", (case.mentor | case.mentor_y).ids),
        ]
    )
    for mentor in others:
        mentor.mentor_capacity -= mentor.mentor_available_capacity
