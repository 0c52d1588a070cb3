"""18.0.3.0.0: bring a database of 18.0.2.0.0 to what this version assumes.

- the events' name, instructions and reason of a move by time off are
  translatable: the update turned their columns into {lang: text} (the text
  they had, as English); the events made from a plan template line take all
  the line's translations (with the occurrence of a repeated line, " (2/8)"),
  when their text is still one of the line's.
"""

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


@openupgrade.migrate()
def migrate(env, version):
    if not version:
        return
    copy_template_line_translations(env)
