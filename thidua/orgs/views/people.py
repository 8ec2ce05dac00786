"""People pages: the searchable list, a person's page, and the forms that call the people actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from thidua.core.audit import AuditTrail, history_of, stored_date
from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user, has_perm

from .. import actions, forms, permissions, queries
from ..models import Gender, Level, Membership, Person, Position, Unit, mask_national_id, mask_phone

PAGE_SIZE = 50
RESULTS_TARGET = "people-results"


# --- list -----------------------------------------------------------------------------------------------------


def _flag(value: str | None) -> bool | None:
    """'1' / '0' from a filter select; anything else means no filter."""
    return {"1": True, "0": False}.get(value or "")


def _unit_from_query(request) -> Unit | None:
    raw = request.GET.get("unit", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_for_user(Unit, request.user, pk=int(raw))


def _manages_people_somewhere(user) -> bool:
    return has_perm(user, permissions.MANAGE_PEOPLE)


@login_required
@vary_on_headers("HX-Request")
def person_list(request):
    user = request.user
    q = request.GET.get("q", "").strip()
    unit = _unit_from_query(request)
    is_member = _flag(request.GET.get("member"))
    direct = _flag(request.GET.get("direct"))
    gender = request.GET.get("gender", "")
    if gender not in Gender.values:
        gender = ""
    can_add = _manages_people_somewhere(user)
    archived = can_add and request.GET.get("archived") == "1"
    people = queries.people_for_list(
        user,
        q,
        unit,
        is_member=is_member,
        direct_production=direct,
        gender=gender,
        archived=archived,
        ranked=True,
    )
    page = page_of(request, people, PAGE_SIZE)
    rows = list(page.object_list)
    positions = dict(Position.choices)
    for person in rows:
        person.show_personal_data = permissions.can_see_personal_data(user, person)
        person.position_label = positions.get(person.current_position, "")
    context = {
        "page": page,
        "rows": rows,
        "q": q,
        "unit": unit,
        "member": request.GET.get("member", ""),
        "direct": request.GET.get("direct", ""),
        "gender": gender,
        "archived": archived,
        "genders": Gender.choices,
        "can_add": can_add,
        "add_to_unit": unit if unit is not None and permissions.can_manage_people(user, unit) else None,
        "filtered": bool(q or unit or is_member is not None or direct is not None or gender or archived),
    }
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == RESULTS_TARGET and not htmx.history_restore_request:
        return render(request, "orgs/_person_results.html", context)
    context["filter_units"] = _filter_units(user, unit)
    return render(request, "orgs/person_list.html", context)


def _filter_units(user, selected: Unit | None) -> list[Unit]:
    """Units to narrow the list by: the levels above grassroots in the user's scope (and the one chosen)."""
    units = list(
        Unit.objects.visible_to(user)
        .active()
        .exclude(level__in=[Level.GRASSROOTS, Level.SUB_GRASSROOTS])
        .only("pk", "name", "short_name", "depth", "path", "sort_key")
    )
    if selected is not None and all(u.pk != selected.pk for u in units):
        units.append(selected)
    units = queries.in_tree_order(units)
    top = min((u.depth for u in units), default=1)
    for u in units:
        u.indent = "\u00a0\u00a0" * (u.depth - top)
    return units


# --- person page ----------------------------------------------------------------------------------------------


class PersonTrail(AuditTrail):
    """A person's audit records (their own fields and their membership's), with birth date and national ID masked
    for those who may not see personal data."""

    fields_from = (Person, Membership)
    order = actions.PERSON_FIELDS + actions.MEMBERSHIP_FIELDS

    def __init__(self, events, *, show_personal_data: bool):
        super().__init__(events)
        self.show_personal_data = show_personal_data

    def display(self, name: str, value) -> str | None:
        if self.show_personal_data:
            return None
        if name == "national_id":
            return mask_national_id(str(value))
        if name == "phone":
            return mask_phone(str(value or ""))
        if name == "birth_date":
            day = stored_date(value)
            return str(day.year) if day else str(value)
        return None


@login_required
def person_detail(request, pk: int):
    person = get_for_user(Person.objects.select_related("unit"), request.user, pk=pk)
    user = request.user
    show_personal_data = permissions.can_see_personal_data(user, person)
    memberships = list(person.memberships.select_related("unit").order_by("-joined_on", "-id"))
    for membership in memberships:
        membership.unit_visible = permissions.can_view_unit(user, membership.unit)
    current = next((m for m in memberships if m.left_on is None), None)
    history = PersonTrail(history_of(person)[:200], show_personal_data=show_personal_data).entries()
    return render(
        request,
        "orgs/person_detail.html",
        {
            "person": person,
            "show_personal_data": show_personal_data,
            "can_manage": permissions.can_manage_person(user, person),
            "unit_visible": person.unit is not None and permissions.can_view_unit(user, person.unit),
            "memberships": memberships,
            "current": current,
            "history": history,
        },
    )


# --- forms ----------------------------------------------------------------------------------------------------


def _manageable_grassroots(user):
    return Unit.objects.visible_to(user, permissions.MANAGE_PEOPLE).active().grassroots().vietnamese_order()


def _person_to_change(request, pk: int) -> Person:
    """The person, if the user may see them (else 404) and manage their union (else 403)."""
    person = get_for_user(Person.objects.select_related("unit"), request.user, pk=pk)
    if not permissions.can_manage_person(request.user, person):
        raise PermissionDenied
    return person


def _current_membership(person: Person) -> Membership | None:
    return person.memberships.filter(left_on__isnull=True).select_related("unit").first()


