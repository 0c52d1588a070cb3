"""18.0.3.0.0: bring a database of an 18.0.2.0.0 release to what this version assumes.

- employees without a user account: the rule that lets a mentor read the
  acknowledgements of their mentees without a user (they record them) is
  added, and the campaign mails no longer ask such participants to confirm
  "in Odoo" (both files are ``noupdate``, loaded again here).
- the mentors' training on record is on their resumes (hr_skills), as completing
  the training now writes it.
"""

from openupgradelib import openupgrade

NO_USER_FILES = (
    "security/hr_mentoring_campaign_security.xml",
    "data/mail_template_campaign_data.xml",
    "data/mail_template_data.xml",
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
