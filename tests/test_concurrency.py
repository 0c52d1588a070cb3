import threading
import time
from datetime import date, timedelta
from unittest.mock import patch

from psycopg2 import errors

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger


def hold_first_worker(case):
    """Two workers in threads: returns ``(held, release, hold)``; the first
    worker calls ``hold`` before its commit, which sets ``held`` and waits
    for ``release``. The test runner holds the registry lock while tests run;
    request threads need it (as in HttpCase's test mode, use Odoo's dummy lock)."""
    case.startPatcher(patch.object(Registry, "_lock", DummyRLock()))
    return hold_events()


def hold_events():
    """``(held, release, hold)``: ``hold`` sets ``held`` and waits for ``release``."""
    held = threading.Event()
    release = threading.Event()

    def hold():
        held.set()
        release.wait(10)

    return held, release, hold


class CommittedDataCase(BaseCase):
    """Data committed in cursors of its own (a test transaction is invisible
    to other cursors): ``_create_data`` makes it, ``_remove_data`` removes it
    at the end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls.registry.cursor() as cr:
            cls._create_data(api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True}))

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            cls._remove_data(cr, api.Environment(cr, SUPERUSER_ID, {}))
        super().tearDownClass()


@tagged("post_install", "-at_install", "concurrency")
class TestConcurrentActivation(CommittedDataCase):
    """Two requests activate a pairing of the same mentor at the same moment.

    The data is committed in cursors of its own (a test transaction is
    invisible to other cursors) and removed at the end.
    """

    @classmethod
    def _create_data(cls, env):
        Employee = env["hr.employee"]
        cls.mentor_id = Employee.create({"name": "Race Mentor", "mentor_state": "approved", "mentor_capacity": 1}).id
        cls.mentee_ids = Employee.create([{"name": "Race Mentee A"}, {"name": "Race Mentee B"}]).ids
        cls.program_id = env["hr.mentoring.program"].create({"name": "Race", "state": "running"}).id
        cls.pairing_ids = (
            env["hr.mentoring.pairing"]
            .create(
                [
                    {
                        "program_id": cls.program_id,
                        "mentor_id": cls.mentor_id,
                        "mentee_id": mentee_id,
                        "state": "proposed",
                    }
                    for mentee_id in cls.mentee_ids
                ]
            )
            .ids
        )

    @classmethod
    def _remove_data(cls, cr, env):
        cr.execute(
            "DELETE FROM mail_activity WHERE res_model = 'hr.mentoring.pairing' AND res_id IN %s",
            [tuple(cls.pairing_ids)],
        )
        cr.execute("DELETE FROM hr_mentoring_pairing WHERE id IN %s", [tuple(cls.pairing_ids)])
        env["hr.mentoring.program"].browse(cls.program_id).unlink()
        env["hr.employee"].browse([cls.mentor_id, *cls.mentee_ids]).unlink()

    def _activate(self, pairing_id, results, key, before_commit=None):
        try:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
                # take the transaction's snapshot now, as a real request would
                cr.execute("SELECT 1")
                cr.execute("SELECT id, state FROM hr_mentoring_pairing")
                env["hr.mentoring.pairing"].browse(pairing_id).write({"state": "active"})
                env.flush_all()
                if before_commit:
                    before_commit()
            results[key] = "committed"
        except (errors.SerializationFailure, ValidationError) as exc:
            results[key] = exc

    def test_second_activation_waits_then_fails(self):
        flushed, release, hold = hold_first_worker(self)
        # the refused transaction is logged by the cursor as a bad query: expected here
        self.enterContext(mute_logger("odoo.sql_db"))
        results = {}
        first = threading.Thread(target=self._activate, args=(self.pairing_ids[0], results, "first", hold))
        first.start()
        self.assertTrue(flushed.wait(10), "the first activation should have written its pairing")
        second = threading.Thread(target=self._activate, args=(self.pairing_ids[1], results, "second"))
        second.start()
        time.sleep(0.5)
        self.assertTrue(second.is_alive(), "the second activation must wait for the first one's lock")
        release.set()
        first.join(10)
        second.join(10)
        self.assertEqual(results["first"], "committed")
        # PostgreSQL refuses the second transaction: Odoo retries such a request...
        self.assertIsInstance(results["second"], errors.SerializationFailure)
        # ...and the retry sees the first pairing and refuses with the capacity message
        retry = {}
        self._activate(self.pairing_ids[1], retry, "retry")
        self.assertIsInstance(retry["retry"], ValidationError)
        self.assertIn("more than their capacity of 1", str(retry["retry"]))
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM hr_mentoring_pairing WHERE id IN %s AND state = 'active'",
                [tuple(self.pairing_ids)],
            )
            self.assertEqual(cr.fetchone()[0], 1)


@tagged("post_install", "-at_install", "concurrency")
class TestConcurrentMissedFlag(CommittedDataCase):
    """Two workers run the missed-events cron at the same moment: each event is flagged once."""

    @classmethod
    def _create_data(cls, env):
        # a mentor with a login: the activities of a mentor without one go to the
        # coordinator, who is then not also asked to find out why
        cls.user_id = env["res.users"].create({"name": "Flag Mentor", "login": "mentoring_flag_mentor"}).id
        mentor = env["hr.employee"].create({"name": "Flag Mentor", "mentor_state": "approved", "user_id": cls.user_id})
        mentee = env["hr.employee"].create({"name": "Flag Mentee"})
        cls.program_id = env["hr.mentoring.program"].create({"name": "Flag", "state": "running"}).id
        pairing = env["hr.mentoring.pairing"].create(
            {"program_id": cls.program_id, "mentor_id": mentor.id, "mentee_id": mentee.id, "state": "active"}
        )
        Event = env["hr.mentoring.event"]
        cls.event_ids = Event.create(
            [
                {
                    "pairing_id": pairing.id,
                    "name": f"Feedback {i}",
                    "event_type": "feedback",
                    "date_due": "2020-01-0%d" % i,
                }
                for i in range(1, 6)
            ]
        ).ids
        cls.pairing_id = pairing.id
        cls.employee_ids = (mentor | mentee).ids

    @classmethod
    def _remove_data(cls, cr, env):
        cr.execute(
            "DELETE FROM mail_activity WHERE res_model = 'hr.mentoring.event' AND res_id IN %s",
            [tuple(cls.event_ids)],
        )
        cr.execute("DELETE FROM mail_message WHERE model = 'hr.mentoring.program' AND res_id = %s", [cls.program_id])
        for table, column in (("mail_message", "model"), ("mail_followers", "res_model")):
            cr.execute(
                f"DELETE FROM {table} WHERE {column} = 'hr.mentoring.event' AND res_id IN %s",
                [tuple(cls.event_ids)],
            )
        cr.execute("DELETE FROM hr_mentoring_pairing WHERE id = %s", [cls.pairing_id])
        env["hr.mentoring.program"].browse(cls.program_id).unlink()
        env["hr.employee"].browse(cls.employee_ids).unlink()
        env["res.users"].browse(cls.user_id).unlink()

    def _flag(self, results, key, before_commit=None):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cr.execute("SELECT 1")
            results[key] = env["hr.mentoring.event"]._cron_flag_missed_events().ids
            env.flush_all()
            if before_commit:
                before_commit()

    def test_two_workers_flag_each_event_once(self):
        flagged, release, hold = hold_first_worker(self)
        results = {}
        first = threading.Thread(target=self._flag, args=(results, "first", hold))
        first.start()
        self.assertTrue(flagged.wait(10))
        # the second worker skips the rows the first one holds
        self._flag(results, "second")
        release.set()
        first.join(10)
        self.assertEqual(sorted(results["first"]), sorted(self.event_ids))
        self.assertEqual(results["second"], [])
        with self.registry.cursor() as cr:
            cr.execute(
                """SELECT count(*) FROM mail_activity a JOIN mail_activity_type t ON t.id = a.activity_type_id
                    WHERE a.res_model = 'hr.mentoring.event' AND a.res_id IN %s AND a.summary LIKE 'Find out why%%'""",
                [tuple(self.event_ids)],
            )
            self.assertEqual(cr.fetchone()[0], len(self.event_ids), "one 'find out why' activity per event")
            cr.execute(
                "SELECT count(*) FROM hr_mentoring_event WHERE id IN %s AND state = 'missed'", [tuple(self.event_ids)]
            )
            self.assertEqual(cr.fetchone()[0], len(self.event_ids))

    def test_a_concurrent_update_of_the_pairing_does_not_stop_the_batch(self):
        """A user's transaction updates the pairing after the scheduled
        action's snapshot was taken. The action writes no pairing row (the
        plan figures are counted from the events when read), so PostgreSQL
        refuses nothing: the batch flags the events, nothing is logged, and no
        run is asked for again. (A refused claim, on an event changed since
        the snapshot, is TestCronsBesideUsers.test_an_event_signed_late_meanwhile_is_not_flagged.)"""
        cron = "hr_mentoring.ir_cron_flag_missed_events"
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cron_id = env.ref(cron).id
            cr.execute("SELECT max(id) FROM ir_cron_trigger")
            last_trigger = cr.fetchone()[0] or 0
            # the action's snapshot
            cr.execute("SELECT id FROM hr_mentoring_pairing WHERE id = %s", [self.pairing_id])
            # meanwhile, a user changes the pairing, and commits
            with self.registry.cursor() as user_cr:
                user_cr.execute("UPDATE hr_mentoring_pairing SET write_date = now() WHERE id = %s", [self.pairing_id])
            with self.assertNoLogs(level="WARNING"):
                flagged = env["hr.mentoring.event"]._cron_flag_missed_events()
                env.flush_all()
            self.assertLessEqual(set(self.event_ids), set(flagged.ids), "the batch was not undone")
            cr.execute(
                "SELECT count(*) FROM hr_mentoring_event WHERE id IN %s AND state = 'missed'", [tuple(self.event_ids)]
            )
            self.assertEqual(cr.fetchone()[0], len(self.event_ids))
            cr.execute("SELECT count(*) FROM ir_cron_trigger WHERE cron_id = %s AND id > %s", [cron_id, last_trigger])
            self.assertEqual(cr.fetchone()[0], 0, "nothing to run again")
            # the other test of this class flags the same events: leave them planned
            cr.rollback()


# "today" for the scheduled actions in TestCronsBesideUsers: far before any
# other data of the database (a demo database's plans), so that the actions,
# whose runs are committed here, touch the test's own records only
CRON_DAY = date(2020, 1, 10)
FLAG_CRON = "hr_mentoring.ir_cron_flag_missed_events"


class WorkerKilled(Exception):
    """A worker's process ends in the middle of a transaction: PostgreSQL
    rolls the transaction back, as a cursor closed on an exception does."""


@tagged("post_install", "-at_install", "concurrency")
class TestCronsBesideUsers(BaseCase):
    """The scheduled actions run while users sign and acknowledge events of
    the same pairing, each in a cursor of its own as in production: the
    action finishes its batch without waiting for the users and without a
    refused statement, or leaves what a user holds to its next run, and
    nothing is logged as an error.

    Each test commits its own pairing and plan and removes them at the end."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        Event = self.registry["hr.mentoring.event"]
        self.startPatcher(
            patch.object(Event, "_mentoring_today_by_company", lambda model: {model.env.company.id: CRON_DAY})
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
            cr.execute("SELECT coalesce(max(id), 0) FROM ir_cron_trigger")
            self.last_trigger = cr.fetchone()[0]
            # a mentor with a login: the activities of a mentor without one go to
            # the coordinator, who is then not also asked to find out why
            self.user_id = env["res.users"].create({"name": "Busy Mentor", "login": "mentoring_busy_mentor"}).id
            employees = env["hr.employee"].create(
                [{"name": "Busy Mentor", "mentor_state": "approved", "user_id": self.user_id}, {"name": "Busy Mentee"}]
            )
            self.employee_ids = employees.ids
            self.program_id = env["hr.mentoring.program"].create({"name": "Busy Morning", "state": "running"}).id
            pairing = env["hr.mentoring.pairing"].create(
                {
                    "program_id": self.program_id,
                    "mentor_id": employees[0].id,
                    "mentee_id": employees[1].id,
                    "date_start": CRON_DAY - timedelta(days=8),
                    "state": "active",
                }
            )
            self.pairing_id = pairing.id
            events = env["hr.mentoring.event"].create(
                [
                    {"pairing_id": pairing.id, "event_type": "feedback", **vals}
                    for vals in (
                        # past due: the missed-events action flags it
                        {"name": "Feedback day 3", "date_due": CRON_DAY - timedelta(days=4)},
                        # due next week: the mentor signs it
                        {"name": "Feedback day 8", "date_due": CRON_DAY + timedelta(days=3)},
                        # signed: the mentee acknowledges it
                        {"name": "Welcome", "date_due": CRON_DAY - timedelta(days=7)},
                    )
                ]
            )
            events[2].write({"state": "done"})
            self.due_id, self.to_sign_id, self.signed_id = events.ids
        self.addCleanup(self._remove_data)
        # the sign-off and the action run in threads; the registry lock is the
        # test runner's (as in HttpCase's test mode, use Odoo's dummy lock)
        self.startPatcher(patch.object(Registry, "_lock", DummyRLock()))

    def _remove_data(self):
        with self.registry.cursor() as cr:
            event_ids = tuple(self._event_ids(cr))
            records = (("hr.mentoring.event", event_ids), ("hr.mentoring.pairing", (self.pairing_id,)))
            for model, ids in (*records, ("hr.mentoring.program", (self.program_id,))):
                for table, column in (("mail_activity", "res_model"), ("mail_followers", "res_model")):
                    cr.execute(f"DELETE FROM {table} WHERE {column} = %s AND res_id IN %s", [model, ids])
                cr.execute("DELETE FROM mail_message WHERE model = %s AND res_id IN %s", [model, ids])
            cr.execute("DELETE FROM hr_mentoring_pairing WHERE id = %s", [self.pairing_id])
            cr.execute("DELETE FROM ir_cron_trigger WHERE id > %s", [self.last_trigger])
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["hr.mentoring.program"].browse(self.program_id).unlink()
            env["hr.employee"].browse(self.employee_ids).unlink()
            env["res.users"].browse(self.user_id).unlink()

    def _event_ids(self, cr):
        cr.execute("SELECT id FROM hr_mentoring_event WHERE pairing_id = %s", [self.pairing_id])
        return [row[0] for row in cr.fetchall()]

    # ------------------------------------------------------------------
    # the two sides, each in its own cursor
    # ------------------------------------------------------------------

    def _in_cursor(self, work, results, key, before=None, after=None):
        """Run ``work(env)`` in a transaction of its own, as a request or a
        cron worker does: its snapshot is taken first, then ``before()`` runs
        (another transaction may commit meanwhile), then the work, flushed,
        then ``after()`` (e.g. hold the locks), then the commit. The result,
        or the exception raised, goes to ``results[key]``."""
        try:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                cr.execute("SELECT 1")
                if before:
                    before()
                results[key] = work(env)
                env.flush_all()
                if after:
                    after()
        except Exception as exc:  # noqa: BLE001 - the test asserts on it
            results[key] = exc

    def _sign_and_acknowledge(self, env):
        """The mentor signs one event of the pairing, the mentee acknowledges
        another (the same writes as from their forms)."""
        Event = env["hr.mentoring.event"]
        Event.browse(self.to_sign_id).action_mark_done()
        Event.browse(self.signed_id).action_acknowledge()
        return "committed"

    def _flag(self, env):
        return env["hr.mentoring.event"]._cron_flag_missed_events().ids

    def _in_thread(self, *args, **kwargs):
        thread = threading.Thread(target=self._in_cursor, args=args, kwargs=kwargs)
        thread.start()
        return thread

    def _beside_a_user(self, user_work, cron_work, results, cron_key="cron"):
        """``user_work`` runs in a transaction that has written its changes
        and holds them, not yet committed, while ``cron_work`` runs in
        another; then the user's transaction commits. Returns whether the
        scheduled action had to wait for the user's transaction."""
        held, release, hold = hold_events()
        user = self._in_thread(user_work, results, "user", after=hold)
        self.assertTrue(held.wait(10), "the user's transaction should have written its changes")
        cron = self._in_thread(cron_work, results, cron_key)
        cron.join(5)
        waited = cron.is_alive()
        release.set()
        user.join(10)
        cron.join(10)
        return waited

    def _state(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT id, state, acknowledged FROM hr_mentoring_event WHERE pairing_id = %s", [self.pairing_id]
            )
            states = {row[0]: (row[1], bool(row[2])) for row in cr.fetchall()}
            cr.execute(
                """SELECT res_id, count(*) FROM mail_activity
                    WHERE res_model = 'hr.mentoring.event' AND res_id IN %s AND summary LIKE 'Find out why%%'
                 GROUP BY res_id""",
                [tuple(states)],
            )
            return states, dict(cr.fetchall())

    def _triggers(self, cron_xmlid):
        """How many times the scheduler was asked to run this action again since the test began."""
        with self.registry.cursor() as cr:
            cron_id = api.Environment(cr, SUPERUSER_ID, {}).ref(cron_xmlid).id
            cr.execute(
                "SELECT count(*) FROM ir_cron_trigger WHERE cron_id = %s AND id > %s", [cron_id, self.last_trigger]
            )
            return cr.fetchone()[0]

    # ------------------------------------------------------------------
    # the missed-events action
    # ------------------------------------------------------------------

    def test_flag_beside_a_sign_off_in_progress(self):
        """A mentor's sign-off and a mentee's acknowledgement on the pairing
        are written and not yet committed: the action flags the past-due event
        of the same pairing in the same run, without waiting for them."""
        results = {}
        with self.assertNoLogs(level="WARNING"):
            waited = self._beside_a_user(self._sign_and_acknowledge, self._flag, results)
        self.assertFalse(waited, "the scheduled action must not wait for the user's transaction")
        self.assertEqual(results, {"user": "committed", "cron": [self.due_id]})
        states, why = self._state()
        self.assertEqual(states[self.due_id], ("missed", False))
        self.assertEqual(states[self.to_sign_id], ("done", False))
        self.assertEqual(states[self.signed_id], ("done", True))
        self.assertEqual(why, {self.due_id: 1}, "one 'find out why' activity, for the flagged event")

    def test_flag_after_a_sign_off_committed_meanwhile(self):
        """The user's transaction commits after the action's snapshot was
        taken (the action started first): the action still flags the event."""
        results = {}
        with self.assertNoLogs(level="WARNING"):
            self._in_cursor(
                self._flag,
                results,
                "cron",
                before=lambda: self._in_cursor(self._sign_and_acknowledge, results, "user"),
            )
        self.assertEqual(results, {"user": "committed", "cron": [self.due_id]})
        states, why = self._state()
        self.assertEqual((states[self.due_id], states[self.to_sign_id]), (("missed", False), ("done", False)))
        self.assertEqual(why, {self.due_id: 1})

    def test_an_event_a_user_holds_is_flagged_by_the_next_run(self):
        """The mentor is writing a comment on the past-due event itself: the
        action leaves it (it does not wait), the next run flags it, once."""
        results = {}

        def comment(env):
            env["hr.mentoring.event"].browse(self.due_id).write({"mentor_comment": "On my way."})
            return "committed"

        with self.assertNoLogs(level="WARNING"):
            waited = self._beside_a_user(comment, self._flag, results, "first run")
            self._in_cursor(self._flag, results, "next run")
            self._in_cursor(self._flag, results, "third run")
        self.assertFalse(waited, "the scheduled action must not wait for the user's transaction")
        self.assertEqual(results, {"user": "committed", "first run": [], "next run": [self.due_id], "third run": []})
        states, why = self._state()
        self.assertEqual(states[self.due_id], ("missed", False))
        self.assertEqual(why, {self.due_id: 1}, "flagged once: one 'find out why' activity")
        self.assertEqual(self._triggers(FLAG_CRON), 1, "the first run asked for the next one")

    def test_an_event_signed_late_meanwhile_is_not_flagged(self):
        """The mentor signs the past-due event itself and commits after the
        action's snapshot: PostgreSQL refuses the action's claim of that row
        (it changed since the snapshot). The batch is left to a run shortly,
        quietly; the signed event is never flagged."""
        results = {}

        def sign_late(env):
            env["hr.mentoring.event"].browse(self.due_id).action_mark_done()
            return "committed"

        with self.assertNoLogs(level="WARNING"):
            self._in_cursor(self._flag, results, "cron", before=lambda: self._in_cursor(sign_late, results, "user"))
            self._in_cursor(self._flag, results, "next run")
        self.assertEqual(results, {"user": "committed", "cron": [], "next run": []})
        states, why = self._state()
        self.assertEqual(states[self.due_id], ("done", False))
        self.assertEqual(why, {})
        self.assertEqual(self._triggers(FLAG_CRON), 1, "the refused batch asked for a run shortly")

    def test_a_batch_cut_short_leaves_nothing_half_written(self):
        """The process dies in the middle of a batch (here: while it writes
        the coordinators' digest): the flags, the activities and the notes of
        the batch are undone with it, and the next run does the whole batch,
        once."""
        results = {}
        Event = self.registry["hr.mentoring.event"]

        def killed(events):
            raise WorkerKilled()

        with patch.object(Event, "_mentoring_send_missed_digests", killed):
            self._in_cursor(self._flag, results, "killed run")
        self.assertIsInstance(results["killed run"], WorkerKilled)
        states, why = self._state()
        self.assertEqual((states[self.due_id], why), (("planned", False), {}), "nothing of the batch was kept")
        with self.assertNoLogs(level="WARNING"):
            self._in_cursor(self._flag, results, "next run")
            self._in_cursor(self._flag, results, "third run")
        self.assertEqual((results["next run"], results["third run"]), ([self.due_id], []))
        states, why = self._state()
        self.assertEqual((states[self.due_id], why), (("missed", False), {self.due_id: 1}))
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM mail_message WHERE model = 'hr.mentoring.program' AND res_id = %s",
                [self.program_id],
            )
            self.assertEqual(cr.fetchone()[0], 1, "one digest")

    # ------------------------------------------------------------------
    # the health action
    # ------------------------------------------------------------------

    def _health(self, env):
        return env["hr.mentoring.pairing"]._cron_update_health().ids

    def _checked_on(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT health_checked_on FROM hr_mentoring_pairing WHERE id = %s", [self.pairing_id])
            return cr.fetchone()[0]

    def test_health_leaves_a_pairing_a_user_holds_to_the_next_run(self):
        """A coordinator is changing the pairing (its end date) while the
        health action runs: the action does not wait, leaves the pairing to
        its next run (asked for in a minute), which checks it."""
        results = {}

        def set_end(env):
            env["hr.mentoring.pairing"].browse(self.pairing_id).write({"date_end": CRON_DAY + timedelta(days=90)})
            return "committed"

        with self.assertNoLogs(level="WARNING"):
            waited = self._beside_a_user(set_end, self._health, results, "first run")
            self.assertIsNone(self._checked_on())
            self._in_cursor(self._health, results, "next run")
        self.assertFalse(waited, "the health action must not wait for the user's transaction")
        self.assertEqual(results, {"user": "committed", "first run": [], "next run": [self.pairing_id]})
        self.assertEqual(self._checked_on(), CRON_DAY)
        self.assertEqual(self._triggers("hr_mentoring.ir_cron_update_health"), 1)

    def test_health_beside_a_sign_off(self):
        """A sign-off on the pairing, in progress or committed after the
        action's snapshot, no longer touches the pairing row: the health
        action checks the pairing in the same run."""
        results = {}
        with self.assertNoLogs(level="WARNING"):
            waited = self._beside_a_user(self._sign_and_acknowledge, self._health, results)
        self.assertFalse(waited)
        self.assertEqual(results, {"user": "committed", "cron": [self.pairing_id]})
        self.assertEqual(self._checked_on(), CRON_DAY)
