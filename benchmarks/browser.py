"""make bench-browser: each role's main screens in headless Chromium, on the
benchmark's database served by `make serve` (scripts/bench_browser.sh starts
the server and runs this file).

Chromium is driven over the DevTools protocol (websocket-client). Per role,
the user logs in, the web client loads once, then each screen is opened the
way a click opens it (the action service's ``doAction``; the mentor's
activities through the systray's clock and its "Plan Event" group), an
untimed warm-up first, then ``--runs`` timed runs:

- browser time: from the click until the screen is usable: a new view of the
  screen's kind is in the page and no RPC is pending, and the page stays
  quiet (no new RPC) for ``QUIET_MS``;
- server time: the sum of the server's own times of the requests the screen
  made (Odoo's request log: ``"POST /web/..." 200 - <queries> <sql s>
  <other s>``), their count, their queries, and the slowest request.

The figures (medians) go to ``benchmarks/results/browser-<scale>.json``, and
RESULTS.md is written again from benchmarks/results/ (benchmarks/report.py).
``--calls FILE`` keeps the parameters of each screen's RPCs: with them
``benchmarks/browser_profile.py`` replays a screen in ``odoo-bin shell`` and
prints its slowest queries.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from http.cookiejar import CookieJar

HERE = os.path.dirname(os.path.abspath(__file__))
# scripts/devtools.py: the DevTools tab and the Chromium that scripts/screenshots.py drives too
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))
from devtools import DevToolsTab, free_port, stop_chromium  # noqa: E402

# the page must stay without a new RPC this long after it looked ready
QUIET_MS = 300
# Odoo's request log line: path, status, queries, SQL seconds, other seconds
LOG_LINE = re.compile(r'werkzeug: .*"(?:GET|POST) (\S+) HTTP/[\d.]+" (\d{3}) - (\d+) ([\d.]+) ([\d.]+)')
# requests that are not a screen's: the bus and the client's own asset files
NOT_SCREEN = ("/websocket", "/longpolling", "/web/assets/", "/web/static/", "/bus/")

# (role, screen, what the screen opens, the selector of a ready screen)
SCREENS = (
    (
        "coordinator",
        "Programme form",
        {"action": "hr_mentoring.hr_mentoring_program_action", "form": True},
        ".o_form_renderer",
    ),
    (
        "coordinator",
        "Pairing list",
        {"action": "hr_mentoring.hr_mentoring_pairing_action", "view": "list"},
        ".o_list_renderer",
    ),
    ("head", "To Review", {"action": "hr_mentoring.hr_mentoring_event_action_to_review"}, ".o_list_renderer"),
    ("mentor", "Activities (systray)", {"systray": True}, ".o-mail-ActivityMenu"),
    (
        "mentor",
        "Activities: plan events",
        {"activity_group": "hr.mentoring.event"},
        ".o_list_renderer, .o_kanban_renderer",
    ),
    ("mentor", "Events to Sign", {"action": "hr_mentoring.hr_mentoring_event_action_to_sign"}, ".o_list_renderer"),
    ("mentee", "My Plan", {"action": "hr_mentoring.hr_mentoring_event_action_my_plan"}, ".o_list_renderer"),
)

# Runs in the page: opens one screen and resolves with its timings. ``spec``
# is the screen's dict of SCREENS with "selector", "quiet" and "program".
MEASURE_JS = r"""
async (spec) => {
    const { rpcBus } = odoo.loader.modules.get("@web/core/network/rpc");
    const env = odoo.__WOWL_DEBUG__.root.env;
    const toggle = () => document.querySelector(".o_menu_systray i[aria-label='Activities']").closest("button");
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const old = new Set(document.querySelectorAll(spec.selector));
    let pending = 0;
    let lastRpc = 0;
    const rpcs = [];
    const calls = [];
    const onRequest = (ev) => {
        pending++;
        lastRpc = performance.now();
        const p = ev.detail.data.params || {};
        rpcs.push(p.model ? `${ev.detail.url} ${p.model}.${p.method}` : ev.detail.url);
        calls.push({ url: ev.detail.url, params: p });
    };
    const onResponse = () => {
        pending--;
        lastRpc = performance.now();
    };
    rpcBus.addEventListener("RPC:REQUEST", onRequest);
    rpcBus.addEventListener("RPC:RESPONSE", onResponse);
    const t0 = performance.now();
    try {
        if (spec.action) {
            const options = { clearBreadcrumbs: true };
            if (spec.view) {
                options.viewType = spec.view;
            }
            if (spec.form) {
                options.viewType = "form";
                options.props = { resId: spec.program };
            }
            env.services.action.doAction(spec.action, options);
        } else if (spec.systray) {
            toggle().click();
        } else if (spec.activity_group) {
            // the systray's dropdown is open (OPEN_ACTIVITIES_JS)
            document.querySelector(`.o-mail-ActivityGroup[data-model_name='${spec.activity_group}']`).click();
        }
        let ready = null;
        while (performance.now() - t0 < 60000) {
            await nextFrame();
            const now = performance.now();
            const shown = [...document.querySelectorAll(spec.selector)].some((el) => !old.has(el) && el.isConnected);
            if (!shown || pending > 0) {
                ready = null;
                continue;
            }
            if (ready === null || lastRpc > ready) {
                ready = now;
            }
            if (now - Math.max(ready, lastRpc) >= spec.quiet) {
                return { ms: ready - t0, rpcs, calls };
            }
        }
        throw new Error("the screen was not ready after 60 s");
    } finally {
        rpcBus.removeEventListener("RPC:REQUEST", onRequest);
        rpcBus.removeEventListener("RPC:RESPONSE", onResponse);
        if (spec.systray && document.querySelector(".o-mail-ActivityMenu")) {
            toggle().click();  // close the dropdown
        }
    }
}
"""

# Runs in the page before the timed click on an activity group: opens the
# systray's activities and waits for its groups and the end of its RPC.
OPEN_ACTIVITIES_JS = r"""
async (model) => {
    const { rpcBus } = odoo.loader.modules.get("@web/core/network/rpc");
    let pending = 0;
    const onRequest = () => pending++;
    const onResponse = () => pending--;
    rpcBus.addEventListener("RPC:REQUEST", onRequest);
    rpcBus.addEventListener("RPC:RESPONSE", onResponse);
    try {
        document.querySelector(".o_menu_systray i[aria-label='Activities']").closest("button").click();
        const t0 = performance.now();
        while (performance.now() - t0 < 60000) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            if (pending === 0 && document.querySelector(`.o-mail-ActivityGroup[data-model_name='${model}']`)) {
                return true;
            }
        }
        throw new Error("no activity group " + model);
    } finally {
        rpcBus.removeEventListener("RPC:REQUEST", onRequest);
        rpcBus.removeEventListener("RPC:RESPONSE", onResponse);
    }
}
"""


class Page(DevToolsTab):
    """One Chromium tab over the DevTools protocol."""

    def __init__(self, ws_url):
        super().__init__(ws_url, timeout=120)

    def evaluate(self, expression, await_promise=True):
        result = self.send(
            "Runtime.evaluate", expression=expression, awaitPromise=await_promise, returnByValue=True, timeout=120000
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise RuntimeError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")

    def wait_for(self, expression, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(expression, await_promise=False):
                return
            time.sleep(0.1)
        raise TimeoutError(expression)


def start_chromium(binary):
    port = free_port()
    profile = tempfile.mkdtemp(prefix="hr_mentoring_browser_")
    process = subprocess.Popen(
        [
            binary,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--window-size=1366,768",
            f"--remote-debugging-port={port}",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as response:
                tabs = [t for t in json.load(response) if t["type"] == "page"]
            if tabs:
                return process, profile, tabs[0]["webSocketDebuggerUrl"]
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("Chromium did not start")
        time.sleep(0.2)


def session_cookie(url, db, login, password):
    """Logs in over JSON-RPC; the session cookie the browser then uses."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = json.dumps({"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}}).encode()
    request = urllib.request.Request(
        f"{url}/web/session/authenticate", body, headers={"Content-Type": "application/json"}
    )
    with opener.open(request, timeout=60) as response:
        answer = json.load(response)
    if answer.get("error") or not answer.get("result", {}).get("uid"):
        raise RuntimeError(f"login {login} refused: {answer.get('error')}")
    return next(c.value for c in jar if c.name == "session_id")


