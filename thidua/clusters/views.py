"""Pages of the emulation clusters (/cum-khoi-thi-dua/): the list, a cluster with its members (by year, history
kept), leaders and rotation, the covenant with its criteria and signing, the score grid, the ranking, the meeting
and its votes, the proposal it sends, and the .xlsx exports. Reads through ``visible_to`` / ``get_for_user`` (404
outside); every write through one action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.scoping import get_for_user
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response

from . import actions, forms, permissions, queries
from .documents import ranking_workbook
from .models import Cluster, ClusterMember, Covenant, CovenantStatus, Criterion, Meeting, Method


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _year(request, default: int | None = None) -> int:
    raw = request.GET.get("nam") or request.POST.get("nam") or ""
    if raw.isdigit() and 1945 <= int(raw) <= 2200:
        return int(raw)
    return default or timezone.localdate().year


def cluster_for(user, pk: int) -> Cluster:
    return get_for_user(Cluster.objects.select_related("issuer"), user, pk=pk)


def covenant_for(user, pk: int) -> Covenant:
    cluster_ids = Cluster.objects.visible_to(user).values("pk")
    covenant = (
        Covenant.objects.filter(pk=pk, cluster__in=cluster_ids)
        .select_related("cluster", "cluster__issuer")
        .first()
    )
    if covenant is None:
        raise Http404
    return covenant


def meeting_for(user, pk: int) -> Meeting:
    cluster_ids = Cluster.objects.visible_to(user).values("pk")
    meeting = Meeting.objects.filter(pk=pk, cluster__in=cluster_ids).select_related(
        "cluster", "cluster__issuer"
    )
    found = meeting.first()
    if found is None:
        raise Http404
    return found


# --- the list ------------------------------------------------------------------------------------------------------


@login_required
@require_GET
def cluster_list(request):
    year = _year(request)
    clusters = list(queries.clusters_for_list(request.user, year))
    return render(request, "clusters/cluster_list.html", {
        "clusters": clusters, "year": year, "can_create": forms.issuing_units(request.user).exists(),
    })  # fmt: skip


@login_required
@require_GET
def cluster_export(request):
    year = _year(request)
    columns = [XlsxColumn("STT", 6), XlsxColumn(_("Cụm, khối thi đua"), 36, wrap=True), XlsxColumn(_("Loại"), 24),
               XlsxColumn(_("Đơn vị ra quyết định"), 32, wrap=True), XlsxColumn(_("Số quyết định"), 16),
               XlsxColumn(_("Ngày quyết định"), 12), XlsxColumn(_("Số thành viên"), 10),
               XlsxColumn(_("Cụm trưởng"), 32, wrap=True), XlsxColumn(_("Cụm phó"), 32, wrap=True)]  # fmt: skip

    def rows():
        for n, c in enumerate(queries.clusters_for_list(request.user, year), start=1):
            this = c.this_year[0] if c.this_year else None
            yield [n, c.name, c.get_kind_display(), c.issuer.name, c.decision_number, c.decision_date,
                   c.member_count, this.leader.name if this else "",
                   this.deputy.name if this and this.deputy else ""]  # fmt: skip

    book = new_workbook()
    add_table_sheet(book, _("Cụm, khối thi đua"), columns, rows(),
                    heading=[_("Cụm, khối thi đua năm %(year)s") % {"year": year}])  # fmt: skip
    return xlsx_response(workbook_bytes(book), f"cum-khoi-thi-dua-{year}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def cluster_create(request):
    form = forms.ClusterForm(request.POST or None, user=request.user)
    if not form.fields["issuer"].queryset.exists():
        raise Http404
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cluster = actions.create_cluster(data["issuer"], by=request.user, kind=data["kind"], name=data["name"],
                                             decision_number=data["decision_number"],
                                             decision_date=data["decision_date"], note=data["note"])  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lập cụm, khối thi đua; hãy thêm các đơn vị thành viên."))
            return redirect("clusters:cluster-detail", cluster.pk)
    return render(request, "clusters/cluster_form.html", {"form": form, "cluster": None})


@login_required
@require_http_methods(["GET", "POST"])
def cluster_update(request, pk: int):
    cluster = cluster_for(request.user, pk)
    if not permissions.can_manage_cluster(request.user, cluster):
        raise PermissionDenied
    initial = {f: getattr(cluster, f) for f in ("kind", "name", "decision_number", "decision_date", "note")}
    form = forms.ClusterForm(request.POST or None, initial=initial, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_cluster(cluster, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("clusters:cluster-detail", cluster.pk)
    return render(request, "clusters/cluster_form.html", {"form": form, "cluster": cluster})


# --- one cluster ---------------------------------------------------------------------------------------------------


@login_required
@require_GET
def cluster_detail(request, pk: int):
    cluster = cluster_for(request.user, pk)
    year = _year(request)
    members = queries.members_in(cluster, year)
    this = cluster.years.filter(year=year).select_related("leader", "deputy").first()
    covenants = list(cluster.covenants.filter(year=year).order_by("-version"))
    manage = permissions.can_manage_cluster(request.user, cluster)
    suggestion = queries.suggest_rotation(cluster, year)
    in_force = next((c for c in covenants if c.status == CovenantStatus.SIGNED), None)
    return render(request, "clusters/cluster_detail.html", {
        "cluster": cluster, "year": year, "members": members, "this": this, "covenants": covenants,
        "in_force": in_force,
        "can_score": in_force is not None
        and any(permissions.acts_for(request.user, u, cluster) for u in members),
        "history": queries.membership_history(cluster), "years": queries.years_of(cluster),
        "can_manage": manage, "can_edit_covenant": permissions.can_edit_covenant(request.user, cluster, year),
        "can_lead": permissions.can_lead(request.user, cluster, year),
        "member_form": forms.MemberForm(cluster=cluster) if manage else None,
        "leaders_form": forms.LeadersForm(members=members, initial={
            "year": year, "leader": this.leader_id if this else None, "deputy": this.deputy_id if this else None,
        }) if manage else None,
        "next_year": year + 1, "suggested_leader": suggestion[0], "suggested_deputy": suggestion[1],
        "meeting": cluster.meetings.filter(year=year).first(),
    })  # fmt: skip


@login_required
@require_POST
def member_add(request, pk: int):
    cluster = cluster_for(request.user, pk)
    if not permissions.can_manage_cluster(request.user, cluster):
        raise PermissionDenied
    form = forms.MemberForm(request.POST, cluster=cluster)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_member(cluster, data["unit"], by=request.user, since_year=data["since_year"],
                               decision_number=data["decision_number"])  # fmt: skip
            messages.success(request, _("Đã thêm đơn vị thành viên."))
        except ValidationError as error:
            messages.error(request, _errors(error))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("clusters:cluster-detail", cluster.pk)


@login_required
@require_POST
def member_end(request, pk: int):
    member = ClusterMember.objects.filter(pk=pk).select_related("cluster", "unit").first()
    if member is None:
        raise Http404
    cluster = cluster_for(request.user, member.cluster_id)
    if not permissions.can_manage_cluster(request.user, cluster):
        raise PermissionDenied
    form = forms.EndMemberForm(request.POST)
    if form.is_valid():
        try:
            actions.end_membership(member, by=request.user, **form.cleaned_data)
            messages.success(request, _("Đã ghi %(unit)s rời cụm.") % {"unit": member.unit.name})
        except ValidationError as error:
            messages.error(request, _errors(error))
    else:
        messages.error(request, _("Năm cuối không hợp lệ."))
    return redirect("clusters:cluster-detail", cluster.pk)


@login_required
@require_POST
def leaders_set(request, pk: int):
    cluster = cluster_for(request.user, pk)
    if not permissions.can_manage_cluster(request.user, cluster):
        raise PermissionDenied
    year = _year(request)
    form = forms.LeadersForm(request.POST, members=queries.members_in(cluster, year))
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.set_leaders(
                cluster, data["year"], by=request.user, leader=data["leader"], deputy=data["deputy"]
            )
            messages.success(request, _("Đã ghi cụm trưởng, cụm phó năm %(year)s.") % {"year": data["year"]})
        except ValidationError as error:
            messages.error(request, _errors(error))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(f"{cluster_url(cluster)}?nam={request.POST.get('year') or year}")


def cluster_url(cluster: Cluster) -> str:
    return reverse("clusters:cluster-detail", args=[cluster.pk])


def meeting_url(cluster: Cluster, year: int) -> str:
    return f"{reverse('clusters:meeting', args=[cluster.pk])}?nam={year}"


# --- the covenant --------------------------------------------------------------------------------------------------


@login_required
@require_POST
def covenant_create(request, pk: int):
    cluster = cluster_for(request.user, pk)
    year = _year(request)
    if not permissions.can_edit_covenant(request.user, cluster, year):
        raise PermissionDenied
    try:
        covenant = actions.create_covenant(cluster, year, by=request.user,
                                           exclude_own_score=request.POST.get("exclude_own_score", "1") == "1")  # fmt: skip
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(f"{cluster_url(cluster)}?nam={year}")
    return redirect("clusters:covenant-detail", covenant.pk)


@login_required
@require_GET
def covenant_detail(request, pk: int):
    covenant = covenant_for(request.user, pk)
    cluster = covenant.cluster
    members = queries.members_in(cluster, covenant.year)
    can_edit = not covenant.is_locked and permissions.can_edit_covenant(request.user, cluster, covenant.year)
    scoring = [u for u in members if permissions.can_enter_scores(request.user, covenant, u)]
    return render(request, "clusters/covenant_detail.html", {
        "covenant": covenant, "cluster": cluster, "members": members,
        "criteria": list(covenant.criteria.select_related("indicator", "report_form").order_by("order", "id")),
        "signers": list(covenant.signers.order_by("name")), "can_edit": can_edit,
        "criterion_form": forms.CriterionForm(cluster=cluster) if can_edit else None,
        "sign_form": forms.SignForm(members=members) if can_edit else None,
        "can_amend": covenant.status == CovenantStatus.SIGNED and permissions.can_edit_covenant(
            request.user, cluster, covenant.year),
        "scoring": scoring,
    })  # fmt: skip


def _criterion_values(form) -> dict:
    data = dict(form.cleaned_data)
    if data.get("method") == Method.PEER:
        data["indicator"] = data["report_form"] = None
    return data


@login_required
@require_POST
def criterion_add(request, pk: int):
    covenant = covenant_for(request.user, pk)
    if not permissions.can_edit_covenant(request.user, covenant.cluster, covenant.year):
        raise PermissionDenied
    form = forms.CriterionForm(request.POST, cluster=covenant.cluster)
    if form.is_valid():
        try:
            actions.add_criterion(covenant, by=request.user, **_criterion_values(form))
            messages.success(request, _("Đã thêm tiêu chí."))
        except ValidationError as error:
            messages.error(request, _errors(error))
    else:
        messages.error(request, " ".join(f"{form.fields[k].label}: {e}" if k in form.fields else str(e)
                                         for k, errs in form.errors.items() for e in errs))  # fmt: skip
    return redirect("clusters:covenant-detail", covenant.pk)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_update(request, pk: int):
    criterion = Criterion.objects.filter(pk=pk).first()
    if criterion is None:
        raise Http404
    covenant = covenant_for(request.user, criterion.covenant_id)
    if covenant.is_locked or not permissions.can_edit_covenant(request.user, covenant.cluster, covenant.year):
        raise PermissionDenied
    initial = {"name": criterion.name, "max_points": criterion.max_points, "method": criterion.method,
               "report_form": criterion.report_form_id, "indicator": criterion.indicator_id,
               "thresholds": "; ".join(f"{a}:{b}" for a, b in criterion.thresholds),
               "description": criterion.description}  # fmt: skip
    form = forms.CriterionForm(request.POST or None, initial=initial, cluster=covenant.cluster)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_criterion(criterion, by=request.user, **_criterion_values(form))
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu tiêu chí."))
            return redirect("clusters:covenant-detail", covenant.pk)
    return render(request, "clusters/cluster_form.html", {"form": form, "cluster": covenant.cluster,
                                                          "covenant": covenant})  # fmt: skip


@login_required
@require_POST
def covenant_sign(request, pk: int):
    covenant = covenant_for(request.user, pk)
    if not permissions.can_edit_covenant(request.user, covenant.cluster, covenant.year):
        raise PermissionDenied
    form = forms.SignForm(request.POST, members=queries.members_in(covenant.cluster, covenant.year))
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.sign_covenant(covenant, by=request.user, signed_on=data["signed_on"], place=data["place"],
                                  signers=data["signers"])  # fmt: skip
            messages.success(request, _("Giao ước đã ký kết và được khóa."))
        except ValidationError as error:
            messages.error(request, _errors(error))
    else:
        messages.error(request, " ".join(f"{form.fields[k].label}: {e}" for k, errs in form.errors.items()
                                         for e in errs))  # fmt: skip
    return redirect("clusters:covenant-detail", covenant.pk)


# --- scores and ranking ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def score_grid(request, pk: int):
    """The grid of one member's scores: a row per member, a column per peer criterion."""
    covenant = covenant_for(request.user, pk)
    members = queries.members_in(covenant.cluster, covenant.year)
    mine = [u for u in members if permissions.can_enter_scores(request.user, covenant, u)]
    if not mine:
        raise PermissionDenied
    raw = request.POST.get("don_vi") or request.GET.get("don_vi") or ""
    by_unit = next((u for u in mine if str(u.pk) == raw), mine[0])
    criteria = list(covenant.criteria.filter(method=Method.PEER).order_by("order", "id"))
    errors: list[str] = []
    wrong: set[tuple[int, int]] = set()
    typed: dict[tuple[int, int], str] = {}
    if request.method == "POST":
        for c in criteria:
            for u in members:
                typed[(c.pk, u.pk)] = request.POST.get(f"diem-{c.pk}-{u.pk}", "")
        try:
            changed = actions.enter_scores(covenant, by_unit, by=request.user, values=typed)
        except ValidationError as error:
            errors = error.messages
            wrong = {e.params["cell"] for e in error.error_list if e.params and "cell" in e.params}
        else:
            messages.success(request, _("Đã lưu điểm của %(unit)s (%(n)s ô thay đổi).")
                             % {"unit": by_unit.display_name, "n": changed})  # fmt: skip
            return redirect(f"{request.path}?don_vi={by_unit.pk}")
    saved = queries.scores_of(covenant, by_unit)
    rows = [{"unit": u, "own": u.pk == by_unit.pk, "cells": [{
        "name": f"diem-{c.pk}-{u.pk}", "max": c.max_points, "wrong": (c.pk, u.pk) in wrong,
        "value": typed.get((c.pk, u.pk), "") if typed else (str(saved[(c.pk, u.pk)]).replace(".", ",")
                                                              if (c.pk, u.pk) in saved else ""),
    } for c in criteria]} for u in members]  # fmt: skip
    return render(request, "clusters/score_grid.html", {
        "covenant": covenant, "cluster": covenant.cluster, "criteria": criteria, "rows": rows, "errors": errors,
        "by_unit": by_unit, "mine": mine,
    }, status=400 if errors else 200)  # fmt: skip


