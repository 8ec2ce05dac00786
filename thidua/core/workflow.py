"""The workflow kit: a table of allowed transitions, one function that applies a named transition, one view.

An app declares its workflow once, beside its permissions::

    PLAN_WORKFLOW = Workflow(
        model=Plan, event_model=PlanEvent, unit_path=lambda plan: plan.issuer.path,
        transitions=[
            Transition("issue", {"draft"}, "issued", APPROVE, label=_("ban hành")),
            Transition("close", {"issued"}, "closed", APPROVE, label=_("kết thúc")),
        ],
    )

and its actions apply a transition by name, doing their own work inside::

    with PLAN_WORKFLOW.step(plan, "issue", by=by, note=note) as step:
        plan = step.obj  # the row, locked (select_for_update) and read again
        ...  # checks (a ValidationError ends the step: nothing is written), fields, related rows
        step.audit_note = "..."
        step.on_commit(lambda: ...)  # notices, mail: only once the transaction commits

or, with nothing to do besides the state, ``apply_transition(plan, "close", by=by)``.

What a step does, in order: lock the row and read its state again; refuse (``ValidationError``, in Vietnamese) a
transition the state does not allow, the object being closed for changes (``is_open``) or a missing reason when
the transition needs one; refuse (``PermissionDenied``) a user without the transition's permission on the object's
unit (``has_perm`` on ``unit_path(obj)``, or the transition's own ``check(user, obj)``); run the caller's block;
then set the state, save (``Workflow.save``, by default ``obj.save()``), write one ``<Model>Event`` row and one audit
record, and queue the side effects for after the commit (the app passes its notify function: core imports no app).

The event and the audit record do not say the same thing twice: the event is the transition (from, to, who, when,
the reason or note) and is what the object's history shows; the audit record keeps the changes of the object's other
fields (before and after) under the transition's name as its verb, with only the app's own note (``audit_note``).

``by=None`` is the system (a command, the demo): no permission is checked for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from . import audit
from .scoping import has_perm

M = TypeVar("M", bound=models.Model)
Check = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Transition:
    """One row of the table: its name, the states it starts from, the state it leads to, the permission it needs on
    the object's unit, its label (a Vietnamese verb, "ban hành"), and whether a reason must be given."""

    name: str
    sources: frozenset[str]
    target: str
    permission: str
    label: str | Promise = ""
    needs_reason: bool = False
    check: Check | None = None  # replaces the permission on the unit: check(user, obj) -> bool

    def __init__(
        self,
        name: str,
        sources: Iterable[str],
        target: str,
        permission: str,
        *,
        label: str | Promise = "",
        needs_reason: bool = False,
        check: Check | None = None,
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "sources", frozenset(str(s) for s in sources))
        object.__setattr__(self, "target", str(target))
        object.__setattr__(self, "permission", permission)
        object.__setattr__(self, "label", label or name)
        object.__setattr__(self, "needs_reason", needs_reason)
        object.__setattr__(self, "check", check)

    def starts_from(self, state: str) -> bool:
        return str(state) in self.sources


def check_table(transitions: Sequence[Transition], states: Collection[str]) -> None:
    """A table is sound: names unique, every state named is a known state, every transition has a source."""
    names = [t.name for t in transitions]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"transitions named twice: {duplicates}")
    known = {str(s) for s in states}
    for t in transitions:
        if not t.sources:
            raise ValueError(f"transition {t.name!r} starts from no state")
        unknown = sorted((set(t.sources) | {t.target}) - known)
        if unknown:
            raise ValueError(f"transition {t.name!r} names unknown states {unknown}")


@dataclass
class Step(Generic[M]):
    """A transition being applied: the locked object and what the caller adds to the record."""

    obj: M
    transition: Transition
    by: Any
    from_state: str
    note: str = ""
    audit_note: str = ""
    changes: dict[str, list[Any]] = field(
        default_factory=dict
    )  # more for the audit record: {name: [before, after]}
    callbacks: list[Callable[[], Any]] = field(default_factory=list)

    def on_commit(self, func: Callable[[], Any]) -> None:
        """Run ``func`` once the transaction commits (never for a step that is rolled back)."""
        self.callbacks.append(func)


