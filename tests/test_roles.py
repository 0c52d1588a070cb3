"""Role menus follow the data, at once, and nobody makes themself a head.

Coordinators are a group; mentors, mentees and department heads follow from
the data. Their menus come from groups that ``res.users._mentoring_sync_role_groups``
keeps in sync from employee, department and pairing writes; their records from
record rules written as field paths. Both must change the moment the data
changes, with no cache left behind.
"""

from odoo import Command
from odoo.exceptions import AccessError, MissingError
from odoo.tests import tagged

from .common import MentoringCase

MENUS = {
    "root": ("menu_root",),
    "mentor": (
        "menu_my_mentoring",
        "menu_my_mentees",
        "menu_events_to_sign",
        "menu_my_skill_proposals",
        # the menus a mentor keeps as a participant of an ended pairing
        "menu_my_goals",
        "menu_my_evaluations",
        "menu_my_preferences",
        "menu_my_regulations",
    ),
    "mentee": (
        "menu_my_mentoring",
        "menu_my_pairing",
        "menu_my_plan",
        "menu_my_goals",
        "menu_my_evaluations",
        "menu_my_preferences",
        "menu_my_regulations",
    ),
    "head": (
        "menu_my_departments",
        "menu_department_pairings",
        "menu_department_overdue",
        "menu_department_to_review",
        "menu_department_goals",
        "menu_department_approvals",
        "menu_department_regulations",
        "menu_reporting",
        "menu_report_on_time",
        "menu_report_scores",
        "menu_report_progress",
        "menu_report_monitoring",
    ),
    "coordinator": (
        "menu_programs_root",
        "menu_programs",
        "menu_pairings",
        "menu_events",
        "menu_evaluations",
        "menu_goals",
        "menu_skill_proposals",
        "menu_acknowledgements",
        "menu_find_mentor",
        "menu_cohort",
        "menu_notes",
        "menu_mentors_root",
        "menu_mentor_pool",
        "menu_mentor_ranking",
        "menu_reporting",
        "menu_report_on_time",
        "menu_report_scores",
        "menu_report_progress",
        "menu_report_stages",
        "menu_report_monitoring",
        "menu_config",
        "menu_config_templates",
        "menu_config_scales",
        "menu_config_criteria",
    ),
}
ROLE_GROUPS = (
    "group_mentoring_mentor",
    "group_mentoring_participant",
    "group_mentoring_mentee",
    "group_mentoring_head",
)


def menus_of(*roles):
    if not roles:
        return set()
    return {xmlid for role in ("root", *roles) for xmlid in MENUS[role]}


