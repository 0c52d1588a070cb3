"""Every button of every form of the module shows exactly when pressing it passes.

The forms are read as each user gets them (``get_view``: the nodes of groups
the user is not in are gone), and each ``type="object"`` button's
``invisible`` expressions, its own and those of the nodes around it, are
evaluated on the record as that user reads it. A button is shown when one of
its nodes is (a form may show one method under two labels: "Create Plan" and
"Re-plan"). Then the method is called as that user, in a savepoint rolled
back afterwards: a shown button must pass, a hidden one must be refused
(AccessError, UserError or ValidationError). Buttons that open a wizard or
another window count as the others. Buttons of a list inside a form (the
programme's stages and adjustments) are checked on each line.

The users are the roles of the method, and two who have none: a coordinator,
a mentoring administrator, the mentee's department head, the mentor, the
mentee, an employee outside the pairing, and a user with no employee. The
records are in each state of their model. The wizards' own forms are left
out: they open only from a button checked here, and their confirm buttons
check that button's rule again (tests/test_access_matrix.py covers them).
"""

import ast
import logging
from collections import defaultdict
from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import MentoringCase

_logger = logging.getLogger(__name__)

ROLES = ("coordinator", "administrator", "head", "mentor", "mentee", "outsider", "no_employee")


class _Passed(Exception):
    """Undoes a button that went through."""


