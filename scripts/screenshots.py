"""Take the README's screenshots from a running Odoo with the demo data.

Usage: screenshots.py --url http://localhost:8471 --db mentoring_shots --out docs/screenshots \
    --app-out static/description

The pictures that Odoo's app page shows too (``APP_PAGE_SHOTS``) go to
``--app-out`` only, so that each picture has one copy: README.md links them there.

Drives headless Chromium through the Chrome DevTools protocol (websocket-client,
already in the project's requirements): logs in as each role's demo user
(password = login), opens the role's main screen (the coordinator's programme,
pairings and Find a Mentor; the heads' approval and To Review; the mentor's
activities and sign-off; the mentee's plan and acknowledgement; the plan of a
mentee without a user account, through his mentor), waits until it
is drawn, closes the notification toasts and saves an optimised PNG.
Run through scripts/screenshots.sh (make screenshots), which serves the database.
"""

import argparse
import base64
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import requests
from devtools import DevToolsTab, free_port, stop_chromium
from PIL import Image

WIDTH, HEIGHT = 1440, 900
# a phone of 390 by 844 pixels, drawn at twice its size to be sharp
PHONE_WIDTH, PHONE_HEIGHT, PHONE_SCALE = 390, 844, 2
MAX_BYTES = 300 * 1024


class Page(DevToolsTab):
    """One Chromium tab, driven over the DevTools protocol."""

    def __init__(self, ws_url):
        super().__init__(ws_url, timeout=60)
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False)

    def as_phone(self):
        """From now on a phone: its size, a touch screen; Odoo shows its mobile layout."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=PHONE_WIDTH,
            height=PHONE_HEIGHT,
            deviceScaleFactor=PHONE_SCALE,
            mobile=True,
        )
        self.send("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def goto(self, url):
        self.send("Page.navigate", url=url)
        # the first page of a new database waits for its assets to be generated
        self.wait("document.readyState === 'complete' && !!window.odoo", timeout=120)

    def wait(self, condition, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.evaluate(f"!!({condition})"):
                    return
            except RuntimeError:
                pass
            time.sleep(0.25)
        raise TimeoutError(f"not drawn within {timeout}s: {condition}")

    def wait_for(self, selector, timeout=30):
        self.wait(f"document.querySelector({json.dumps(selector)})", timeout)

    def click(self, selector):
        self.wait_for(selector)
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def settle(self, seconds=1.5):
        """Let the web client finish its requests and animations."""
        self.wait("!document.querySelector('.o_loading_indicator, .o-main-components-container .o_loading')")
        time.sleep(seconds)

    def do_action(self, action, options=None):
        self.evaluate(
            "odoo.__WOWL_DEBUG__.root.env.services.action.doAction("
            f"{json.dumps(action)}, {json.dumps(options or {})}).then(() => true)"
        )

    def clear_toasts(self):
        """Close the notification toasts (a message of the bus, an activity
        assigned a minute ago) that would cover the screen: the pictures show
        the screens, not what happened to arrive while they were taken."""
        for _attempt in range(3):
            self.evaluate("document.querySelectorAll('.o_notification').forEach((e) => e.remove()) || true")
            time.sleep(0.3)
            if not self.evaluate("document.querySelectorAll('.o_notification').length"):
                return
        raise TimeoutError("notification toasts keep coming")

    def screenshot(self, path):
        self.clear_toasts()
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=False)["data"]
        # optimised: the pictures are in the repository and on the app page
        image = Image.open(io.BytesIO(base64.b64decode(data)))
        image.save(path, format="PNG", optimize=True)
        if os.path.getsize(path) > MAX_BYTES:
            # a palette of 256 colours is plenty for a form and keeps the file small
            image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
                path, format="PNG", optimize=True
            )
        print(f"  {path} ({os.path.getsize(path) // 1024} KB)")


class Browser:
    def __init__(self):
        binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not binary:
            sys.exit("No Chromium found: scripts/setup.sh installs Debian's chromium.")
        self.profile = tempfile.mkdtemp(prefix="hr_mentoring_shots_")
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                f"--window-size={WIDTH},{HEIGHT}",
                "--remote-debugging-address=127.0.0.1",
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.endpoint = f"http://127.0.0.1:{self.port}"
        for _attempt in range(100):
            try:
                requests.get(f"{self.endpoint}/json/version", timeout=1).raise_for_status()
                break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            self.close()
            sys.exit("Chromium did not start its DevTools endpoint.")

    def page(self, base_url, cookie):
        target = requests.put(f"{self.endpoint}/json/new?about:blank", timeout=10).json()
        page = Page(target["webSocketDebuggerUrl"])
        page.send("Network.enable")
        page.send("Network.clearBrowserCookies")
        page.send("Network.setCookie", name="session_id", value=cookie, url=base_url, path="/")
        page.target_id = target["id"]
        return page

    def close_page(self, page):
        page.close()
        requests.get(f"{self.endpoint}/json/close/{page.target_id}", timeout=10)

    def close(self):
        stop_chromium(self.process, self.profile)


def login(base_url, db, user, password=None):
    session = requests.Session()
    response = session.post(
        f"{base_url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"db": db, "login": user, "password": password or user},
        },
        timeout=60,
    )
    response.raise_for_status()
    if response.json().get("error") or not response.json().get("result", {}).get("uid"):
        sys.exit(f"cannot log in as {user}: {response.text[:300]}")
    return session, session.cookies["session_id"]


def rpc(session, base_url, model, method, args, kwargs=None):
    response = session.post(
        f"{base_url}/web/dataset/call_kw/{model}/{method}",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        },
        timeout=60,
    )
    response.raise_for_status()
    body = response.json()
    if body.get("error"):
        raise RuntimeError(body["error"]["data"]["message"])
    return body["result"]


def xmlid_to_res_id(session, base_url, xmlid):
    module, name = xmlid.split(".")
    rows = rpc(
        session,
        base_url,
        "ir.model.data",
        "search_read",
        [[("module", "=", module), ("name", "=", name)]],
        {"fields": ["res_id"]},
    )
    return rows[0]["res_id"] if rows else False


def first_event(session, base_url, domain, order):
    """The id of the first plan event of ``domain`` that the session's user reads."""
    ids = rpc(session, base_url, "hr.mentoring.event", "search", [domain], {"order": order, "limit": 1})
    if not ids:
        raise LookupError(f"no plan event {domain}")
    return ids[0]


