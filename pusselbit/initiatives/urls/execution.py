"""execution pages."""

urlpatterns = []
