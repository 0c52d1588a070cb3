from odoo import Command, _, api, models

ROLE_GROUPS = {
    "mentor": "hr_mentoring.group_mentoring_mentor",
    "participant": "hr_mentoring.group_mentoring_participant",
    "mentee": "hr_mentoring.group_mentoring_mentee",
    "head": "hr_mentoring.group_mentoring_head",
}

# pairings whose mentor and mentee see the "My Mentoring" menus
MENU_PAIRING_STATES = ("proposed", "active", "done")


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
        }
        for group in groups:
            if group.get("model") in titles:
                group["name"] = titles[group["model"]]
        return groups

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