@tagged("post_install", "-at_install", "upgrade", "access")
class TestRoleMenus(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairing_x, cls.pairing_y = cls._pairings_x_y()
        cls.menu_xmlids = {
            data.res_id: data.name
            for data in cls.env["ir.model.data"].search([("module", "=", "hr_mentoring"), ("model", "=", "ir.ui.menu")])
        }

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _menus(self, user):
        """The mentoring menus ``user`` sees, as the web client loads them
        (``load_menus`` is cached per user: a stale cache would show here)."""
        self.env.invalidate_all()
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return {
            self.menu_xmlids[menu["id"]]
            for menu in menus.values()
            if isinstance(menu, dict) and menu.get("id") in self.menu_xmlids
        }

    def _roles(self, user):
        return {xmlid for xmlid in ROLE_GROUPS if user.has_group(f"hr_mentoring.{xmlid}")}

    def _reads(self, user, pairing):
        """Whether ``user`` finds and reads ``pairing``, as a fresh request would."""
        self.env.invalidate_all()
        Pairing = self.env["hr.mentoring.pairing"].with_user(user)
        found = bool(Pairing.search([("id", "=", pairing.id)]))
        try:
            Pairing.browse(pairing.id).read(["state"])
            readable = True
        except AccessError:
            readable = False
        self.assertEqual(found, readable, "search and read agree")
        return readable

    # ------------------------------------------------------------------
    # menus per role
    # ------------------------------------------------------------------

    def test_menus_per_role(self):
        expected = {
            self.user_coordinator: menus_of("coordinator"),
            self.user_head_x: menus_of("head"),
            self.user_head_y: menus_of("head"),
            self.user_mentor: menus_of("mentor"),
            self.user_mentor_y: menus_of("mentor"),
            self.user_mentee_x: menus_of("mentee"),
            self.user_mentee_y: menus_of("mentee"),
            self.user_outsider: set(),
            self.user_hr_officer: set(),
            self.user_other_company: menus_of("coordinator"),
        }
        for user, menus in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._menus(user), menus)
        self.assertEqual(self._roles(self.user_mentor), {"group_mentoring_mentor", "group_mentoring_participant"})
        self.assertEqual(self._roles(self.user_mentee_x), {"group_mentoring_mentee", "group_mentoring_participant"})
        self.assertEqual(self._roles(self.user_head_x), {"group_mentoring_head"})
        self.assertEqual(self._roles(self.user_outsider), set())

    def test_role_groups_grant_no_access(self):
        """The synced groups only show menus: no access line and no rule uses them."""
        groups = self.env["res.groups"].browse([self.env.ref(f"hr_mentoring.{xmlid}").id for xmlid in ROLE_GROUPS])
        self.assertFalse(self.env["ir.model.access"].search([("group_id", "in", groups.ids)]))
        self.assertFalse(self.env["ir.rule"].search([("groups", "in", groups.ids)]))
        self.assertFalse(groups.implied_ids)
        self.user_outsider.groups_id |= groups
        self.assertFalse(self._reads(self.user_outsider, self.pairing_x))

    # ------------------------------------------------------------------
    # department heads follow the department managers
    # ------------------------------------------------------------------

    def test_new_department_manager_sees_at_once_and_loses_at_once(self):
        key_accounts = self.dept_x_sub
        self.assertFalse(self._reads(self.user_outsider, self.pairing_x))
        self.assertEqual(self._menus(self.user_outsider), set())
        # an HR officer makes Otto the manager of Key Accounts, Xavier's department
        key_accounts.with_user(self.user_hr_officer).manager_id = self.emp_outsider
        self.assertTrue(self._reads(self.user_outsider, self.pairing_x))
        self.assertEqual(self._menus(self.user_outsider), menus_of("head"))
        self.assertTrue(self.pairing_x.with_user(self.user_outsider).is_department_head)
        self.assertFalse(self._reads(self.user_outsider, self.pairing_y))
        self.assertTrue(self._reads(self.user_head_x, self.pairing_x), "the head of the parent department keeps it")
        # and hands it over to Yusuf
        key_accounts.with_user(self.user_hr_officer).manager_id = self.emp_head_y
        self.assertFalse(self._reads(self.user_outsider, self.pairing_x))
        self.assertEqual(self._menus(self.user_outsider), set())
        self.assertTrue(self._reads(self.user_head_y, self.pairing_x))

    def test_head_change_leaves_no_cache_behind(self):
        Pairing = self.env["hr.mentoring.pairing"]
        # warm every cache: record rules, menus, the search of the head's departments
        self.assertTrue(self._reads(self.user_head_x, self.pairing_x))
        self.assertEqual(Pairing.with_user(self.user_head_x).search_count([("is_department_head", "=", True)]), 1)
        self.assertEqual(self._menus(self.user_head_x), menus_of("head"))
        self.dept_x.manager_id = self.emp_head_y
        self.assertFalse(self._reads(self.user_head_x, self.pairing_x))
        self.assertEqual(Pairing.with_user(self.user_head_x).search_count([("is_department_head", "=", True)]), 0)
        self.assertEqual(self._menus(self.user_head_x), set())
        self.assertEqual(Pairing.with_user(self.user_head_y).search_count([("is_department_head", "=", True)]), 2)
        # archiving the department ends the headship too
        self.dept_x.manager_id = self.emp_head_x
        self.assertTrue(self._reads(self.user_head_x, self.pairing_x))
        self.dept_x_sub.action_archive()
        self.dept_x.action_archive()
        self.assertFalse(self._reads(self.user_head_x, self.pairing_x))
        self.assertEqual(self._menus(self.user_head_x), set())

    def test_deleted_department_removes_head_menus(self):
        lab = self.env["hr.department"].create({"name": "Lab", "manager_id": self.emp_outsider.id})
        self.assertEqual(self._menus(self.user_outsider), menus_of("head"))
        lab.with_user(self.user_hr_officer).unlink()
        self.assertEqual(self._menus(self.user_outsider), set())

    # ------------------------------------------------------------------
    # mentors and mentees follow their status and pairings
    # ------------------------------------------------------------------

    def test_newly_approved_mentor_gets_mentor_menus(self):
        employee = self.emp_outsider.with_user(self.user_coordinator)
        employee.action_mentor_nominate()
        self.assertEqual(self._menus(self.user_outsider), set())
        employee.action_mentor_approve()
        self.assertEqual(self._menus(self.user_outsider), menus_of("mentor"))
        employee.action_mentor_suspend()
        self.assertEqual(self._menus(self.user_outsider), set())

    def test_suspended_mentor_keeps_menus_while_guiding(self):
        self.mentor.with_user(self.user_coordinator).action_mentor_suspend()
        self.assertEqual(self._menus(self.user_mentor), menus_of("mentor"), "Maria still signs Xavier's plan")
        self.assertTrue(self._reads(self.user_mentor, self.pairing_x))
        self.pairing_x.with_user(self.user_coordinator).action_done()
        self.assertEqual(self._menus(self.user_mentor), {"menu_root", "menu_my_mentoring", *MENUS["mentor"][4:]})
        self.assertTrue(self._reads(self.user_mentor, self.pairing_x), "a mentor keeps reading a pairing that ended")

    def test_pairings_make_mentees_and_mentors(self):
        self.assertEqual(self._menus(self.user_outsider), set())
        proposed = self._pairing(self.emp_outsider, mentor=self.mentor_y, state="proposed", program=self.program_2)
        self.assertEqual(self._menus(self.user_outsider), menus_of("mentee"))
        self.assertTrue(self._reads(self.user_outsider, proposed))
        proposed.with_user(self.user_coordinator).action_cancel()
        self.assertEqual(self._menus(self.user_outsider), set())
        # a draft pairing is the coordinator's: no menus, no access yet
        draft = self._pairing(self.emp_outsider, mentor=self.mentor_y, state="draft", program=self.program_2)
        self.assertEqual(self._menus(self.user_outsider), set())
        self.assertFalse(self._reads(self.user_outsider, draft))
        self.assertFalse(self._reads(self.user_mentor_y, draft))

    def test_replaced_mentor_loses_the_pairing_at_once(self):
        self.assertTrue(self._reads(self.user_mentor, self.pairing_x))
        self.pairing_x.with_user(self.user_coordinator).mentor_id = self.mentor_y
        self.assertFalse(self._reads(self.user_mentor, self.pairing_x))
        self.assertTrue(self._reads(self.user_mentor_y, self.pairing_x))
        self.assertEqual(self._menus(self.user_mentor), menus_of("mentor"), "Maria is still an approved mentor")

    def test_relinked_employee_moves_the_menus(self):
        newcomer = self.env["res.users"].create(
            {
                "name": "Nina",
                "login": "mentoring_test_nina",
                "groups_id": [Command.set([self.env.ref("base.group_user").id])],
            }
        )
        self.mentee_x.with_user(self.user_hr_officer).user_id = newcomer
        self.assertEqual(self._menus(newcomer), menus_of("mentee"))
        self.assertEqual(self._menus(self.user_mentee_x), set())
        self.assertTrue(self._reads(newcomer, self.pairing_x))
        self.assertFalse(self._reads(self.user_mentee_x, self.pairing_x))

    # ------------------------------------------------------------------
    # nobody becomes a department head by themself
    # ------------------------------------------------------------------

    def test_employees_cannot_make_themselves_heads(self):
        otto = self.user_outsider
        Department = self.env["hr.department"].with_user(otto)
        attempts = {
            "become manager": lambda: self.dept_x_sub.with_user(otto).write({"manager_id": self.emp_outsider.id}),
            "move a department": lambda: self.dept_x_sub.with_user(otto).write({"parent_id": self.dept_y.id}),
            "adopt a department": lambda: self.dept_y.with_user(otto).write(
                {"child_ids": [Command.link(self.dept_x_sub.id)]}
            ),
            "archive the head's department": lambda: self.dept_x.with_user(otto).write({"active": False}),
            "move the company": lambda: self.dept_x.with_user(otto).write({"company_id": self.other_company.id}),
            "create a department": lambda: Department.create({"name": "Mine", "manager_id": self.emp_outsider.id}),
            "create an empty department": lambda: Department.create({"name": "Mine"}),
            "add members": lambda: self.dept_x.with_user(otto).write({"member_ids": [Command.link(self.mentee_y.id)]}),
            "move oneself (employee)": lambda: self.emp_outsider.with_user(otto).write(
                {"department_id": self.dept_x.id}
            ),
            "move oneself (preferences)": lambda: otto.with_user(otto).write({"department_id": self.dept_x.id}),
            # Odoo refuses it on reading the private employee (MissingError)
            "link another employee": lambda: self.emp_head_x.with_user(otto).write({"user_id": otto.id}),
        }
        for label, attempt in attempts.items():
            error = MissingError if label == "link another employee" else AccessError
            with self.subTest(attempt=label), self.assertRaises(error):
                attempt()
        self.assertFalse(self._reads(otto, self.pairing_x))
        self.assertEqual(self._menus(otto), set())
        # a head cannot widen their own reach either
        for label, attempt in {
            "give a department away": lambda: self.dept_x_sub.with_user(self.user_head_x).write(
                {"manager_id": self.emp_outsider.id}
            ),
            "take a department in": lambda: self.dept_y.with_user(self.user_head_x).write(
                {"parent_id": self.dept_x.id}
            ),
        }.items():
            with self.subTest(attempt=label), self.assertRaises(AccessError):
                attempt()
        self.assertFalse(self._reads(self.user_head_x, self.pairing_y))

    def test_self_edit_moves_an_employee_but_makes_no_head(self):
        """With "employees edit their own data" on, Otto may move himself into
        Sales: that makes him a member, not a head."""
        self.env["ir.config_parameter"].sudo().set_param("hr.hr_employee_self_edit", True)
        self.user_outsider.with_user(self.user_outsider).write({"department_id": self.dept_x.id})
        self.assertEqual(self.emp_outsider.department_id, self.dept_x)
        self.assertFalse(self._reads(self.user_outsider, self.pairing_x))
        self.assertFalse(
            self.env["hr.mentoring.pairing"].with_user(self.user_outsider).search([("is_department_head", "=", True)])
        )
        self.assertEqual(self._menus(self.user_outsider), set())

    def test_head_is_not_head_of_their_own_pairing(self):
        """A manager who is a mentee in their own department neither approves
        their own pairing nor reads what only heads read about it."""
        own = self._pairing(self.emp_head_x, mentor=self.mentor_y, state="proposed", program=self.program_2)
        self.assertFalse(own.with_user(self.user_head_x).is_department_head)
        self.assertTrue(self._reads(self.user_head_x, own), "as the mentee")
        with self.assertRaises(AccessError):
            own.with_user(self.user_head_x).action_approve()
        self.assertEqual(own.state, "proposed")
        evaluation = self.env["hr.mentoring.evaluation"].create(
            {"pairing_id": own.id, "kind": "mentor_on_mentee", "evaluator_id": self.user_mentor_y.id}
        )
        for line in evaluation.line_ids:
            line.level_id = line.criterion_id.scale_id.level_ids[:1]
        evaluation.state = "submitted"
        self.env.invalidate_all()
        self.assertFalse(
            self.env["hr.mentoring.evaluation"].with_user(self.user_head_x).search([("id", "=", evaluation.id)]),
            "an evaluation not shared with her stays hidden from the mentee, head or not",
        )
        # Hanna still heads Xavier
        self.assertTrue(self.pairing_x.with_user(self.user_head_x).is_department_head)
