"""A trigram index on people's folded names, so ``search_name LIKE '%...%'`` stays fast on 100k+ people.

PostgreSQL only (pg_trgm); SQLite keeps the plain index from 0001 and scans — fine at its scale. The index is on
the column itself, so Django's ``search_name::text LIKE %s`` (varchar relabelled to text) can use it.
"""

from django.db import migrations

INDEX = "person_search_trgm_idx"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON orgs_person USING gin (search_name gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False)]
