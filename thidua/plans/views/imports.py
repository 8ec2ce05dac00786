"""Import of an official text: upload, side-by-side preview of what the parser read, then the draft.

The file waits between the preview and the draft as a staged upload (``thidua.core.uploads``, kind ``UPLOAD_KIND``):
bound to the session, read again at each step, removed once the draft is created."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core import uploads
from thidua.core.models import Task
from thidua.core.tasks import start_task
from thidua.core.text import fold
from thidua.orgs.models import Unit
from thidua.orgs.queries import search_units
from thidua.orgs.views.units import level_short
from thidua.plans.parsing import ParsedPlan, ParseWarning, UnreadableFile, parse_plan
from thidua.plans.parsing.extract import NO_TEXT_LAYER
from thidua.plans.parsing.result import ParsedCommemoration, ParsedPhase
from thidua.plans.parsing.sources import SourceMap, source_map

from .. import actions, forms, ocr, queries
from ..models import DocumentKind, MeasureTarget, is_major, is_round
from .base import units_for_drafting

# --- import of an official text ---------------------------------------------------------------------------------

UPLOAD_KIND = "plans.import"


def _parse(upload) -> ParsedPlan:
    """The parser's structure of an uploaded file, with the text it read (for the side-by-side preview)."""
    return parse_plan(upload.read(), filename=upload.name)


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request):
    units = units_for_drafting(request.user)
    if not units.exists():
        raise PermissionDenied
    default = _own_unit(request.user, units)
    form = forms.ImportUploadForm(request.POST or None, request.FILES or None, units=units,
                                  initial={"issuer": default.pk if default else None})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            parsed = _parse(form.cleaned_data["file"])
        except UnreadableFile as exc:  # corrupt, not what its name says, dangerous or far too large
            form.add_error("file", exc.message)
        except Exception:  # noqa: BLE001 - an unreadable file is the user's to fix, not a crash
            form.add_error("file", _("Không đọc được tệp “%(name)s”: tệp bị hỏng hoặc không đúng định dạng.")
                           % {"name": form.cleaned_data["file"].name})  # fmt: skip
        else:
            issuer = form.cleaned_data["issuer"]
            if any(w.code == NO_TEXT_LAYER for w in parsed.warnings):  # a scan: read it by OCR, as a task
                missing = ocr.ocr_missing()
                if missing is None:
                    return _start_ocr(request, form.cleaned_data["file"], issuer)
                form.add_error("file", missing)
            else:
                return _preview(request, parsed, form.cleaned_data["file"], issuer)
    chosen = form.cleaned_data.get("issuer") if form.is_bound and hasattr(form, "cleaned_data") else default
    return render(
        request,
        "plans/plan_import.html",
        {"form": form, "chosen_issuer": _options([chosen] if chosen else [])},
    )


def _preview(request, parsed: ParsedPlan, upload, issuer: Unit):
    """The side-by-side preview of what was read, the file staged until the draft is created."""
    units = units_for_drafting(request.user)
    kind = _kind_of(parsed.kind)
    number, symbol = queries.split_number(parsed.number or "")
    token, _path = uploads.stage_upload(request, upload, kind=UPLOAD_KIND)
    year = parsed.year
    if number is None:
        # A text not yet numbered (or whose number is unreadable): propose the issuer's usual symbol and
        # its next free number, for the officer to confirm or correct.
        symbol = symbol or queries.default_symbol(issuer, kind)
        if year:
            number = queries.next_number(issuer, symbol, year)
    confirm = forms.ImportConfirmForm(units=units, parsed=parsed, initial={
        **forms.ImportConfirmForm.initial_from(parsed), **_recipient_purposes(parsed),
        "issuer": issuer.pk, "token": token, "kind": kind, "number": number, "symbol": symbol,
        "year": year})  # fmt: skip
    return render(
        request,
        "plans/plan_import_preview.html",
        _preview_context(parsed, parsed.text, issuer, confirm),
    )


# --- a scan: OCR as a task, then the preview of the text read ---------------------------------------------------

OCR_KIND = "plans.import_ocr"


