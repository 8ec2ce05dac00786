"""The combined checks of the indicator catalog (``Indicator.checks``: TD06 + TD07 ≤ TD05), loaded from the
catalog file's new version."""

from django.db import migrations, models


def load(apps, schema_editor):
    from thidua.reports import loading

    data, _digest = loading.read_indicators()
    loading.apply_indicators(data, apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_load_indicators"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="checks",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Tổng các chỉ tiêu thành phần so với chỉ tiêu này (≤ hoặc =).",
                verbose_name="kiểm tra kết hợp",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
