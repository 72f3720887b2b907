"""assignments pages, mounted under /regioner/<region_slug>/uppdrag/."""

from django.urls import path

from .views import documents, downloads, follow_up, parts

app_name = "assignments"
urlpatterns = [
    path("", documents.assignment_list, name="list"),
    path("ny/", documents.create, name="create"),
    path("<int:pk>/", documents.detail, name="detail"),
    path("<int:pk>/uppdragshandling.pdf", downloads.document_pdf, name="document_pdf"),
    path("<int:pk>/uppdragshandling.docx", downloads.document_docx, name="document_docx"),
    path("<int:pk>/redigera/", documents.edit, name="edit"),
    path("<int:pk>/tjanster/", parts.add_position, name="add_position"),
    path("<int:pk>/punkter/", parts.add_point, name="add_point"),
    path("<int:pk>/rapportering/", parts.add_reporting_line, name="add_reporting_line"),
    path("<int:pk>/tidplan/", parts.add_milestone, name="add_milestone"),
    path("<int:pk>/undertecknare/", parts.add_signatory, name="add_signatory"),
    path("<int:pk>/ta-bort/<str:part>/<int:part_pk>/", parts.remove_part, name="remove_part"),
    path("<int:pk>/faststall/", follow_up.adopt, name="adopt"),
    path(
        "<int:pk>/tidplan/<int:milestone_pk>/klar/",
        follow_up.complete_milestone,
        name="complete_milestone",
    ),
]
