"""What a successor reads of its predecessors' records (issue 8, decisions 0011 and 0019).

A union that took over the units of an upper-level union when it was dissolved (or one merged into it, whose grants
already carry over) reads, read-only, the records that union kept in its own name. An app's queryset of rows owned
by a unit (``unit``) derives from ``HistoryScopedQuerySet``: ``visible_to(user)`` (the ``view`` permission) widens
to the predecessors' rows (``history_condition`` narrows which: not drafts); every other permission (submit,
approve...) stays on the user's own subtrees, so the actions refuse any write. Used by the registrations
(initiatives, research topics, congress works, emulation registrations) and the reports (expected reports).
"""

from __future__ import annotations

from django.db.models import Q

from thidua.core.permissions import VIEW
from thidua.core.scoping import ScopedQuerySet, scope_roots


class HistoryScopedQuerySet(ScopedQuerySet):
    """A scoped queryset of rows owned by ``unit`` that successors also read (see the module)."""

    scope_lookup = "unit__path"

    def history_condition(self) -> Q:
        """Which of a predecessor's rows its successors read (all by default)."""
        return Q()

    def visible_to(self, user, perm: str = VIEW):
        roots = scope_roots(user, perm)
        if perm != VIEW or roots is None:
            return super().visible_to(user, perm)
        if not roots:
            return self.none()
        from .queries import predecessors_q

        return self.filter(self.scope_q(user, perm) | (predecessors_q(user) & self.history_condition()))
