"""The catalog again: count quotas say within which scope they count (``within``: unit, federation, nation), so
registration warns when a count quota will be exceeded. Reloaded like ``load_catalog`` (natural keys, archive,
never delete; a ``CatalogLoad`` records what changed)."""

from django.db import migrations


def load(apps, schema_editor):
    from thidua.registrations import loading

    data, digest = loading.read_catalog()
    summary = loading.apply_catalog(data, apps=apps)
    CatalogLoad = apps.get_model("registrations", "CatalogLoad")
    if any(summary.values()):
        CatalogLoad.objects.create(version=str(data.get("version", ""))[:40], digest=digest, summary=summary)


class Migration(migrations.Migration):
    dependencies = [("registrations", "0005_works")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
