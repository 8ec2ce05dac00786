"""The national roll-up as a task (``reports.rollup_task``): at the confederation level the page does not compute
the whole tree in the request; a worker does (at once in tests, TASKS_INLINE), with progress, and the page shows
its result, says when reports changed since, and computes again on demand."""

import pytest
from django.utils import timezone

from tests.reports import rollup_builders as build
from thidua.core.models import Task
from thidua.reports import rollup_task
from thidua.reports.models import ExpectedReport

pytestmark = pytest.mark.django_db


def _url(form, unit):
    return f"/bao-cao/mau/{form.pk}/tong-hop/?unit={unit.pk}"


def test_the_national_page_waits_for_a_task_then_shows_its_result(tree, users, client, settings):
    assert settings.TASKS_INLINE
    season = build.standard_season(tree)
    client.force_login(users.admin)
    html = client.get(_url(season.form, tree.TLD)).content.decode()
    assert 'data-testid="rollup-start"' in html and 'data-testid="rollup-totals"' not in html
    assert client.post(_url(season.form, tree.TLD)).status_code == 302
    task = Task.objects.get(kind=rollup_task.KIND)
    assert task.status == Task.Status.DONE and (task.done, task.total) == (6, 6)
    # the same figures as the province's roll-up: 110 members from the approved leaves
    assert task.result["totals"]["R-MEM"] == "110" and task.result["totals"]["R-AWARD"] is None
    html = client.get(_url(season.form, tree.TLD)).content.decode()
    assert 'data-testid="rollup-task-result"' in html and 'data-testid="total-R-MEM"' in html
    assert "hãy tổng hợp lại" not in html


def test_a_report_changed_after_the_task_is_said_and_a_second_run_is_made(tree, users, client):
    season = build.standard_season(tree)
    client.force_login(users.admin)
    client.post(_url(season.form, tree.TLD))
    # DUA's report approved since (as the workflow would: its updated_at moves)
    ExpectedReport.objects.filter(pk=season.reports["DUA"].pk).update(
        status="approved", updated_at=timezone.now()
    )
    html = client.get(_url(season.form, tree.TLD)).content.decode()
    assert "hãy tổng hợp lại" in html
    client.post(_url(season.form, tree.TLD))
    assert Task.objects.filter(kind=rollup_task.KIND, status=Task.Status.DONE).count() == 2
    assert rollup_task.tasks_of(season.form, tree.TLD).first().result["totals"]["R-MEM"] == "150"


def test_a_province_s_roll_up_is_computed_in_the_request(tree, users, client):
    season = build.standard_season(tree)
    client.force_login(users.province_officer)
    html = client.get(_url(season.form, tree.BT)).content.decode()
    assert 'data-testid="rollup-totals"' in html and 'data-testid="rollup-task"' not in html
    assert client.post(_url(season.form, tree.BT)).status_code == 405
    assert not Task.objects.filter(kind=rollup_task.KIND).exists()


def test_outside_users_cannot_start_or_see_it(tree, users, client):
    season = build.standard_season(tree)
    client.force_login(users.outsider)
    assert client.post(_url(season.form, tree.TLD)).status_code == 404
    assert client.get(_url(season.form, tree.TLD)).status_code == 404
    assert not Task.objects.filter(kind=rollup_task.KIND).exists()


def test_the_national_files_are_made_by_the_task_and_downloaded_when_ready(
    tree, users, client, settings, tmp_path
):
    from io import BytesIO

    from openpyxl import load_workbook

    settings.ROLLUP_EXPORTS_DIR = tmp_path / "exports"
    season = build.standard_season(tree)
    client.force_login(users.admin)
    xlsx_url = f"/bao-cao/mau/{season.form.pk}/tong-hop/xuat-excel/?unit={tree.TLD.pk}"
    pdf_url = f"/bao-cao/mau/{season.form.pk}/tong-hop/bao-cao-so-ket.pdf?unit={tree.TLD.pk}"
    # nothing computed yet: no file is made in the request, the page says how to make it
    html = client.get(_url(season.form, tree.TLD)).content.decode()
    assert 'data-testid="rollup-xlsx"' not in html
    waiting = client.get(xlsx_url)
    assert waiting.status_code == 302 and waiting["Location"] == _url(season.form, tree.TLD)
    assert not (tmp_path / "exports").exists()
    client.post(_url(season.form, tree.TLD))
    task = Task.objects.get(kind=rollup_task.KIND)
    assert set(task.result["files"]) == {"xlsx", "docx", "pdf"}
    html = client.get(_url(season.form, tree.TLD)).content.decode()
    assert 'data-testid="rollup-xlsx"' in html and 'data-testid="rollup-files-when"' in html
    response = client.get(xlsx_url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames[:2] == ["Tổng hợp", "Theo đơn vị"]
    totals = {row[0]: row[3] for row in book["Tổng hợp"].iter_rows(values_only=True) if row and row[0]}
    assert totals["R-MEM"] == 110  # the figure the task computed
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    # outsiders get nothing, ready or not
    client.force_login(users.outsider)
    assert client.get(xlsx_url).status_code == 404


def test_a_stored_path_outside_the_exports_folder_is_never_served(tree, users, client, settings, tmp_path):
    settings.ROLLUP_EXPORTS_DIR = tmp_path / "exports"
    season = build.standard_season(tree)
    client.force_login(users.admin)
    client.post(_url(season.form, tree.TLD))
    task = Task.objects.get(kind=rollup_task.KIND)
    Task.objects.filter(pk=task.pk).update(
        result={**task.result, "files": {"xlsx": {"path": "/etc/passwd", "name": "x.xlsx"}}}
    )
    assert rollup_task.stored_file(season.form, tree.TLD, "xlsx") is None


def test_old_runs_files_are_swept_by_the_queues_housekeeping_but_not_the_last_runs(
    tree, users, client, settings, tmp_path
):
    import datetime
    import os

    from django.utils import timezone

    from thidua.core import tasks

    settings.ROLLUP_EXPORTS_DIR = exports = tmp_path / "exports"
    settings.ROLLUP_EXPORTS_MAX_AGE_DAYS = 30
    season = build.standard_season(tree)
    client.force_login(users.admin)
    client.post(_url(season.form, tree.TLD))
    last_run = rollup_task.stored_file(season.form, tree.TLD, "xlsx")[0].parent
    earlier, recent = exports / "earlier-run", exports / "recent-run"
    for folder in (earlier, recent):
        folder.mkdir()
        (folder / "xlsx.xlsx").write_bytes(b"x")
        (folder / "pdf.pdf").write_bytes(b"x")
    now = timezone.now()
    forty_days_ago = (now - datetime.timedelta(days=40)).timestamp()
    for folder in (earlier, last_run):
        os.utime(folder, (forty_days_ago, forty_days_ago))
    assert tasks.reap(now=now)["files"] == 2
    assert not earlier.exists()
    assert recent.exists() and last_run.exists()  # younger than 30 days; the files the page links to
    assert rollup_task.stored_file(season.form, tree.TLD, "xlsx") is not None