@login_required
@require_GET
def ranking(request, pk: int):
    covenant = covenant_for(request.user, pk)
    return render(request, "clusters/ranking.html", {
        "covenant": covenant, "cluster": covenant.cluster, "table": queries.ranking(covenant),
    })  # fmt: skip


@login_required
@require_GET
def ranking_export(request, pk: int):
    covenant = covenant_for(request.user, pk)
    body = ranking_workbook(queries.ranking(covenant))
    return xlsx_response(body, f"xep-hang-{covenant.cluster.pk}-{covenant.year}.xlsx")


# --- the meeting ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting(request, pk: int):
    cluster = cluster_for(request.user, pk)
    year = _year(request)
    found = cluster.meetings.filter(year=year).first()
    members = queries.members_in(cluster, year)
    can_lead = permissions.can_lead(request.user, cluster, year)
    initial = {"attendees": [u.pk for u in members]}
    if found is not None:
        initial = {"held_on": found.held_on, "place": found.place, "minutes": found.minutes,
                   "attendees": list(found.attendees.values_list("pk", flat=True))}  # fmt: skip
    form = forms.MeetingForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST":
        if not can_lead:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.record_meeting(cluster, year, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(request, _("Đã ghi hội nghị bình xét."))
                return redirect(f"{request.path}?nam={year}")
    covenant = queries.covenant_in_force(cluster, year)
    present = list(found.attendees.order_by("name")) if found else []
    selections = (
        list(found.selections.select_related("award", "unit").order_by("award__sort", "-votes"))
        if found
        else []
    )
    return render(request, "clusters/meeting.html", {
        "cluster": cluster, "year": year, "meeting": found, "form": form, "can_lead": can_lead,
        "members": members, "present": present, "awards": list(forms.collective_awards()),
        "selections": selections, "table": queries.ranking(covenant) if covenant else None,
        "leader": permissions.leader_of(cluster, year),
    })  # fmt: skip


@login_required
@require_POST
def meeting_votes(request, pk: int):
    found = meeting_for(request.user, pk)
    if not permissions.can_lead(request.user, found.cluster, found.year):
        raise PermissionDenied
    award = forms.collective_awards().filter(pk=request.POST.get("award") or 0).first()
    votes = {u.pk: request.POST.get(f"phieu-{u.pk}") or None for u in found.attendees.all()}
    seats = request.POST.get("seats") or "1"
    try:
        outcome = actions.record_votes(found, by=request.user, award=award, votes=votes,
                                       seats=int(seats) if seats.isdigit() else 0)  # fmt: skip
        (messages.warning if outcome.tied else messages.success)(request, outcome.message)
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect(meeting_url(found.cluster, found.year))


@login_required
@require_POST
def meeting_send(request, pk: int):
    found = meeting_for(request.user, pk)
    if not permissions.can_lead(request.user, found.cluster, found.year):
        raise PermissionDenied
    try:
        proposal = actions.send_to_rewards(found, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(meeting_url(found.cluster, found.year))
    messages.success(request, _("Đã lập đề nghị khen thưởng từ kết quả bình xét, kèm bảng điểm và biên bản; hãy "
                                "kiểm tra rồi gửi cấp trên."))  # fmt: skip
    return redirect("proposals:proposal-detail", proposal.pk)
