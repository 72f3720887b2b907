"""The one chart module: bar and line charts as SVG that carry classes and no colour, named by a
title, described by a summary and pointing to the table of the same figures, which the one
include shows beside every chart."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from pusselbit.core import charts
from pusselbit.core.charts import Bar, Column, Table

SVG = "{http://www.w3.org/2000/svg}"
COLOURS = re.compile(r"#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(|fill=|stroke=|style|color", re.I)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def table(chart_id, rows, caption="Figures"):
    return Table(chart_id, caption, (Column("Name"), Column("Value", numeric=True)), rows)


def bars(*items):
    return [Bar(label, value, "–" if value is None else str(value)) for label, value in items]


def bar_chart(*items, empty=""):
    return charts.bar_chart(
        "c",
        "Money",
        bars(*items),
        table("c", tuple((label, str(value)) for label, value in items)),
        empty=empty,
    )


def line_chart(values, target=None, unit=""):
    return charts.line_chart(
        "l",
        "Level",
        [(label, Decimal(value)) for label, value in values],
        table("l", tuple(values)),
        unit=unit,
        target=target and (target[0], Decimal(target[1])),
    )


def parsed(svg):
    return ET.fromstring(str(svg))  # well-formed: no localised "12,5" in a coordinate


def of_class(root, tag, name):
    return [e for e in root.iter(SVG + tag) if name in e.get("class", "").split()]


def test_value_axis_starts_at_zero_and_ends_at_a_round_number():
    assert charts.value_range([Decimal("12"), Decimal("31")]) == (0, 40, 10)
    assert charts.value_range([Decimal("0.3")]) == (0, Decimal("0.3"), Decimal("0.1"))
    assert charts.value_range([Decimal("-5"), Decimal("7")]) == (-5, 10, 5)
    assert charts.value_range([Decimal("0")]) == (0, 1, Decimal("0.5"))
    assert charts.value_range([Decimal("250000")]) == (0, 300000, 100000)


@pytest.mark.parametrize(
    "chart",
    [
        lambda: bar_chart(("A", Decimal("3")), ("B", Decimal("-2")), ("C", None)),
        lambda: line_chart([("2019", "-4"), ("2020", "0"), ("2021", "7.5")], ("Target", "9")),
    ],
    ids=["bar", "line"],
)
def test_svg_has_classes_and_no_colour_and_names_itself(chart):
    chart = chart()
    svg = str(chart.svg)
    assert not COLOURS.search(svg), COLOURS.search(svg)
    root = parsed(svg)
    assert root.get("role") == "img" and root.get("focusable") == "false"
    assert root.get("aria-labelledby") == f"{chart.id}-title"
    assert root.find(SVG + "title").get("id") == f"{chart.id}-title"
    assert root.find(SVG + "title").text == chart.title
    assert root.find(SVG + "desc").get("id") == root.get("aria-describedby")
    assert root.find(SVG + "desc").text.endswith("the table beside the chart.")
    assert root.get("aria-details") == chart.table.id
    marks = [e for e in root.iter() if e.tag not in (SVG + "svg", SVG + "title", SVG + "desc")]
    assert marks and all(e.get("class", "").startswith("chart__") for e in marks)


def test_figure_shows_the_chart_beside_its_table():
    chart = bar_chart(("Falun", Decimal("10")), ("Mora", Decimal("0")))
    html = render_to_string("core/includes/chart_figure.html", {"chart": chart, "heading": "h4"})
    assert '<figure class="chart-figure" aria-labelledby="c-caption">' in html
    assert '<figcaption id="c-caption"><h4>Money</h4></figcaption>' in html
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert f'aria-details="{chart.table.id}"' in svg
    assert f'<table id="{chart.table.id}">' in html
    assert f'aria-labelledby="{chart.table.id}-caption"' in html
    assert f'<caption id="{chart.table.id}-caption">Figures</caption>' in html
    assert '<th scope="col">Name</th><th scope="col" class="numeric">Value</th>' in html
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="numeric">([^<]+)</td>', html)
    assert rows == [("Falun", "10"), ("Mora", "0")]


def test_texts_are_escaped_in_the_drawing_and_the_table():
    chart = bar_chart(("<b>A & B</b>", Decimal("1")))
    html = render_to_string("core/includes/chart_figure.html", {"chart": chart})
    assert "<b>" not in html
    assert html.count("&lt;b&gt;A &amp; B&lt;/b&gt;") == 3  # the bar's label, desc, table
    parsed(chart.svg)


def test_bars_of_negative_zero_and_missing_values_stand_on_the_zero_axis():
    chart = bar_chart(("Up", Decimal("30")), ("Down", Decimal("-10")), ("Flat", 0), ("None", None))
    root = parsed(chart.svg)
    axis = float(of_class(root, "line", "chart__axis")[0].get("x1"))
    up, down, flat = of_class(root, "rect", "chart__bar")  # no bar where there is no value
    x, width = float(up.get("x")), float(up.get("width"))
    assert x == axis and width > 0
    assert float(down.get("x")) + float(down.get("width")) == pytest.approx(axis)
    assert float(down.get("width")) == pytest.approx(width / 3, abs=0.1)
    assert float(flat.get("width")) == 0
    values = [e.text for e in of_class(root, "text", "chart__value")]
    assert values == ["30", "-10", "0", "–"]
    assert "3 bars. The largest is Up with 30." in chart.description


def test_bar_chart_with_nothing_to_draw_says_so():
    chart = bar_chart(("A", None), empty="No recipient has any funds yet.")
    assert chart.description == "No recipient has any funds yet."
    assert not of_class(parsed(chart.svg), "rect", "chart__bar")


def test_line_chart_of_a_single_point():
    chart = line_chart([("2020", "0")], unit="kommuner")
    root = parsed(chart.svg)
    assert len(of_class(root, "circle", "chart__point")) == 1
    assert of_class(root, "polyline", "chart__line")[0].get("points").count(",") == 1
    assert [e.text for e in of_class(root, "text", "chart__category")] == ["2020"]
    assert chart.description.startswith("One value: 0 kommuner for 2020.")
    assert of_class(root, "text", "chart__unit")[0].text == "kommuner"


def test_line_chart_of_negative_values_reaches_below_zero():
    with translation.override("sv"):
        chart = line_chart([("2019", "-4.5"), ("2020", "2"), ("2021", "3")])
    root = parsed(chart.svg)
    ticks = {e.text: float(e.get("y")) for e in of_class(root, "text", "chart__tick")}
    assert list(ticks) == ["-6", "-4", "-2", "0", "2", "4"]
    assert ticks["-6"] > ticks["0"] > ticks["4"]  # further down the drawing, lower values
    first, second, _third = (float(e.get("cy")) for e in of_class(root, "circle", "chart__point"))
    assert first > ticks["0"] > second
    # Values written above the points, in Swedish, while the coordinates stay numbers.
    assert [e.text for e in of_class(root, "text", "chart__value")] == ["-4,5", "2", "3"]
    assert "Lägst -4,5 (2019)" in chart.description


def test_line_chart_leads_on_to_a_target_with_a_dashed_line_and_a_hollow_point():
    chart = line_chart([("Baseline", "40"), ("2026-01-28", "45")], ("Target", "60"), "%")
    root = parsed(chart.svg)
    line, dashed = of_class(root, "polyline", "chart__line")
    assert "chart__line--target" in dashed.get("class") and "--target" not in line.get("class")
    assert len(line.get("points").split()) == 2
    assert dashed.get("points").split()[0] == line.get("points").split()[-1]
    targets = of_class(root, "circle", "chart__point--target")
    assert (
        len(targets) == 1 and targets[0].get("cx") == dashed.get("points").split()[1].split(",")[0]
    )
    assert "2 values, from 40 % for Baseline to 45 % for 2026-01-28" in chart.description
    assert "A dashed line leads on to the target, 60 %." in chart.description


def test_line_chart_with_many_points_skips_labels_and_values_but_names_the_last():
    chart = line_chart([(f"{2000 + n}-12-31", str(n)) for n in range(20)])
    root = parsed(chart.svg)
    labels = [e.text for e in of_class(root, "text", "chart__category")]
    assert labels[-1] == "2019-12-31" and 2 <= len(labels) < 20
    assert not of_class(root, "text", "chart__value")  # no room: the table has them
    assert len(of_class(root, "circle", "chart__point")) == 20
