"""The port through which an app *below* ``notices`` (``orgs``: a transfer request, a restructuring to approve) tells
units or users something without importing ``notices``. ``notices`` plugs its action in from its ``AppConfig.ready``;
apps above ``notices`` call ``thidua.notices.actions.notify`` itself — the same function.

Kinds of notice are free text owned by the app that sends them; each app names its kinds for display here
(``name_kinds({"transfer_requested": _("Đề nghị chuyển sinh hoạt")})``) so no app needs a migration for a new kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.models import User

_sender: Callable[..., int] | None = None
_KIND_LABELS: dict[str, Any] = {}


def set_sender(sender: Callable[..., int]) -> None:
    global _sender
    _sender = sender


def notify(*, units: Iterable[Any] = (), users: Iterable[Any] = (), kind: str, title: str, url: str = "",
           body: str = "", by: User | None = None, key: str = "", mail_now: bool = False) -> int:  # fmt: skip
    """``thidua.notices.actions.notify`` (see there), for the apps that may not import it."""
    if _sender is None:
        raise RuntimeError("thidua.notices is not installed: nothing can send notices")
    return _sender(units=units, users=users, kind=kind, title=title, url=url, body=body, by=by, key=key,
                   mail_now=mail_now)  # fmt: skip


def name_kinds(labels: dict[str, Any]) -> None:
    """Name an app's kinds of notice for display (from its ``AppConfig.ready``)."""
    _KIND_LABELS.update(labels)


def kind_label(kind: str) -> str:
    """The label of a kind, in the active language; the kind itself if no app named it."""
    label = _KIND_LABELS.get(kind)
    return str(label) if label is not None else kind
