"""Pages of research topics and congress works (/de-tai-cong-trinh/): the lists with their filters and .xlsx
exports, one record with its steps and files, the forms, and the congresses with the list each one is presented
(.xlsx, DOCX, PDF). Every read goes through ``visible_to`` / ``get_for_user`` (404 outside); every write through
one action of ``registrations.actions.works``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user
from thidua.core.text import fold
from thidua.core.workflow import transition_view
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.documents.render import render_docx, render_pdf
from thidua.orgs.models import Unit

from .. import actions, forms_works
from ..documents import congress_works_document
from ..models import (
    CongressWork,
    ResearchLevel,
    ResearchStatus,
    ResearchTopic,
    WorkKind,
    WorkStatus,
)
from ..permissions import works as perms
from ..queries_works import (
    TopicFilters,
    WorkFilters,
    congresses_visible_to,
    topics_for_list,
    work_totals,
    works_for_list,
)

PAGE_SIZE = 50


def _unit_filter(request) -> Unit | None:
    raw = request.GET.get("unit", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_for_user(Unit, request.user, pk=int(raw))


def _query(request, **drop: Any) -> str:
    """The request's query string without ``page`` (and the keys named)."""
    params = {k: v for k, v in request.GET.items() if k != "page" and k not in drop}
    return urlencode(params)


def _topic_for(user, pk: int) -> ResearchTopic:
    return get_for_user(ResearchTopic.objects.select_related("unit", "lead", "created_by"), user, pk=pk)


def _work_for(user, pk: int) -> CongressWork:
    return get_for_user(CongressWork.objects.select_related("unit", "created_by"), user, pk=pk)


# --- research topics ----------------------------------------------------------------------------------------


@login_required
@require_GET
def topic_list(request):
    unit = _unit_filter(request)
    filters = TopicFilters.from_values(request.GET, unit)
    page = page_of(request, topics_for_list(request.user, filters), PAGE_SIZE)
    return render(request, "registrations/topic_list.html", {
        "topics": page.object_list, "page": page, "filters": filters, "unit": unit, "query": _query(request),
        "levels": ResearchLevel.choices, "statuses": ResearchStatus.choices,
        "can_create": forms_works.units_for_registering(request.user).exists(),
    })  # fmt: skip


def topic_columns() -> list[XlsxColumn]:
    return [
        XlsxColumn("STT", 6), XlsxColumn(_("Tên đề tài"), 50, wrap=True), XlsxColumn(_("Lĩnh vực"), 18),
        XlsxColumn(_("Cấp đề tài"), 18), XlsxColumn(_("Đơn vị"), 36, wrap=True), XlsxColumn(_("Chủ nhiệm"), 24),
        XlsxColumn(_("Thành viên"), 36, wrap=True), XlsxColumn(_("Năm"), 8), XlsxColumn(_("Bắt đầu"), 12),
        XlsxColumn(_("Kết thúc"), 12), XlsxColumn(_("Kinh phí (đồng)"), 16), XlsxColumn(_("Trạng thái"), 20),
        XlsxColumn(_("Ngày nghiệm thu"), 14), XlsxColumn(_("Xếp loại"), 12), XlsxColumn(_("Số quyết định"), 18),
        XlsxColumn(_("Ngày quyết định"), 14), XlsxColumn(_("Cơ quan nghiệm thu"), 30, wrap=True),
    ]  # fmt: skip


@login_required
@require_GET
def topic_export(request):
    """The topics as the list shows them (same filters), as .xlsx."""
    unit = _unit_filter(request)
    topics = topics_for_list(request.user, TopicFilters.from_values(request.GET, unit))

    def rows():
        for number, t in enumerate(topics, start=1):
            team = "; ".join(f"{m.full_name} ({m.role})" if m.role else m.full_name for m in t.members.all())
            yield [number, t.title, t.field, t.get_level_display(), t.unit.name, t.lead_name, team, t.year,
                   t.start_on, t.end_on, t.budget_vnd, t.get_status_display(), t.accepted_on,
                   t.get_rating_display() if t.rating else "", t.decision_number, t.decision_date,
                   t.accepting_body]  # fmt: skip

    book = new_workbook()
    add_table_sheet(book, _("Đề tài NCKH"), topic_columns(), rows(),
                    heading=[_("Danh sách đề tài nghiên cứu khoa học"), unit.name if unit else ""])  # fmt: skip
    return xlsx_response(workbook_bytes(book), "de-tai-nghien-cuu-khoa-hoc.xlsx")


