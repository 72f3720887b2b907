"""Use-of-funds proposals, mounted under /regioner/<region_slug>/forslag/: one per agreement
year, addressed by the agreement."""

from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("<int:agreement_pk>/", views.detail, name="detail"),
    path("<int:agreement_pk>/skriv/", views.create, name="create"),
    path("<int:agreement_pk>/redigera/", views.edit, name="edit"),
    path(
        "<int:agreement_pk>/inriktning/<int:direction_pk>/",
        views.edit_direction,
        name="edit_direction",
    ),
    path("<int:agreement_pk>/faststall/", views.adopt, name="adopt"),
    path("<int:agreement_pk>/forslag.pdf", views.proposal_pdf, name="pdf"),
    path("<int:agreement_pk>/forslag.docx", views.proposal_docx, name="docx"),
]
