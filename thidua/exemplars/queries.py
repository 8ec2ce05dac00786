"""Reads of the exemplars used by the pages, the exports and the API."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from thidua.core.models import Attachment
from thidua.core.text import fold

from .models import Exemplar, HonourBoard, Replication

if TYPE_CHECKING:
    from thidua.orgs.models import Unit


def exemplars_for(user: Any, *, year: int | None = None, kind: str = "", unit: Unit | None = None,
                  q: str = "") -> QuerySet[Exemplar]:  # fmt: skip
    """The active models the user may read, newest first, with what the lists show (a fixed number of queries:
    the recognising unit, the movement, the decision and the count of replications come with the rows)."""
    qs = Exemplar.objects.visible_to(user).active()
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if q:
        words = fold(q).split()
        ids = [e.pk for e in qs.only("pk", "name", "title")
               if all(w in fold(f"{e.name} {e.title}") for w in words)]  # fmt: skip
        qs = qs.filter(pk__in=ids)
    return (
        qs.select_related("unit", "movement", "decision__register")
        .annotate(replication_count=Count("replications", filter=Q(replications__archived_at__isnull=True)))
        .order_by("-year", "-recognised_on", "id")
    )


def replications_of(user: Any, exemplar: Exemplar) -> QuerySet[Replication]:
    """The model's active replications the user may see (their own units', or all for the recognising unit)."""
    return (
        Replication.objects.visible_to(user).active().filter(exemplar=exemplar)
        .select_related("unit").order_by("since", "unit__sort_key", "id")
    )  # fmt: skip


def replications_for(user: Any, *, year: int | None = None) -> QuerySet[Replication]:
    """Every active replication the user may see (of active models), for the list and its export."""
    qs = Replication.objects.visible_to(user).active().filter(exemplar__archived_at__isnull=True)
    if year:
        qs = qs.filter(exemplar__year=year)
    return qs.select_related("unit", "exemplar", "exemplar__unit").order_by("-exemplar__year", "exemplar_id",
                                                                             "since", "id")  # fmt: skip


def photos_of(exemplars: list[Exemplar]) -> dict[int, list[Attachment]]:
    """The active photos of each model, by model id (one query)."""
    from django.contrib.contenttypes.models import ContentType

    if not exemplars:
        return {}
    found: dict[int, list[Attachment]] = {e.pk: [] for e in exemplars}
    photos = Attachment.objects.filter(
        owner_type=ContentType.objects.get_for_model(Exemplar), owner_id__in=[str(e.pk) for e in exemplars],
        kind=Attachment.Kind.IMAGE, archived_at__isnull=True,
    ).order_by("uploaded_at", "id")  # fmt: skip
    for photo in photos:
        found[int(photo.owner_id)].append(photo)
    return found


def board_entries(board: HonourBoard, *, public: bool = False) -> QuerySet[Exemplar]:
    """The board's entries: the active models recognised in the federation's subtree in the board's year (on the
    public page, only those published)."""
    qs = Exemplar.objects.active().filter(unit__path__startswith=board.unit.path, year=board.year)
    if public:
        qs = qs.filter(published=True)
    return (
        qs.select_related("unit", "movement")
        .prefetch_related(
            Prefetch("replications", queryset=Replication.objects.active().select_related("unit"))
        )
        .order_by("kind", "-recognised_on", "id")
    )


def public_board(code: str, year: int) -> HonourBoard:
    """The published board of the unit with this code for this year, else 404 (unknown or not published alike)."""
    board = (
        HonourBoard.objects.select_related("unit")
        .filter(unit__code=code, year=year, published=True, archived_at__isnull=True).first()
    )  # fmt: skip
    if board is None:
        raise Http404
    return board


def public_photo(board: HonourBoard, pk: int) -> Attachment:
    """A photo shown on the public page: an image of a published entry of this published board, else 404."""
    from django.contrib.contenttypes.models import ContentType

    photo = Attachment.objects.filter(pk=pk, owner_type=ContentType.objects.get_for_model(Exemplar),
                                      kind=Attachment.Kind.IMAGE, archived_at__isnull=True).first()  # fmt: skip
    if photo is None or not board_entries(board, public=True).filter(pk=int(photo.owner_id)).exists():
        raise Http404
    return photo
