"""The real day a unit received a plan (issue 8): the plan's issue date, not the day the system put it in the inbox.
Existing deliveries take their plan's date (the day they were issued), else the day they were delivered."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncDate


def fill_received_on(apps, schema_editor):
    PlanDelivery = apps.get_model("plans", "PlanDelivery")
    Plan = apps.get_model("plans", "Plan")
    plan_date = Plan.objects.filter(pk=OuterRef("plan_id")).values("date")[:1]
    PlanDelivery.objects.update(received_on=Coalesce(Subquery(plan_date), TruncDate("delivered_at")))


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_commemoration_catalog")]

    operations = [
        migrations.RemoveIndex(model_name="plandelivery", name="plandelivery_inbox_idx"),
        migrations.AddField(
            model_name="plandelivery",
            name="received_on",
            field=models.DateField(null=True, verbose_name="ngày nhận"),
        ),
        migrations.RunPython(fill_received_on, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="plandelivery",
            name="received_on",
            field=models.DateField(verbose_name="ngày nhận"),
        ),
        migrations.AlterField(
            model_name="plandelivery",
            name="delivered_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="đưa vào hộp thư lúc"),
        ),
        migrations.AlterModelOptions(
            name="plandelivery",
            options={
                "ordering": ["-received_on", "-id"],
                "verbose_name": "kế hoạch nhận được",
                "verbose_name_plural": "kế hoạch nhận được",
            },
        ),
        migrations.AddIndex(
            model_name="plandelivery",
            index=models.Index(fields=["unit", "-received_on"], name="plandelivery_inbox_idx"),
        ),
    ]
