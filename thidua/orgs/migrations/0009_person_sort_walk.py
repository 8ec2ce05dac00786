"""On PostgreSQL, a btree on (sort_key, id) carrying the columns a search filters on, for the walk of the ranked
search (``queries.first_ids``): the list's order is (sort_key, id), and at national size thousands of people share
a sort key ("Nguyễn Thị Anh": 20,821), so the single-column index made the walk read and sort a whole group of
equal keys (4 s, from EXPLAIN ANALYZE) before the first page. With ``id`` in the key the walk stops after the page;
with ``search_name``, ``archived_at`` and ``unit_id`` included it is an index-only scan (no heap fetch per row).
SQLite's index on sort_key already ends with the rowid (the id).
"""

from django.db import migrations

INDEX = "person_sort_walk_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON orgs_person (sort_key, id) INCLUDE (search_name, archived_at, unit_id)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0008_person_search_words")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
