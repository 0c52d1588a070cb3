from odoo import _, api, models
from odoo.exceptions import ValidationError

from .hr_mentoring_pairing import OPEN_STATES
from .hr_mentoring_tools import check_date_window


class HrMentoringPairing(models.Model):
    """The rules of a pairing (DESIGN.md, hr.mentoring.pairing): no
    self-mentoring, an approved mentor within their capacity, one active
    pairing per mentee and programme, sane dates, one company. They are
    constraints, so that they hold for direct writes too."""

    _inherit = "hr.mentoring.pairing"

    @api.constrains("mentor_id", "mentee_id")
    def _check_not_self(self):
        for pairing in self:
            if pairing.mentor_id == pairing.mentee_id:
                raise ValidationError(
                    _("%(employee)s cannot mentor themself: choose another mentor.", employee=pairing.mentee_id.name)
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        check_date_window(self, ("date_start", "date_end"))
        for pairing in self:
            if pairing.date_end and pairing.date_end <= pairing.date_start:
                raise ValidationError(
                    _(
                        "The pairing of %(pairing)s ends on %(end)s, which is not after its start on %(start)s.",
                        pairing=pairing.display_name,
                        end=pairing.date_end,
                        start=pairing.date_start,
                    )
                )

    @api.constrains("mentor_id", "mentee_id", "program_id", "company_id")
    def _check_same_company(self):
        for pairing in self:
            companies = pairing.mentor_id.company_id | pairing.mentee_id.company_id | pairing.program_id.company_id
            if companies != pairing.company_id:
                raise ValidationError(
                    _(
                        "The mentor, the mentee and the programme of a pairing must belong to the same company "
                        "(%(pairing)s mixes %(companies)s).",
                        pairing=pairing.display_name,
                        companies=", ".join((companies | pairing.company_id).mapped("name")),
                    )
                )

    @api.constrains("mentor_id", "mentee_id", "state")
    def _check_participants(self):
        for pairing in self.filtered(lambda p: p.state in OPEN_STATES):
            for employee, role in ((pairing.mentor_id, _("mentor")), (pairing.mentee_id, _("mentee"))):
                if not employee.active:
                    raise ValidationError(
                        _(
                            "%(employee)s is archived and cannot be the %(role)s of a new or running pairing.",
                            employee=employee.name,
                            role=role,
                        )
                    )
            # sudo: the mentor status is HR's; a department head approving reads it to check
            mentor = pairing.mentor_id.sudo()
            if mentor.mentor_state != "approved":
                state_label = dict(mentor._fields["mentor_state"]._description_selection(self.env))
                raise ValidationError(
                    _(
                        "%(mentor)s is not an approved mentor (status: %(status)s). Approve them as a mentor first.",
                        mentor=pairing.mentor_id.name,
                        status=state_label.get(mentor.mentor_state),
                    )
                )

    @api.constrains("mentee_id", "program_id", "state")
    def _check_one_active_per_mentee(self):
        self._check_active_conflicts([(p.id, p.mentee_id.id, p.program_id.id) for p in self if p.state == "active"])

    @api.model
    def _check_active_conflicts(self, candidates):
        """Refuse a second active pairing of a mentee in a programme.

        ``candidates`` are (pairing id or None, mentee id, programme id) about
        to be active. Runs before the candidates are written, so that it gives
        its message before the exclusion constraint would fire; what else is
        pending on pairings is flushed first, so that the database it reads is
        current.
        """
        if not candidates:
            return
        self.flush_model(["state", "mentee_id", "program_id"])
        seen = {}
        for pairing_id, mentee_id, program_id in candidates:
            key = (mentee_id, program_id)
            if key in seen and seen[key] != pairing_id:
                self._raise_active_conflict(mentee_id, program_id)
            seen[key] = pairing_id
        self.env.cr.execute(
            """
            SELECT mentee_id, program_id FROM hr_mentoring_pairing
             WHERE state = 'active' AND (mentee_id, program_id) IN %s AND NOT (id = ANY(%s))
             LIMIT 1
            """,
            [tuple(seen), [pid for pid, _m, _p in candidates if pid]],
        )
        row = self.env.cr.fetchone()
        if row:
            self._raise_active_conflict(*row)

    @api.model
    def _raise_active_conflict(self, mentee_id, program_id):
        # sudo: names for the message only
        mentee = self.env["hr.employee"].sudo().browse(mentee_id)
        program = self.env["hr.mentoring.program"].sudo().browse(program_id)
        raise ValidationError(
            _(
                "%(mentee)s already has an active pairing in %(program)s. "
                "End or cancel it before activating another one.",
                mentee=mentee.name,
                program=program.name,
            )
        )

    @api.constrains("mentor_id", "state")
    def _check_mentor_capacity(self):
        mentors = self.filtered(lambda p: p.state == "active").mentor_id
        mentors._mentoring_check_capacity()