def _archived_redirect(request, person: Person):
    messages.warning(request, _("Hồ sơ này đã được lưu trữ; hãy khôi phục trước khi thay đổi."))
    return redirect("orgs:person-detail", pk=person.pk)


def _after_change(request, person: Person):
    """Back to the person's page, or to the list when the change took them out of the user's sight."""
    if Person.objects.visible_to(request.user).filter(pk=person.pk).exists():
        return redirect("orgs:person-detail", pk=person.pk)
    return redirect("orgs:person-list")


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    units = _manageable_grassroots(request.user)
    chosen = _unit_from_query(request)
    if chosen is not None and not permissions.can_manage_people(request.user, chosen):
        raise PermissionDenied
    if not _manages_people_somewhere(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = forms.PersonCreateForm(request.POST, units=units, user=request.user)
        if form.is_valid():
            try:
                person = actions.create_person(
                    by=request.user,
                    unit=form.cleaned_data["unit"],
                    joined_on=form.cleaned_data["joined_on"],
                    membership=form.membership_fields(),
                    **form.person_fields(),
                )
            except ValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(request, _("Đã thêm “%(name)s”.") % {"name": person.full_name})
                return redirect("orgs:person-detail", pk=person.pk)
    else:
        initial = {"joined_on": timezone.localdate()}
        if chosen is not None and chosen.level == Level.GRASSROOTS:
            initial["unit"] = chosen.pk
        form = forms.PersonCreateForm(units=units, initial=initial, user=request.user)
    return render(request, "orgs/person_form.html", {"form": form, "mode": "create", "chosen": chosen})


@login_required
@require_http_methods(["GET", "POST"])
def person_update(request, pk: int):
    person = _person_to_change(request, pk)
    if person.archived_at:
        return _archived_redirect(request, person)
    current = _current_membership(person)
    if request.method == "POST":
        form = forms.PersonUpdateForm(request.POST, person=person, current=current, user=request.user)
        if form.is_valid():
            try:
                actions.update_person(
                    person, by=request.user, membership=form.membership_fields(), **form.person_fields()
                )
            except ValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(request, _("Đã lưu thay đổi hồ sơ “%(name)s”.") % {"name": person.full_name})
                return redirect("orgs:person-detail", pk=person.pk)
    else:
        form = forms.PersonUpdateForm(person=person, current=current, user=request.user)
    return render(
        request,
        "orgs/person_form.html",
        {"form": form, "mode": "update", "person": person, "current": current},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_transfer(request, pk: int):
    person = _person_to_change(request, pk)
    if person.archived_at:
        return _archived_redirect(request, person)
    current = _current_membership(person)
    # Only into a union the user manages people of, not one it merely sees.
    units = _manageable_grassroots(request.user)
    if current is not None:
        units = units.exclude(pk=current.unit_id)
    if request.method == "POST":
        form = forms.PersonTransferForm(request.POST, units=units, current=current)
        if form.is_valid():
            to_unit = form.cleaned_data["to_unit"]
            try:
                actions.transfer_person(
                    person,
                    to_unit,
                    by=request.user,
                    on=form.cleaned_data["on"],
                    position=form.cleaned_data["position"],
                )
            except ValidationError as error:
                form.apply_errors(error, aliases={"unit": "to_unit"})
            else:
                messages.success(
                    request,
                    _("Đã chuyển “%(name)s” đến “%(unit)s”.")
                    % {"name": person.full_name, "unit": to_unit.name},
                )
                return _after_change(request, person)
    else:
        form = forms.PersonTransferForm(units=units, current=current, initial={"on": timezone.localdate()})
    return render(request, "orgs/person_transfer.html", {"form": form, "person": person, "current": current})


@login_required
@require_http_methods(["GET", "POST"])
def person_end_membership(request, pk: int):
    person = _person_to_change(request, pk)
    if person.archived_at:
        return _archived_redirect(request, person)
    current = _current_membership(person)
    if current is None:
        messages.warning(request, _("Người này hiện không sinh hoạt tại công đoàn cơ sở nào."))
        return redirect("orgs:person-detail", pk=person.pk)
    if request.method == "POST":
        form = forms.EndMembershipForm(request.POST, current=current)
        if form.is_valid():
            try:
                actions.end_membership(
                    person, by=request.user, on=form.cleaned_data["on"], reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(
                    request,
                    _("“%(name)s” đã thôi sinh hoạt tại “%(unit)s”.")
                    % {"name": person.full_name, "unit": current.unit.name},
                )
                return redirect("orgs:person-detail", pk=person.pk)
    else:
        form = forms.EndMembershipForm(current=current, initial={"on": timezone.localdate()})
    return render(
        request, "orgs/person_end_membership.html", {"form": form, "person": person, "current": current}
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_archive(request, pk: int):
    person = _person_to_change(request, pk)
    if person.archived_at:
        return _archived_redirect(request, person)
    if request.method == "POST":
        form = forms.ArchivePersonForm(request.POST)
        if form.is_valid():
            try:
                actions.archive_person(person, by=request.user, note=form.cleaned_data["note"])
            except ValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(request, _("Đã lưu trữ hồ sơ “%(name)s”.") % {"name": person.full_name})
                return redirect("orgs:person-detail", pk=person.pk)
    else:
        form = forms.ArchivePersonForm()
    return render(request, "orgs/person_archive.html", {"form": form, "person": person})


@login_required
@require_POST
def person_restore(request, pk: int):
    person = _person_to_change(request, pk)
    try:
        actions.restore_person(person, by=request.user)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã khôi phục hồ sơ “%(name)s”.") % {"name": person.full_name})
    return redirect(reverse("orgs:person-detail", kwargs={"pk": person.pk}))
