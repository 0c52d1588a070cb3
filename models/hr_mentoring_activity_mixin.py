from odoo import Command, api, models


class HrMentoringActivityMixin(models.AbstractModel):
    """Mentoring activities and followers, in batches.

    Every mentoring model that schedules, reschedules or closes activities
    (pairings, events, evaluations, the scheduled actions) goes through these
    helpers: one ``create`` for any number of activities, the assignees added
    as followers in two queries, no notification mail per activity (the
    activity menu shows them).

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
        if isinstance(type_xmlids, str):
            type_xmlids = [type_xmlids]
        types = self.env["mail.activity.type"]
        for xmlid in type_xmlids:
            types |= self.env.ref(xmlid)
        return types

    @api.model
    def _mentoring_schedule_activities(self, items):
        """Create activities in one batch.

        ``items``: dicts with ``record`` (a record of this model), ``type`` (xml
        id of the activity type), ``user`` (res.users, empty skips the item),
        ``summary``, optionally ``note`` and ``date_deadline`` (by default the
        type's delay from today, as ``activity_schedule``). The assignees
        follow their records (added in batch, as ``activity_schedule`` does one
        by one). Returns the activities.
        """
        vals_list = []
        model_id = self.env["ir.model"]._get_id(self._name)
        types = {}
        for item in items:
            if not item["user"]:
                continue
            if item["type"] not in types:
                types[item["type"]] = self.env.ref(item["type"])
            activity_type = types[item["type"]]
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": item["record"].id,
                    "activity_type_id": activity_type.id,
                    "summary": item["summary"],
                    "note": item.get("note") or False,
                    "date_deadline": item.get("date_deadline") or activity_type._get_date_deadline(),
                    "user_id": item["user"].id,
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
