"""SQLite transactions: writers begin IMMEDIATE, readers DEFERRED."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from thidua.core.db import reading
from thidua.orgs.models import Unit

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's transaction modes")


def begins(block) -> list[str]:
    with CaptureQueriesContext(connection) as queries, block():
        Unit.objects.filter(code="MAY").exists()
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("BEGIN")]


@pytest.mark.django_db(transaction=True)
def test_a_write_transaction_takes_the_lock_when_it_begins():
    assert begins(transaction.atomic) == ["BEGIN IMMEDIATE"]


@pytest.mark.django_db(transaction=True)
def test_a_reading_transaction_does_not_take_the_write_lock():
    assert begins(reading) == ["BEGIN DEFERRED"]
    assert begins(transaction.atomic) == ["BEGIN IMMEDIATE"]  # and the connection is as it was


@pytest.mark.django_db(transaction=True)
def test_an_import_preview_reads_without_taking_the_write_lock_and_the_import_takes_it():
    from django.contrib.auth import get_user_model

    from tests.orgs.xlsx_files import PEOPLE_HEADER, TITLE, xlsx
    from thidua.orgs.imports import import_people

    officer = get_user_model().objects.get(username="grassroots_officer")
    content = xlsx([PEOPLE_HEADER, [None, "Đinh Văn Khóa", "Nam", "01/02/1990", "", "", "MAY", "", "", "", "", "", "x"]],
                   title_rows=TITLE)  # fmt: skip

    def run(dry_run: bool) -> list[str]:
        content.seek(0)
        with CaptureQueriesContext(connection) as queries:
            result = import_people(content, by=officer, dry_run=dry_run)
        assert result.errors == []
        return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("BEGIN")]

    assert run(dry_run=True) == ["BEGIN DEFERRED"]
    assert run(dry_run=False)[0] == "BEGIN IMMEDIATE"
