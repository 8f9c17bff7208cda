"""The chart builders: the spec's data, the table and the CSV hold the same numbers."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onefuture.charts import (
    Bar,
    PathPoint,
    TrendPoint,
    breakdown_chart,
    builders,
    chart_svg,
    comparison_chart,
    trend_chart,
    ward_map,
)


@pytest.fixture(autouse=True)
def validate_specs(monkeypatch):
    """Every spec built in these tests is checked against the Vega-Lite JSON schema."""
    monkeypatch.setattr(builders, "VALIDATE", True)


def test_an_invalid_spec_is_caught_when_validating():
    import altair as alt
    import jsonschema

    with pytest.raises(jsonschema.ValidationError, match="wide"):
        builders._to_dict(
            alt.Chart(alt.InlineData(values=[])).mark_bar().encode(x="a:Q").properties(width="wide")
        )


def _inline_datasets(spec: dict) -> list:
    """Every inline ``data.values`` in a (layered) Vega-Lite spec."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and "values" in data:
                found.append(data["values"])
            for key, value in node.items():
                if key != "data":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    for values in spec.get("datasets", {}).values():
        found.append(values)
    return found


def _trend(**overrides):
    args = {
        "title": "Adults in employment",
        "unit": "%",
        "area_name": "Stockport",
        "points": [
            TrendPoint("2019/20", 2019, 70.04, 68.0, 72.1),
            TrendPoint("2020/21", 2020, 71.26, 69.3, 73.2),
            TrendPoint("2021/22", 2021, None),
            TrendPoint("2022/23", 2022, 72.5, 70.5, 74.51),
        ],
        "benchmark_name": "England",
        "benchmark": [PathPoint(2019, 71.0), PathPoint(2022, 72.0)],
        "target_path": [PathPoint(2022, 72.5), PathPoint(2030, 76.0), PathPoint(2040, 80.0)],
    }
    args.update(overrides)
    return trend_chart(**args)


def test_trend_spec_data_is_the_table_rows():
    chart = _trend()
    assert list(chart.rows) in _inline_datasets(chart.spec)
    assert [r["period"] for r in chart.rows] == [
        "2019/20",
        "2020/21",
        "2021/22",
        "2022/23",
        "2030",
        "2040",
    ]
    # Rounded once, to the chart's decimals: the same number everywhere.
    assert chart.rows[0]["value"] == 70.0
    assert chart.rows[1]["value"] == 71.3
    assert chart.rows[3]["upper"] == 74.5
    assert chart.rows[2]["value"] is None
    assert [c.label for c in chart.columns] == [
        "Period",
        "Stockport",
        "Lower 95% limit",
        "Upper 95% limit",
        "England",
        "Target path",
    ]
    assert chart.table()[3] == ["2022/23", "72.5", "70.5", "74.5", "72.0", "72.5"]
    assert chart.table()[2] == ["2021/22", "", "", "", "", ""]


def test_trend_legend_names_every_series_and_no_benchmark_means_no_column():
    chart = _trend(benchmark=(), benchmark_name="")
    text = json.dumps(chart.spec)
    assert "Target path" in text and "England" not in text
    assert "benchmark" not in [c.key for c in chart.columns]
    assert "and the target path" in chart.alt


def test_csv_equals_the_table_numbers():
    chart = _trend()
    parsed = list(csv.reader(io.StringIO(chart.csv_text())))
    assert parsed[0] == [*(c.label for c in chart.columns), "illustrative"]
    for row, record in zip(parsed[1:], chart.rows, strict=True):
        assert row[-1] == ("yes" if chart.illustrative else "")
        for cell, column in zip(row[:-1], chart.columns, strict=True):
            value = record[column.key]
            if value is None:
                assert cell == ""
            elif column.numeric:
                assert float(cell) == value
            else:
                assert cell == value


def test_illustrative_is_in_the_title_and_the_text_alternative():
    chart = _trend(illustrative=True)
    assert chart.spec["title"]["text"].startswith("Illustrative: ")
    assert chart.alt.startswith("Illustrative.")
    assert chart.illustrative
    assert not _trend().spec["title"]["text"].startswith("Illustrative")


def test_comparison_highlights_the_area_and_lists_the_benchmark_in_the_table():
    chart = comparison_chart(
        title="Smoking prevalence",
        unit="%",
        areas=[
            Bar("Trafford", 10.2, 8.1, 12.3, code="E08000009"),
            Bar("Stockport", 11.0, 9.0, 13.0, code="E08000007", highlight=True),
        ],
        benchmark_name="England",
        benchmark_value=11.64,
        period="2023",
    )
    assert [r["group"] for r in chart.rows] == ["Statistical neighbour", "This area", "Benchmark"]
    assert chart.rows[-1]["label"] == "England" and chart.rows[-1]["value"] == 11.6
    # One dataset feeds the bars, the limits and the England line: it is the table.
    assert list(chart.rows) in _inline_datasets(chart.spec)
    svg = chart_svg(chart.spec)
    assert "England" in svg and "Stockport" in svg and "Trafford" in svg
    assert "Stockport and 1 statistical neighbours" in chart.alt


