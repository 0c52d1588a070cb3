# Run by scripts/bench_browser.sh through `odoo-bin shell` (env is the shell's)
# on the benchmark's database: the users benchmarks/browser.py logs in as, one
# per role, with the password BROWSER_PASSWORD. The dataset's users have no
# password, and its mentees no user: the first mentee of the measured mentor
# gets one (linking the employee puts the user in the mentee's groups).
# Prints "role login" lines for browser.py.
import os

PASSWORD = os.environ["BROWSER_PASSWORD"]
env = env(context=dict(env.context, no_reset_password=True, tracking_disable=True))  # noqa: F821
Users = env["res.users"]
logins = {
    "coordinator": "bench.coordinator.001",
    "head": "bench.head.001",
    "mentor": "bench.mentor.001",
}
users = Users.search([("login", "in", list(logins.values()))])
assert len(users) == len(logins), "no benchmark dataset here: run make bench first"
mentor = users.filtered(lambda u: u.login == logins["mentor"]).employee_id
pairing = env["hr.mentoring.pairing"].search(
    [("mentor_id", "=", mentor.id), ("state", "=", "active")], order="id", limit=1
)
mentee = pairing.mentee_id
if not mentee.user_id:
    mentee.user_id = Users.create(
        {
            "name": mentee.name,
            "login": "bench.mentee.001",
            "tz": "UTC",
            "groups_id": [(6, 0, env.ref("base.group_user").ids)],
        }
    )
logins["mentee"] = mentee.user_id.login
(users | mentee.user_id).password = PASSWORD
program = env["hr.mentoring.program"].search([("name", "=", "Programme 01")])
env.cr.commit()
for role, login in logins.items():
    print("user", role, login)
print("program", program.id)
