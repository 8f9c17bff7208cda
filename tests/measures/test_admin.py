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
