from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MentoringCase, today_of


@tagged("post_install", "-at_install")
class TestPairingLifecycle(MentoringCase):
    def test_lifecycle_with_buttons(self):
        pairing = self._pairing(self.mentee_x, state="draft")
        self.assertEqual(pairing.display_name, "Xavier with Maria")
        pairing.with_user(self.user_coordinator).action_propose()
        self.assertEqual(pairing.state, "proposed")
        # the department head of the mentee gets an approval activity
        approval = pairing.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("hr_mentoring.mail_activity_type_approval")
        )
        self.assertEqual(approval.user_id, self.user_head_x)
        pairing.with_user(self.user_head_x).action_approve()
        self.assertEqual(pairing.state, "active")
        self.assertEqual(pairing.approved_by_id, self.user_head_x)
        self.assertTrue(pairing.date_approved)
        self.assertFalse(pairing.activity_ids, "approving closes the approval activity")
        pairing.with_user(self.user_coordinator).action_done()
        self.assertEqual(pairing.state, "done")
        self.assertTrue(pairing.date_end)

    def test_states_are_tracked(self):
        pairing = (
            self.env["hr.mentoring.pairing"]
            .with_context(tracking_disable=False)
            .create({"program_id": self.program.id, "mentor_id": self.mentor.id, "mentee_id": self.mentee_x.id})
        )
        self.cr.flush()
        pairing.action_propose()
        self.cr.flush()  # tracking values are written before commit
        pairing.action_approve()
        self.env.flush_all()
        self.cr.flush()  # tracking values are written before commit
        tracked = pairing.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        self.assertEqual(len(tracked), 2)

    def test_transition_outside_lifecycle_refused_even_by_direct_write(self):
        pairing = self._pairing(self.mentee_x, state="draft")
        with self.assertRaisesRegex(ValidationError, "cannot go from Draft to Done"):
            pairing.write({"state": "done"})
        done = self._pairing(self.mentee_y, mentor=self.mentor_y, state="active")
        done.action_done()
        with self.assertRaisesRegex(ValidationError, "from Done to Proposed"):
            done.write({"state": "proposed"})

    def test_no_self_mentoring(self):
        with self.assertRaisesRegex(ValidationError, "cannot mentor themself"):
            self._pairing(self.mentor, state="draft")
        pairing = self._pairing(self.mentee_x, state="draft")
        with self.assertRaisesRegex(ValidationError, "cannot mentor themself"):
            pairing.write({"mentee_id": self.mentor.id})

    def test_mentor_must_be_approved(self):
        candidate = self._employee("Carl", mentor_state="candidate")
        with self.assertRaisesRegex(ValidationError, "Carl is not an approved mentor"):
            self._pairing(self.mentee_x, mentor=candidate, state="draft")
        pairing = self._pairing(self.mentee_x, state="draft")
        with self.assertRaisesRegex(ValidationError, "not an approved mentor"):
            pairing.write({"mentor_id": candidate.id})

    def test_capacity_counts_active_pairings_only(self):
        # Maria's capacity is 2
        extra = [self._employee(f"Newcomer {i}") for i in range(3)]
        self._pairing(extra[0])
        self._pairing(extra[1])
        self.assertEqual(self.mentor.active_mentee_count, 2)
        self.assertEqual(self.mentor.mentor_available_capacity, 0)
        # a draft pairing does not count...
        third = self._pairing(extra[2], state="draft")
        # ...until it becomes active
        with self.assertRaisesRegex(ValidationError, "more than their capacity of 2"):
            third.write({"state": "active"})
        with self.assertRaisesRegex(ValidationError, "more than their capacity of 2"):
            self._pairing(self.mentee_x)

    def test_capacity_cannot_drop_below_active_mentees(self):
        self._pairing(self.mentee_x)
        self._pairing(self.mentee_y)
        with self.assertRaisesRegex(ValidationError, "more than their capacity of 1"):
            self.mentor.mentor_capacity = 1
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.mentor_y.mentor_capacity = -1

    def test_one_active_pairing_per_mentee_and_programme(self):
        self._pairing(self.mentee_x)
        with self.assertRaisesRegex(ValidationError, "Xavier already has an active pairing in New Client Managers"):
            self._pairing(self.mentee_x, mentor=self.mentor_y)
        # another programme is fine
        other = self._pairing(self.mentee_x, mentor=self.mentor_y, program=self.program_2)
        self.assertEqual(other.state, "active")

    def test_one_open_pairing_per_mentee_and_programme(self):
        """Draft, proposed and active pairings are open: a mentee has one per
        programme, by create, by a state change or by moving a pairing."""
        proposed = self._pairing(self.mentee_x, state="proposed")
        with self.assertRaisesRegex(ValidationError, "Xavier already has a proposed pairing in New Client Managers"):
            self._pairing(self.mentee_x, mentor=self.mentor_y, state="draft")
        with self.assertRaisesRegex(ValidationError, "Xavier already has a proposed pairing in New Client Managers"):
            self.env["hr.mentoring.pairing"].create(
                {"program_id": self.program.id, "mentor_id": self.mentor_y.id, "mentee_id": self.mentee_x.id}
            )
        # two at once in one create
        with self.assertRaisesRegex(ValidationError, "Yara can have only one open pairing"):
            self.env["hr.mentoring.pairing"].create(
                [
                    {"program_id": self.program.id, "mentor_id": mentor.id, "mentee_id": self.mentee_y.id}
                    for mentor in (self.mentor, self.mentor_y)
                ]
            )
        self.assertEqual(self.env["hr.mentoring.pairing"].search_count([("mentee_id", "=", self.mentee_y.id)]), 0)
        # a closed pairing does not count, and reopening it is refused while another is open
        proposed.action_cancel()
        draft = self._pairing(self.mentee_x, mentor=self.mentor_y, state="draft")
        with self.assertRaisesRegex(ValidationError, "Xavier already has a draft pairing in New Client Managers"):
            proposed.write({"state": "draft"})
        self.assertEqual(proposed.state, "cancelled")
        # moving another mentee's draft onto Xavier is refused too
        yara = self._pairing(self.mentee_y, mentor=self.mentor_y, state="draft")
        with self.assertRaisesRegex(ValidationError, "Xavier already has a draft pairing"):
            yara.write({"mentee_id": self.mentee_x.id})
        # another programme is fine
        other = self._pairing(self.mentee_x, mentor=self.mentor_y, program=self.program_2, state="draft")
        self.assertEqual((draft.state, other.state), ("draft", "draft"))

    def test_end_after_start(self):
        with self.assertRaisesRegex(ValidationError, "not after its start"):
            self._pairing(self.mentee_x, date_start=date(2026, 3, 2), date_end=date(2026, 3, 2))
        pairing = self._pairing(self.mentee_x, date_start=date(2026, 3, 2))
        with self.assertRaisesRegex(ValidationError, "not after its start"):
            pairing.date_end = date(2026, 3, 1)

    def test_one_company(self):
        with self.assertRaisesRegex(ValidationError, "same company"):
            self._pairing(self.emp_other_company, state="draft")

    def test_archiving_ends_pairings(self):
        active = self._pairing(self.mentee_x, date_start=date(2026, 1, 5))
        proposed = self._pairing(self.mentee_y, state="proposed")
        self.mentor.action_archive()
        self.assertEqual(active.state, "done")
        self.assertEqual(active.date_end, today_of(self.env.user), "ended on the day of who archived")
        self.assertEqual(proposed.state, "cancelled")
        self.assertIn("because Maria was archived", active.message_ids[0].body)
        self.assertIn("because Maria was archived", proposed.message_ids[0].body)
        with self.assertRaisesRegex(ValidationError, "Maria is archived"):
            self._pairing(self.mentee_x, state="draft")

    def test_archiving_a_mentee_ends_their_pairing(self):
        active = self._pairing(self.mentee_x, date_start=date(2026, 1, 5))
        self.mentee_x.active = False
        self.assertEqual(active.state, "done")
        with self.assertRaisesRegex(ValidationError, "Xavier is archived"):
            self._pairing(self.mentee_x, mentor=self.mentor_y, state="draft", program=self.program_2)

    def test_coach_option(self):
        pairing = self._pairing(self.mentee_x, state="proposed")
        pairing.action_approve()
        self.assertNotEqual(self.mentee_x.coach_id, self.mentor, "off by default")
        self.company.mentoring_set_coach = True
        pairing_y = self._pairing(self.mentee_y, mentor=self.mentor_y, state="proposed")
        pairing_y.with_user(self.user_head_y).action_approve()
        self.assertEqual(self.mentee_y.coach_id, self.mentor_y)

    def test_default_capacity_from_company_setting(self):
        settings = self.env["res.config.settings"].create({"mentor_default_capacity": 3})
        settings.execute()
        self.assertEqual(self.company.mentor_default_capacity, 3)
        self.assertEqual(self._employee("Newbie").mentor_capacity, 3)

    def test_delete_started_pairing_refused(self):
        pairing = self._pairing(self.mentee_x)
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            pairing.unlink()
        draft = self._pairing(self.mentee_y, mentor=self.mentor_y, state="draft")
        draft.unlink()
        self.assertFalse(draft.exists())


