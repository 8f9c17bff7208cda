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

        from onefuture.reports.builders import engagement

        engagement.register()  # the engagement report (docx, pdf)

        from onefuture.reports.builders.scrutiny import scrutiny_build
        from onefuture.reports.document import ReportKind, report_register

        report_register(
            ReportKind(
                key="scrutiny",
                title="Scrutiny committee report",
                build=scrutiny_build,
                formats=("docx", "pdf"),
                description="The council-format report to the scrutiny committee from live "
                "data: what changed, each big thing's measures and routemap, engagement, "
                "the recommendations tracker (ADR 0034).",
            )
        )
