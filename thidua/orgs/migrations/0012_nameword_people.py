"""Each word of the vocabulary counts its people (``NameWord.people``, decision 0040), and the words' index holds
only the people in use: the archived records' words are taken out, then every word counted in one statement."""

from django.db import migrations, models


def count(apps, schema_editor):
    schema_editor.execute(
        "DELETE FROM orgs_personword WHERE person_id IN (SELECT id FROM orgs_person WHERE archived_at IS NOT NULL)"
    )
    schema_editor.execute(
        "UPDATE orgs_nameword SET people = "
        "(SELECT count(*) FROM orgs_personword w WHERE w.word = orgs_nameword.word)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0011_unit_last_totals"),
    ]

    operations = [
        migrations.AddField(
            model_name="nameword",
            name="people",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(count, migrations.RunPython.noop, elidable=False),
    ]
