"""Steps of the real-worker theme test, run in their own process against a file database.

``setup`` migrates and builds the themes sample (36 comments, an engagement officer);
``start`` queues a theme run through the service, as the themes page does (the database task
backend: nothing runs until a worker takes it); ``status`` prints the run's
``status|progress|themes``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.core.worker_settings")
    django.setup()
    from onefuture.engagement.models import Theme, ThemeRun

    if argv[0] == "setup":
        from django.core.management import call_command

        from tests.engagement.themes_sample import themes_world

        call_command("migrate", interactive=False, verbosity=0)
        themes_world()
    elif argv[0] == "start":
        from django.contrib.auth import get_user_model

        from onefuture.engagement.models import Consultation
        from onefuture.engagement.services.themes import theme_run_start

        consultation = Consultation.objects.get(key="town-2040")
        theme_run_start(
            user=get_user_model().objects.get(username="riverton-analyst"),
            place=consultation.place,
            consultation=consultation,
            n_themes=3,
        )
    elif argv[0] == "status":
        run = ThemeRun.objects.order_by("-id").first()
        themes = Theme.objects.filter(run=run).count() if run else 0
        print(f"{run.status if run else 'none'}|{run.progress if run else 0}|{themes}")


if __name__ == "__main__":
    main(sys.argv[1:])
