"""The search index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL) follows every way people are written."""

from django.db import connection

from thidua.orgs import actions
from thidua.orgs.models import Person


def names(qs):
    return sorted(qs.values_list("full_name", flat=True))


def test_search_finds_people_created_in_bulk(tree):
    Person.objects.bulk_create(
        [Person(unit=tree.DUA, **actions.name_fields(name)) for name in ["Đinh Công Tráng", "Lý Thường Kiệt"]]
    )
    assert names(Person.objects.search("cong trang")) == ["Đinh Công Tráng"]
    assert names(Person.objects.search("THƯỜNG")) == ["Lý Thường Kiệt"]


def test_search_follows_a_rename(people, users):
    actions.update_person(people.tran_hao, by=users.admin, full_name="Trần Trung Hiếu")
    assert names(Person.objects.search("trung hieu")) == ["Trần Trung Hiếu"]
    assert names(Person.objects.search("trung hao")) == []


def test_short_text_falls_back_to_the_plain_scan(tree):
    assert names(Person.objects.search("đ")) == ["Lê Văn Đức", "Nguyễn Thị Đào"]


def test_sqlite_search_uses_the_trigram_index():
    sql = str(Person.objects.search("tran trung hao").query)
    if connection.vendor == "sqlite":
        assert "orgs_person_fts" in sql
    else:
        assert "orgs_person_fts" not in sql
