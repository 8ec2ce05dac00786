"""The catalog again: NĐ 98/2023 Điều 54's collective multipliers (Tập thể lao động tiên tiến 0,8, xuất sắc 1,5, the
emulation flags 8,0 and 12,0) read in the article's text, now VERIFIED with their source (decision 0039). Reloaded
like ``load_catalog`` (natural keys, archive, never delete; a ``CatalogLoad`` records what changed)."""

from django.db import migrations


def load(apps, schema_editor):
    from thidua.registrations import loading

    data, digest = loading.read_catalog()
    summary = loading.apply_catalog(data, apps=apps)
    CatalogLoad = apps.get_model("registrations", "CatalogLoad")
    if any(summary.values()):
        CatalogLoad.objects.create(version=str(data.get("version", ""))[:40], digest=digest, summary=summary)


class Migration(migrations.Migration):
    dependencies = [("registrations", "0007_congresswork_congress_record")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
