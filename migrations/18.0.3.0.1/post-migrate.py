"""18.0.3.0.1: bring a database of 18.0.3.0.0 (or older) to what this version assumes.

- the participants' feedback survey that the module proposes is one of every
  programme, not only of a pilot: where its title and texts are still the
  pilot's (the record is ``noupdate``), they become the new ones, in every
  language the module has them; it takes one answer per invitation (no "Take
  Again"), and each invitation already sent gets a token of its own, so that
  an answer to one programme does not count as an attempt at another.
- the new activity types (to acknowledge an event, the regulations, the
  feedback survey) are ``noupdate`` records the update creates; the ratings'
  programme gets its index from the update too. Nothing to do here for them.
"""

from openupgradelib import openupgrade

from odoo.tools import SQL

SURVEY_TEXTS = {
    # field: (the pilot's text, this version's text)
    "title": ("Mentoring Pilot Feedback", "Mentoring Programme Feedback"),
    "description": (
        "<p>The mentoring pilot is ending. Tell us how it went for you: the programme's coordinators read every "
        "answer and adjust the programme before it is rolled out. Your department head sees only the averages "
        "and, without your name, your comments.</p>",
        "<p>Tell us how the mentoring went for you: the programme's coordinators read every answer and adjust the "
        "programme. Your department head sees only the averages and, without your name, your comments.</p>",
    ),
    "description_done": (
        "<p>Thank you: your feedback goes into the pilot's final report.</p>",
        "<p>Thank you: your feedback goes into the programme's review.</p>",
    ),
}


def update_feedback_survey(env):
    """The module's feedback survey: one answer per invitation, its texts those
    of this version where they are still the pilot's (an administrator's own
    texts are kept), and a token for every invitation already sent."""
    survey = env.ref("hr_mentoring.survey_pilot_feedback", raise_if_not_found=False)
    if survey:
        survey.write({"is_attempts_limited": True, "attempts_limit": 1})
        replaced = False
        for fname, (old, new) in SURVEY_TEXTS.items():
            env.cr.execute(
                SQL(
                    "UPDATE survey_survey SET %s = jsonb_build_object('en_US', %s) WHERE id = %s AND %s->>'en_US' = %s",
                    SQL.identifier(fname),
                    new,
                    survey.id,
                    SQL.identifier(fname),
                    old,
                )
            )
            replaced = replaced or bool(env.cr.rowcount)
        if replaced:
            survey.invalidate_recordset(list(SURVEY_TEXTS))
            # the new texts' translations, from the module's own (the other fields keep theirs)
            langs = [code for code, _name in env["res.lang"].get_installed() if code != "en_US"]
            env["ir.module.module"]._load_module_terms(["hr_mentoring"], langs)
    env.cr.execute(
        """
        UPDATE survey_user_input
           SET invite_token = gen_random_uuid()::text
         WHERE mentoring_program_id IS NOT NULL AND invite_token IS NULL
        """
    )


@openupgrade.migrate()
def migrate(env, version):
    if not version:
        return
    update_feedback_survey(env)
