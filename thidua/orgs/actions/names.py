"""The words of people's names for the ranked search (``PersonWord``, ``NameWord``; decision 0040), kept set-based.

Every write of a name calls ``index_names`` with the people written (``create_person``, ``update_person``,
``upsert_people``, the demo's ``PeopleWriter``): the words are split in the database from ``search_name`` in one
statement per batch, whatever the number of people — ``regexp_split_to_table`` on PostgreSQL, a recursive CTE on
SQLite. ``rebuild_name_index`` does the whole table at once after a bulk load that bypassed the actions (the
benchmark generator's COPY). Only the people in use have words (``archive_person`` and ``restore_person`` call
``index_names`` too), and each word of the vocabulary counts its people (``NameWord.people``) in the same
statements' transaction: taken off for the rows deleted, added for the rows written. Not audited: an index of
``search_name``, which the person's own audit record covers.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connections, router, transaction

from ..models import PersonWord

BATCH = 5000

# The distinct words of the selected people's folded names, as (person_id, word, sort_key) rows.
_SPLIT = {
    "postgresql": (
        "SELECT DISTINCT p.id, w.word, p.sort_key FROM orgs_person p "
        "CROSS JOIN LATERAL regexp_split_to_table(p.search_name, ' ') AS w(word) "
        "WHERE {where} AND p.archived_at IS NULL AND w.word <> ''"
    ),
    "sqlite": (
        "WITH RECURSIVE split(id, word, sort_key, rest) AS ("
        "SELECT p.id, '', p.sort_key, p.search_name || ' ' FROM orgs_person p WHERE {where} AND p.archived_at IS NULL "
        "UNION ALL SELECT id, substr(rest, 1, instr(rest, ' ') - 1), sort_key, substr(rest, instr(rest, ' ') + 1) "
        "FROM split WHERE rest <> '') "
        "SELECT DISTINCT id, word, sort_key FROM split WHERE word <> ''"
    ),
}
_NEW_WORDS = {
    "postgresql": "INSERT INTO orgs_nameword (word, people) SELECT DISTINCT word, 0 FROM orgs_personword {where} "
    "ON CONFLICT DO NOTHING",
    "sqlite": "INSERT OR IGNORE INTO orgs_nameword (word, people) SELECT DISTINCT word, 0 FROM orgs_personword {where}",
}
# The count of each word of the selected people's rows, taken off (before the rows are deleted) or added (after the
# rows are written). On PostgreSQL the vocabulary's rows are locked first in the words' order, so two writers of
# the same names wait for each other instead of deadlocking.
_LOCK = (
    "SELECT word FROM orgs_nameword WHERE word IN (SELECT word FROM orgs_personword WHERE {where}) "
    "ORDER BY word FOR UPDATE"
)
_COUNT = (
    "UPDATE orgs_nameword SET people = people {sign} (SELECT count(*) FROM orgs_personword w "
    "WHERE w.word = orgs_nameword.word AND w.{where}) WHERE word IN (SELECT word FROM orgs_personword WHERE {where})"
)


def _connection():
    return connections[router.db_for_write(PersonWord)]


def index_names(person_ids: Iterable[int]) -> None:
    """Write again the words of these people's names (after their ``search_name``, ``sort_key`` or archive were
    written) and their vocabulary's counts: five statements per batch of 5,000 people (seven on PostgreSQL)."""
    connection = _connection()
    vendor = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    ids = sorted(set(person_ids))
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            part = ids[start : start + BATCH]
            marks = ", ".join(["%s"] * len(part))
            theirs = f"person_id IN ({marks})"
            if vendor == "postgresql":
                cursor.execute(_LOCK.format(where=theirs), part)
            cursor.execute(_COUNT.format(sign="-", where=theirs), part + part)
            cursor.execute(f"DELETE FROM orgs_personword WHERE {theirs}", part)
            cursor.execute(
                "INSERT INTO orgs_personword (person_id, word, sort_key) "
                + _SPLIT[vendor].format(where=f"p.id IN ({marks})"),
                part,
            )
            cursor.execute(_NEW_WORDS[vendor].format(where=f"WHERE {theirs}"), part)
            if vendor == "postgresql":
                cursor.execute(_LOCK.format(where=theirs), part)
            cursor.execute(_COUNT.format(sign="+", where=theirs), part + part)


def rebuild_name_index() -> int:
    """The words of every person's name, written again in one statement (after a bulk load); on PostgreSQL the
    table's indexes are built after the load, as the generator does for the people. Then each word's count of
    people, in one statement (a count of the index's range per word). Returns the rows written."""
    connection = _connection()
    vendor = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    insert = "INSERT INTO orgs_personword (person_id, word, sort_key) " + _SPLIT[vendor].format(where="1 = 1")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if vendor == "postgresql":
            # The foreign keys' checks are deferred to the commit; ALTER TABLE refuses a table with checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE orgs_personword")
            walk = next(index for index in PersonWord._meta.indexes if index.name == "person_word_walk_idx")
            unique = next(c for c in PersonWord._meta.constraints if c.name == "person_word_unique")
            with connection.schema_editor(atomic=False) as editor:
                editor.remove_index(PersonWord, walk)
                editor.remove_constraint(PersonWord, unique)
                cursor.execute(insert)
                written = cursor.rowcount
                editor.add_constraint(PersonWord, unique)
                editor.add_index(PersonWord, walk)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute("DELETE FROM orgs_personword")
            cursor.execute(insert)
            written = cursor.rowcount
        cursor.execute(_NEW_WORDS[vendor].format(where=""))
        cursor.execute(RECOUNT)
    return written


RECOUNT = "UPDATE orgs_nameword SET people = (SELECT count(*) FROM orgs_personword w WHERE w.word = orgs_nameword.word)"
