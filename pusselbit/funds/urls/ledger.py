"""Ledger and requisition pages."""

from django.urls import path

from ..views import ledger

urlpatterns = [
    path("huvudbok/", ledger.ledger, name="ledger"),
    path("konto/<int:share_pk>/", ledger.account, name="account"),
    path("rekvisitioner/", ledger.requisitions, name="requisitions"),
    path("rekvisitioner/ny/", ledger.requisition_create, name="requisition_create"),
]
