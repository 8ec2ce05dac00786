"""The one paginator: numbered pages for the list pages, limit/offset for the list routes of every app's ``api.py``.

A list page asks for its page and includes the one pagination bar::

    page = page_of(request, people, PAGE_SIZE)        # ?page=N (missing, wrong or 0: the first; past the end: the last)
    {% include "pagination.html" with page=page %}     # add target="#people-results" for an htmx list

``page`` is Django's ``Page`` with ``numbers`` (the page numbers to show, ``None`` for a gap) and ``prefix`` (the
page's URL with its other query parameters, ready for ``page=N``).

A list route takes ``limit`` and ``offset`` in its filters schema and answers ``{"count": total, "items": [...]}``::

    from thidua.core.paging import limit_field, offset_field, paginate

    class PlanFilters(Schema):
        year: int | None = None
        limit: int = limit_field(max_limit=200)
        offset: int = offset_field()

    count, rows = paginate(plans.order_by("-date"), filters)
    return {"count": count, "items": [_plan(p) for p in rows]}

``paginate`` costs one COUNT query and, when anything matched, one query for the page: the same number of queries
whatever the number of rows (no page query at all when nothing matched).
"""

from __future__ import annotations

from typing import Any, Protocol

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
MAX_OFFSET = 1_000_000_000  # beyond any table: larger is 422, not an integer overflow in the database


class PageParams(Protocol):
    limit: int
    offset: int


def limit_field(*, max_limit: int = MAX_LIMIT, default: int = DEFAULT_LIMIT) -> Any:
    """The ``limit`` of a filters schema: 1 to ``max_limit`` rows (422 outside)."""
    return Field(default, ge=1, le=max_limit, description="Số dòng tối đa của một trang")


def offset_field() -> Any:
    """The ``offset`` of a filters schema: rows to skip, 0 to ``MAX_OFFSET`` (422 outside)."""
    return Field(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bấy nhiêu dòng đầu")


def paginate(queryset: QuerySet, params: PageParams) -> tuple[int, list[Any]]:
    """The number of rows matching and the rows of the page that ``params.limit`` / ``params.offset`` ask for."""
    count = queryset.count()
    rows = list(queryset[params.offset : params.offset + params.limit]) if count else []
    return count, rows


def page_of(request: HttpRequest, queryset: QuerySet, per_page: int, *, param: str = "page") -> Page:
    """The page of ``queryset`` that ``?page=`` asks for (one COUNT query, then one for the page's rows), with
    ``numbers`` (first, last and two either side of the current one; ``None`` where pages are left out) and
    ``prefix`` ("/path?q=x&" or "/path?") to build the links."""
    raw = request.GET.get(param, "")
    page = Paginator(queryset, per_page).get_page(max(int(raw), 1) if raw.isdigit() else 1)
    ellipsis = page.paginator.ELLIPSIS
    page.numbers = [  # type: ignore[attr-defined]
        None if number == ellipsis else number
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    params = request.GET.copy()
    params.pop(param, None)
    query = params.urlencode()
    page.prefix = f"{request.path}?{query}&" if query else f"{request.path}?"  # type: ignore[attr-defined]
    page.param = param  # type: ignore[attr-defined]
    return page