class ServerLog:
    """The request lines the server logged since the last ``take``."""

    def __init__(self, path):
        self.path = path
        self.offset = os.path.getsize(path)

    def take(self):
        with open(self.path, encoding="utf-8", errors="replace") as fh:
            fh.seek(self.offset)
            text = fh.read()
            self.offset = fh.tell()
        requests = []
        for match in LOG_LINE.finditer(text):
            path, status, queries, sql, other = match.groups()
            if path.startswith(NOT_SCREEN):
                continue
            requests.append(
                {
                    "path": path,
                    "status": int(status),
                    "queries": int(queries),
                    "ms": (float(sql) + float(other)) * 1000,
                    "sql_ms": float(sql) * 1000,
                }
            )
        return requests


def log_in(page, url, db, login, password):
    page.send("Network.clearBrowserCookies")
    host = url.split("//", 1)[1].split(":")[0].split("/")[0]
    page.send(
        "Network.setCookie", name="session_id", value=session_cookie(url, db, login, password), domain=host, path="/"
    )
    page.send("Page.navigate", url=f"{url}/odoo")
    page.wait_for(
        "!!(window.odoo && odoo.__WOWL_DEBUG__ && document.querySelector('.o_main_navbar')"
        " && document.querySelector('.o_menu_systray i[aria-label=\"Activities\"]'))"
    )
    time.sleep(1)  # the client's first requests (menus, systray, bus) end


