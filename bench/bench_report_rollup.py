"""The roll-up of a phase report form (thidua.reports.rollup) and its completeness (thidua.reports.completeness)
for the generated tree's root, the province and its largest area union, against hand-written SQL doing the same
statements in the same run.

A reporting season is added to the generated data on first use (deterministic, in bulk like the generator): a form of
40 indicators of the default catalog for phase 1 of 2026 (the generated tree is that of 2025), issued by the tree's root, one expected report
for every active unit below it at a reporting level (province, upper-level, grassroots), with the unit above as the
approving ``parent``. About 80 % of reports are approved, 5 % accepted, 7 % submitted, 4 % drafts, 2 % returned and
the rest not started; every report sent has a value for each entered indicator (approximate for one money value in
ten, a target for the percent-of-target indicators).

BENCH_SCALE=demo|province|national (default province), BENCH_REPEAT (default 10), BENCH_DATABASE_URL (default a
SQLite file var/bench/<scale>.sqlite3, generated on first use by bench/generate.py), BENCH_PROVINCES=N (national
scale: generate only the first N provinces, a bounded trial).
"""

import datetime
import os
import random
import sys
import time

import generate

YEAR = 2026
TITLE = f"Báo cáo kết quả đợt 1 năm {YEAR} (benchmark)"
INDICATORS = 40


def add_season(log_start: float):
    """The reporting season of YEAR over every unit that reports, unless it is there. Returns the form."""
    from django.db import transaction
    from django.utils import timezone

    from thidua.orgs.models import Level, Unit
    from thidua.plans.models import Phase, Plan
    from thidua.reports.models import ExpectedReport, Indicator, ReportForm, ReportFormIndicator, ReportValue

    found = ReportForm.objects.filter(title=TITLE).first()
    if found is not None:
        return found
    rng = random.Random(f"{generate.SEED}-reports-{YEAR}")
    root = Unit.objects.filter(depth=1).order_by("path").first()
    now = timezone.now()
    indicators = list(
        Indicator.objects.filter(owner__isnull=True).exclude(aggregation="none").order_by("order", "code")
    )
    chosen = indicators[:INDICATORS]
    entered = [i for i in chosen if i.aggregation != "ratio"]
    due = datetime.date(YEAR, 7, 15)
    with transaction.atomic():
        plan = Plan.objects.create(issuer=root, number=9024, symbol="KH-TLĐ", year=YEAR, title="Thi đua năm 2024",
                                   date=datetime.date(YEAR, 1, 5), status="issued", issued_at=now)  # fmt: skip
        phase = Phase.objects.create(plan=plan, order=1, name="Đợt 1", start=datetime.date(YEAR, 1, 1),
                                     end=datetime.date(YEAR, 6, 30), report_due=due)  # fmt: skip
        form = ReportForm.objects.create(phase=phase, title=TITLE, levels=["province", "upper", "grassroots"],
                                         period_start=phase.start, period_end=phase.end, due_on=due,
                                         status="published", published_at=now)  # fmt: skip
        ReportFormIndicator.objects.bulk_create(
            [ReportFormIndicator(form=form, indicator=i, order=n) for n, i in enumerate(chosen, start=1)]
        )
        units = list(
            Unit.objects.filter(depth__gt=1, level__in=[Level.PROVINCE, Level.UPPER, Level.GRASSROOTS])
            .active()
            .values_list("pk", "path")
        )
        by_path = dict((path, pk) for pk, path in units)
        by_path[root.path] = root.pk
        reports = []
        for pk, path in units:
            draw = rng.random()
            status = ("approved" if draw < 0.80 else "accepted" if draw < 0.85 else "submitted" if draw < 0.92
                      else "draft" if draw < 0.96 else "returned" if draw < 0.98 else "not_started")  # fmt: skip
            sent = status in ("approved", "accepted", "submitted")
            late = rng.random() < 0.1
            submitted = (
                timezone.make_aware(datetime.datetime.combine(due + datetime.timedelta(days=5 if late else -2),
                                                              datetime.time(9)))
                if sent else None
            )  # fmt: skip
            parent = by_path.get(path[: -Unit.steplen])
            reports.append(ExpectedReport(form=form, unit_id=pk, parent_id=parent, status=status, due_on=due,
                                          submitted_at=submitted,
                                          approved_at=submitted if status in ("approved", "accepted") else None))  # fmt: skip
        ExpectedReport.objects.bulk_create(reports, batch_size=5000)
        values = []
        for report in reports:
            if report.status not in ("approved", "accepted", "submitted"):
                continue
            for i in entered:
                money = i.unit_of_measure == "dong"
                value = rng.randrange(1_000_000, 500_000_000, 1000) if money else rng.randrange(0, 400)
                values.append(ReportValue(
                    report_id=report.pk, indicator_id=i.pk, value=value,
                    approximate=money and rng.random() < 0.1,
                    target=rng.randrange(1, 400) if i.aggregation == "percent_of_target" else None,
                ))  # fmt: skip
            if len(values) > 50_000:
                ReportValue.objects.bulk_create(values, batch_size=5000)
                values = []
        ReportValue.objects.bulk_create(values, batch_size=5000)
    generate.log(f"season {YEAR}: {len(reports):,} expected reports, "
                 f"{ReportValue.objects.filter(report__form=form).count():,} values", log_start)  # fmt: skip
    return form


