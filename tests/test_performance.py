"""Regression guards for the hot paths measured at scale by ``make bench``
(benchmarks/RESULTS.md): the number of queries of each path is the same at two
data sizes and stays under its limit.

Plan creation, the missed-events cron and the scoring of one mentee have their
own guards (test_plan, test_missed, test_selection).
"""

from datetime import date, timedelta

from lxml import etree

from odoo import Command
from odoo.tests import tagged

from .common import MentoringCase

# the pairing list page, as the web client reads it (at most 8). Measured 8:
# one more than when the plan figures were stored on the pairing, the grouped
# count of the page's events; stored, they made the scheduled actions and the
# users' sign-offs update the same pairing rows (test_concurrency)
LIST_QUERIES = 8
# the same page for a department head: their managed departments are looked
# up once per transaction (hr.department._mentoring_managed_departments);
# measured 8, the page's plan figures included as above
HEAD_LIST_QUERIES = 8
# the Excel export of a programme, whatever its size (24 at scale: a few models
# more to read than here, see benchmarks/RESULTS.md); measured 22 here, the
# pairings' plan figures counted from the events once per chunk of rows
XLSX_QUERIES = 24
# cohort matching: scoring every pair, then the optimal assignment; one more
# since the Mentoring administrators are left out (the record rule of res.users
# their subquery applies reads the user's company)
COHORT_QUERIES = 5


