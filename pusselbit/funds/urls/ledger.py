"""Ledger and requisition pages."""

urlpatterns = []
