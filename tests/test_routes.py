import inspect

from odoo import http
from odoo.tests import HttpCase, tagged

from .. import controllers
from .test_reports import PLAN, PROGRAM, PROGRESS, ReportsCase

# Every route of the module and whether it reads on the replica. A new route
# is added here on purpose, with the answer to "does it write?".
ROUTES = {
    # reads the programme with the reader's rights and streams a workbook: no write
    "/hr_mentoring/program/<int:program_id>/xlsx": True,
}


def module_routes():
    """{route: readonly} of the module's controllers, as Odoo routes them."""
    routes = {}
    for module in (getattr(controllers, name) for name in dir(controllers)):
        if not inspect.ismodule(module) or not module.__name__.startswith(controllers.__name__):
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, http.Controller) or not cls.__module__.startswith(controllers.__name__):
                continue
            for _method_name, method in inspect.getmembers(cls, inspect.isfunction):
                routing = getattr(method, "original_routing", None)
                if routing is None:
                    continue
                # Odoo's default: read/write, except auth="none" routes
                readonly = routing.get("readonly", routing.get("auth") == "none")
                for route in routing["routes"]:
                    routes[route] = readonly
    return routes


@tagged("post_install", "-at_install")
class TestRoutes(ReportsCase):
    def test_readonly_routes_are_the_known_readers(self):
        """With a read replica (make serve REPLICA=1) a readonly route runs on
        the standby, where a write fails: only routes that never write are
        readonly, and the list of routes is the known one."""
        routes = module_routes()
        self.assertEqual(routes, ROUTES)
        self.assertEqual({route for route, readonly in routes.items() if readonly}, set(ROUTES))

    def test_no_module_method_is_readonly(self):
        """The web client's /web/dataset/call_kw and call_button run a method on
        the replica when it is marked @api.readonly: Odoo's own readers
        (web_search_read, read, ...) are, none of the module's actions may be."""
        readonly = []
        for model_name in self.env.registry:
            for cls in type(self.env[model_name]).mro():
                if not cls.__module__.startswith("odoo.addons.hr_mentoring."):
                    continue
                readonly += [
                    f"{model_name}.{name}"
                    for name, member in vars(cls).items()
                    if callable(member) and getattr(member, "_readonly", False)
                ]
        self.assertEqual(readonly, [])


@tagged("post_install", "-at_install")
class TestReadonlyRoutesHttp(HttpCase, ReportsCase):
    """The test server simulates the replica: a readonly route's transaction is
    ``SET TRANSACTION READ ONLY``. A write there would fail and Odoo would log
    a warning and run the request again on a read/write cursor."""

    def test_excel_export_writes_nothing(self):
        self.authenticate(self.user_coordinator.login, self.user_coordinator.login)
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(f"/hr_mentoring/program/{self.program.id}/xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"), "a workbook")

    def test_reports_write_nothing(self):
        """Odoo's /report/<converter>/... route is readonly: the module's
        reports keep no attachment of what they print, so printing writes
        nothing, for each role that prints."""
        cases = [
            (self.user_coordinator, PROGRAM, self.program),
            (self.user_head_x, PROGRAM, self.program),
            (self.user_mentor, PLAN, self.pairing_x),
            (self.user_head_x, PROGRESS, self.pairing_x),
        ]
        for user, report, records in cases:
            with self.subTest(user=user.login, report=report):
                self.assertFalse(self.env["ir.actions.report"]._get_report(report).attachment)
                self.authenticate(user.login, user.login)
                with self.assertNoLogs("odoo.http", "WARNING"):
                    response = self.url_open(f"/report/html/{report}/{records.id}")
                self.assertEqual(response.status_code, 200)
                self.assertIn(b"</html>", response.content)
