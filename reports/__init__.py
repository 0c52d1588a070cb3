# the SQL views read the tables of the models, imported before them; the
# monitoring view reads the progress view
from . import hr_mentoring_progress

# isort: split
from . import hr_mentoring_monitoring

# isort: split
from . import (
    hr_mentoring_performance,
    hr_mentoring_plan_report,
    hr_mentoring_program_report,
    hr_mentoring_program_xlsx,
    hr_mentoring_progress_report,
)
