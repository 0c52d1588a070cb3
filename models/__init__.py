# first the mixins the models below inherit from, and the company settings
# their defaults read while the tables are created
from . import (
    hr_mentoring_activity_mixin,
    hr_mentoring_department_mixin,
    hr_mentoring_figures,
    hr_mentoring_meeting_mixin,
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
    hr_mentoring_event_activity,
    hr_mentoring_event_cron,
    hr_mentoring_event_meeting,
    hr_mentoring_event_meeting_slots,
    hr_mentoring_event_rights,
    hr_mentoring_event_timeoff,
    hr_mentoring_matching,
    hr_mentoring_mentor_history,
    hr_mentoring_note,
    hr_mentoring_pairing,
    hr_mentoring_pairing_followup,
    hr_mentoring_pairing_health,
    hr_mentoring_pairing_meeting,
    hr_mentoring_pairing_rights,
    hr_mentoring_pairing_rules,
    hr_mentoring_plan_template,
    hr_mentoring_preference,
    hr_mentoring_program,
    hr_mentoring_program_acknowledgement,
    hr_mentoring_program_adjustment,
    hr_mentoring_program_campaign,
    hr_mentoring_program_health,
    hr_mentoring_program_lifecycle,
    hr_mentoring_program_stage,
    hr_mentoring_program_survey,
    hr_mentoring_scale,
    hr_mentoring_scale_level,
    mail_activity,
    mail_followers,
    res_config_settings,
    res_users,
    resource_calendar_leaves,
    survey_question,
    survey_survey,
    survey_user_input,
    survey_user_input_line,
)

# isort: split
# the integration checklist extends the programme and the pairing
from . import hr_mentoring_integration
