"""18.0.2.0.0, before the module's data loads.

Each form and template of the module is written once since this version: the
views of earlier releases that patched the module's own views are deleted
first, so that the new views are checked alone (an old patch would otherwise
be combined with them until the end of the update, and warn).

The record rules follow this version.

The rules live in ``noupdate`` files, so an upgrade never touched them. Marking
their xmlids updatable lets Odoo delete, at the end of the update, every rule of
an earlier release that this version no longer declares; post-migrate then loads
the declared ones again.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """SELECT v.id FROM ir_ui_view v
           JOIN ir_model_data d ON d.model = 'ir.ui.view' AND d.res_id = v.id AND d.module = 'hr_mentoring'
           JOIN ir_model_data parent ON parent.model = 'ir.ui.view' AND parent.res_id = v.inherit_id
                AND parent.module = 'hr_mentoring'
           WHERE v.mode = 'extension'
           ORDER BY v.id DESC"""
    )
    patches = [row[0] for row in cr.fetchall()]
    if patches:
        cr.execute("DELETE FROM ir_ui_view WHERE id = ANY(%s)", (patches,))
        cr.execute("DELETE FROM ir_model_data WHERE model = 'ir.ui.view' AND res_id = ANY(%s)", (patches,))
    cr.execute(
        """UPDATE ir_model_data SET noupdate = false
           WHERE module = 'hr_mentoring' AND model = 'ir.rule' AND noupdate"""
    )
