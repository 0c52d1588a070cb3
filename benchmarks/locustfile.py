"""make load: the morning's users, for Locust through OdooLocust.

benchmarks/load.py starts Locust on this file against `make serve` on
127.0.0.1; the settings come from its environment (LOAD_*). One Locust user
per demo user (LOAD_SESSIONS of them with LOAD_SESSIONS > 1), each one action
at a time, with a pause between actions so that the whole crowd makes about
LOAD_RATE actions per second, shared by role as SHARES below:
- coordinators (cora, admin): the programme dashboard (kanban), the pairing
  list, the Excel export;
- department heads (hanna, diane, kevin): approve a proposed pairing, else
  review a signed event, else read their To Review list; or read that list;
- mentors (maria, paulp, samuel, lea): their activities; sign a planned event
  of their plan, or, when none is left, log the discussion they just held and
  sign it (the mentees then acknowledge it and the heads review it);
- mentees (xavier, nora, ...): their plan; acknowledge a signed event, else
  read their plan.

The users are OdooLocust's users (OdooLocustUser) and call the server through
odoo-client-lib's connection (``get_model(...).method(...)``). OdooLocust's
own connector posts each call to /jsonrpc with the password, and Odoo 18
checks that password on every call (PBKDF2, 600,000 rounds: about half a
second of CPU), which is what an external integration pays, not a user of the
web client: by default (LOAD_PROTOCOL=websession) the connection goes through
WebClientConnector below, which logs in once and sends each call in that
session to /web/dataset/call_kw, as the web client does. LOAD_PROTOCOL=jsonrpc
keeps OdooLocust's connector.

Each call is one Locust request named as OdooLocust names them,
"model : method"; the export and the login are HTTP requests. Each action of a
user is also recorded, with its time, as type "action" named "role: action".
Every request is appended to LOAD_REQUEST_LOG (the per-minute plot); Locust
stops at LOAD_REQUESTS requests, or at its --run-time.
"""

import csv
import os
import random
import time
from datetime import date

import gevent
import httpx
import odoolib
import odoolib.tools
from locust import events
from OdooLocust.OdooLocustUser import OdooLocustUser

HOST = "127.0.0.1"
DB = os.environ.get("LOAD_DB", "mentoring_demo_load")
PORT = int(os.environ.get("LOAD_PORT", "8269"))
PROTOCOL = os.environ.get("LOAD_PROTOCOL", "websession")
RATE = float(os.environ.get("LOAD_RATE", "5"))
SESSIONS = int(os.environ.get("LOAD_SESSIONS", "1"))
MAX_REQUESTS = int(os.environ.get("LOAD_REQUESTS", "0"))
REQUEST_LOG = os.environ.get("LOAD_REQUEST_LOG")
# a slow answer is the server's to fail (`make serve` stops a request after
# 120 s, --limit-time-real), not httpx's (its default timeout is 5 s)
TIMEOUT = 150
ACTION = "action"

# the share of each role in the actions of the morning
SHARES = {"coordinator": 34, "head": 16, "mentor": 24, "mentee": 26}
LOGINS = {
    "coordinator": ("cora", "admin"),
    "head": ("hanna", "diane", "kevin"),
    "mentor": ("maria", "paulp", "samuel", "lea"),
    "mentee": ("xavier", "nora", "yasmin", "olivia", "quentin", "umar", "rita", "tom"),
}
# the actions of each role: how often (Locust's task weight), the name they are
# recorded under, the method of the role's user that does it
ACTIONS = {
    "coordinator": (
        (12, "dashboard", "_dashboard"),
        (16, "pairing list", "_pairing_list"),
        (6, "Excel export", "_export_xlsx"),
    ),
    "head": ((8, "approve or review", "_approve_or_review"), (8, "To Review", "_to_review")),
    "mentor": ((14, "my activities", "_my_activities"), (10, "sign", "_sign")),
    "mentee": ((14, "My Plan", "_my_plan"), (12, "acknowledge", "_acknowledge")),
}


class HttpxWithTimeout:
    """httpx for OdooLocust's connector (odoo-client-lib posts with httpx's
    default timeout)."""

    @staticmethod
    def post(*args, **kwargs):
        return httpx.post(*args, timeout=TIMEOUT, **kwargs)


odoolib.tools.httpx = HttpxWithTimeout


