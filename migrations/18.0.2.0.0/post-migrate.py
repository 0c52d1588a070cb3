"""18.0.2.0.0: bring a database of any 18.0.1.0.0 release to what this version assumes.

- record rules and groups: the security files loaded again (they are ``noupdate``);
- the scheduled actions: runnable by administrators only (their group, added after
  the first release, never reached a database installed before it);
- every programme has the twelve stages of the method, completed where its data
  proves them (stages used to be made only when a programme was created);
- every active pairing has its health (it used to wait for the daily action);
- the module's activity types are marked protected (``mentoring_protected``);
- the pairing's plan figures, counted from the events since this version, lose
  their stale columns.
"""

from openupgradelib import openupgrade

from odoo import Command
from odoo.addons.hr_mentoring.models.mail_activity import MENTORING_MODELS
from odoo.modules.module import get_manifest


@openupgrade.migrate()
def migrate(env, version):
    if not version:
        return
    for filename in get_manifest("hr_mentoring")["data"]:
        if filename.startswith("security/") and filename.endswith(".xml"):
            openupgrade.load_data(env, "hr_mentoring", filename, mode="init")

    crons = env["ir.model.data"].search([("module", "=", "hr_mentoring"), ("model", "=", "ir.cron")])
    cron_ids = crons.mapped("res_id")
    env["ir.cron"].browse(cron_ids).exists().write({"groups_id": [Command.set(env.ref("base.group_system").ids)]})

    # the module's activity types are protected on mentoring records (a flag on the type since this version)
    types = env["ir.model.data"].search([("module", "=", "hr_mentoring"), ("model", "=", "mail.activity.type")])
    types = env["mail.activity.type"].browse(types.mapped("res_id")).exists()
    types.filtered(lambda t: t.res_model in MENTORING_MODELS).write({"mentoring_protected": True})

    Program = env["hr.mentoring.program"].with_context(active_test=False)
    Stage = env["hr.mentoring.program.stage"]
    programs = Program.search([])
    without = programs.filtered(lambda program: not program.stage_ids)
    Stage.create([vals for program in without for vals in Stage._mentoring_stage_values(program)])
    programs._mentoring_update_auto_stages()

    env["hr.mentoring.pairing"].search([("state", "=", "active")])._mentoring_update_health()

    # the pairing's plan figures are counted from its events when read since this
    # version (the scheduled actions and the users no longer write the same rows):
    # their stored columns of earlier releases would only hold stale values
    env.cr.execute(
        """
        ALTER TABLE hr_mentoring_pairing
            DROP COLUMN IF EXISTS event_count,
            DROP COLUMN IF EXISTS event_done_count,
            DROP COLUMN IF EXISTS missed_event_count,
            DROP COLUMN IF EXISTS feedback_due_count,
            DROP COLUMN IF EXISTS feedback_on_time_count,
            DROP COLUMN IF EXISTS on_time_rate,
            DROP COLUMN IF EXISTS next_event_date
        """
    )
