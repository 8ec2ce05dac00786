"""On SQLite, a trigram full-text index (FTS5) over people's folded names, kept in step by triggers.

SQLite cannot index ``LIKE '%...%'``; FTS5's trigram tokenizer can (it serves ``LIKE`` on the virtual table for
patterns of three characters or more). ``PersonQuerySet.search`` uses it there and falls back to the plain scan for
shorter text. PostgreSQL has its pg_trgm index (0002) and skips this migration.
"""

from django.db import migrations

STATEMENTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS orgs_person_fts USING fts5("
    "search_name, content='orgs_person', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS orgs_person_fts_ai AFTER INSERT ON orgs_person BEGIN "
    "INSERT INTO orgs_person_fts(rowid, search_name) VALUES (new.id, new.search_name); END",
    "CREATE TRIGGER IF NOT EXISTS orgs_person_fts_ad AFTER DELETE ON orgs_person BEGIN "
    "INSERT INTO orgs_person_fts(orgs_person_fts, rowid, search_name) VALUES ('delete', old.id, old.search_name); END",
    "CREATE TRIGGER IF NOT EXISTS orgs_person_fts_au AFTER UPDATE OF search_name ON orgs_person BEGIN "
    "INSERT INTO orgs_person_fts(orgs_person_fts, rowid, search_name) VALUES ('delete', old.id, old.search_name); "
    "INSERT INTO orgs_person_fts(rowid, search_name) VALUES (new.id, new.search_name); END",
    "INSERT INTO orgs_person_fts(orgs_person_fts) VALUES ('rebuild')",
]
REVERSE = [
    "DROP TRIGGER IF EXISTS orgs_person_fts_au",
    "DROP TRIGGER IF EXISTS orgs_person_fts_ad",
    "DROP TRIGGER IF EXISTS orgs_person_fts_ai",
    "DROP TABLE IF EXISTS orgs_person_fts",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in STATEMENTS:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_person_search_trgm")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
