"""The roll-up of a whole national tree as a task (``thidua.core.tasks``): about 130,000 grassroots unions × 40
indicators is a few set-based queries, but too long for a request. At the confederation level the roll-up page
does not compute: it shows the last result computed by a worker (its time, and whether reports changed since), a
button to compute it again, and the progress while it runs. The task renders the same body the page shows for a
smaller tree (``reports/_rollup_body.html``) and keeps it, with the totals, in the task's result.

Old runs' files are swept by the task queue's housekeeping after ``ROLLUP_EXPORTS_MAX_AGE_DAYS`` (the last finished
run's files of each form and unit stay: the page links to them).

A result is *current* while no expected report of the form changed after the task started (the roll-up counts
approved reports: an approval, a return or a restructuring changes ``updated_at``).
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
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


def exports_dir() -> Path:
    return Path(getattr(settings, "ROLLUP_EXPORTS_DIR", None) or settings.VAR_DIR / "exports" / "rollup")


def _write_files(result) -> dict[str, dict[str, str]]:
    """The .xlsx and the sơ kết report (.docx, .pdf) of the roll-up, kept in a directory of this run."""
    from .rollup_export import export_files

    folder = exports_dir() / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    kept = {}
    for fmt, (name, body) in export_files(result).items():
        path = folder / f"{fmt}.{fmt}"
        path.write_bytes(body)
        kept[fmt] = {"path": str(path), "name": name}
    return kept


DEFAULT_EXPORTS_MAX_AGE_DAYS = 30.0


def sweep_exports(now: datetime.datetime) -> int:
    """Remove the files of national runs older than ``ROLLUP_EXPORTS_MAX_AGE_DAYS`` (by the age of their folder),
    except those of the last finished run of each form and unit — the files the page links to. Run by the task
    queue's housekeeping (``core.tasks.reap``). Returns how many files went."""
    root = exports_dir()
    if not root.is_dir():
        return 0
    age = float(getattr(settings, "ROLLUP_EXPORTS_MAX_AGE_DAYS", DEFAULT_EXPORTS_MAX_AGE_DAYS))
    cutoff = now.timestamp() - age * 86400
    last: dict[tuple[Any, Any], dict] = {}
    done = Task.objects.filter(kind=KIND, status=Task.Status.DONE).order_by("-finished_at", "-pk")
    for kwargs, result in done.values_list("kwargs", "result"):
        last.setdefault((kwargs.get("form"), kwargs.get("unit")), result or {})
    kept = {
        Path(kept["path"]).parent.name
        for result in last.values()
        for kept in (result.get("files") or {}).values()
    }
    removed = 0
    for folder in root.iterdir():
        try:
            if not folder.is_dir() or folder.name in kept or folder.stat().st_mtime >= cutoff:
                continue
            for path in folder.iterdir():
                path.unlink(missing_ok=True)
                removed += 1
            folder.rmdir()
        except OSError:
            continue
    return removed


def stored_file(form: ReportForm, unit: Unit, fmt: str) -> tuple[Path, str] | None:
    """(path, file name) of ``fmt`` made by the last finished run for ``form`` and ``unit``, if it is still there."""
    done = tasks_of(form, unit).filter(status=Task.Status.DONE).first()
    kept = ((done.result or {}).get("files") or {}).get(fmt) if done is not None else None
    if not kept:
        return None
    path = Path(kept["path"])
    if exports_dir().resolve() not in path.resolve().parents or not path.is_file():
        return None
    return path, kept["name"]


def run_rollup_task(*, form: int, unit: int, progress) -> dict[str, Any]:
    """The task: the roll-up, its page body rendered, the totals by indicator code, and its files (.xlsx, .docx,
    .pdf) written for download."""
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
    progress(6, 6, _("Đang lập tệp Excel và báo cáo sơ kết"))
    files = _write_files(result)
    return {
        "html": render_to_string("reports/_rollup_body.html", context),
        "files": files,
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
        "stored_files": bool((done.result or {}).get("files")) if done is not None else False,
        "stale": done is not None and changed is not None and changed > (done.started_at or done.created_at),
        "running": last is not None and last.status in (Task.Status.PENDING, Task.Status.RUNNING),
        "own_task": last is not None and last.created_by_id == getattr(user, "pk", None),
    }
