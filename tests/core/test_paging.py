"""thidua.core.paging: one paginator for the list pages (page_of + pagination.html) and the API (limit/offset)."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from thidua.core.paging import page_of, paginate
from thidua.orgs.models import Unit


@pytest.fixture
def units(tree):
    return Unit.objects.order_by("path")


def get(path="/don-vi/", **params):
    return RequestFactory().get(path, params)


def test_page_of_gives_the_asked_page_with_numbers_and_the_other_parameters(units):
    total = units.count()
    page = page_of(get(q="hà", unit="3", page="2"), units, 2)
    assert (page.number, page.paginator.count, [u.pk for u in page]) == (2, total, [u.pk for u in units[2:4]])
    assert page.prefix == "/don-vi/?q=h%C3%A0&unit=3&"
    assert page.param == "page"


def test_page_numbers_leave_gaps_far_from_the_current_page():
    assert page_of(get(page="10"), list(range(20)), 1).numbers == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert page_of(get(page="2"), list(range(20)), 1).numbers == [1, 2, 3, 4, None, 20]


@pytest.mark.parametrize(
    ("asked", "number"), [("", 1), ("abc", 1), ("0", 1), ("-2", 1), ("2", 2), ("9999", 3)]
)
def test_a_missing_or_wrong_page_gives_the_first_or_last(units, asked, number):
    per_page = -(-units.count() // 3)  # three pages
    assert page_of(get(page=asked), units, per_page).number == number


def test_page_of_costs_a_count_and_a_page_query(units):
    with CaptureQueriesContext(connection) as queries:
        list(page_of(get(), units, 5).object_list)
    assert len(queries) == 2


def test_pagination_bar_links_keep_the_filters_and_target_htmx(units):
    page = page_of(get(q="a", page="2"), units, 2)
    html = render_to_string("pagination.html", {"page": page, "target": "#people-results"})
    assert 'href="/don-vi/?q=a&amp;page=1"' in html
    assert 'href="/don-vi/?q=a&amp;page=3"' in html
    assert 'hx-target="#people-results"' in html
    assert '<li class="page-item active" aria-current="page"><span class="page-link">2</span></li>' in html


def test_pagination_bar_is_empty_for_a_single_page(units):
    assert render_to_string("pagination.html", {"page": page_of(get(), units, 1000)}).strip() == ""


def test_paginate_gives_the_count_and_the_rows_of_the_window(units):
    count, rows = paginate(units, SimpleNamespace(limit=3, offset=2))
    assert (count, [u.pk for u in rows]) == (units.count(), [u.pk for u in units[2:5]])


def test_paginate_skips_the_page_query_when_nothing_matches(units):
    with CaptureQueriesContext(connection) as queries:
        assert paginate(units.filter(code="nothing"), SimpleNamespace(limit=3, offset=0)) == (0, [])
    assert len(queries) == 1