class WebClientConnector(odoolib.JsonRPCConnector):
    """An odoo-client-lib connector that talks as the web client does: the
    login opens a session (/web/session/authenticate), each call goes to
    /web/dataset/call_kw in that session. Each is one Locust request."""

    PROTOCOL = "websession"

    def __init__(self, hostname, port):
        super().__init__(hostname, port)
        self.base = f"http://{hostname}:{port}"
        # keeps the session cookie
        self.http = httpx.Client(timeout=TIMEOUT)

    def send(self, service_name, method, *args):
        if (service_name, method) == ("common", "login"):
            database, login, password = args
            params = {"db": database, "login": login, "password": password}
            return self.call("POST /web/session/authenticate", "/web/session/authenticate", params)["uid"]
        if (service_name, method) == ("object", "execute_kw"):
            _database, _uid, _password, model, name, call_args, kwargs = args
            params = {"model": model, "method": name, "args": call_args, "kwargs": kwargs}
            return self.call(f"{model} : {name}", f"/web/dataset/call_kw/{model}/{name}", params)
        raise NotImplementedError(f"{service_name}.{method}")

    def call(self, name, path, params):
        def post():
            body = {"jsonrpc": "2.0", "method": "call", "params": params, "id": random.randint(0, 10**9)}
            response = self.http.post(self.base + path, json=body)
            response.raise_for_status()
            answer = response.json()
            if answer.get("error"):
                raise odoolib.tools.JsonRPCException(answer["error"])
            return answer.get("result"), len(response.content)

        return self.request("call_kw", name, post)

    def get(self, name, path, check):
        """A GET of the web client's routes, in the session; ``check`` says
        what is wrong with the response, if anything."""

        def get():
            response = self.http.get(self.base + path)
            problem = check(response)
            if problem:
                raise RuntimeError(problem)
            return response, len(response.content)

        return self.request("GET", name, get)

    @staticmethod
    def request(request_type, name, send):
        started = time.perf_counter()
        result, length, exception = None, 0, None
        try:
            result, length = send()
        except Exception as exc:  # noqa: BLE001 - recorded as a failure, then raised
            exception = exc
        events.request.fire(
            request_type=request_type,
            name=name,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=length,
            exception=exception,
            context={},
        )
        if exception:
            raise exception
        return result


class Requests:
    """Every request of the run, to LOAD_REQUEST_LOG, and the request cap."""

    environment = None
    count = 0
    writer = None

    @classmethod
    def record(cls, request_type, name, response_time, exception):
        if cls.writer:
            cls.writer.writerow(
                [f"{time.time():.3f}", request_type, name, f"{response_time:.1f}", int(bool(exception))]
            )
        if request_type == ACTION:
            return
        cls.count += 1
        if MAX_REQUESTS and cls.count == MAX_REQUESTS and cls.environment and cls.environment.runner:
            # not from the user's own greenlet: quit() stops every user
            gevent.spawn(cls.environment.runner.quit)


@events.init.add_listener
def on_init(environment, **_kwargs):
    Requests.environment = environment
    if REQUEST_LOG:
        # line-buffered: the file is complete whenever Locust stops
        stream = open(REQUEST_LOG, "w", encoding="utf-8", buffering=1)  # noqa: SIM115
        Requests.writer = csv.writer(stream)
        Requests.writer.writerow(["time", "type", "name", "response_ms", "failed"])


@events.request.add_listener
def on_request(request_type, name, response_time, exception=None, **_kwargs):
    Requests.record(request_type, name, response_time, exception)


class MorningUser(OdooLocustUser):
    """A demo user of one role (password: the login), on 127.0.0.1 only."""

    abstract = True
    host = HOST
    port = PORT
    database = DB
    protocol = PROTOCOL
    role = None
    taken = 0

    def __init__(self, environment):
        super().__init__(environment)
        cls = type(self)
        logins = LOGINS[cls.role]
        # one Locust user per demo user of the role, in turn
        self.login = self.password = logins[cls.taken % len(logins)]
        cls.taken += 1
        # actions per second of this user: the role's share of the crowd's
        self.rate = RATE * SHARES[cls.role] / sum(SHARES.values()) / (len(logins) * SESSIONS)
        self.uid = None
        self.specs = {}
        self.paced_at = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # one Locust user per demo user of the role (and session)
        cls.fixed_count = len(LOGINS[cls.role]) * SESSIONS
        # the role's actions, each as often in the list as its weight (what @task(weight) does)
        cls.tasks = [
            task for weight, label, method in ACTIONS[cls.role] for task in [cls._task(label, method)] * weight
        ]

    @staticmethod
    def _task(label, method):
        """The task that runs the user's ``method`` (its name) as the action ``label`` (``act``)."""

        def run_action(user):
            user.act(label, getattr(user, method))

        run_action.__name__ = method.removeprefix("_")
        return run_action

    def wait_time(self):
        """Pacing: an action starts every 1 / rate seconds on average (from
        half to one and a half of it), whatever the time the last one took."""
        now = time.monotonic()
        interval = random.uniform(0.5, 1.5) / self.rate
        if self.paced_at is None:
            self.paced_at = now
        self.paced_at = max(now, self.paced_at + interval)
        return self.paced_at - now

    def on_start(self):
        if self.protocol == WebClientConnector.PROTOCOL:
            connector = WebClientConnector(self.host, self.port)
            self.client = odoolib.Connection(connector, self.database, self.login, self.password)
            self.client.check_login(force=False)
        else:
            # OdooLocust's own connection
            super().on_start()
        self.uid = self.client.user_id

    # -- the calls --------------------------------------------------------

    def model(self, name):
        return self.client.get_model(name)

    def spec(self, model, view_type):
        """The web client's specification of a view (its fields, relations
        read with their display name); read once, as the web client caches it."""
        key = (model, view_type)
        if key not in self.specs:
            views = self.model(model).get_views([[False, view_type]], options={})
            spec = {}
            for name, field in views["models"][model]["fields"].items():
                relational = field["type"] in ("many2one", "many2many", "one2many")
                spec[name] = {"fields": {"display_name": {}}} if relational else {}
            self.specs[key] = spec
        return self.specs[key]

    def list(self, model, view_type, domain, limit=80):
        return self.model(model).web_search_read(domain, specification=self.spec(model, view_type), limit=limit)

    def first(self, model, domain, order=None):
        ids = self.model(model).search(domain, limit=1, order=order or "id")
        return ids[0] if ids else None

    def act(self, label, action):
        """Run one action of the user; record it as an "action" request named
        after what it did (``action`` returns that when it is not ``label``).
        The calls it made are recorded by OdooLocust; a failed call fails the
        action, and the user goes on."""
        started = time.perf_counter()
        exception = None
        try:
            label = action() or label
        except Exception as exc:  # noqa: BLE001 - counted as a failure below
            exception = exc
        self.environment.events.request.fire(
            request_type=ACTION,
            name=f"{self.role}: {label}",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=exception,
            context={},
        )


