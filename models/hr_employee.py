from datetime import datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import format_date, formatLang
from odoo.tools.translate import LazyTranslate

from .action_tools import window_action
from .hr_mentoring_figures import (
    FEEDBACK_DUE_DOMAIN,
    NO_DATA,
    ON_TIME_DOMAIN,
    domain_query,
    domain_sql,
    percent_label,
)
from .meeting_slots import person_tz
from .state_machine import ANY_STATE, allowed_steps, check_step, step, take_step

_lt = LazyTranslate(__name__)

MENTOR_STATES = [
    ("none", "Not a Mentor"),
    ("candidate", "Candidate"),
    ("in_training", "In Training"),
    ("approved", "Approved"),
    ("suspended", "Suspended"),
]

SELECTION_METHODS = [
    ("staff_evaluation", "Staff Evaluation"),
    ("training_results", "Training Results"),
    ("business_game", "Business Game"),
    ("analytical", "Analytical Selection"),
]

COORDINATOR = "hr_mentoring.group_mentoring_coordinator"

# Changes of these fields are written to the coordinators' mentor history.
MENTOR_LOGGED_FIELDS = (
    "mentor_state",
    "mentor_selection_method",
    "mentor_capacity",
    "mentor_interview_date",
    "mentor_interview_notes",
    "mentor_evaluation_result",
    "mentor_training_date",
    "mentor_training_name",
)
MENTOR_GUARDED_FIELDS = (
    *MENTOR_LOGGED_FIELDS,
    "mentor_approved_date",
    "mentor_coordinator_signs",
    "mentor_training_resume_line_id",
)
# what completing the mentor training writes on the employee's resume (hr_skills)
TRAINING_FIELDS = ("mentor_training_date", "mentor_training_name")
RESUME_TYPE_TRAINING = "hr_mentoring.resume_type_training"
# the mentor statuses whose training a completed eLearning course records
TRAINING_STATES = ("candidate", "in_training", "approved", "suspended")

# the buttons of the mentor status (hr_mentoring.state_machine): coordinators only
MENTOR_STEPS = {
    name: step(
        _lt("change a mentor's status"),
        sources,
        {"coordinator"},
        target=target,
        wrong_states=dict.fromkeys(
            (state for state, _label in MENTOR_STATES), _lt("%(name)s is %(state)s and cannot become %(target)s.")
        ),
    )
    for name, sources, target in (
        ("nominate", ("none", "suspended"), "candidate"),
        ("start_training", ("candidate", "suspended"), "in_training"),
        ("approve", ("candidate", "in_training", "suspended"), "approved"),
        ("suspend", ("candidate", "in_training", "approved"), "suspended"),
        ("reset", ("candidate", "in_training", "suspended"), "none"),
    )
}
# recording the training changes no status (a training recorded already stays as it is)
MENTOR_STEPS["complete_training"] = step(
    _lt("record a mentor's training"),
    TRAINING_STATES,
    {"coordinator"},
    wrong_states={ANY_STATE: _lt("Nominate %(name)s as a mentor before recording their training.")},
)


