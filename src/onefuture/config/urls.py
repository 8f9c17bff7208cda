from django.contrib import admin
from django.urls import include, path, re_path

from onefuture.core.health import health

urlpatterns = [
    # The database and the job queue, for load balancers and monitors (ADR 0043).
    re_path(r"^health/?$", health, name="health"),
    path("admin/", admin.site.urls),
    # The JSON API (onefuture.api: routers the apps registered; ADR 0026), before the pages.
    path("api/v1/", include("onefuture.api.urls")),
    # Every public page, as the apps registered them (onefuture.web.registry).
    path("", include("onefuture.web.urls")),
]

# A missing page, a refusal or a server error keeps the public site's layout. These are what
# every mode shows: DEBUG (Django's debug pages) is on only when DJANGO_DEBUG=1.
handler404 = "onefuture.web.views.page_not_found"
handler403 = "onefuture.web.views.permission_denied"
handler500 = "onefuture.web.views.server_error"
