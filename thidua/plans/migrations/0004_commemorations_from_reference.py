"""The catalog of commemorations from ``reference/commemorations.json`` (issue 9): the days of 0002 with their
citations corrected (Decree 145/2013, Article 4), and the days unions also mark (Công an nhân dân, Ngày hội Quốc
phòng toàn dân, Toàn quốc kháng chiến, ...). The file is the one the plan reader recognises anniversaries from."""

import datetime
import json
from pathlib import Path

from django.db import migrations

CATALOG = Path(__file__).resolve().parent.parent / "reference" / "commemorations.json"


def load(apps, schema_editor):
    Commemoration = apps.get_model("plans", "Commemoration")
    for item in json.loads(CATALOG.read_text(encoding="utf-8"))["commemorations"]:
        Commemoration.objects.update_or_create(
            name=item["name"],
            defaults={
                "short_name": item["short_name"],
                "base_date": datetime.date.fromisoformat(item["base_date"]),
                "kind": item["kind"],
                "citation": item["citation"][:300],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_plandelivery_received_on")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
