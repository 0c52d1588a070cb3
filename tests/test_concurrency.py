import threading
import time
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
        mentor = env["hr.employee"].create({"name": "Flag Mentor", "mentor_state": "approved"})
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

    def test_a_concurrent_update_of_the_pairing_runs_the_batch_again_later(self):
        """A user's transaction updates the pairing after the scheduled
        action's snapshot was taken: PostgreSQL refuses the action's update
        of the pairing's figures (a serialization failure). The batch is
        undone, the job ends without an error and asks to run again shortly."""
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
            # odoo.sql_db logs the refused UPDATE itself ("bad query")
            with mute_logger("odoo.sql_db"):
                flagged = env["hr.mentoring.event"]._cron_flag_missed_events()
            self.assertFalse(flagged, "the batch was undone")
            cr.execute(
                "SELECT count(*) FROM hr_mentoring_event WHERE id IN %s AND state = 'missed'", [tuple(self.event_ids)]
            )
            self.assertEqual(cr.fetchone()[0], 0)
            cr.execute("SELECT count(*) FROM ir_cron_trigger WHERE cron_id = %s AND id > %s", [cron_id, last_trigger])
            self.assertEqual(cr.fetchone()[0], 1, "the scheduler runs it again shortly")
        # the next run, with nobody in the way, flags them: test_two_workers_flag_each_event_once
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM ir_cron_trigger WHERE cron_id = %s AND id > %s", [cron_id, last_trigger])