class HrEmployee(models.Model):
    _inherit = "hr.employee"
    _mentoring_steps = MENTOR_STEPS
    _mentoring_state_field = "mentor_state"
    _mentoring_state_refusal = ValidationError

    mentor_state = fields.Selection(
        MENTOR_STATES,
        string="Mentor Status",
        required=True,
        default="none",
        copy=False,
        index=True,
        groups="hr.group_hr_user",
        help="Candidates, mentors in training and suspensions are HR matters; colleagues only see "
        "whether someone is an approved mentor.",
    )
    is_approved_mentor = fields.Boolean(
        string="Approved Mentor", compute="_compute_is_approved_mentor", store=True, index=True
    )
    mentor_selection_method = fields.Selection(
        SELECTION_METHODS,
        string="Selection Method",
        copy=False,
        groups="hr.group_hr_user",
        help="How the mentor was selected: staff evaluation, training results, a business game, "
        "or analytical selection (profile, interview, observation, compatibility).",
    )
    mentor_capacity = fields.Integer(
        string="Mentee Capacity",
        default=lambda self: self.env.company.mentor_default_capacity,
        groups="hr.group_hr_user",
        help="How many active mentees this mentor may guide at the same time.",
    )
    mentor_pairing_ids = fields.One2many(
        "hr.mentoring.pairing", "mentor_id", string="Pairings as Mentor", groups="hr.group_hr_user"
    )
    mentee_pairing_ids = fields.One2many(
        "hr.mentoring.pairing", "mentee_id", string="Pairings as Mentee", groups="hr.group_hr_user"
    )
    active_mentee_count = fields.Integer(
        string="Active Mentees",
        compute="_compute_active_mentee_count",
        store=True,
        groups="hr.group_hr_user",
    )
    proposed_mentee_count = fields.Integer(
        string="Proposed Mentees",
        compute="_compute_active_mentee_count",
        store=True,
        groups="hr.group_hr_user",
    )
    mentor_available_capacity = fields.Integer(
        string="Capacity Left",
        compute="_compute_active_mentee_count",
        store=True,
        groups="hr.group_hr_user",
        help="Places left for new mentees: the capacity minus the active and the proposed pairings.",
    )
    mentoring_joined_date = fields.Date(
        string="With the Company Since",
        groups="hr.group_hr_user",
        help="Used for the tenure of mentors in the selection score.",
    )
    # Evidence of the selection: coordinators only.
    mentor_interview_date = fields.Date(string="Interview Date", groups=COORDINATOR)
    mentor_interview_notes = fields.Text(string="Interview Notes", groups=COORDINATOR)
    mentor_evaluation_result = fields.Float(
        string="Selection Evaluation (%)",
        digits=(5, 1),
        groups=COORDINATOR,
        help="Result of the staff evaluation, business game or assessment used to select the mentor, 0 to 100.",
    )
    mentor_training_date = fields.Date(string="Mentor Training Completed On", groups=COORDINATOR)
    mentor_training_name = fields.Char(
        string="Mentor Training",
        groups=COORDINATOR,
        help="What the mentor was trained in: written with the date on the employee's resume.",
    )
    mentor_training_resume_line_id = fields.Many2one(
        "hr.resume.line", string="Training on the Resume", readonly=True, copy=False, groups=COORDINATOR
    )
    mentor_approved_date = fields.Date(string="Approved as Mentor On", copy=False, groups="hr.group_hr_user")
    mentor_coordinator_signs = fields.Boolean(
        string="A Coordinator Signs for This Mentor",
        copy=False,
        groups="hr.group_hr_user",
        help="The mentor has no user account: the programme's coordinator signs the plan's events on their "
        "behalf. Without it, a mentor without a user cannot be approved.",
    )
    # the mentor's record (coordinators: recognition and selection)
    mentor_mentees_guided = fields.Integer(string="Mentees Guided", compute="_compute_mentor_stats", groups=COORDINATOR)
    mentor_on_time_rate = fields.Float(
        string="Feedback on Time (%)", compute="_compute_mentor_stats", digits=(5, 1), groups=COORDINATOR
    )
    mentor_mentee_progress = fields.Float(
        string="Average Mentee Progress",
        compute="_compute_mentor_stats",
        digits=(5, 1),
        groups=COORDINATOR,
        help="Average change of the mentees' scores since their first evaluation, in points of 100.",
    )
    mentor_feedback_score = fields.Float(
        string="Mentee Feedback (%)", compute="_compute_mentor_stats", digits=(5, 1), groups=COORDINATOR
    )
    mentor_history_ids = fields.One2many("hr.mentoring.mentor.history", "employee_id", groups=COORDINATOR)
    # a mentor with no feedback due, no progress measured or no feedback yet
    # has no figure ("—"), not the worst one
    mentor_has_feedback_due = fields.Boolean(compute="_compute_mentor_stats", groups=COORDINATOR)
    mentor_has_progress = fields.Boolean(compute="_compute_mentor_stats", groups=COORDINATOR)
    mentor_has_feedback = fields.Boolean(compute="_compute_mentor_stats", groups=COORDINATOR)
    mentor_on_time_label = fields.Char(string="On Time", compute="_compute_mentor_stats", groups=COORDINATOR)
    mentor_progress_label = fields.Char(string="Mentee Progress", compute="_compute_mentor_stats", groups=COORDINATOR)
    mentor_feedback_label = fields.Char(string="Mentee Feedback", compute="_compute_mentor_stats", groups=COORDINATOR)
    # what the current user may do with the mentor status: each button's step passes
    mentor_can_nominate = fields.Boolean(compute="_compute_mentor_can", groups=COORDINATOR)
    mentor_can_start_training = fields.Boolean(compute="_compute_mentor_can", groups=COORDINATOR)
    mentor_can_approve = fields.Boolean(compute="_compute_mentor_can", groups=COORDINATOR)
    mentor_can_suspend = fields.Boolean(compute="_compute_mentor_can", groups=COORDINATOR)
    mentor_can_reset = fields.Boolean(compute="_compute_mentor_can", groups=COORDINATOR)
    mentor_can_complete_training = fields.Boolean(compute="_compute_mentor_can", groups=COORDINATOR)

    @api.depends("mentor_state")
    def _compute_is_approved_mentor(self):
        for employee in self:
            employee.is_approved_mentor = employee.mentor_state == "approved"

    @api.depends("mentor_pairing_ids.state", "mentor_pairing_ids.pause_frees_place", "mentor_capacity")
    def _compute_active_mentee_count(self):
        # a paused pairing whose place the coordinator freed takes no place
        groups = (
            self.env["hr.mentoring.pairing"]
            .sudo()
            ._read_group(
                [
                    ("mentor_id", "in", self.ids),
                    ("state", "in", ("active", "proposed")),
                    ("pause_frees_place", "=", False),
                ],
                ["mentor_id", "state"],
                ["__count"],
            )
        )
        counts = {(mentor.id, state): count for mentor, state, count in groups}
        for employee in self:
            employee.active_mentee_count = counts.get((employee.id, "active"), 0)
            employee.proposed_mentee_count = counts.get((employee.id, "proposed"), 0)
            employee.mentor_available_capacity = max(
                employee.mentor_capacity - employee.active_mentee_count - employee.proposed_mentee_count, 0
            )

    @api.depends_context("uid")
    def _compute_mentor_stats(self):
        """Four grouped queries for any number of mentors."""
        ids = self.ids
        guided = dict(
            self.env["hr.mentoring.pairing"]._read_group(
                [("mentor_id", "in", ids), ("state", "in", ("active", "done"))], ["mentor_id"], ["__count"]
            )
        )
        Figures = self.env["hr.mentoring.figures"]
        events = Figures._mentoring_event_figures([("mentor_id", "in", ids)], ["mentor_id"])
        progress = Figures._mentoring_progress_figures([("mentor_id", "in", ids)], ["mentor_id"], mentor_rated=True)
        feedback = dict(
            self.env["hr.mentoring.evaluation"]._read_group(
                [("mentor_id", "in", ids), ("kind", "=", "mentee_on_mentor"), ("state", "!=", "draft")],
                ["mentor_id"],
                ["score:avg"],
            )
        )
        for employee in self:
            key = employee._origin
            employee.mentor_mentees_guided = guided.get(key, 0)
            rate = events.get((key,), {}).get("on_time_rate")
            employee.mentor_on_time_rate = rate or 0.0
            employee.mentor_has_feedback_due = rate is not None
            employee.mentor_on_time_label = percent_label(self.env, rate)
            total, count = progress.get((key,), (0.0, 0))
            employee.mentor_mentee_progress = total / count if count else 0.0
            employee.mentor_has_progress = bool(count)
            employee.mentor_progress_label = (
                formatLang(self.env, employee.mentor_mentee_progress, digits=1) if count else NO_DATA
            )
            score = feedback.get(key)
            employee.mentor_feedback_score = score or 0.0
            employee.mentor_has_feedback = score is not None
            employee.mentor_feedback_label = percent_label(self.env, score)

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        """The Mentor Ranking lists the mentors by their feedback on time
        (``mentor_on_time_rate``, computed, not stored): ordered by the same
        figure in SQL, counted with the one definition of hr.mentoring.figures
        (FEEDBACK_DUE_DOMAIN, ON_TIME_DOMAIN). A mentor with no feedback due
        yet has no rate ("—"): -1, below every mentor with one in the ranking."""
        if field_name != "mentor_on_time_rate":
            return super()._order_field_to_sql(alias, field_name, direction, nulls, query)
        self.check_field_access_rights("read", [field_name])
        Event = self.env["hr.mentoring.event"]
        events = domain_query(Event, FEEDBACK_DUE_DOMAIN)
        events.add_where(SQL("%s = %s", SQL.identifier(Event._table, "mentor_id"), SQL.identifier(alias, "id")))
        rate = events.select(
            SQL(
                "COALESCE(100.0 * count(*) FILTER (WHERE %s) / NULLIF(count(*), 0), -1)",
                domain_sql(Event, ON_TIME_DOMAIN),
            )
        )
        return SQL("(%s) %s", rate, direction)

    @api.depends("mentor_state")
    @api.depends_context("uid")
    def _compute_mentor_can(self):
        allowed = allowed_steps(self, MENTOR_STEPS)
        for employee in self:
            for name in MENTOR_STEPS:
                employee[f"mentor_can_{name}"] = allowed[name][employee.id]

    @api.constrains("mentor_state", "mentor_training_date", "company_id")
    def _check_mentor_training(self):
        """A company may approve trained mentors only (Settings > Mentoring)."""
        for employee in self.sudo():
            if (
                employee.mentor_state == "approved"
                and employee.company_id.mentoring_require_training
                and not employee.mentor_training_date
            ):
                raise ValidationError(
                    _(
                        "%(employee)s has not completed the mentor training, and %(company)s approves trained "
                        "mentors only. Record the training first (Training Completed on the Mentoring tab, or the "
                        "programme's eLearning course).",
                        employee=employee.name,
                        company=employee.company_id.name,
                    )
                )

    @api.constrains("mentor_capacity")
    def _check_mentor_capacity_value(self):
        for employee in self:
            if employee.mentor_capacity < 0:
                raise ValidationError(_("The mentee capacity of %(mentor)s cannot be negative.", mentor=employee.name))
        self._mentoring_check_capacity()

    def _mentoring_check_capacity(self):
        """No mentor has more active pairings than their capacity.

        Counting from a snapshot is not enough when two requests activate a
        pairing of the same mentor at the same moment: the stored counter is
        written (flushed) first, which row-locks the mentor; the second request
        then waits, and PostgreSQL's repeatable-read isolation makes it fail
        with a serialization error that Odoo retries, this time seeing both
        pairings and refusing the second.
        """
        if not self:
            return
        self.env["hr.mentoring.pairing"].flush_model(["state", "mentor_id", "pause_frees_place"])
        self.flush_recordset(["active_mentee_count", "mentor_capacity"])
        self.env.cr.execute(
            """
            SELECT e.id, e.mentor_capacity, count(p.id)
              FROM hr_employee e
              JOIN hr_mentoring_pairing p ON p.mentor_id = e.id AND p.state = 'active'
                   AND p.pause_frees_place IS NOT TRUE
             WHERE e.id IN %s
          GROUP BY e.id, e.mentor_capacity
            HAVING count(p.id) > coalesce(e.mentor_capacity, 0)
            """,
            [tuple(self.ids)],
        )
        over = self.env.cr.fetchall()
        if over:
            mentor = self.browse(over[0][0])
            raise ValidationError(
                _(
                    "%(mentor)s would have %(count)s active mentees, more than their capacity of %(capacity)s. "
                    "Choose another mentor, end one of their pairings, or raise their capacity.",
                    mentor=mentor.sudo().name,
                    count=over[0][2],
                    capacity=over[0][1] or 0,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model
    def _mentoring_check_mentor_fields(self, vals_list, records=None):
        """The mentor status, capacity and selection evidence are the
        coordinators' to change (their buttons log every step); an HR officer
        editing an employee leaves them as they are."""
        if self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator():
            return
        default_capacity = self.env.company.mentor_default_capacity
        for vals in vals_list:
            for fname in MENTOR_GUARDED_FIELDS:
                if fname not in vals:
                    continue
                value = vals[fname]
                if records is None:
                    unchanged = (
                        not value
                        or (fname == "mentor_state" and value == "none")
                        or (fname == "mentor_capacity" and value == default_capacity)
                    )
                else:
                    field = self._fields[fname]
                    unchanged = all(
                        field.convert_to_cache(value, record) == field.convert_to_cache(record.sudo()[fname], record)
                        for record in records
                    )
                if not unchanged:
                    raise AccessError(
                        _(
                            "Only mentoring coordinators change %(field)s: use the buttons of the Mentoring tab.",
                            field=self._fields[fname]._description_string(self.env),
                        )
                    )

    def init(self):
        """``mentor_state`` is required: its column gets the default at the
        database level too, so that code creating employees while this
        module's code is not loaded (other modules' tests as they load, before
        this one) does not fail on the NOT NULL."""
        self.env.cr.execute("ALTER TABLE hr_employee ALTER COLUMN mentor_state SET DEFAULT 'none'")

    @api.model_create_multi
    def create(self, vals_list):
        self.check_field_access_rights("create", list({fname for vals in vals_list for fname in vals}))
        self._mentoring_check_mentor_fields(vals_list)
        for vals in vals_list:
            if vals.get("mentor_state") == "approved":
                self.browse()._mentoring_check_mentor_signs(vals)
        employees = super().create(vals_list)
        if any(vals.get("mentor_state", "none") != "none" for vals in vals_list):
            employees._mentoring_log_history({})
        employees.filtered(lambda e: e.mentor_state == "approved" and not e.mentor_approved_date).write(
            {"mentor_approved_date": fields.Date.context_today(self)}
        )
        employees.user_id._mentoring_sync_role_groups()
        employees.filtered(lambda e: e.mentor_state == "approved")._mentoring_update_program_stages()
        employees.filtered(lambda e: e.sudo().mentor_training_date)._mentoring_record_training()
        return employees

    def write(self, vals):
        # Odoo's own field access check first: a user who may not write a
        # mentor field gets Odoo's AccessError, not this module's value checks
        self.check_field_access_rights("write", list(vals))
        self._mentoring_check_mentor_fields([vals], records=self)
        logged = [f for f in MENTOR_LOGGED_FIELDS if f in vals]
        before = {}
        if logged:
            for employee in self.sudo():
                before[employee.id] = {f: employee[f] for f in logged}
        if vals.get("mentor_state") == "approved" and "mentor_approved_date" not in vals:
            vals = dict(vals, mentor_approved_date=fields.Date.context_today(self))
        if vals.get("mentor_state") == "approved":
            self._mentoring_check_mentor_signs(vals)
        old_users = self.user_id if {"user_id", "mentor_state", "active"} & set(vals) else None
        archived = self.filtered("active") if "active" in vals and not vals["active"] else self.browse()
        res = super().write(vals)
        if logged:
            self._mentoring_log_history(before)
        if archived:
            pairings = (
                self.env["hr.mentoring.pairing"]
                .sudo()
                .search(
                    [
                        "|",
                        ("mentor_id", "in", archived.ids),
                        ("mentee_id", "in", archived.ids),
                        ("state", "in", ("draft", "proposed", "active")),
                    ]
                )
            )
            pairings._mentoring_end_for_archived(archived)
        if old_users is not None:
            self.env["hr.department"]._mentoring_forget_managed_departments()
            (old_users | self.user_id)._mentoring_sync_role_groups()
        if {"mentor_state", "mentor_capacity", "company_id", "active"} & set(vals):
            self._mentoring_update_program_stages()
        if set(TRAINING_FIELDS) & set(vals):
            self._mentoring_record_training()
        return res

    def unlink(self):
        users = self.user_id
        res = super().unlink()
        self.env["hr.department"]._mentoring_forget_managed_departments()
        users._mentoring_sync_role_groups()
        return res

    # ------------------------------------------------------------------
    # actions: the mentor lifecycle (coordinators)
    # ------------------------------------------------------------------

    def _mentoring_check_step(self, name, roles):
        """The condition of a mentor's step that is not a status nor a role:
        an approved mentor signs in Odoo, or a coordinator signs for them."""
        if name == "approve":
            self._mentoring_check_mentor_signs({})

    def _mentoring_check_mentor_signs(self, vals):
        """A mentor signs the plan's events in Odoo: approving a mentor without
        a user account is refused, unless a coordinator signs for them.
        ``self``: the employees written (empty for a creation)."""
        if self.env.su:
            return
        # sudo: whether the employee has a user, not who it is
        for employee in self.sudo() or [None]:
            user = vals.get("user_id") if "user_id" in vals or not employee else employee.user_id
            signs = (
                vals.get("mentor_coordinator_signs")
                if "mentor_coordinator_signs" in vals or not employee
                else employee.mentor_coordinator_signs
            )
            if not user and not signs:
                raise ValidationError(
                    _(
                        "%(employee)s has no user account, and a mentor signs the plan's events in Odoo. Give them "
                        "a user first, or tick 'A Coordinator Signs for This Mentor' on their Mentoring tab: the "
                        "programme's coordinator then signs their events on their behalf.",
                        employee=(employee and employee.name) or vals.get("name") or _("This employee"),
                    )
                )

    def action_mentor_nominate(self):
        return take_step(self, "nominate")

    def action_mentor_start_training(self):
        return take_step(self, "start_training")

    def action_mentor_approve(self):
        # the approval is a coordinator's: a course completed in eLearning since the
        # last daily check counts before the status changes
        check_step(self, "approve")
        self._mentoring_sync_course_training()
        return take_step(self, "approve")

    def action_mentor_complete_training(self):
        """The mentor training is completed today: on record, and on the employee's resume."""
        check_step(self, "complete_training")
        today = fields.Date.context_today(self)
        for employee in self.filtered(lambda e: not e.mentor_training_date):
            employee.write(
                {
                    "mentor_training_date": today,
                    "mentor_training_name": employee.mentor_training_name or _("Mentor training: coach-mentoring"),
                }
            )

    def action_mentor_suspend(self):
        return take_step(self, "suspend")

    def action_mentor_reset(self):
        return take_step(self, "reset")

    def _mentoring_roles(self):
        """{employee id: {"coordinator"}} for mentoring coordinators: they run the mentor status."""
        coordinator = self.env["hr.mentoring.role.mixin"]._mentoring_is_coordinator()
        return {employee.id: {"coordinator"} if coordinator else set() for employee in self}

    def action_open_mentor_pairings(self):
        return window_action(
            self,
            "hr_mentoring.hr_mentoring_pairing_action",
            ["|", ("mentor_id", "=", self.id), ("mentee_id", "=", self.id)],
            {"default_mentor_id": self.id if self.mentor_state == "approved" else False},
        )

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _mentoring_work_dates(self, date_from, count):
        """The first ``count`` working days of the employee from ``date_from`` on,
        found window by window (each twice the last) by ``_mentoring_work_dates_between``."""
        self.ensure_one()
        dates = []
        window_start = date_from
        span = timedelta(days=max(14, count * 2 + 7))
        try:
            for _attempt in range(8):
                window_end = window_start + span
                dates.extend(self._mentoring_work_dates_between(window_start, window_end))
                if len(dates) >= count:
                    return dates[:count]
                window_start = window_end + timedelta(days=1)
                span *= 2
        except OverflowError:
            # a start date at the end of the calendar (written around the
            # constraints): no plan reaches past the year 9999
            raise UserError(
                _(
                    "A plan of %(count)s working days from %(date)s would end after the last date of the calendar: "
                    "choose an earlier start date.",
                    count=count,
                    date=date_from,
                )
            ) from None
        raise UserError(
            _(
                "%(employee)s has fewer than %(count)s working days in the coming years: check their working schedule.",
                employee=self.sudo().name,
                count=count,
            )
        )

    def _mentoring_work_dates_between(self, date_from, date_to):
        """The working days of the employee from ``date_from`` to ``date_to``
        (both included), sorted; an empty list when there is none (a time off
        over the whole span).

        Odoo's own working-time machinery decides: the employee's working
        calendar (the company's when they have none), its public holidays and
        the employee's own time off (resource leaves, which validated time off
        creates), in the employee's time zone.
        """
        self.ensure_one()
        # sudo: the calendar and resource of the mentee, read to plan dates
        employee = self.sudo()
        calendar = employee.resource_calendar_id or employee.company_id.resource_calendar_id
        if not calendar:
            raise UserError(
                _("%(employee)s has no working schedule: set one to plan on working days.", employee=employee.name)
            )
        tz = person_tz(employee)
        resource = employee.resource_id
        start_dt = tz.localize(datetime.combine(date_from, time.min))
        end_dt = tz.localize(datetime.combine(date_to, time.max))
        intervals = calendar._work_intervals_batch(start_dt, end_dt, resources=resource, tz=tz)[resource.id]
        return sorted({start.astimezone(tz).date() for start, _stop, _meta in intervals})

    def _mentoring_record_training(self):
        """The mentor training on the employee's resume (hr_skills), a line of
        type Training with the date and what was trained; kept in line with
        the date and the name, removed with the date. Written as superuser:
        the resume is HR's, the caller changed the training (coordinators)."""
        line_type = self.env.ref(RESUME_TYPE_TRAINING, raise_if_not_found=False)
        ResumeLine = self.env["hr.resume.line"].sudo()
        to_create, employees_created = [], self.browse()
        for employee in self.sudo():
            line = employee.mentor_training_resume_line_id.exists()
            day = employee.mentor_training_date
            if not day:
                if line:
                    employee.mentor_training_resume_line_id = False
                    line.unlink()
                continue
            name = employee.mentor_training_name or _("Mentor training")
            description = _(
                "Mentor training of the mentoring programme, completed on %(date)s.",
                date=format_date(self.env, day),
            )
            vals = {"name": name, "date_start": day, "date_end": day, "description": description}
            if line:
                line.write(vals)
            else:
                to_create.append(dict(vals, employee_id=employee.id, line_type_id=line_type.id if line_type else False))
                employees_created |= employee
        if to_create:
            lines = ResumeLine.create(to_create)
            for employee, line in zip(employees_created, lines, strict=True):
                employee.mentor_training_resume_line_id = line

    @api.model
    def _mentoring_sync_course_training(self, programs=None):
        """Record the mentor training of the candidates and mentors who completed
        their programme's eLearning course (where eLearning is installed): the
        date the course was completed, and its name. ``self``: the employees
        to look at (all the mentor pool's when empty); ``programs``: the
        programmes whose courses count (all open ones by default)."""
        completed = self._mentoring_completed_courses(programs)
        if not completed:
            return self.browse()
        # sudo: the mentor pool and its training are HR's; the course completion decides
        Employee = self.sudo()
        domain = [
            ("mentor_state", "in", TRAINING_STATES),
            ("mentor_training_date", "=", False),
            ("company_id", "in", list(completed)),
            ("user_id", "!=", False),
        ]
        if self:
            domain.append(("id", "in", self.ids))
        recorded = Employee.browse()
        for employee in Employee.search(domain):
            done = completed[employee.company_id.id].get(employee.user_id.partner_id.id)
            if done:
                day, course_name = done
                employee.write({"mentor_training_date": day, "mentor_training_name": course_name})
                recorded |= employee
        return recorded.with_env(self.env)

    @api.model
    def _mentoring_completed_courses(self, programs=None):
        """{company id: {partner id: (date, course name)}}: who completed the
        mentor-training course of an open programme of each company, in
        eLearning. Empty where eLearning is not installed."""
        if "slide.channel.partner" not in self.env:
            return {}
        # sudo: the programmes' courses and their members, read to record the training
        if programs is None:
            programs = self.env["hr.mentoring.program"].sudo().search([("state", "!=", "closed")])
        programs = programs.sudo().filtered("mentor_training_channel_id")
        if not programs:
            return {}
        channels = {program.mentor_training_channel_id: program.company_id.id for program in programs}
        memberships = (
            self.env["slide.channel.partner"]
            .sudo()
            .search([("channel_id", "in", list(channels)), ("member_status", "=", "completed")])
        )
        result = {}
        for membership in memberships:
            company = channels[membership.channel_id.id]
            day = fields.Date.to_date(membership.write_date) if membership.write_date else fields.Date.today()
            result.setdefault(company, {}).setdefault(membership.partner_id.id, (day, membership.channel_id.name))
        return result

    def _mentoring_update_program_stages(self):
        """The mentor selection stage counts the mentors' places: the open
        programmes of their companies check their stages."""
        if not self:
            return
        # sudo: the stages follow the mentor pool, whoever changed it
        programs = (
            self.env["hr.mentoring.program"]
            .sudo()
            .search([("company_id", "in", self.sudo().company_id.ids), ("state", "!=", "closed")])
        )
        programs._mentoring_update_auto_stages()

    def _mentoring_log_history(self, before):
        """Write mentor-field changes where coordinators, and only they, read them."""
        vals_list = []
        for employee in self.sudo():
            old = before.get(employee.id, {})
            for fname in MENTOR_LOGGED_FIELDS:
                field = employee._fields[fname]
                old_value = old.get(fname, False)
                new_value = employee[fname]
                if old_value == new_value or (not old_value and not new_value):
                    continue
                vals_list.append(
                    {
                        "employee_id": employee.id,
                        "field_name": fname,
                        "old_value": str(field.convert_to_export(old_value, employee)) if old_value else "",
                        "new_value": str(field.convert_to_export(new_value, employee)) if new_value else "",
                    }
                )
        if vals_list:
            # sudo: every HR user changing a mentor field leaves a trace in a
            # log that only coordinators may read.
            self.env["hr.mentoring.mentor.history"].sudo().create(vals_list)
