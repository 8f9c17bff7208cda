"""Steps of the real-worker editor test, run in their own process against a file database.

``setup`` migrates, builds the measures sample (Riverton, "Adults in employment", assessed) and
a strategy officer; ``edit`` posts the editor form as the officer would (2030 target 90, 2040
target 95) through Django's test client, so the re-assessment is queued for the worker on
commit; ``status`` prints the re-assessment's status and the measure's progress verdict.
"""

from __future__ import annotations

import os
import sys

EDIT = "/places/riverton/workspace/measures/employment/"


def main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.core.worker_settings")
    django.setup()
    from django.contrib.auth import get_user_model

    from onefuture.measures.models import Assessment, Reassessment

    if argv[0] == "setup":
        from django.core.management import call_command

        from onefuture.core.models import Role
        from onefuture.core.services import membership_set
        from onefuture.measures.services import assessments_recompute
        from tests.measures.pages_sample import measures_sample

        call_command("migrate", interactive=False, verbosity=0)
        sample = measures_sample()
        Assessment.objects.filter(measure=sample.measure).delete()
        assessments_recompute(place=sample.place, measure_ids=[sample.measure.id])
        user = get_user_model().objects.create_user("officer", password="not-a-real-password-9")
        membership_set(user=user, place=sample.place, role=Role.STRATEGY_OFFICER)
    elif argv[0] == "edit":
        from django.test import Client
        from django.test.utils import setup_test_environment

        from tests.measures.test_editor import _form_data, _target_row

        setup_test_environment()  # the test client's host is allowed; tasks stay queued
        client = Client()
        client.force_login(get_user_model().objects.get(username="officer"))
        data = _form_data(client, EDIT)
        data[_target_row(data, "2030") + "-value"] = ["90"]
        data[_target_row(data, "2040") + "-value"] = ["95"]
        data["save"] = ["1"]
        response = client.post(EDIT, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    elif argv[0] == "status":
        record = Reassessment.objects.order_by("-id").first()
        progress = Assessment.objects.get(
            measure__key="employment", kind="progress", breakdown="none"
        )
        print(f"{record.status if record else 'none'}|{progress.label}")
    else:
        raise SystemExit(f"unknown step {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
