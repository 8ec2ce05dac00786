"""The roll-up of a whole national tree as a task (``thidua.core.tasks``): about 130,000 grassroots unions × 40
indicators is a few set-based queries, but too long for a request. At the confederation level the roll-up page
does not compute: it shows the last result computed by a worker (its time, and whether reports changed since), a
button to compute it again, and the progress while it runs. The task renders the same body the page shows for a
smaller tree (``reports/_rollup_body.html``) and keeps it, with the totals, in the task's result.

A result is *current* while no expected report of the form changed after the task started (the roll-up counts
approved reports: an approval, a return or a restructuring changes ``updated_at``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from thidua.core.models import Task
from thidua.core.tasks import start_task
from thidua.orgs.models import Level, Unit

from .models import ExpectedReport, ReportForm

KIND = "reports.rollup"


def runs_as_task(unit: Unit) -> bool:
    """The roll-up of the confederation's whole tree runs in a worker."""
    return unit.level == Level.NATIONAL


def tasks_of(form: ReportForm, unit: Unit):
    return Task.objects.filter(kind=KIND, kwargs__form=form.pk, kwargs__unit=unit.pk).order_by(
        "-created_at", "-pk"
    )


def start_rollup(form: ReportForm, unit: Unit, *, by) -> Task:
    """Queue the roll-up of ``form`` over ``unit``'s tree, unless one is already waiting or running."""
    waiting = tasks_of(form, unit).filter(status__in=[Task.Status.PENDING, Task.Status.RUNNING]).first()
    if waiting is not None:
        return waiting
    title = _("Tổng hợp “%(form)s” toàn %(unit)s") % {"form": form.title, "unit": unit.name}
    return start_task(KIND, title, run_rollup_task, by=by, idempotent=True, form=form.pk, unit=unit.pk)


def run_rollup_task(*, form: int, unit: int, progress) -> dict[str, Any]:
    """The task: the roll-up, its page body rendered, the totals by indicator code."""
    from .rollup import rollup
    from .rollup_display import page_context

    report_form = ReportForm.objects.select_related("phase__plan__issuer").get(pk=form)
    top = Unit.objects.get(pk=unit)
    result = rollup(report_form, top, progress=progress)
    context = {"form": report_form, "unit": top, "version": result.version, "day": result.day,
               **page_context(result)}  # fmt: skip
    totals = {
        i.code: (str(result.total.figures[i.pk].value) if result.total.figures.get(i.pk) is not None
                 and result.total.figures[i.pk].value is not None else None)
        for i in result.indicators
    }  # fmt: skip
    return {
        "html": render_to_string("reports/_rollup_body.html", context),
        "totals": totals,
        "expected": result.total.expected,
        "approved": result.total.approved,
    }


def page_state(form: ReportForm, unit: Unit, user) -> dict[str, Any]:
    """What the national page shows: the last task (done or not), the last finished result and whether reports
    changed since it began (two queries)."""
    last = tasks_of(form, unit).first()
    done = last if last is not None and last.status == Task.Status.DONE else (
        tasks_of(form, unit).filter(status=Task.Status.DONE).first() if last is not None else None
    )  # fmt: skip
    changed = ExpectedReport.objects.filter(form=form).aggregate(at=Max("updated_at"))["at"]
    return {
        "task_mode": True,
        "stored_task": last,
        "stored_result": done,
        "stored_html": (done.result or {}).get("html", "") if done is not None else "",
        "stale": done is not None and changed is not None and changed > (done.started_at or done.created_at),
        "running": last is not None and last.status in (Task.Status.PENDING, Task.Status.RUNNING),
        "own_task": last is not None and last.created_by_id == getattr(user, "pk", None),
    }
