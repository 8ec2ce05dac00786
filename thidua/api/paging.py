"""The paging helpers moved to ``thidua.core.paging``; these names stay importable from here."""

from thidua.core.paging import DEFAULT_LIMIT, MAX_LIMIT, PageParams, limit_field, offset_field, paginate

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "PageParams", "limit_field", "offset_field", "paginate"]
