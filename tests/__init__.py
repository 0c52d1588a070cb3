from . import (
    test_access_matrix,
    test_concurrency,
    test_evaluation,
    test_hostile_input,
    test_missed,
    test_pairing,
    test_performance,
    test_plan,
    test_reports,
    test_roles,
    test_selection,
    test_tour,
)
