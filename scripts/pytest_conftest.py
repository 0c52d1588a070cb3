"""pytest hooks of hr_mentoring's test run (scripts/test.sh copies this file as
``conftest.py`` next to the addon's copy, with a ``pytest.ini``).

pytest-odoo runs the module's tests; these hooks add what Odoo's own runner did
and the project relies on:

- a WARNING or worse logged by Odoo fails the run: a test during which one was
  logged fails with the log lines (its setup, call or teardown), and one logged
  outside any test (loading the registry, starting the server) fails the session;
  what a test expects it catches itself (``assertLogs``, ``mute_logger``);
- ``odoo.modules.module.current_test`` names the running test, as Odoo's runner
  sets it: Odoo then sends no e-mail and checks the test cursors (pytest-odoo
  only does so from Odoo 19 on);
- ``TEST_HTTP_PORT`` chooses the port of the server the browser tours talk to
  (pytest-odoo picks a free one otherwise).
"""

import logging
import os

import pytest

LEVEL = logging.WARNING


class _Recorder(logging.Handler):
    """Keeps the records of WARNING and above, with the test they belong to."""

    def __init__(self):
        super().__init__(LEVEL)
        self.by_test = {}
        self.outside = []
        self.current = None

    def filter(self, record):
        # pytest-odoo imports Odoo's test framework before it turns the test
        # mode on (which must stay off while the registry loads, or Odoo runs
        # every module's at_install tests): Odoo's complaint is about that order
        return not (record.name == "odoo.tests.common" and str(record.msg).startswith("Importing test framework"))

    def emit(self, record):
        try:
            line = self.format(record)
        except Exception:  # noqa: BLE001 - a broken record must not hide the others
            line = f"{record.levelname} {record.name}: {record.msg!r}"
        if self.current:
            self.by_test.setdefault(self.current, []).append(line)
        else:
            self.outside.append(line)


RECORDER = _Recorder()
RECORDER.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))


def pytest_configure(config):
    port = os.environ.get("TEST_HTTP_PORT")
    if port:
        import pytest_odoo

        pytest_odoo._get_available_random_port = lambda: int(port)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_cmdline_main(config):
    # before pytest-odoo reads Odoo's configuration and imports its test framework
    logging.getLogger().addHandler(RECORDER)
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    import odoo.modules.module

    RECORDER.current = item.nodeid
    odoo.modules.module.current_test = getattr(item, "instance", None) or True
    try:
        yield
    finally:
        odoo.modules.module.current_test = False
        RECORDER.current = None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    lines = RECORDER.by_test.pop(item.nodeid, None) if report.when in ("call", "teardown") else None
    if not lines and report.when == "setup" and not report.passed:
        lines = RECORDER.by_test.pop(item.nodeid, None)
    if lines:
        report.outcome = "failed"
        text = "\n".join(lines)
        previous = f"{report.longreprtext}\n\n" if report.longreprtext else ""
        report.longrepr = f"{previous}Odoo logged {len(lines)} warning(s) or error(s) during this test:\n{text}"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if RECORDER.outside:
        terminalreporter.section("warnings and errors in the Odoo log outside the tests", red=True)
        for line in RECORDER.outside:
            terminalreporter.line(line)


def pytest_sessionfinish(session, exitstatus):
    if RECORDER.outside and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
