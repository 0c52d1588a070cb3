from odoo import api, models

ROLE_GROUPS = {
    "mentor": "hr_mentoring.group_mentoring_mentor",
    "participant": "hr_mentoring.group_mentoring_participant",
    "head": "hr_mentoring.group_mentoring_head",
}


class ResUsers(models.Model):
    _inherit = "res.users"

    def _mentoring_sync_role_groups(self):
        """Keep the role groups that only show menus in line with the data.

        Access to records never depends on these groups (record rules follow
        the data directly); they decide which menus a user sees: approved
        mentors, participants of a pairing, and department managers.
        """
        users = self.filtered(lambda u: u.id and not u.share)
        if not users:
            return
        # sudo: reading employees, pairings and departments of other users to
        # decide group membership, and writing groups, are system tasks.
        env = self.sudo().env
        mentors = env["hr.employee"].search([("user_id", "in", users.ids), ("mentor_state", "=", "approved")]).user_id
        participants = (
            env["hr.mentoring.pairing"]
            .search(
                [
                    "|",
                    ("mentor_id.user_id", "in", users.ids),
                    ("mentee_id.user_id", "in", users.ids),
                    ("state", "in", ("proposed", "active", "done")),
                ]
            )
            ._mentoring_participant_users()
        )
        heads = env["hr.department"].search([("manager_id.user_id", "in", users.ids)]).manager_id.user_id
        wanted = {"mentor": mentors & users, "participant": participants & users, "head": heads & users}
        for role, xmlid in ROLE_GROUPS.items():
            group = env.ref(xmlid, raise_if_not_found=False)
            if not group:
                continue
            members = group.users & users
            to_add = wanted[role] - members
            to_remove = members - wanted[role]
            commands = [(4, u.id) for u in to_add] + [(3, u.id) for u in to_remove]
            if commands:
                group.write({"users": commands})

    @api.model
    def _cron_mentoring_sync_role_groups(self):
        """Nightly safety net: re-sync every internal user (e.g. after imports made with SQL)."""
        self.sudo().search([("share", "=", False)])._mentoring_sync_role_groups()
