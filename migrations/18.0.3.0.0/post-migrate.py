"""18.0.3.0.0: bring a database of an 18.0.2.x release to what this version assumes.

- one open pairing (draft, proposed or active) per mentee and programme: the
  rule is checked when a pairing is created or changed, so pairings already
  open beside another one are left as they are (nothing a coordinator did is
  undone); each of them but the oldest gets a line in its chatter that asks a
  coordinator to cancel it or the other, and the migration logs them.
"""

import logging

from openupgradelib import openupgrade

_logger = logging.getLogger(__name__)


def report_duplicate_open_pairings(env):
    """Note the open pairings that share their mentee and programme with an
    older open pairing (the rule holds for every change from now on)."""
    env.cr.execute(
        """
        SELECT id FROM (
            SELECT id, row_number() OVER (PARTITION BY mentee_id, program_id ORDER BY id) AS rank
              FROM hr_mentoring_pairing
             WHERE state IN ('draft', 'proposed', 'active')
        ) AS ranked
         WHERE rank > 1
        """
    )
    duplicates = env["hr.mentoring.pairing"].browse([row[0] for row in env.cr.fetchall()])
    for pairing in duplicates:
        pairing._message_log(
            body=(
                "This pairing is a second open pairing of its mentee in this programme. Since version 18.0.3.0.0 "
                "a mentee has one open pairing (draft, proposed or active) per programme: a coordinator should "
                "cancel this one or the other before changing either."
            )
        )
    if duplicates:
        _logger.info(
            "hr_mentoring: %s open pairings share their mentee and programme with another one (ids %s); "
            "a note on each asks a coordinator to cancel one of them",
            len(duplicates),
            duplicates.ids,
        )


@openupgrade.migrate()
def migrate(env, version):
    if not version:
        return
    report_duplicate_open_pairings(env)