@tagged("post_install", "-at_install")
class TestPerformance(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.departments = cls.dept_x | cls.dept_x_sub | cls.dept_y
        cls.departments |= Department.create(
            [{"name": f"Team {i}", "parent_id": cls.dept_y.id, "manager_id": cls.emp_head_y.id} for i in range(3)]
        )
        # mentors with 4 places each, in every department
        cls.mentors = cls.env["hr.employee"].create(
            [
                {
                    "name": f"Mentor {i}",
                    "department_id": cls.departments[i % len(cls.departments)].id,
                    "mentor_state": "approved",
                    "mentor_capacity": 4,
                    "mentoring_joined_date": date(2015, 1, 1) + timedelta(days=97 * i),
                    "resource_calendar_id": cls.calendar.id,
                }
                for i in range(26)
            ]
        )
        cls.newcomers = cls.env["hr.employee"].create(
            [
                {
                    "name": f"Newcomer {i:03d}",
                    "department_id": cls.departments[i % len(cls.departments)].id,
                    "resource_calendar_id": cls.calendar.id,
                }
                for i in range(120)
            ]
        )

    def _count(self, fn):
        """Queries of ``fn()`` in a steady state: run once to fill the
        registry's caches (access rules, ...), then again from empty record
        caches (a new request), counting the writes it leaves to flush."""
        self.env.flush_all()  # the set-up's pending writes are not the path's
        self.env.invalidate_all()
        fn()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.countQueries() as queries:
            result = fn()
        return queries.count, result

    def _pairings(self, program, mentees, mentors, **vals):
        return self.env["hr.mentoring.pairing"].create(
            [
                {
                    "program_id": program.id,
                    "mentor_id": mentors[i // 4].id,
                    "mentee_id": mentee.id,
                    "date_start": date(2026, 3, 2) + timedelta(days=i % 20),
                    "state": "active",
                    "match_score": 50.0 + i % 40,
                    **vals,
                }
                for i, mentee in enumerate(mentees)
            ]
        )

    # ------------------------------------------------------------------
    # (c) the pairing list page
    # ------------------------------------------------------------------

    def _list_specification(self, Pairing):
        """What the web client asks for: every field of the list view the
        user may see, many2one fields with their display name."""
        views = Pairing.get_views([(False, "list")])
        arch = etree.fromstring(views["views"]["list"]["arch"])
        spec = {}
        for node in arch.iter("field"):
            field = Pairing._fields[node.get("name")]
            spec[field.name] = {"fields": {"display_name": {}}} if field.type == "many2one" else {}
        return spec

    def test_pairing_list_page(self):
        """One page of the pairing list costs the same few queries for 12 and
        for 100 pairings (a full page each time, so the count is read too)."""
        Pairing = self.env["hr.mentoring.pairing"].with_user(self.user_coordinator)
        spec = self._list_specification(Pairing)
        self.assertIn("missed_event_count", spec)
        self._pairings(self.program, self.newcomers[:12], self.mentors[:3])
        # the fixtures' programmes: a database with demo data holds pairings of its own
        domain = [("program_id", "in", (self.program | self.program_2).ids)]
        counts = []
        for size, page in ((12, 10), (100, 80)):
            pairings = Pairing.sudo().search(domain)
            if len(pairings) < size:
                self._pairings(self.program_2, self.newcomers[12 : 12 + size - len(pairings)], self.mentors[3:])
            count, result = self._count(
                lambda page=page: Pairing.web_search_read(
                    domain, spec, offset=0, limit=page, order="", count_limit=10001
                )
            )
            self.assertEqual((result["length"], len(result["records"])), (size, page))
            record = result["records"][0]
            self.assertTrue(record["mentee_id"]["display_name"] and record["program_id"]["display_name"])
            counts.append(count)
        self.assertEqual(counts[0], counts[1], f"queries of a list page for 12 and 100 pairings: {counts}")
        self.assertQueriesWithin(counts[1], LIST_QUERIES)

    def test_department_head_list_page(self):
        """The department head's list of their departments' pairings: the same
        queries for 12 and 60 pairings."""
        Pairing = self.env["hr.mentoring.pairing"].with_user(self.user_head_y)
        spec = self._list_specification(Pairing)
        domain = [("is_department_head", "=", True)]
        y_newcomers = self.newcomers.filtered(lambda e: e.department_id.parent_path.startswith(self.dept_y.parent_path))
        self._pairings(self.program, y_newcomers[:12], self.mentors[:3])
        counts = []
        for size, page in ((12, 10), (60, 40)):
            current = len(Pairing.search(domain))
            if current < size:
                self._pairings(self.program_2, y_newcomers[12 : 12 + size - current], self.mentors[3:])
            count, result = self._count(
                lambda page=page: Pairing.web_search_read(
                    domain, spec, offset=0, limit=page, order="", count_limit=10001
                )
            )
            self.assertEqual((result["length"], len(result["records"])), (size, page))
            counts.append(count)
        self.assertEqual(counts[0], counts[1], f"queries of a head's list page for 12 and 60 pairings: {counts}")
        self.assertQueriesWithin(counts[1], HEAD_LIST_QUERIES)
        # the head is left out of their own pairings by an indexed lookup of
        # their employees, not by reading every employee the head may see
        sql = Pairing._search(domain).select()
        self.assertNotIn("hr_employee_public", sql.code)

    # ------------------------------------------------------------------
    # (d) the Excel export
    # ------------------------------------------------------------------

    def _fill_program(self, program, mentees, mentors):
        """Active pairings with a plan (done, late, missed and planned events)
        and submitted evaluations with their ratings."""
        pairings = self._pairings(program, mentees, mentors)
        Event = self.env["hr.mentoring.event"]
        states = ["done", "done", "missed", "planned"]
        Event.create(
            [
                {
                    "pairing_id": pairing.id,
                    "name": f"Feedback {k + 1}",
                    "event_type": "feedback" if k % 2 == 0 else "planned_discussion",
                    "date_due": pairing.date_start + timedelta(days=3 * k),
                    "state": states[k % 4],
                    "date_done": pairing.date_start + timedelta(days=3 * k + k % 2)
                    if states[k % 4] == "done"
                    else False,
                    "signed_by_id": self.user_coordinator.id if states[k % 4] == "done" else False,
                    "missed_reason_category": "workload" if states[k % 4] == "missed" else False,
                }
                for pairing in pairings
                for k in range(8)
            ]
        )
        levels = self.env.ref("hr_mentoring.scale_behaviour").level_ids
        criteria = self.env["hr.mentoring.criterion"].search([("subject", "=", "mentee")])
        self.env["hr.mentoring.evaluation"].create(
            [
                {
                    "pairing_id": pairing.id,
                    "kind": "coordinator_on_mentee",
                    "evaluator_id": self.user_coordinator.id,
                    "date": pairing.date_start + timedelta(days=30),
                    "state": "submitted",
                    "line_ids": [
                        Command.create({"criterion_id": c.id, "level_id": levels[(i + j) % len(levels)].id})
                        for j, c in enumerate(criteria)
                    ],
                }
                for i, pairing in enumerate(pairings)
            ]
        )
        return pairings

    def test_missed_events_claim_index(self):
        """The missed-events batch reads the oldest planned events through a
        partial index of the planned ones, not an index of every due date
        (benchmarks/RESULTS.md, "Measured once")."""
        self.env.cr.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'hr_mentoring_event_planned_due_index'")
        [(definition,)] = self.env.cr.fetchall()
        self.assertIn("(date_due, id)", definition)
        self.assertIn("WHERE ((state)::text = 'planned'::text)", definition)

    def test_excel_export(self):
        """The export reads each sheet in bulk: a programme of 3 pairings and
        one of 30 (240 events, 30 evaluations) cost the same queries."""
        small, large = self.program, self.program_2
        self._fill_program(small, self.newcomers[:3], self.mentors[:1])
        self._fill_program(large, self.newcomers[3:33], self.mentors[1:9])
        counts = []
        for program in (small, large):
            count, content = self._count(
                lambda program=program: program.with_user(self.user_coordinator)._mentoring_export_xlsx()
            )
            self.assertEqual(content[:2], b"PK")
            counts.append(count)
        self.assertEqual(counts[0], counts[1], f"queries of the export of 3 and 30 pairings: {counts}")
        self.assertQueriesWithin(counts[1], XLSX_QUERIES)

    # ------------------------------------------------------------------
    # (b) cohort matching
    # ------------------------------------------------------------------

    def test_cohort_matching(self):
        """Scoring a cohort and assigning it optimally: 3 newcomers x 4 mentors
        and 40 newcomers x 26 mentors cost the same queries."""
        Matching = self.env["hr.mentoring.matching"].with_user(self.user_coordinator)
        program = self.program.with_user(self.user_coordinator)
        self.env["hr.mentoring.preference"].create(
            {"mentee_id": self.newcomers[0].id, "mentor_id": self.mentors[0].id, "chosen_by": "mentee"}
        )

        def match(mentees):
            mentor_ids, capacities, scores = Matching._mentoring_score(program, mentees)
            assignment = Matching._mentoring_cohort_assignment(mentees, mentor_ids, capacities, scores)
            return mentor_ids, assignment

        counts = []
        for n_mentees, n_mentors in ((3, 4), (40, 26)):
            # only the first n_mentors mentors (and the two of the set-up) have places left
            (self.mentors - self.mentors[:n_mentors]).write({"mentor_capacity": 0})
            self.mentors[:n_mentors].write({"mentor_capacity": 4})
            mentees = self.newcomers[:n_mentees].with_user(self.user_coordinator)
            count, (mentor_ids, assignment) = self._count(lambda mentees=mentees: match(mentees))
            # the fixtures' mentors only: a database with demo data has approved mentors of its own
            fixtures = set((self.mentors | self.mentor | self.mentor_y).ids)
            self.assertEqual(len(set(mentor_ids) & fixtures), n_mentors + 2)
            self.assertFalse(set(mentor_ids) & set((self.mentors - self.mentors[:n_mentors]).ids), "no place left")
            self.assertEqual(len(assignment), n_mentees)
            counts.append(count)
        self.assertEqual(counts[0], counts[1], f"queries of cohorts of 3 x 4 and 40 x 26: {counts}")
        self.assertQueriesWithin(counts[1], COHORT_QUERIES)
