"""Loads the default indicator catalog (thidua/reports/catalog/indicators.json, built from
shared/reference/indicators.md). Later versions of the file are loaded with ``manage.py load_indicators``."""

from django.db import migrations


def load(apps, schema_editor):
    from thidua.reports import loading

    data, _digest = loading.read_indicators()
    loading.apply_indicators(data, apps=apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
