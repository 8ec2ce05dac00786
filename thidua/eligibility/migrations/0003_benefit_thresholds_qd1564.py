"""The Bằng Lao động sáng tạo's thresholds of benefit read in QĐ 1564/QĐ-TLĐ Điều 16 k1 (VERIFIED for its period,
kept as the configurable default, UNVERIFIED, after it): the shipped conditions reloaded (by key and start date)."""

from django.db import migrations


def load(apps, schema_editor):
    from thidua.eligibility.conditions import load as load_conditions

    load_conditions(apps.get_model("eligibility", "Condition"))


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0002_load_conditions")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