def measure_screen(page, log, spec, runs):
    samples = []
    for run in range(runs + 1):
        if spec.get("activity_group"):
            page.evaluate(f"({OPEN_ACTIVITIES_JS})({json.dumps(spec['activity_group'])})")
        time.sleep(0.3)
        log.take()
        result = page.evaluate(f"({MEASURE_JS})({json.dumps(spec)})")
        time.sleep(0.5)  # the server writes a request's log line once the answer is sent
        requests = log.take()
        if run == 0:
            continue  # the untimed warm-up
        samples.append(
            {
                "browser_ms": result["ms"],
                "rpcs": result["rpcs"],
                "calls": result["calls"],
                "requests": requests,
                "server_ms": sum(r["ms"] for r in requests),
                "queries": sum(r["queries"] for r in requests),
            }
        )
    # the run whose server time is the median's: its requests describe the screen
    median = sorted(samples, key=lambda s: s["server_ms"])[len(samples) // 2]
    slowest = max(median["requests"], key=lambda r: r["ms"], default=None)
    return {
        "browser_ms": statistics.median(s["browser_ms"] for s in samples),
        "browser_all": [round(s["browser_ms"]) for s in samples],
        "server_ms": statistics.median(s["server_ms"] for s in samples),
        "server_all": [round(s["server_ms"]) for s in samples],
        "requests": len(median["requests"]),
        "queries": median["queries"],
        "rpcs": median["rpcs"],
        "calls": median["calls"],
        "slowest": slowest and {"path": slowest["path"], "ms": round(slowest["ms"], 1), "queries": slowest["queries"]},
        "errors": sorted({r["path"] for s in samples for r in s["requests"] if r["status"] >= 400}),
    }


def machine():
    cpu = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    return f"{cpu}, {os.cpu_count()} cores"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8769")
    parser.add_argument("--db", required=True)
    parser.add_argument("--scale", type=float, default=10.0)
    parser.add_argument("--logfile", required=True, help="the server's log, at --log-level info")
    parser.add_argument("--users", required=True, help="the output of benchmarks/browser_users.py")
    parser.add_argument("--password", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--only", nargs="*", help="these roles only")
    parser.add_argument("--workers", type=int, help="the server's HTTP workers (for the report)")
    parser.add_argument("--calls", help="write the RPCs of each screen (their parameters) to this JSON file")
    parser.add_argument("--output", help="the JSON of the figures (default benchmarks/results/browser-<scale>.json)")
    args = parser.parse_args()
    if not args.chromium:
        parser.error("no chromium found: --chromium PATH")
    logins, program = {}, None
    with open(args.users, encoding="utf-8") as fh:
        for line in fh:
            words = line.split()
            if words[:1] == ["user"]:
                logins[words[1]] = words[2]
            elif words[:1] == ["program"]:
                program = int(words[1])
    started = datetime.now(timezone.utc)
    process, profile, ws_url = start_chromium(args.chromium)
    screens = []
    all_calls = []
    try:
        page = Page(ws_url)
        page.send("Network.enable")
        page.send("Page.enable")
        log = ServerLog(args.logfile)
        for role in dict.fromkeys(s[0] for s in SCREENS):
            if args.only and role not in args.only:
                continue
            print(f"{role}: logging in as {logins[role]}", file=sys.stderr)
            log_in(page, args.url, args.db, logins[role], args.password)
            for screen_role, name, opens, selector in SCREENS:
                if screen_role != role:
                    continue
                spec = {**opens, "selector": selector, "quiet": QUIET_MS, "program": program}
                figures = measure_screen(page, log, spec, args.runs)
                print(
                    f"  {name}: browser {figures['browser_ms']:.0f} ms {figures['browser_all']},"
                    f" server {figures['server_ms']:.0f} ms {figures['server_all']}, {figures['requests']} requests,"
                    f" {figures['queries']} queries; slowest {figures['slowest']}",
                    file=sys.stderr,
                )
                calls = figures.pop("calls")
                screens.append({"role": role, "screen": name, "login": logins[role], **figures})
                if args.calls:
                    all_calls.append({"role": role, "screen": name, "login": logins[role], "calls": calls})
    finally:
        stop_chromium(process, profile)
    version = subprocess.run([args.chromium, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    run = {
        "started": started.isoformat(timespec="minutes"),
        "db": args.db,
        "scale": args.scale,
        "runs": args.runs,
        "quiet_ms": QUIET_MS,
        "workers": args.workers,
        "browser": version,
        "machine": machine(),
        "screens": screens,
    }
    output = args.output or os.path.join(HERE, "results", f"browser-{args.scale:g}.json")
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8") as fh:
        json.dump(run, fh, indent=1, sort_keys=True)
        fh.write("\n")
    print(f"wrote {output}", file=sys.stderr)
    if args.calls:
        with open(args.calls, "w", encoding="utf-8") as fh:
            json.dump(all_calls, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
