"""The indicator catalog's actions: reload the shipped file (idempotent, audited)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit

from .. import loading
from ..models import Indicator

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def load_indicators(
    data: dict[str, Any] | None = None, *, by: User | None = None, path: Path | str | None = None
) -> dict[str, list] | None:
    """Bring the default catalog in line with the data file (``data`` or the file at ``path``, by default the
    shipped one). A second load of the same file changes nothing and returns None; otherwise every indicator added,
    changed or archived is audited and the summary returned. Raises ``loading.IndicatorCatalogError`` (nothing
    changed) when the file is not valid."""
    if data is None:
        data, _digest = loading.read_indicators(path)
    summary = loading.apply_indicators(data)
    if not any(summary.values()):
        return None
    note = _("Nạp danh mục chỉ tiêu %(version)s") % {"version": data.get("version", "")}
    for verb, key in (("create", "added"), ("update", "changed"), ("archive", "archived")):
        rows = [(item["pk"], item["key"], item["changes"]) for item in summary[key]]
        if rows:
            audit.record_rows(Indicator, rows, by=by, action=verb, note=note)
    return summary
