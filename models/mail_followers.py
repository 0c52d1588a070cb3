from collections import defaultdict

from odoo import _, api, models
from odoo.osv import expression

from .access_tools import forbidden_outside, restricted_domain

# the mentoring models with a chatter (mail.thread)
MENTORING_THREAD_MODELS = (
    "hr.mentoring.program",
    "hr.mentoring.pairing",
    "hr.mentoring.event",
    "hr.mentoring.evaluation",
    "hr.mentoring.note",
)
# confidential records (a fit check is read by the mentee and coordinators
# only, a note by coordinators): followers get their messages by e-mail, so
# only readers follow them
MENTORING_CONFIDENTIAL_MODELS = ("hr.mentoring.evaluation", "hr.mentoring.note")


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if self._mentoring_may_concern(domain):
            domain = restricted_domain(self, domain, self._mentoring_readable_domain())
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        """Odoo has no record rule on followers: any employee could list who
        follows any record, a draft pairing or a confidential fit check
        included. The followers of a mentoring record are read by those who
        read the record; other models' followers stay as Odoo has them. Odoo's
        chatter code that needs every follower reads them as superuser."""
        result = super()._check_access(operation)
        if result or operation != "read" or self.env.su:
            return result
        # sudo: the model of each follower row, to check the mentoring ones only
        ours = self.browse(self.sudo().filtered(lambda f: f.res_model in MENTORING_THREAD_MODELS).ids)
        return forbidden_outside(
            ours,
            self._mentoring_readable_domain(),
            _("You may not see who follows a mentoring record you cannot read."),
        )

    @api.model
    def _mentoring_may_concern(self, domain):
        """Whether a search of followers may return those of mentoring
        records. Odoo's chatter searches the followers of one model at a time
        (``res_model = X``): the restriction then costs nothing for other
        models. A domain with an OR or a NOT is restricted whatever it says."""
        if self.env.su:
            return False
        domain = list(domain or [])
        if any(item in ("|", "!") for item in domain):
            return True
        for leaf in domain:
            if not isinstance(leaf, (list, tuple)) or len(leaf) != 3 or leaf[0] != "res_model":
                continue
            operator, value = leaf[1], leaf[2]
            if operator == "=" and isinstance(value, str):
                return value in MENTORING_THREAD_MODELS
            if operator == "in" and isinstance(value, (list, tuple)):
                return bool(set(value) & set(MENTORING_THREAD_MODELS))
        return True

    def _mentoring_readable_domain(self):
        """The followers the current user may read: those of other models, and
        those of the mentoring records the user reads. The records are searched
        again as the user, so that their own record rules decide; each model
        adds one subquery to the same SQL query, not one query per row."""
        env = self.env(su=False)
        domain = [("res_model", "not in", MENTORING_THREAD_MODELS)]
        for model in MENTORING_THREAD_MODELS:
            if not env[model].has_access("read"):
                # e.g. a portal user: none of these followers
                continue
            domain = expression.OR([domain, [("res_model", "=", model), ("res_id", "in", env[model]._search([]))]])
        return domain

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
