"""reporting pages, mounted under /regioner/<region_slug>/redovisning/."""

from django.urls import path

from .views import compilations, outcomes, preconditions, question_sets, reports, requirements

app_name = "reporting"
urlpatterns = [
    path("", reports.overview, name="overview"),
    path("fragor/", question_sets.import_view, name="question_sets"),
    path("krav/ny/", requirements.create_view, name="new_requirement"),
    path("krav/<int:requirement_pk>/andra/", requirements.edit_view, name="edit_requirement"),
    path(
        "krav/<int:requirement_pk>/rapporttext/",
        requirements.narrative_view,
        name="narrative",
    ),
    path(
        "krav/<int:requirement_pk>/ta-bort/",
        requirements.remove_view,
        name="remove_requirement",
    ),
    path("krav/<int:requirement_pk>/", reports.recipients, name="recipients"),
    path("krav/<int:requirement_pk>/<int:recipient_pk>/", reports.report, name="report"),
    path("krav/<int:requirement_pk>/<int:recipient_pk>/ratta/", reports.correct, name="correct"),
    path("version/<int:report_pk>/", reports.version, name="version"),
    path("sammanstallning/<int:requirement_pk>/", compilations.start, name="compile"),
    path(
        "sammanstallning/korning/<int:compilation_pk>/",
        compilations.compilation,
        name="compilation",
    ),
    path(
        "sammanstallning/korning/<int:compilation_pk>/status.json",
        compilations.status,
        name="compilation_status",
    ),
    path(
        "sammanstallning/korning/<int:compilation_pk>/sammanstallning.<str:extension>",
        compilations.download,
        name="compilation_download",
    ),
    path(
        "sammanstallning/korning/<int:compilation_pk>/publicera/",
        compilations.publish,
        name="publish_compilation",
    ),
    path(
        "forutsattningar/<int:agreement_pk>/",
        preconditions.preconditions,
        name="preconditions",
    ),
    path(
        "forutsattningar/<int:agreement_pk>/markera/",
        preconditions.check_many_view,
        name="check_preconditions",
    ),
    path("uppfoljning/", outcomes.outcomes_view, name="outcomes"),
]
