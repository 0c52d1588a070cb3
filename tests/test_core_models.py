from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.mail_activity import MENTORING_MODELS
from .common import MentoringCase


@tagged("post_install", "-at_install", "upgrade", "access")
class TestCoreModelsUnchanged(MentoringCase):
    """Installing the module must not make other parts of Odoo fail or differ:
    what it adds to core models holds when its code is not loaded, and core's
    own checks keep their errors."""

    def test_no_record_rule_on_core_models(self):
        """A record rule on another module's model that names this module's
        fields breaks that model whenever this module's code is not loaded
        (Odoo's runner tests modules as they load): the module restricts core
        models in Python only."""
        rules = (
            self.env["ir.rule"]
            .search([])
            .filtered(
                lambda r: r.get_external_id()[r.id].startswith("hr_mentoring.")
                and not r.model_id.model.startswith("hr.mentoring.")
            )
        )
        self.assertFalse(rules, "record rules of the module on core models: %s" % rules.mapped("name"))
        field_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", "hr_mentoring"), ("model", "=", "ir.model.fields")])
            .mapped("res_id")
        )
        own_fields = (
            self.env["ir.model.fields"].browse(field_ids).filtered(lambda f: not f.model.startswith("hr.mentoring."))
        )
        own_names = set(own_fields.mapped("name"))
        self.assertIn("mentor_state", own_names)
        for rule in self.env["ir.rule"].search([("model_id.model", "not like", "hr.mentoring.%")]):
            named = {name for name in own_names if name in (rule.domain_force or "")}
            self.assertFalse(named, f"the rule {rule.name} names this module's fields {named}")

    def test_survey_answers_restricted_in_python(self):
        """The answers given in a mentoring programme stay the coordinators'
        (search, read, read_group, write), without a record rule."""
        survey = self.env["survey.survey"].create({"title": "Pilot feedback"})
        Answer = self.env["survey.user_input"]
        answer = Answer.create({"survey_id": survey.id, "mentoring_program_id": self.program.id})
        other = Answer.create({"survey_id": survey.id})
        user = self.user_outsider
        user.groups_id |= self.env.ref("survey.group_survey_user")
        self.env.invalidate_all()
        as_user = Answer.with_user(user)
        found = as_user.search([("survey_id", "=", survey.id)])
        self.assertEqual(found, other.with_user(user))
        groups = as_user._read_group([("survey_id", "=", survey.id)], [], ["__count"])
        self.assertEqual(groups[0][0], 1)
        with self.assertRaises(AccessError):
            answer.with_user(user).read(["state"])
        with self.assertRaises(AccessError):
            answer.with_user(user).write({"nickname": "changed"})
        self.env.invalidate_all()
        self.assertFalse(answer.nickname)
        # the programme's coordinator reads it
        self.assertIn(answer, Answer.with_user(self.user_coordinator).search([("survey_id", "=", survey.id)]))

    def test_employee_write_keeps_core_access_error(self):
        """hr's own test writes 'dummy' to every protected field as the
        employee: the mentor fields answer with Odoo's AccessError, not a raw
        ValueError of this module's value checks."""
        for fname in ("mentor_state", "mentor_selection_method", "mentor_capacity"):
            with self.assertRaises(AccessError):
                self.mentee_x.with_user(self.user_mentee_x).write({fname: "dummy"})
            with self.assertRaises(AccessError):
                self.mentor.with_user(self.user_mentee_x).write({fname: "dummy"})
        self.env.invalidate_all()
        self.assertEqual(self.mentor.mentor_state, "approved")

    def test_employee_inserted_without_the_module_code(self):
        """The required mentor status has a database default: a row inserted
        by code that does not know the field (another module's tests, run
        before this module is loaded) is not refused by the NOT NULL."""
        self.env.cr.execute(
            """SELECT column_default, is_nullable FROM information_schema.columns
               WHERE table_name = 'hr_employee' AND column_name = 'mentor_state'"""
        )
        default, nullable = self.env.cr.fetchone()
        self.assertEqual(nullable, "NO")
        self.assertIn("'none'", default)


@tagged("post_install", "-at_install", "access")
class TestProtectedActivityTypes(MentoringCase):
    """Which activities a mentor or mentee may not change or remove is data:
    a flag on the activity type, so that a new type is not forgotten."""

    def test_module_types_are_protected(self):
        types = (
            self.env["mail.activity.type"]
            .search([("res_model", "in", MENTORING_MODELS)])
            .filtered(lambda t: t.get_external_id()[t.id].startswith("hr_mentoring."))
        )
        self.assertGreaterEqual(len(types), 7)
        self.assertTrue(all(types.mapped("mentoring_protected")))

    def test_mentor_cannot_delete_at_risk_activity(self):
        pairing = self._pairing(self.mentee_x)
        activity = pairing.activity_schedule(
            "hr_mentoring.mail_activity_type_at_risk", user_id=self.user_coordinator.id, summary="At risk"
        )
        for user in (self.user_mentor, self.user_mentee_x):
            with self.assertRaises(AccessError):
                activity.with_user(user).unlink()
            with self.assertRaises(AccessError):
                activity.with_user(user).write({"summary": "Nothing to see"})
        self.env.invalidate_all()
        self.assertTrue(activity.exists())
        self.assertEqual(activity.summary, "At risk")
        # the coordinator may
        activity.with_user(self.user_coordinator).write({"summary": "Checked"})
        self.assertEqual(activity.summary, "Checked")

    def test_new_protected_type(self):
        """A type an administrator flags is protected like the module's own."""
        pairing = self._pairing(self.mentee_x)
        new_type = self.env["mail.activity.type"].create(
            {"name": "HR follow-up", "res_model": "hr.mentoring.pairing", "mentoring_protected": True}
        )
        activity = pairing.activity_schedule(activity_type_id=new_type.id, user_id=self.user_head_x.id)
        with self.assertRaises(AccessError):
            activity.with_user(self.user_mentor).unlink()
        new_type.mentoring_protected = False
        self.env.invalidate_all()
        activity.with_user(self.user_mentor).write({"summary": "The mentor may now"})
        self.assertEqual(activity.summary, "The mentor may now")
