"""The fast bulk insert: values as tuples, defaults filled in, dates and JSON converted, keys returned in order."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from thidua.core import audit
from thidua.core.bulk import insert_rows
from thidua.core.models import AuditEvent
from thidua.orgs.models import Membership, Person

pytestmark = pytest.mark.django_db


def test_insert_rows_returns_keys_in_order_and_fills_defaults(tree):
    rows = [(f"Người {i}", datetime.date(1980, 1, 1 + i % 28), tree.BT.pk) for i in range(2500)]
    pks = insert_rows(Person, ["full_name", "birth_date", "unit_id"], rows, returning_pk=True)
    assert len(pks) == 2500
    people = Person.objects.in_bulk(pks)
    for pk, (name, born, unit_id) in zip(pks, rows, strict=True):
        person = people[pk]
        assert (person.full_name, person.birth_date, person.unit_id) == (name, born, unit_id)
        assert person.national_id == "" and person.archived_at is None
        assert person.created_at is not None and person.updated_at is not None
    insert_rows(
        Membership, ["person_id", "unit_id", "joined_on"], [(pks[0], tree.BT.pk, datetime.date(2000, 1, 2))]
    )
    membership = Membership.objects.get(person_id=pks[0])
    assert membership.joined_on == datetime.date(2000, 1, 2)
    assert membership.is_member is True and membership.left_on is None and membership.card_number == ""


def test_record_rows_writes_one_event_per_row_with_json_changes(tree):
    count = audit.record_rows(
        Person,
        [(7, "Trần Trung Hào", {"full_name": [None, "Trần Trung Hào"]}), (8, "Lê Thị Mai", {})],
        by=None,
        action="import",
        note="Nhập",
    )
    assert count == 2
    person_type = ContentType.objects.get_for_model(Person)
    events = list(AuditEvent.objects.filter(content_type=person_type, note="Nhập").order_by("id"))
    assert [(e.object_id, e.object_repr, e.changes, e.note, e.actor_id) for e in events] == [
        ("7", "Trần Trung Hào", {"full_name": [None, "Trần Trung Hào"]}, "Nhập", None),
        ("8", "Lê Thị Mai", {}, "Nhập", None),
    ]
    assert all(e.at and e.action == "import" for e in events)


def test_rows_inserted_with_copying_triggers_deferred_are_indexed_and_the_trigger_is_back(tree):
    from django.db import connection

    from thidua.core.bulk import copying_triggers_deferred

    def state():
        """The person table's triggers and the trigram index's rows (SQLite; nothing elsewhere)."""
        if connection.vendor != "sqlite":
            return [], []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'orgs_person'"
            )
            triggers = sorted(cursor.fetchall())
            cursor.execute(
                "SELECT rowid FROM orgs_person_fts WHERE search_name LIKE '%xuyen%' ORDER BY rowid"
            )
            return triggers, [r[0] for r in cursor.fetchall()]

    triggers, _found = state()
    with copying_triggers_deferred(Person):
        pks = insert_rows(
            Person, ["full_name", "search_name", "unit_id"],
            [("Quách Thị Xuyến", "quach thi xuyen", tree.BT.pk), ("Âu Văn Khởi", "au van khoi", tree.BT.pk)],
            returning_pk=True,
        )  # fmt: skip
    # A row inserted afterwards goes through the trigger again.
    later = insert_rows(Person, ["full_name", "search_name", "unit_id"], [("Ông Xuyến", "ong xuyen", tree.BT.pk)],
                        returning_pk=True)  # fmt: skip
    assert Person.objects.filter(pk__in=[*pks, *later]).count() == 3
    if connection.vendor == "sqlite":
        assert state() == (triggers, [pks[0], later[0]])
        assert any("orgs_person_fts" in sql for _name, sql in triggers)
