from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("onefuture.website.urls")),
]

# A missing page keeps the public site's layout (used when DEBUG is off).
handler404 = "onefuture.website.views.page_not_found"
