from odoo import Command, _, api, fields, models

ROLE_GROUPS = {
    "mentor": "hr_mentoring.group_mentoring_mentor",
    "participant": "hr_mentoring.group_mentoring_participant",
    "mentee": "hr_mentoring.group_mentoring_mentee",
    "head": "hr_mentoring.group_mentoring_head",
}

# pairings whose mentor and mentee see the "My Mentoring" menus
MENU_PAIRING_STATES = ("proposed", "active", "done")

# the activity menu's counters of the module's models, each counted with the
# domain of the list it opens: its own ("activity_user_id" is the user) and the
# filter it selects ("activities_overdue", "activities_today",
# "activities_upcoming_all" of the model's search view: the user's activities
# due before, on or after today)
ACTIVITY_COUNTERS = {"overdue_count": "<", "today_count": "=", "planned_count": ">"}
ACTIVITY_MENU_MODELS = (
    "hr.mentoring.event",
    "hr.mentoring.pairing",
    "hr.mentoring.evaluation",
    "hr.mentoring.program",
    "hr.mentoring.program.acknowledgement",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _get_activity_groups(self):
        # the activity menu titles its groups, and the lists they open, by the
        # models' descriptions ("Mentoring Plan Event"): the module's groups are
        # named for their readers
        groups = super()._get_activity_groups()
        titles = {
            "hr.mentoring.event": _("Mentoring Events"),
            "hr.mentoring.pairing": _("Mentoring Pairings"),
            "hr.mentoring.evaluation": _("Mentoring Evaluations"),
            "hr.mentoring.program": _("Mentoring Programmes"),
            "hr.mentoring.program.acknowledgement": _("Mentoring Regulations"),
        }
        for group in groups:
            if group.get("model") in titles:
                group["name"] = titles[group["model"]]
            if group.get("model") in ACTIVITY_MENU_MODELS:
                group.update(self._mentoring_activity_counters(group["model"]))
        return groups

    @api.model
    def _mentoring_activity_counters(self, model):
        """The activity menu's counters of ``model`` as the lists they open
        count: records, not activities (Odoo counts each activity, so that two
        activities of the user on one event said "2 Today" over one row), each
        with the domain of its list (ACTIVITY_COUNTERS); the group's total is
        its "Late" and "Today" lists together, as clicking the group opens them."""
        Model = self.env[model]
        # the lists compare with the user's today (context_today, in their time zone)
        today = fields.Date.context_today(self.with_context(tz=self.env.context.get("tz") or self.env.user.tz))
        mine = [("activity_user_id", "=", self.env.uid)]
        counters = {
            counter: Model.search_count([*mine, ("my_activity_date_deadline", operator, today)])
            for counter, operator in ACTIVITY_COUNTERS.items()
        }
        counters["total_count"] = Model.search_count(
            [*mine, "|", ("my_activity_date_deadline", "<", today), ("my_activity_date_deadline", "=", today)]
        )
        return counters

    def _mentoring_sync_role_groups(self):
        """Keep the role groups that only show menus in line with the data.

        Access to records never depends on these groups (record rules follow
        the data directly); they decide which menus a user sees: mentors
        (approved, or still guiding an open pairing), participants and mentees
        of a pairing, and department managers.
        """
        users = self.filtered(lambda u: u.id and not u.share)
        if not users:
            return
        # sudo: reading employees, pairings and departments of other users to
        # decide group membership, and writing groups, are system tasks.
        env = self.sudo().env
        pairings = env["hr.mentoring.pairing"].search(
            [
                "|",
                ("mentor_id.user_id", "in", users.ids),
                ("mentee_id.user_id", "in", users.ids),
                ("state", "in", MENU_PAIRING_STATES),
            ]
        )
        approved = env["hr.employee"].search([("user_id", "in", users.ids), ("mentor_state", "=", "approved")])
        # a suspended mentor still signs the events of their running pairings
        guiding = pairings.filtered(lambda p: p.state in ("proposed", "active")).mentor_id
        mentors = (approved | guiding).user_id
        mentees = pairings.mentee_id.user_id
        heads = env["hr.department"].search([("manager_id.user_id", "in", users.ids)]).manager_id.user_id
        wanted = {
            "mentor": mentors & users,
            "participant": (pairings.mentor_id.user_id | mentees) & users,
            "mentee": mentees & users,
            "head": heads & users,
        }
        for role, xmlid in ROLE_GROUPS.items():
            group = env.ref(xmlid, raise_if_not_found=False)
            if not group:
                continue
            members = group.users & users
            to_add = wanted[role] - members
            to_remove = members - wanted[role]
            commands = [Command.link(u.id) for u in to_add] + [Command.unlink(u.id) for u in to_remove]
            if commands:
                group.write({"users": commands})

    @api.model
    def _cron_mentoring_sync_role_groups(self):
        """Nightly safety net: re-sync every internal user (e.g. after imports made with SQL)."""
        self.sudo().search([("share", "=", False)])._mentoring_sync_role_groups()
