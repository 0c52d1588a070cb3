from odoo import Command, api, models
from odoo.tools.translate import LazyGettext

from .message_tools import in_lang_of


class HrMentoringActivityMixin(models.AbstractModel):
    """Mentoring activities, notifications and followers, in batches, each in
    its reader's language.

    Every mentoring model that schedules, reschedules or closes activities, or
    notifies people (programmes, pairings, events, evaluations, the scheduled
    actions) goes through these helpers: one ``create`` for any number of
    activities, the assignees added as followers in two queries, no
    notification mail per activity (the activity menu shows them). Their texts
    are lazy translations (``_lt("...", name=...)``), written in the language
    of each person they are for, whoever triggers them.

    The activities are the plan's bookkeeping: they are written as superuser,
    after the caller checked that the user may make the change that causes them.
    Models list this mixin first in ``_inherit`` (it brings mail.thread and
    mail.activity.mixin), so that its ``message_subscribe`` comes first.
    """

    _name = "hr.mentoring.activity.mixin"
    _description = "Mentoring activities in batches"
    _inherit = ["mail.thread", "mail.activity.mixin"]

    @api.model
    def _mentoring_activity_env(self):
        # sudo: activities are system bookkeeping of the mentoring records (see
        # the class docstring); quick update: no "assigned to you" mail each
        return self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)

    def _mentoring_activities(self, type_xmlids):
        """The activities of ``self`` of the given types (xml ids), any assignee."""
        types = self._mentoring_activity_types(type_xmlids)
        if not self or not types:
            return self._mentoring_activity_env()
        return self._mentoring_activity_env().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids), ("activity_type_id", "in", types.ids)]
        )

    @api.model
    def _mentoring_activity_types(self, type_xmlids):
        """The activity types of these xml ids (the module's own data): read
        from the cached xml ids, without the existence query of ``env.ref``."""
        if isinstance(type_xmlids, str):
            type_xmlids = [type_xmlids]
        IrModelData = self.env["ir.model.data"]
        return self.env["mail.activity.type"].browse(
            [IrModelData._xmlid_to_res_id(xmlid, raise_if_not_found=True) for xmlid in type_xmlids]
        )

    @api.model
    def _mentoring_text(self, text, user):
        """``text`` as ``user`` reads it: a lazy translation (``_lt``) in their
        language, a plain text (a record's name, someone's comment) as it is."""
        if isinstance(text, LazyGettext):
            return in_lang_of(self, user).env._(text)
        return text

    @api.model
    def _mentoring_schedule_activities(self, items):
        """Create activities in one batch.

        ``items``: dicts with ``record`` (a record of this model), ``type`` (xml
        id of the activity type), ``user`` (res.users, empty skips the item),
        optionally ``summary`` (by default the type's), ``note`` and
        ``date_deadline`` (by default the type's delay from today, as
        ``activity_schedule``). Summaries and notes given as lazy translations
        are written in the assignee's language. The assignees follow their
        records (added in batch, as ``activity_schedule`` does one by one).
        Returns the activities.
        """
        vals_list = []
        model_id = self.env["ir.model"]._get_id(self._name)
        types = {}
        items = [item for item in items if item["user"]]
        # the languages of the assignees who get a text to translate, in one query
        self.env["res.users"].browse(
            {
                item["user"].id
                for item in items
                if not item.get("summary") or any(isinstance(item.get(key), LazyGettext) for key in ("summary", "note"))
            }
        ).mapped("lang")
        for item in items:
            user = item["user"]
            if item["type"] not in types:
                types[item["type"]] = self._mentoring_activity_types(item["type"])
            activity_type = types[item["type"]]
            summary = item.get("summary") or in_lang_of(activity_type, user).summary
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": item["record"].id,
                    "activity_type_id": activity_type.id,
                    "summary": self._mentoring_text(summary, user),
                    "note": self._mentoring_text(item.get("note"), user) or False,
                    "date_deadline": item.get("date_deadline") or activity_type._get_date_deadline(),
                    "user_id": user.id,
                }
            )
        Activity = self._mentoring_activity_env()
        if not vals_list:
            return Activity
        users = self.env["res.users"].sudo().browse({vals["user_id"] for vals in vals_list})
        partner_of = {user.id: user.partner_id.id for user in users}
        self._mentoring_add_followers({(vals["res_id"], partner_of[vals["user_id"]]) for vals in vals_list})
        # each activity's res_name is its record's display_name, which mail.activity
        # computes record by record: compute them in one batch first (cached)
        self.browse({vals["res_id"] for vals in vals_list}).sudo().mapped("display_name")
        return Activity.with_context(mentoring_followers_added=True).create(vals_list)

    @api.model
    def _mentoring_retype_activities(self, activities, type_xmlid, summary):
        """Turn ``activities`` (of this model) into activities of another type,
        with ``summary`` (a lazy translation) in each assignee's language: one
        write per language."""
        activity_type = self._mentoring_activity_types(type_xmlid)
        for group in activities.grouped(lambda a: a.user_id.lang or self.env.lang).values():
            group.write(
                {"activity_type_id": activity_type.id, "summary": self._mentoring_text(summary, group.user_id[:1])}
            )

    def _mentoring_notify(self, users, subject, body):
        """Notify ``users`` of this record (a notification, not a message in
        its chatter): one message per language of its readers, ``subject`` and
        ``body`` (lazy translations) written in it."""
        self.ensure_one()
        for lang, readers in users.grouped(lambda u: u.lang or self.env.lang).items():
            self.with_context(lang=lang).message_notify(
                subject=self._mentoring_text(subject, readers[:1]),
                body=self._mentoring_text(body, readers[:1]),
                partner_ids=readers.partner_id.ids,
            )

    def _mentoring_close_activities(self, type_xmlids, feedback=False, done=True):
        """Close the activities of ``self`` of these types, whoever they are
        assigned to: marked done (with ``feedback``; they stay in the chatter's
        history), or removed when ``done`` is false (nothing was done)."""
        activities = self._mentoring_activities(type_xmlids)
        if not activities:
            return
        if done:
            activities.with_context(mentoring_activity_done=True).action_feedback(feedback=feedback)
        else:
            activities.unlink()

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if self.env.context.get("mentoring_followers_added"):
            # the followers were added in batch (_mentoring_add_followers)
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    @api.model
    def _mentoring_add_followers(self, pairs):
        """Subscribe partners to records of this model, ``pairs`` = {(record id,
        partner id)}, in two queries whatever their number (default subtypes,
        like message_subscribe)."""
        if not pairs:
            return
        # sudo: following is the consequence of an assignment checked by the caller
        Followers = self.env["mail.followers"].sudo()
        existing = Followers.search_read(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", list({res_id for res_id, _partner in pairs})),
                ("partner_id", "in", list({partner_id for _res, partner_id in pairs})),
            ],
            ["res_id", "partner_id"],
            load=None,
        )
        known = {(row["res_id"], row["partner_id"]) for row in existing}
        subtype_ids = self.env["mail.message.subtype"]._default_subtypes(self._name)[0]
        Followers.create(
            [
                {
                    "res_model": self._name,
                    "res_id": res_id,
                    "partner_id": partner_id,
                    "subtype_ids": [Command.set(subtype_ids)],
                }
                for res_id, partner_id in sorted(pairs - known)
            ]
        )
