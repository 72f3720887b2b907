from django.urls import path, re_path

from .api import api
from .problems import not_found_view

urlpatterns = [
    path("v1/", api.urls),
    # Anything else under /api/ is a problem document too, not the site's HTML 404.
    re_path(r"^(?P<rest>.*)$", not_found_view),
]
