"""Importing catalogs from Excel workbooks in the national template: read, check every row, then write all or
nothing. `import_catalog` is the service; the command and the back office call it."""

from .applying import ImportResult, import_catalog
from .reading import ImportProblem, WorkbookUnreadable, read_workbook

__all__ = ["ImportProblem", "ImportResult", "WorkbookUnreadable", "import_catalog", "read_workbook"]
