# re-exports until the model merges land
from .action_tools import window_action  # noqa: F401
from .cron_tools import CONCURRENT_UPDATE_ERRORS, RETRY_MINUTES, retry_later  # noqa: F401
from .hr_mentoring_meeting_mixin import MEETING_SYNC  # noqa: F401
from .input_checks import (  # noqa: F401
    DATE_WINDOW_YEARS,
    NAME_MAX_LENGTH,
    PLAN_MAX_WORKING_DAYS,
    SETTING_MAX_DAYS,
    boolean_search_domain,
    check_date_window,
    check_name_length,
    date_window,
    shift_days,
)
from .message_tools import in_lang_of, log_list  # noqa: F401