def _start_ocr(request, upload, issuer: Unit):
    upload.seek(0)
    token, _path = uploads.stage_upload(request, upload, kind=OCR_KIND)
    staged = uploads.take_upload(request, token, OCR_KIND)  # the task's now: removed when it ends
    task = start_task(OCR_KIND, _("Nhận dạng chữ bản quét “%(name)s”") % {"name": upload.name}, ocr.run_ocr_task,
                      str(staged.path), upload.name, by=request.user, issuer=issuer.pk)  # fmt: skip
    return redirect("plans:plan-import-ocr", pk=task.pk)


@login_required
@require_http_methods(["GET", "POST"])
def plan_import_ocr(request, pk: int):
    """The OCR of a scan: its progress, then (POST) the preview of the text it read, as an import of that text."""
    task = get_object_or_404(Task, pk=pk, created_by=request.user, kind=OCR_KIND)
    result = task.result or {}
    if request.method == "POST":
        if task.status != Task.Status.DONE or not result.get("text"):
            return redirect("plans:plan-import-ocr", pk=task.pk)
        issuer = units_for_drafting(request.user).filter(pk=task.kwargs.get("issuer")).first()
        if issuer is None:
            raise Http404
        name = Path(result.get("filename") or "ban-quet.pdf").stem + ".txt"
        upload = ContentFile(result["text"].encode("utf-8"), name=name)
        parsed = parse_plan(upload.read(), filename=name)
        upload.seek(0)
        parsed.warnings.insert(0, ParseWarning(
            _("Văn bản được nhận dạng từ bản quét (OCR): chữ, số và dấu có thể sai; hãy đối chiếu kỹ với bản giấy."),
            part="file", code="ocr"))  # fmt: skip
        for line in result.get("summary", [])[1:]:
            parsed.warnings.insert(1, ParseWarning(line, part="file", code="ocr_pages"))
        return _preview(request, parsed, upload, issuer)
    return render(request, "plans/plan_import_ocr.html", {"task": task, "max_pages": ocr.MAX_PAGES})


def _own_unit(user, units):
    """The unit the issuer picker starts on: the user's own unit (the first the user holds a role on where they may
    draft), else the only one they may draft for."""
    own = units.filter(roles__user=user).order_by("depth", "path").first()
    if own is None and units[:2].count() == 1:
        own = units.first()
    return own


def _options(units) -> list:
    for unit in units:
        unit.level_short = level_short(unit.level)
    return list(units)


@login_required
@require_GET
def plan_import_issuers(request):
    """The units the user may import a plan for, searched by name or code (htmx, for the issuer picker)."""
    units = units_for_drafting(request.user)
    q = request.GET.get("q", "")[:100]
    return render(request, "orgs/_unit_options.html",
                  {"units": _options(search_units(units, q)), "field": "issuer", "multiple": False, "q": q})  # fmt: skip


def _kind_of(label: str | None) -> str:
    key = fold(label or "")
    return next((value for value, text in DocumentKind.choices if fold(str(text)) == key), DocumentKind.PLAN)


def _recipient_purposes(parsed: ParsedPlan) -> dict:
    """The purpose the parser read for each recipient, as the choice the form offers."""
    from ..actions.imports import _purpose_of

    return {
        f"recipient_{i}_purpose": _purpose_of(r.purpose) for i, r in enumerate(parsed.recipients, start=1)
    }


# --- the preview ----------------------------------------------------------------------------------------------

# Where each part of the document is in the preview, and its name.
PART_ANCHORS = {
    "file": ("import-text", gettext_lazy("Văn bản gốc")),
    "header": ("part-header", gettext_lazy("Phần đầu văn bản")),
    "legal_bases": ("part-legal-bases", gettext_lazy("Căn cứ")),
    "movements": ("part-movements", gettext_lazy("Phong trào thi đua")),
    "phases": ("part-phases", gettext_lazy("Các đợt thi đua")),
    "recipients": ("part-recipients", gettext_lazy("Nơi nhận")),
    "signer": ("part-signer", gettext_lazy("Người ký")),
    "body": ("part-free", gettext_lazy("Mục không xếp được")),
}
# The header's fields, named more precisely by the words of the warning (first match wins).
HEADER_FIELDS = [
    (("so, ky hieu", "chua co so"), gettext_lazy("Số, ký hiệu")),
    (("loai van ban",), gettext_lazy("Loại văn bản")),
    (("dia danh", "ngay ban hanh"), gettext_lazy("Địa danh, ngày ban hành")),
    (("trich yeu",), gettext_lazy("Trích yếu")),
]


