from . import test_concurrency, test_pairing
