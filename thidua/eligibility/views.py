"""Pages of eligibility (/xet-dieu-kien/): the verdict of a nominee for a title or form and a year (reasons with
their citations, the override form for officers), a unit's year (every nominee with its verdict, paged, filtered,
.xlsx export) and the overrides listed for the council. Reads through ``get_for_user`` / ``visible_to`` (404
outside); the only writes are the actions of ``eligibility.actions``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user
from thidua.core.spreadsheets.pages import ImportPages
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.orgs.models import Unit
from thidua.registrations.models import Award

from . import actions, permissions
from .engine import judge
from .forms import ExclusionForm, OverrideForm, RatingForm
from .models import Exclusion, Outcome, Override, TaskRating
from .queries import awards_for, nominee_for_user, overrides_for_list, proposing_unit_for, unit_verdicts

PAGE_SIZE = 50
DEFAULT_AWARD = {"person": "lao-dong-tien-tien", "unit": "tt-ld-tien-tien"}


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 1945 <= int(raw) <= 2200 else timezone.localdate().year


def _int(raw: str | None) -> int | None:
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return int(raw)


@login_required
@require_GET
def index(request):
    """The user's own (first) unit's year."""
    from thidua.orgs.queries import root_units_for

    roots = root_units_for(request.user)
    if not roots:
        raise Http404
    return redirect(reverse("eligibility:unit-year", args=[roots[0].pk]))


@login_required
@require_http_methods(["GET", "POST"])
def verdict(request, kind: str, pk: int):
    nominee = nominee_for_user(request.user, kind, pk)
    year = _year(request)
    code = request.GET.get("award") or DEFAULT_AWARD[kind]
    award = Award.objects.filter(code=code).first()
    if award is None:
        raise Http404
    try:
        unit = proposing_unit_for(request.user, nominee, _int(request.GET.get("unit")))
    except ValidationError as error:
        raise Http404 from error
    can_override = permissions.can_override(request.user, unit)
    form = OverrideForm(request.POST or None)
    if request.method == "POST":
        if not can_override:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.override_verdict(nominee, award, year, by=request.user, unit=unit,
                                         outcome=form.cleaned_data["outcome"], reason=form.cleaned_data["reason"])  # fmt: skip
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Đã ghi kết luận thay kết quả xét và lý do."))
                return redirect(f"{request.path}?{urlencode({'award': code, 'year': year, 'unit': unit.pk})}")
    result = judge(nominee, code, year, unit)
    subject = {"subject_unit": nominee} if kind == "unit" else {"person": nominee}
    own = nominee if kind == "unit" else nominee.unit
    return render(request, "eligibility/verdict_detail.html", {
        "exclusions": Exclusion.objects.current().filter(**subject).order_by("-starts_on", "-id")[:50],
        "ratings": TaskRating.objects.current().filter(**subject).order_by("-year")[:20],
        "can_record": own is not None and permissions.can_record_facts(request.user, own),
        "exclusion_form": ExclusionForm(), "rating_form": RatingForm(initial={"year": year}),
        "nominee": nominee, "kind": kind, "year": year, "award": award, "unit": unit, "verdict": result,
        "awards": awards_for(year, unit, collective=kind == "unit"), "form": form, "can_override": can_override,
        "years": range(timezone.localdate().year, 2014, -1),
    })  # fmt: skip


@login_required
@require_POST
def record_fact(request, kind: str, pk: int, fact: str):
    """Record an exclusion (``fact`` "exclusion") or the year's task rating ("rating") of a nominee."""
    nominee = nominee_for_user(request.user, kind, pk)
    own = nominee if kind == "unit" else nominee.unit
    if own is None or not permissions.can_record_facts(request.user, own):
        raise PermissionDenied
    form = (ExclusionForm if fact == "exclusion" else RatingForm)(request.POST)
    if form.is_valid():
        try:
            if fact == "exclusion":
                actions.record_exclusion(nominee, by=request.user, **form.cleaned_data)
            else:
                actions.record_rating(nominee, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã ghi nhận."))
    else:
        messages.error(request, " ".join(f"{form.fields[f].label}: {' '.join(e)}" if f in form.fields else " ".join(e)
                                         for f, e in form.errors.items()))  # fmt: skip
    back = "eligibility:unit-verdict" if kind == "unit" else "eligibility:person-verdict"
    return redirect(f"{reverse(back, args=[pk])}?{request.GET.urlencode()}")


OUTCOME_CHOICES = Outcome.choices


@login_required
@require_GET
def unit_year(request, pk: int):
    unit = get_for_user(Unit, request.user, pk=pk)
    year = _year(request)
    code = request.GET.get("award") or "lao-dong-tien-tien"
    award = Award.objects.filter(code=code).first()
    if award is None:
        raise Http404
    outcome = request.GET.get("verdict", "")
    if outcome not in Outcome.values:
        outcome = ""
    verdicts = unit_verdicts(unit, year, code, outcome)
    if request.GET.get("format") == "xlsx":
        return _export(unit, year, award, verdicts)
    page = page_of(request, verdicts, PAGE_SIZE)  # type: ignore[arg-type]
    counts = {value: 0 for value in Outcome.values}
    for v in unit_verdicts(unit, year, code) if outcome else verdicts:
        counts[v.outcome] += 1
    return render(request, "eligibility/unit_year.html", {
        "unit": unit, "year": year, "award": award, "outcome": outcome, "page": page, "verdicts": page.object_list,
        "outcomes": OUTCOME_CHOICES, "counts": counts, "awards": awards_for(year, unit),
        "years": range(timezone.localdate().year, 2014, -1),
        "can_record": permissions.can_record_facts(request.user, unit),
        "export_query": urlencode({"award": code, "year": year, "verdict": outcome, "format": "xlsx"}),
    })  # fmt: skip


def _export(unit: Unit, year: int, award: Award, verdicts) -> object:
    workbook = new_workbook()
    columns = [XlsxColumn(_("STT"), 6), XlsxColumn(_("Người, tập thể được xét"), 32),
               XlsxColumn(_("Kết quả"), 22), XlsxColumn(_("Hệ thống xét"), 22),
               XlsxColumn(_("Lý do chưa đạt, cần xem xét"), 80, wrap=True), XlsxColumn(_("Căn cứ"), 50, wrap=True),
               XlsxColumn(_("Mức xác minh"), 14), XlsxColumn(_("Kết luận thay (lý do)"), 40, wrap=True)]  # fmt: skip
    rows = []
    for i, v in enumerate(verdicts, start=1):
        decisive = v.failing + v.open_questions
        rows.append([
            i, v.nominee_name, v.outcome_label, str(Outcome(v.computed).label),
            "\n".join(r.text for r in decisive), "\n".join(dict.fromkeys(r.citation for r in decisive if r.citation)),
            v.mark, v.override.reason if v.override else "",
        ])  # fmt: skip
    add_table_sheet(workbook, _("Xét điều kiện"), columns, rows, heading=[
        _("Xét điều kiện khen thưởng: %(award)s năm %(year)s") % {"award": award.name, "year": year}, unit.name,
    ])  # fmt: skip
    return xlsx_response(workbook_bytes(workbook), f"xet-dieu-kien-{award.code}-{year}.xlsx")


@login_required
@require_GET
def override_list(request):
    unit = (
        get_for_user(Unit, request.user, pk=_int(request.GET.get("unit")))
        if request.GET.get("unit")
        else None
    )
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdigit() else None
    withdrawn = request.GET.get("withdrawn") == "1"
    overrides = overrides_for_list(request.user, unit=unit, year=year, withdrawn=withdrawn)
    page = page_of(request, overrides, PAGE_SIZE)
    return render(request, "eligibility/override_list.html", {
        "overrides": page.object_list, "page": page, "unit": unit, "year": year, "withdrawn": withdrawn,
    })  # fmt: skip


@login_required
@require_POST
def override_withdraw(request, pk: int):
    override = get_for_user(Override.objects.select_related("unit"), request.user, pk=pk)
    if not permissions.can_withdraw_override(request.user, override):
        raise PermissionDenied
    try:
        actions.withdraw_override(override, by=request.user, note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã rút lại kết luận thay kết quả xét."))
    return redirect(reverse("eligibility:override-list"))


# --- import of exclusions from Excel ------------------------------------------------------------------------------


def _may_use_import(user) -> bool:
    from thidua.core.scoping import scope_roots

    return scope_roots(user, permissions.SUBMIT) != []


def _exclusion_run(path, *, by, dry_run=False):
    from .imports import import_exclusions

    return import_exclusions(path, by=by, dry_run=dry_run)


def _exclusion_template(user) -> bytes:
    from .imports import template

    return template()


EXCLUSION_IMPORT = ImportPages(
    kind="eligibility.import_exclusions",  # imports.KIND (imports loads lazily)
    heading=gettext_lazy("Nhập kỷ luật, điều tra, nghỉ việc, thai sản từ Excel"),
    list_label=gettext_lazy("Xét điều kiện khen thưởng"), list_url="eligibility:override-list",
    start_url="eligibility:exclusion-import", confirm_url="eligibility:exclusion-import-confirm",
    template_url="eligibility:exclusion-import-template", template_filename="ky-luat-nghi-viec-thai-san.xlsx",
    first_step=gettext_lazy("Tải tệp mẫu: mỗi dòng một sự việc của một người (họ và tên, số CCCD nếu có, mã công "
                            "đoàn cơ sở); sheet “Hướng dẫn” giải thích từng cột."),
    run=_exclusion_run, template=_exclusion_template, allowed=_may_use_import,
)  # fmt: skip


# --- import of a year's task ratings from Excel (one unit's people) -----------------------------------------------


def _rating_import_unit(request, pk: int, year: int) -> Unit:
    unit = get_for_user(Unit, request.user, pk=pk)
    if not 1945 <= year <= 2200:
        raise Http404
    if not permissions.can_record_facts(request.user, unit):
        raise PermissionDenied
    return unit


def _rating_page(request, unit: Unit, year: int, **context):
    from .forms import UploadForm

    status = context.pop("status", 200)
    args = [unit.pk, year]
    return render(request, "core/spreadsheet_import.html", {
        "heading": _("Nhập xếp loại mức độ hoàn thành nhiệm vụ năm %(year)s: %(unit)s")
        % {"year": year, "unit": unit.display_name},
        "list_label": _("Xét điều kiện khen thưởng"),
        "list_url": f"{reverse('eligibility:unit-year', args=[unit.pk])}?{urlencode({'year': year})}",
        "start_url": reverse("eligibility:rating-import", args=args),
        "confirm_url": reverse("eligibility:rating-import-confirm", args=args),
        "template_url": reverse("eligibility:rating-import-template", args=args),
        "steps": [_("Tải tệp mẫu: mỗi dòng một người của đơn vị (họ và tên, số CCCD nếu có, mã công đoàn cơ sở nếu "
                    "không thuộc chính đơn vị này) và xếp loại năm %(year)s; người đã có xếp loại năm này được cập "
                    "nhật.") % {"year": year}],
        "form": context.pop("form", UploadForm()), **context,
    }, status=status)  # fmt: skip


def _rating_checked(request, unit: Unit, year: int, result, filename: str, token: str):
    return _rating_page(request, unit, year, result=result, filename=filename, token=token if result.ok else "",
                        errors=result.errors[:500], errors_hidden=max(len(result.errors) - 500, 0))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def rating_import(request, pk: int, year: int):
    from thidua.core import uploads

    from .forms import UploadForm
    from .imports import RATING_KIND, import_ratings

    unit = _rating_import_unit(request, pk, year)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if uploads.upload_refused(request):
            form.is_valid()
            form.errors["file"] = form.error_class([uploads.too_large_message()])
        elif form.is_valid():
            file = form.cleaned_data["file"]
            token, path = uploads.stage_upload(request, file, kind=RATING_KIND, filename=file.name)
            result = import_ratings(str(path), unit=unit, year=year, by=request.user, dry_run=True)
            if not result.ok:
                uploads.drop_upload(request, token, RATING_KIND)
            return _rating_checked(request, unit, year, result, file.name, token)
        return _rating_page(request, unit, year, form=form, status=400)
    return _rating_page(request, unit, year, form=form)


@login_required
@require_POST
def rating_import_confirm(request, pk: int, year: int):
    from thidua.core import uploads

    from .imports import RATING_KIND, import_ratings

    unit = _rating_import_unit(request, pk, year)
    start = reverse("eligibility:rating-import", args=[unit.pk, year])
    try:
        staged = uploads.take_upload(request, request.POST.get("token", ""), RATING_KIND)
    except uploads.UploadExpired as exc:
        messages.error(request, exc.message)
        return redirect(start)
    try:
        result = import_ratings(str(staged.path), unit=unit, year=year, by=request.user)
    finally:
        staged.path.unlink(missing_ok=True)
    if not result.written:
        return _rating_checked(request, unit, year, result, staged.filename, "")
    messages.success(request, _("Đã nhập tệp “%(file)s”: %(new)s xếp loại mới, %(updated)s được cập nhật, "
                                "%(same)s không đổi.") % {"file": staged.filename, "new": result.created,
                                                          "updated": result.updated, "same": result.unchanged})  # fmt: skip
    return redirect(f"{reverse('eligibility:unit-year', args=[unit.pk])}?{urlencode({'year': year})}")


@login_required
@require_GET
def rating_import_template(request, pk: int, year: int):
    from .imports import rating_template

    unit = _rating_import_unit(request, pk, year)
    return xlsx_response(rating_template(unit, year), f"xep-loai-{year}.xlsx")
