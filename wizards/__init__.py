from . import hr_mentoring_wizard_mixin

# isort: split
from . import (
    hr_mentoring_cohort_wizard,
    hr_mentoring_decline_wizard,
    hr_mentoring_meeting_wizard,
    hr_mentoring_mentor_selection_wizard,
    hr_mentoring_missed_wizard,
    hr_mentoring_pause_wizard,
    hr_mentoring_plan_wizard,
)
