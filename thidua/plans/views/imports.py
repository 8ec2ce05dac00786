"""Import of an official text: upload, side-by-side preview of what the parser read, then the draft."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core.text import fold
from thidua.orgs.models import Unit
from thidua.plans.parsing.extract import UnreadableFile

from .. import actions, forms, queries
from ..models import DocumentKind, MeasureTarget, is_major, is_round
from .base import units_for_drafting

# --- import of an official text ---------------------------------------------------------------------------------

IMPORT_SALT = "thidua.plans.import"


def _parse(upload) -> tuple[dict, str]:
    """The parser's structure of an uploaded file, and the text it read (for the side-by-side preview)."""
    from thidua.plans.parsing import parse_plan_file
    from thidua.plans.parsing.context import ParseContext
    from thidua.plans.parsing.extract import extract_text

    data = upload.read()
    parsed = parse_plan_file(data, filename=upload.name)
    return parsed, extract_text(data, upload.name, ParseContext())


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request):
    units = units_for_drafting(request.user)
    if not units.exists():
        raise PermissionDenied
    form = forms.ImportUploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            parsed, text = _parse(form.cleaned_data["file"])
        except UnreadableFile as exc:  # corrupt, not what its name says, dangerous or far too large
            form.add_error("file", exc.message)
        except Exception:  # noqa: BLE001 - an unreadable file is the user's to fix, not a crash
            form.add_error("file", _("Không đọc được tệp “%(name)s”: tệp bị hỏng hoặc không đúng định dạng.")
                           % {"name": form.cleaned_data["file"].name})  # fmt: skip
        else:
            issuer = form.cleaned_data["issuer"]
            kind = _kind_of(parsed.get("kind"))
            number, symbol = queries.split_number(parsed.get("number") or "")
            payload = signing.dumps({"parsed": parsed, "text": text}, salt=IMPORT_SALT, compress=True)
            year = (parsed.get("date") or "")[:4]
            if number is None:
                # A text not yet numbered (or whose number is unreadable): propose the issuer's usual symbol and
                # its next free number, for the officer to confirm or correct.
                symbol = symbol or queries.default_symbol(issuer, kind)
                if year.isdigit():
                    number = queries.next_number(issuer, symbol, int(year))
            confirm = forms.ImportConfirmForm(units=units, parsed=parsed, initial={
                **forms.ImportConfirmForm.initial_from(parsed), **_recipient_purposes(parsed),
                "issuer": issuer.pk, "payload": payload, "kind": kind, "number": number, "symbol": symbol,
                "year": int(year) if year.isdigit() else None})  # fmt: skip
            return render(
                request, "plans/plan_import_preview.html", _preview_context(parsed, text, issuer, confirm)
            )
    return render(request, "plans/plan_import.html", {"form": form})


def _kind_of(label: str | None) -> str:
    key = fold(label or "")
    return next((value for value, text in DocumentKind.choices if fold(str(text)) == key), DocumentKind.PLAN)


def _recipient_purposes(parsed: dict) -> dict:
    """The purpose the parser read for each recipient, as the choice the form offers."""
    from ..actions.imports import _purpose_of

    return {f"recipient_{i}_purpose": _purpose_of(r.get("purpose"))
            for i, r in enumerate(parsed.get("recipients") or [], start=1)}  # fmt: skip


# --- the preview ----------------------------------------------------------------------------------------------

# The part of the preview a warning of the parser concerns, by the words it uses (first match wins).
WARNING_PARTS = [
    (
        ("ma hoa", "bang ma", "ky tu khong doc duoc", "tep", "van ban trong", "ocr"),
        "import-text",
        gettext_lazy("Văn bản gốc"),
    ),
    (("nam ky niem", "ngay ky niem"), "part-phases", gettext_lazy("Các đợt thi đua")),
    (("dot ", "giai doan", "dot thi dua"), "part-phases", gettext_lazy("Các đợt thi đua")),
    (("so, ky hieu", "chua co so", "so hoac so"), "part-header", gettext_lazy("Số, ký hiệu")),
    (("loai van ban",), "part-header", gettext_lazy("Loại văn bản")),
    (("dia danh", "ngay ban hanh"), "part-header", gettext_lazy("Địa danh, ngày ban hành")),
    (("trich yeu",), "part-header", gettext_lazy("Trích yếu")),
    (("can cu",), "part-legal-bases", gettext_lazy("Căn cứ")),
    (("phong trao",), "part-movements", gettext_lazy("Phong trào thi đua")),
    (("noi nhan",), "part-recipients", gettext_lazy("Nơi nhận")),
    (("chu ky", "nguoi ky"), "part-signer", gettext_lazy("Người ký")),
]
_PHASE_IN_WARNING = re.compile(r"\b(?:Đợt|Giai đoạn)\s+(\d{1,2})\b", re.IGNORECASE)


