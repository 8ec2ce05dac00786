"""The main pages as an officer gets them: time of one request (Django's test client, the whole middleware stack and
template), the number of SQL queries and the size of the HTML, against the floor of a bare authenticated view that
only loads the session and the user (``core:bare``), in the same run. DEBUG is off (bench/run.py).

BENCH_SCALE=demo|province (default province), BENCH_REPEAT (default 15), BENCH_DATABASE_URL (default a SQLite file
var/bench/<scale>.sqlite3, generated on first use by bench/generate.py). At demo scale every app's pages are measured
with the demo's data (officer ``bentre`` of the merged Vĩnh Long federation); at province scale the pages that the
generated tree and people feed (dashboard, tree, the province's and its largest area union's pages, people), for an
officer of the generated province.
"""

from __future__ import annotations

import os
import sys
import time

import run

run.apply()

import generate  # noqa: E402


def demo_pages(officer_unit):
    from django.urls import reverse

    from thidua.congresses.models import Congress
    from thidua.orgs.models import Unit
    from thidua.plans.models import Plan
    from thidua.proposals.models import Proposal
    from thidua.reports.models import ExpectedReport as Report

    plan = Plan.objects.filter(number=13, year=2017).order_by("pk").first()
    area = Unit.objects.get(code="VLG-KVCT")
    report = Report.objects.filter(unit__path__startswith=officer_unit.path).order_by("pk").first()
    proposal = Proposal.objects.filter(unit__path__startswith=officer_unit.path).order_by("pk").first()
    congress = Congress.objects.filter(unit__path__startswith=officer_unit.path).order_by("pk").first()
    pages = [
        ("dashboard", reverse("home:dashboard")),
        ("tree", reverse("orgs:unit-tree")),
        ("unit page (province)", reverse("orgs:unit-detail", args=[officer_unit.pk])),
        ("unit page (area union)", reverse("orgs:unit-detail", args=[area.pk])),
        ("people list", reverse("orgs:person-list")),
        ("people ?q=nguyen", reverse("orgs:person-list") + "?q=nguyen"),
        ("plan list", reverse("plans:plan-list")),
        ("plan 13/KH", reverse("plans:plan-detail", args=[plan.pk]) if plan else None),
        ("deployment 13/KH", reverse("plans:plan-deployment", args=[plan.pk]) if plan else None),
        ("calendar", reverse("plans:plan-calendar")),
        ("reports", reverse("reports:report-list")),
        ("a report", reverse("reports:report-detail", args=[report.pk]) if report else None),
        ("registrations", reverse("emulation:registration-list")),
        ("reward decisions", reverse("rewards:decision-list")),
        ("proposals", reverse("proposals:proposal-list")),
        ("a proposal", reverse("proposals:proposal-detail", args=[proposal.pk]) if proposal else None),
        ("councils", reverse("councils:council-list", args=[officer_unit.pk])),
        ("enterprises", reverse("enterprises:enterprise-list")),
        ("fund", reverse("union_fund:ledger")),
        ("congresses", reverse("congresses:progress")),
        ("a congress", reverse("congresses:congress-detail", args=[congress.pk]) if congress else None),
    ]
    return [(label, url) for label, url in pages if url]


def province_pages(province, district):
    from django.urls import reverse

    return [
        ("dashboard", reverse("home:dashboard")),
        ("tree", reverse("orgs:unit-tree")),
        ("unit page (province)", reverse("orgs:unit-detail", args=[province.pk])),
        ("unit page (area union)", reverse("orgs:unit-detail", args=[district.pk])),
        ("people list", reverse("orgs:person-list")),
        ("people ?q=nguyen", reverse("orgs:person-list") + "?q=nguyen"),
        ("plan list", reverse("plans:plan-list")),
        ("calendar", reverse("plans:plan-calendar")),
        ("reports", reverse("reports:report-list")),
        ("registrations", reverse("emulation:registration-list")),
        ("proposals", reverse("proposals:proposal-list")),
        ("enterprises", reverse("enterprises:enterprise-list")),
        ("congresses", reverse("congresses:progress")),
    ]


def cpu_timed(into: list[float], fn, *args):
    """``fn(*args)``, its CPU time (milliseconds) appended to ``into``: on the shared machine the wall time grows with
    the load average, the process's own CPU time much less."""
    start = time.process_time()
    result = fn(*args)
    into.append((time.process_time() - start) * 1000)
    return result


def bench_officer(unit):
    """An officer of ``unit`` for the benchmark (created once, through the accounts action)."""
    from django.contrib.auth import get_user_model

    from thidua.orgs.actions.accounts import grant_role
    from thidua.orgs.models import RoleAssignment

    user, created = get_user_model().objects.get_or_create(username=f"bench-{unit.code}".lower()[:150])
    if created or not RoleAssignment.objects.filter(user=user, unit=unit).exists():
        grant_role(user, unit, RoleAssignment.Role.OFFICER, by=None)
    return user


def main() -> int:
    scale = os.environ.get("BENCH_SCALE", "province")
    repeat = int(os.environ.get("BENCH_REPEAT", "15"))
    only = os.environ.get("BENCH_PAGES", "")
    generate.setup(scale)
    generate.ensure(scale)
    if scale == "demo":
        from thidua.home.demo import load_demo

        load_demo()  # every app's part of the demo (generate loads the tree and people only); idempotent

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from thidua.orgs.models import Person, Unit

    if not (settings.STATIC_ROOT / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    province, district = generate.generated_province(scale)
    if scale == "demo":
        from django.contrib.auth import get_user_model

        from thidua.orgs.demo.accounts import ensure_demo_accounts

        ensure_demo_accounts()
        user = get_user_model().objects.get(username="bentre")
        pages = demo_pages(province)
    else:
        user = bench_officer(province)
        pages = province_pages(province, district)
    if only:
        pages = [(label, url) for label, url in pages if any(word in label for word in only.split(","))]
    client = Client()
    client.force_login(user)
    print(
        f"scale {scale}: {Unit.objects.count():,} units, {Person.objects.count():,} people, {connection.vendor}; "
        f"officer {user.username} of {province.name}; DEBUG={settings.DEBUG}",
        flush=True,
    )

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    bare = reverse("core:bare")
    floor = generate.timed(lambda: get(bare), repeat)
    floor_median, _ = generate.median_p95(floor)
    print(f"bare view {bare}: median {floor_median:.1f} ms", flush=True)
    for label, url in pages:
        with CaptureQueriesContext(connection) as queries:
            size = len(get(url).content)
        count = len(queries)  # now: the next request empties the log it reads
        cpu: list[float] = []
        times = generate.timed(lambda url=url, cpu=cpu: cpu_timed(cpu, get, url), repeat)
        cpu_median, _ = generate.median_p95(cpu[2:])  # the two warm-up calls left out, as timed() does
        generate.report(
            label, times, floor, f"[CPU {cpu_median:.0f} ms, {count} queries, {size / 1024:.0f} KB] {url}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