class Workflow(Generic[M]):
    """The transitions of one model, and how to read and record them.

    - ``state_field``: the field holding the state (``status``);
    - ``unit_path(obj)``: the path of the unit whose roles decide (the issuer of a plan);
    - ``event_model``: the ``<Model>Event`` written for each transition; ``event_fields(step)`` gives its values
      (default: the object under the model's name, ``action``, ``from_status``, ``to_status``, ``by``, ``note``);
    - ``is_open(obj)``: whether the object takes transitions at all (an archived plan does not);
    - ``audit_fields``: the fields whose changes the audit record keeps (default: every concrete field);
    - ``save(obj)``: how the object is saved once the state is set (default ``obj.save()``);
    - ``notify(step)``: the app's side effects of every transition, run once the transaction commits (core imports
      no app, so the app passes its notice function here; ``Step.on_commit`` adds one for a single step).
    """

    def __init__(
        self,
        *,
        model: type[M],
        event_model: type[models.Model],
        transitions: Sequence[Transition],
        unit_path: Callable[[M], str],
        state_field: str = "status",
        is_open: Callable[[M], bool] | None = None,
        audit_fields: Sequence[str] | None = None,
        event_fields: Callable[[Step[M]], Mapping[str, Any]] | None = None,
        save: Callable[[M], None] | None = None,
        closed_label: str | Promise = "",
        notify: Callable[[Step[M]], None] | None = None,
    ) -> None:
        self.model = model
        self.event_model = event_model
        self.state_field = state_field
        state = model._meta.get_field(state_field)
        check_table(transitions, [value for value, _label in state.choices or []])  # type: ignore[union-attr]
        self.transitions: dict[str, Transition] = {t.name: t for t in transitions}
        self.unit_path = unit_path
        self.is_open = is_open or (lambda obj: True)
        self.audit_fields = list(audit_fields) if audit_fields is not None else None
        self.event_fields = event_fields or self._default_event_fields
        self.save = save or (lambda obj: obj.save())
        self.closed_label = closed_label
        self.notify = notify

    # --- reading the table --------------------------------------------------------------------------------------

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def state_of(self, obj: M) -> str:
        return str(getattr(obj, self.state_field))

    def state_label(self, obj: M) -> str:
        if not self.is_open(obj):
            return str(self.closed_label or _("Đã đóng"))
        getter = getattr(obj, f"get_{self.state_field}_display", None)
        return str(getter()) if getter else self.state_of(obj)

    def allowed(self, obj: M, name: str) -> bool:
        """Does the object's state allow the transition (whoever asks)?"""
        return self.is_open(obj) and self.transitions[name].starts_from(self.state_of(obj))

    def permitted(self, user: Any, obj: M, name: str) -> bool:
        """Does the user hold what the transition needs on this object (whatever its state)?"""
        transition = self.transitions[name]
        if transition.check is not None:
            return bool(transition.check(user, obj))
        return has_perm(user, transition.permission, self.unit_path(obj))

    def can(self, user: Any, obj: M, name: str) -> bool:
        return self.allowed(obj, name) and self.permitted(user, obj, name)

    def available(self, user: Any, obj: M) -> list[Transition]:
        """The transitions the user can apply to the object now, in the table's order."""
        return [t for name, t in self.transitions.items() if self.can(user, obj, name)]

    # --- applying a transition -------------------------------------------------------------------------------

    def refusal(self, obj: M, name: str) -> str:
        return _("Không thể %(action)s ở trạng thái “%(state)s”.") % {
            "action": self.transitions[name].label,
            "state": self.state_label(obj),
        }

    @contextlib.contextmanager
    def step(self, obj: M, name: str, *, by: Any, note: str = "", reason: str = "") -> Iterator[Step[M]]:
        """Apply the transition ``name`` to ``obj`` around the caller's block (see the module's docstring)."""
        transition = self.transitions[name]
        with transaction.atomic():
            locked = self.model._default_manager.select_for_update().get(pk=obj.pk)
            if not self.allowed(locked, name):
                raise ValidationError(self.refusal(locked, name))
            if by is not None and not self.permitted(by, locked, name):
                raise PermissionDenied
            reason = " ".join((reason or "").split())
            if transition.needs_reason and not reason:
                raise ValidationError({"reason": _("Cần nêu lý do.")})
            fields = self.audit_fields
            before = audit.snapshot(locked, fields)
            current = Step(obj=locked, transition=transition, by=by, from_state=self.state_of(locked),
                           note=reason or note)  # fmt: skip
            yield current
            setattr(locked, self.state_field, transition.target)
            self.save(locked)
            self.event_model._default_manager.create(**self.event_fields(current))
            after = audit.snapshot(locked, fields)
            before.pop(self.state_field, None)
            after.pop(self.state_field, None)
            for key, (old, new) in current.changes.items():
                before[key], after[key] = old, new
            audit.record(locked, by=by, action=transition.name, before=before, after=after,
                         note=current.audit_note)  # fmt: skip
            for callback in current.callbacks:
                transaction.on_commit(callback)
            if self.notify is not None:
                notify = self.notify
                transaction.on_commit(lambda: notify(current))

    def apply(self, obj: M, name: str, *, by: Any, note: str = "", reason: str = "") -> M:
        """Apply a transition that changes nothing but the state; returns the object as saved."""
        with self.step(obj, name, by=by, note=note, reason=reason) as current:
            pass
        return current.obj

    def _default_event_fields(self, step: Step[M]) -> dict[str, Any]:
        owner = self.model._meta.model_name
        return {
            str(owner): step.obj,
            "action": step.transition.name,
            "from_status": step.from_state,
            "to_status": step.transition.target,
            "by": step.by if getattr(step.by, "pk", None) else None,
            "note": step.note[:500],
        }


