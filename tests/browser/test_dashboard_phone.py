"""The dashboard's chart on a phone (390 px): every unit name beside the bars fits in the room the axis has."""

import datetime

from thidua.orgs import actions
from thidua.orgs.models import Unit

LONG_NAMES = [
    "Công đoàn cơ sở Công ty Trách nhiệm hữu hạn Một thành viên Xổ số kiến thiết Bến Tre",
    "Công đoàn cơ sở Trường Trung học phổ thông chuyên Bến Tre",
    "Công đoàn cơ sở Công ty Cổ phần Xuất nhập khẩu Thủy sản Bến Tre",
]

CHART_READY = (
    """() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart="children"]'))"""
)
MEASURE = """() => {
  const canvas = document.querySelector('canvas[data-chart="children"]');
  const chart = Chart.getChart(canvas);
  const scale = chart.scales.y;
  const ctx = chart.ctx;
  ctx.save();
  ctx.font = Chart.helpers.toFont(scale.options.ticks.font).string;
  const widths = scale.ticks.map((t, i) => {
    const lines = [].concat(scale.options.ticks.callback.call(scale, t.value, i, scale.ticks));
    return Math.max(...lines.map((line) => ctx.measureText(line).width));
  });
  ctx.restore();
  return {scaleLeft: scale.left, scaleWidth: scale.width, chartWidth: chart.width, widest: Math.max(...widths)};
}"""


def test_chart_labels_fit_on_a_phone(phone_page, login):
    parent = Unit.objects.get(code="CT")
    for i, name in enumerate(LONG_NAMES):
        unit = actions.create_unit(parent, by=None, code=f"DAI{i}", name=name, level="grassroots", sector="private",
                                   founded_on=datetime.date(2016, 1, 1))  # fmt: skip
        actions.create_person(
            by=None, unit=unit, full_name=f"Nguyễn Văn Số {i}", joined_on=datetime.date(2020, 1, 1)
        )
    login(phone_page, "district_leader")
    phone_page.goto("/")
    phone_page.wait_for_function(CHART_READY)
    figures = phone_page.evaluate(MEASURE)
    assert figures["chartWidth"] <= 390
    assert figures["scaleLeft"] >= 0
    assert figures["widest"] <= figures["scaleWidth"], figures
    assert figures["scaleWidth"] <= figures["chartWidth"] * 0.5, figures
