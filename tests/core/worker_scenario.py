"""Steps the real-worker tests run in a separate process against a file database.

``python -m tests.core.worker_scenario setup`` migrates the database and creates a place with a
measure and an area;
``python -m tests.core.worker_scenario enqueue FILENAME`` queues an upload of a one-row file
for a strategy officer of that place, through the same services the upload page calls, and
prints the batch's id.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.core.worker_settings")
    django.setup()
    from django.contrib.auth import get_user_model

    from onefuture.core.models import Role
    from onefuture.core.services import membership_set
    from onefuture.measures.services import import_batch_create, measure_upsert
    from onefuture.measures.tasks import import_enqueue
    from onefuture.places.models import Area, Place

    if argv[0] == "setup":
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        place = Place.objects.create(slug="riverton", name="Riverton")
        Area.objects.create(place=place, code="E08000099", name="Riverton", type="local_authority")
        measure_upsert(
            place=place,
            key="employment",
            title="Adults in employment",
            definition="Percentage of people aged 16 to 64 in work.",
            value_type="proportion",
            multiplier=100,
            unit="%",
            polarity="high_is_good",
            home_area="E08000099",
        )
        user = get_user_model().objects.create_user("officer", password="not-a-real-password-9")
        membership_set(user=user, place=place, role=Role.STRATEGY_OFFICER)
    elif argv[0] == "enqueue":
        filename = argv[1]
        place = Place.objects.get(slug="riverton")
        user = get_user_model().objects.get(username="officer")
        batch = import_batch_create(place=place, filename=filename, user=user)
        import_enqueue(
            batch=batch,
            data=b"measure,area,period,value\nemployment,E08000099,2024,74.5\n",
            filename=filename,
            dry_run=False,
        )
        print(batch.id)
    else:
        raise SystemExit(f"unknown step {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
