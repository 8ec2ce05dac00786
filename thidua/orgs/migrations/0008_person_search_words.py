"""On PostgreSQL, a full-text index over the words of people's folded names, for the word tiers of the ranked
search (``PersonQuerySet.match_tiers``): whole words as a phrase (``'nguyen' <-> 'thi'``) and a word that starts
with the text (``'nguyen' <-> 'th':*``). The names are folded already (no diacritics), so the ``simple``
configuration does what an unaccented dictionary would. Its statistics (most common words) also tell the planner
when a word is common enough to walk the Vietnamese-order index and stop after a page instead of reading every
match. SQLite keeps its FTS5 trigram table (0003).
"""

from django.db import migrations

INDEX = "person_search_words_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON orgs_person USING gin (to_tsvector('simple'::regconfig, search_name))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0007_restructuring_request")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
