# the models first: the SQL views of reports/ read their tables, and the
# controllers import from reports/
from . import models, reports

# isort: split
from . import controllers, wizards
from .hooks import uninstall_hook
