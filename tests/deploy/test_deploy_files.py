"""The files of deploy/ agree with the application (issue 16); `make deploy-check` runs them for real."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def template_names() -> set[str]:
    text = (DEPLOY / "thidua.env.template").read_text(encoding="utf-8")
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def names_read(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r"(?:environ\.get|env_bool|env_list)\(\s*\"([A-Z][A-Z0-9_]+)\"", text))


def test_the_env_template_lists_every_setting_the_application_reads():
    read = names_read(ROOT / "thidua" / "settings.py") | names_read(DEPLOY / "gunicorn.conf.py")
    assert "DATABASE_URL" in read and "WEB_CONCURRENCY" in read
    assert sorted(read - template_names()) == []


def test_the_env_template_lists_nothing_the_application_ignores():
    read = names_read(ROOT / "thidua" / "settings.py") | names_read(DEPLOY / "gunicorn.conf.py")
    assert sorted(template_names() - read) == []


def test_nginx_accepts_the_largest_upload_the_application_accepts():
    text = (DEPLOY / "nginx" / "thidua.conf").read_text(encoding="utf-8")
    (size,) = re.findall(r"client_max_body_size (\d+)m;", text)
    largest = max(
        settings.UPLOAD_MAX_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE, settings.ATTACHMENT_MAX_BYTES
    )
    assert largest <= int(size) * 1024 * 1024 <= largest + 2 * 1024 * 1024


def test_every_timer_runs_a_command_of_thidua_and_every_daily_command_has_a_timer():
    timers = sorted((DEPLOY / "systemd").glob("thidua-*.timer"))
    jobs = set()
    for timer in timers:
        (job,) = re.findall(r"^Unit=thidua-job@(\w+)\.service$", timer.read_text(), flags=re.MULTILINE)
        assert list(ROOT.glob(f"thidua/*/management/commands/{job}.py")), job
        jobs.add(job)
    daily = {
        path.stem
        for path in ROOT.glob("thidua/*/management/commands/*.py")
        if path.stem.startswith(("send_", "notify_"))
    } | {"backup"}
    assert sorted(daily - jobs) == []


def test_postgres_planner_settings_go_to_each_connection_only_when_asked_and_well_formed():
    import pytest
    from django.core.exceptions import ImproperlyConfigured

    from thidua.settings import postgres_options

    assert postgres_options({}) == ""
    asked = {"PG_JIT": "off", "PG_WORK_MEM": "32MB", "PG_RANDOM_PAGE_COST": "1.1"}
    assert postgres_options(asked) == "-c jit=off -c work_mem=32MB -c random_page_cost=1.1"
    with pytest.raises(ImproperlyConfigured, match="PG_WORK_MEM"):
        postgres_options({"PG_WORK_MEM": "32MB -c statement_timeout=1"})
