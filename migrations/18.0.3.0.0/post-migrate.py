"""18.0.3.0.0: bring a database of an 18.0.2.0.0 release to what this version assumes.

- employees without a user account: the rule that lets a mentor read the
  acknowledgements of their mentees without a user (they record them) is
  added, and the campaign mails no longer ask such participants to confirm
  "in Odoo" (both files are ``noupdate``, loaded again here).
- the mentors' training on record is on their resumes (hr_skills), as completing
  the training now writes it.
- the events' name, instructions and reason of a move by time off are
  translatable: the update turned their columns into {lang: text} (the text
  they had, as English); the events made from a plan template line take all
  the line's translations (with the occurrence of a repeated line, " (2/8)"),
  when their text is still one of the line's.
- one open pairing (draft, proposed or active) per mentee and programme: the
  rule is checked when a pairing is created or changed, so pairings already
  open beside another one are left as they are (nothing a coordinator did is
  undone); each of them but the oldest gets a line in its chatter that asks a
  coordinator to cancel it or the other, and the migration logs them.
"""

import logging

from openupgradelib import openupgrade

from odoo.tools import SQL


def copy_template_line_translations(env):
    """The generated events whose name is still their line's name (in any of
    its languages, with or without the occurrence) and whose instructions are
    still the line's read in every language of the line, in two queries."""
    env.cr.execute(
        SQL(
            r"""
            WITH matched AS (
                SELECT e.id,
                       l.name AS line_name,
                       e.name->>'en_US' AS text,
                       coalesce(substring(e.name->>'en_US' from ' \(\d+/\d+\)$'), '') AS suffix
                  FROM hr_mentoring_event e
                  JOIN hr_mentoring_plan_template_line l ON l.id = e.template_line_id
            )
            UPDATE hr_mentoring_event e
               SET name = (SELECT jsonb_object_agg(t.key, t.value || m.suffix) FROM jsonb_each_text(m.line_name) t)
              FROM matched m
             WHERE m.id = e.id
               AND EXISTS (SELECT 1 FROM jsonb_each_text(m.line_name) t WHERE t.value || m.suffix = m.text)
            """
        )
    )
    env.cr.execute(
        SQL(
            """
            UPDATE hr_mentoring_event e
               SET instructions = l.instructions
              FROM hr_mentoring_plan_template_line l
             WHERE l.id = e.template_line_id
               AND l.instructions IS NOT NULL
               AND EXISTS (
                   SELECT 1 FROM jsonb_each_text(l.instructions) t WHERE t.value = e.instructions->>'en_US'
               )
            """
        )
    )


NO_USER_FILES = (
    "security/hr_mentoring_campaign_security.xml",
    "data/mail_template_campaign_data.xml",
    "data/mail_template_data.xml",
)

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
    for filename in NO_USER_FILES:
        openupgrade.load_data(env, "hr_mentoring", filename, mode="init")
    # the mentor training on record, on the mentors' resumes (a line of type Training)
    env["hr.employee"].with_context(active_test=False).search(
        [("mentor_training_date", "!=", False), ("mentor_training_resume_line_id", "=", False)]
    )._mentoring_record_training()
    copy_template_line_translations(env)
    report_duplicate_open_pairings(env)
