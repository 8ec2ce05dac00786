"""Reads of certificates used by the pages, the API and the task: a decision's awards with their certificates,
the certificates ready to print, rendering them, the public verification of a serial."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse

from thidua.core.attachments import storage
from thidua.core.dates import format_date
from thidua.rewards.models import AwardRecord, Decision

from . import documents
from .models import SERIAL_ALPHABET, SERIAL_LENGTH, Batch, BlankLayout, Certificate, Emblem

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit

VERIFY_LIMIT = 30  # look-ups of the public page (and its API route) per address and minute
SERIAL_RE = re.compile(rf"^[{SERIAL_ALPHABET}]{{{SERIAL_LENGTH}}}$")


def normalize_serial(raw: str) -> str:
    """What a person types or a QR code carries ("7kqm-9xtr 4hbc") as stored ("7KQM9XTR4HBC"); at most a few
    dozen characters are looked at."""
    return re.sub(r"[\s\-.]", "", (raw or "")[:40]).upper()


def verify_url(serial: str, base_url: str = "") -> str:
    """The absolute address of the public page (``SITE_URL``, else the address the request came to)."""
    base = (getattr(settings, "SITE_URL", "") or base_url or "").rstrip("/")
    return f"{base}{reverse('certificates:verify', args=[serial])}"


def decisions_for_list(user: User | AnonymousUser):
    """The issued decisions the user sees, with their counts of awards and of certificates (one query)."""
    return (
        Decision.objects.visible_to(user).issued()
        .select_related("register", "issuer")
        .annotate(awards=Count("lines", distinct=True), printed=Count("certificates", distinct=True))
        .order_by("-decided_on", "-number", "-id")
    )  # fmt: skip


@dataclass
class Row:
    record: AwardRecord
    certificate: Certificate | None

    @property
    def state(self) -> str:
        if self.record.revoked_id is not None:
            return "revoked"
        return "genuine" if self.certificate is not None else "none"


def rows_of(decision: Decision) -> list[Row]:
    """Each award of the decision with its certificate (two queries whatever their number)."""
    records = list(
        AwardRecord.objects.filter(decision_line__decision=decision)
        .select_related("person", "unit", "award", "decision_line", "revoked")
        .order_by("decision_line__sort", "decision_line_id")
    )
    by_record = {c.record_id: c for c in Certificate.objects.filter(decision=decision)}
    return [Row(record, by_record.get(record.pk)) for record in records]


def certificates_for_print(decision: Decision):
    """The certificates of awards still standing, in the decision's order, with what the page draws."""
    return (
        Certificate.objects.filter(decision=decision, record__revoked__isnull=True)
        .select_related("record__award", "record__person", "record__decision_line__unit",
                        "record__decision_line__unit_at_time", "decision__register", "decision__issuer")
        .order_by("record__decision_line__sort", "record__decision_line_id")
    )  # fmt: skip


def emblem_of(unit: Unit) -> Emblem | None:
    return Emblem.objects.filter(issuer=unit, archived_at__isnull=True).first()


def emblem_bytes(unit: Unit) -> bytes | None:
    emblem = emblem_of(unit)
    if emblem is None:
        return None
    try:
        with storage().open(emblem.file, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def parent_name(unit: Unit) -> str:
    from thidua.orgs.models import Unit

    parent = Unit.objects.get_parent(unit)
    return parent.name if parent is not None else ""


def render_pdf(certificates: Sequence[Certificate], *, decision: Decision, layout: BlankLayout | None = None,
               base_url: str = "", progress: Callable[[int], None] | None = None) -> bytes:  # fmt: skip
    """The certificates (all of ``decision``) in one PDF: full, or on the blank ``layout``."""
    parent = parent_name(decision.issuer)
    items = (
        documents.certificate_data(cert, parent_name=parent, verify_url=verify_url(cert.serial, base_url))
        for cert in certificates
    )
    title = f"Bằng khen, giấy khen – Quyết định số {decision.reference}"
    if layout is not None:
        return documents.render_certificates(items, title=title, layout=layout.fields, paper_mm=layout.size_mm,
                                             progress=progress)  # fmt: skip
    return documents.render_certificates(items, title=title, emblem=emblem_bytes(decision.issuer),
                                         progress=progress)  # fmt: skip


def layouts_for(user: User | AnonymousUser):
    return BlankLayout.objects.visible_to(user).active().select_related("issuer")


def batches_of(decision: Decision):
    return Batch.objects.filter(decision=decision).select_related("layout", "task", "created_by")[:20]


# --- the public page -------------------------------------------------------------------------------------------


def verify(raw_serial: str) -> dict[str, Any]:
    """What the public page says of a serial: ``{"state": "genuine" | "revoked" | "unknown", ...}`` with only the
    name, the award, the decision and the issuer. One query in every case (an unknown or malformed serial runs the
    same lookup), so the answer's time tells nothing."""
    serial = normalize_serial(raw_serial)
    lookup = serial if SERIAL_RE.match(serial) else "-"
    found = (
        Certificate.objects.filter(serial=lookup)
        .select_related("record__award", "record__person", "record__unit", "record__decision_line",
                        "decision__register", "decision__issuer")
        .first()
    )  # fmt: skip
    if found is None:
        return {
            "state": "unknown",
            "serial": documents.display_serial(serial) if SERIAL_RE.match(serial) else "",
        }
    record, decision = found.record, found.decision
    line = record.decision_line
    name = (line.name_at_time if line is not None else "") or str(record.person or record.unit or "")
    return {
        "state": "revoked" if record.revoked_id is not None else "genuine",
        "serial": found.display_serial,
        "name": name,
        "award": record.award.name,
        "year": record.year,
        "decision": decision.reference,
        "decided_on": format_date(decision.decided_on),
        "issuer": decision.issuer.name,
    }


def over_limit(address: str) -> bool:
    """Count a look-up from ``address``; true past ``VERIFY_LIMIT`` in the current minute (the cache, shared by
    the web processes when Redis is configured)."""
    key = f"certificates:verify:{address or '-'}"
    if cache.add(key, 1, timeout=60):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, timeout=60)
        return False
    return count > VERIFY_LIMIT
