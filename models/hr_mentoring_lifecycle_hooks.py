"""Where the data of the programme's stages changes outside the programme:
each hook asks the programmes concerned to check their stages, in one batch."""

from odoo import api, models

# the template fields that change the plans a pilot proposes
TEMPLATE_FIELDS = ("name", "line_ids", "description", "duration_days")


class HrMentoringProgramAcknowledgement(models.Model):
    _inherit = "hr.mentoring.program.acknowledgement"

    @api.model_create_multi
    def create(self, vals_list):
        acknowledgements = super().create(vals_list)
        acknowledgements.program_id._mentoring_update_auto_stages()
        return acknowledgements

    def unlink(self):
        programs = self.program_id
        res = super().unlink()
        programs.exists()._mentoring_update_auto_stages()
        return res


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        answers.filtered(lambda a: a.state == "done").mentoring_program_id._mentoring_update_auto_stages()
        return answers

    def write(self, vals):
        programs = self.mentoring_program_id
        res = super().write(vals)
        if {"state", "mentoring_program_id", "survey_id"} & set(vals):
            (programs | self.mentoring_program_id)._mentoring_update_auto_stages()
        return res


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        employees.filtered(lambda e: e.mentor_state == "approved")._mentoring_update_program_stages()
        return employees

    def write(self, vals):
        res = super().write(vals)
        if {"mentor_state", "mentor_capacity", "company_id", "active"} & set(vals):
            self._mentoring_update_program_stages()
        return res

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


class HrMentoringPlanTemplate(models.Model):
    _inherit = "hr.mentoring.plan.template"

    def write(self, vals):
        fnames = [fname for fname in TEMPLATE_FIELDS if fname in vals]
        res = super().write(vals)
        if fnames:
            # sudo: which pilots use the template, whatever the writer reads
            pilots = (
                self.env["hr.mentoring.program"]
                .sudo()
                .search([("plan_template_id", "in", self.ids), ("state", "=", "pilot")])
            )
            labels = ", ".join(self._fields[fname]._description_string(self.env) for fname in fnames)
            pilots._mentoring_propose_adjustments(
                {
                    program.id: [
                        self.env._(
                            "Plan template %(template)s edited: %(fields)s",
                            template=program.plan_template_id.display_name,
                            fields=labels,
                        )
                    ]
                    for program in pilots
                }
            )
        return res
