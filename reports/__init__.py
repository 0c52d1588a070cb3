from . import (
    hr_mentoring_plan_report,
    hr_mentoring_program_report,
    hr_mentoring_program_xlsx,
    hr_mentoring_progress_report,
)
