from collections import defaultdict

from odoo import Command, _, api, models
from odoo.exceptions import AccessError


class HrMentoringWizardMixin(models.AbstractModel):
    """A mentoring wizard refuses, as soon as it is created (or edited, or its
    form computed), a record its user may not use it on.

    A wizard reads its many2one fields back with their display names, which
    the ORM computes as superuser: a wizard that accepted any id would tell
    anybody the names of pairings and events they may not read. The refusal
    is the one its button would give, and names no record.
    """

    _name = "hr.mentoring.wizard.mixin"
    _description = "Mentoring Wizard Access"

    # {field: roles on the record's pairing that may use the wizard on it,
    # or None when reading the record is enough}
    _mentoring_wizard_fields = {}
    # coordinators only, whatever the records: refused from the first
    # default_get on; and its programme is the only open one, if there is
    # exactly one (a context ``default_program_id`` wins): nothing to choose
    _mentoring_wizard_coordinator_only = False

    @api.model
    def default_get(self, fields_list):
        if self._mentoring_wizard_coordinator_only:
            self._mentoring_check_wizard_coordinator()
        defaults = super().default_get(fields_list)
        if self._mentoring_wizard_coordinator_only and "program_id" in fields_list and not defaults.get("program_id"):
            programs = self.env["hr.mentoring.program"].search([("state", "!=", "closed")], limit=2)
            if len(programs) == 1:
                defaults["program_id"] = programs.id
        return defaults

    @api.model
    def _mentoring_wizard_action(self):
        """What the wizard does, in the words of its refusals."""
        return _("use this assistant")

    @api.model
    def _mentoring_check_wizard_coordinator(self):
        """Refuse a user who is not a coordinator, in the words of the wizard."""
        self.env["hr.mentoring.role.mixin"]._mentoring_check_coordinator(self._mentoring_wizard_action())

    def onchange(self, values, field_names, fields_spec):
        # the form of a new wizard shows the name of its record (given, or a
        # default from the context) before anything is saved
        context = self.env.context
        records = {
            fname: values[fname] if fname in values else context.get(f"default_{fname}")
            for fname in self._mentoring_wizard_fields
        }
        self._mentoring_check_wizard_access(
            self._mentoring_form_records(records), check_coordinator=any(records.values())
        )
        self._mentoring_check_form_lines(values)
        return super().onchange(values, field_names, fields_spec)

    @api.model
    def _mentoring_form_records(self, values):
        """{field: record} of the many2one ``values`` a form sends for the
        wizard's fields: an id, or a record given as ``{"id": id, ...}`` or
        ``(id, name)``, which the ORM takes as that record too."""
        records = {}
        for fname, value in values.items():
            if self._fields[fname].type != "many2one":
                continue
            record_id = value
            if isinstance(value, dict):
                record_id = value.get("id")
            elif isinstance(value, (list, tuple)):
                record_id = value[0] if value else False
            if isinstance(record_id, int) and not isinstance(record_id, bool) and record_id:
                records[fname] = self.env[self._fields[fname].comodel_name].browse(record_id)
        return records

    @api.model
    def _mentoring_check_form_lines(self, values):
        """The form's lines (a one2many of mentoring wizard lines) are computed
        with it, their records' names, dates and people read as superuser:
        the records typed into new or changed lines are checked as the lines'
        own form would check them, all the lines' records of a field at once."""
        for fname, commands in values.items():
            field = self._fields.get(fname)
            if not (field and field.type == "one2many" and isinstance(commands, (list, tuple))):
                continue
            Line = self.env[field.comodel_name]
            if not isinstance(Line, self.pool["hr.mentoring.wizard.mixin"]):
                continue
            records = defaultdict(lambda: self.env["base"])
            for command in commands:
                if (
                    isinstance(command, (list, tuple))
                    and len(command) == 3
                    and command[0] in (Command.CREATE, Command.UPDATE)
                    and isinstance(command[2], dict)
                ):
                    line_values = {lname: command[2].get(lname) for lname in Line._mentoring_wizard_fields}
                    for lname, record in Line._mentoring_form_records(line_values).items():
                        records[lname] = record if not records[lname] else records[lname] | record
            if records:
                Line._mentoring_check_wizard_access(dict(records))

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._mentoring_check_wizard_records(self._mentoring_wizard_fields)
        return wizards

    def write(self, vals):
        result = super().write(vals)
        self._mentoring_check_wizard_records([fname for fname in self._mentoring_wizard_fields if fname in vals])
        return result

    def _mentoring_checked_record(self, fname):
        """The record of the wizard's field ``fname``, its user checked again,
        when the wizard runs, to hold one of the field's roles on it."""
        self.ensure_one()
        record = self[fname]
        record._mentoring_check_role(self._mentoring_wizard_fields[fname], self._mentoring_wizard_action())
        return record

    def _mentoring_check_wizard_records(self, fnames):
        if not fnames or not self:
            return
        # sudo: only the ids the wizard holds are looked at; what the user may
        # do with them is checked with the user's rights
        wizards = self.sudo()
        self._mentoring_check_wizard_access({fname: wizards.mapped(fname).with_env(self.env) for fname in fnames})

    @api.model
    def _mentoring_check_wizard_access(self, records_by_field, check_coordinator=True):
        """Raise AccessError unless the user may use the wizard on every record
        of ``records_by_field`` ({field: records})."""
        if self.env.su:
            return
        action = self._mentoring_wizard_action()
        if self._mentoring_wizard_coordinator_only and check_coordinator:
            self._mentoring_check_wizard_coordinator()
        for fname, records in records_by_field.items():
            if not records:
                continue
            try:
                records.check_access("read")
            except AccessError:
                # Odoo's own message lists the records' names in debug mode
                raise AccessError(
                    _(
                        "You cannot %(action)s: you may not read this %(model)s.",
                        action=action,
                        model=self._fields[fname]._description_string(self.env),
                    )
                ) from None
            roles = self._mentoring_wizard_fields[fname]
            if roles:
                records._mentoring_check_role(roles, action)
