"""documents pages, mounted under /regioner/<region_slug>/dokument/."""

from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("uppdrag/<int:pk>/uppdragshandling.pdf", views.assignment_pdf, name="assignment_pdf"),
    path("uppdrag/<int:pk>/uppdragshandling.docx", views.assignment_docx, name="assignment_docx"),
    path("beslut/<int:decision_pk>/beslut.pdf", views.decision_pdf, name="decision_pdf"),
    path("beslut/<int:decision_pk>/beslut.docx", views.decision_docx, name="decision_docx"),
]