@tagged("post_install", "-at_install", "access")
class TestPairingRoles(MentoringCase):
    def test_refusal_names_who_may(self):
        """The refusal says who may, as a list in the reader's language."""
        pairing = self._pairing(self.mentee_x, state="proposed")
        with self.assertRaisesRegex(AccessError, "only the coordinator or department head of this mentoring pairing"):
            pairing.with_user(self.user_mentee_x).action_open_plan_wizard()

    def test_mentee_cannot_approve_over_rpc(self):
        pairing = self._pairing(self.mentee_x, state="proposed")
        with self.assertRaises(AccessError):
            pairing.with_user(self.user_mentee_x).action_approve()
        self.assertEqual(pairing.state, "proposed")

    def test_mentor_cannot_approve_but_can_decline_with_a_reason(self):
        pairing = self._pairing(self.mentee_x, state="proposed")
        with self.assertRaises(AccessError):
            pairing.with_user(self.user_mentor).action_approve()
        with self.assertRaisesRegex(ValidationError, "Say why you decline"):
            pairing.with_user(self.user_mentor).write({"state": "cancelled"})
        action = pairing.with_user(self.user_mentor).action_decline()
        wizard = Form(self.env[action["res_model"]].with_user(self.user_mentor).with_context(**action["context"]))
        wizard.reason = "Too many client visits this quarter."
        wizard.save().action_decline()
        self.assertEqual(pairing.state, "cancelled")
        self.assertEqual(pairing.decline_reason, "Too many client visits this quarter.")

    def test_decline_only_before_approval(self):
        pairing = self._pairing(self.mentee_x)
        with self.assertRaisesRegex(UserError, "Only a proposed pairing"):
            pairing.with_user(self.user_mentor).action_decline()
        with self.assertRaises(AccessError):
            pairing.with_user(self.user_mentor).write({"state": "cancelled", "decline_reason": "no"})

    def test_head_of_another_department_cannot_approve(self):
        pairing = self._pairing(self.mentee_x, state="proposed")
        with self.assertRaises(AccessError):
            pairing.with_user(self.user_head_y).action_approve()

    def test_head_of_parent_department_approves(self):
        # Xavier is in Key Accounts, a sub-department of Hanna's Sales
        pairing = self._pairing(self.mentee_x, state="proposed")
        pairing.with_user(self.user_head_x).action_approve()
        self.assertEqual(pairing.state, "active")

    def test_head_cannot_change_other_fields(self):
        pairing = self._pairing(self.mentee_x, state="proposed")
        with self.assertRaises(AccessError):
            pairing.with_user(self.user_head_x).write({"mentor_id": self.mentor_y.id})

    def test_only_coordinators_create_pairings(self):
        with self.assertRaises(AccessError):
            self.env["hr.mentoring.pairing"].with_user(self.user_head_x).create(
                {"program_id": self.program.id, "mentor_id": self.mentor.id, "mentee_id": self.mentee_x.id}
            )
        pairing = (
            self.env["hr.mentoring.pairing"]
            .with_user(self.user_coordinator)
            .create({"program_id": self.program.id, "mentor_id": self.mentor.id, "mentee_id": self.mentee_x.id})
        )
        self.assertEqual(pairing.state, "draft")
        self.assertEqual(pairing.department_id, self.dept_x_sub)
        self.assertEqual(pairing.company_id, self.company)

    def test_deleting_a_proposal_updates_the_menus(self):
        mentee_group = self.env.ref("hr_mentoring.group_mentoring_mentee")
        pairing = self._pairing(self.mentee_y, mentor=self.mentor_y, state="proposed")
        self.assertIn(self.user_mentee_y, mentee_group.users)
        pairing.unlink()
        self.assertNotIn(self.user_mentee_y, mentee_group.users)
