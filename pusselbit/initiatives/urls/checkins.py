"""checkins pages."""

urlpatterns = []
