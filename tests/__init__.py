from . import test_concurrency, test_pairing, test_plan
