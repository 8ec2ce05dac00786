"""The pages of emulation registration: the list (by year, status, unit) and its .xlsx export, opening a
registration, filling it in (a handful of rows, people found through a search), the workflow (submit; acknowledge,
return and amend by the level above), the level above's consent to a late registration and a federation's
deadlines. Every page reads through the scoping (404 outside) and writes through ``actions.emulation``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user, scope_roots
from thidua.core.text import fold
from thidua.core.workflow import transition_view
from thidua.orgs.models import Level, Person, Unit
from thidua.plans.models import Phase

from .. import emulation_forms as forms
from .. import emulation_queries as queries
from ..actions import emulation as actions
from ..models import Registration, RegistrationDeadline, RegistrationStatus
from ..permissions.emulation import (
    ACKNOWLEDGE,
    SUBMIT,
    can_edit_registration,
    can_grant_late_consent,
    can_set_deadline,
    can_transition,
)

PAGE_SIZE = 50
SEARCH_LIMIT = 20


def registration_for(user, pk: int, perm: str = "view") -> Registration:
    """The registration if the user sees it (its unit's subtree), else 404; with its rows and history."""
    found = get_for_user(Registration.objects.all(), user, perm, pk=pk)
    return queries.registration_detail(found.pk).get()


def list_filters(request) -> dict:
    """The list's filters from the query string: year, status, unit (a unit the user sees, with its subtree)."""
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdigit() and 1945 <= int(raw_year) <= 2200 else None
    status = request.GET.get("status", "")
    if status not in RegistrationStatus.values:
        status = ""
    raw_unit = request.GET.get("unit", "")
    unit = (
        Unit.objects.visible_to(request.user).filter(pk=int(raw_unit)).first() if raw_unit.isdigit() else None
    )
    return {"year": year, "status": status, "unit": unit}


def units_for_opening(user):
    """Active units where the user may open a registration (not the confederation: nobody is above it)."""
    return (
        Unit.objects.visible_to(user, SUBMIT).active().exclude(level=Level.NATIONAL)
        .order_by("depth", "sort_key", "path")
    )  # fmt: skip


def units_for_consent(user):
    """Active units below a unit where the user acknowledges registrations."""
    paths = scope_roots(user, ACKNOWLEDGE)
    units = Unit.objects.active().exclude(level=Level.NATIONAL)
    if paths is None:
        return units.order_by("depth", "sort_key", "path")
    if not paths:
        return Unit.objects.none()
    below = Q(pk__in=[])
    for path in paths:
        below |= Q(path__startswith=path, depth__gt=len(path) // Unit.steplen)
    return units.filter(below).order_by("depth", "sort_key", "path")


@login_required
@require_GET
def registration_list(request):
    filters = list_filters(request)
    registrations = queries.registrations_for_list(request.user, **filters)
    page = page_of(request, registrations, PAGE_SIZE)
    user = request.user
    context = {
        **filters,
        "registrations": page.object_list,
        "page": page,
        "years": queries.years_of(user),
        "statuses": RegistrationStatus.choices,
        "units": queries.units_registering(user),
        "query": request.GET.urlencode(),
        "can_open": units_for_opening(user).exists(),
        "can_consent": units_for_consent(user).exists(),
        "can_set_deadline": queries.federations_for(user, ACKNOWLEDGE).exists(),
    }
    return render(request, "registrations/registration_list.html", context)


@login_required
@require_GET
def registration_detail(request, pk: int):
    registration = registration_for(request.user, pk)
    user = request.user
    can = {
        name: can_transition(user, registration, name)
        for name in ("submit", "acknowledge", "return", "amend")
    }
    can["edit"] = can_edit_registration(user, registration)
    warnings = (
        queries.check_registration(registration).warnings if registration.status != "acknowledged" else []
    )
    return render(request, "registrations/registration_detail.html",
                  {"registration": registration, "can": can, "warnings": warnings})  # fmt: skip


# --- opening --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def registration_create(request):
    user = request.user
    units = units_for_opening(user)
    source = request.POST if request.method == "POST" else request.GET
    unit = units.filter(pk=int(source["unit"])).first() if str(source.get("unit", "")).isdigit() else None
    if unit is None and units.count() == 1:
        unit = units.first()
    raw_year = str(source.get("year", ""))
    year = int(raw_year) if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100 else forms.this_year()
    windows = queries.windows(unit, year) if unit is not None else []
    initial = {"unit": unit.pk if unit else None, "year": year}
    open_values = [value for value, _label, is_open in windows if is_open]
    if len(open_values) >= 1:
        initial["window"] = open_values[0]
    form = forms.OpenForm(request.POST if request.method == "POST" else None, units=units, windows=windows,
                          initial=initial)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        plan_pk, phase_pk = (int(v) for v in (form.cleaned_data["window"] or "0:0").split(":"))
        plan = queries.plans_for(unit, year).filter(pk=plan_pk).first() if plan_pk else None
        phase = Phase.objects.filter(pk=phase_pk, plan=plan).first() if phase_pk and plan else None
        try:
            registration = actions.open_registration(
                form.cleaned_data["unit"], by=user, year=form.cleaned_data["year"], plan=plan, phase=phase,
                note=form.cleaned_data["note"],
            )  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã mở đăng ký thi đua. Hãy nhập các danh hiệu và người đăng ký."))
            return redirect("emulation:registration-update", pk=registration.pk)
    return render(request, "registrations/registration_open.html",
                  {"form": form, "unit": unit, "year": year, "windows": windows})  # fmt: skip


# --- filling in, amending --------------------------------------------------------------------------------------


def _movements(registration: Registration):
    return list(registration.plan.movements.order_by("order")) if registration.plan_id else []


def _initial_rows(registration: Registration) -> tuple[list[dict], list[dict]]:
    targets = [{"award": t.award_id, "movement": str(t.movement_id or ""), "targets": t.targets}
               for t in registration.targets.all()]  # fmt: skip
    people = [{"person": e.person, "award": e.award_id, "position": e.position, "note": e.note}
              for e in registration.people.all()]  # fmt: skip
    return targets, people


def _row_forms(request, registration: Registration):
    collective, individual = queries.aimable_awards(registration.unit, registration.year, registration.phase)
    data = request.POST if request.method == "POST" else None
    targets, people = _initial_rows(registration) if data is None else (None, None)
    target_set = forms.target_formset(data=data, initial=targets, awards=collective,
                                      movements=_movements(registration))  # fmt: skip
    person_set = forms.person_formset(data=data, initial=people, awards=individual, unit=registration.unit)
    return target_set, person_set


def _rows_page(request, registration: Registration, *, amend: bool):
    target_set, person_set = _row_forms(request, registration)
    form_class = forms.AmendForm if amend else forms.RegistrationForm
    initial = {} if amend else {"note": registration.note}
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid() and target_set.is_valid() and person_set.is_valid():
        targets, people = forms.formset_rows(target_set), forms.formset_rows(person_set)
        try:
            if amend:
                actions.amend_registration(registration, by=request.user, reason=form.cleaned_data["reason"],
                                           targets=targets, people=people)  # fmt: skip
                messages.success(request, _("Đã ghi nhận điều chỉnh đăng ký thi đua."))
            else:
                check = actions.save_registration(registration, by=request.user, targets=targets, people=people,
                                                  note=form.cleaned_data["note"])  # fmt: skip
                messages.success(request, _("Đã lưu đăng ký thi đua."))
                for warning in check.warnings:
                    messages.warning(request, warning)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            return redirect("emulation:registration-detail", pk=registration.pk)
    return render(request, "registrations/registration_form.html", {
        "registration": registration, "form": form, "target_set": target_set, "person_set": person_set,
        "amend": amend,
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def registration_update(request, pk: int):
    registration = registration_for(request.user, pk)
    if not can_edit_registration(request.user, registration):
        if registration.status in (RegistrationStatus.SUBMITTED, RegistrationStatus.ACKNOWLEDGED):
            messages.error(request, _("Đăng ký đã gửi hoặc đã được ghi nhận: không sửa trực tiếp được."))
            return redirect("emulation:registration-detail", pk=registration.pk)
        raise PermissionDenied
    return _rows_page(request, registration, amend=False)


@login_required
@require_http_methods(["GET", "POST"])
def registration_amend(request, pk: int):
    registration = registration_for(request.user, pk)
    if not can_transition(request.user, registration, "amend"):
        raise PermissionDenied
    return _rows_page(request, registration, amend=True)


@login_required
@require_GET
def person_search(request, pk: int):
    """People of the registering unit's subtree matching ``q`` (htmx), for the row ``field``."""
    registration = registration_for(request.user, pk)
    if not (
        can_edit_registration(request.user, registration)
        or can_transition(request.user, registration, "amend")
    ):
        raise PermissionDenied
    field = request.GET.get("field", "")
    if not (field.startswith("people-") and field.endswith("-person") and field[7:-7].isdigit()):
        raise Http404
    q = request.GET.get("q", "").strip()
    people = (
        Person.objects.visible_to(request.user).active()
        .filter(unit__path__startswith=registration.unit.path).select_related("unit")
    )  # fmt: skip
    people = list(people.search(q).best_matches_first(q)[:SEARCH_LIMIT]) if fold(q) else []
    return render(request, "registrations/emulation/_person_options.html",
                  {"people": people, "field": field, "q": q})  # fmt: skip


# --- the workflow ---------------------------------------------------------------------------------------------


def _back(registration: Registration) -> str:
    return actions.registration_url(registration)


@login_required
@require_http_methods(["GET", "POST"])
def registration_submit(request, pk: int):
    registration = registration_for(request.user, pk)
    return transition_view(
        request, registration, "submit", back_url=_back(registration),
        warnings=lambda r: queries.check_registration(r).warnings,
        perform=lambda r, *, by: actions.submit_registration(r, by=by),
        success_message=_("Đã gửi đăng ký thi đua lên cấp trên."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def registration_acknowledge(request, pk: int):
    registration = registration_for(request.user, pk)
    return transition_view(
        request, registration, "acknowledge", back_url=_back(registration),
        form_class=forms.RegistrationForm,
        perform=lambda r, *, by, note: actions.acknowledge_registration(r, by=by, note=note),
        success_message=_("Đã ghi nhận đăng ký thi đua; đơn vị đã được thông báo."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def registration_return(request, pk: int):
    registration = registration_for(request.user, pk)
    return transition_view(
        request, registration, "return", back_url=_back(registration),
        perform=lambda r, *, by, reason: actions.return_registration(r, by=by, reason=reason),
        success_message=_("Đã trả lại đăng ký thi đua; đơn vị đã được thông báo lý do."),
    )  # fmt: skip


# --- late consent, deadlines ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def late_consent(request):
    units = units_for_consent(request.user)
    if not units.exists():
        raise PermissionDenied
    initial = {"year": forms.this_year(), "until": forms.default_until()}
    if str(request.GET.get("unit", "")).isdigit():
        initial["unit"] = int(request.GET["unit"])
    form = forms.LateConsentForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        if not can_grant_late_consent(request.user, unit):
            raise PermissionDenied
        try:
            actions.grant_late_consent(unit, by=request.user, year=form.cleaned_data["year"],
                                       until=form.cleaned_data["until"], reason=form.cleaned_data["reason"])  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã đồng ý cho %(unit)s đăng ký muộn; đơn vị đã được thông báo.")
                             % {"unit": unit.name})  # fmt: skip
            return redirect("emulation:registration-list")
    return render(request, "registrations/late_consent_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def deadline_list(request):
    federations = queries.federations_for(request.user)
    if not federations.exists():
        raise Http404
    editable = queries.federations_for(request.user, ACKNOWLEDGE)
    deadlines = (
        RegistrationDeadline.objects.visible_to(request.user).filter(archived_at__isnull=True)
        .select_related("federation").order_by("federation__path", "sector")
    )  # fmt: skip
    form = forms.DeadlineForm(request.POST or None, federations=editable) if editable.exists() else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            federation = form.cleaned_data["federation"]
            if not can_set_deadline(request.user, federation):
                raise PermissionDenied
            data = form.cleaned_data
            try:
                actions.set_deadline(federation, by=request.user, day=data["day"], month=data["month"],
                                     sector=data["sector"], by_school_year=data["by_school_year"],
                                     note=data["note"])  # fmt: skip
            except ValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(request, _("Đã đặt hạn đăng ký thi đua."))
                return redirect("emulation:deadline-list")
    return render(request, "registrations/deadline_list.html", {
        "deadlines": deadlines, "form": form, "default": "25/01", "today": timezone.localdate(),
    })  # fmt: skip
