from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

MAX_PREFERENCES = 3


def _chosen_employee(side):
    """One side of a wish, the mentee or the mentor: by default the user's
    own employee when they choose as ``side`` (a mentee chooses unless the
    context says a mentor does)."""
    return fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: (
            self.env.user.employee_id if self.env.context.get("default_chosen_by", "mentee") == side else False
        ),
    )


class HrMentoringPreference(models.Model):
    """A mentee's wish for a mentor, or a mentor's wish for a mentee.

    The best pairing is one where the mentor and the mentee chose each other:
    when both wishes exist, the selection gives a mutual-choice bonus.
    Each side sees only its own wishes.
    """

    _name = "hr.mentoring.preference"
    _description = "Mentoring Preference"
    _order = "chosen_by, rank, id"

    chosen_by = fields.Selection([("mentee", "Mentee"), ("mentor", "Mentor")], required=True, default="mentee")
    mentee_id = _chosen_employee("mentee")
    mentor_id = _chosen_employee("mentor")
    rank = fields.Integer(default=1, help="1 is the first choice.")
    company_id = fields.Many2one(related="mentee_id.company_id", store=True, index=True)
    chooser_user_id = fields.Many2one(
        "res.users", compute="_compute_chooser_user_id", store=True, index=True, string="Chosen By User"
    )

    _sql_constraints = [
        ("unique_choice", "UNIQUE(mentee_id, mentor_id, chosen_by)", "This choice is already recorded."),
    ]

    @api.depends("chosen_by", "mentee_id.user_id", "mentor_id.user_id")
    def _compute_chooser_user_id(self):
        for preference in self:
            chooser = preference.mentee_id if preference.chosen_by == "mentee" else preference.mentor_id
            preference.chooser_user_id = chooser.user_id

    def write(self, vals):
        # record rules are checked on the record as it is: moving a wish to
        # another person would get around them
        if {"mentee_id", "mentor_id", "chosen_by"} & set(vals) and not self.env[
            "hr.mentoring.role.mixin"
        ]._mentoring_is_coordinator():
            raise AccessError(_("Delete this choice and make a new one instead of changing who chose whom."))
        return super().write(vals)

    @api.constrains("mentee_id", "mentor_id", "chosen_by")
    def _check_choice(self):
        for preference in self.sudo():
            if preference.mentee_id == preference.mentor_id:
                raise ValidationError(_("Nobody can choose themself as mentor."))
            if preference.mentor_id.company_id != preference.mentee_id.company_id:
                raise ValidationError(_("A mentor and a mentee of different companies cannot choose each other."))
        mentees = self.filtered(lambda p: p.chosen_by == "mentee").mentee_id
        if mentees:
            groups = self.sudo()._read_group(
                [("mentee_id", "in", mentees.ids), ("chosen_by", "=", "mentee")], ["mentee_id"], ["__count"]
            )
            for mentee, count in groups:
                if count > MAX_PREFERENCES:
                    raise ValidationError(
                        _(
                            "%(mentee)s may name up to %(max)s preferred mentors.",
                            mentee=mentee.name,
                            max=MAX_PREFERENCES,
                        )
                    )
