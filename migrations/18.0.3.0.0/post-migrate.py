"""18.0.3.0.0: bring a database of 18.0.2.0.0 to what this version assumes.

- the mentors' training on record is on their resumes (hr_skills), as completing
  the training now writes it.
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    if not version:
        return
    # the mentor training on record, on the mentors' resumes (a line of type Training)
    env["hr.employee"].with_context(active_test=False).search(
        [("mentor_training_date", "!=", False), ("mentor_training_resume_line_id", "=", False)]
    )._mentoring_record_training()