def _warning_links(warnings: list[ParseWarning], phases: list[ParsedPhase]) -> list[dict]:
    """Each warning with the anchor of the part it concerns (the phase it concerns, when it concerns one)."""
    links = []
    for warning in warnings:
        anchor, part = PART_ANCHORS.get(warning.part, ("", ""))
        part = str(part)
        if warning.part == "header":
            key = fold(warning.message)
            part = next((str(label) for words, label in HEADER_FIELDS if any(w in key for w in words)), part)
        if warning.part == "phases" and warning.phase and warning.phase <= len(phases):
            anchor = f"part-phase-{warning.phase}"
            part = phases[warning.phase - 1].name or part
        links.append({"text": warning.message, "anchor": anchor, "part": part})
    return links


def _commemoration(c: ParsedCommemoration) -> dict:
    """A commemoration as the preview shows it: the ordinal the dates give, and the flags."""
    expected = c.date.year - c.base_date.year if c.date and c.base_date else None
    ordinal = expected or c.ordinal
    return {**vars(c), "expected": expected, "is_round": is_round(ordinal), "is_major": is_major(ordinal)}


def _structure(parsed: ParsedPlan) -> dict:
    """The parser's structure laid out as the official text reads, for the preview."""
    measures = []
    for group in parsed.measures:
        known = group.target in MeasureTarget.values
        label = MeasureTarget(str(group.target)).label if known else group.heading or ""
        measures.append({"label": label, "heading": group.heading or "", "known": known,
                         "paragraphs": [t for t in group.paragraphs if t]})  # fmt: skip
    phases = [
        {**vars(p), "commemorations": [_commemoration(c) for c in p.commemorations]} for p in parsed.phases
    ]
    return {
        "legal_bases": parsed.legal_bases,
        "introduction": parsed.introduction,
        "purposes": parsed.purposes,
        "requirements": parsed.requirements,
        "movements": parsed.movements,
        "measures": measures,
        "phases": phases,
        "commemorations": [_commemoration(c) for c in parsed.commemorations],
        "phase_review": parsed.phase_review,
        "reporting": parsed.reporting,
        "closing": parsed.closing,
        "recipients": parsed.recipients,
    }


# What the source panel says a line went to (the keys of ``sources.source_map``).
SOURCE_PARTS = {
    "header": gettext_lazy("Phần đầu văn bản"),
    "legal_bases": gettext_lazy("Căn cứ"),
    "introduction": gettext_lazy("Đoạn mở đầu"),
    "purposes": gettext_lazy("Mục đích"),
    "requirements": gettext_lazy("Yêu cầu"),
    "movements": gettext_lazy("Phong trào thi đua"),
    "measures": gettext_lazy("Biện pháp"),
    "phases": gettext_lazy("Đợt thi đua"),
    "commemorations": gettext_lazy("Ngày kỷ niệm ngoài các đợt"),
    "phase_review": gettext_lazy("Sơ kết sau các đợt"),
    "reporting": gettext_lazy("Yêu cầu báo cáo"),
    "closing": gettext_lazy("Đoạn kết"),
    "free": gettext_lazy("Mục không xếp được"),
    "recipients": gettext_lazy("Nơi nhận"),
    "signer": gettext_lazy("Người ký"),
}


def _part_label(key: str, parsed: ParsedPlan) -> str:
    kind, _, number = key.partition(".")
    label = str(SOURCE_PARTS.get(kind, kind))
    if kind == "phases" and number and int(number) <= len(parsed.phases):
        return f"{label}: {parsed.phases[int(number) - 1].name}"
    if kind == "measures" and number and int(number) <= len(parsed.measures):
        group = parsed.measures[int(number) - 1]
        known = group.target in MeasureTarget.values
        return f"{label}: {MeasureTarget(str(group.target)).label if known else group.heading or number}"
    return f"{label} {number}" if number else label


