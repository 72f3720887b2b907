"""Mounted at /regioner/<region_slug>/: the region's initiatives and meetings."""

from django.urls import include, path

from ..views import (
    advice,
    assessment,
    comments,
    decision_documents,
    decisions,
    detail,
    ideas,
    participants,
    pipeline,
    proposal,
    proposal_documents,
    transitions,
    waiting,
)

app_name = "initiatives"

initiative_patterns = [
    path("", detail.detail, name="detail"),
    path("ide/", ideas.edit, name="edit_idea"),
    path("diarienummer/", ideas.registration, name="registration"),
    path("deltagare/", participants.manage, name="participants"),
    path("deltagare/<int:participant_pk>/", participants.edit, name="edit_participant"),
    path("deltagare/<int:participant_pk>/ta-bort/", participants.remove, name="remove_participant"),
    path("radgivning/", advice.advice, name="advice"),
    path("kommentarer/", comments.post, name="comment"),
    path("kriterier/", assessment.criteria, name="criteria"),
    path("beredning/", assessment.preparation, name="preparation"),
    path("underlag/", proposal.edit, name="proposal"),
    path("underlag/effektmatt/", proposal.add_measure, name="add_measure"),
    path(
        "underlag/effektmatt/<int:measure_pk>/ta-bort/",
        proposal.remove_measure,
        name="remove_measure",
    ),
    path("underlag/budget/", proposal.add_budget_line, name="add_budget_line"),
    path("underlag.pdf", proposal_documents.proposal_pdf, name="proposal_pdf"),
    path("underlag.docx", proposal_documents.proposal_docx, name="proposal_docx"),
    path(
        "underlag/budget/<int:line_pk>/ta-bort/",
        proposal.remove_budget_line,
        name="remove_budget_line",
    ),
    path("steg/<int:transition_pk>/", transitions.take, name="transition"),
    path("rekommendation/<int:transition_pk>/", decisions.recommend, name="recommend"),
    path("beslut/<int:transition_pk>/", decisions.decide, name="decide"),
    path("beslut/rattelse/<int:decision_pk>/", decisions.correct, name="correct_decision"),
    path("", include("pusselbit.initiatives.urls.execution")),
    path("", include("pusselbit.initiatives.urls.checkins")),
]

urlpatterns = [
    path("satsningar/", pipeline.pipeline, name="pipeline"),
    path("satsningar/ny/", ideas.create, name="create"),
    path("satsningar/<int:pk>/", include(initiative_patterns)),
    path("moten/", include("pusselbit.initiatives.urls.meetings")),
    path("vantar-pa-dig/", waiting.waiting, name="waiting"),
    path(
        "beslut/<int:decision_pk>/beslut.pdf", decision_documents.decision_pdf, name="decision_pdf"
    ),
    path(
        "beslut/<int:decision_pk>/beslut.docx",
        decision_documents.decision_docx,
        name="decision_docx",
    ),
]
