# Names: every private method this module writes, on its own models or on
# another module's, is _mentoring_*, so that it meets no method of Odoo or of
# another addon in the same model; except where Odoo gives the name (an
# override, or _compute_/_inverse_/_search_/_check_/_onchange_/_default_/
# _selection_/_unlink_except_ and the scheduled actions' _cron_). Functions of
# the plain Python modules (meeting_slots, input_checks, ...) are named
# without the prefix: their module is their namespace.

# first the mixins the models below inherit from, and the company settings
# their defaults read while the tables are created
from . import (
    hr_mentoring_activity_mixin,
    hr_mentoring_department_mixin,
    hr_mentoring_figures,
    hr_mentoring_meeting_mixin,
    hr_mentoring_pairing_part_mixin,
    hr_mentoring_program_line_mixin,
    hr_mentoring_role_mixin,
    res_company,
)

# isort: split
from . import (
    calendar_event,
    hr_department,
    hr_employee,
    hr_employee_public,
    hr_mentoring_action_item,
    hr_mentoring_criterion,
    hr_mentoring_evaluation,
    hr_mentoring_event,
    hr_mentoring_goal,
    hr_mentoring_goal_item,
    hr_mentoring_integration_check,
    hr_mentoring_integration_criterion,
    hr_mentoring_matching,
    hr_mentoring_mentor_history,
    hr_mentoring_note,
    hr_mentoring_pairing,
    hr_mentoring_plan_template,
    hr_mentoring_preference,
    hr_mentoring_program,
    hr_mentoring_program_acknowledgement,
    hr_mentoring_program_adjustment,
    hr_mentoring_program_objective,
    hr_mentoring_program_skill,
    hr_mentoring_program_stage,
    hr_mentoring_scale,
    hr_mentoring_scale_level,
    hr_mentoring_skill_proposal,
    mail_activity,
    mail_activity_type,
    mail_followers,
    res_config_settings,
    res_users,
    resource_calendar_leaves,
    survey_question,
    survey_question_answer,
    survey_survey,
    survey_user_input,
    survey_user_input_line,
)
