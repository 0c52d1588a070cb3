"""Turn an Odoo test log into a pytest-style verdict.

Usage: test_summary.py [--no-tests] [--warnings-of REGEX] [--known-failures FILE]
                       LOGFILE ODOO_EXIT_CODE SECONDS_OR_LABEL

With --no-tests (install, upgrade, uninstall checks) only the log's warnings,
errors and the exit code count. With --warnings-of (Odoo's own suites run beside
the module's: make odoo-test), a WARNING line counts only when it matches REGEX
(this module's); ERROR and CRITICAL lines always count. --known-failures names,
one `Class.method` a line, the tests of Odoo's own suites that fail on this machine
without the module too (a baseline run): their failures, and the lines their own
loggers (a tour's browser) print while failing, are reported, not counted.

Prints the failures and any WARNING/ERROR line, then `N passed in Xs` (or
`N passed, F failed, E errors`), and exits non-zero when anything went wrong:
a failed test, an error, a warning or error logged anywhere (install included),
or no test run at all.
"""

import re
import sys

LEVEL = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): ")
FAILURE = re.compile(r": (?:FAIL|ERROR): (?:Subtest )?(?P<test>[\w.]+)")
RESULT = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests when loading database")
# Odoo's own noise that says nothing about this module.
IGNORED = (
    # wkhtmltopdf is found by PATH lookup; its version banner is informational
    "You need Wkhtmltopdf to print a pdf version of the reports",
)


def main(log_path, odoo_rc, seconds, expect_tests=True, warnings_of=None, known=frozenset()):
    with open(log_path, encoding="utf-8", errors="replace") as fh:
        lines = fh.read().splitlines()
    bad, failed, errors, run = [], None, None, None
    known_seen = set()
    known_count = 0
    current = None
    for line in lines:
        match = LEVEL.match(line)
        if match:
            current = None
            level = match["level"]
            counted = level in ("ERROR", "CRITICAL") or (
                # the logger and the message, not the database's name
                level == "WARNING" and (warnings_of is None or warnings_of.search(line[match.end("db") :]))
            )
            failure = FAILURE.search(line)
            if failure and failure["test"] in known:
                known_seen.add(failure["test"])
                known_count += 1
                counted = False
            elif any(f".{test}." in match["logger"] + "." for test in known):
                # what a known failure's browser or test logger prints while it fails
                counted = False
            result = RESULT.search(line)
            if result:
                failed, errors, run = (int(result[k]) for k in ("failed", "errors", "run"))
                # the counts are checked below, the known failures taken off
                counted = counted and not known
            if counted and not any(i in line for i in IGNORED):
                current = [line]
                bad.append(current)
        elif current is not None and len(current) < 60:
            current.append(line)
    if bad:
        print("\n=============== warnings and errors in the log ===============")
        for block in bad:
            print("\n".join(block))
    if not expect_tests:
        print(f"{seconds}: exit code {odoo_rc}, {len(bad)} log warnings/errors")
        return 0 if not bad and odoo_rc == 0 else 1
    if run is None:
        print(f"\nno test result found in {log_path} (Odoo exit code {odoo_rc})")
        run = failed = errors = 0
    if known_seen:
        print(f"known failures of Odoo's own suites on this machine, without the module too: {sorted(known_seen)}")
        failed = max(failed + errors - known_count, 0)
        errors = 0
        # Odoo's exit code says a test failed: the known ones alone do not count
        odoo_rc = 0 if not failed else odoo_rc
    ok = not bad and odoo_rc == 0 and run and not failed and not errors
    passed = max(run - failed - errors, 0)
    parts = [f"{passed} passed"]
    if failed:
        parts.append(f"{failed} failed")
    if errors:
        parts.append(f"{errors} errors")
    if bad:
        parts.append(f"{len(bad)} log warnings/errors")
    verdict = ", ".join(parts) + f" in {seconds}s"
    print(("=" * 20) + f" {verdict} " + ("=" * 20))
    return 0 if ok else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    expect = "--no-tests" not in args
    args = [a for a in args if a != "--no-tests"]
    own = None
    if "--warnings-of" in args:
        at = args.index("--warnings-of")
        own = re.compile(args[at + 1])
        del args[at : at + 2]
    known_tests = frozenset()
    if "--known-failures" in args:
        at = args.index("--known-failures")
        with open(args[at + 1], encoding="utf-8") as fh:
            known_tests = frozenset(stripped for row in fh if (stripped := row.split("#", 1)[0].strip()))
        del args[at : at + 2]
    sys.exit(main(args[0], int(args[1]), args[2], expect_tests=expect, warnings_of=own, known=known_tests))
