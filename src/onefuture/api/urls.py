"""``/api/v1/``: the URLconf ``config/urls.py`` includes; built once, after every app's ready().

Route names are in the ``api`` namespace: ``reverse("api:routemap_list")``.
"""

from __future__ import annotations

from onefuture.api.main import api_build

api = api_build(urls_namespace="api")

app_name = "api"
urlpatterns = api.urls[0]
