"""Pages of the catalog: the catalog as of a date, what changed between two dates, and a federation's own layer
(read by its subtree and the levels above, edited by its system administrators, with history)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core import dates
from thidua.core.audit import history_of
from thidua.core.models import AuditEvent
from thidua.orgs.models import Unit

from .. import actions, permissions, queries
from ..forms import AwardForm, RegulationForm, RuleForm
from ..models import Award, Layer, Mark, Regulation, Rule, VoteBase
from ..prerequisites import describe, describe_quota


def parse_day(text: str) -> datetime.date | None:
    """dd/mm/yyyy as typed on the pages (an ISO date, as links from the API may carry, is read too)."""
    try:
        return dates.parse_date(text)
    except ValueError:
        return dates.from_iso(text.strip())


def _day_param(request, name: str, default: datetime.date) -> tuple[datetime.date, str]:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default, ""
    day = parse_day(raw)
    if day is None or not 1900 <= day.year <= 2100:
        return default, _(
            "Ngày “%(raw)s” không hợp lệ: nhập theo dạng dd/mm/yyyy. Đang xem ngày %(day)s."
        ) % {
            "raw": raw,
            "day": dates.format_date(default),
        }
    return day, ""


def _federation_param(request, federations) -> Unit | None:
    """The federation whose layer is shown: ``?federation=<id>`` among those the user reads (404 otherwise), by
    default the user's own; ``?federation=`` (empty) shows only the State and the confederation."""
    if "federation" not in request.GET:
        return queries.home_federation(request.user)
    raw = request.GET["federation"]
    if not raw:
        return None
    found = next((f for f in federations if str(f.pk) == raw), None)
    if found is None:
        raise Http404
    return found


def multiplier_text(hundredths: int | None) -> str:
    if hundredths is None:
        return ""
    return f"{Decimal(hundredths) / 100:f}".rstrip("0").rstrip(".").replace(".", ",")


def money_text(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}".replace(",", ".") + " đ"


def _cell(entry: queries.Entry, name: str, text: str | list[str]) -> dict:
    fact = entry.fact(name)
    return {"text": text, "fact": fact, "empty": fact is None or fact.value is None}


def entry_row(entry: queries.Entry, names: dict[str, str], base: int | None) -> dict:
    """What the catalog table shows of one entry: each value with the citation and mark it comes from."""
    money = []
    for name, label in (("multiplier_individual", _("Cá nhân")), ("multiplier_collective", _("Tập thể"))):
        value = entry.value(name)
        if value is None and entry.fact(name) is None:
            continue
        amount = queries.round_up_reward(value, base) if value is not None and base else None
        text = f"{label}: {multiplier_text(value)}" + (
            f" → {money_text(amount)}" if amount is not None else ""
        )
        money.append(_cell(entry, name, text if value is not None else f"{label}: —"))
    vote = entry.value("vote_threshold_percent")
    vote_text = ""
    if vote is not None:
        base_label = VoteBase(entry.value("vote_base")).label if entry.value("vote_base") else ""
        vote_text = f"≥ {vote} %" + (f" {base_label}" if base_label else "")
    return {
        "entry": entry,
        "who_for": _cell(entry, "who_for", entry.value("who_for", "")),
        "conferred_by": _cell(entry, "conferred_by", entry.value("conferred_by", "")),
        "proposed_by": _cell(entry, "proposed_by", entry.value("proposed_by", "")),
        "criteria": _cell(entry, "criteria", entry.value("criteria", "")),
        "prerequisites": _cell(entry, "prerequisites", [describe(i, names) for i in entry.prerequisites]),
        "quotas": _cell(entry, "quotas", [describe_quota(q, names) for q in entry.quotas]),
        "vote": _cell(entry, "vote_threshold_percent", vote_text),
        "money": money,
        "name": _cell(entry, "name", entry.name),
    }


def _award_names() -> dict[str, str]:
    return dict(Award.objects.values_list("code", "name"))


