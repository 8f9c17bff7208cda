from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from onefuture.opendata.models import OpenDataLicence


@admin.register(OpenDataLicence)
class OpenDataLicenceAdmin(SimpleHistoryAdmin):
    list_display = ["place", "title", "publisher"]
