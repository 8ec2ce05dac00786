"""Import of an official text: upload, side-by-side preview of what the parser read, then the draft."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core.text import fold
from thidua.orgs.models import Unit

from .. import actions, forms, queries
from ..models import DocumentKind
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
        except Exception as exc:  # noqa: BLE001 - an unreadable file is the user's to fix, not a crash
            form.add_error("file", _("Không đọc được tệp: %(error)s") % {"error": exc})
        else:
            issuer = form.cleaned_data["issuer"]
            number, symbol = queries.split_number(parsed.get("number") or "")
            payload = signing.dumps({"parsed": parsed, "text": text}, salt=IMPORT_SALT, compress=True)
            year = (parsed.get("date") or "")[:4]
            if number is None:
                # A text not yet numbered (or whose number is unreadable): propose the issuer's usual symbol and
                # its next free number, for the officer to confirm or correct.
                symbol = symbol or queries.default_symbol(issuer, _kind_of(parsed.get("kind")))
                if year.isdigit():
                    number = queries.next_number(issuer, symbol, int(year))
            confirm = forms.ImportConfirmForm(units=units, initial={
                "issuer": issuer.pk, "payload": payload, "number": number, "symbol": symbol,
                "year": int(year) if year.isdigit() else None})  # fmt: skip
            return render(
                request, "plans/plan_import_preview.html", _preview_context(parsed, text, issuer, confirm)
            )
    return render(request, "plans/plan_import.html", {"form": form})


def _kind_of(label: str | None) -> str:
    key = fold(label or "")
    return next((value for value, text in DocumentKind.choices if fold(str(text)) == key), DocumentKind.PLAN)


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
    return {"parsed": _for_display(parsed), "text": text, "issuer": issuer, "form": form,
            "parsed_json": json.dumps(parsed, ensure_ascii=False, indent=2)}  # fmt: skip


@login_required
@require_POST
def plan_import_create(request):
    units = units_for_drafting(request.user)
    form = forms.ImportConfirmForm(request.POST, units=units)
    if not form.is_valid():
        if "issuer" in form.errors:
            raise Http404
        raise PermissionDenied
    try:
        payload = signing.loads(form.cleaned_data["payload"], salt=IMPORT_SALT)
    except signing.BadSignature as exc:
        raise PermissionDenied from exc
    issuer = form.cleaned_data["issuer"]
    data = form.cleaned_data
    try:
        plan = actions.create_plan_from_parsed(payload["parsed"], issuer, by=request.user, number=data["number"],
                                               symbol=data["symbol"] or "", year=data["year"],
                                               source_text=payload.get("text") or "")  # fmt: skip
    except ValidationError as error:
        form.apply_errors(error)
        return render(request, "plans/plan_import_preview.html",
                      _preview_context(payload["parsed"], payload.get("text") or "", issuer, form))  # fmt: skip
    messages.success(request, _("Đã tạo dự thảo %(number)s từ văn bản. Kiểm tra và sửa lại trước khi ban hành.")
                     % {"number": plan.number_display})  # fmt: skip
    return redirect("plans:plan-update", pk=plan.pk)
