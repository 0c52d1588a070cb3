"""18.0.2.0.0, before the module's data loads: the record rules follow this version.

The rules live in ``noupdate`` files, so an upgrade never touched them. Marking
their xmlids updatable lets Odoo delete, at the end of the update, every rule of
an earlier release that this version no longer declares; post-migrate then loads
the declared ones again.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """UPDATE ir_model_data SET noupdate = false
           WHERE module = 'hr_mentoring' AND model = 'ir.rule' AND noupdate"""
    )
