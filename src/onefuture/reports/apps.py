from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "onefuture.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from onefuture.reports import publication

        publication.register()  # the brochure (and its page) and the presentation

        from onefuture.reports import tracker

        tracker.register()  # the scrutiny recommendations tracker (ADR 0035)

        from onefuture.reports import runs

        runs.register()  # the reports page, through the job queue (ADR 0037)

        from onefuture.reports.builders import engagement

        engagement.register()  # the engagement report (docx, pdf)

        from onefuture.reports.builders import scrutiny

        scrutiny.register()  # the scrutiny committee report (docx, pdf; ADR 0034)