def test_breakdown_keeps_the_decile_order():
    chart = breakdown_chart(
        title="Healthy life expectancy",
        unit="years",
        categories=[Bar(f"Decile {d}", 50 + d, 48 + d, 52 + d) for d in range(1, 11)],
        category_name="Deprivation decile (1 = most deprived)",
        reference_name="Stockport",
        reference_value=60.0,
    )
    assert [r["label"] for r in chart.rows][:3] == ["Decile 1", "Decile 2", "Decile 3"]
    assert chart.rows[-1]["label"] == "Stockport"
    assert list(chart.rows) in _inline_datasets(chart.spec)
    assert "Decile 10" in chart_svg(chart.spec)


def _squares(codes):
    features = []
    for i, code in enumerate(codes):
        x = -2.2 + i * 0.01
        ring = [[x, 53.4], [x + 0.01, 53.4], [x + 0.01, 53.41], [x, 53.41], [x, 53.4]]
        features.append(
            {
                "type": "Feature",
                "properties": {"area_code": code, "area_name": f"Ward {i}"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def test_ward_map_joins_values_on_code_and_keeps_wards_without_values():
    geo = _squares(["E05000001", "E05000002", "E05000003"])
    chart = ward_map(
        title="Obesity",
        unit="%",
        boundaries=geo,
        wards=[Bar("Ward 0", 20.0, code="E05000001"), Bar("Ward 1", 25.5, code="E05000002")],
        attribution="Contains OS data © Crown copyright",
    )
    lookups = [d for d in _inline_datasets(chart.spec) if isinstance(d, list)]
    assert list(chart.rows) in lookups
    # The licence's attribution is in the chart (split to fit) and under it.
    assert chart.spec["title"]["subtitle"][-2:] == ["Contains OS data", "© Crown copyright"]
    assert chart.notes == ("Contains OS data © Crown copyright",)
    svg = chart_svg(chart.spec)
    # Three wards drawn: two filled by value and the grey outline of all three underneath.
    assert svg.count("<path") >= 5


def test_ward_map_names_codes_missing_from_the_boundaries():
    with pytest.raises(ValueError, match="E05999999"):
        ward_map(
            title="Obesity",
            unit="%",
            boundaries=_squares(["E05000001"]),
            wards=[Bar("Nowhere", 1.0, code="E05999999")],
        )


def test_empty_input_is_refused_in_words():
    with pytest.raises(ValueError, match="trend chart needs at least one value"):
        _trend(points=[])


def test_static_svg_is_drawn_from_the_same_spec():
    chart = _trend()
    svg = chart_svg(chart.spec)
    assert svg.startswith("<svg")
    assert "Adults in employment" in svg
    assert "Target path" in svg and "England" in svg
    assert chart_svg(chart.spec) is svg  # cached by content


def test_spec_json_cannot_close_the_script_element():
    chart = _trend(area_name="</script><b>x")
    text = chart.spec_json()
    assert "</script>" not in text and "<b>" not in text
    assert json.loads(text)["layer"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True, width=32)),
        min_size=1,
        max_size=8,
    )
)
def test_any_values_give_finite_or_missing_numbers(values):
    points = [TrendPoint(str(2000 + i), 2000 + i, v) for i, v in enumerate(values)]
    chart = trend_chart(title="t", unit="u", area_name="A", points=points)
    for row, v in zip(chart.rows, values, strict=True):
        if v is None or not math.isfinite(v):
            assert row["value"] is None
        else:
            assert row["value"] == round(float(v), 1)
    chart.spec_json()  # no NaN or infinity reaches the JSON


def test_spine_puts_better_to_the_right_whatever_the_polarity():
    from onefuture.charts.spine import SpineRow, spine_chart

    rows = [
        SpineRow("Smoking", 11.0, 12.0, 8.0, 9.5, 13.0, 16.0, "Better than England", False),
        SpineRow("Employment", 77.6, 75.3, 70.1, 72.0, 76.9, 79.5, "Better than England", True),
        SpineRow("No comparators", 5.0, 4.0, None, None, None, None, "", True),
    ]
    chart = spine_chart(
        title="How Riverton compares",
        rows=rows,
        area_name="Riverton",
        benchmark_name="England",
        comparators_name="neighbours",
    )
    smoking, employment = chart.rows  # the row without comparators is left out
    # Lower smoking is better, so 11 (below England's 12) sits right of the centre line.
    assert smoking["pos_value"] > 0.5 and employment["pos_value"] > 0.5
    # Rows are scaled so the comparator farthest from England (4 either side) touches an end;
    # flipped for smoking: 16 (worst) at 0, 8 (best) at 1, the 20th–80th band 13 to 9.5.
    assert (smoking["pos_start"], smoking["pos_end"]) == (0.0, 1.0)
    assert (smoking["pos_mid_start"], smoking["pos_mid_end"]) == (0.375, 0.8125)
    assert employment["pos_start"] == 0.0 and employment["pos_end"] < 1.0
    assert list(chart.rows) in _inline_datasets(chart.spec)
    assert chart.table()[0] == [
        "Smoking",
        "11.0",
        "12.0",
        "8.0",
        "9.5",
        "13.0",
        "16.0",
        "Better than England",
    ]
    assert "Better than England" in chart_svg(chart.spec)