@login_required
def catalog(request):
    today = timezone.localdate()
    on, error = _day_param(request, "on", today)
    federations = list(queries.federations_visible_to(request.user))
    federation = _federation_param(request, federations)
    current = queries.catalog_on(on, federation)
    names = _award_names()
    base = current.base_salary.amount if current.base_salary else None
    groups = [
        (kind, level, [entry_row(e, names, base) for e in entries])
        for kind, level, entries in current.groups()
    ]
    return render(
        request,
        "registrations/catalog.html",
        {
            "on": on,
            "error": error,
            "catalog": current,
            "groups": groups,
            "federations": federations,
            "federation": federation,
            "can_edit": federation is not None and permissions.can_edit_layer(request.user, federation),
            "unverified_count": sum(1 for e in current.entries if e.mark == Mark.UNVERIFIED),
        },
    )


def _value_text(name: str, value, names: dict[str, str]) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if name == "prerequisites":
        return "; ".join(describe(i, names) for i in value)
    if name == "quotas":
        return "; ".join(describe_quota(q, names) for q in value)
    if name.startswith("multiplier_"):
        return multiplier_text(value)
    if name == "vote_threshold_percent":
        return f"{value} %"
    if name == "vote_base":
        return str(VoteBase(value).label)
    return str(value)


FIELD_LABELS = {f.name: f.verbose_name for f in Rule._meta.fields}


@login_required
def catalog_changes(request):
    today = timezone.localdate()
    after, error_after = _day_param(request, "to", today)
    before, error_before = _day_param(request, "from", after.replace(year=after.year - 1))
    federations = list(queries.federations_visible_to(request.user))
    federation = _federation_param(request, federations)
    changes = queries.catalog_changes(before, after, federation)
    names = _award_names()
    changed = [
        {
            "change": change,
            "fields": [
                {
                    "label": FIELD_LABELS.get(name, _("văn bản, điều, khoản")),
                    "before": _value_text(name, old, names),
                    "after": _value_text(name, new, names),
                }
                for name, old, new in change.fields
            ],
        }
        for change in changes.changed
    ]
    return render(
        request,
        "registrations/catalog_changes.html",
        {
            "before": before,
            "after": after,
            "errors": [e for e in (error_before, error_after) if e],
            "changes": changes,
            "changed": changed,
            "federations": federations,
            "federation": federation,
        },
    )


# --- a federation's own layer ---------------------------------------------------------------------------------


def _federation_for(user, pk: int) -> Unit:
    federation = get_object_or_404(Unit, pk=pk, level__in=queries.FEDERATION_LEVELS)
    if not permissions.can_view_layer(user, federation):
        raise Http404
    return federation


def _rule_for(user, pk: int) -> Rule:
    rule = get_object_or_404(Rule.objects.select_related("award", "regulation__federation"), pk=pk)
    if not permissions.can_view_rule(user, rule):
        raise Http404
    return rule


def _layer_history(federation: Unit):
    regulations = Regulation.objects.filter(federation=federation)
    ids = {
        Regulation: [str(pk) for pk in regulations.values_list("pk", flat=True)],
        Rule: [
            str(pk) for pk in Rule.objects.filter(regulation__in=regulations).values_list("pk", flat=True)
        ],
        Award: [str(pk) for pk in Award.objects.filter(federation=federation).values_list("pk", flat=True)],
    }
    q = Q(pk__in=[])
    for model, pks in ids.items():
        q |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=pks)
    return AuditEvent.objects.filter(q).select_related("actor").order_by("-at", "-id")[:50]


@login_required
def layer_detail(request, pk: int):
    federation = _federation_for(request.user, pk)
    regulations = list(
        Regulation.objects.filter(federation=federation, archived_at__isnull=True)
        .order_by("-valid_from")
        .prefetch_related("rules__award")
    )
    return render(
        request,
        "registrations/layer_detail.html",
        {
            "federation": federation,
            "regulations": regulations,
            "awards": Award.objects.filter(federation=federation, archived_at__isnull=True),
            "can_edit": permissions.can_edit_layer(request.user, federation),
            "history": _layer_history(federation),
        },
    )


def _editable_federation(user, pk: int) -> Unit:
    federation = _federation_for(user, pk)
    if not permissions.can_edit_layer(user, federation):
        raise PermissionDenied
    return federation


