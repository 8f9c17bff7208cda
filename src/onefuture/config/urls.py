from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # Every public page, as the apps registered them (onefuture.web.registry).
    path("", include("onefuture.web.urls")),
]

# A missing page or a refusal keeps the public site's layout (used when DEBUG is off).
handler404 = "onefuture.web.views.page_not_found"
handler403 = "onefuture.web.views.permission_denied"
