from . import test_concurrency, test_missed, test_pairing, test_plan