_WORKFLOWS: dict[type[models.Model], Workflow[Any]] = {}


def register(workflow: Workflow[M]) -> Workflow[M]:
    """Make ``apply_transition`` and the transition view find the model's workflow."""
    _WORKFLOWS[workflow.model] = workflow
    return workflow


def workflow_of(obj_or_model: models.Model | type[models.Model]) -> Workflow[Any]:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return _WORKFLOWS[model._meta.concrete_model or model]


def apply_transition(obj: M, name: str, *, by: Any, note: str = "", reason: str = "") -> M:
    """Apply the named transition of the object's registered workflow (state, permission, event, audit)."""
    return workflow_of(obj).apply(obj, name, by=by, note=note, reason=reason)


# --- the transition view ------------------------------------------------------------------------------------------


def _bootstrap(form: Any) -> None:
    for f in form.fields.values():
        widget = f.widget
        css = "form-check-input" if getattr(widget, "input_type", None) == "checkbox" else "form-control"
        widget.attrs.setdefault("class", css)


def transition_view(
    request: Any,
    obj: M,
    name: str,
    *,
    perform: Callable[..., Any],
    back_url: str,
    form_class: type | None = None,
    form_kwargs: Mapping[str, Any] | None = None,
    warnings: Callable[[M], list[str]] | None = None,
    success_message: str | Callable[[Any], str] = "",
    template: str = "core/transition_confirm.html",
    context: Mapping[str, Any] | None = None,
) -> Any:
    """One view for every transition: GET shows what will happen and asks to confirm (with a reason when the
    transition needs one); POST applies it through ``perform(obj, by=user, **cleaned_data)`` (the app's action) and
    goes back to ``back_url``. The caller has read ``obj`` through the scoping (404 outside).

    ``warnings(obj)`` lists what the user should know before going on ("no recipients"): when there are any, the
    transition needs the box "Tôi đã xem và vẫn muốn tiếp tục" ticked. An action's ``ValidationError`` is shown on
    the form, naming its field. A user without the permission gets 403; a state that no longer allows the transition
    (someone else was quicker) sends the user back with the reason."""
    from django import forms
    from django.contrib import messages
    from django.shortcuts import redirect, render

    workflow = workflow_of(obj)
    transition = workflow[name]
    if not workflow.permitted(request.user, obj, name):
        raise PermissionDenied
    if not workflow.allowed(obj, name):
        messages.error(request, workflow.refusal(obj, name))
        return redirect(back_url)
    data = request.POST if request.method == "POST" else None
    form = (form_class or forms.Form)(data, **(form_kwargs or {}))
    if transition.needs_reason and "reason" not in form.fields:
        form.fields["reason"] = forms.CharField(label=_("Lý do"), max_length=500,
                                                widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    notes = warnings(obj) if warnings else []
    if notes:
        form.fields["confirm"] = forms.BooleanField(label=_("Tôi đã xem các lưu ý trên và vẫn muốn tiếp tục."),
                                                    required=False)  # fmt: skip
    _bootstrap(form)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        confirmed = values.pop("confirm", False)
        if notes and not confirmed:
            form.add_error("confirm", _("Hãy xem các lưu ý và đánh dấu xác nhận trước khi tiếp tục."))
        else:
            try:
                result = perform(obj, by=request.user, **values)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                text = success_message(result) if callable(success_message) else success_message
                if text:
                    messages.success(request, text)
                return redirect(back_url)
    return render(
        request,
        template,
        {"object": obj, "transition": transition, "form": form, "warnings": notes, "back_url": back_url,
         "state_label": workflow.state_label(obj), **(context or {})},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


def _apply_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field_name, errors in error.error_dict.items():
            target = field_name if field_name in form.fields else None
            for item in errors:
                form.add_error(target, item.messages if hasattr(item, "messages") else item)
    else:
        form.add_error(None, error.messages)
