import datetime

from django.db import migrations, models
from django.db.models import Count, Q

import thidua.core.lookups  # noqa: F401  (the ``subtree`` lookup)

GRASSROOTS = "grassroots"


def record_last_totals(apps, schema_editor):
    """Each unit already ended gets the totals of its subtree on its last day, as ``queries.subtree_totals_as_of``
    counts them (the tree's versions and the memberships open that day, archived people left out)."""
    Unit = apps.get_model("orgs", "Unit")
    UnitVersion = apps.get_model("orgs", "UnitVersion")
    Membership = apps.get_model("orgs", "Membership")
    for unit in Unit.objects.filter(dissolved_on__isnull=False, last_totals__isnull=True).only(
        "pk", "dissolved_on"
    ):
        day = unit.dissolved_on - datetime.timedelta(days=1)
        open_versions = Q(valid_to__isnull=True) | Q(valid_to__gt=day), Q(valid_from__lte=day)
        version = UnitVersion.objects.filter(*open_versions, unit_id=unit.pk).first()
        totals = dict.fromkeys(("grassroots", "members", "workers", "direct_workers", "units"), 0)
        if version is not None:
            versions = UnitVersion.objects.filter(*open_versions, path__subtree=version.path)
            units = versions.aggregate(units=Count("pk"), grassroots=Count("pk", filter=Q(level=GRASSROOTS)))
            people = Membership.objects.filter(
                Q(left_on__isnull=True) | Q(left_on__gt=day),
                joined_on__lte=day,
                unit_id__in=versions.values("unit_id"),
                person__archived_at__isnull=True,
            ).aggregate(
                members=Count("pk", filter=Q(is_member=True)),
                workers=Count("pk"),
                direct_workers=Count("pk", filter=Q(is_direct_production_worker=True)),
            )
            totals = {key: value or 0 for key, value in {**units, **people}.items()}
        Unit.objects.filter(pk=unit.pk).update(last_totals=totals)


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0010_person_words"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="last_totals",
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name="số liệu ngày cuối"),
        ),
        migrations.RunPython(record_last_totals, migrations.RunPython.noop),
    ]
