from django.db import migrations


def load(apps, schema_editor):
    from thidua.eligibility.conditions import load as load_conditions

    load_conditions(apps.get_model("eligibility", "Condition"))


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