class Coordinator(MorningUser):
    role = "coordinator"

    def on_start(self):
        super().on_start()
        self.program_id = self.first("hr.mentoring.program", [])
        # the export is a route of the web client: in a web session
        connector = self.client.connector
        if not isinstance(connector, WebClientConnector):
            connector = WebClientConnector(self.host, self.port)
            connector.send("common", "login", self.database, self.login, self.password)
        self.web = connector

    def _dashboard(self):
        self.list("hr.mentoring.program", "kanban", [], limit=40)

    def _pairing_list(self):
        self.list("hr.mentoring.pairing", "list", [])

    def _export_xlsx(self):
        def check(response):
            if response.status_code != 200 or not response.content.startswith(b"PK"):
                return f"the export is not a workbook (HTTP {response.status_code})"
            return None

        self.web.get("GET /hr_mentoring/program/<id>/xlsx", f"/hr_mentoring/program/{self.program_id}/xlsx", check)


TO_REVIEW = [("is_department_head", "=", True), ("state", "=", "done"), ("reviewed", "=", False)]


class Head(MorningUser):
    role = "head"

    def _approve_or_review(self):
        pairing = self.first("hr.mentoring.pairing", [("state", "=", "proposed")])
        if pairing:
            self.model("hr.mentoring.pairing").action_approve([pairing])
            return "approve"
        event = self.first("hr.mentoring.event", TO_REVIEW)
        if event:
            self.model("hr.mentoring.event").action_review([event])
            return "review"
        return self._to_review()

    def _to_review(self):
        self.list("hr.mentoring.event", "list", TO_REVIEW)
        return "To Review"


class Mentor(MorningUser):
    role = "mentor"

    def on_start(self):
        super().on_start()
        self.pairing_ids = self.model("hr.mentoring.pairing").search(
            [("mentor_id.user_id", "=", self.uid), ("state", "=", "active")]
        )

    def _my_activities(self):
        self.list("mail.activity", "list", [("user_id", "=", self.uid)])
        return "my activities"

    def _sign(self):
        today = date.today().isoformat()
        events = self.model("hr.mentoring.event")
        # what the mentor signs with a click (an evaluation is done when it is
        # submitted); never an event that fell due (the scheduled action's)
        event = self.first(
            "hr.mentoring.event",
            [
                ("mentor_id.user_id", "=", self.uid),
                ("state", "=", "planned"),
                ("date_due", ">=", today),
                ("pairing_id.state", "=", "active"),
                ("responsible_role", "=", "mentor"),
                ("event_type", "!=", "evaluation"),
            ],
            order="date_due, id",
        )
        if event:
            events.action_mark_done([event])
            return "sign"
        if not self.pairing_ids:
            return self._my_activities()
        event = events.create(
            {
                "pairing_id": random.choice(self.pairing_ids),
                "name": "Discussion this morning",
                "event_type": "situational_discussion",
                "date_due": today,
            }
        )
        events.action_mark_done([event])
        return "log and sign a discussion"


class Mentee(MorningUser):
    role = "mentee"

    def _my_plan(self):
        self.list("hr.mentoring.event", "list", [("mentee_id.user_id", "=", self.uid)])
        return "My Plan"

    def _acknowledge(self):
        event = self.first(
            "hr.mentoring.event",
            [("mentee_id.user_id", "=", self.uid), ("state", "=", "done"), ("acknowledged", "=", False)],
        )
        if event:
            self.model("hr.mentoring.event").action_acknowledge([event])
            return "acknowledge"
        return self._my_plan()
