"""Units (and their versions) get a stored Vietnamese collation key of their name, so lists of units sort the
Vietnamese way in the database ("Cầu Kè" before "Châu Thành"); existing rows are filled in here."""

from django.db import migrations, models

from thidua.core.text import unit_sort_key

BATCH = 2000


def fill_sort_keys(apps, schema_editor):
    for name in ("Unit", "UnitVersion"):
        model = apps.get_model("orgs", name)
        rows = list(model.objects.order_by().values_list("pk", "name"))
        for start in range(0, len(rows), BATCH):
            chunk = [model(pk=pk, sort_key=unit_sort_key(value)) for pk, value in rows[start : start + BATCH]]
            model.objects.bulk_update(chunk, ["sort_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("orgs", "0003_person_search_fts_sqlite")]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="sort_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=1000),
        ),
        migrations.AddField(
            model_name="unitversion",
            name="sort_key",
            field=models.CharField(default="", editable=False, max_length=1000),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop, elidable=True),
    ]
