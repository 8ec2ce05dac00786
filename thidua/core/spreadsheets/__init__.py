"""The spreadsheet kit: read a workbook bounded, find its header, check every row, preview, confirm, run as a task.

An app declares its columns (``Column``: key, header, aliases, required, coded values) and the row → action mapping
in its ``imports`` module; the kit does the rest:

    workbook.read_sheets(file)        bounded reading (.xlsx streamed; .xls/.ods in a bounded child process)
    layout.checked_rows(...)          the header row found, each data row read cell by cell (legacy encodings)
    cells.*                           what a cell must hold: dates, ticks, counts, IDs, phones, coded values
    runner.run_import(kind, file, body, by=..., dry_run=...)   all-or-nothing, every error in one pass
    templates.template_workbook(...)  the downloadable template: example row, drop-down lists, "Hướng dẫn" sheet
    (uploads: the staged-upload flow every import shares is ``thidua.core.uploads``)

Nothing here knows an app: core imports no app.
"""

from .results import CellError, Column, ImportResult, format_error, key_of
from .workbook import SpreadsheetError, read_sheets

__all__ = ["CellError", "Column", "ImportResult", "SpreadsheetError", "format_error", "key_of", "read_sheets"]