@login_required
def regulation_create(request, pk: int):
    federation = _editable_federation(request.user, pk)
    form = RegulationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_regulation(federation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã thêm văn bản quy định của đơn vị."))
            return redirect("registrations:layer-detail", pk=federation.pk)
    return render(request, "registrations/regulation_form.html", {"federation": federation, "form": form})


@login_required
def regulation_update(request, pk: int):
    regulation = get_object_or_404(
        Regulation.objects.select_related("federation"), pk=pk, layer=Layer.FEDERATION
    )
    if not permissions.can_view_regulation(request.user, regulation):
        raise Http404
    if not permissions.can_edit_regulation(request.user, regulation):
        raise PermissionDenied
    federation = regulation.federation
    initial = {name: getattr(regulation, name) for name in actions.REGULATION_EDITABLE}
    form = RegulationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_regulation(regulation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu văn bản quy định."))
            return redirect("registrations:layer-detail", pk=federation.pk)
    return render(
        request,
        "registrations/regulation_form.html",
        {"federation": federation, "form": form, "regulation": regulation},
    )


@login_required
def award_create(request, pk: int):
    federation = _editable_federation(request.user, pk)
    form = AwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_award(federation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã thêm giải thưởng, danh hiệu riêng của đơn vị."))
            return redirect("registrations:layer-detail", pk=federation.pk)
    return render(request, "registrations/award_form.html", {"federation": federation, "form": form})


@login_required
def rule_create(request, pk: int):
    regulation = get_object_or_404(
        Regulation.objects.select_related("federation"), pk=pk, layer=Layer.FEDERATION
    )
    if not permissions.can_view_regulation(request.user, regulation):
        raise Http404
    if not permissions.can_edit_regulation(request.user, regulation):
        raise PermissionDenied
    federation = regulation.federation
    form = RuleForm(
        request.POST or None,
        federation=federation,
        initial={"valid_from": regulation.valid_from, "valid_to": regulation.valid_to},
    )
    if request.method == "POST" and form.is_valid():
        try:
            rule = actions.create_rule(regulation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã thêm quy định."))
            return redirect("registrations:rule-detail", pk=rule.pk)
    return render(
        request,
        "registrations/rule_form.html",
        {"federation": federation, "regulation": regulation, "form": form, "rule": None},
    )


@login_required
def rule_detail(request, pk: int):
    rule = _rule_for(request.user, pk)
    names = _award_names()
    return render(
        request,
        "registrations/rule_detail.html",
        {
            "rule": rule,
            "prerequisites": [describe(i, names) for i in rule.prerequisites],
            "quotas": [describe_quota(q, names) for q in rule.quotas],
            "multiplier_individual": multiplier_text(rule.multiplier_individual),
            "multiplier_collective": multiplier_text(rule.multiplier_collective),
            "facts": [(FIELD_LABELS.get(k, k), v) for k, v in sorted(rule.facts.items())],
            "can_edit": permissions.can_edit_rule(request.user, rule),
            "history": history_of(rule) if rule.regulation.layer == Layer.FEDERATION else [],
        },
    )


@login_required
def rule_update(request, pk: int):
    rule = _rule_for(request.user, pk)
    if not permissions.can_edit_rule(request.user, rule):
        raise PermissionDenied
    federation = rule.regulation.federation
    initial = {name: getattr(rule, name) for name in actions.RULE_EDITABLE}
    form = RuleForm(request.POST or None, federation=federation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_rule(rule, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu quy định."))
            return redirect("registrations:rule-detail", pk=rule.pk)
    return render(
        request,
        "registrations/rule_form.html",
        {"federation": federation, "regulation": rule.regulation, "form": form, "rule": rule},
    )


@login_required
@require_POST
def rule_archive(request, pk: int):
    rule = _rule_for(request.user, pk)
    if not permissions.can_edit_rule(request.user, rule):
        raise PermissionDenied
    actions.archive_rule(rule, by=request.user)
    messages.success(request, _("Đã lưu trữ quy định; quy định cấp trên lại được áp dụng."))
    return redirect("registrations:layer-detail", pk=rule.regulation.federation_id)
