"""Admin: every measures page opens for a superuser; editing a value is kept in history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onefuture.measures.models import Assessment, DataPoint, ImportBatch, Measure
from onefuture.measures.services import import_file


@pytest.fixture
def loaded(place, write_csv, admin_client):
    import_file(
        place=place,
        source=write_csv(
            "measure,area,period,value,lower,upper\n"
            "smoking,E08000007,2021,12.5,11,14\n"
            "smoking,E92000001,2021,13.0,12.9,13.1\n"
        ),
    )
    return admin_client


@pytest.mark.parametrize("model", [Measure, DataPoint, ImportBatch, Assessment])
def test_list_and_change_pages_open(loaded, model):
    opts = model._meta
    response = loaded.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200
    obj = model.objects.first()
    response = loaded.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    assert response.status_code == 200


def test_editing_a_value_in_the_admin_is_kept_in_history_and_reassessed(loaded):
    point = DataPoint.objects.get(area__code="E08000007")
    url = reverse("admin:measures_datapoint_change", args=[point.pk])
    response = loaded.post(
        url,
        {"value": "14.5", "lower": "14.2", "upper": "14.8", "numerator": "", "denominator": "",
         "notes": "corrected", "source": "", "illustrative": ""},
    )  # fmt: skip
    assert response.status_code == 302, response.content[:2000]
    point.refresh_from_db()
    assert point.value == 14.5
    assert [h.value for h in point.history.order_by("history_date")][-1] == 14.5
    comparison = Assessment.objects.get(kind="comparison", area__code="E08000007")
    assert comparison.label == "worse"  # 14.2-14.8 is above England's 13.0; low is good


def test_import_batches_cannot_be_added_by_hand(loaded):
    response = loaded.get(reverse("admin:measures_importbatch_add"))
    assert response.status_code == 403


def _post_data(response) -> dict:
    """The change form's current values as a browser would post them (inlines included)."""
    from django import forms

    def put(data, name, field, value):
        if value is None or value is False:
            return
        if value is True:
            data[name] = "on"
        elif isinstance(field, forms.JSONField):
            data[name] = field.prepare_value(value)
        elif isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        else:
            data[name] = value

    data: dict = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        put(data, name, field, form[name].value())
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for sub in formset.forms:
            for name, field in sub.fields.items():
                put(data, sub.add_prefix(name), field, sub[name].value())
    return data


def _targets_post(admin_client, measure, values: dict[str, float]):
    url = reverse("admin:measures_measure_change", args=[measure.pk])
    data = _post_data(admin_client.get(url))
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    for index in range(int(data[f"{prefix}-TOTAL_FORMS"])):
        period = data[f"{prefix}-{index}-period"]
        if period in values:
            data[f"{prefix}-{index}-value"] = str(values[period])
    return admin_client.post(url, data)


def test_a_target_edited_in_the_admin_is_checked_and_reassessed(
    place, write_csv, admin_client, django_capture_on_commit_callbacks
):
    import_file(
        place=place,
        source=write_csv(
            "measure,area,period,value,lower,upper\n"
            + "".join(
                f"smoking,E08000007,{year},{value},{value - 1},{value + 1}\n"
                for year, value in [(2019, 14.0), (2020, 13.0), (2021, 12.0), (2022, 11.5)]
            )
        ),
    )
    measure = Measure.objects.get(key="smoking")

    def trajectory() -> str:
        return Assessment.objects.get(measure=measure, kind="trajectory").label

    assert trajectory() == "on_or_ahead"
    # A 2030 target stricter than the 2040 one is refused, naming both; nothing changes.
    response = _targets_post(admin_client, measure, {"2030": 1.5, "2040": 5})
    assert response.status_code == 200
    assert "2030 target (1.5) is stricter than the 2040 target (5)" in response.content.decode()
    assert measure.targets.get(period="2030").value == 10.0
    # A consistent change is saved and the verdict follows without any command.
    with django_capture_on_commit_callbacks(execute=True):
        response = _targets_post(admin_client, measure, {"2030": 2.0, "2040": 1.0})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert measure.targets.get(period="2030").value == 2.0
    assert trajectory() == "behind"
