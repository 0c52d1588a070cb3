from collections import defaultdict

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_date
from odoo.tools.sql import create_index

from .hr_mentoring_tools import in_lang_of, retry_later, shift_days

CRON_BATCH_SIZE = 1000


class HrMentoringEvent(models.Model):
    """The scheduled actions of the plan events: missed events flagged and
    followed up, unexplained ones escalated, reminders before due dates.

    They only ever look at the events of active pairings: a proposed pairing's
    plan is a draft, and an ended or cancelled pairing's open events were
    settled when it ended (``hr.mentoring.pairing._settle_open_events``).
    """

    _inherit = "hr.mentoring.event"

    def init(self):
        res = super().init()
        # the missed-events batch reads the oldest planned events first: with
        # this index it reads just those, however many events are done (on
        # 1,000,000 events the date index alone made it 3 times slower)
        create_index(
            self.env.cr,
            "hr_mentoring_event_planned_due_index",
            self._table,
            ["date_due", "id"],
            where="state = 'planned'",
        )
        return res

    @api.model
    def _mentoring_today_by_company(self):
        """{company id: today's date in that company's time zone}."""
        now = fields.Datetime.now().replace(tzinfo=pytz.utc)
        companies = self.env["res.company"].sudo().search([])
        return {c.id: now.astimezone(pytz.timezone(c._mentoring_tz())).date() for c in companies}

    @api.model
    def _cron_flag_missed_events(self, batch_size=CRON_BATCH_SIZE):
        """The scheduled action: one batch of _mentoring_flag_missed_events,
        run again shortly when users updated the same pairings meanwhile."""
        with retry_later(self.env, "hr_mentoring.ir_cron_flag_missed_events") as batch:
            flagged = self._mentoring_flag_missed_events(batch_size)
        return self.browse() if batch.undone else flagged

    @api.model
    def _mentoring_flag_missed_events(self, batch_size=CRON_BATCH_SIZE):
        """Every planned event whose due date has passed (in its company's time
        zone) becomes missed, exactly once, by batches of ``batch_size``.

        One conditional UPDATE claims a batch (``FOR UPDATE SKIP LOCKED``, and
        ``state = 'planned'`` again in the UPDATE itself), so two workers running
        at the same moment never flag an event twice. The head of each event's
        department gets an activity to find out why, the mentor's activity
        turns into "missed, explain", the event's chatter gets a note, and each
        coordinator gets one digest per run. A run changes nothing for events
        already flagged.
        """
        today_by_company = self._mentoring_today_by_company()
        if not today_by_company:
            return
        self.env.flush_all()
        values = ", ".join(["(%s, %s::date)"] * len(today_by_company))
        params = [x for item in today_by_company.items() for x in item]
        self.env.cr.execute(
            f"""
            WITH today(company_id, day) AS (VALUES {values}),
            batch AS (
                SELECT e.id
                  FROM hr_mentoring_event e
                  JOIN today t ON t.company_id = e.company_id
                  JOIN hr_mentoring_pairing p ON p.id = e.pairing_id AND p.state = 'active'
                 WHERE e.state = 'planned' AND e.date_due < t.day
              ORDER BY e.date_due, e.id
                 LIMIT %s
                   FOR UPDATE OF e SKIP LOCKED
            )
            UPDATE hr_mentoring_event e
               SET state = 'missed', missed_on = t.day, write_date = now() AT TIME ZONE 'UTC', write_uid = %s
              FROM batch, today t
             WHERE e.id = batch.id AND t.company_id = e.company_id AND e.state = 'planned'
         RETURNING e.id
            """,  # noqa: S608 - only placeholders are interpolated
            [*params, batch_size, self.env.uid],
        )
        flagged = self.browse(sorted(row[0] for row in self.env.cr.fetchall()))
        # the rows changed under the ORM's feet: drop what it cached, recompute
        # what depends on the state (on-time figures)
        flagged.invalidate_recordset(["state", "missed_on", "write_date", "write_uid"])
        flagged.modified(["state", "missed_on"])
        if flagged:
            flagged._notify_missed()
        remaining = 0
        if len(flagged) == batch_size:
            self.env.cr.execute(
                f"""
                WITH today(company_id, day) AS (VALUES {values})
                SELECT count(*) FROM hr_mentoring_event e JOIN today t ON t.company_id = e.company_id
                  JOIN hr_mentoring_pairing p ON p.id = e.pairing_id AND p.state = 'active'
                 WHERE e.state = 'planned' AND e.date_due < t.day
                """,  # noqa: S608
                params,
            )
            remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=len(flagged), remaining=remaining)
        return flagged

    def _notify_missed(self):
        """Tell who must know that these events were missed; a bounded number of
        queries. What each one gets is in their own language."""
        events = self.sudo()
        heads = events.pairing_id._head_users()
        readers = {event: heads.get(event.pairing_id.id) or event.program_id.coordinator_id for event in events}
        # their languages in one query
        self.env["res.users"].browse({user.id for user in readers.values()}).mapped("lang")
        # the responsible's own activity on the event turns into "explain or
        # reschedule" below: a head responsible for the event (a review) is not
        # also asked to find out why from themselves
        mentor_activities = self._mentoring_activities("hr_mentoring.mail_activity_type_mentoring")
        responsible = {(activity.res_id, activity.user_id.id) for activity in mentor_activities}
        items = []
        for event, user in readers.items():
            if (event.id, user.id) in responsible:
                continue
            summary = in_lang_of(self, user).env._("Find out why this was missed: %(event)s", event=event.name)
            items.append(
                {
                    "record": event,
                    "type": "hr_mentoring.mail_activity_type_missed",
                    "user": user,
                    "summary": summary,
                    "date_deadline": event.missed_on,
                }
            )
        self._mentoring_schedule_activities(items)
        # the mentor's own activity on the event now asks for the explanation
        if mentor_activities:
            missed_type = self.env.ref("hr_mentoring.mail_activity_type_missed")
            for lang, activities in mentor_activities.grouped(lambda a: a.user_id.lang or self.env.lang).items():
                summary = self.with_context(lang=lang).env._("Missed: explain or reschedule")
                activities.write({"activity_type_id": missed_type.id, "summary": summary})
        bodies = {}
        for event in events:
            bodies[event.id] = self.env._(
                "Missed: no sign-off by the due date %(date)s. The department head was asked why.",
                date=event.date_due,
            )
        events._message_log_batch(bodies=bodies)
        self._send_missed_digests()

    def _send_missed_digests(self):
        """One message per coordinator and run, listing the missed events by department."""
        by_coordinator = defaultdict(lambda: self.browse())
        for event in self.sudo():
            by_coordinator[event.program_id.coordinator_id] |= event
        for coordinator, events in by_coordinator.items():
            if not coordinator:
                continue
            # in the coordinator's language, not the cron user's
            env = in_lang_of(events, coordinator).env
            by_department = defaultdict(list)
            for event in events:
                by_department[event.department_id.display_name or env._("No Department")].append(event)
            rows = Markup("")
            for department, department_events in sorted(by_department.items()):
                items = Markup("")
                for event in department_events:
                    line = env._(
                        "%(mentee)s: %(event)s, due on %(date)s",
                        mentee=event.mentee_id.name,
                        event=event.name,
                        date=format_date(env, event.date_due),
                    )
                    items += Markup("<li>%s</li>") % line
                rows += Markup("<li><b>%s</b><ul>%s</ul></li>") % (department, items)
            body = Markup("<p>%s</p><ul>%s</ul>") % (
                env._("%(count)s mentoring events were missed:", count=len(events)),
                rows,
            )
            # a notification, not a note in the programme's chatter: mentee names
            # and departments are for the coordinator only
            events.program_id[:1].with_env(env).message_notify(
                body=body,
                subject=env._("Missed mentoring events"),
                partner_ids=coordinator.partner_id.ids,
            )

    @api.model
    def _cron_escalate_unexplained(self, batch_size=CRON_BATCH_SIZE):
        """Missed events still without an explanation N working days after the
        flag (company setting) go to the programme coordinator, once."""
        today_by_company = self._mentoring_today_by_company()
        escalated = self.browse()
        for company in self.env["res.company"].sudo().browse(list(today_by_company)):
            days = company.mentoring_escalation_days
            if days <= 0:
                continue
            today = today_by_company[company.id]
            cutoff = company._mentoring_nth_working_day_back(today, days)
            events = self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("pairing_id.state", "=", "active"),
                    ("state", "=", "missed"),
                    ("missed_reason_category", "=", False),
                    ("escalated_on", "=", False),
                    ("missed_on", "<", cutoff),
                ],
                limit=batch_size,
            )
            if not events:
                continue
            events.write({"escalated_on": today})
            events._mentoring_schedule_activities(
                [
                    {
                        "record": event,
                        "type": "hr_mentoring.mail_activity_type_escalation",
                        "user": event.program_id.coordinator_id,
                        "summary": in_lang_of(self, event.program_id.coordinator_id).env._(
                            "Still unexplained %(days)s working days after it was missed", days=days
                        ),
                        "date_deadline": today,
                    }
                    for event in events
                ]
            )
            escalated |= events
        return escalated

    @api.model
    def _cron_send_reminders(self, batch_size=CRON_BATCH_SIZE):
        """Remind the responsible some days before the due date (company
        setting), by batches: the scheduler calls again while some remain."""
        today_by_company = self._mentoring_today_by_company()
        template = self.env.ref("hr_mentoring.mail_template_event_reminder")
        sent = self.browse()
        remaining = 0
        for company in self.env["res.company"].sudo().browse(list(today_by_company)):
            if not company.mentoring_reminder:
                continue
            today = today_by_company[company.id]
            horizon = shift_days(today, company.mentoring_reminder_days)
            domain = [
                ("company_id", "=", company.id),
                ("pairing_id.state", "=", "active"),
                ("state", "=", "planned"),
                ("reminder_sent", "=", False),
                ("date_due", ">=", today),
                ("date_due", "<=", horizon),
            ]
            events = self.sudo().search(domain, limit=max(batch_size - len(sent), 0))
            users = events._responsible_users()
            for event in events:
                user = users.get(event.id)
                if user:
                    # the template renders in the reader's language (and date format)
                    in_lang_of(event, user).message_post_with_source(
                        template,
                        partner_ids=user.partner_id.ids,
                        subtype_xmlid="mail.mt_note",
                    )
            events.write({"reminder_sent": True})
            sent |= events
            remaining += self.sudo().search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(sent), remaining=remaining)
        return sent
