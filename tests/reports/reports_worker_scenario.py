"""Steps of the real-worker reports test, run in their own process against a file database.

``setup`` migrates and builds the tracker sample (Riverton, a strategy officer, a meeting);
``start`` asks for the scrutiny report in Word and PDF through the service, as the reports page
does (the database task backend: nothing runs until a worker takes it); ``status`` prints the
run's ``status|progress|stage|files``; ``files DIR`` writes the run's files into ``DIR``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.core.worker_settings")
    django.setup()
    from onefuture.reports.models import ReportFile, ReportRun

    if argv[0] == "setup":
        from django.core.management import call_command

        from tests.reports.tracker_sample import meeting, tracker_world

        call_command("migrate", interactive=False, verbosity=0)
        meeting(tracker_world(), dt.date(2024, 2, 27))
    elif argv[0] == "start":
        from django.contrib.auth import get_user_model

        from onefuture.places.models import Place
        from onefuture.reports.services import report_run_start

        report_run_start(
            user=get_user_model().objects.get(username="riverton-strategy"),
            place=Place.objects.get(slug="riverton"),
            kind="scrutiny",
            date=dt.date(2024, 2, 27),
            formats="docx,pdf",
        )
    elif argv[0] == "status":
        run = ReportRun.objects.order_by("-id").first()
        if run is None:
            print("none")
            return
        files = ReportFile.objects.filter(run=run).count()
        print(f"{run.status}|{run.progress}|{run.stage}|{files}")
    elif argv[0] == "files":
        run = ReportRun.objects.order_by("-id").first()
        for made in ReportFile.objects.filter(run=run):
            (Path(argv[1]) / made.name).write_bytes(bytes(made.data))


if __name__ == "__main__":
    main(sys.argv[1:])