def _topic_steps(user, topic: ResearchTopic) -> list[dict[str, str]]:
    workflow = perms.RESEARCH_WORKFLOW
    return [{"name": t.name, "label": str(t.label)} for t in workflow.available(user, topic)]


@login_required
@require_GET
def topic_detail(request, pk: int):
    topic = _topic_for(request.user, pk)
    user = request.user
    return render(request, "registrations/topic_detail.html", {
        "topic": topic, "members": list(topic.members.select_related("person")),
        "events": list(topic.events.select_related("by")), "steps": _topic_steps(user, topic),
        "can_edit": perms.can_edit_topic(user, topic), "can_archive": perms.can_archive_topic(user, topic),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def topic_create(request):
    initial = {}
    raw = request.GET.get("unit", "")
    if raw.isdigit():
        initial["unit"] = raw
    form = forms_works.ResearchTopicForm(request.POST or None, user=request.user, initial=initial)
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            topic = actions.register_research_topic(form.cleaned_data["unit"], by=request.user,
                                                    **form.action_values())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error, {"lead_id": "lead_name", "members": "team"})
        else:
            messages.success(request, _("Đã đăng ký đề tài “%(title)s”.") % {"title": topic.title})
            return redirect("works:topic-detail", pk=topic.pk)
    return render(request, "registrations/works_form.html", {
        "form": form, "heading": _("Đăng ký đề tài nghiên cứu khoa học"), "back_url": reverse("works:topic-list"),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def topic_update(request, pk: int):
    topic = _topic_for(request.user, pk)
    if not perms.can_edit_topic(request.user, topic):
        raise PermissionDenied
    initial = {f: getattr(topic, f) for f in ("title", "field", "level", "lead_name", "start_on", "end_on",
                                               "budget_vnd", "funding_source", "summary")}  # fmt: skip
    initial["team"] = forms_works.team_lines(topic.members.all())
    form = forms_works.ResearchTopicForm(
        request.POST or None, user=request.user, unit=topic.unit, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_research_topic(topic, by=request.user, **form.action_values())
        except ValidationError as error:
            form.apply_errors(error, {"lead_id": "lead_name", "members": "team"})
        else:
            messages.success(request, _("Đã lưu thay đổi của đề tài."))
            return redirect("works:topic-detail", pk=topic.pk)
    return render(request, "registrations/works_form.html", {
        "form": form, "heading": _("Sửa đề tài: %(title)s") % {"title": topic.title}, "unit": topic.unit,
        "back_url": reverse("works:topic-detail", args=[topic.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


TOPIC_STEPS: dict[str, tuple[Any, type | None, Any]] = {
    # step: (action, form, success message)
    "start": (
        actions.start_research_topic,
        forms_works.NoteForm,
        gettext_lazy("Đề tài đã chuyển sang đang thực hiện."),
    ),
    "accept": (
        actions.accept_research_topic,
        forms_works.AcceptTopicForm,
        gettext_lazy("Đã ghi kết quả nghiệm thu."),
    ),
    "fail": (
        actions.fail_research_topic,
        forms_works.FailTopicForm,
        gettext_lazy("Đã ghi nhận đề tài không đạt."),
    ),
    "stop": (actions.stop_research_topic, None, gettext_lazy("Đã ghi nhận dừng thực hiện đề tài.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def topic_step(request, pk: int, step: str):
    if step not in TOPIC_STEPS:
        raise Http404
    topic = _topic_for(request.user, pk)
    perform, form_class, message = TOPIC_STEPS[step]
    return transition_view(request, topic, step, perform=perform, form_class=form_class,
                           back_url=reverse("works:topic-detail", args=[topic.pk]),
                           success_message=str(message))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def topic_archive(request, pk: int):
    topic = _topic_for(request.user, pk)
    if not perms.can_archive_topic(request.user, topic):
        raise PermissionDenied
    form = forms_works.ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.archive_research_topic(topic, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu trữ đề tài."))
            return redirect("works:topic-list")
    return render(request, "registrations/works_archive.html", {
        "form": form, "object": topic, "back_url": reverse("works:topic-detail", args=[topic.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


# --- congress works ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def work_list(request):
    unit = _unit_filter(request)
    filters = WorkFilters.from_values(request.GET, unit)
    works = works_for_list(request.user, filters)
    page = page_of(request, works, PAGE_SIZE)
    return render(request, "registrations/work_list.html", {
        "works": page.object_list, "page": page, "filters": filters, "unit": unit, "query": _query(request),
        "kinds": WorkKind.choices, "statuses": WorkStatus.choices, "totals": work_totals(works),
        "congresses": congresses_visible_to(request.user),
        "can_create": forms_works.units_for_registering(request.user).exists(),
    })  # fmt: skip


def work_columns() -> list[XlsxColumn]:
    return [
        XlsxColumn("STT", 6), XlsxColumn(_("Tên công trình, sản phẩm"), 50, wrap=True), XlsxColumn(_("Loại"), 22),
        XlsxColumn(_("Đơn vị"), 36, wrap=True), XlsxColumn(_("Giá trị (đồng)"), 16), XlsxColumn(_("Địa điểm"), 24),
        XlsxColumn(_("Chào mừng Đại hội"), 36, wrap=True), XlsxColumn(_("Nhiệm kỳ"), 12),
        XlsxColumn(_("Dự kiến hoàn thành"), 14), XlsxColumn(_("Hoàn thành"), 14), XlsxColumn(_("Trạng thái"), 18),
    ]  # fmt: skip


def _work_rows(works):
    for number, w in enumerate(works, start=1):
        yield [number, w.name, w.get_kind_display(), w.unit.name, w.value_vnd, w.location, w.congress_name,
               w.congress_term, w.planned_on, w.completed_on, w.get_status_display()]  # fmt: skip


@login_required
@require_GET
def work_export(request):
    unit = _unit_filter(request)
    works = works_for_list(request.user, WorkFilters.from_values(request.GET, unit))
    book = new_workbook()
    add_table_sheet(book, _("Công trình chào mừng Đại hội"), work_columns(), _work_rows(works),
                    heading=[_("Danh sách công trình, sản phẩm chào mừng Đại hội"), unit.name if unit else ""])  # fmt: skip
    return xlsx_response(workbook_bytes(book), "cong-trinh-chao-mung-dai-hoi.xlsx")


def _work_steps(user, work: CongressWork) -> list[dict[str, str]]:
    return [
        {"name": t.name, "label": str(t.label)} for t in perms.CONGRESS_WORK_WORKFLOW.available(user, work)
    ]


@login_required
@require_GET
def work_detail(request, pk: int):
    work = _work_for(request.user, pk)
    user = request.user
    return render(request, "registrations/work_detail.html", {
        "work": work, "events": list(work.events.select_related("by")), "steps": _work_steps(user, work),
        "can_edit": perms.can_edit_work(user, work), "can_archive": perms.can_archive_work(user, work),
        "congress_query": urlencode({"congress": work.congress_name, "term": work.congress_term}),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def work_create(request):
    initial = {k: request.GET[k] for k in ("unit", "congress_name", "congress_term") if request.GET.get(k)}
    form = forms_works.CongressWorkForm(request.POST or None, user=request.user, initial=initial)
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            work = actions.register_congress_work(form.cleaned_data["unit"], by=request.user,
                                                  **form.action_values())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã đăng ký công trình “%(name)s”.") % {"name": work.name})
            return redirect("works:work-detail", pk=work.pk)
    return render(request, "registrations/works_form.html", {
        "form": form, "heading": _("Đăng ký công trình, sản phẩm chào mừng Đại hội"),
        "back_url": reverse("works:work-list"),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def work_update(request, pk: int):
    work = _work_for(request.user, pk)
    if not perms.can_edit_work(request.user, work):
        raise PermissionDenied
    initial = {f: getattr(work, f) for f in ("name", "kind", "value_vnd", "location", "congress_name",
                                              "congress_term", "planned_on", "description",
                                              "congress_record")}  # fmt: skip
    form = forms_works.CongressWorkForm(
        request.POST or None, user=request.user, unit=work.unit, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_congress_work(work, by=request.user, **form.action_values())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu thay đổi của công trình."))
            return redirect("works:work-detail", pk=work.pk)
    return render(request, "registrations/works_form.html", {
        "form": form, "heading": _("Sửa công trình: %(name)s") % {"name": work.name}, "unit": work.unit,
        "back_url": reverse("works:work-detail", args=[work.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


WORK_STEPS: dict[str, tuple[Any, type | None, Any]] = {
    "start": (
        actions.start_congress_work,
        forms_works.NoteForm,
        gettext_lazy("Công trình đã chuyển sang đang thực hiện."),
    ),
    "complete": (
        actions.complete_congress_work,
        forms_works.CompleteWorkForm,
        gettext_lazy("Đã ghi nhận hoàn thành."),
    ),
    "cancel": (actions.cancel_congress_work, None, gettext_lazy("Đã ghi nhận không thực hiện.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def work_step(request, pk: int, step: str):
    if step not in WORK_STEPS:
        raise Http404
    work = _work_for(request.user, pk)
    perform, form_class, message = WORK_STEPS[step]
    return transition_view(request, work, step, perform=perform, form_class=form_class,
                           back_url=reverse("works:work-detail", args=[work.pk]),
                           success_message=str(message))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def work_archive(request, pk: int):
    work = _work_for(request.user, pk)
    if not perms.can_archive_work(request.user, work):
        raise PermissionDenied
    form = forms_works.ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.archive_congress_work(work, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu trữ công trình."))
            return redirect("works:work-list")
    return render(request, "registrations/works_archive.html", {
        "form": form, "object": work, "back_url": reverse("works:work-detail", args=[work.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


# --- the congresses and the list presented at each --------------------------------------------------------------


@login_required
@require_GET
def congress_list(request):
    return render(request, "registrations/congress_list.html", {
        "congresses": congresses_visible_to(request.user),
    })  # fmt: skip


def _issuer(request, unit: Unit | None) -> Unit:
    """The unit the list is issued by: the one filtered on, else the user's highest unit that holds works."""
    if unit is not None:
        return unit
    from thidua.core.scoping import scope_roots

    paths = scope_roots(request.user) or []
    own = Unit.objects.filter(path__in=paths).order_by("depth", "path").first() if paths else None
    if own is None:  # a system administrator without a role: the root of the tree
        own = Unit.objects.order_by("depth", "path").first()
    if own is None:
        raise Http404
    return own


@login_required
@require_GET
def congress_document(request, fmt: str):
    """The works dedicated to one congress (``?congress=&term=``, optionally ``&unit=``) as .xlsx, DOCX or PDF."""
    if fmt not in ("xlsx", "docx", "pdf"):
        raise Http404
    congress = request.GET.get("congress", "").strip()
    if not congress:
        messages.info(request, _("Hãy chọn Đại hội để xuất danh sách công trình, sản phẩm."))
        return redirect("works:congress-list")
    unit = _unit_filter(request)
    filters = WorkFilters(congress=congress, term=request.GET.get("term", "").strip(), unit=unit)
    works = list(works_for_list(request.user, filters).order_by("unit__path", "planned_on", "name", "id"))
    title = f"{congress}, nhiệm kỳ {filters.term}" if filters.term else congress
    stem = slugify(fold(f"cong-trinh-chao-mung-{congress}-{filters.term}"))[:120] or "cong-trinh"
    if fmt == "xlsx":
        book = new_workbook()
        add_table_sheet(book, _("Công trình chào mừng Đại hội"), work_columns(), _work_rows(works),
                        heading=[_("Công trình, sản phẩm chào mừng %(congress)s") % {"congress": title},
                                 unit.name if unit else ""])  # fmt: skip
        return xlsx_response(workbook_bytes(book), f"{stem}.xlsx")
    issuer = _issuer(request, unit)
    document = congress_works_document(
        works, issuer=issuer, congress_name=congress, congress_term=filters.term
    )
    if fmt == "docx":
        body = render_docx(document)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        body = render_pdf(document)
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}.{fmt}")
    return response
