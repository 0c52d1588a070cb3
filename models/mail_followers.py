from collections import defaultdict

from odoo import _, api, fields, models

# the mentoring models with a chatter (mail.thread)
MENTORING_THREAD_MODELS = (
    "hr.mentoring.program",
    "hr.mentoring.pairing",
    "hr.mentoring.event",
    "hr.mentoring.evaluation",
)
# confidential records (a fit check is read by the mentee and coordinators
# only): followers get their messages by e-mail, so only readers follow them
MENTORING_CONFIDENTIAL_MODELS = ("hr.mentoring.evaluation",)


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    mentoring_readable = fields.Boolean(
        compute="_compute_mentoring_readable",
        search="_search_mentoring_readable",
        help="Not a follower of a mentoring record, or a follower of a mentoring record the current user reads.",
    )

    @api.depends_context("uid")
    def _compute_mentoring_readable(self):
        # sudo: the document each follower row is about, to group them by model
        readable_ids = {}
        for follower in self.sudo():
            if follower.res_model in MENTORING_THREAD_MODELS:
                readable_ids.setdefault(follower.res_model, set()).add(follower.res_id)
        for model, ids in readable_ids.items():
            readable_ids[model] = set(self.env[model].browse(list(ids))._filtered_access("read").ids)
        for follower in self:
            model = follower.sudo().res_model
            follower.mentoring_readable = (
                model not in MENTORING_THREAD_MODELS or follower.sudo().res_id in readable_ids[model]
            )

    def _search_mentoring_readable(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(_("Unsupported search on 'Readable Mentoring Follower'."))
        # record rules are applied as superuser: search the documents as the
        # user again, so that their own record rules decide; each model adds
        # one subquery to the same SQL query, not one query per row
        env = self.env(su=False)
        domain = [("res_model", "not in", MENTORING_THREAD_MODELS)]
        for model in MENTORING_THREAD_MODELS:
            if not env[model].has_access("read"):
                # e.g. a portal user: none of these followers
                continue
            domain = [
                "|",
                *domain,
                "&",
                ("res_model", "=", model),
                ("res_id", "in", env[model]._search([])),
            ]
        positive = (operator == "=") == value
        return domain if positive else ["!", *domain]

    def _insert_followers(
        self,
        res_model,
        res_ids,
        partner_ids,
        subtypes=None,
        customer_ids=None,
        check_existing=True,
        existing_policy="skip",
    ):
        """A follower of a confidential mentoring record is notified of its
        messages: only partners whose user may read the record are added."""
        if res_model not in MENTORING_CONFIDENTIAL_MODELS or not res_ids or not partner_ids:
            return super()._insert_followers(
                res_model,
                res_ids,
                partner_ids,
                subtypes=subtypes,
                customer_ids=customer_ids,
                check_existing=check_existing,
                existing_policy=existing_policy,
            )
        readers = self._mentoring_readers(res_model, res_ids, partner_ids)
        by_partners = defaultdict(list)
        for res_id in res_ids:
            by_partners[readers[res_id]].append(res_id)
        for pids, ids in by_partners.items():
            if not pids:
                continue
            super()._insert_followers(
                res_model,
                ids,
                [pid for pid in partner_ids if pid in pids],
                subtypes={pid: subtypes[pid] for pid in pids if pid in subtypes} if subtypes else subtypes,
                customer_ids=customer_ids,
                check_existing=check_existing,
                existing_policy=existing_policy,
            )
        return None

    def _mentoring_readers(self, res_model, res_ids, partner_ids):
        """res_id -> frozenset of the partners (among ``partner_ids``) whose
        internal user reads that record: one query per user."""
        readers = defaultdict(set)
        # sudo: the users behind the partners, whatever the current user reads
        users = self.env["res.users"].sudo().search([("partner_id", "in", list(partner_ids)), ("share", "=", False)])
        for user in users:
            records = self.env[res_model].with_user(user).with_context(allowed_company_ids=user.company_ids.ids)
            records = records.browse(res_ids)
            for res_id in records._filtered_access("read").ids:
                readers[res_id].add(user.partner_id.id)
        return {res_id: frozenset(readers[res_id]) for res_id in res_ids}
