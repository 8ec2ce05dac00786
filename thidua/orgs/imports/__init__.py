"""Import of units and people from the spreadsheets federations keep (.xlsx; .xls and .ods are read too).

    import_units(file, *, by, progress=None, dry_run=False) -> ImportResult
    import_people(file, *, by, progress=None, dry_run=False) -> ImportResult

``file`` is a path or a binary file object; ``by`` the acting user (None for the system, which may do anything).
Bad data raises nothing: the result lists the errors (row, column, message in Vietnamese) and nothing is written.
The columns are documented in docs/excel-import.md and in the downloadable templates (``templates.py``).
"""

from thidua.core.spreadsheets.results import ImportResult, format_error

from .people import import_people
from .units import import_units

__all__ = ["ImportResult", "format_error", "import_people", "import_units"]
