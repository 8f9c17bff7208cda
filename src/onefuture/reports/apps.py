from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "onefuture.reports"
    label = "reports"
    verbose_name = "Reports"
