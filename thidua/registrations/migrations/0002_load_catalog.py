"""Loads the shipped catalog (thidua/registrations/catalog/rules.json): the State's and the confederation's
regulations, titles and forms, their rules by period, and the base salaries. Later versions of the file are
loaded with ``manage.py load_catalog``."""

from django.db import migrations


def load(apps, schema_editor):
    from thidua.registrations import loading

    data, digest = loading.read_catalog()
    summary = loading.apply_catalog(data, apps=apps)
    CatalogLoad = apps.get_model("registrations", "CatalogLoad")
    CatalogLoad.objects.create(version=str(data.get("version", ""))[:40], digest=digest, summary=summary)


class Migration(migrations.Migration):
    dependencies = [("registrations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