# shown by the app page (static/description/index.html) as well as by README.md
APP_PAGE_SHOTS = {"selection_wizard", "printed_plan"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--app-out", required=True, help="where the pictures of the app page go")
    parser.add_argument("--only", default="", help="comma-separated names of the pictures to take (default: all)")
    args = parser.parse_args()
    base, out, app_out = args.url.rstrip("/"), args.out, args.app_out
    os.makedirs(out, exist_ok=True)
    os.makedirs(app_out, exist_ok=True)
    # record ids by xmlid: ir.model.data is for administrators (demo: admin / admin)
    admin, _cookie = login(
        base, args.db, os.environ.get("SHOTS_ADMIN", "admin"), os.environ.get("SHOTS_ADMIN_PASSWORD")
    )

    def ref(xmlid):
        return xmlid_to_res_id(admin, base, xmlid)

    # the demo's dates are relative to the day of installation
    today = datetime.date.today().isoformat()

    browser = Browser()
    taken, skipped = [], []
    try:

        def shoot(user, name, steps, phone=False):
            session, cookie = login(base, args.db, user)
            page = browser.page(base, cookie)
            if phone:
                page.as_phone()
            try:
                try:
                    steps(page, session)
                except TimeoutError:
                    failed = os.path.join(tempfile.gettempdir(), f"hr_mentoring_shot_failed_{name}.png")
                    page.screenshot(failed)
                    print(f"  the page as it was: {failed} ({page.evaluate('location.href')})")
                    raise
                page.settle()
                path = os.path.join(app_out if name in APP_PAGE_SHOTS else out, f"{name}.png")
                page.screenshot(path)
                taken.append(path)
            finally:
                browser.close_page(page)

        def open_action(page, action, selector, res_id=None):
            """Open ``action`` (an xmlid), on the record ``res_id`` if given, and
            wait for ``selector``."""
            page.goto(f"{base}/odoo/action-{action}" + (f"/{res_id}" if res_id else ""))
            page.wait_for(selector)

        def statusbar(button):
            """The selector of the form's statusbar ``button``."""
            return f".o_form_view .o_form_statusbar button[name={button}]"

        def open_event(page, session, pairing, domain, action, selector):
            """Open, in ``action``, the latest event in ``domain`` of the plan of
            ``pairing`` (an xmlid) that the session's user reads, and wait for
            ``selector``."""
            event = first_event(session, base, [("pairing_id", "=", ref(pairing)), *domain], "date_due desc")
            open_action(page, action, selector, event)

        xavier = "hr_mentoring.pairing_xavier"
        # the actions the shots open most
        program_action = "hr_mentoring.hr_mentoring_program_action"
        pairing_action = "hr_mentoring.hr_mentoring_pairing_action"
        to_sign = "hr_mentoring.hr_mentoring_event_action_to_sign"
        my_plan = "hr_mentoring.hr_mentoring_event_action_my_plan"
        # the events to sign now, and the signed ones waiting for the mentee
        due_today = [("state", "=", "planned"), ("date_due", "<=", today)]
        unacknowledged = [("state", "=", "done"), ("acknowledged", "=", False)]

        # the coordinator: the programme and its pairings
        def programme(page, session):
            program_id = ref("hr_mentoring.program_client_managers")
            open_action(page, program_action, ".o_form_view .o-form-buttonbox .o_stat_info", program_id)

        def pairings(page, session):
            open_action(page, pairing_action, ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)")

        # the coordinator finds a mentor for Yasmin, a new client manager
        def selection(page, session):
            yasmin = ref("hr_mentoring.employee_yasmin")
            program_id = ref("hr_mentoring.program_client_managers")
            open_action(page, pairing_action, ".o_kanban_view .o_kanban_record")
            page.do_action(
                "hr_mentoring.hr_mentoring_mentor_selection_wizard_action",
                {"additionalContext": {"default_mentee_id": yasmin, "default_program_id": program_id}},
            )
            page.wait_for(".modal .o_field_widget[name=line_ids] .o_data_row")

        # the department head approves a proposed pairing: the match score, what it
        # is out of and its reasons (Diane heads Customer Care, Umar is proposed)
        def head_approval(page, session):
            pairing = ref("hr_mentoring.pairing_umar")
            open_action(
                page,
                "hr_mentoring.hr_mentoring_pairing_action_to_approve",
                statusbar("action_approve"),
                pairing,
            )

        # the department head's signed events to review (Hanna heads Sales)
        def head_to_review(page, session):
            open_action(page, "hr_mentoring.hr_mentoring_event_action_to_review", ".o_list_view .o_data_row")

        # the mentor's activities: the systray menu over the events to sign
        def activities(page, session):
            open_action(page, to_sign, ".o_list_view .o_data_row")
            page.click(".o_menu_systray .o-mail-ActivityMenu-counter")
            page.wait_for(".o-mail-ActivityMenu .o-mail-ActivityGroup")

        # the mentor opens today's event of Xavier's plan: Sign as Done with a comment
        def sign_off(page, session):
            open_event(page, session, xavier, due_today, to_sign, statusbar("action_mark_done"))

        # the mentor puts Xavier's plan in the Calendar (Schedule Meetings on the
        # pairing, confirmed as proposed), then looks at the week of the next one
        def plan_in_calendar(page, session):
            pairing = ref("hr_mentoring.pairing_xavier")
            can = rpc(session, base, "hr.mentoring.pairing", "read", [[pairing]], {"fields": ["can_schedule_meetings"]})
            if can[0]["can_schedule_meetings"]:
                action = rpc(session, base, "hr.mentoring.pairing", "action_open_meeting_wizard", [[pairing]])
                rpc(session, base, "hr.mentoring.meeting.wizard", "action_confirm", [[action["res_id"]]])
            nexts = rpc(
                session,
                base,
                "hr.mentoring.event",
                "search_read",
                [[("pairing_id", "=", pairing), ("calendar_event_id", "!=", False), ("date_due", ">=", today)]],
                {"fields": ["date_due"], "order": "date_due", "limit": 1},
            )
            if not nexts:
                raise LookupError("no meeting of Xavier's plan to come")
            open_action(page, "calendar.action_calendar_event", ".o_calendar_view")
            page.do_action(
                "calendar.action_calendar_event",
                {"additionalContext": {"initial_date": nexts[0]["date_due"]}, "clearBreadcrumbs": True},
            )
            page.wait_for(".o_calendar_view .fc-event")
            # the month: the plan's weekly meetings side by side
            page.click(".o_view_scale_selector .scale_button_selection")
            page.click(".o_scale_button_month")
            page.wait_for(".o_calendar_view .fc-dayGridMonth-view .fc-event")

        # the mentor's phone: what is due now and next, as cards
        def phone_to_sign(page, session):
            open_action(page, to_sign, ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)")

        # the mentor's phone: today's event of Xavier's plan, its sign-off with the button under the comment
        def phone_sign_off(page, session):
            open_event(page, session, xavier, due_today, to_sign, ".o_form_view .o_notebook")
            page.click(".o_form_view .o_notebook .nav-link[name=signoff]")
            page.wait_for(".o_form_view .o_notebook button[name=action_mark_done]")
            page.evaluate(
                "document.querySelector('.o_form_view .o_notebook .nav-link[name=signoff]')"
                ".scrollIntoView({block: 'start'}) || true"
            )

        # the mentee's plan in the calendar
        def calendar(page, session):
            page.goto(f"{base}/odoo/action-{my_plan}")
            page.click(".o_switch_view.o_calendar")
            page.wait_for(".o_calendar_view .fc-event")

        # the mentee acknowledges the last event their mentor signed
        def acknowledge(page, session):
            signed_by_mentor = [*unacknowledged, ("responsible_role", "=", "mentor")]
            open_event(page, session, xavier, signed_by_mentor, my_plan, statusbar("action_acknowledge"))

        # Bruno has no user account: Maria, his mentor, opens his pairing, with
        # the alert that says who acts for him, and his plan
        def no_user_pairing(page, session):
            open_action(
                page, pairing_action, ".o_form_view div[name=mentee_no_user]", ref("hr_mentoring.pairing_bruno")
            )

        # Maria acknowledges the last event she signed for Bruno, on his behalf
        def no_user_acknowledge(page, session):
            bruno = "hr_mentoring.pairing_bruno"
            open_event(page, session, bruno, unacknowledged, to_sign, statusbar("action_acknowledge"))

        # the coordinator's pilot: the method's stages, waiting for the approval
        def introduction(page, session):
            open_action(
                page, program_action, ".o_form_view .o_notebook", ref("hr_mentoring.program_customer_care_pilot")
            )
            page.click(".o_form_view .o_notebook .nav-link[name=introduction]")
            page.wait_for(".o_form_view .o_field_widget[name=stage_ids] .o_data_row")

        # Nora's annual leave, granted after her plan: the moves on her pairing's chatter
        def moved_events(page, session):
            open_action(page, pairing_action, ".o-mail-Chatter .o-mail-Message", ref("hr_mentoring.pairing_nora"))
            moved = "[...document.querySelectorAll('.o-mail-Message')].find(m => m.textContent.includes('→'))"
            page.wait(moved)
            page.evaluate(f"{moved}.scrollIntoView({{block: 'center'}})")

        # the printed plan: the report's HTML rendering (the PDF is printed from it)
        def printed_plan(page, session):
            exists = ref("hr_mentoring.action_report_mentoring_plan")
            if not exists:
                raise LookupError("no report hr_mentoring.action_report_mentoring_plan")
            pairing = ref("hr_mentoring.pairing_xavier")
            report = rpc(admin, base, "ir.actions.report", "read", [[exists]], {"fields": ["report_name"]})[0]
            page.send("Page.navigate", url=f"{base}/report/html/{report['report_name']}/{pairing}")
            page.wait("document.readyState === 'complete' && document.querySelector('.page, main, .article')")

        shots = [
            # the coordinator
            ("cora", "coordinator_programme", programme),
            ("cora", "coordinator_pairings", pairings),
            ("cora", "selection_wizard", selection),
            ("cora", "coordinator_introduction", introduction),
            ("cora", "coordinator_moved_events", moved_events),
            # the department heads
            ("diane", "head_approval", head_approval),
            ("hanna", "head_to_review", head_to_review),
            # the mentor
            ("maria", "mentor_activities", activities),
            ("maria", "mentor_sign_off", sign_off),
            ("maria", "mentor_plan_calendar", plan_in_calendar),
            ("maria", "mentor_phone_to_sign", phone_to_sign, True),
            ("maria", "mentor_phone_sign_off", phone_sign_off, True),
            # a mentee without a user account: his mentor acts for him
            ("maria", "mentee_no_user_pairing", no_user_pairing),
            ("maria", "mentee_no_user_acknowledge", no_user_acknowledge),
            # the mentee
            ("xavier", "mentee_plan", calendar),
            ("xavier", "mentee_acknowledge", acknowledge),
            # on paper
            ("hanna", "printed_plan", printed_plan),
        ]
        only = {name for name in args.only.split(",") if name}
        for user, name, steps, *phone in shots:
            if only and name not in only:
                continue
            print(f"{name} (as {user}" + (", on a phone)" if phone else ")"))
            try:
                shoot(user, name, steps, *phone)
            except LookupError as error:
                skipped.append(f"{name}: {error}")
                print(f"  skipped: {error}")
    finally:
        browser.close()
    print(f"{len(taken)} screenshots in {out} and {app_out}" + (f"; skipped: {'; '.join(skipped)}" if skipped else ""))


if __name__ == "__main__":
    main()