def _source_ref(sources: SourceMap, key: str) -> dict | None:
    """A part's lines in the source, as its badge in the preview shows them (None when it has none)."""
    numbers = sources.parts.get(key)
    if not numbers:
        return None
    return {"key": key, "first": numbers[0], "ranges": sources.ranges(key), "count": len(numbers)}


def _source_panel(parsed: ParsedPlan, sources: SourceMap) -> dict:
    """The source's lines, numbered as in the file, each with the part it went to (shown on hover), the lines no
    part took, and each part's lines (``refs``, by key with "." as "_" for the template)."""
    labels = {key: _part_label(key, parsed) for key in sources.parts}
    lines = [{"number": line.number, "text": line.text, "state": line.state, "part": line.part or "",
              "also": " ".join(line.also),
              "label": ", ".join(labels[k] for k in [line.part, *line.also] if k) if line.part else ""}
             for line in sources.lines]  # fmt: skip
    refs = {key.replace(".", "_"): _source_ref(sources, key) for key in sources.parts}
    return {"lines": lines, "lost": sources.lost, "refs": refs}


def _source_line(sources: SourceMap, key: str) -> int | None:
    numbers = sources.parts.get(key)
    return numbers[0] if numbers else None


def _preview_context(parsed: ParsedPlan, text: str, issuer: Unit, form) -> dict:
    sources = source_map(parsed)
    structure = _structure(parsed)
    for i, group in enumerate(structure["measures"], start=1):
        group["source"] = _source_ref(sources, f"measures.{i}")
    for i, phase in enumerate(structure["phases"], start=1):
        phase["source"] = _source_ref(sources, f"phases.{i}")
    moves: dict[str, list] = {}
    for (
        part,
        index,
        text,
    ) in form.movable:  # each paragraph the officer may move, with its "Chuyển vào" select
        moves.setdefault(part, []).append((text, form.move_field(part, index)))
    for i, group in enumerate(structure["measures"], start=1):
        group["moves"] = moves.get(f"measures.{i}", [])
    for i, phase in enumerate(structure["phases"], start=1):
        phase["move"] = moves[f"phases.{i}"][0][1] if moves.get(f"phases.{i}") else None
    phases = [(p, form.phase_fields(i)) for i, p in enumerate(structure["phases"], start=1)]
    recipients = [(r, form.recipient_field(i)) for i, r in enumerate(structure["recipients"], start=1)]
    free = [({"heading": f.heading, "paragraphs": f.paragraphs, "line": _source_line(sources, f"free.{i}"),
              "source": _source_ref(sources, f"free.{i}")},
             form.free_field(i)) for i, f in enumerate(parsed.free_sections, start=1)]  # fmt: skip
    field_errors = [(form[name].label, error) for name, errors in form.errors.items() if name in form.fields
                    for error in errors]  # fmt: skip
    return {"parsed": parsed, "structure": structure, "phases": phases, "recipients": recipients, "free": free,
            "moves": moves, "warnings": _warning_links(parsed.warnings, parsed.phases), "field_errors": field_errors, "text": text,
            "source": _source_panel(parsed, sources), "issuer": issuer, "form": form}  # fmt: skip


@login_required
@require_POST
def plan_import_create(request):
    units = units_for_drafting(request.user)
    try:
        staged = uploads.peek_upload(request, request.POST.get("token", ""), UPLOAD_KIND)
    except uploads.UploadExpired as exc:
        messages.error(request, exc.message)
        return redirect("plans:plan-import")
    parsed = parse_plan(staged.read_bytes(), filename=staged.filename)
    text = parsed.text
    form = forms.ImportConfirmForm(request.POST, units=units, parsed=parsed)
    if not form.is_valid() and "issuer" in form.errors:
        raise Http404
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
            uploads.drop_upload(request, staged.token, UPLOAD_KIND)
            messages.success(request, _("Đã tạo dự thảo %(number)s từ văn bản. Kiểm tra và sửa lại trước khi ban hành.")
                             % {"number": plan.number_display})  # fmt: skip
            return redirect("plans:plan-update", pk=plan.pk)
    return render(request, "plans/plan_import_preview.html", _preview_context(parsed, text, issuer, form))