def _warning_links(warnings: list[str], phases: list[dict]) -> list[dict]:
    """Each warning with the anchor of the part it concerns (the phase it names, when it names one)."""
    names = {fold(p.get("name") or ""): i for i, p in enumerate(phases, start=1)}
    links = []
    for text in warnings:
        key = fold(text)
        anchor, part = "", ""
        for words, target, label in WARNING_PARTS:
            if any(w in key for w in words):
                anchor, part = target, str(label)
                break
        index = None
        named = _PHASE_IN_WARNING.search(text)
        if named and anchor in ("part-phases", "") and fold(named.group(0)) in names:
            index = names[fold(named.group(0))]
        elif anchor == "part-phases":  # a commemoration it quotes tells the phase
            quoted = set(re.findall(r"“([^”]+)”", text))
            index = next((i for i, p in enumerate(phases, start=1)
                          if any(c.get("text") in quoted for c in p.get("commemorations") or [])), None)  # fmt: skip
        if index is not None:
            anchor, part = f"part-phase-{index}", phases[index - 1].get("name") or part
        links.append({"text": text, "anchor": anchor, "part": part})
    return links


def _paragraphs(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    return [p for p in value if p]


def _commemoration(c: dict) -> dict:
    """A commemoration as the preview shows it: the ordinal the dates give, and the flags."""
    base, day = c.get("base_date") or "", c.get("date") or ""
    expected = int(day[:4]) - int(base[:4]) if base[:4].isdigit() and day[:4].isdigit() else None
    ordinal = expected or c.get("ordinal")
    return {
        **_for_display(c),
        "expected": expected,
        "is_round": is_round(ordinal),
        "is_major": is_major(ordinal),
    }


def _structure(parsed: dict) -> dict:
    """The parser's structure laid out as the official text reads, for the preview."""
    measures = []
    for group in parsed.get("measures") or []:
        target = group.get("target")
        label = MeasureTarget(target).label if target in MeasureTarget.values else group.get("heading") or ""
        paragraphs = group.get("paragraphs")
        texts = list(paragraphs) if paragraphs is not None else [group.get("text")]
        measures.append({"label": label, "heading": group.get("heading") or "", "known": target in MeasureTarget.values,
                         "paragraphs": [t for t in texts if t]})  # fmt: skip
    phases = [{**_for_display(p), "commemorations": [_commemoration(c) for c in p.get("commemorations") or []]}
              for p in parsed.get("phases") or []]  # fmt: skip
    return {
        "legal_bases": _for_display(parsed.get("legal_bases") or []),
        "introduction": _paragraphs(parsed.get("introduction")),
        "purposes": _paragraphs(parsed.get("purposes")),
        "requirements": _paragraphs(parsed.get("requirements")),
        "movements": parsed.get("movements") or [],
        "measures": measures,
        "phases": phases,
        "commemorations": [_commemoration(c) for c in parsed.get("commemorations") or []],
        "phase_review": _paragraphs(parsed.get("phase_review")),
        "reporting": _for_display(parsed.get("reporting_duties") or parsed.get("reporting") or []),
        "closing": _paragraphs(parsed.get("closing")),
        "recipients": parsed.get("recipients") or [],
    }


DATE_KEYS = {"date", "start", "end", "base_date", "due", "report_due"}


def _for_display(value, key: str = ""):
    """The parsed structure with its ISO dates written dd/mm/yyyy, for the preview."""
    if isinstance(value, dict):
        return {k: _for_display(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_for_display(v) for v in value]
    if key in DATE_KEYS and isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return value


def _preview_context(parsed: dict, text: str, issuer: Unit, form) -> dict:
    structure = _structure(parsed)
    phases = [(p, form.phase_fields(i)) for i, p in enumerate(structure["phases"], start=1)]
    recipients = [(r, form.recipient_field(i)) for i, r in enumerate(structure["recipients"], start=1)]
    field_errors = [(form[name].label, error) for name, errors in form.errors.items() if name in form.fields
                    for error in errors]  # fmt: skip
    return {"parsed": _for_display(parsed), "structure": structure, "phases": phases, "recipients": recipients,
            "warnings": _warning_links(parsed.get("warnings") or [], parsed.get("phases") or []),
            "field_errors": field_errors, "text": text, "issuer": issuer, "form": form}  # fmt: skip


@login_required
@require_POST
def plan_import_create(request):
    units = units_for_drafting(request.user)
    try:
        payload = signing.loads(request.POST.get("payload", ""), salt=IMPORT_SALT)
    except signing.BadSignature as exc:
        raise PermissionDenied from exc
    parsed, text = payload["parsed"], payload.get("text") or ""
    form = forms.ImportConfirmForm(request.POST, units=units, parsed=parsed)
    if not form.is_valid() and ("issuer" in form.errors or "payload" in form.errors):
        if "issuer" in form.errors:
            raise Http404
        raise PermissionDenied
    issuer = form.cleaned_data["issuer"]
    if form.is_valid():
        data = form.cleaned_data
        try:
            plan = actions.create_plan_from_parsed(parsed, issuer, by=request.user, number=data["number"],
                                                   symbol=data["symbol"] or "", year=data["year"], source_text=text,
                                                   corrections=form.corrections())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error, aliases={"phases": "__all__", "recipients": "__all__"})
        else:
            messages.success(request, _("Đã tạo dự thảo %(number)s từ văn bản. Kiểm tra và sửa lại trước khi ban hành.")
                             % {"number": plan.number_display})  # fmt: skip
            return redirect("plans:plan-update", pk=plan.pk)
    return render(request, "plans/plan_import_preview.html", _preview_context(parsed, text, issuer, form))