def main() -> int:
    scale = os.environ.get("BENCH_SCALE", "province")
    repeat = int(os.environ.get("BENCH_REPEAT", "10"))
    generate.setup(scale)
    generate.ensure(scale, int(os.environ.get("BENCH_PROVINCES") or 0) or None)
    started = time.monotonic()
    form = add_season(started)

    from django.db import connection

    from thidua.orgs.models import Unit, UnitVersion
    from thidua.reports.completeness import completeness
    from thidua.reports.models import ExpectedReport, ReportFormIndicator, ReportValue
    from thidua.reports.rollup import rollup

    qn = connection.ops.quote_name
    unit_t, version_t = qn(Unit._meta.db_table), qn(UnitVersion._meta.db_table)
    report_t, value_t = qn(ExpectedReport._meta.db_table), qn(ReportValue._meta.db_table)
    form_ind_t = qn(ReportFormIndicator._meta.db_table)
    sqlite = connection.vendor == "sqlite"
    in_subtree = "v.path >= %s AND v.path < %s" if sqlite else "v.path LIKE %s"

    def subtree(path):
        return [path, path + "~"] if sqlite else [path + "%"]

    day = form.period_end
    on_day = "v.unit_id = r.unit_id AND v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s)"
    approved = "r.status IN ('approved', 'accepted')"
    leaf = (f"NOT EXISTS (SELECT 1 FROM {report_t} c WHERE c.form_id = r.form_id AND c.parent_id = r.unit_id "
            "AND c.archived_at IS NULL)")  # fmt: skip

    def floor(unit):
        """The roll-up's eight statements written by hand, returning the total of the heavy query."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT i.id, i.code, i.aggregation, i.numerator_id, i.denominator_id, i.part_of_id FROM "
                           f"{form_ind_t} fi JOIN reports_indicator i ON i.id = fi.indicator_id WHERE fi.form_id = %s "
                           "ORDER BY fi.\"order\", fi.id", [form.pk])  # fmt: skip
            cursor.fetchall()
            cursor.execute(f"SELECT path, depth FROM {version_t} WHERE unit_id = %s AND valid_from <= %s AND "
                           "(valid_to IS NULL OR valid_to > %s) LIMIT 1", [unit.pk, day, day])  # fmt: skip
            path, depth = cursor.fetchone()
            width = (depth + 1) * Unit.steplen
            cursor.execute(
                f"SELECT substr(v.path, 1, {width}), u.sector, rv.indicator_id, SUM(rv.value), COUNT(rv.value), "
                f"COUNT(CASE WHEN rv.approximate AND rv.value IS NOT NULL THEN 1 END), SUM(rv.target) FROM {value_t} rv "
                f"JOIN {report_t} r ON r.id = rv.report_id JOIN {unit_t} u ON u.id = r.unit_id "
                f"JOIN {version_t} v ON {on_day} WHERE r.form_id = %s AND r.archived_at IS NULL AND {approved} "
                f"AND {in_subtree} AND {leaf} GROUP BY 1, 2, 3",
                [day, day, form.pk, *subtree(path)],
            )
            total = sum(row[3] or 0 for row in cursor.fetchall())
            cursor.execute(
                f"SELECT substr(v.path, 1, {width}), COUNT(*), SUM(CASE WHEN {approved} THEN 1 ELSE 0 END) "
                f"FROM {report_t} r JOIN {version_t} v ON {on_day} WHERE r.form_id = %s AND r.archived_at IS NULL "
                f"AND {in_subtree} GROUP BY 1", [day, day, form.pk, *subtree(path)])  # fmt: skip
            cursor.fetchall()
            cursor.execute(f"SELECT v.id, v.name, v.path, u.id, u.name FROM {version_t} v JOIN {unit_t} u ON "
                           f"u.id = v.unit_id WHERE {in_subtree} AND v.depth = %s AND v.valid_from <= %s AND "
                           "(v.valid_to IS NULL OR v.valid_to > %s) ORDER BY v.sort_key, v.path",
                           [*subtree(path), depth + 1, day, day])  # fmt: skip
            cursor.fetchall()
            consolidation = leaf.replace("NOT EXISTS", "EXISTS")
            cursor.execute(
                f"SELECT r.id, r.unit_id, v.path, rv.indicator_id, rv.value, rv.approximate, rv.target "
                f"FROM {report_t} r JOIN {version_t} v ON {on_day} JOIN {value_t} rv ON rv.report_id = r.id "
                f"WHERE r.form_id = %s AND r.archived_at IS NULL AND r.status IN ('submitted', 'approved', "
                f"'accepted') AND {in_subtree} AND (v.depth <= %s OR {consolidation})",
                [day, day, form.pk, *subtree(path), depth + 1],
            )
            own = cursor.fetchall()
            parents = sorted({row[1] for row in own})
            if parents:
                marks = ", ".join(["%s"] * len(parents))
                cursor.execute(
                    f"SELECT r.parent_id, rv.indicator_id, SUM(rv.value), COUNT(rv.value), "
                    f"COUNT(CASE WHEN rv.approximate AND rv.value IS NOT NULL THEN 1 END), SUM(rv.target) FROM {value_t} rv "
                    f"JOIN {report_t} r ON r.id = rv.report_id WHERE r.form_id = %s AND r.archived_at IS NULL AND "
                    f"{approved} AND r.parent_id IN ({marks}) GROUP BY 1, 2", [form.pk, *parents])  # fmt: skip
                cursor.fetchall()
                cursor.execute(f"SELECT r.id, u.id, u.name FROM {report_t} r JOIN {unit_t} u ON u.id = r.unit_id "
                               f"WHERE r.form_id = %s AND r.unit_id IN ({marks})", [form.pk, *parents])  # fmt: skip
                cursor.fetchall()
            cursor.execute(
                f"SELECT p.report_id, i.part_of_id, SUM(p.value), w.value FROM {value_t} p "
                f"JOIN reports_indicator i ON i.id = p.indicator_id JOIN {value_t} w ON w.report_id = p.report_id "
                f"AND w.indicator_id = i.part_of_id JOIN {report_t} r ON r.id = p.report_id JOIN {version_t} v "
                f"ON {on_day} WHERE r.form_id = %s AND r.archived_at IS NULL AND r.status IN ('submitted', "
                f"'approved', 'accepted') AND {in_subtree} AND p.value IS NOT NULL "
                f"GROUP BY p.report_id, i.part_of_id, w.value HAVING SUM(p.value) > w.value",
                [day, day, form.pk, *subtree(path)],
            )
            cursor.fetchall()
        return total

    def completeness_floor(unit):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT path, depth FROM {version_t} WHERE unit_id = %s AND valid_from <= %s AND "
                           "(valid_to IS NULL OR valid_to > %s) LIMIT 1", [unit.pk, day, day])  # fmt: skip
            path, depth = cursor.fetchone()
            width = (depth + 1) * Unit.steplen
            today = datetime.date(YEAR, 8, 1)
            due = "COALESCE(r.late_entry_until, r.due_on)"
            missing = "r.status IN ('not_started', 'draft', 'returned')"
            cursor.execute(
                f"SELECT substr(v.path, 1, {width}), u.sector, r.status, COUNT(*), "
                f"SUM(CASE WHEN r.status IN ('submitted', 'approved', 'accepted') AND r.submitted_at < %s "
                f"THEN 1 ELSE 0 END), SUM(CASE WHEN {missing} AND {due} < %s THEN 1 ELSE 0 END), "
                f"MIN(CASE WHEN {missing} AND {due} < %s THEN {due} END) FROM {report_t} r "
                f"JOIN {unit_t} u ON u.id = r.unit_id JOIN {version_t} v ON {on_day} WHERE r.form_id = %s "
                f"AND r.archived_at IS NULL AND {in_subtree} AND v.depth > %s GROUP BY 1, 2, 3",
                [datetime.datetime.combine(form.due_on + datetime.timedelta(days=1), datetime.time()), today, today,
                 day, day, form.pk, *subtree(path), depth],
            )  # fmt: skip
            rows = cursor.fetchall()
            cursor.execute(f"SELECT v.id, v.name, u.id FROM {version_t} v JOIN {unit_t} u ON u.id = v.unit_id WHERE "
                           f"{in_subtree} AND v.depth = %s AND v.valid_from <= %s AND (v.valid_to IS NULL OR "
                           "v.valid_to > %s) ORDER BY v.sort_key, v.path", [*subtree(path), depth + 1, day, day])  # fmt: skip
            cursor.fetchall()
        return sum(row[3] for row in rows)

    province, district = generate.generated_province(scale)
    national = Unit.objects.filter(depth=1).order_by("path").first()
    values = ReportValue.objects.filter(report__form=form).count()
    print(f"scale {scale}: {Unit.objects.count():,} units, {form.expected_reports.count():,} expected reports, "
          f"{values:,} values, {connection.vendor}", flush=True)  # fmt: skip
    today = datetime.date(YEAR, 8, 1)
    for label, unit in (("national", national), ("province", province), ("district", district)):
        if unit is None:
            continue
        result = rollup(form, unit)
        total = sum(f.value or 0 for f in result.total.sums.values())
        assert floor(unit) == total, (label, floor(unit), total)
        summary = completeness(form, unit, today=today)
        assert completeness_floor(unit) == summary.total.expected, label
        name = (f"{unit.name} [{result.total.expected:,} reports, {result.total.approved:,} approved, "
                f"{len(result.indicators)} indicators, {len(result.by_child)} children]")  # fmt: skip
        generate.report(f"report rollup {label}", generate.timed(lambda unit=unit: rollup(form, unit), repeat),
                        generate.timed(lambda unit=unit: floor(unit), repeat), name)  # fmt: skip
        generate.report(f"report completeness {label}",
                        generate.timed(lambda unit=unit: completeness(form, unit, today=today), repeat),
                        generate.timed(lambda unit=unit: completeness_floor(unit), repeat),
                        f"[{summary.total.missing:,} missing, {summary.total.late:,} late]")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