@tagged("post_install", "-at_install", "access")
class TestButtons(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_administrator = cls._user("ada", "base.group_user,hr_mentoring.group_mentoring_manager")
        cls._employee("Ada", user_id=cls.user_administrator.id)
        cls.user_no_employee = cls._user("nora")
        cls.roles = {
            "coordinator": cls.user_coordinator,
            "administrator": cls.user_administrator,
            "head": cls.user_head_x,
            "mentor": cls.user_mentor,
            "mentee": cls.user_mentee_x,
            "outsider": cls.user_outsider,
            "no_employee": cls.user_no_employee,
        }
        cls.today = fields.Date.context_today(cls.env["hr.mentoring.event"])
        cls.mentor.mentor_capacity = 4
        cls.records = defaultdict(list)
        cls._pairings()
        cls._events()
        cls._evaluations()
        cls._development()
        cls._programs()
        cls._employees()

    # ------------------------------------------------------------------
    # records in each state
    # ------------------------------------------------------------------

    @classmethod
    def _add(cls, label, record):
        cls.records[record._name].append((label, record))
        return record

    @classmethod
    def _program(cls, name, state="running"):
        return cls.env["hr.mentoring.program"].create(
            {
                "name": name,
                "coordinator_id": cls.user_coordinator.id,
                "state": state,
                "plan_template_id": cls.env.ref("hr_mentoring.plan_template_adaptation").id,
                "scale_id": cls.env.ref("hr_mentoring.scale_behaviour").id,
                "integration_criterion_ids": [Command.create({"name": "Works alone with clients"})],
            }
        )

    @classmethod
    def _pairings(cls):
        # one programme per pairing: any of them may become active alone
        cls.pairings = {}
        for state in ("draft", "proposed", "active", "done", "cancelled"):
            pairing = cls._pairing(cls.mentee_x, state=state, program=cls._program(f"Programme {state}"))
            cls.pairings[state] = cls._add(state, pairing)
        cls.pairing = cls.pairings["active"]
        paused = cls._pairing(cls.mentee_x, state="active", program=cls._program("Programme paused"))
        paused.write(
            {
                "paused_since": cls.today,
                "pause_return_date": cls.today + timedelta(days=7),
                "pause_reason": "Long leave",
                "health": "paused",
                "health_shared": "paused",
            }
        )
        cls._add("active and paused", paused)
        # a low fit check flagged the running pairing
        cls.pairing.fit_concern = True

    @classmethod
    def _events(cls):
        Event = cls.env["hr.mentoring.event"]
        later = cls.today + timedelta(days=10)

        def event(label, state="planned", **vals):
            record = Event.create(
                {
                    "pairing_id": cls.pairing.id,
                    "name": label.capitalize(),
                    "event_type": vals.pop("event_type", "feedback"),
                    "date_due": vals.pop("date_due", later),
                    **vals,
                }
            )
            if state != "planned":
                record.write({"state": state})
            return cls._add(label, record)

        event("planned")
        event("planned for the mentee", event_type="planned_discussion", responsible_role="mentee")
        event("evaluation to write", event_type="evaluation", evaluation_kind="mentor_on_mentee")
        event("done", "done")
        event("done and acknowledged", "done", acknowledged=True)
        event("done and reviewed", "done", reviewed=True)
        event("missed", "missed", date_due=cls.today - timedelta(days=3))
        explained = event("missed and explained", "missed", date_due=cls.today - timedelta(days=2))
        explained.missed_reason_category = "workload"
        event("cancelled", "cancelled")
        moved = event("moved by a cancelled time off", date_before_time_off=cls.today + timedelta(days=5))
        moved.restore_date = cls.today + timedelta(days=5)
        cls.self_evaluation_event = event("self-evaluation", event_type="evaluation", evaluation_kind="self")
        # submitting the self-evaluation (below) completes this event

    @classmethod
    def _evaluations(cls):
        Evaluation = cls.env["hr.mentoring.evaluation"]

        def evaluation(label, kind, evaluator, *steps, **vals):
            record = Evaluation.create(
                {"pairing_id": cls.pairing.id, "kind": kind, "evaluator_id": evaluator.id, **vals}
            )
            for line in record.line_ids:
                line.level_id = line.criterion_id.scale_id.level_ids.sorted("value")[2]
            for method in steps:
                getattr(record, method)()
            return cls._add(label, record)

        evaluation("mentor's draft", "mentor_on_mentee", cls.user_mentor)
        evaluation("mentor's submitted", "mentor_on_mentee", cls.user_mentor, "action_submit")
        evaluation("mentor's shared", "mentor_on_mentee", cls.user_mentor, "action_submit", "action_share")
        evaluation(
            "mentor's acknowledged",
            "mentor_on_mentee",
            cls.user_mentor,
            "action_submit",
            "action_share",
            "action_acknowledge",
        )
        evaluation(
            "self-evaluation submitted",
            "self",
            cls.user_mentee_x,
            "action_submit",
            event_id=cls.self_evaluation_event.id,
        )
        evaluation("feedback on the mentor submitted", "mentee_on_mentor", cls.user_mentee_x, "action_submit")
        evaluation("coordinator's draft", "coordinator_on_mentee", cls.user_coordinator)

    @classmethod
    def _development(cls):
        """The mentee's goals in each state, and skill levels proposed by the
        mentor's submitted evaluation, in each state."""
        Goal = cls.env["hr.mentoring.goal"]
        for state in ("draft", "agreed", "reached", "dropped"):
            goal = Goal.create(
                {
                    "pairing_id": cls.pairing.id,
                    "name": f"Goal {state}",
                    "measure": "Client calls handled alone",
                    "start_value": 0,
                    "target_value": 10,
                    "unit": "calls",
                    "date_target": cls.today + timedelta(days=60),
                }
            )
            if state in ("agreed", "reached"):
                now = fields.Datetime.now()
                goal.write({"mentor_agreed_on": now, "mentee_agreed_on": now, "state": "agreed"})
            if state in ("reached", "dropped"):
                goal.write({"state": state})
            cls._add(f"goal {state}", goal)
        skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Client Skills",
                "skill_ids": [Command.create({"name": "Client Calls"})],
                "skill_level_ids": [
                    Command.create({"name": "Beginner", "level_progress": 20}),
                    Command.create({"name": "Advanced", "level_progress": 80}),
                ],
            }
        )
        evaluation = next(
            record for label, record in cls.records["hr.mentoring.evaluation"] if label == "mentor's submitted"
        )
        for state in ("proposed", "confirmed", "rejected"):
            proposal = cls.env["hr.mentoring.skill.proposal"].create(
                {
                    "pairing_id": cls.pairing.id,
                    "evaluation_id": evaluation.id,
                    "skill_id": skill_type.skill_ids.id,
                    "skill_level_id": skill_type.skill_level_ids.sorted("level_progress")[-1].id,
                }
            )
            if state != "proposed":
                proposal.write({"state": state})
            cls._add(f"proposal {state}", proposal)

    @classmethod
    def _programs(cls):
        """A programme in each state, with its regulations and an ended
        pairing (its participants): nothing keeps it from closing."""
        for state in ("draft", "pilot", "running", "closed"):
            program = cls._program(f"Lifecycle {state}", state="draft" if state == "closed" else state)
            regulation = cls.env["ir.attachment"].create(
                {"name": "Rules.pdf", "raw": b"rules", "res_model": program._name, "res_id": program.id}
            )
            program.regulation_ids = regulation
            cls._pairing(cls.mentee_x, state="done", program=program)
            if state == "closed":
                program.state = "closed"
            cls._add(state, program)
            if state == "running":
                # a participant without a user account: others record their acknowledgement
                cls._pairing(cls._employee("Bruno Offline"), state="done", program=program)
                # the approved final report, as approving the pilot attaches it
                program.final_report_id = cls.env["ir.attachment"].create(
                    {"name": "Final Report.pdf", "raw": b"%PDF-1.4", "res_model": program._name, "res_id": program.id}
                )
                program.action_launch_campaign()
                acks = program.acknowledgement_ids
                mine = acks.filtered(lambda a: a.user_id == cls.user_mentor)
                mine.with_user(cls.user_mentor).action_acknowledge()
                for ack in acks:
                    cls._add(f"{ack.role}'s {ack.state}", ack)
                stages = program.stage_ids.sorted("sequence")
                for stage, stage_state in zip(stages, ("todo", "in_progress", "done", "skipped"), strict=False):
                    stage.write({"state": stage_state, "skip_reason": "Done elsewhere."})
                    cls._add(f"{stage_state}", stage)
                (stages - stages[:4]).write({"skip_reason": "Done elsewhere."})
            if state == "pilot":
                Adjustment = cls.env["hr.mentoring.program.adjustment"]
                Adjustment.create(
                    {"program_id": program.id, "name": "Weekly talks", "reason": "Feedback.", "state": "draft"}
                )
                Adjustment.create({"program_id": program.id, "name": "Scale", "reason": "Figures."})
            if state == "closed":
                stage = program.stage_ids.sorted("sequence")[:1]
                stage.skip_reason = "Done elsewhere."
                cls._add("todo in a closed programme", stage)

    @classmethod
    def _employees(cls):
        for state in ("none", "candidate", "in_training", "approved", "suspended"):
            cls._add(state, cls._employee(f"Mentor {state}", mentor_state=state))
            # without a user account, approved only when a coordinator signs for them
            cls._add(
                f"{state}, signed for",
                cls._employee(f"Offline mentor {state}", mentor_state=state, mentor_coordinator_signs=True),
            )

    # ------------------------------------------------------------------
    # the forms as each user sees them
    # ------------------------------------------------------------------

    def _module_methods(self, model):
        """The methods hr_mentoring defines on ``model``: the buttons it adds."""
        names = set()
        for klass in type(self.env[model]).mro():
            if klass.__module__.startswith("odoo.addons.hr_mentoring."):
                names.update(attr for attr, value in vars(klass).items() if callable(value))
        return names

    def _module_forms(self):
        """{model: view ids}: the forms of the module's records (the form an
        extension extends); wizards left out."""
        data = self.env["ir.model.data"].search([("module", "=", "hr_mentoring"), ("model", "=", "ir.ui.view")])
        forms = defaultdict(set)
        for view in self.env["ir.ui.view"].browse(data.mapped("res_id")):
            if view.type != "form" or self.env[view.model]._transient:
                continue
            root = view
            while root.mode != "primary" and root.inherit_id:
                root = root.inherit_id
            forms[view.model].add(root.id)
        return forms

    def _buttons(self, model, view_id, user):
        """{(model of the button's record, field of its list or None, method):
        [chains]} of the module's object buttons in the form as ``user``
        gets it; a chain lists (invisible expression, on the form's record)."""
        try:
            arch = self.env[model].with_user(user).get_view(view_id, "form")["arch"]
        except AccessError:
            return {}
        buttons = defaultdict(list)
        for node in etree.fromstring(arch).iter("button"):
            if node.get("type") != "object":
                continue
            chain, list_field = [], None
            for element in (node, *node.iterancestors()):
                if element is not node and element.tag == "field" and list_field is None:
                    list_field = element.get("name")
                if element.get("invisible"):
                    chain.append((element.get("invisible"), list_field is not None))
            owner = self.env[model]._fields[list_field].comodel_name if list_field else model
            if node.get("name") in self._module_methods(owner):
                buttons[(owner, list_field, node.get("name"))].append(chain)
        return buttons

    def _eval(self, expression, record):
        """The value of a view expression on ``record``, as the web client has it."""
        values = {}
        for node in ast.walk(ast.parse(expression.strip(), mode="eval")):
            if not isinstance(node, ast.Name) or node.id in ("True", "False", "None"):
                continue
            name = node.id
            if name == "id":
                values[name] = record.id
            elif name in record._fields:
                value = record[name]
                field = record._fields[name]
                if field.type == "many2one":
                    value = value.id
                elif field.type in ("one2many", "many2many"):
                    value = value.ids
                values[name] = value
            else:
                self.fail(f"{expression!r} reads {name}, which the test does not know")
        return bool(safe_eval(expression, values))

    def _shown(self, chains, record, parent):
        """Whether one of the button's nodes shows on ``record`` (a line of ``parent``'s list, or the form's)."""
        return any(
            not any(self._eval(expression, parent if on_form else record) for expression, on_form in chain)
            for chain in chains
        )

    def _passes(self, record, method):
        """Whether ``record.method()`` goes through (then undone), or is refused."""
        self.env.invalidate_all()
        try:
            with self.env.cr.savepoint():
                getattr(record, method)()
                self.env.flush_all()
                raise _Passed()
        except _Passed:
            return True
        except UserError:  # AccessError and ValidationError too
            return False
        finally:
            self.env.invalidate_all()

    # ------------------------------------------------------------------
    # the test
    # ------------------------------------------------------------------

    def _cases(self, forms, archs):
        """(form model, view id, button key, label, record, form's record) of every button to check."""
        for model, view_ids in forms.items():
            for view_id in view_ids:
                keys = set().union(*(archs[(model, view_id, role)] for role in self.roles))
                for key in sorted(keys, key=str):
                    owner, list_field, _method = key
                    if not list_field:
                        self.assertTrue(self.records.get(owner), f"{owner}: buttons and no record to press them on")
                        for label, record in self.records[owner]:
                            yield model, view_id, key, label, record, record
                        continue
                    # the lines of the list: those of the records in each state, when the test has them
                    known = self.env[owner].union(*(record for _label, record in self.records.get(owner, [])))
                    for parent_label, parent in self.records[model]:
                        lines = parent[list_field]
                        for line in lines & known if known else lines:
                            yield model, view_id, key, f"{line.display_name} ({parent_label})", line, parent

    def test_every_button_shows_exactly_when_it_passes(self):
        forms = self._module_forms()
        self.assertTrue({"hr.mentoring.pairing", "hr.mentoring.event", "hr.mentoring.program"} <= set(forms))
        archs = {
            (model, view_id, role): self._buttons(model, view_id, user)
            for model, view_ids in forms.items()
            for view_id in view_ids
            for role, user in self.roles.items()
        }
        mismatches = []
        shown_once = defaultdict(bool)
        table = defaultdict(lambda: defaultdict(list))
        checked = 0
        for model, view_id, key, label, record, parent in self._cases(forms, archs):
            owner, _list_field, method = key
            for role, user in self.roles.items():
                self.env.invalidate_all()
                chains = archs[(model, view_id, role)].get(key)
                readable = parent.with_user(user).has_access("read") and record.with_user(user).has_access("read")
                shown = bool(
                    chains and readable and self._shown(chains, record.with_user(user), parent.with_user(user))
                )
                passes = self._passes(record.with_user(user), method)
                checked += 1
                shown_once[key] |= shown
                if shown:
                    table[f"{owner}.{method}"][role].append(label)
                if shown != passes:
                    mismatches.append(
                        f"{owner} {label!r} {method} as {role}: "
                        + ("shown, but refused" if shown else "hidden, but the server accepts it")
                    )
        lines = [
            f"{button}: " + "; ".join(f"{role} ({', '.join(labels)})" for role, labels in by_role.items())
            for button, by_role in sorted(table.items())
        ]
        _logger.info("Buttons shown, by role (and the records they show on):\n%s", "\n".join(lines))
        self.assertGreater(checked, 1000)
        self.assertFalse(mismatches, "\n" + "\n".join(mismatches))
        never = sorted(f"{owner}.{method}" for (owner, _f, method), shown in shown_once.items() if not shown)
        self.assertFalse(never, "buttons that no record of the test shows: give them a record")

    def test_the_coordinator_signs_an_evaluation_event(self):
        """The server lets a coordinator close an evaluation event that waits for
        its evaluation: the Sign button shows for them, not for the mentor."""
        event = dict(self.records["hr.mentoring.event"])["evaluation to write"]
        self.env.invalidate_all()
        self.assertTrue(event.with_user(self.user_coordinator).can_sign)
        self.assertFalse(event.with_user(self.user_mentor).can_sign)
        with self.assertRaisesRegex(UserError, "done when its evaluation is submitted"):
            event.with_user(self.user_mentor).action_mark_done()
        event.with_user(self.user_coordinator).action_mark_done()
        self.assertEqual(event.state, "done")
