"""The catalog's citations again from ``reference/commemorations.json`` after its sources were checked against
primary texts (issue 9): Ngày Gia đình Việt Nam (Quyết định 72/2001/QĐ-TTg) and Ngày Thầy thuốc Việt Nam (Quyết
định 39-HĐBT) now cite the decisions that established them. Databases migrated before keep the other fields."""

import json
from pathlib import Path

from django.db import migrations

CATALOG = Path(__file__).resolve().parent.parent / "reference" / "commemorations.json"


def cite(apps, schema_editor):
    Commemoration = apps.get_model("plans", "Commemoration")
    for item in json.loads(CATALOG.read_text(encoding="utf-8"))["commemorations"]:
        if item["citation"]:
            Commemoration.objects.filter(name=item["name"], citation="").update(citation=item["citation"][:300])


class Migration(migrations.Migration):
    dependencies = [("plans", "0007_movement_upper_movement")]

    operations = [migrations.RunPython(cite, migrations.RunPython.noop)]
